"""Addresses in USPS standard form (Publication 28 abbreviations, ZIP5).

Two entry points: ``standardize_street`` for a street line that is already
separate (a CRM column; a plain token map, fast enough for a million rows),
and ``parse_one_line_address`` for the one-line addresses extraction writes
('1420 W Elm St Apt 3B, Springfield, IL 62704'), which usaddress splits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import usaddress

from skiptrace.process_pool import map_values
from skiptrace.text import fold

STREET_SUFFIXES: dict[str, str] = {
    "alley": "aly", "annex": "anx", "arcade": "arc", "avenue": "ave", "av": "ave",
    "bayou": "byu", "beach": "bch", "bend": "bnd", "bluff": "blf", "boulevard": "blvd",
    "boul": "blvd", "branch": "br", "bridge": "brg", "brook": "brk", "bypass": "byp",
    "canyon": "cyn", "cape": "cpe", "causeway": "cswy", "center": "ctr", "centre": "ctr",
    "circle": "cir", "circuit": "cir", "cliff": "clf", "club": "clb", "common": "cmn",
    "corner": "cor", "course": "crse", "court": "ct", "cove": "cv", "creek": "crk",
    "crescent": "cres", "crossing": "xing", "drive": "dr", "dr.": "dr", "estate": "est",
    "estates": "ests", "expressway": "expy", "extension": "ext", "falls": "fls",
    "ferry": "fry", "field": "fld", "fields": "flds", "flat": "flt", "flats": "flts",
    "ford": "frd", "forest": "frst", "fork": "frk", "fort": "ft", "freeway": "fwy",
    "garden": "gdn", "gardens": "gdns", "gateway": "gtwy", "glen": "gln", "green": "grn",
    "grove": "grv", "harbor": "hbr", "haven": "hvn", "heights": "hts", "highway": "hwy",
    "hill": "hl", "hills": "hls", "hollow": "holw", "island": "is", "junction": "jct",
    "key": "ky", "knoll": "knl", "lake": "lk", "lakes": "lks", "landing": "lndg",
    "lane": "ln", "light": "lgt", "lodge": "ldg", "loop": "loop", "manor": "mnr",
    "meadow": "mdw", "meadows": "mdws", "mill": "ml", "mission": "msn", "motorway": "mtwy",
    "mount": "mt", "mountain": "mtn", "orchard": "orch", "parade": "pde", "park": "park",
    "parkway": "pkwy", "pass": "pass", "path": "path", "pike": "pike", "pine": "pne",
    "pines": "pnes", "place": "pl", "plain": "pln", "plains": "plns", "plaza": "plz",
    "point": "pt", "port": "prt", "prairie": "pr", "ranch": "rnch", "ridge": "rdg",
    "river": "riv", "road": "rd", "route": "rte", "row": "row", "run": "run",
    "shore": "shr", "shores": "shrs", "spring": "spg", "springs": "spgs", "square": "sq",
    "station": "sta", "stream": "strm", "street": "st", "str": "st", "summit": "smt",
    "terrace": "ter", "trace": "trce", "track": "trak", "trail": "trl", "tunnel": "tunl",
    "turnpike": "tpke", "union": "un", "valley": "vly", "view": "vw", "village": "vlg",
    "ville": "vl", "vista": "vis", "walk": "walk", "way": "way", "wells": "wls",
}

DIRECTIONALS: dict[str, str] = {
    "north": "n", "south": "s", "east": "e", "west": "w", "northeast": "ne",
    "northwest": "nw", "southeast": "se", "southwest": "sw",
}

UNIT_DESIGNATORS: dict[str, str] = {
    "apartment": "apt", "apt": "apt", "unit": "unit", "suite": "ste", "ste": "ste",
    "building": "bldg", "bldg": "bldg", "floor": "fl", "fl": "fl", "room": "rm",
    "rm": "rm", "space": "spc", "lot": "lot", "trailer": "trlr", "department": "dept",
    "#": "#", "no": "#", "number": "#",
}

_TOKEN_MAP = {**STREET_SUFFIXES, **DIRECTIONALS, **UNIT_DESIGNATORS}
_HASH_UNIT = re.compile(r"#\s*(\w+)")
_PO_BOX = re.compile(r"\bp\.?\s*o\.?\s*box\b|\bpost office box\b")  # "P.O. Box", "PO Box", "Pobox"


_HOUSE_NUMBER = re.compile(r"^\s*([0-9]+)\s+(.*)$", re.DOTALL)


def standardize_street(street: str) -> str:
    """A street line in lower-case USPS form ('1420 West Elm Street' -> '1420 w elm st').

    The house number is split off first and the rest standardized behind a
    stand-in number ('0 west elm street'), which gives the same answer: a
    million records hold a million house-and-street lines but far fewer
    streets, and each street is standardized (and cached) once.
    """
    match = _HOUSE_NUMBER.match(street or "")
    if match is None:
        return _standardize_street_cached(street or "")
    return match.group(1) + _standardize_street_cached("0 " + match.group(2))[1:]


def standardize_streets(streets: Sequence[str], workers: int = 1) -> list[str]:
    """``standardize_street`` of each distinct street line, each street behind its house
    number standardized once (over ``workers`` processes when there are many), without
    the cache: a million records' streets would only evict each other from it."""
    numbers: list[str] = []
    rests: list[str] = []
    for street in streets:
        match = _HOUSE_NUMBER.match(street or "")
        if match is None:
            numbers.append("")
            rests.append(street or "")
        else:
            numbers.append(match.group(1))
            rests.append("0 " + match.group(2))
    index: dict[str, int] = {}
    add = index.setdefault
    codes = [add(rest, len(index)) for rest in rests]
    standard = map_values(_standardize_street_cached.__wrapped__, list(index), workers)
    return [number + standard[code][1:] if number else standard[code]
            for number, code in zip(numbers, codes, strict=True)]


@lru_cache(maxsize=1 << 18)
def _standardize_street_cached(street: str) -> str:
    text = _HASH_UNIT.sub(r" apt \1", street.lower())
    text = _PO_BOX.sub("po box", text)
    tokens = fold(text).split()
    unit_at = next((k for k, token in enumerate(tokens) if k > 0 and token in UNIT_DESIGNATORS),
                   len(tokens))
    street_part, unit_part = tokens[:unit_at], tokens[unit_at:]
    # Only the suffix and the directionals are abbreviated: "Lake Shore Drive" is "lake shore dr".
    first_name_word = 1 if street_part and street_part[0][:1].isdigit() else 0
    if len(street_part) > first_name_word + 2 and street_part[first_name_word] in DIRECTIONALS:
        street_part[first_name_word] = DIRECTIONALS[street_part[first_name_word]]
    last = len(street_part) - 1
    if last > first_name_word + 1 and street_part[last] in DIRECTIONALS:
        street_part[last] = DIRECTIONALS[street_part[last]]
        last -= 1
    if last > first_name_word and street_part[last] in STREET_SUFFIXES:
        street_part[last] = STREET_SUFFIXES[street_part[last]]
    if unit_part:
        unit_part[0] = UNIT_DESIGNATORS[unit_part[0]]
    return " ".join(street_part + unit_part)


def zip5(postcode: str) -> str:
    """The five-digit ZIP of '62704-1234' (other postcodes keep their digits: '2119')."""
    digits = re.sub(r"\D", "", postcode or "")
    return digits[:5]


@dataclass(slots=True, frozen=True)
class StandardAddress:
    """An address split into what linking and history compare."""

    street: str = ""
    city: str = ""
    state: str = ""
    postcode: str = ""

    def one_line(self) -> str:
        """The merge key of an address observation: street, city, ST zip."""
        tail = " ".join(part for part in (self.state, self.postcode) if part)
        return ", ".join(part for part in (self.street, self.city, tail) if part)


_STREET_LABELS = (
    "AddressNumber", "AddressNumberPrefix", "AddressNumberSuffix", "StreetNamePreModifier",
    "StreetNamePreDirectional", "StreetNamePreType", "StreetName", "StreetNamePostType",
    "StreetNamePostDirectional", "OccupancyType", "OccupancyIdentifier", "USPSBoxType",
    "USPSBoxID", "SubaddressType", "SubaddressIdentifier", "BuildingName",
)


@lru_cache(maxsize=1 << 14)
def parse_one_line_address(text: str) -> StandardAddress:
    """Split a one-line address with usaddress and standardize each part.

    When usaddress cannot tag the line (ambiguous input), the whole line is
    kept as the street so nothing is lost.
    """
    text = (text or "").strip()
    if not text:
        return StandardAddress()
    try:
        tagged, _kind = usaddress.tag(text)
    except usaddress.RepeatedLabelError:
        return StandardAddress(street=standardize_street(text))
    street = " ".join(tagged[label] for label in _STREET_LABELS if label in tagged)
    return StandardAddress(
        street=standardize_street(street),
        city=fold(tagged.get("PlaceName", "")),
        state=fold(tagged.get("StateName", "")),
        postcode=zip5(tagged.get("ZipCode", "")),
    )
