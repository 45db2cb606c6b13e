"""Writes MANIFEST.json: for each real file in FILES, where it comes from and what a correct
import of it holds, computed with parsers that are not cramplog's.

- FIT: fitdecode decoding every message (errors reported as warnings where fitdecode can go
  on; a file fitdecode refuses is expected to be refused), distances from `total_distance`,
  else from the records;
- GPX: gpxpy (`length_2d`, `get_time_bounds`);
- TCX, Apple Health: xml.etree.ElementTree;
- Strava and Cronometer CSV: the csv module.

What counts as a run, which zone a run gets and when a pace is impossible are docs/import.md's
rules, written here again from the docs (not imported from cramplog).

Run it where the repositories are fetched (see README.md), with gpxpy and fitdecode installed:

    python tests/importers/real/facts.py
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import USER_ZONE, mirror_git  # noqa: E402

UTC = dt.timezone.utc
FASTEST_S_PER_KM = 100  # docs/import.md: faster than 1:40 per km is nobody's run
MIT, BSD, APACHE = "MIT", "BSD-2-Clause", "Apache-2.0"
AGPL = "AGPL-3.0 (read at test time only: not for committing)"
NONE = "none stated (read at test time only: not for committing)"

FILES = [
    # id, repository, path, licence, what wrote it
    ("fenix2-run", "polyvertex/fitdecode", "tests/files/activity-small-fenix2-run.fit", MIT, "Garmin fenix 2"),
    (
        "fenix2-multisport",
        "polyvertex/fitdecode",
        "tests/files/activity-large-fenxi2-multisport.fit",
        MIT,
        "Garmin fenix 2",
    ),
    ("fr110-run", "polyvertex/fitdecode", "tests/files/2013-02-06-12-11-14.fit", MIT, "Garmin Forerunner 110"),
    ("fenix5-run", "polyvertex/fitdecode", "tests/files/garmin-fenix-5-run.fit", MIT, "Garmin fenix 5"),
    ("fenix5-walk", "polyvertex/fitdecode", "tests/files/garmin-fenix-5-walk.fit", MIT, "Garmin fenix 5"),
    ("fenix5-bike", "polyvertex/fitdecode", "tests/files/garmin-fenix-5-bike.fit", MIT, "Garmin fenix 5"),
    ("stryd-run", "polyvertex/fitdecode", "tests/files/developer-types-sample.fit", MIT, "Stryd"),
    (
        "wahoo-elemnt",
        "polyvertex/fitdecode",
        "tests/files/2019-02-17-062644-ELEMNT-297E-195-0.fit",
        MIT,
        "Wahoo ELEMNT",
    ),
    ("edge820-commute", "polyvertex/fitdecode", "tests/files/garmin-edge-820-bike.fit", MIT, "Garmin Edge 820"),
    (
        "vivoactive-rowing",
        "polyvertex/fitdecode",
        "tests/files/20170518-191602-1740899583.fit",
        MIT,
        "Garmin vivoactive HR",
    ),
    ("vivofit-monitoring", "polyvertex/fitdecode", "tests/files/MonitoringFile.fit", MIT, "Garmin vivofit"),
    ("edge510-settings", "polyvertex/fitdecode", "tests/files/Settings.fit", MIT, "Garmin Edge 510"),
    ("sdk-activity", "polyvertex/fitdecode", "tests/files/Activity.fit", MIT, "FIT SDK example (Dynastream)"),
    (
        "fr70-relative-times",
        "polyvertex/fitdecode",
        "tests/files/compressed-speed-distance.fit",
        MIT,
        "Garmin Forerunner 70",
    ),
    ("fr935-swim", "polyvertex/fitdecode", "tests/files/garmin-fr935-cr.fit", MIT, "Garmin Forerunner 935"),
    ("fr735-swim", "polyvertex/fitdecode", "tests/files/event_timestamp.fit", MIT, "Garmin Forerunner 735XT"),
    ("zwift-ride", "polyvertex/fitdecode", "tests/files/null_compressed_speed_dist.fit", MIT, "Zwift"),
    (
        "coros-pace2-misaligned",
        "dtcooper/python-fitparse",
        "tests/files/coros-pace-2-cycling-misaligned-fields.fit",
        MIT,
        "COROS Pace 2",
    ),
    (
        "fr920xt-triathlon-chained",
        "dtcooper/python-fitparse",
        "tests/files/sample_mulitple_header.fit",
        MIT,
        "Garmin Forerunner 920XT",
    ),
    (
        "stravaapp-fit",
        "dtcooper/python-fitparse",
        "tests/files/strava-android-app-201.10-b1218918.fit",
        MIT,
        "Strava Android app 201.10",
    ),
    ("sigma-unterminated", "dtcooper/python-fitparse", "tests/files/nick.fit", MIT, "Sigma Sport"),
    ("sdk-bad-crc", "dtcooper/python-fitparse", "tests/files/activity-filecrc.fit", MIT, "FIT SDK example, damaged"),
    ("fr645m-run", "fgebhart/sportgems", "tests/data/2019-09-14-17-22-05.fit", MIT, "Garmin Forerunner 645 Music"),
    ("coros-run-10k", "sports-alliance/sports-lib", "src/specs/fixtures/runs/fit/6916663933.fit", AGPL, "COROS"),
    ("coros-run-21k", "sports-alliance/sports-lib", "src/specs/fixtures/runs/fit/6916728382.fit", AGPL, "COROS"),
    ("suunto-trail-run", "sports-alliance/sports-lib", "src/specs/fixtures/runs/fit/6909950168.fit", AGPL, "Suunto"),
    ("suunto-run", "sports-alliance/sports-lib", "src/specs/fixtures/runs/fit/6914538454.fit", AGPL, "Suunto"),
    (
        "fr945-run",
        "sports-alliance/sports-lib",
        "src/specs/fixtures/runs/fit/6782987395.fit",
        AGPL,
        "Garmin Forerunner 945",
    ),
    (
        "fr945-treadmill",
        "sports-alliance/sports-lib",
        "src/specs/fixtures/runs/fit/6860622783.fit",
        AGPL,
        "Garmin Forerunner 945",
    ),
    (
        "vivoactive-run",
        "sports-alliance/sports-lib",
        "src/specs/fixtures/runs/fit/2067489619.fit",
        AGPL,
        "Garmin vivoactive HR",
    ),
    ("gpx-gpsbabel", "tkrajina/gpxpy", "test_files/korita-zbevnica.gpx", APACHE, "GPSBabel"),
    ("gpx-gpsbabel-2", "tkrajina/gpxpy", "test_files/cerknicko-jezero.gpx", APACHE, "GPSBabel"),
    ("gpx-without-times", "tkrajina/gpxpy", "test_files/cerknicko-without-times.gpx", APACHE, "GPSBabel"),
    ("gpx-nikeplus", "tkrajina/gpxpy", "test_files/track-with-less-sec-time.gpx", APACHE, "NikePlus GPX Bridge"),
    ("gpx-etrex", "tkrajina/gpxpy", "test_files/around-visnjan-with-car.gpx", APACHE, "Garmin eTrex 20x"),
    (
        "gpx-empty-segment",
        "tkrajina/gpxpy",
        "test_files/track-with-empty-segment.gpx",
        APACHE,
        "TC2 to GPX11 XSLT stylesheet",
    ),
    (
        "gpx-apple-route",
        "simonw/healthkit-to-sqlite",
        "tests/zip_contents/apple_health_export/workout-routes/route_2019-06-11_3.00pm.gpx",
        APACHE,
        "Apple Health export",
    ),
    ("gpx-amazfit", "sports-alliance/sports-lib", "samples/gpx/amazfit.gpx", AGPL, "Amazfit"),
    ("gpx-garmin-connect", "sports-alliance/sports-lib", "samples/gpx/garmin.gpx", AGPL, "Garmin Connect"),
    ("gpx-movescount", "sports-alliance/sports-lib", "samples/gpx/movescount.gpx", AGPL, "Suunto Movescount"),
    ("gpx-mytrails", "sports-alliance/sports-lib", "src/specs/fixtures/runs/gpx/6909258631.gpx", AGPL, "MyTrails"),
    ("gpx-strava-android", "AhmedAldahshoury/StravaData", "activities/1025417046.gpx", NONE, "Strava Android app"),
    ("tcx-forerunner410", "vkurup/python-tcxparser", "tests/files/test.tcx", BSD, "Garmin Forerunner 410"),
    ("tcx-sup-other", "vkurup/python-tcxparser", "tests/files/sup_activity_1.tcx", BSD, "Garmin vivoactive HR"),
    (
        "tcx-movescount-laps-short",
        "sports-alliance/sports-lib",
        "samples/tcx/movescount.tcx",
        AGPL,
        "Suunto Movescount",
    ),
    ("tcx-polar-v800", "sports-alliance/sports-lib", "src/specs/fixtures/runs/tcx/6281425038.tcx", AGPL, "Polar V800"),
    (
        "tcx-suunto-spartan",
        "sports-alliance/sports-lib",
        "samples/tcx/unknown_example.tcx",
        AGPL,
        "Suunto Spartan Ultra",
    ),
    ("tcx-one-lap", "sports-alliance/sports-lib", "src/specs/fixtures/runs/tcx/1604524853.tcx", AGPL, "unnamed"),
    ("strava-2018", "AhmedAldahshoury/StravaData", "activities.csv", NONE, "Strava export, 2018 layout"),
    (
        "strava-2019-gb-dates",
        "MattSoman/StravaLogScraper",
        "activities.csv",
        NONE,
        "Strava export, 2019 layout (one Distance, en-GB dates)",
    ),
    ("strava-2020", "DillM94/Strava", "activities.csv", NONE, "Strava export, 2020 layout"),
    ("strava-2022", "AakashB-1996/Strava_Analysis", "activities.csv", NONE, "Strava export, 2022 layout"),
    (
        "strava-2025",
        "JoBoSo/Strava-Activity-Map",
        "strava_exports/export_08_25_2025/activities.csv",
        MIT,
        "Strava export, 2025 layout",
    ),
    (
        "health-hktimezone",
        "simonw/healthkit-to-sqlite",
        "tests/export.xml",
        APACHE,
        "Apple Health export (no DTD, HKTimeZone)",
    ),
    ("health-with-dtd", "rgosdin/docs", "apple_health_export/export.xml", NONE, "Apple Health export (with DTD)"),
    (
        "cronometer-daily",
        "dawndrain/nutrition-dii-calculator",
        "cronometer_dailysummary.csv",
        MIT,
        "Cronometer Daily Nutrition",
    ),
    (
        "cronometer-spreadsheet",
        "aplehn/Nutrition-Optimizer",
        "dailysummary.csv",
        NONE,
        "Cronometer Daily Nutrition re-saved by a spreadsheet (M/D/YYYY)",
    ),
    ("cronometer-daily-2", "maximumpeaches/tracking", "dailysummary.csv", NONE, "Cronometer Daily Nutrition"),
    ("cronometer-servings", "maximumpeaches/tracking", "servings.csv", NONE, "Cronometer Servings"),
]


def git(repo: str, *args: str) -> bytes:
    return subprocess.run(["git", "--git-dir", str(mirror_git(repo)), *args], capture_output=True, check=True).stdout


def zone_of(offset: int | None, at: dt.datetime) -> str:
    """docs/import.md: the user's zone when it had that offset then (or the offset is unknown),
    else Etc/GMT±N for whole hours, else UTC."""
    if offset is None or at.astimezone(ZoneInfo(USER_ZONE)).utcoffset() == dt.timedelta(seconds=offset):
        return "user"
    if offset % 3600 == 0 and offset:
        return f"Etc/GMT{-offset // 3600:+d}"
    return "UTC"


def run(
    at: dt.datetime, zone: str, metres: float | None, seconds: float | None, surface: str | None = None
) -> dict[str, object]:
    km = metres / 1000 if metres and round(metres / 1000, 3) > 0 else None  # under a metre: no distance
    out: dict[str, object] = {
        "start": at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "zone": zone,
        "km": round(km, 3) if km else None,
        "seconds": round(seconds) if seconds else None,
    }
    if surface:
        out["surface"] = surface
    return out


def plausible(r: dict[str, object]) -> bool:
    km, seconds = r["km"], r["seconds"]
    return not (km and seconds and seconds < km * FASTEST_S_PER_KM)  # type: ignore[operator]


def expect_runs(runs: list[dict[str, object]], **more: object) -> dict[str, object]:
    kept = [r for r in runs if plausible(r)]
    out: dict[str, object] = {"runs": kept, **more}
    if len(kept) != len(runs):
        out["impossible_pace"] = len(runs) - len(kept)
    return out


# -- FIT ------------------------------------------------------------------------------------------

SURFACE = {"treadmill": "treadmill", "trail": "trail", "track": "track", "street": "road"}


def fit_facts(data: bytes) -> dict[str, object]:
    import fitdecode

    messages: dict[str, list[dict[str, object]]] = {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with fitdecode.FitReader(
                io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE, error_handling=fitdecode.ErrorHandling.WARN
            ) as reader:
                for frame in reader:
                    if frame.frame_type == fitdecode.FIT_FRAME_DATA:
                        messages.setdefault(frame.name, []).append({f.name: f.value for f in frame.fields})
        except Exception as exc:  # fitdecode refusing the file is the fact
            return {"refused": f"fitdecode: {type(exc).__name__}: {exc}"}
    sizes = [w for w in caught if "invalid field size" in str(w.message)]
    file_id = (messages.get("file_id") or [{}])[0]
    if file_id.get("type") not in ("activity", 4):
        return {"runs": []}
    activity = (messages.get("activity") or [{}])[0]
    offset = None
    local, utc = activity.get("local_timestamp"), activity.get("timestamp")
    if isinstance(local, dt.datetime) and isinstance(utc, dt.datetime):
        seconds = (local.replace(tzinfo=None) - utc.replace(tzinfo=None)).total_seconds()
        if not (seconds == 0 and file_id.get("manufacturer") == "coros"):  # COROS writes UTC there
            offset = round(seconds / 900) * 900
    sessions = messages.get("session") or []
    runs = []
    for s in sessions:
        sport, start = s.get("sport"), s.get("start_time")
        if not isinstance(start, dt.datetime):
            continue
        if sport == "generic" and _spans_others(s, sessions):
            continue  # a multisport file's overall session
        if sport not in ("running", "generic"):
            continue
        metres = _number(s.get("total_distance")) or _record_metres(messages.get("record") or [], s)
        timer = _number(s.get("total_timer_time")) or _number(s.get("total_elapsed_time"))
        runs.append(run(start, zone_of(offset, start), metres, timer, SURFACE.get(str(s.get("sub_sport")))))
    return expect_runs(runs, **({"warning": "field size"} if sizes else {}))


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) and math.isfinite(value) else None


def _span(s: dict[str, object]) -> tuple[dt.datetime, dt.datetime]:
    start = s["start_time"]
    assert isinstance(start, dt.datetime)
    return start, start + dt.timedelta(seconds=_number(s.get("total_elapsed_time")) or 0)


def _spans_others(s: dict[str, object], sessions: list[dict[str, object]]) -> bool:
    a, b = _span(s)
    return any(
        o is not s
        and o.get("sport") not in (None, "generic")
        and isinstance(o.get("start_time"), dt.datetime)
        and _span(o)[0] < b
        and a < _span(o)[1]
        for o in sessions
    )


def _record_metres(records: list[dict[str, object]], s: dict[str, object]) -> float | None:
    begin, end = _span(s)
    inside = [r for r in records if isinstance(r.get("timestamp"), dt.datetime) and begin <= r["timestamp"] <= end]
    distances = [d for r in inside if (d := _number(r.get("distance"))) is not None]
    return max(distances) - distances[0] if distances else None


# -- GPX, TCX -------------------------------------------------------------------------------------

GPX_RUNS = {"", "run", "running", "9", "trail_running", "trailrunning"}


def gpx_facts(data: bytes) -> dict[str, object]:
    import gpxpy

    try:
        gpx = gpxpy.parse(data.decode("utf-8-sig").lstrip())
    except Exception as exc:  # gpxpy refusing the file is the fact
        return {"refused": f"gpxpy: {exc}"}
    runs = []
    for track in gpx.tracks:
        if (track.type or "").strip().lower() not in GPX_RUNS:
            continue
        bounds = track.get_time_bounds()
        if bounds.start_time is None:
            continue
        seconds = (bounds.end_time - bounds.start_time).total_seconds()
        runs.append(run(bounds.start_time, "user", track.length_2d(), seconds))
    return expect_runs(runs)


def local(tag: str) -> str:
    return tag.rpartition("}")[2]


def tcx_facts(data: bytes) -> dict[str, object]:
    root = ET.fromstring(data.lstrip())
    runs = []
    for activity in root.iter():
        if local(activity.tag) != "Activity" or activity.get("Sport", "Running") != "Running":
            continue
        laps = [e for e in activity if local(e.tag) == "Lap"]
        start = next(
            dt.datetime.fromisoformat(e.text.strip().replace("Z", "+00:00")) for e in activity if local(e.tag) == "Id"
        )
        lap_metres = sum(float(c.text) for lap in laps for c in lap if local(c.tag) == "DistanceMeters")
        seconds = sum(float(c.text) for lap in laps for c in lap if local(c.tag) == "TotalTimeSeconds")
        points = [
            float(c.text)
            for p in activity.iter()
            if local(p.tag) == "Trackpoint"
            for c in p
            if local(c.tag) == "DistanceMeters"
        ]
        runs.append(run(start, "user", max([lap_metres, *points]), seconds))
    return expect_runs(runs)


# -- Strava ---------------------------------------------------------------------------------------

STRAVA_RUNS = {"Run": None, "Trail Run": "trail", "Virtual Run": "treadmill"}
STRAVA_DATES = ("%b %d, %Y, %I:%M:%S %p", "%d %b %Y, %H:%M:%S", "%Y-%m-%d %H:%M:%S")


def strava_facts(data: bytes) -> dict[str, object]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    header, rows = rows[0], [r for r in rows[1:] if any(c.strip() for c in r)]
    old = "id" in header

    def first(name: str) -> int:
        return header.index(name)

    def last(name: str) -> int:
        return len(header) - 1 - header[::-1].index(name)

    kind = first("type" if old else "Activity Type")
    date = first("date" if old else "Activity Date")
    metres = first("distance") if old else (last("Distance") if header.count("Distance") > 1 else None)
    shown = None if old or metres is not None else first("Distance")
    moving = last("Moving Time") if "Moving Time" in header else None
    elapsed = first("elapsed_time" if old else "Elapsed Time")
    runs = []
    for r in rows:
        if r[kind] not in STRAVA_RUNS:
            continue
        text = r[date].replace("\u202f", " ")
        at = next(dt.datetime.strptime(text, f).replace(tzinfo=UTC) for f in STRAVA_DATES if _fits(text, f))
        m = (
            float(r[metres])
            if metres is not None and r[metres]
            else (float(r[shown]) * 1000 if shown is not None and r[shown] else None)
        )
        seconds = (float(r[moving]) if moving is not None and r[moving] else 0) or float(r[elapsed] or 0)
        runs.append(run(at, "user", m, seconds, STRAVA_RUNS[r[kind]]))
    runs.sort(key=lambda x: str(x["start"]))
    kept = [r for r in runs if plausible(r)]
    total = sum(float(r["km"] or 0) for r in kept)  # type: ignore[arg-type]
    return {
        "count": len(kept),
        "first": kept[0],
        "last": kept[-1],
        "total_km": round(total, 3),
        "impossible_pace": len(runs) - len(kept),
    }


def _fits(text: str, fmt: str) -> bool:
    try:
        dt.datetime.strptime(text, fmt)
    except ValueError:
        return False
    return True


# -- Apple Health ---------------------------------------------------------------------------------


def health_facts(data: bytes) -> dict[str, object]:
    text = re.sub(rb"<!DOCTYPE.*?\]>", b"", data, count=1, flags=re.S)  # real exports' DTD is broken
    root = ET.fromstring(text)
    export = next((e.get("value") for e in root if e.tag == "ExportDate"), None)
    export_offset = dt.datetime.strptime(export, "%Y-%m-%d %H:%M:%S %z").utcoffset() if export else None
    runs, drinks, days = [], 0, set()
    for e in root:
        meta = {m.get("key"): m.get("value") for m in e if m.tag == "MetadataEntry"}
        at = dt.datetime.strptime(e.get("startDate", "1900-01-01 00:00:00 +0000"), "%Y-%m-%d %H:%M:%S %z")
        if meta.get("HKTimeZone"):
            zone = meta["HKTimeZone"]
        elif at.utcoffset() == export_offset:
            zone = "user"
        else:
            zone = zone_of(int(at.utcoffset().total_seconds()), at)
        if e.tag == "Record" and e.get("type") == "HKQuantityTypeIdentifierDietaryWater":
            drinks += 1
        elif e.tag == "Record" and e.get("type", "").endswith(("DietaryMagnesium", "DietaryPotassium")):
            days.add((at.astimezone(ZoneInfo(USER_ZONE if zone == "user" else zone)).date(), e.get("sourceName")))
        elif e.tag == "Workout" and e.get("workoutActivityType") == "HKWorkoutActivityTypeRunning":
            unit = {"km": 1000, "mi": 1609.344, "m": 1}[e.get("totalDistanceUnit", "km")]
            minutes = float(e.get("duration", 0)) * {"min": 60, "s": 1, "hr": 3600}[e.get("durationUnit", "min")]
            runs.append(run(at, zone, float(e.get("totalDistance", 0)) * unit, minutes))
    return expect_runs(runs, drinks=drinks, food_days=len(days))


# -- Cronometer -----------------------------------------------------------------------------------


def cronometer_facts(data: bytes) -> dict[str, object]:
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    day_col = "Date" if "Date" in rows[0] else "Day"
    totals: dict[dt.date, dict[str, float]] = {}
    for r in rows:
        text = r[day_col]
        if "/" in text:
            m, d, y = (int(p) for p in text.split("/"))  # this corpus's re-saved file is month first
            day = dt.date(y, m, d)
        else:
            day = dt.date.fromisoformat(text)
        got = totals.setdefault(day, {})
        for column, key in (("Magnesium (mg)", "magnesium_mg"), ("Potassium (mg)", "potassium_mg")):
            if (r.get(column) or "").strip():
                got[key] = got.get(key, 0.0) + float(r[column])
    logged = {d: t for d, t in sorted(totals.items()) if t}
    first, last = min(logged), max(logged)
    return {
        "days": len(logged),
        "first": {"day": first.isoformat(), **{k: round(v, 1) for k, v in logged[first].items()}},
        "last": {"day": last.isoformat(), **{k: round(v, 1) for k, v in logged[last].items()}},
    }


READERS = {".fit": fit_facts, ".gpx": gpx_facts, ".tcx": tcx_facts, ".xml": health_facts}


def facts(file_id: str, path: str, data: bytes) -> dict[str, object]:
    if file_id.startswith("strava-"):
        return strava_facts(data)
    if file_id.startswith("cronometer-"):
        return cronometer_facts(data)
    return READERS[Path(path).suffix.lower()](data)


def main() -> None:
    entries = []
    for file_id, repo, path, licence, made_by in FILES:
        commit = git(repo, "rev-parse", "HEAD").decode().strip()
        blob = git(repo, "rev-parse", f"{commit}:{path}").decode().strip()
        data = git(repo, "cat-file", "blob", blob)
        entries.append(
            {
                "id": file_id,
                "repo": repo,
                "commit": commit,
                "path": path,
                "blob": blob,
                "bytes": len(data),
                "licence": licence,
                "made_by": made_by,
                "expect": facts(file_id, path, data),
            }
        )
        print(f"{file_id:28} {len(data):9,} B  {json.dumps(entries[-1]['expect'])[:110]}")
    document = {"user_zone": USER_ZONE, "files": entries}
    (HERE / "MANIFEST.json").write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
