"""The article as it will read, editable as text, with flagged spans underlined.

Each place of the article is one paragraph of the QTextDocument, tagged in
its block format with a role (headline, byline, body, image, caption, credit,
alt, meta) and the article block index it came from, so flag offsets (which are
offsets into a block's field text) map one to one onto document text. Image
slots (picture, caption, credit, alt text) are shown but protected: they are
edited in the Images panel, where the photo desk's permissions apply.

Flag underlines come from a QSyntaxHighlighter that only paints a span when
the text there is still the flagged text, so a stale flag never underlines
the wrong words while newer checks are on their way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any, NamedTuple

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QHelpEvent,
    QImage,
    QKeyEvent,
    QPainter,
    QSyntaxHighlighter,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QToolTip, QWidget

from editor_app.domain import Article, Block, BlockType, Flag, FlagKind, FlagStatus
from editor_app.ui.theme import KIND_LABELS, kind_colour

ROLE = QTextFormat.Property.UserProperty + 1
INDEX = QTextFormat.Property.UserProperty + 2
BTYPE = QTextFormat.Property.UserProperty + 3

PROTECTED = frozenset({"image", "caption", "credit", "alt", "meta"})
IMAGE_ROLES = frozenset({"image", "caption", "credit", "alt"})
FIELD_OF_ROLE = {"caption": "caption", "credit": "credit", "alt": "alt"}
LINE_SEP = "\u2028"
PARAGRAPH_SEP = "\u2029"  # between paragraphs in QTextDocument.toRawText()
THUMB_WIDTH = 360
BUILD_CHUNK = 40  # document blocks inserted per event-loop turn when opening an article
REHIGHLIGHT_CHUNK = 25  # paragraphs re-underlined per event-loop turn


class Place(NamedTuple):
    """A checkable place: article block (-1 headline, -2 byline) and field (hashed as a tuple: fast)."""

    block: int
    field: str = "text"


def place_of_flag(flag: Flag) -> Place:
    return Place(flag.block, flag.field)


def to_doc(text: str) -> str:
    return text.replace("\r\n", LINE_SEP).replace("\n", LINE_SEP)


def from_doc(text: str) -> str:
    return text.replace(LINE_SEP, "\n")


def block_role(block: QTextBlock) -> str:
    value = block.blockFormat().property(ROLE)
    return value if isinstance(value, str) else "body"


def block_index(block: QTextBlock) -> int:
    value = block.blockFormat().property(INDEX)
    return int(value) if isinstance(value, int) else -99


def place_of_block(block: QTextBlock) -> Place | None:
    """The checkable place a paragraph shows (None for pictures and the dateline)."""
    role = block_role(block)
    return None if role == "image" else _place_key(role, block_index(block))


def _place_key(role: str, index: int) -> Place | None:
    """The article place a paragraph of ``role`` shows (image paragraphs: field "image")."""
    if role == "headline":
        return Place(-1)
    if role == "byline":
        return Place(-2) if index == 0 else None
    if role == "body":
        return Place(index)
    if role == "image":
        return Place(index, "image")
    if role in FIELD_OF_ROLE:
        return Place(index, FIELD_OF_ROLE[role])
    return None


ALIGN_CENTER = 0x0084  # Qt.AlignmentFlag.AlignCenter, as the int QPainter.drawText takes


def placeholder_image(
    width: int = THUMB_WIDTH, height: int = 90, text: str = "No picture file attached"
) -> QImage:
    """A grey card with a frame and a line of text, for an image slot with no file.

    Made from raw pixels and the painter's default pen because it is drawn
    before the first paint, and QPainter's colour overloads (like ``Qt`` itself)
    load all of ``Qt``'s enums (see ``editor_app.ui``).
    """
    fill, edge = bytes.fromhex("d9dce1ff"), bytes.fromhex("5f6368ff")  # RGBA
    row = edge + fill * (width - 2) + edge
    pixels = edge * width + row * (height - 2) + edge * width
    image = QImage(pixels, width, height, QImage.Format.Format_RGBA8888).copy()
    painter = QPainter(image)
    font = QFont()
    font.setPointSize(11)
    painter.setFont(font)
    painter.setOpacity(0.65)  # black text at 65 % on the grey: the frame's grey
    painter.drawText(QRect(0, 0, width, height), ALIGN_CENTER, text)
    painter.end()
    return image


class FlagHighlighter(QSyntaxHighlighter):
    """Underlines open flags in their kind's colour (and closed ones faintly, if asked)."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._spans: dict[Place, list[Flag]] = {}
        self._sigs: dict[Place, tuple[tuple[str, int, int], ...]] = {}
        self._formats: dict[FlagKind, QTextCharFormat] = {}
        for kind in FlagKind:
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(kind_colour(kind))
            self._formats[kind] = fmt

    def set_flags(self, flags: Iterable[Flag]) -> set[Place]:
        """Replace the flags; returns the places whose underlines changed (to repaint only those)."""
        spans: dict[Place, list[Flag]] = {}
        open_status = FlagStatus.OPEN
        for flag in flags:
            if flag.status is open_status:
                key = Place(flag.block, flag.field)
                found = spans.get(key)
                if found is None:
                    spans[key] = [flag]
                else:
                    found.append(flag)
        sigs = {p: tuple((f.id, f.start, f.end) for f in fs) for p, fs in spans.items()}
        old = self._sigs
        changed = {p for p in sigs.keys() | old.keys() if sigs.get(p) != old.get(p)}
        self._spans, self._sigs = spans, sigs
        return changed

    def open_flags(self) -> list[Flag]:
        return [f for flags in self._spans.values() for f in flags]

    def flags_at(self, place: Place) -> list[Flag]:
        return self._spans.get(place, [])

    def highlightBlock(self, text: str) -> None:
        place = place_of_block(self.currentBlock())
        if place is None:
            return
        for flag in self._spans.get(place, ()):
            if text[flag.start : flag.end] == to_doc(flag.text) and flag.end > flag.start:
                self.setFormat(flag.start, flag.end - flag.start, self._formats[flag.kind])


class ArticleView(QTextEdit):
    """The editable article. It never calls services: it emits what the user asked for."""

    acceptRequested = Signal(object, int)  # flag, suggestion index
    resolveRequested = Signal(object, str)  # flag, status value ("verified", "waived", ...)
    noteRequested = Signal(object)  # flag
    flagSelectionRequested = Signal(object, int, int, str)  # place, start, end, text
    flagClicked = Signal(object)  # flag under the cursor after a click or F8
    undoRequested = Signal()
    redoRequested = Signal()
    refusedEdit = Signal(str)  # why an edit was refused (protected image fields)
    built = Signal()  # the article is fully in the document

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(True)
        self.document().setDocumentMargin(24)
        self.highlighter = FlagHighlighter(self.document())
        self._article: Article | None = None
        self._roles: list[tuple[str, int, BlockType | None]] | None = None
        self._places: dict[Place, int] = {}
        self.document().blockCountChanged.connect(self._on_block_count_changed)
        self.document().contentsChange.connect(self._on_contents_change)
        self._building = False
        self._pending: list[tuple[str, int, str, Any]] = []
        self._current_flag: Flag | None = None
        self._thumbs: dict[int, QImage] = {}
        self._rehighlight: set[Place] = set()
        self._flags_shown: list[Flag] | None = None
        self._base_font = QFont(self.font())
        self._base_font.setPointSizeF(max(self._base_font.pointSizeF(), 11.0))
        self.document().setDefaultFont(self._base_font)
        self.setMinimumWidth(360)

    # -- building the document ---------------------------------------------
    @property
    def article(self) -> Article | None:
        return self._article

    def is_building(self) -> bool:
        return self._building

    def show_article(self, article: Article, thumbnails: dict[int, QImage] | None = None) -> None:
        """Render ``article``; long articles are inserted over several event-loop turns."""
        self._article = article
        self._thumbs = dict(thumbnails or {})
        self._roles = None
        self._rehighlight.clear()
        self._flags_shown = None
        self._current_flag = None
        self.setExtraSelections([])
        doc = self.document()
        doc.setUndoRedoEnabled(False)
        self._building = True
        self.setReadOnly(True)
        doc.clear()
        self._pending = list(self._plan(article))
        self._first = True
        QTimer.singleShot(0, self._build_step)

    def _plan(self, article: Article) -> Iterable[tuple[str, int, str, Any]]:
        """(role, index, text, block type) for every paragraph of the document."""
        yield ("headline", -1, article.headline, None)
        for j, line in enumerate(article.bylines):
            yield ("byline", j, line, None)
        dates = []
        if article.published:
            dates.append(f"Published {article.published:%d %B %Y}")
        if article.updated:
            dates.append(f"Updated {article.updated:%d %B %Y}")
        if dates:
            yield ("meta", -3, " · ".join(dates), None)
        for i, block in enumerate(article.blocks):
            if block.image is not None:
                yield ("image", i, "", None)
                yield ("caption", i, block.image.caption, None)
                yield ("credit", i, block.image.credit, None)
                if block.image.alt:
                    yield ("alt", i, block.image.alt, None)
            else:
                yield ("body", i, block.text, block.type)

    def _build_step(self) -> None:
        if not self._building:
            return
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        chunk, self._pending = self._pending[:BUILD_CHUNK], self._pending[BUILD_CHUNK:]
        cursor.beginEditBlock()
        for role, index, text, btype in chunk:
            if not self._first:
                cursor.insertBlock()
            self._first = False
            self._format_block(cursor, role, index, btype)
            if role == "image":
                name = f"thumb:{index}"
                image = self._thumbs.get(index) or placeholder_image()
                self.document().addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
                fmt = QTextImageFormat()
                fmt.setName(name)
                width = min(THUMB_WIDTH * 1.6, image.width())
                fmt.setWidth(width)
                fmt.setHeight(width * image.height() / max(1, image.width()))
                cursor.insertImage(fmt)
            else:
                cursor.insertText(to_doc(text), self._char_format(role, btype))
        cursor.endEditBlock()
        if self._pending:
            QTimer.singleShot(0, self._build_step)
            return
        self._building = False
        doc = self.document()
        doc.setUndoRedoEnabled(True)
        doc.setModified(False)
        self.setReadOnly(False)
        start = QTextCursor(doc)
        self.setTextCursor(start)
        self.built.emit()

    def _format_block(self, cursor: QTextCursor, role: str, index: int, btype: BlockType | None) -> None:
        fmt = QTextBlockFormat()
        fmt.setProperty(ROLE, role)
        fmt.setProperty(INDEX, index)
        if btype is not None:
            fmt.setProperty(BTYPE, btype.value)
        fmt.setBottomMargin(10)
        if role == "headline":
            fmt.setBottomMargin(6)
        elif role in ("byline", "meta"):
            fmt.setBottomMargin(2)
        elif role == "image":
            fmt.setTopMargin(8)
            fmt.setBottomMargin(2)
        elif role in ("caption", "credit"):
            fmt.setBottomMargin(1)
        elif role == "alt":
            fmt.setBottomMargin(12)
        if btype is BlockType.QUOTE:
            fmt.setLeftMargin(28)
            fmt.setRightMargin(28)
        fmt.setLineHeight(
            125 if role == "body" else 110, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        )
        cursor.setBlockFormat(fmt)

    def _char_format(self, role: str, btype: BlockType | None) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFont(self._base_font)
        size = self._base_font.pointSizeF()
        muted = self.palette().placeholderText()  # a QBrush: from a QColor, setForeground loads ``Qt``
        if role == "headline":
            fmt.setFontPointSize(size * 1.9)
            fmt.setFontWeight(QFont.Weight.Bold)
        elif role == "byline":
            fmt.setFontItalic(True)
        elif role == "meta":
            fmt.setFontPointSize(size * 0.85)
            fmt.setForeground(muted)
        elif role == "caption":
            fmt.setFontPointSize(size * 0.92)
        elif role == "credit":
            fmt.setFontPointSize(size * 0.8)
            fmt.setFontCapitalization(QFont.Capitalization.MixedCase)
            fmt.setForeground(muted)
        elif role == "alt":
            fmt.setFontPointSize(size * 0.8)
            fmt.setFontItalic(True)
            fmt.setForeground(muted)
            fmt.setToolTip("Alt text (for screen readers; not shown to sighted readers)")
        elif btype is BlockType.SUBHEADING:
            fmt.setFontPointSize(size * 1.25)
            fmt.setFontWeight(QFont.Weight.DemiBold)
        elif btype is BlockType.QUOTE:
            fmt.setFontItalic(True)
        elif btype is BlockType.BOILERPLATE:
            fmt.setForeground(muted)
            fmt.setFontStrikeOut(True)
            fmt.setToolTip("Boilerplate from the source page: kept for the record, never exported")
        return fmt

    def set_thumbnail(self, index: int, image: QImage) -> None:
        """Swap in a real thumbnail once it has been made (off the GUI thread)."""
        self._thumbs[index] = image
        self.document().addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"thumb:{index}"), image)
        block = self.block_for(Place(index, "image"))
        if block is not None:
            self.document().markContentsDirty(block.position(), block.length())

    # -- reading the text back ---------------------------------------------
    def current_article(self) -> Article:
        """The article as the document has it now (image slots as they were loaded).

        One call fetches all the text; the paragraph roles come from a cache kept
        until paragraphs are added or removed, so this stays cheap on long articles.
        """
        assert self._article is not None
        base = self._article
        headline: list[str] = []
        bylines: list[str] = []
        blocks: list[Block] = []
        seen_images: set[int] = set()
        texts = self.document().toRawText().split(PARAGRAPH_SEP)
        for (role, index, btype), raw in zip(self._paragraph_roles(), texts, strict=False):
            text = from_doc(raw)
            if role == "headline":
                headline.append(text)
            elif role == "byline":
                bylines.append(text)
            elif role == "body":
                blocks.append(Block(btype or BlockType.PARAGRAPH, text))
            elif role in IMAGE_ROLES and index not in seen_images and 0 <= index < len(base.blocks):
                seen_images.add(index)
                original = base.blocks[index]
                blocks.append(Block(original.type, original.text, original.image))
        # Image slots are shared with the loaded article: the editor never changes them.
        return replace(base, headline=" ".join(headline), bylines=bylines, blocks=blocks)

    def _paragraph_roles(self) -> list[tuple[str, int, BlockType | None]]:
        """(role, article index, block type) of every paragraph, in document order (cached)."""
        if self._roles is None:
            roles: list[tuple[str, int, BlockType | None]] = []
            places: dict[Place, int] = {}
            block = self.document().begin()
            while block.isValid():
                fmt = block.blockFormat()
                role, index, raw = fmt.property(ROLE), fmt.property(INDEX), fmt.property(BTYPE)
                role = role if isinstance(role, str) else "body"
                index = int(index) if isinstance(index, int) else -99
                btype = BlockType(raw) if isinstance(raw, str) else None
                key = _place_key(role, index)
                if key is not None and key not in places:
                    places[key] = len(roles)
                roles.append((role, index, btype))
                block = block.next()
            self._roles, self._places = roles, places
        return self._roles

    def _on_block_count_changed(self, _count: int) -> None:
        self._roles = None

    def _on_contents_change(self, position: int, _removed: int, added: int) -> None:
        # A replacement that joins and splits paragraphs can keep their number the same.
        doc = self.document()
        if added and doc.findBlock(position).blockNumber() != doc.findBlock(position + added).blockNumber():
            self._roles = None

    def set_base(self, article: Article) -> None:
        """The stored article changed underneath without a re-render (an accepted suggestion)."""
        self._article = article

    def update_image_fields(self, article: Article) -> bool:
        """Show new captions and credits after a photo-desk change (not undoable: it is stored).

        Returns whether anything changed (the document's undo history is then cleared,
        since its positions no longer hold).
        """
        self._article = article
        doc = self.document()
        cursor = QTextCursor(doc)
        changed = False
        cursor.beginEditBlock()
        for i, slot in article.images:
            for role, value in (("caption", slot.caption), ("credit", slot.credit), ("alt", slot.alt)):
                block = self.block_for(Place(i, role))
                if block is None or from_doc(block.text()) == value:
                    continue
                cursor.setPosition(block.position())
                cursor.setPosition(block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
                cursor.insertText(to_doc(value), self._char_format(role, None))
                changed = True
        cursor.endEditBlock()
        if changed:
            doc.clearUndoRedoStacks()
        return changed

    # -- places and flags --------------------------------------------------
    def block_for(self, place: Place) -> QTextBlock | None:
        """The document paragraph for an article place (from the paragraph-role cache)."""
        self._paragraph_roles()
        number = self._places.get(place)
        if number is None:
            return None
        block = self.document().findBlockByNumber(number)
        return block if block.isValid() else None

    def set_flags(self, flags: list[Flag]) -> None:
        """New flags from the checks: repaint only the paragraphs whose underlines changed.

        While the document is being built the flags are only remembered: each
        paragraph is underlined as it is inserted. Afterwards changed paragraphs
        are repainted a few at a time, so a long article never freezes the window.
        """
        if flags is self._flags_shown:
            return
        self._flags_shown = flags
        changed = self.highlighter.set_flags(flags)
        if self._building:
            changed.clear()
        if changed:
            start = not self._rehighlight
            self._rehighlight.update(changed)
            if start:
                QTimer.singleShot(0, self._rehighlight_step)
        if self._current_flag is not None:
            self._current_flag = next(
                (f for f in self.highlighter.open_flags() if f.id == self._current_flag.id), None
            )
            if self._current_flag is None:
                self.setExtraSelections([])

    def _rehighlight_step(self) -> None:
        for _ in range(min(REHIGHLIGHT_CHUNK, len(self._rehighlight))):
            block = self.block_for(self._rehighlight.pop())
            if block is not None:
                self.highlighter.rehighlightBlock(block)
        if self._rehighlight:
            QTimer.singleShot(0, self._rehighlight_step)

    def underlines_pending(self) -> bool:
        return bool(self._rehighlight)

    def flag_position(self, flag: Flag) -> tuple[int, int] | None:
        """Document positions of a flag's span, if the text there is still the flagged text."""
        block = self.block_for(place_of_flag(flag))
        if block is None:
            return None
        if block.text()[flag.start : flag.end] != to_doc(flag.text):
            return None
        return block.position() + flag.start, block.position() + flag.end

    def flag_at(self, position: int) -> Flag | None:
        block = self.document().findBlock(position)
        place = place_of_block(block)
        if place is None:
            return None
        offset = position - block.position()
        text = block.text()
        for flag in self.highlighter.flags_at(place):
            if flag.start <= offset <= flag.end and text[flag.start : flag.end] == to_doc(flag.text):
                return flag
        return None

    def reveal(self, flag: Flag) -> bool:
        """Select and scroll to a flag's span; False when its text is no longer there."""
        span = self.flag_position(flag)
        if span is None:
            block = self.block_for(place_of_flag(flag))
            if block is None:
                return False
            cursor = QTextCursor(block)
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
            return False
        cursor = QTextCursor(self.document())
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        self._current_flag = flag
        marker = QTextEdit.ExtraSelection()
        marker.cursor = cursor
        fmt = QTextCharFormat()
        colour = QColor(kind_colour(flag.kind))
        colour.setAlpha(60)
        fmt.setBackground(colour)
        marker.format = fmt
        self.setExtraSelections([marker])
        return True

    def open_flags_in_order(self) -> list[tuple[int, Flag]]:
        """Open flags whose text is still in place, by document position."""
        out = []
        for flag in self.highlighter.open_flags():
            span = self.flag_position(flag)
            if span is not None:
                out.append((span[0], flag))
        out.sort(key=lambda pair: pair[0])
        return out

    def next_flag(self, backwards: bool = False) -> Flag | None:
        """The next (or previous) open flag from the cursor, wrapping around the article."""
        ordered = self.open_flags_in_order()
        if not ordered:
            return None
        cursor = self.textCursor()
        here = cursor.selectionStart() if backwards else cursor.selectionEnd()
        if backwards:
            earlier = [p for p in ordered if p[0] < here]
            return (earlier[-1] if earlier else ordered[-1])[1]
        if self._current_flag is not None and cursor.hasSelection():
            here = cursor.selectionStart() + 1
        later = [p for p in ordered if p[0] >= here]
        return (later[0] if later else ordered[0])[1]

    # -- word-processor behaviour ------------------------------------------
    def event(self, e: QEvent) -> bool:
        # Undo/redo belong to the window's QUndoStack (accepted suggestions are on it too).
        if e.type() == QEvent.Type.ShortcutOverride and isinstance(e, QKeyEvent):
            from PySide6.QtGui import QKeySequence  # not before the first paint (see editor_app.ui)

            if e.matches(QKeySequence.StandardKey.Undo) or e.matches(QKeySequence.StandardKey.Redo):
                e.ignore()
                return True
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            flag = self.flag_at(
                self.cursorForPosition(self.viewport().mapFromGlobal(e.globalPos())).position()
            )
            if flag is not None:
                QToolTip.showText(e.globalPos(), flag_tooltip(flag), self)
            else:
                QToolTip.hideText()
                e.ignore()
            return True
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        from PySide6.QtGui import QKeySequence

        if e.matches(QKeySequence.StandardKey.Undo):
            self.undoRequested.emit()
            return
        if e.matches(QKeySequence.StandardKey.Redo):
            self.redoRequested.emit()
            return
        if not self.isReadOnly() and not self._edit_allowed(e):
            return
        super().keyPressEvent(e)

    def _edit_allowed(self, e: QKeyEvent) -> bool:
        """Refuse keystrokes that would change a protected paragraph or merge/split the headline."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeySequence

        text = e.text()
        key = e.key()
        editing = (
            bool(text and text.isprintable())
            or key
            in (
                Qt.Key.Key_Backspace,
                Qt.Key.Key_Delete,
                Qt.Key.Key_Return,
                Qt.Key.Key_Enter,
            )
            or e.matches(QKeySequence.StandardKey.Cut)
            or e.matches(QKeySequence.StandardKey.Paste)
        )
        if not editing:
            return True
        cursor = self.textCursor()
        reason = self.edit_refusal(cursor, key)
        if reason:
            self.refusedEdit.emit(reason)
            return False
        return True

    def edit_refusal(self, cursor: QTextCursor, key: int = 0) -> str:
        """Why an edit at ``cursor`` is not allowed here, or ""."""
        from PySide6.QtCore import Qt

        doc = self.document()
        first = doc.findBlock(cursor.selectionStart())
        last = doc.findBlock(cursor.selectionEnd())
        block = first
        while block.isValid():
            if block_role(block) in PROTECTED:
                return "Captions, credits and alt text are edited in the Images panel."
            if block == last:
                break
            block = block.next()
        if first != last and {block_role(first), block_role(last)} & {"headline", "byline"}:
            return "The headline and byline are separate lines; edit them one at a time."
        if not cursor.hasSelection():
            pos = cursor.position()
            if key == Qt.Key.Key_Backspace and pos == first.position():
                prev = first.previous()
                if not prev.isValid() or block_role(prev) != "body" or block_role(first) != "body":
                    return "Paragraphs next to the headline, byline and pictures cannot be joined."
            if key == Qt.Key.Key_Delete and pos == first.position() + first.length() - 1:
                nxt = first.next()
                if not nxt.isValid() or block_role(nxt) != "body" or block_role(first) != "body":
                    return "Paragraphs next to the headline, byline and pictures cannot be joined."
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and block_role(first) in ("headline", "byline"):
            return "The headline and byline are one line each."
        return ""

    def canInsertFromMimeData(self, source: Any) -> bool:
        return not self.edit_refusal(self.textCursor()) and super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: Any) -> None:
        reason = self.edit_refusal(self.textCursor())
        if reason:
            self.refusedEdit.emit(reason)
            return
        if source.hasText():
            text = source.text()
            if block_role(self.textCursor().block()) in ("headline", "byline"):
                text = " ".join(text.split())
            self.textCursor().insertText(text)

    def contextMenuEvent(self, e: QContextMenuEvent) -> None:
        menu = self.build_context_menu(e.pos())
        menu.exec(e.globalPos())
        menu.deleteLater()

    def build_context_menu(self, pos: QPoint) -> QMenu:
        """Suggestions first (as a spelling menu has them), then review actions, then the editing ones."""
        menu = QMenu(self)
        menu.setObjectName("articleContextMenu")
        cursor = self.textCursor()
        click = self.cursorForPosition(pos)
        if not cursor.hasSelection() or not (
            cursor.selectionStart() <= click.position() <= cursor.selectionEnd()
        ):
            cursor = click
            self.setTextCursor(cursor)
        flag = self.flag_at(click.position())
        if flag is not None:
            title = menu.addAction(f"{KIND_LABELS.get(flag.kind, flag.kind.value)}: {flag.message}")
            title.setEnabled(False)
            for i, suggestion in enumerate(flag.suggestions[:8]):
                action = menu.addAction(suggestion_label(suggestion))
                font = action.font()
                font.setBold(True)
                action.setFont(font)
                action.setObjectName(f"suggestion-{i}")
                action.triggered.connect(lambda _=False, f=flag, n=i: self.acceptRequested.emit(f, n))
            if not flag.suggestions:
                none = menu.addAction("(no suggestions)")
                none.setEnabled(False)
            menu.addSeparator()
            verify = menu.addAction("Verify…")
            verify.setObjectName("verify")
            verify.triggered.connect(lambda _=False, f=flag: self.resolveRequested.emit(f, "verified"))
            waive = menu.addAction("Waive…")
            waive.setObjectName("waive")
            waive.triggered.connect(lambda _=False, f=flag: self.resolveRequested.emit(f, "waived"))
            note = menu.addAction("Add note…")
            note.setObjectName("note")
            note.triggered.connect(lambda _=False, f=flag: self.noteRequested.emit(f))
        selection = self.textCursor()
        flag_sel = menu.addAction("Flag selection…")
        flag_sel.setObjectName("flagSelection")
        sel_place = self._selection_place(selection)
        flag_sel.setEnabled(sel_place is not None)
        if sel_place is not None:
            place, start, end, text = sel_place
            flag_sel.triggered.connect(
                lambda _=False, p=place, s=start, n=end, t=text: self.flagSelectionRequested.emit(p, s, n, t)
            )
        menu.addSeparator()
        standard = self.createStandardContextMenu(pos)
        for action in standard.actions():
            if action.text().replace("&", "").startswith(("Undo", "Redo")):
                continue
            action.setParent(menu)
            menu.addAction(action)
        standard.deleteLater()
        return menu

    def _selection_place(self, cursor: QTextCursor) -> tuple[Place, int, int, str] | None:
        """The selection as a place and offsets, if it lies inside one checkable paragraph."""
        if not cursor.hasSelection():
            return None
        doc = self.document()
        block = doc.findBlock(cursor.selectionStart())
        if block != doc.findBlock(cursor.selectionEnd()):
            return None
        place = place_of_block(block)
        if place is None:
            return None
        start = cursor.selectionStart() - block.position()
        end = cursor.selectionEnd() - block.position()
        return place, start, end, from_doc(block.text()[start:end])

    def mouseReleaseEvent(self, e: Any) -> None:
        super().mouseReleaseEvent(e)
        flag = self.flag_at(self.textCursor().position())
        if flag is not None:
            self.flagClicked.emit(flag)

    def sizeHint(self) -> QSize:
        return QSize(720, 600)


def suggestion_label(suggestion: str) -> str:
    """How a suggestion reads in a menu: an empty one removes the flagged text."""
    if not suggestion:
        return "(delete it)"
    if not suggestion.strip():
        return f"(replace with {len(suggestion)} space{'s' if len(suggestion) > 1 else ''})"
    return suggestion


def flag_tooltip(flag: Flag) -> str:
    lines = [
        f"<b>{KIND_LABELS.get(flag.kind, flag.kind.value)}</b> ({flag.severity.value}): {_esc(flag.message)}"
    ]
    if flag.suggestions:
        lines.append("Suggestions: " + ", ".join(_esc(suggestion_label(s)) for s in flag.suggestions[:5]))
    if flag.data.get("fact"):
        lines.append("Saved fact: " + _esc(flag.data["fact"]))
    if flag.status is not FlagStatus.OPEN:
        lines.append(f"{flag.status.value} by {flag.resolved_by or '?'}")
    lines.append("<i>Right-click for suggestions and review actions.</i>")
    return "<br>".join(lines)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def legend_items() -> list[tuple[FlagKind, QColor, str]]:
    return [(k, kind_colour(k), KIND_LABELS[k]) for k in FlagKind]


__all__ = ["ArticleView", "Place", "legend_items", "placeholder_image"]
