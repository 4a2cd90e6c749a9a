"""Picture desk speed: metadata read plus thumbnail per 12-megapixel photo, against exiftool.

Makes COUNT JPEG photos (4000 × 3000 by default) with real credit metadata in a
temporary folder, then times, per photo, ``read_metadata`` and
``make_thumbnail`` and, on the same files in the same run, exiftool reading the
same credit fields (one exiftool process for all files, as a batch tool runs
it, and one process per file, as an app shelling out per picture would).

    .venv/bin/python benchmarks/images.py [--count 100] [--size 4000x3000] [--thumb 512]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

from editor_app.exporters.image_credits import embed_credits
from editor_app.importers.image_file import make_thumbnail
from editor_app.importers.image_meta import read_metadata

CREDITS = [
    "Roscosmos Press Service/Handout/Anadolu Agency via Getty Images",
    "Roscosmos Press Office\\TASS via Getty Images",
    "AP Photo/Evan Vucci",
    "Lucy Nicholson/Reuters",
    "Ozan Kose/AFP via Getty Images",
]
EXIFTOOL_TAGS = [
    "-EXIF:Artist",
    "-EXIF:Copyright",
    "-EXIF:ImageDescription",
    "-IPTC:By-line",
    "-IPTC:Credit",
    "-IPTC:Source",
    "-IPTC:CopyrightNotice",
    "-IPTC:Caption-Abstract",
    "-XMP-dc:Creator",
    "-XMP-dc:Rights",
    "-XMP-dc:Description",
    "-XMP-photoshop:Credit",
    "-XMP-photoshop:Source",
]


def make_photos(folder: Path, count: int, size: tuple[int, int]) -> list[Path]:
    """COUNT photo-like JPEGs from five different bases, each with its own caption and credit."""
    bases = []
    for n in range(5):
        noise = Image.effect_noise(size, 24 + 8 * n)
        im = Image.merge(
            "RGB",
            (
                Image.linear_gradient("L").rotate(30 * n).resize(size),
                Image.radial_gradient("L").resize(size),
                noise,
            ),
        )
        exif = Image.Exif()
        exif[0x0112] = 6 if n % 2 else 1
        exif[0x010F] = "BenchCam"
        base = folder / f"base{n}.jpg"
        im.save(base, quality=88, exif=exif.tobytes())
        bases.append(base)
    photos = []
    for i in range(count):
        path = folder / f"photo{i:03d}.jpg"
        embed_credits(
            bases[i % len(bases)],
            path,
            caption=f"Photo {i}: the crew before launch at Baikonur",
            credit=CREDITS[i % len(CREDITS)],
            rights=f"© 2021 Agency {i % 7}",
            usage_terms="Editorial use only",
        )
        photos.append(path)
    for base in bases:
        base.unlink()
    return photos


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--size", default="4000x3000")
    parser.add_argument("--thumb", type=int, default=512)
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))
    exiftool = shutil.which("exiftool")

    with tempfile.TemporaryDirectory(prefix="editor-app-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        photos = make_photos(folder, args.count, (width, height))
        total_mb = sum(p.stat().st_size for p in photos) / 1e6
        print(
            f"made {len(photos)} photos of {width}×{height} ({width * height / 1e6:.0f} MP, "
            f"{total_mb / len(photos):.1f} MB each) in {time.perf_counter() - started:.1f} s"
        )

        meta_times, thumb_times, ours = [], [], {}
        for path in photos:
            t0 = time.perf_counter()
            meta = read_metadata(path)
            t1 = time.perf_counter()
            make_thumbnail(path, args.thumb)
            t2 = time.perf_counter()
            meta_times.append(t1 - t0)
            thumb_times.append(t2 - t1)
            ours[path.name] = meta.xmp_credit
        both = [a + b for a, b in zip(meta_times, thumb_times, strict=True)]

        def ms(values: list[float]) -> str:
            mean, median = statistics.mean(values) * 1e3, statistics.median(values) * 1e3
            return f"mean {mean:7.2f} ms, median {median:7.2f} ms"

        print(f"editor_app read_metadata        : {ms(meta_times)} per photo")
        print(f"editor_app make_thumbnail({args.thumb})  : {ms(thumb_times)} per photo")
        print(f"editor_app metadata + thumbnail : {ms(both)} per photo")

        if exiftool is None:
            print("exiftool not installed (apt-get install libimage-exiftool-perl): no comparison")
            return 0
        t0 = time.perf_counter()
        done = subprocess.run(
            [exiftool, "-j", "-G1", *EXIFTOOL_TAGS, *map(str, photos)],
            capture_output=True,
            text=True,
            check=True,
        )
        batch = (time.perf_counter() - t0) / len(photos)
        read = json.loads(done.stdout)
        theirs = {Path(item["SourceFile"]).name: item.get("XMP-photoshop:Credit") for item in read}
        agree = sum(ours[name] == theirs.get(name) for name in ours)

        sample = photos[: min(20, len(photos))]
        t0 = time.perf_counter()
        for path in sample:
            subprocess.run([exiftool, "-j", *EXIFTOOL_TAGS, str(path)], capture_output=True, check=True)
        per_process = (time.perf_counter() - t0) / len(sample)

        meta_mean = statistics.mean(meta_times)
        both_mean = statistics.mean(both)
        print(f"exiftool, one process, {len(photos)} files : {batch * 1e3:7.2f} ms per photo (metadata only)")
        n = len(sample)
        print(f"exiftool, one process per file   : {per_process * 1e3:7.2f} ms per photo ({n} files)")
        print(f"ratio read_metadata / exiftool batch        : {meta_mean / batch:6.2f}×")
        print(f"ratio read_metadata / exiftool per file     : {meta_mean / per_process:6.2f}×")
        print(f"ratio (metadata + thumbnail) / exiftool batch: {both_mean / batch:6.2f}×")
        print(f"credit lines agreeing with exiftool: {agree}/{len(ours)}")
        return 0 if agree == len(ours) else 1


if __name__ == "__main__":
    sys.exit(main())
