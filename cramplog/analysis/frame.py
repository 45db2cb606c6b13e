"""Provides the diary-day frame: one row per diary day with totals, completeness and exposures.

A day is *logged* when it has a check-in or a cramp; unlogged days keep NaN outcomes, so they
are left out of every analysis instead of counting as "no cramp". A day is *active* when it has
any drink, stretch, run, food or is logged; intake totals are NaN only on inactive days, so the
weekly charts show a run or a drink even on a day without a check-in.

Exposures: `exposures` computes every factor of `factors.FACTORS` over the window the factor
declares (`Window`), the same window on every day whatever happened in it, so a cramp day and
the days it is compared with are measured alike (docs/analysis.md §2). Each column is 1.0 (exposed),
0.0 (not exposed) or NaN (not tracked that day: nothing logged to measure it, an amount not
known, not enough history). Not enough history has one rule (`inside_diary`): a window read from
day-to-day entries must start on or after the diary's first logged day, wherever the frame
starts, so trends (which read a few weeks) and insights (which read everything) agree.
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
from .factors import (
    ACUTE_DAYS,
    BEDTIME_MUSCLES,
    BY_ID,
    CHRONIC_DAYS,
    DOMS,
    FACTORS,
    FASTER,
    HARD_EFFORT,
    JUMP_DAYS,
    LOW_STRETCH_DAYS,
    LOWER_LIMB,
    MIN_PACE_RUNS,
    PACE_HISTORY_DAYS,
    SIMILAR_DISTANCE,
    Window,
)


def daily_frame(entries: Iterable[Entry], settings: Settings, today: dt.date) -> pd.DataFrame:
    """One row per diary day from the first day-to-day entry's diary day to `today` (index `day`)."""
    return frame_from_tables(T.from_entries(entries, settings.boundary), settings, today)


def frame_from_tables(
    tables: T.Tables, settings: Settings, today: dt.date, diary_start: dt.date | None = None
) -> pd.DataFrame:
    """The daily frame from per-kind tables (see `cramplog.analysis.tables`).

    `diary_start`: the journal's first logged day, for a caller that read only recent rows
    (`tables.first_logged_day` of the whole journal); default: the first logged day in `tables`.
    """
    first = T.first_day(tables)
    start = min(first, today) if first is not None else today
    index = pd.date_range(pd.Timestamp(start), pd.Timestamp(today), freq="D", name="day")
    tables = {
        k: t if k in T.CONTEXT_KINDS else t[(t["day"] >= index[0]) & (t["day"] <= index[-1])] for k, t in tables.items()
    }
    f = pd.DataFrame(index=index)
    _outcomes(f, tables)
    _intake(f, tables)
    exposures(f, tables, settings)
    inside_diary(f, diary_start or T.first_logged_day(tables), settings)
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
    f["stretches"] = _per_day(stretches, "id", "size", idx)
    f["active"] = f["logged"] | (f["drinks_logged"] + f["runs"] + f["foods_logged"] + f["stretches"] > 0)
    active = f["active"]
    f["beverages_ml"] = _per_day(drinks, "amount_ml", "sum", idx).where(active)
    f["water_ml"] = _per_day(drinks[drinks["drink_kind"] == "water"], "amount_ml", "sum", idx).where(active)
    f["stretch_min"] = _per_day(stretches, "minutes", "sum", idx).where(active)
    f["run_km"] = _per_day(runs, "distance_km", "sum", idx).where(active)
    f["run_load"] = _per_day(runs.assign(load=_load(runs)), "load", "sum", idx).where(active)
    # Foods without amounts (free text) add nothing known: the charts show what is known.
    f["magnesium_mg"] = _per_day(foods, "magnesium_mg", "sum", idx).where(active)
    f["potassium_mg"] = _per_day(foods, "potassium_mg", "sum", idx).where(active)


def _load(runs: pd.DataFrame) -> pd.Series:
    """Session load = effort x minutes (Foster 2001); 0 when either is missing."""
    return (runs["effort"].astype(float) * runs["duration_s"].astype(float) / 60).fillna(0.0)


def over(daily: pd.Series, window: Window, how: str, settings: Settings) -> pd.Series:
    """`daily` aggregated (`sum`, `max`, `min`) over `window` for every day; NaN where the window
    reaches before the frame (not enough history) or, for max/min, holds no value."""
    first, last = window.span(settings)
    n = last - first + 1
    rolled = getattr(daily.rolling(n, min_periods=n if how == "sum" else 1), how)()
    if how != "sum":
        # Not enough history is NaN for max/min as for sums.
        rolled = rolled.where(pd.Series(np.arange(len(daily)) >= n - 1, index=daily.index))
    return rolled.shift(-last)


def exposures(f: pd.DataFrame, tables: T.Tables, s: Settings) -> None:
    """Every factor of `factors.FACTORS`, each over its declared window (one place, one rule)."""
    idx = f.index

    def w(fid: str) -> Window:
        return BY_ID[fid].window

    def flag(exposed: pd.Series, tracked: pd.Series) -> pd.Series:
        return exposed.astype(float).where(tracked.fillna(False).astype(bool))

    drinks_ml = over(_per_day(tables["drink"], "amount_ml", "sum", idx), w("low_fluid"), "sum", s)
    drinks_n = over(f["drinks_logged"], w("low_fluid"), "sum", s)
    f["low_fluid"] = flag(drinks_ml < s.low_fluid_fraction * s.beverage_ml, drinks_n > 0)
    _minerals(f, tables["food"], s)
    f["post_injury"] = _post_injury(tables["injury"], idx, w("post_injury"), s)
    sore = over(f["soreness"], w("muscle_damage"), "max", s)
    f["muscle_damage"] = flag(sore >= DOMS, sore.notna())
    _running(f, tables, s)
    stretch_days = (f["stretches"] > 0).astype(float)
    week = over(stretch_days, w("low_stretch_week"), "sum", s)
    f["stretch_days_7"] = week
    f["low_stretch_week"] = flag(week < LOW_STRETCH_DAYS, week.notna())
    bedtime = over(
        _bedtime_sessions(tables["stretch"], idx, s, w("no_bedtime_stretch")), w("no_bedtime_stretch"), "sum", s
    )
    f["no_bedtime_stretch"] = flag(bedtime == 0, bedtime.notna())


def inside_diary(f: pd.DataFrame, start: dt.date | None, s: Settings) -> None:
    """Each diary factor unknown (NaN) where its window starts before `start`, the diary's first
    logged day (`Window.diary`): days before the diary were not logged, so they are no history."""
    if start is None:
        return
    # Day i's window starts at i + first: known when that is on or after `start`.
    since = int((pd.Timestamp(start) - f.index[0]).days)
    position = np.arange(len(f))
    for factor in FACTORS:
        first, _ = factor.window.span(s)
        if factor.window.diary and factor.id in f and position[0] + first < since:
            f.loc[position + first < since, factor.id] = np.nan
    f["acwr"] = f["acwr"].where(f["load_spike"].notna())


def _minerals(f: pd.DataFrame, foods: pd.DataFrame, s: Settings) -> None:
    """Low magnesium / potassium: the known amounts below the share of the reference, and no food
    without an amount that day (it could lift the total over); known amounts over it are not low."""
    idx = f.index
    for mineral, reference in (("magnesium", s.magnesium_mg), ("potassium", s.potassium_mg)):
        column = f"{mineral}_mg"
        window = BY_ID[f"low_{mineral}"].window
        known = over(_per_day(foods, column, "sum", idx), window, "sum", s)
        unknown = over(_per_day(foods.assign(u=foods[column].isna().astype(float)), "u", "sum", idx), window, "sum", s)
        logged = over(f["foods_logged"], window, "sum", s)
        threshold = s.low_mineral_fraction * reference
        low = (known < threshold) & (unknown == 0)
        tracked = (logged > 0) & ((unknown == 0) | (known >= threshold))
        f[f"low_{mineral}"] = low.astype(float).where(tracked)


def _post_injury(injuries: pd.DataFrame, idx: pd.DatetimeIndex, window: Window, s: Settings) -> pd.Series:
    """1.0 on the days whose window holds a lower-limb injury's day, until it resolved."""
    first, last = window.span(s)
    exposed = pd.Series(0.0, index=idx)
    for row in injuries[injuries["site"].isin(LOWER_LIMB)].itertuples():
        end = row.day + pd.Timedelta(days=-first)
        if row.resolved is not None and not pd.isna(row.resolved):
            end = min(end, pd.Timestamp(row.resolved))
        exposed[(idx >= row.day + pd.Timedelta(days=last)) & (idx <= end)] = 1.0
    return exposed


def _running(f: pd.DataFrame, tables: T.Tables, s: Settings) -> None:
    idx, runs = f.index, tables["run"].sort_values(["at", "id"])
    f["ran_today"] = (over(f["runs"], BY_ID["ran_today"].window, "sum", s) > 0).astype(float)
    load = _per_day(runs.assign(load=_load(runs)), "load", "sum", idx)
    first, last = BY_ID["load_spike"].window.span(s)
    acute = load.rolling(ACUTE_DAYS, min_periods=ACUTE_DAYS).sum()
    chronic = load.rolling(CHRONIC_DAYS, min_periods=CHRONIC_DAYS).sum() / (CHRONIC_DAYS // ACUTE_DAYS)
    assert last - first + 1 == CHRONIC_DAYS
    f["acwr"] = (acute / chronic).where(chronic > 0).shift(-last)
    f["load_spike"] = (f["acwr"] > s.acwr_spike).astype(float).where(f["acwr"].notna())
    hard = (_per_day(runs, "effort", "max", idx) >= HARD_EFFORT).astype(float)
    f["hard_streak"] = (over(hard, BY_ID["hard_streak"].window, "min", s) == 1).astype(float)
    km = _per_day(runs, "distance_km", "sum", idx)
    first, last = BY_ID["distance_jump"].window.span(s)
    week = km.rolling(JUMP_DAYS, min_periods=JUMP_DAYS).sum()
    before = week.shift(JUMP_DAYS)
    f["distance_jump"] = (week > s.distance_jump * before).astype(float).where(before > 0).shift(-last)
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
        per_run = pd.DataFrame(
            {"day": shod["day"], "worn": (before > life).astype(float), "new": (before < s.new_km).astype(float)}
        )
        daily = per_run.groupby("day").max().reindex(idx)
        worn, new = daily["worn"], daily["new"]
    f["worn_shoe"], f["new_shoe"] = worn, new


def _pace(f: pd.DataFrame, runs: pd.DataFrame) -> None:
    """Runs at least FASTER faster than the median pace of similar-distance runs before them."""
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
                hit = float(pace[i] <= (1 - FASTER) * middle)
                day = pd.Timestamp(days[i])
                flags[day] = max(flags.get(day, 0.0), hit)
        if flags:
            faster = pd.Series(flags).reindex(f.index)
    f["faster_than_usual"] = faster


def _bedtime_sessions(stretches: pd.DataFrame, idx: pd.DatetimeIndex, s: Settings, window: Window) -> pd.Series:
    """Per diary day, the calf or hamstring sessions logged from the window's clock time on.

    Every session counts, a cramp in it or not: the factor is never compared with a cramp during
    a stretch (the factor is bound to that context), so a session stays what it was, a stretch.
    """
    if stretches.empty or window.since is None:
        return pd.Series(0.0, index=idx)
    since = dt.datetime.combine(dt.date.min, window.since) - dt.datetime.combine(dt.date.min, s.boundary)
    minute = since.seconds / 60
    muscles = stretches["muscles"].map(lambda m: any(x in BEDTIME_MUSCLES for x in m)).astype(bool)
    evening = stretches[(stretches["minute"] >= minute) & muscles]
    return _per_day(evening, "id", "size", idx)
