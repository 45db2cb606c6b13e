"""Provides the paper a report is laid out for: A4, or US Letter where that is the custom.

`report.paper` chooses (`a4`, `letter`); `auto` (the default) reads the country of the person's
time zone from the IANA zone table, else the territory of their locale (`LC_ALL`, `LC_PAPER`,
`LANG`, as in `en_US.UTF-8`), and takes Letter in the countries that use it, A4 everywhere else.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache

PAPERS = ("auto", "a4", "letter")
SIZES_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
LETTER_COUNTRIES = frozenset({"BZ", "CA", "CL", "CO", "CR", "GT", "MX", "NI", "PA", "PH", "PR", "SV", "US", "VE"})
"""Unicode CLDR supplemental data, `paperSize type="US-Letter"`; every other country uses A4."""
LOCALE_VARIABLES = ("LC_ALL", "LC_PAPER", "LANG")


def paper_for(setting: str, zone_name: str, environ: Mapping[str, str] | None = None) -> str:
    """`a4` or `letter`: the setting, or for `auto` the custom of the zone's (else the locale's) country."""
    if setting in SIZES_MM:
        return setting
    country = zone_countries().get(zone_name) or locale_country(os.environ if environ is None else environ)
    return "letter" if country in LETTER_COUNTRIES else "a4"


def locale_country(environ: Mapping[str, str]) -> str | None:
    """The territory of the first locale variable set: `en_US.UTF-8` -> `US`."""
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if value:
            territory = value.split(".")[0].split("@")[0].partition("_")[2]
            return territory.upper() or None
    return None


@cache
def zone_countries() -> dict[str, str]:
    """Zone name -> ISO country code, from `zone.tab` (the tzdata package pandas brings, else the
    system's zoneinfo); empty where neither is found (then the locale decides)."""
    text = _zone_table()
    countries = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            parts = line.split("\t")
            if len(parts) >= 3:
                countries[parts[2]] = parts[0]
    return countries


def _zone_table() -> str:
    try:
        from importlib.resources import files

        return (files("tzdata") / "zoneinfo" / "zone.tab").read_text(encoding="utf-8")
    except (ImportError, OSError):
        pass
    for folder in ("/usr/share/zoneinfo", "/usr/lib/zoneinfo", "/usr/share/lib/zoneinfo"):
        try:
            with open(os.path.join(folder, "zone.tab"), encoding="utf-8") as handle:
                return handle.read()
        except OSError:
            continue
    return ""
