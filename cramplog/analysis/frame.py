"""Provides the diary-day frame: one row per diary day with totals, completeness and exposures.

A day is *logged* when it has a check-in or a cramp; unlogged days keep NaN outcomes, so they
are left out of every analysis instead of counting as "no cramp". A day is *active* when it has
any drink, stretch, run, food or is logged; intake totals are NaN only on inactive days, so the
weekly charts show a run or a drink even on a day without a check-in.
Exposure columns follow science.md §2 (definitions, lags, defaults from `Settings`); each is
1.0 (exposed), 0.0 (not exposed) or NaN (not tracked that day, or not enough history).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..domain import vocab
from ..domain.entries import Entry
from ..domain.settings import Settings
from ..domain.shoes import life_of
from . import tables as T

LOWER_LIMB = ("foot", "ankle", "calf", "shin", "knee", "thigh", "hip", "back")
"""Injury sites that open a post-injury window (science.md §2, factor 2)."""
BEDTIME = dt.time(18, 0)
BEDTIME_MUSCLES = ("calf", "hamstring")
STRETCH_CRAMP_GRACE_MIN = 10
"""A 'stretching' cramp this many minutes around a session means it happened in that session."""
HARD_EFFORT = 7
FASTER = 0.95
SIMILAR_DISTANCE = 0.3
PACE_HISTORY_DAYS = 28
MIN_PACE_RUNS = 3
DOMS = 5


def daily_frame(entries: Iterable[Entry], settings: Settings, today: dt.date) -> pd.DataFrame:
    """One row per diary day from the first day-to-day entry's diary day to `today` (index `day`)."""
    return frame_from_tables(T.from_entries(entries, settings.boundary), settings, today)


def frame_from_tables(tables: T.Tables, settings: Settings, today: dt.date) -> pd.DataFrame:
    """The daily frame from per-kind tables (see `cramplog.analysis.tables`)."""
    first = T.first_day(tables)
    start = min(first, today) if first is not None else today
    index = pd.date_range(pd.Timestamp(start), pd.Timestamp(today), freq="D", name="day")
    tables = {k: t if k in T.CONTEXT_KINDS else t[(t["day"] >= index[0]) & (t["day"] <= index[-1])]
              for k, t in tables.items()}
    f = pd.DataFrame(index=index)
    _outcomes(f, tables)
    _intake(f, tables)
    _exposures(f, tables, settings)
    f["weekend"] = (f.index.day_of_week >= 5).astype(float)
    f["stratum"] = f.index.strftime("%Y-%m")
    return f


def _per_day(table: pd.DataFrame, column: str, how: str, index: pd.DatetimeIndex) -> pd.Series:
    if table.empty:
        return pd.Series(0.0 if how in ("sum", "size") else np.nan, index=index)
    grouped = table.groupby("day")[column] if how != "size" else table.groupby("day")
    values = getattr(grouped, how)()
    fill = 0.0 if how in ("sum", "size") else np.nan
    return values.reindex(index, fill_value=fill).astype(float)


def _outcomes(f: pd.DataFrame, tables: T.Tables) -> None:
    cramps, checkins = tables["cramp"], tables["checkin"]
    idx = f.index
    count = _per_day(cramps, "id", "size", idx)
    checked = pd.Series(idx.isin(checkins["day"]), index=idx)
    f["logged"] = checked | (count > 0)
    logged = f["logged"]
    f["cramps"] = count.where(logged)
    f["cramp_day"] = (count > 0).astype(float).where(logged)
    f["mean_severity"] = _per_day(cramps, "severity", "mean", idx)
    f["max_severity"] = _per_day(cramps, "severity", "max", idx)
    for context in vocab.CONTEXTS:
        f[f"cramps_{context}"] = _per_day(cramps[cramps["context"] == context], "id", "size", idx).where(logged)
    last = checkins.sort_values("at").drop_duplicates("day", keep="last").set_index("day")
    for column in ("no_cramps", "hot_day", "sleep_hours", "soreness"):
        f[column] = last[column].astype(float).reindex(idx) if len(last) else np.nan
    recent = count.shift(1, fill_value=0) + count.shift(2, fill_value=0)
    f["recent_cramp"] = (recent > 0).astype(float)


def _intake(f: pd.DataFrame, tables: T.Tables) -> None:
    idx = f.index
    drinks, stretches, runs, foods = tables["drink"], tables["stretch"], tables["run"], tables["food"]
    f["drinks_logged"] = _per_day(drinks, "id", "size", idx)
    f["runs"] = _per_day(runs, "id", "size", idx)
    f["foods_logged"] = _per_day(foods, "id", "size", idx)
    stretched = _per_day(stretches, "id", "size", idx)
    f["active"] = f["logged"] | (f["drinks_logged"] + f["runs"] + f["foods_logged"] + stretched > 0)
    active = f["active"]
    f["beverages_ml"] = _per_day(drinks, "amount_ml", "sum", idx).where(active)
    f["stretch_min"] = _per_day(stretches, "minutes", "sum", idx).where(active)
    f["run_km"] = _per_day(runs, "distance_km", "sum", idx).where(active)
    load = runs["effort"].astype(float) * runs["duration_s"].astype(float) / 60
    f["run_load"] = _per_day(runs.assign(load=load.fillna(0.0)), "load", "sum", idx).where(active)
    f["magnesium_mg"] = _per_day(foods, "magnesium_mg", "sum", idx).where(active)
    f["potassium_mg"] = _per_day(foods, "potassium_mg", "sum", idx).where(active)


def _exposures(f: pd.DataFrame, tables: T.Tables, s: Settings) -> None:
    idx = f.index
    drinks_ml = _per_day(_before_daytime_cramp(tables["drink"], tables["cramp"]), "amount_ml", "sum", idx)
    f["low_fluid"] = (drinks_ml < s.low_fluid_fraction * s.beverage_ml).astype(float).where(f["drinks_logged"] > 0)
    for mineral, reference in (("magnesium", s.magnesium_mg), ("potassium", s.potassium_mg)):
        total = _per_day(tables["food"], f"{mineral}_mg", "sum", idx)
        f[f"low_{mineral}"] = (total < s.low_mineral_fraction * reference).astype(float).where(f["foods_logged"] > 0)
    f["post_injury"] = _post_injury(tables["injury"], idx, s.post_injury_days)
    sore = f["soreness"]
    both = pd.concat([sore, sore.shift(1)], axis=1)
    f["muscle_damage"] = (both.max(axis=1) >= DOMS).astype(float).where(both.notna().any(axis=1))
    _running(f, tables, s)
    _stretching(f, tables, s)


def _before_daytime_cramp(drinks: pd.DataFrame, cramps: pd.DataFrame) -> pd.DataFrame:
    """Drinks that count for the low-fluid exposure: on a day with a daytime cramp, only those
    before its first one (science.md §2, factor 1; a night cramp's day is the evening before)."""
    daytime = cramps[cramps["context"] != "night"]
    if drinks.empty or daytime.empty:
        return drinks
    cut = drinks["day"].map(daytime.groupby("day")["minute"].min())
    return drinks[cut.isna() | (drinks["minute"] <= cut)]


def _post_injury(injuries: pd.DataFrame, idx: pd.DatetimeIndex, days: int) -> pd.Series:
    exposed = pd.Series(0.0, index=idx)
    for row in injuries[injuries["site"].isin(LOWER_LIMB)].itertuples():
        end = row.day + pd.Timedelta(days=days)
        if row.resolved is not None and not pd.isna(row.resolved):
            end = min(end, pd.Timestamp(row.resolved))
        exposed[(idx >= row.day) & (idx <= end)] = 1.0
    return exposed


def _running(f: pd.DataFrame, tables: T.Tables, s: Settings) -> None:
    idx, runs = f.index, tables["run"].sort_values(["at", "id"])
    f["ran_today"] = (f["runs"] > 0).astype(float)
    load = _per_day(runs.assign(load=(runs["effort"].astype(float) * runs["duration_s"].astype(float) / 60)
                                .fillna(0.0)), "load", "sum", idx)
    acute = load.rolling(7, min_periods=7).sum()
    chronic = load.rolling(28, min_periods=28).sum() / 4
    f["acwr"] = (acute / chronic).where(chronic > 0)
    f["load_spike"] = (f["acwr"] > s.acwr_spike).astype(float).where(f["acwr"].notna())
    hard = (_per_day(runs, "effort", "max", idx) >= HARD_EFFORT)
    f["hard_streak"] = (hard & hard.shift(1, fill_value=False)).astype(float)
    km = _per_day(runs, "distance_km", "sum", idx)
    week = km.rolling(7, min_periods=7).sum()
    last = week.shift(7)
    f["distance_jump"] = (week > s.distance_jump * last).astype(float).where(last > 0)
    _shoes(f, runs, tables["shoe"], s)
    _pace(f, runs)


def _shoes(f: pd.DataFrame, runs: pd.DataFrame, shoes: pd.DataFrame, s: Settings) -> None:
    """Worn (> life) and new (< first km) shoe runs, from each shoe's distance before the run."""
    idx = f.index
    worn = pd.Series(np.nan, index=idx)
    new = pd.Series(np.nan, index=idx)
    shod = runs[runs["shoe_id"].notna()]
    if len(shod) and len(shoes):
        info = shoes.set_index("id")
        start = shod["shoe_id"].map(info["start_km"]).fillna(0.0)
        lives = {i: life_of(None if pd.isna(km) else float(km), s.life_km) for i, km in info["life_km"].items()}
        life = shod["shoe_id"].map(lives)
        before = shod.groupby("shoe_id")["distance_km"].cumsum() - shod["distance_km"] + start
        per_run = pd.DataFrame({"day": shod["day"], "worn": (before > life).astype(float),
                                "new": (before < s.new_km).astype(float)})
        daily = per_run.groupby("day").max().reindex(idx)
        worn, new = daily["worn"], daily["new"]
    f["worn_shoe"], f["new_shoe"] = worn, new


def _pace(f: pd.DataFrame, runs: pd.DataFrame) -> None:
    """Runs at least 5% faster than the 28-day median pace of similar-distance runs."""
    faster = pd.Series(np.nan, index=f.index)
    timed = runs[runs["duration_s"].notna() & (runs["distance_km"] > 0)]
    if len(timed):
        days = timed["day"].to_numpy()
        dist = timed["distance_km"].to_numpy(float)
        pace = timed["duration_s"].to_numpy(float) / dist
        flags: dict[pd.Timestamp, float] = {}
        window = np.timedelta64(PACE_HISTORY_DAYS, "D")
        lo = 0
        for i in range(len(timed)):
            while days[lo] < days[i] - window:
                lo += 1
            prior = slice(lo, i)
            similar = np.abs(dist[prior] - dist[i]) <= SIMILAR_DISTANCE * dist[i]
            history = pace[prior][similar & (days[prior] < days[i])]
            if len(history) >= MIN_PACE_RUNS:
                ordered = np.sort(history)  # the median, without np.median's overhead per run
                middle = (ordered[(len(ordered) - 1) // 2] + ordered[len(ordered) // 2]) / 2
                hit = float(pace[i] <= FASTER * middle)
                day = pd.Timestamp(days[i])
                flags[day] = max(flags.get(day, 0.0), hit)
        if flags:
            faster = pd.Series(flags).reindex(f.index)
    f["faster_than_usual"] = faster


def _stretching(f: pd.DataFrame, tables: T.Tables, s: Settings) -> None:
    idx, stretches, cramps = f.index, tables["stretch"], tables["cramp"]
    excluded = _cramped_sessions(stretches, cramps)
    clean = stretches[~excluded]
    any_day = pd.Series(idx.isin(stretches["day"]), index=idx).astype(float)
    f["stretch_days_7"] = any_day.shift(1).rolling(7, min_periods=7).sum()
    f["low_stretch_week"] = (f["stretch_days_7"] < 2).astype(float).where(f["stretch_days_7"].notna())
    boundary = s.boundary
    since_boundary = dt.datetime.combine(dt.date.min, BEDTIME) - dt.datetime.combine(dt.date.min, boundary)
    bedtime_minute = since_boundary.seconds / 60
    bedtime = clean[(clean["minute"] >= bedtime_minute)
                    & clean["muscles"].map(lambda m: any(x in BEDTIME_MUSCLES for x in m))]
    night = cramps[cramps["context"] == "night"].groupby("day")["minute"].min()
    first_night = bedtime["day"].map(night)
    bedtime = bedtime[first_night.isna() | (bedtime["minute"] < first_night)]
    f["no_bedtime_stretch"] = (~pd.Series(idx.isin(bedtime["day"]), index=idx)).astype(float)


def _cramped_sessions(stretches: pd.DataFrame, cramps: pd.DataFrame) -> pd.Series:
    """Sessions a cramp happened in: marked `cramped`, or a 'stretching' cramp during/at the end."""
    out = stretches["cramped"].astype(bool).copy()
    during = cramps[cramps["context"] == "stretching"]
    if len(during) and len(stretches):
        grace = pd.Timedelta(minutes=STRETCH_CRAMP_GRACE_MIN)
        times = during["at"].map(lambda a: a.timestamp()).to_numpy()
        for i, row in enumerate(stretches.itertuples()):
            span = pd.Timedelta(minutes=row.minutes)
            lo, hi = (row.at - span - grace).timestamp(), (row.at + span + grace).timestamp()
            if ((times >= lo) & (times <= hi)).any():
                out.iloc[i] = True
    return out
