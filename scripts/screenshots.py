"""Render the library, the review view with the seed article, and the export dialog to PNG files.

    python scripts/screenshots.py OUTDIR

Runs offscreen at 1440×900 on a temporary database, so it never touches the
user's data.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZE = (1440, 900)


def seed_file() -> Path:
    shared = ROOT.parent / "shared" / "seed" / "russian-crew-space-movie.txt"
    return shared if shared.exists() else ROOT / "resources" / "samples" / "space-tourism-scrape.txt"


def make_picture(path: Path, hue: int) -> None:
    """A stand-in photograph drawn here (a sky, a horizon, a sun), so no third-party image is shipped."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter, QRadialGradient

    image = QImage(1200, 800, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    sky = QLinearGradient(0, 0, 0, 800)
    sky.setColorAt(0, QColor.fromHsv(hue, 120, 90))
    sky.setColorAt(0.62, QColor.fromHsv((hue + 20) % 360, 90, 235))
    sky.setColorAt(1, QColor.fromHsv((hue + 40) % 360, 60, 120))
    painter.fillRect(image.rect(), sky)
    sun = QRadialGradient(QPointF(820, 470), 160)
    sun.setColorAt(0, QColor(255, 250, 230))
    sun.setColorAt(1, QColor(255, 250, 230, 0))
    painter.setBrush(sun)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QRectF(660, 310, 320, 320))
    painter.setBrush(QColor.fromHsv((hue + 180) % 360, 40, 45))
    painter.drawRect(QRectF(0, 560, 1200, 240))
    painter.end()
    image.save(str(path), "JPG", 88)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        sys.stderr.write("usage: python scripts/screenshots.py OUTDIR\n")
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="editor_app-shots-"))
    os.environ["EDITOR_APP_CONFIG_DIR"] = str(tmp / "config")

    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QPainter, QPixmap
    from PySide6.QtWidgets import QApplication, QWidget

    from editor_app.domain import Role
    from editor_app.services import Desk
    from editor_app.settings import Settings
    from editor_app.ui import workers
    from editor_app.ui.dialogs.export_dialog import ExportDialog
    from editor_app.ui.main_window import MainWindow, make_application

    app = make_application()
    settings = Settings(data_dir=tmp / "data", db_url=f"sqlite:///{tmp}/shots.sqlite3", user="maria")
    desk = Desk.open(settings, today=date(2021, 10, 11))
    desk.users.sign_in("admin")  # the first user of a new database is its admin
    desk.users.add("maria", Role.DESK, actor="admin")
    samples = sorted(p for p in (ROOT / "resources" / "samples").glob("*") if p.is_file())
    for path in [seed_file(), *samples]:
        try:
            desk.articles.import_file(path, actor="maria", on_duplicate="skip")
        except Exception as exc:  # a sample that does not import is left out of the picture
            sys.stderr.write(f"screenshots: skipped {path.name}: {exc}\n")
    user = desk.users.find("maria")
    assert user is not None
    seed_id = next(r.id for r in desk.articles.list() if r.headline == desk.articles.get(1).headline)
    for number, hue in ((1, 215), (3, 25)):
        picture = tmp / f"picture-{number}.jpg"
        make_picture(picture, hue)
        desk.images.attach(seed_id, number, picture, actor="maria")

    def settle(condition: object = None, timeout: float = 20.0) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            app.processEvents()
            if workers.pending() == 0 and (condition is None or condition()):  # type: ignore[operator]
                break
            time.sleep(0.01)
        for _ in range(20):
            app.processEvents()

    window = MainWindow(desk, settings, user)
    window.resize(*SIZE)
    window.show()
    settle(lambda: window.library.model.rowCount() > 0)
    window.grab().save(str(out / "library.png"))

    opened: list[int] = []
    window.articleOpened.connect(opened.append)
    window.open_article(seed_id)
    settle(lambda: bool(opened))
    for _ in range(60):
        flag = window.review.goto_flag()
        if flag is None or flag.text in ("Kazahkstan", "space tourism"):
            break
    settle()
    window.grab().save(str(out / "review.png"))

    window.open_export_dialog()
    settle(lambda: window._export_dialog is not None)
    dialog: QWidget | None = window._export_dialog
    assert isinstance(dialog, ExportDialog)
    dialog.folder.setText(str(Path.home() / "exports"))
    settle()
    base = window.grab()
    dim = QPixmap(base.size())
    dim.fill()
    painter = QPainter(dim)
    painter.drawPixmap(0, 0, base)
    painter.fillRect(dim.rect(), QApplication.palette().window().color().darker(160).toRgb())
    painter.setOpacity(0.55)
    painter.drawPixmap(0, 0, base)
    painter.setOpacity(1.0)
    pic = dialog.grab()
    painter.drawPixmap(QPoint((dim.width() - pic.width()) // 2, (dim.height() - pic.height()) // 2), pic)
    painter.end()
    dim.save(str(out / "export-dialog.png"))
    dialog.close()
    settle()
    window.close()
    workers.wait_all()
    desk.close()
    for name in ("library.png", "review.png", "export-dialog.png"):
        print(out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
