"""Generate ``resources/samples/harvest-festival.docx``, the Word sample article.

The sample carries the same kinds of problems as a real scrape (a misspelled
place, numerals for small numbers, a credit line, an ad line) so the checks
have something to find. Output is byte-for-byte reproducible: fixed document
dates and fixed zip timestamps, so re-running it does not dirty the repo.

Usage: python scripts/make_sample_docx.py [output.docx]
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.shared import Inches
from PIL import Image, ImageDraw

OUTPUT = Path(__file__).resolve().parents[1] / "resources" / "samples" / "harvest-festival.docx"
FIXED_TIME = datetime(2024, 9, 21, 8, 0, 0)
ZIP_TIME = (2024, 9, 21, 8, 0, 0)

HEADLINE = "Apple Harvest Festival Draws Record Crowd to Hood River"
PICTURE_ALT = "apple harvest festival crates orchard hood river"
PICTURE_CAPTION = (
    "Volunteers stack crates of fresh apples beside the main tent on the festival's opening day."
)
PICTURE_CREDIT = "Lena Brooks/AP"
PARAGRAPHS_BEFORE = [
    "The orchards of the Hood River Valley had their busiest weekend in years as the annual apple harvest "
    "festival opened on Thursday, September 19, with growers, bakers and cider makers filling the "
    "fairgrounds from early morning.",
    "Organisers counted more than 12,000 visitors over the first 2 days, beating the previous record by "
    "nearly a third. Some drove 5 hours from Boise, and one family drove up from Medford, Oregan, just for "
    "the pie contest.",
]
SUBHEADING = "Cider, Pies and Long Lines"
PARAGRAPHS_AFTER = [
    "Lines at the cider stands stretched past the parking lot by mid-morning. After about 4 hours the "
    "largest press ran dry, and volunteers had to bring in 3 more truckloads of fruit from nearby farms.",
    '"We ran out of cider by noon on the first day, which has never happened before," the festival '
    'organiser said, laughing. "Next year we will need a bigger press, or a lot more patience."',
]
QUOTE = (
    '"This valley grows more pears and apples than people realise, and today everyone found out," '
    "a local grower said."
)
AD_LINE = "Advertisement"
CLOSING = (
    "The festival continues through Sunday, with live music, orchard tours and a farmers' market that "
    "opens at 9 a.m. each day."
)


def picture_png() -> bytes:
    """A small orchard picture drawn with Pillow: sky, hills, a tree and a crate of red apples."""
    image = Image.new("RGB", (240, 160), (150, 200, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 100, 240, 160), fill=(90, 150, 70))
    draw.ellipse((-40, 70, 140, 140), fill=(70, 130, 60))
    draw.rectangle((160, 60, 170, 110), fill=(110, 80, 50))
    draw.ellipse((130, 20, 200, 80), fill=(50, 120, 50))
    draw.rectangle((40, 110, 120, 145), fill=(160, 120, 70), outline=(100, 70, 40))
    for x in range(48, 116, 12):
        draw.ellipse((x, 100, x + 10, 110), fill=(200, 30, 30))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def build() -> bytes:
    document = Document()
    props = document.core_properties
    props.title = HEADLINE
    props.author = "Carmen Ruiz"
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_modified_by = "Carmen Ruiz"
    props.revision = 1

    document.add_paragraph(HEADLINE, style="Title")
    document.add_paragraph("By Carmen Ruiz and Dale Whitaker")
    document.add_paragraph("Published September 21, 2024")

    document.add_picture(io.BytesIO(picture_png()), width=Inches(3))
    picture = document.inline_shapes[-1]
    picture._inline.docPr.set("descr", PICTURE_ALT)
    document.add_paragraph(PICTURE_CAPTION, style="Caption")
    document.add_paragraph(PICTURE_CREDIT)

    for text in PARAGRAPHS_BEFORE:
        document.add_paragraph(text)
    document.add_paragraph(SUBHEADING, style="Heading 2")
    for text in PARAGRAPHS_AFTER:
        document.add_paragraph(text)
    document.add_paragraph(QUOTE, style="Quote")
    document.add_paragraph(AD_LINE)
    document.add_paragraph(CLOSING)

    raw = io.BytesIO()
    document.save(raw)
    return _fix_timestamps(raw.getvalue())


def _fix_timestamps(data: bytes) -> bytes:
    """Rewrite the zip with fixed entry times so the file is reproducible."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry))
    return out.getvalue()


def main(argv: list[str]) -> int:
    output = Path(argv[1]) if len(argv) > 1 else OUTPUT
    output.write_bytes(build())
    print(f"wrote {output} ({output.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
