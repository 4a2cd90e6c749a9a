"""The main window (library and review pages, menus, workflow bar) and ``run_app``, the GUI's entry."""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressDialog,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from editor_app.domain import Article, Role, User, WorkflowState
from editor_app.errors import Cancelled, ExportBlocked, UserError
from editor_app.settings import Settings, save_settings
from editor_app.ui import window_state
from editor_app.ui.error_dialog import show_error
from editor_app.ui.views.review_page import ReviewPage
from editor_app.ui.views.workflow_bar import WorkflowBar
from editor_app.ui.workers import Task, TaskControl, run_in_background, shutdown_processes, wait_all

if TYPE_CHECKING:
    from editor_app.services import Desk
    from editor_app.services.articles import ArticleMeta, ImportResult
    from editor_app.services.export import ExportResult
    from editor_app.services.gate import GateReport
    from editor_app.services.live import Change, ChangeFeed
    from editor_app.services.preview import PreviewSource
    from editor_app.ui.dialogs.export_dialog import ExportDialog
    from editor_app.ui.views.library_view import LibraryView

log = logging.getLogger("editor_app.ui")
FEED_INTERVAL_MS = 500
FIRST_PAINT_WAIT_MS = 1000  # open the desk even if no paint is seen (a window started minimised)

IMPORT_FILTER = "Articles (*.txt *.text *.html *.htm *.md *.markdown *.docx *.xml *.nitf);;All files (*)"


@dataclass(frozen=True)
class ImportOutcome:
    results: list[ImportResult]
    failures: list[str]
    cancelled: bool


class MainWindow(QMainWindow):
    articleOpened = Signal(int)
    libraryRefreshed = Signal()
    importsFinished = Signal(object)  # ImportOutcome
    exportFinished = Signal(object)  # ExportResult | BaseException

    desk: Desk  # set by ``attach``
    user: User
    library: LibraryView  # built by ``finish_building``

    def __init__(
        self,
        desk: Desk | None,
        settings: Settings,
        user: User | None,
        parent: QWidget | None = None,
    ) -> None:
        """A window over an open desk, or (``desk`` None) one still starting: see ``attach``.

        A starting window is a shell (menus, workflow bar, the article view) so
        that it paints soon; ``finish_building`` adds the library and the side
        panes right after, before the desk is attached.
        """
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle("editor_app")
        self.settings = settings
        self._close_confirmed = False
        self._library_task: Task | None = None
        self._export_dialog: ExportDialog | None = None
        self._export_task: Task | None = None
        self._feed: ChangeFeed | None = None
        self.undo_stack = QUndoStack(self)

        self.review = ReviewPage(desk, lambda: self.user, self.undo_stack, panes=desk is not None)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.review)
        self.workflow = WorkflowBar()
        central = QWidget()
        self._layout = QVBoxLayout(central)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._layout.addWidget(self.workflow)
        self._layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self._make_actions()
        self._make_menus()
        self._make_toolbar()

        self.review.metaChanged.connect(self._on_meta_changed)
        self.review.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.review.opened.connect(self.articleOpened)
        self.workflow.libraryRequested.connect(self.show_library)
        self.workflow.advanceRequested.connect(self.review.advance)
        self.workflow.approveRequested.connect(self.review.approve)
        self.workflow.exportRequested.connect(self.open_export_dialog)
        self.workflow.signInRequested.connect(self.sign_in)

        self.resize(1440, 900)
        window_state.restore_window(self, {"review": self.review.splitter})
        if desk is not None and user is not None:
            self.finish_building()
            self.attach(desk, user)
        else:
            self._set_starting(True)
            self.statusBar().showMessage("Opening the desk…")

    def finish_building(self) -> None:
        """Everything a starting window leaves out: the library page and the review's side panes."""
        if hasattr(self, "library"):
            return
        from editor_app.ui.views.library_view import LibraryView

        self._set_shortcuts()
        self.library = LibraryView()
        self.library.setEnabled(self.menuBar().isEnabled())
        self.pages.insertWidget(0, self.library)
        if not self.review.previewing:
            self.pages.setCurrentWidget(self.library)
        self.review.build_panes()
        self.library.openRequested.connect(self.open_article)
        self.library.queryChanged.connect(lambda _t, _s: self.refresh_library())
        self.library.importRequested.connect(self._on_import_action)
        self.library.filesDropped.connect(self.import_files)

    def _set_starting(self, starting: bool) -> None:
        """Until the desk is open, nothing can be clicked that would need it."""
        widgets = [self.menuBar(), self.workflow, self.toolbar]
        if hasattr(self, "library"):
            widgets.append(self.library)
        for widget in widgets:
            widget.setEnabled(not starting)
        for action in self.actions():
            action.setEnabled(not starting)

    def show_preview(self, article: Article) -> None:
        """Show an article file's text at once, before the desk is open (see ``attach``)."""
        self.pages.setCurrentWidget(self.review)
        self.review.show_preview(article)
        self.setWindowTitle(f"editor_app — {article.headline}" if article.headline else "editor_app")

    def attach(self, desk: Desk, user: User) -> None:
        """The desk is open and ``user`` signed in: the window comes alive.

        A preview stays on screen until the import that follows it opens the
        stored article (``import_files``); otherwise the library shows.
        """
        self.finish_building()
        self.desk = desk
        self.user = user
        self.review.attach(desk)
        self.workflow.set_user(user)
        self._set_starting(False)
        self.statusBar().showMessage(f"Signed in as {user.name} ({user.role.value})", 5000)
        if desk.read_only:
            self.read_only_label = QLabel(f"Read-only: {desk.read_only}. Nothing you change can be saved.")
            self.read_only_label.setObjectName("readOnlyBanner")
            self.read_only_label.setStyleSheet(
                "QLabel { background: #fde2e1; color: #8a1c1c; padding: 6px; }"
            )
            self.read_only_label.setWordWrap(True)
            self._layout.insertWidget(0, self.read_only_label)
        if self.review.previewing:
            self._refresh_actions()
        else:
            self.show_library()
        self._start_change_feed()

    # -- other editors' changes --------------------------------------------
    def _start_change_feed(self) -> None:
        """Show what other editors commit (flags, credits, states) within a second or so."""
        try:
            self._feed = self.desk.change_feed()
        except UserError as exc:
            log.warning("live updates are off: %s", exc)
            return
        self._feed.subscribe(None, self._on_outside_change)
        self._feed_timer = QTimer(self)
        self._feed_timer.setInterval(FEED_INTERVAL_MS)
        self._feed_timer.timeout.connect(self._poll_feed)
        self._feed_timer.start()

    def _poll_feed(self) -> None:
        if self._feed is None:
            return
        try:
            self._feed.poll(0)
        except Exception as exc:  # a dropped connection must not take the window down
            log.warning("live updates paused: %s", exc)

    def _on_outside_change(self, change: Change) -> None:
        from editor_app.services.live import RESYNC

        if change.actor == self.user.name and change.action != RESYNC:
            return  # our own change: the window already shows it
        current = self.review.article_id
        if current is not None and (change.article_id == current or change.action == RESYNC):
            self.review.refresh()
            self.statusBar().showMessage(f"Updated: {change.actor} {change.action.replace('.', ' ')}", 6000)
        elif self.pages.currentWidget() is self.library:
            self.refresh_library()

    # -- actions, menus, toolbar -------------------------------------------
    def _action(self, text: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.act_import = self._action("&Import…", self._on_import_action)
        self.act_save = self._action("&Save revision", self._on_save_action)
        self.act_export = self._action("&Export…", self.open_export_dialog)
        self.act_prefs = self._action("&Preferences…", self.open_preferences)
        self.act_sign_in = self._action("Sign &in as…", self.sign_in)
        self.act_quit = self._action("&Quit", self.close)
        self.act_undo = self.undo_stack.createUndoAction(self, "&Undo")
        self.act_redo = self.undo_stack.createRedoAction(self, "&Redo")
        self.addAction(self.act_undo)
        self.addAction(self.act_redo)
        self.act_find = self._action("&Find in library", self._on_find)
        self.act_library = self._action("&Library", self.show_library)
        self.act_next_flag = self._action("&Next flag", lambda: self.review.goto_flag(False))
        self.act_prev_flag = self._action("&Previous flag", lambda: self.review.goto_flag(True))
        self.act_check = self._action("&Check now", self.review.check_now)
        self.act_approve = self._action("&Approve", self.review.approve)
        self.act_advance = self._action("Send &on", self.review.advance)
        self.act_history = self._action(
            "&History", lambda: self.review.side.setCurrentWidget(self.review.history)
        )
        self.act_images = self._action(
            "I&mages", lambda: self.review.side.setCurrentWidget(self.review.images_panel)
        )
        self.act_about = self._action("&About editor_app", self._on_about)
        self.act_agencies = self._action("&Agencies…", self.open_agencies)

    def _set_shortcuts(self) -> None:
        """The standard keys (QKeySequence), set by ``finish_building``.

        A starting window has none: its menus are disabled anyway, and building
        a QKeySequence loads all of ``Qt``'s enums (see ``editor_app.ui``).
        """
        from PySide6.QtGui import QKeySequence

        sk = QKeySequence.StandardKey
        prefs = QKeySequence(sk.Preferences)
        keys: tuple[tuple[QAction, QKeySequence | QKeySequence.StandardKey | str], ...] = (
            (self.act_import, sk.Open),
            (self.act_save, sk.Save),
            (self.act_export, "Ctrl+E"),
            (self.act_prefs, prefs if not prefs.isEmpty() else "Ctrl+,"),
            (self.act_sign_in, "Ctrl+Shift+U"),
            (self.act_quit, sk.Quit),
            (self.act_undo, sk.Undo),
            (self.act_redo, sk.Redo),
            (self.act_find, sk.Find),
            (self.act_library, sk.Back),
            (self.act_next_flag, "F8"),
            (self.act_prev_flag, "Shift+F8"),
            (self.act_check, "F7"),
        )
        for action, key in keys:
            action.setShortcut(QKeySequence(key))

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.act_import)
        self.recent_menu = QMenu("Open &recent", self)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(self.act_save)
        file_menu.addAction(self.act_export)
        file_menu.addSeparator()
        file_menu.addAction(self.act_sign_in)
        file_menu.addAction(self.act_prefs)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        edit = bar.addMenu("&Edit")
        edit.addAction(self.act_undo)
        edit.addAction(self.act_redo)
        edit.addSeparator()
        for text, method in (
            ("Cu&t", "cut"),
            ("&Copy", "copy"),
            ("&Paste", "paste"),
            ("Select &all", "selectAll"),
        ):
            action = QAction(text, self)
            action.triggered.connect(getattr(self.review.view, method))
            edit.addAction(action)
        edit.addSeparator()
        edit.addAction(self.act_find)
        review = bar.addMenu("&Review")
        review.addAction(self.act_next_flag)
        review.addAction(self.act_prev_flag)
        review.addAction(self.act_check)
        review.addSeparator()
        review.addAction(self.act_advance)
        review.addAction(self.act_approve)
        view = bar.addMenu("&View")
        view.addAction(self.act_library)
        view.addAction(self.act_images)
        view.addAction(self.act_history)
        view.addSeparator()
        view.addAction(self.act_agencies)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.act_about)

    def _make_toolbar(self) -> None:
        tools = self.toolbar = self.addToolBar("Main")
        tools.setObjectName("mainToolbar")
        tools.setMovable(False)  # text only: the actions have no icons
        for action in (
            self.act_import,
            self.act_library,
            None,
            self.act_undo,
            self.act_redo,
            None,
            self.act_prev_flag,
            self.act_next_flag,
            self.act_check,
        ):
            if action is None:
                tools.addSeparator()
            else:
                tools.addAction(action)

    def _refresh_actions(self) -> None:
        on_review = self.pages.currentWidget() is self.review and self.review.article_id is not None
        for action in (
            self.act_save,
            self.act_export,
            self.act_next_flag,
            self.act_prev_flag,
            self.act_check,
            self.act_approve,
            self.act_advance,
            self.act_history,
            self.act_images,
        ):
            action.setEnabled(on_review)
        desk = self.user.role in (Role.DESK, Role.ADMIN)
        self.act_approve.setEnabled(on_review and desk)
        self.act_export.setEnabled(on_review and desk)

    # -- pages -------------------------------------------------------------
    def show_library(self) -> None:
        if self.review.article_id is not None:
            if self.review.has_unsaved_edits():
                self.review.flush(self.show_library)
                return
            self.review.close_article()
        self.pages.setCurrentWidget(self.library)
        self.workflow.set_meta(None)
        self.setWindowTitle("editor_app — Library")
        self._refresh_actions()
        self.refresh_library()

    def open_article(self, article_id: int) -> None:
        self.pages.setCurrentWidget(self.review)
        self.review.open_article(article_id)
        self._refresh_actions()

    def refresh_library(self) -> None:
        text, state = self.library.query()
        desk = self.desk
        self._library_task = run_in_background(
            lambda _c: desk.articles.list(text, WorkflowState(state) if state else None),
            self._on_library_loaded,
            lambda exc: show_error(self, exc, context="listing the articles"),
            self,
        )

    def _on_library_loaded(self, rows: list[object]) -> None:
        self.library.set_rows(rows)  # type: ignore[arg-type]
        self.libraryRefreshed.emit()

    def _on_meta_changed(self, meta: ArticleMeta) -> None:
        self.workflow.set_meta(meta)
        headline = self.review.view.article.headline if self.review.view.article else ""
        self.setWindowTitle(f"editor_app — {headline}" if headline else "editor_app")
        self._refresh_actions()

    # -- importing ---------------------------------------------------------
    def _on_import_action(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        start = window_state.last_folder("import")
        names, _ = QFileDialog.getOpenFileNames(self, "Import articles", start, IMPORT_FILTER)
        if names:
            self.import_files([Path(n) for n in names])

    def import_files(self, paths: Sequence[Path], *, open_single: bool = True) -> Task:
        """Import files in the background with progress; one file (or the only success) is opened."""
        paths = [Path(p) for p in paths]
        desk, actor = self.desk, self.user.name
        progress = QProgressDialog("Importing…", "Cancel", 0, len(paths), self)
        progress.setObjectName("importProgress")
        progress.setWindowTitle("Import")
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setValue(0)

        def work(control: TaskControl) -> ImportOutcome:
            stop_if_cancelled = control.reporter("import cancelled", report=False)  # per file below
            results: list[ImportResult] = []
            failures: list[str] = []
            for done, path in enumerate(paths):
                if control.cancelled():
                    return ImportOutcome(results, failures, True)
                try:
                    results.append(
                        desk.articles.import_file(
                            path, actor=actor, on_duplicate="skip", progress=stop_if_cancelled
                        )
                    )
                except Cancelled:  # stopped during this file's first check: it is not stored
                    return ImportOutcome(results, failures, True)
                except UserError as exc:
                    failures.append(str(exc))
                control.progress(done + 1, len(paths))
            return ImportOutcome(results, failures, False)

        def finished(outcome: ImportOutcome) -> None:
            progress.close()
            progress.deleteLater()
            for path in paths:
                if path.is_file():
                    window_state.add_recent_file(path)
            if paths:
                window_state.set_last_folder("import", paths[-1].parent)
            self._after_import(outcome, open_single)

        def failed(exc: BaseException) -> None:
            progress.close()
            progress.deleteLater()
            show_error(self, exc, context="importing")

        def progressed(done: int, total: int) -> None:
            progress.setMaximum(total)
            progress.setValue(done)
            if done < total:
                progress.setLabelText(f"Importing {paths[done].name}…")

        task = run_in_background(work, finished, failed, self, on_progress=progressed)
        progress.canceled.connect(task.control.cancel)
        return task

    def _after_import(self, outcome: ImportOutcome, open_single: bool) -> None:
        if outcome.failures:
            show_error(self, UserError("\n".join(outcome.failures)), context="importing")
        created = sum(r.outcome == "created" for r in outcome.results)
        known = len(outcome.results) - created
        message = f"Imported {created} new article(s)"
        if known:
            message += f", {known} already in the library"
        if outcome.cancelled:
            message += " (cancelled)"
        self.statusBar().showMessage(message, 8000)
        self.importsFinished.emit(outcome)
        if open_single and len(outcome.results) == 1:
            self.open_article(outcome.results[0].article_id)
        elif self.review.previewing:
            self.review.end_preview()
            self.show_library()  # the file shown at start-up could not be imported after all
        else:
            self.refresh_library()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = window_state.recent_files()
        for path in files:
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.import_files([p]))
        if not files:
            empty = self.recent_menu.addAction("(none yet)")
            empty.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear", window_state.clear_recent_files)

    # -- saving, exporting -------------------------------------------------
    def _on_save_action(self) -> None:
        if self.review.article_id is None:
            return
        if self.review.has_unsaved_edits():
            self.review.save(draft=False)
        else:
            self.statusBar().showMessage("Everything is saved.", 4000)

    def open_export_dialog(self) -> None:
        article_id = self.review.article_id
        if article_id is None:
            return
        desk = self.desk

        def go() -> None:
            run_in_background(
                lambda _c: (desk.workflow.gate(article_id), desk.articles.meta(article_id)),
                lambda pair: self._show_export_dialog(article_id, pair[0], pair[1]),
                lambda exc: show_error(self, exc, context="checking what is left before export"),
                self,
            )

        self.review.flush(go)

    def _show_export_dialog(self, article_id: int, gate: GateReport, meta: ArticleMeta) -> None:
        from editor_app.services.export import TEXT_FORMATS

        folder = window_state.last_folder("export") or str(Path.home() / "editor_app-exports")
        from editor_app.ui.dialogs.export_dialog import ExportDialog  # dialogs load when first opened

        dialog = ExportDialog(
            TEXT_FORMATS,
            self.settings.export_formats,
            folder,
            gate,
            approved=meta.state in (WorkflowState.APPROVED, WorkflowState.EXPORTED),
            can_override=self.user.role in (Role.DESK, Role.ADMIN),
            parent=self,
        )
        dialog.exportRequested.connect(
            lambda formats, out, reason: self._run_export(article_id, formats, Path(out), reason)
        )
        dialog.cancelRequested.connect(self._cancel_export)
        dialog.finished.connect(lambda _r: self._on_export_dialog_closed(dialog))
        self._export_dialog = dialog
        dialog.open()

    def _on_export_dialog_closed(self, dialog: ExportDialog) -> None:
        if self._export_task is not None:
            self._export_task.control.cancel()
        if self._export_dialog is dialog:
            self._export_dialog = None
        dialog.deleteLater()

    def _run_export(self, article_id: int, formats: list[str], folder: Path, reason: str) -> None:
        desk, actor = self.desk, self.user.name
        force = bool(self._export_dialog and self._export_dialog.replace.isChecked())

        def work(control: TaskControl) -> ExportResult:
            return desk.exports.export(
                article_id,
                formats,
                folder,
                actor=actor,
                force=force,
                override=reason or None,
                progress=control.reporter("export cancelled; the files written so far are in the folder"),
            )

        def done(result: ExportResult) -> None:
            self._export_task = None
            window_state.set_last_folder("export", folder)
            if self._export_dialog is not None:
                self._export_dialog.show_result(result.files, result.warnings)
            self.statusBar().showMessage(f"Exported {len(result.files)} file(s) to {folder}", 8000)
            self.review.refresh()
            self.exportFinished.emit(result)

        def failed(exc: BaseException) -> None:
            self._export_task = None
            if self._export_dialog is not None and isinstance(exc, UserError):
                self._export_dialog.show_failure(str(exc))
            else:
                show_error(self, exc, context="exporting")
                if self._export_dialog is not None:
                    self._export_dialog.show_failure("The export failed.")
            if not isinstance(exc, (ExportBlocked, Cancelled)):
                log.warning("export failed: %s", exc)
            self.exportFinished.emit(exc)

        def progressed(done: int, total: int) -> None:
            if self._export_dialog is not None:
                self._export_dialog.set_progress(done, total)

        self._export_task = run_in_background(work, done, failed, self, on_progress=progressed)

    def _cancel_export(self) -> None:
        if self._export_task is not None:
            self._export_task.control.cancel()

    # -- people and preferences --------------------------------------------
    def sign_in(self) -> None:
        from editor_app.ui.dialogs.sign_in import SignInDialog

        desk = self.desk

        def show(users: list[User]) -> None:
            dialog = SignInDialog(users, desk.users.sign_in, self.user.name, self)
            dialog.accepted.connect(lambda: self._on_signed_in(dialog.user))
            dialog.finished.connect(dialog.deleteLater)
            dialog.open()

        run_in_background(lambda _c: desk.users.list(), show, lambda e: show_error(self, e), self)

    def _on_signed_in(self, user: User | None) -> None:
        if user is None:
            return
        self.set_user(user)

    def set_user(self, user: User) -> None:
        self.user = user
        self.workflow.set_user(user)
        self._refresh_actions()
        self.statusBar().showMessage(f"Signed in as {user.name} ({user.role.value})", 5000)
        if user.name != self.settings.user:
            self.settings = replace(self.settings, user=user.name)
            try:
                save_settings(self.settings)
            except OSError as exc:
                log.warning("could not remember the user: %s", exc)

    def open_preferences(self) -> None:
        from editor_app.services.export import TEXT_FORMATS
        from editor_app.ui.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.settings, TEXT_FORMATS, window_state.last_folder("export"), self)

        def accepted() -> None:
            new = dialog.result_settings()
            try:
                save_settings(new)
            except OSError as exc:
                show_error(self, UserError(f"could not save the preferences: {exc}"))
                return
            self.settings = new
            if dialog.export_folder.text().strip():
                window_state.set_last_folder("export", Path(dialog.export_folder.text().strip()))

        dialog.accepted.connect(accepted)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def open_agencies(self) -> None:
        from editor_app.ui.dialogs.agencies import AgenciesDialog

        dialog = AgenciesDialog(self.desk, self.user.name, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _on_find(self) -> None:
        self.show_library()
        self.library.search.setFocus()
        self.library.search.selectAll()

    def _on_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            "About editor_app",
            "<b>editor_app</b><br>An editorial review desk: flags, fact checks, image credits, "
            "approval and export.<br>MIT licence.",
        )

    # -- closing -----------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._close_confirmed and self.review.has_unsaved_edits():
            event.ignore()
            self._ask_unsaved()
            return
        window_state.save_window(self, {"review": self.review.splitter})
        if self._feed is not None:
            self._feed_timer.stop()
            self._feed.close()
            self._feed = None
        self.review.close_article()
        wait_all(5000)
        shutdown_processes()
        super().closeEvent(event)

    def _ask_unsaved(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self)
        box.setObjectName("unsavedDialog")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Unsaved changes")
        box.setText("Your latest edits are not saved yet.")
        box.setInformativeText("Save them as a revision before quitting?")
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)

        def answered(button: int) -> None:
            choice = QMessageBox.StandardButton(button)
            if choice == QMessageBox.StandardButton.Save:
                self.review.save(draft=False, then=self._close_now)
            elif choice == QMessageBox.StandardButton.Discard:
                self._close_now()

        box.finished.connect(answered)
        box.finished.connect(box.deleteLater)
        box.open()

    def _close_now(self) -> None:
        self._close_confirmed = True
        QTimer.singleShot(0, self.close)


# -- the entry point ---------------------------------------------------------
def _configure_qsettings() -> None:
    """QSettings as INI files, under EDITOR_APP_CONFIG_DIR when set (tests, scripted runs)."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    folder = os.environ.get("EDITOR_APP_CONFIG_DIR")
    if folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)


def make_application() -> QApplication:
    """The QApplication in the Fusion style, with the palette for the first paint.

    ``run_app`` lets the palette follow the system's colour scheme right after
    the first paint (``theme.follow_system``).
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        # The style by name on the command line: ``setStyle`` hands back a QStyle, and the
        # first QStyle object costs ~13 ms of enum building before the first paint.
        app = QApplication([sys.argv[0] if sys.argv else "editor_app", "-style", "Fusion"])
    else:
        app.setStyle("Fusion")
    app.setOrganizationName("editor_app")
    app.setApplicationName("editor_app")
    app.setApplicationDisplayName("editor_app")
    _configure_qsettings()
    from editor_app.ui.theme import first_palette

    first_palette(app)
    return app


def sign_in_at_start(desk: Desk, settings: Settings, parent: QWidget | None = None) -> User | None:
    """The user named by EDITOR_APP_USER signs in directly; otherwise the sign-in dialog asks."""
    from PySide6.QtWidgets import QMessageBox

    if os.environ.get("EDITOR_APP_USER"):
        try:
            return desk.users.sign_in(settings.user)
        except UserError as exc:
            QMessageBox.critical(parent, "Cannot sign in", str(exc))
    from editor_app.ui.dialogs.sign_in import SignInDialog

    gc.enable()  # the dialog may stay open for long
    dialog = SignInDialog(desk.users.list(), desk.users.sign_in, settings.user, parent)
    if dialog.exec() != SignInDialog.DialogCode.Accepted or dialog.user is None:
        return None
    return dialog.user


def settle_memory() -> None:
    """Keep garbage collection pauses short once the app is up.

    Everything built at start-up (modules, Qt wrappers, database metadata) lives
    as long as the app; frozen, a full collection no longer walks it, which keeps
    the pause well under the 100 ms a window may stall.
    """
    gc.collect()
    gc.freeze()
    gc.enable()  # off since ``app.main`` began


def install_excepthook(window: MainWindow) -> None:
    """An exception nobody caught becomes the generic dialog; the app keeps running."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if not issubclass(kind, Exception):
            previous(kind, value, tb)
            return
        try:
            show_error(window, value)
        except Exception:  # the dialog itself failed: keep the original report
            previous(kind, value, tb)

    sys.excepthook = hook


def run_app(settings: Settings, initial: Path | None, preview: PreviewSource | None = None) -> int:
    """Paint first, then open the desk: the article a user asked for is on screen at once.

    The window shows the article ``preview`` gives (the file as read by
    ``services.preview``), read-only while the database opens on a worker
    thread; then the user signs in and the file is imported, checked and opened
    as usual, replacing the preview.
    """
    app = make_application()
    window = MainWindow(None, settings, None)
    article = preview() if preview is not None else None
    if article is not None:
        window.show_preview(article)
    else:
        window.finish_building()  # nothing to show first: the (still disabled) library at once
    window.show()
    install_excepthook(window)
    opened: list[Desk] = []
    start = DeskStarter(window, settings, initial, opened)

    def painted() -> None:
        from editor_app.ui.theme import follow_system

        start.begin()
        follow_system(app)

    after_first_paint(window, painted)
    script = os.environ.get("EDITOR_APP_SCRIPT")
    if script:
        from editor_app.ui.scripted import ScriptRunner

        # Its paint filter goes in last, so it runs first: "painted" is reported before
        # the work queued after the first paint.
        ScriptRunner(window, script).start()
    code = app.exec()
    wait_all(10000)
    for desk in opened:
        desk.close()
    return code


def after_first_paint(window: MainWindow, fn: Callable[[], None]) -> None:
    """Call ``fn`` once the window has painted (or after a short wait, if no paint is seen).

    With a preview, the paint that counts is the article's: its first screenful
    (``ArticleView`` builds a long article over several turns, and the rest
    goes on while ``fn`` runs).
    """
    target = window.review.view.viewport() if window.review.previewing else window

    class Watcher(QObject):
        def __init__(self) -> None:
            super().__init__(window)
            self.fired = False

        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not self.fired:
                QTimer.singleShot(0, self.fire)
            return False

        def fire(self) -> None:
            if not self.fired:
                self.fired = True
                target.removeEventFilter(self)
                fn()

    watcher = Watcher()
    target.installEventFilter(watcher)
    QTimer.singleShot(FIRST_PAINT_WAIT_MS, watcher.fire)


class DeskStarter(QObject):
    """Opens the desk off the GUI thread, signs the user in, then brings the window alive.

    ``leave(code)`` ends the app (``QApplication.exit`` unless a test passes its own).
    """

    def __init__(
        self,
        window: MainWindow,
        settings: Settings,
        initial: Path | None,
        opened: list[Desk],
        leave: Callable[[int], None] = QApplication.exit,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.initial = initial
        self.opened = opened
        self.leave = leave

    def begin(self) -> None:
        settings = self.settings

        def work(_c: TaskControl) -> Desk:
            from editor_app.services import Desk

            desk = Desk.open(settings)
            try:
                desk.backups.maybe_backup(settings.backup_every_minutes)
            except (UserError, OSError) as exc:
                logging.getLogger("editor_app.db").warning("backup skipped: %s", exc)
            return desk

        run_in_background(work, self._opened, self._failed, self)
        self.window.finish_building()  # while the desk opens

    def _opened(self, desk: Desk) -> None:
        self.opened.append(desk)
        user = sign_in_at_start(desk, self.settings, self.window)
        if user is None:
            self.window.close()
            self.leave(0)
            return
        self.window.attach(desk, user)
        self.window.set_user(user)
        if self.initial is not None:
            self.window.import_files([self.initial])
        QTimer.singleShot(0, settle_memory)

    def _failed(self, exc: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        sys.stderr.write(f"editor_app: {exc}\n")
        QMessageBox.critical(self.window, "Cannot open the desk", str(exc))
        self.window.close()
        self.leave(2)
