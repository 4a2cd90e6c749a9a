"""The review view for one article: flags | article | images and history, and the work behind them.

Every change goes through the services on the one database thread
(``workers.run_in_background``); this page only decides what to ask and how
to show the answer. Edits are saved as draft revisions shortly after the last
keystroke (which also re-runs the checks); if a save fails, the text stays in
the editor and the next successful save stores it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtGui import QImage, QTextCursor, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QProgressDialog,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from editor_app.domain import (
    Article,
    CreditStatus,
    Flag,
    FlagStatus,
    Revision,
    User,
)
from editor_app.errors import Cancelled, ConflictError, StorageError, UserError
from editor_app.ui.error_dialog import show_error
from editor_app.ui.undo import AcceptSuggestionCommand, DocumentEditCommand
from editor_app.ui.views.article_view import ArticleView, Place, legend_items
from editor_app.ui.workers import Task, TaskControl, in_process, run_in_background

if TYPE_CHECKING:
    from editor_app.services import Desk
    from editor_app.services.articles import ArticleMeta
    from editor_app.services.drafts import DraftService
    from editor_app.services.images import ImageView
    from editor_app.ui.views.flag_panel import FlagPanel
    from editor_app.ui.views.history_view import HistoryView
    from editor_app.ui.views.images_panel import ImagesPanel

log = logging.getLogger("editor_app.ui.review")

AUTOSAVE_MS = 1200  # after the last keystroke; the save itself then takes well under the 2 s promise
RECHECK_MS = 300  # after a save: the checks run on their own thread, superseded by newer text
RETRY_MS = 5000
CHECK_PROGRESS_AFTER_MS = 400  # a check shorter than this shows no dialog at all
DETACHED_WORDS = 20_000  # longer articles are re-checked in a helper process (see recheck_detached)
RECOVERY_KEY = "recovery/editing"


@dataclass
class Bundle:
    """Everything the page shows about one article, read in one background call."""

    article: Article
    meta: ArticleMeta
    flags: list[Flag]
    history: list[Revision]
    images: list[ImageView] = field(default_factory=list)
    thumbs: dict[int, QImage] = field(default_factory=dict)  # by image number


def load_bundle(
    desk: Desk,
    article_id: int,
    *,
    images: bool = True,
    thumbs: bool = True,
) -> Bundle:
    """Everything about one article, read in one background call."""
    bundle = Bundle(
        article=desk.articles.get(article_id),
        meta=desk.articles.meta(article_id),
        flags=desk.review.flags(article_id),
        history=desk.articles.history(article_id),
    )
    if images:
        bundle.images = desk.images.list(article_id)
        if thumbs:
            for view in bundle.images:
                if not view.slot.image_path:
                    continue
                try:
                    data = desk.images.thumbnail(article_id, view.number)
                except (UserError, OSError) as exc:
                    log.warning("no thumbnail for image %s: %s", view.number, exc)
                    continue
                image = thumbnail_image(data)
                if image is not None:
                    bundle.thumbs[view.number] = image
    return bundle


def flag_signature(flags: list[Flag]) -> list[tuple[str, int, str]]:
    """What tells two flag lists apart cheaply: ids, row versions (bumped on every change), status."""
    return [(f.id, f.version, f.status.value) for f in flags]


def thumbnail_image(data: object) -> QImage | None:
    """A thumbnail as the photo desk hands it over (PNG bytes, or a cached file's path)."""
    image = QImage()
    if isinstance(data, bytes | bytearray):
        image.loadFromData(bytes(data))
    elif isinstance(data, str | Path):
        image.load(str(data))
    return None if image.isNull() else image


def recovering() -> list[int]:
    value = QSettings().value(RECOVERY_KEY, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [int(v) for v in value if str(v).isdigit()]


def set_recovering(article_id: int, on: bool) -> None:
    ids = [i for i in recovering() if i != article_id] + ([article_id] if on else [])
    settings = QSettings()
    settings.setValue(RECOVERY_KEY, [str(i) for i in ids])
    settings.sync()


class ReviewPage(QWidget):
    metaChanged = Signal(object)  # ArticleMeta
    statusMessage = Signal(str)
    opened = Signal(int)  # article id, once the text is on screen
    saved = Signal(int)  # revision number of a successful save
    saveFailed = Signal(str)
    checking = Signal(bool)  # a background re-check started (True) or ended (False)

    desk: Desk  # set by ``attach``; nothing reads it before then (see ``show_preview``)
    # The side panes, built by ``build_panes`` (at once, or after the first paint at start-up).
    flag_panel: FlagPanel
    images_panel: ImagesPanel
    history: HistoryView
    side: QTabWidget

    def __init__(
        self,
        desk: Desk | None,
        user: Callable[[], User],
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        *,
        panes: bool = True,
    ) -> None:
        """The page; with ``panes`` False only the article and its status line, see ``build_panes``."""
        super().__init__(parent)
        self.setObjectName("reviewPage")
        if desk is not None:
            self.desk = desk
        self.previewing = False
        self._user = user
        self.undo_stack = undo_stack
        self.article_id: int | None = None
        self.meta: ArticleMeta | None = None
        self.flags: list[Flag] = []
        self._version = 0
        self._edit_gen = 0
        self._saved_gen = 0
        self._saving: Task | None = None
        self._save_again = False
        self._save_failed = False
        self._suppress = 0
        self._pending_accept: tuple[Flag, str] | None = None
        self._after_build: list[Callable[[], None]] = []
        self._last_bundle: Bundle | None = None
        self._after_save: list[Callable[[], None]] = []
        self._rechecking: Task | None = None
        self._recheck_again = False
        self._after_recheck: list[Callable[[], None]] = []
        self._ops = 0
        self._long = False
        self._panes_left: set[str] = set()

        self.view = ArticleView()
        self.panes_built = False
        self.legend = QLabel()
        self.legend.setObjectName("flagLegend")
        self.legend.setWordWrap(True)
        self.legend.setText(
            "  ".join(
                f"<span style='color:{c.name()}'>■</span>&nbsp;{label}" for _k, c, label in legend_items()
            )
        )
        self.check_state = QLabel()
        self.check_state.setObjectName("checkState")
        self.check_state.setStyleSheet("color: gray")
        self.banner = QLabel()
        self.banner.setObjectName("saveBanner")
        self.banner.setWordWrap(False)
        self.notice = QLabel()
        self.notice.setObjectName("recoveryNotice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        self.notice.setStyleSheet(
            "background:#fff4d6; color:#5c4400; border:1px solid #e0c46c; border-radius:4px; padding:6px;"
        )

        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(4)
        centre_layout.addWidget(self.notice)
        centre_layout.addWidget(self.view, 1)
        status_row = QHBoxLayout()
        status_row.addWidget(self.legend, 1)
        status_row.addWidget(self.check_state)
        status_row.addWidget(self.banner)
        centre_layout.addLayout(status_row)

        self.splitter = QSplitter()  # horizontal
        self.splitter.setObjectName("reviewSplitter")
        self.splitter.addWidget(QWidget())  # the flags panel's place
        self.splitter.addWidget(centre)
        self.splitter.addWidget(QWidget())  # the side tabs' place
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([380, 710, 350])  # the flags pane at least as wide as it needs
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self._on_autosave_due)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self._on_autosave_due)
        self._recheck = QTimer(self)
        self._recheck.setSingleShot(True)
        self._recheck.setInterval(RECHECK_MS)
        self._recheck.timeout.connect(self._on_recheck_due)

        doc = self.view.document()
        doc.contentsChange.connect(self._on_contents_change)
        doc.undoCommandAdded.connect(self._on_undo_command_added)
        self.view.built.connect(self._on_built)
        self.checking.connect(lambda on: self.check_state.setText("Checking…" if on else ""))
        self.view.acceptRequested.connect(self.accept_suggestion)
        self.view.resolveRequested.connect(self._on_resolve_from_menu)
        self.view.noteRequested.connect(self._on_note_requested)
        self.view.flagSelectionRequested.connect(self._on_flag_selection)
        self.view.undoRequested.connect(self.undo_stack.undo)
        self.view.redoRequested.connect(self.undo_stack.redo)
        self.view.refusedEdit.connect(self.statusMessage)
        if panes:
            self.build_panes()

    def build_panes(self) -> None:
        """The flags panel, the images panel and the history, in the places kept for them.

        At start-up they are built just after the first paint, so the article
        reaches the screen without waiting for them (or for their modules).
        """
        if self.panes_built:
            return
        from editor_app.ui.views.flag_panel import FlagPanel
        from editor_app.ui.views.history_view import HistoryView
        from editor_app.ui.views.images_panel import ImagesPanel

        self.panes_built = True
        sizes = self.splitter.sizes()
        self.flag_panel = FlagPanel()
        self.images_panel = ImagesPanel()
        self.history = HistoryView()
        self.side = QTabWidget()
        self.side.setObjectName("sideTabs")
        self.side.addTab(self.images_panel, "Images")
        self.side.addTab(self.history, "History")
        for index, pane in ((0, self.flag_panel), (2, self.side)):
            placeholder = self.splitter.replaceWidget(index, pane)
            if placeholder is not None:
                placeholder.deleteLater()
        if self.splitter.isVisible():
            self.splitter.setSizes(sizes)  # as they were on screen: nothing moves
        self.view.flagClicked.connect(lambda f: self.flag_panel.select_flag(f.id, emit=False))
        self.flag_panel.flagSelected.connect(self._on_flag_selected)
        self.flag_panel.acceptRequested.connect(self.accept_suggestion)
        self.flag_panel.resolveRequested.connect(self._on_resolve_in_place)
        self.flag_panel.reopenRequested.connect(self._on_reopen)
        self.images_panel.setFieldRequested.connect(self._on_image_field)
        self.images_panel.verifyRequested.connect(self._on_image_verify)
        self.images_panel.attachRequested.connect(self._on_image_attach)
        self.images_panel.imageSelected.connect(self._on_image_selected)
        self.history.compareRequested.connect(self._on_compare)
        self.history.restoreRequested.connect(self._on_restore)

    # -- starting up -------------------------------------------------------
    def attach(self, desk: Desk) -> None:
        """The desk is open: from now on the page reads and writes through it."""
        self.desk = desk

    @property
    def drafts(self) -> DraftService:
        return self.desk.drafts

    def show_preview(self, article: Article) -> None:
        """Show a file's text, read-only, while the desk opens and the real import runs.

        Opening the article (``open_article``) replaces it; nothing typed here
        could be saved, so the view stays read-only until then.
        """
        self.previewing = True
        self._suppress += 1  # the build is not an edit (``_on_built`` takes it back)
        self.view.show_article(article)
        self._after_build.append(self._after_preview_built)

    def end_preview(self) -> None:
        """Leave the start-up preview without opening anything (its import failed)."""
        self.previewing = False
        self.banner.setText("")

    def _after_preview_built(self) -> None:
        if self.previewing:
            self.view.setReadOnly(True)
            self.banner.setText("Opening the desk…")

    # -- who and what ------------------------------------------------------
    @property
    def actor(self) -> str:
        return self._user().name

    def has_unsaved_edits(self) -> bool:
        return self.article_id is not None and (self._edit_gen != self._saved_gen or self._saving is not None)

    def is_busy(self) -> bool:
        return (
            self._saving is not None
            or self._rechecking is not None
            or self._recheck.isActive()
            or self._recheck_again
            or self._ops > 0
            or self.view.is_building()
        )

    # -- opening -----------------------------------------------------------
    def open_article(self, article_id: int) -> None:
        """Show an article; the current one's pending edits are saved first."""
        self._autosave.stop()
        self._retry.stop()
        self._recheck.stop()
        if self.article_id is not None and self.article_id != article_id:
            if self.has_unsaved_edits():
                self.flush(lambda: self.open_article(article_id))
                return
            set_recovering(self.article_id, False)
        recovered = article_id in recovering()
        self.previewing = False
        self.article_id = article_id
        self.undo_stack.clear()
        self._edit_gen = self._saved_gen = 0
        self._save_failed = False
        self.notice.setVisible(False)
        self.banner.setText("Opening…")
        self.view.setReadOnly(True)
        desk = self.desk

        def done(bundle: Bundle) -> None:
            if self.article_id != article_id:
                return
            self._show_bundle(bundle, render=True)
            if recovered:
                self._after_build.append(lambda: self._show_recovery_notice(bundle))

        run_in_background(
            lambda _c: load_bundle(desk, article_id),
            done,
            lambda exc: self._on_failed(exc, "opening the article"),
            self,
        )

    def close_article(self) -> None:
        """Leave the article (its edits must already be saved)."""
        if self.article_id is not None and not self.has_unsaved_edits():
            set_recovering(self.article_id, False)
        self.article_id = None
        self.undo_stack.clear()

    def _show_recovery_notice(self, bundle: Bundle) -> None:
        last = bundle.history[-1] if bundle.history else None
        when = last.created_at.astimezone().strftime("%H:%M:%S") if last else "?"
        self.notice.setText(
            f"<b>Recovered.</b> The app stopped before this article was closed; your edits up to the "
            f"last autosave ({when}) are here."
        )
        self.notice.setVisible(True)

    def _show_bundle(self, bundle: Bundle, *, render: bool = False) -> None:
        self._last_bundle = bundle
        self.meta = bundle.meta
        self._version = bundle.meta.version
        flags_changed = flag_signature(bundle.flags) != flag_signature(self.flags)
        self.flags = bundle.flags
        if render:
            flags_changed = True
            self._long = bundle.article.word_count() > DETACHED_WORDS
            thumbs = {
                view.block: bundle.thumbs[view.number]
                for view in bundle.images
                if view.number in bundle.thumbs
            }
            self._suppress += 1
            self.view.show_article(bundle.article, thumbs)
            self.view.set_flags(bundle.flags)  # remembered; underlined as paragraphs arrive
        else:
            self.view.set_base(bundle.article)
            if flags_changed:
                self._apply_flags()
        if render:
            # Opening a long article: fill the panes on later event-loop turns, so no single
            # turn does everything (the text itself is inserted in chunks meanwhile).
            self._panes_left = {"flags", "rest"}
            QTimer.singleShot(30, lambda: self._fill_panes(bundle, "flags"))
            QTimer.singleShot(60, lambda: self._fill_panes(bundle, "rest"))
        else:
            self._panes_left = {"flags", "rest"} if flags_changed else {"rest"}
            for part in ("flags", "rest"):
                self._fill_panes(bundle, part)
        self.metaChanged.emit(bundle.meta)

    def _fill_panes(self, bundle: Bundle, part: str) -> None:
        """Show ``bundle`` in the flags pane ("flags") or the images and history panes ("rest")."""
        if self._last_bundle is not bundle or part not in self._panes_left:
            return  # a newer state arrived meanwhile, or this part is shown already
        self._panes_left.discard(part)
        if part == "flags":
            self.flag_panel.set_flags(bundle.flags)
        else:
            from editor_app.ui.models.images_model import ImageRow

            self.images_panel.set_rows([ImageRow(v, bundle.thumbs.get(v.number)) for v in bundle.images])
            self.history.set_revisions(bundle.history)

    def _on_built(self) -> None:
        self._suppress = max(0, self._suppress - 1)
        self._apply_flags()
        if self._last_bundle is not None:  # a short article is built before the panes' turn
            for part in ("flags", "rest"):
                self._fill_panes(self._last_bundle, part)
        self.banner.setText(self._saved_text())
        after, self._after_build = self._after_build, []
        for fn in after:
            fn()
        if self.article_id is not None:
            self.opened.emit(self.article_id)

    def _apply_flags(self) -> None:
        if not self.view.is_building():
            self.view.set_flags(self.flags)

    def _saved_text(self) -> str:
        if self.meta is None:
            return ""
        return f"Saved · revision {self.meta.revision} · {self.meta.changed_at.astimezone():%H:%M:%S}"

    # -- editing and autosave ----------------------------------------------
    def _on_contents_change(self, _pos: int, removed: int, added: int) -> None:
        if self._suppress or self.view.is_building() or self.article_id is None:
            return
        if removed == 0 and added == 0:
            return
        if self._edit_gen == 0:  # edited in this session: cleared only by a clean close
            set_recovering(self.article_id, True)
        self._edit_gen += 1
        if not self._save_failed:
            self.banner.setText("Edited · saving shortly…")
        self._autosave.start()

    def _on_undo_command_added(self) -> None:
        doc = self.view.document()
        if self._suppress and self._pending_accept is None:
            return  # a stored change shown in the editor: not the user's to undo
        if self._pending_accept is not None:
            flag, replacement = self._pending_accept
            self.undo_stack.push(
                AcceptSuggestionCommand(
                    doc, flag, replacement, self._on_accept_undone, self._on_accept_redone
                )
            )
        else:
            self.undo_stack.push(DocumentEditCommand(doc))

    def _on_autosave_due(self) -> None:
        self.save(draft=True)

    def save(self, *, draft: bool = True, then: Callable[[], None] | None = None) -> None:
        """Store the editor's text as the next revision (a draft for autosaves)."""
        if self.article_id is None or self.view.article is None or self.view.is_building():
            if then:
                then()
            return
        if self._saving is not None:
            self._save_again = True
            if then:
                self._after_save.append(then)
            return
        if self._edit_gen == self._saved_gen and draft:
            if then:
                then()
            return
        self._autosave.stop()
        self._retry.stop()
        article = self.view.current_article()
        article_id, actor, gen, known = self.article_id, self.actor, self._edit_gen, self._version
        desk, drafts = self.desk, self.drafts
        article.id = article_id

        def work(_c: TaskControl) -> tuple[int, ArticleMeta, list[Revision]]:
            meta = desk.articles.meta(article_id)
            if meta.version != known and meta.changed_by != actor:
                raise ConflictError(
                    f"{meta.changed_by} changed this article at {meta.changed_at:%H:%M}; "
                    "your text is kept in the editor",
                    changed_by=meta.changed_by,
                )
            article.version = meta.version
            number = drafts.save_draft(
                article, actor=actor, message="autosave" if draft else "edited", draft=draft
            )
            # Only what a draft save changes: the flags follow from the re-check.
            return number, desk.articles.meta(article_id), desk.articles.history(article_id)

        self._after_save = [then] if then else []
        self.banner.setText("Saving…")
        self._saving = run_in_background(
            work, lambda result: self._on_saved(result, gen, article), self._on_save_failed, self
        )

    def flush(self, then: Callable[[], None]) -> None:
        """Save pending edits now, then continue (used before every other change)."""
        if self.has_unsaved_edits():
            self.save(draft=True, then=then)
        else:
            then()

    def _on_saved(self, result: tuple[int, ArticleMeta, list[Revision]], gen: int, article: Article) -> None:
        number, meta, history = result
        self._saving = None
        self._saved_gen = max(self._saved_gen, gen)
        if self._save_failed:
            self.statusMessage.emit(f"Saved again: revision {number}")
        self._save_failed = False
        self.banner.setStyleSheet("")
        if self.article_id == article.id:
            self.meta, self._version = meta, meta.version
            self.view.set_base(article)
            if self._last_bundle is not None:
                self._last_bundle.article, self._last_bundle.meta = article, meta
            self.history.set_revisions(history)
            self.metaChanged.emit(meta)
        self.banner.setText(self._saved_text())
        self.saved.emit(number)
        self._recheck.start()
        again, self._save_again = self._save_again, False
        after, self._after_save = self._after_save, []
        if again or self._edit_gen != self._saved_gen:
            if after:

                def run_after() -> None:
                    for fn in after:
                        fn()

                self.save(draft=True, then=run_after)
            else:
                self._autosave.start()
            return
        for fn in after:
            fn()

    def _on_save_failed(self, exc: BaseException) -> None:
        self._saving = None
        self._after_save = []
        self._save_again = False
        first = not self._save_failed
        self._save_failed = True
        self.banner.setStyleSheet("color:#C0392B; font-weight:bold")
        if isinstance(exc, StorageError):
            self.banner.setText("Not saved: the database cannot be written. Your text is kept; retrying…")
            self._retry.start()
        elif isinstance(exc, ConflictError):
            self.banner.setText("Not saved: someone else changed this article. Your text is kept.")
        else:
            self.banner.setText("Not saved. Your text is kept in the editor.")
            self._retry.start()
        self.saveFailed.emit(str(exc))
        if first:
            show_error(self.window(), exc, context="saving your edits")

    # -- checking ----------------------------------------------------------
    def _on_recheck_due(self) -> None:
        if self.article_id is None:
            return
        if self._rechecking is not None:
            self._recheck_again = True
            return
        if self._ops or self._saving is not None:
            self._recheck.start()  # after the write in flight
            return
        from editor_app.services.drafts import decode_flags, recheck_detached

        article_id, actor, drafts = self.article_id, self.actor, self.drafts
        self.checking.emit(True)
        detached = (
            in_process(recheck_detached, drafts.detached_config(), article_id, actor) if self._long else None
        )

        def body(control: TaskControl) -> list[Flag]:
            if detached is not None:
                return decode_flags(detached(control))
            return drafts.recheck(article_id, actor=actor)

        self._rechecking = run_in_background(
            body,
            lambda flags: self._on_rechecked(article_id, flags),
            self._on_recheck_failed,
            self,
            pool_name="checks",
        )

    def _on_rechecked(self, article_id: int, flags: list[Flag]) -> None:
        self._rechecking = None
        if article_id == self.article_id and flag_signature(flags) != flag_signature(self.flags):
            self.flags = flags
            self._apply_flags()
            self.flag_panel.set_flags(flags)
        self._recheck_done()

    def _on_recheck_failed(self, exc: BaseException) -> None:
        self._rechecking = None
        if isinstance(exc, UserError):  # a busy or locked database: the next save checks again
            log.info("re-check skipped: %s", exc)
            self.statusMessage.emit(f"Checks will run again shortly ({exc})")
        else:
            show_error(self.window(), exc, context="checking the article")
        self._recheck_done()

    def _recheck_done(self) -> None:
        self.checking.emit(False)
        after, self._after_recheck = self._after_recheck, []
        for fn in after:
            fn()
        if self._recheck_again:
            self._recheck_again = False
            self._recheck.start()

    def _when_quiet(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` once no re-check is writing flags (so the two never collide)."""
        if self._rechecking is not None:
            self._after_recheck.append(fn)
        else:
            fn()

    # -- running an operation ----------------------------------------------
    def run_op(
        self,
        work: Callable[[Desk], Any],
        context: str,
        *,
        after: Callable[[Any], None] | None = None,
        images: bool = False,
        render: bool = False,
        flush: bool = True,
    ) -> None:
        """Save pending edits, call a service, then show the article's new state."""
        if self.article_id is None:
            return
        article_id, desk = self.article_id, self.desk

        def go() -> None:
            def task(_c: TaskControl) -> tuple[Any, Bundle]:
                result = work(desk)
                return result, load_bundle(desk, article_id, images=images, thumbs=images)

            def failed(exc: BaseException) -> None:
                self._ops -= 1
                self._on_failed(exc, context)

            def done(pair: tuple[Any, Bundle]) -> None:
                self._ops -= 1
                result, bundle = pair
                if self.article_id != article_id:
                    return
                if not images and self._last_bundle is not None:
                    bundle.images, bundle.thumbs = self._last_bundle.images, self._last_bundle.thumbs
                if after is not None:
                    after(result)
                if render:
                    self.undo_stack.clear()
                    self._edit_gen = self._saved_gen = 0
                elif images:
                    self._suppress += 1
                    try:
                        changed = self.view.update_image_fields(bundle.article)
                    finally:
                        self._suppress -= 1
                    if changed:
                        self.undo_stack.clear()
                    for view in bundle.images:
                        if view.number in bundle.thumbs:
                            self.view.set_thumbnail(view.block, bundle.thumbs[view.number])
                self._show_bundle(bundle, render=render)

            self._ops += 1
            run_in_background(task, done, failed, self)

        if flush:
            self.flush(lambda: self._when_quiet(go))
        else:
            self._when_quiet(go)

    def _on_failed(self, exc: BaseException, context: str) -> None:
        self.view.setReadOnly(self.view.is_building())
        show_error(self.window(), exc, context=context)
        self.statusMessage.emit(f"Failed: {context}")

    # -- flags -------------------------------------------------------------
    def _on_flag_selected(self, flag: Flag) -> None:
        if not self.view.reveal(flag) and flag.is_open:
            self.statusMessage.emit("The flagged text has changed; the checks will catch up shortly.")
        from PySide6.QtCore import Qt

        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def goto_flag(self, backwards: bool = False) -> Flag | None:
        """F8 / Shift+F8: the next or previous open flag in reading order."""
        flag = self.view.next_flag(backwards)
        if flag is None:
            self.statusMessage.emit("No open flags left.")
            return None
        self.view.reveal(flag)
        self.flag_panel.select_flag(flag.id, emit=False)
        return flag

    def accept_suggestion(self, flag: Flag, index: int) -> None:
        if not 0 <= index < len(flag.suggestions) or self.article_id is None:
            return
        replacement = flag.suggestions[index]
        actor, desk, article_id = self.actor, self.desk, self.article_id
        self.view.setReadOnly(True)

        def go() -> None:
            def task(_c: TaskControl) -> tuple[Flag, Bundle]:
                updated = desk.review.accept(flag.id, actor=actor, suggestion=index)
                return updated, load_bundle(desk, article_id, images=False)

            def done(pair: tuple[Flag, Bundle]) -> None:
                self._ops -= 1
                self._on_accepted(flag, replacement, pair[1])

            def failed(exc: BaseException) -> None:
                self._ops -= 1
                self._on_failed(exc, f"accepting “{replacement}”")

            self._ops += 1
            run_in_background(task, done, failed, self)

        self.flush(lambda: self._when_quiet(go))

    def _on_accepted(self, flag: Flag, replacement: str, bundle: Bundle) -> None:
        if self.article_id is None:
            return
        if self._last_bundle is not None:
            bundle.images, bundle.thumbs = self._last_bundle.images, self._last_bundle.thumbs
        span = self.view.flag_position(flag)
        if span is None:  # the editor moved on meanwhile: show the stored text
            self.undo_stack.clear()
            self._show_bundle(bundle, render=True)
            return
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        self._pending_accept = (flag, replacement)
        self._suppress += 1
        try:
            cursor.beginEditBlock()
            cursor.insertText(replacement)
            cursor.endEditBlock()
        finally:
            self._suppress -= 1
            self._pending_accept = None
        self.view.setTextCursor(cursor)
        self.view.setReadOnly(False)
        self._show_bundle(bundle)
        self.statusMessage.emit(f"Accepted “{replacement}” for “{flag.text}”")

    def _on_accept_undone(self, flag: Flag) -> None:
        """The old words are back in the editor: store them and reopen the flag."""
        actor, article_id, drafts = self.actor, self.article_id, self.drafts
        if article_id is None:
            return

        def work(d: Desk) -> None:
            d.review.reopen(flag.id, actor=actor)
            drafts.recheck(article_id, actor=actor)  # the words are back: the flag is present again

        self.run_op(work, "reopening the flag")

    def _on_accept_redone(self, flag: Flag) -> None:
        self.save(draft=True)

    def _on_resolve_in_place(self, flag: Flag, status: str, source: str, note: str) -> None:
        actor = self.actor
        self.run_op(
            lambda d: d.review.resolve(flag.id, FlagStatus(status), actor=actor, source=source, note=note),
            f"marking the flag {status}",
            after=lambda _r: self.flag_panel.clear_resolve_inputs(),
            flush=False,
        )

    def _on_resolve_from_menu(self, flag: Flag, status: str) -> None:
        from editor_app.ui.dialogs.resolve_dialog import ResolveDialog

        dialog = ResolveDialog(flag, FlagStatus(status), self.window())

        def accepted() -> None:
            self._on_resolve_in_place(flag, dialog.chosen().value, dialog.source.text(), dialog.note.text())

        dialog.accepted.connect(accepted)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _on_reopen(self, flag: Flag) -> None:
        actor = self.actor
        self.run_op(lambda d: d.review.reopen(flag.id, actor=actor), "reopening the flag", flush=False)

    def _on_note_requested(self, flag: Flag) -> None:
        note, ok = QInputDialog.getText(
            self.window(), "Add note", f"Note on “{flag.text}” for the desk:", text=flag.note
        )
        if ok and note.strip():
            actor, text = self.actor, note.strip()
            self.run_op(
                lambda d: d.review.annotate(flag.id, text, actor=actor, expected_version=flag.version),
                "saving your note",
                flush=False,
            )

    def _on_flag_selection(self, place: Place, start: int, end: int, text: str) -> None:
        note, ok = QInputDialog.getText(
            self.window(), "Flag selection", f"What should be checked in “{text}”?"
        )
        if ok and note.strip():
            self.add_manual_flag(place, start, end, note.strip())

    def add_manual_flag(self, place: Place, start: int, end: int, note: str) -> None:
        actor, article_id = self.actor, self.article_id
        if article_id is None:
            return
        self.run_op(
            lambda d: d.review.add_manual(
                article_id, block=place.block, start=start, end=end, note=note, actor=actor, field=place.field
            ),
            "adding your flag",
        )

    def check_now(self) -> QProgressDialog | None:
        """F7: every check on the saved text, with progress and Cancel (a long article takes seconds)."""
        actor, article_id = self.actor, self.article_id
        if article_id is None:
            return None
        desk = self.desk
        progress = QProgressDialog("Checking the article…", "Cancel", 0, 0, self.window())
        progress.setObjectName("checkProgress")
        progress.setWindowTitle("Check")
        progress.setMinimumDuration(CHECK_PROGRESS_AFTER_MS)
        progress.setAutoClose(False)
        progress.setAutoReset(False)

        def go() -> None:
            def task(control: TaskControl) -> Bundle:
                report = control.reporter("check cancelled; the flags are as they were")
                desk.review.check(article_id, actor=actor, progress=report)
                return load_bundle(desk, article_id, images=False)

            def finish() -> None:
                self._ops -= 1
                progress.close()
                progress.deleteLater()

            def done(bundle: Bundle) -> None:
                finish()
                if self.article_id != article_id:
                    return
                if self._last_bundle is not None:
                    bundle.images, bundle.thumbs = self._last_bundle.images, self._last_bundle.thumbs
                self._show_bundle(bundle)
                self.statusMessage.emit(f"Checked: {sum(f.is_open for f in bundle.flags)} open flag(s)")

            def failed(exc: BaseException) -> None:
                finish()
                if isinstance(exc, Cancelled):
                    self.statusMessage.emit(str(exc))
                else:
                    self._on_failed(exc, "checking the article")

            def progressed(done: int, total: int) -> None:
                progress.setMaximum(total)
                progress.setValue(done)

            self._ops += 1
            running = run_in_background(task, done, failed, self, on_progress=progressed)
            progress.canceled.connect(running.control.cancel)

        self.flush(lambda: self._when_quiet(go))
        return progress

    # -- images ------------------------------------------------------------
    def _on_image_selected(self, block: int) -> None:
        target = self.view.block_for(Place(block, "caption"))
        if target is not None:
            self.view.setTextCursor(QTextCursor(target))
            self.view.ensureCursorVisible()

    def _on_image_field(self, number: int, field_name: str, value: str) -> None:
        actor, article_id = self.actor, self.article_id
        if article_id is None:
            return
        self.run_op(
            lambda d: d.images.set_field(article_id, number, field_name, value, actor=actor),
            f"changing the {field_name} of image {number}",
            images=True,
        )

    def _on_image_verify(self, number: int, status: str, note: str) -> None:
        actor, article_id = self.actor, self.article_id
        if article_id is None:
            return
        self.run_op(
            lambda d: d.images.verify(
                article_id, number, actor=actor, status=CreditStatus(status), note=note
            ),
            f"marking image {number} {status}",
            images=True,
            flush=False,
        )

    def _on_image_attach(self, number: int, path: str) -> None:
        actor, article_id = self.actor, self.article_id
        if article_id is None:
            return
        self.run_op(
            lambda d: d.images.attach(article_id, number, Path(path), actor=actor),
            f"attaching {Path(path).name}",
            images=True,
        )

    # -- history -----------------------------------------------------------
    def _on_compare(self, a: int, b: int) -> None:
        article_id, desk = self.article_id, self.desk
        if article_id is None:
            return
        run_in_background(
            lambda _c: desk.articles.diff(article_id, a, b),
            lambda changes: self.history.show_changes(changes, a, b),
            lambda exc: self._on_failed(exc, "comparing revisions"),
            self,
        )

    def _on_restore(self, number: int) -> None:
        actor, article_id = self.actor, self.article_id
        if article_id is None:
            return
        self.run_op(
            lambda d: d.articles.restore(article_id, number, actor=actor),
            f"restoring revision {number}",
            images=True,
            render=True,
            after=lambda n: self.statusMessage.emit(f"Revision {number} restored as revision {n}"),
        )

    # -- workflow ----------------------------------------------------------
    def advance(self) -> None:
        actor, article_id = self.actor, self.article_id
        if article_id is not None:
            self.run_op(lambda d: d.workflow.advance(article_id, actor=actor), "moving the article on")

    def approve(self) -> None:
        actor, article_id = self.actor, self.article_id
        if article_id is not None:
            self.run_op(
                lambda d: d.workflow.approve(article_id, actor=actor),
                "approving",
                after=lambda meta: self.statusMessage.emit(f"Approved revision {meta.approved_revision}"),
            )

    def refresh(self) -> None:
        """Reload flags, images and history (after a sign-in or an outside change)."""
        if self.article_id is not None:
            self.run_op(lambda _d: None, "refreshing", images=True, flush=False)


def now_text() -> str:
    return datetime.now().strftime("%H:%M:%S")
