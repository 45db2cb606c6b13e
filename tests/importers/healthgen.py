"""Provides a generator of Apple Health `export.xml` files shaped like the real ones, for the
tests and the import benchmark: the (broken) internal DTD, `Me`, heart-rate and step records
with metadata, drinks, magnesium and potassium at top level and again inside food
`Correlation`s, and running and walking workouts with `WorkoutStatistics`."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 14 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT ExportDate EMPTY>
<!ATTLIST ExportDate
  value CDATA #REQUIRED
>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record
  type          CDATA #REQUIRED
  unit          CDATA #IMPLIED
  value         CDATA #IMPLIED
  sourceName    CDATA #REQUIRED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!ATTLIST Workout
  workoutActivityType CDATA #REQUIRED
  duration CDATA #IMPLIED
  durationUnit CDATA #IMPLIED
  totalDistance CDATA #IMPLIED
  totalDistanceUnit CDATA #IMPLIED
  sourceName CDATA #REQUIRED
  startDate CDATA #REQUIRED
  endDate CDATA #REQUIRED
  >
<!ELEMENT WorkoutActivity ((WorkoutEvent|WorkoutStatistics|MetadataEntry)*)>
<!ATTLIST WorkoutActivity
  uuid             CDATA #REQUIRED
  startDate        CDATA #REQUIRED
  endDate          CDATA #REQUIRED
  duration         CDATA #IMPLIED
  durationUnit     CDATA #IMPLIED
  >
<!ATTLIST WorkoutRoute
  sourceName CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device CDATA #IMPLIED
  creationDate CDATA #IMPLIED
  startDate CDATA #REQUIRED
  endDate CDATA #REQUIRED
  >
<!ELEMENT FileReference EMPTY>
<!ATTLIST FileReference path CDATA #REQUIRED
<!ATTLIST WorkoutStatistics
  type CDATA #REQUIRED
]>
<HealthData locale="en_GB">
 <ExportDate value="2024-08-10 10:00:00 +0100"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="1980-01-01"
     HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale"/>
"""
DEVICE = (
    'device="&lt;&lt;HKDevice: 0x283415e40&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, '
    'hardware:Watch6,2, software:10.0&gt;"'
)


def stamp(at: dt.datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M:%S %z")


def record(
    kind: str,
    at: dt.datetime,
    value: float,
    unit: str,
    source: str = "Jo\u2019s Apple Watch",
    meta: str = "",
    device: bool = True,
) -> str:
    s = stamp(at)
    body = (
        f' <Record type="HKQuantityTypeIdentifier{kind}" sourceName="{source}" sourceVersion="10.0" '
        f'{DEVICE if device else ""} unit="{unit}" creationDate="{s}" startDate="{s}" endDate="{s}" '
        f'value="{value:g}"'
    )
    return body + (f">\n{meta} </Record>\n" if meta else "/>\n")


def food(at: dt.datetime, mg: float, k: float, source: str = "Cronometer") -> str:
    s = stamp(at)
    inner = record("DietaryMagnesium", at, mg, "mg", source, device=False) + record(
        "DietaryPotassium", at, k, "mg", source, device=False
    )
    return (
        f' <Correlation type="HKCorrelationTypeIdentifierFood" sourceName="{source}" sourceVersion="1" '
        f'creationDate="{s}" startDate="{s}" endDate="{s}">\n'
        f'  <MetadataEntry key="HKFoodType" value="Banana"/>\n{inner} </Correlation>\n'
    )


def workout(
    at: dt.datetime, kind: str = "Running", km: float = 5.0, minutes: float = 30.0, new_style: bool = True
) -> str:
    s, e = stamp(at), stamp(at + dt.timedelta(minutes=minutes))
    total = "" if new_style else f'totalDistance="{km:g}" totalDistanceUnit="km" '
    head = (
        f' <Workout workoutActivityType="HKWorkoutActivityType{kind}" duration="{minutes:g}" durationUnit="min" '
        f'{total}sourceName="Jo\u2019s Apple Watch" sourceVersion="10.0" {DEVICE} creationDate="{e}" '
        f'startDate="{s}" endDate="{e}">\n'
    )
    body = (
        '  <MetadataEntry key="HKIndoorWorkout" value="0"/>\n  <WorkoutEvent type="HKWorkoutEventTypeSegment" '
        f'date="{s}" duration="5" durationUnit="min"/>\n'
    )
    if new_style:
        body += (
            f'  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" startDate="{s}" '
            f'endDate="{e}" sum="{km:g}" unit="km"/>\n'
            f'  <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" startDate="{s}" '
            f'endDate="{e}" sum="320" unit="kcal"/>\n'
        )
    body += (
        f'  <WorkoutRoute sourceName="Jo\u2019s Apple Watch" sourceVersion="10.0" creationDate="{e}" '
        f'startDate="{s}" endDate="{e}">\n'
        f'   <FileReference path="/workout-routes/route_{at:%Y-%m-%d_%H.%M}.gpx"/>\n'
        "  </WorkoutRoute>\n"
    )
    return head + body + " </Workout>\n"


def day_of_data(day: dt.date, rng: random.Random, tz: dt.timezone) -> str:
    """One day: 300 heart rates, 60 step counts, water, food, sometimes a run or walk."""
    parts = []
    base = dt.datetime.combine(day, dt.time(0), tzinfo=tz)
    for i in range(300):
        at = base + dt.timedelta(seconds=i * 288)
        parts.append(
            record(
                "HeartRate",
                at,
                rng.randint(55, 150),
                "count/min",
                meta='  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>\n',
            )
        )
    for i in range(60):
        parts.append(
            record(
                "StepCount",
                base + dt.timedelta(minutes=i * 24),
                rng.randint(10, 900),
                "count",
                source="Jo\u2019s iPhone",
            )
        )
    for hour in (8, 11, 15, 19):
        parts.append(
            record("DietaryWater", base + dt.timedelta(hours=hour), 250, "mL", source="WaterMinder", device=False)
        )
    lunch = base + dt.timedelta(hours=13)
    parts.append(record("DietaryMagnesium", lunch, 180, "mg", source="Cronometer", device=False))
    parts.append(record("DietaryPotassium", lunch, 1400, "mg", source="Cronometer", device=False))
    parts.append(food(base + dt.timedelta(hours=13), 180, 1400))
    if day.toordinal() % 3 == 0:
        parts.append(workout(base + dt.timedelta(hours=18), "Running", 5 + day.day % 5, 30 + day.day))
    elif day.toordinal() % 3 == 1:
        parts.append(workout(base + dt.timedelta(hours=12), "Walking", 2.0, 25))
    return "".join(parts)


def write_export(path: Path, target_bytes: int, seed: int = 1) -> dict[str, int]:
    """Write an export of about `target_bytes`; returns how many days, drinks and runs it holds."""
    rng = random.Random(seed)
    tz = dt.timezone(dt.timedelta(hours=1))
    day = dt.date(2016, 1, 1)
    counts = {"days": 0, "drinks": 0, "runs": 0, "walks": 0}
    with path.open("w", encoding="utf-8") as f:
        f.write(HEADER)
        written = len(HEADER)
        while written < target_bytes:
            chunk = day_of_data(day, rng, tz)
            f.write(chunk)
            written += len(chunk.encode())
            counts["days"] += 1
            counts["drinks"] += 4
            if day.toordinal() % 3 == 0:
                counts["runs"] += 1
            elif day.toordinal() % 3 == 1:
                counts["walks"] += 1
            day += dt.timedelta(days=1)
        f.write("</HealthData>\n")
    return counts
