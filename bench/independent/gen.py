"""Independent null-diary generator for cramplog (review-a).

Written only from docs/analysis.md §1-3, docs/logging.md, docs/import.md, schema/export.schema.json
and science.md §4.8-4.9.  Nothing here reads cramplog's code.

make_diary(seed, planted=None) -> (export_dict, meta)

In a null diary every kind of cramp comes at its own constant rate:
  night cramps      a chance per diary day (times mostly after midnight)
  daytime cramps    a chance per diary day, at a uniformly random hour 07:00-22:00
                    (context rest / other / other_exercise)
  running cramps    a chance per run, at a random moment inside the run
  stretching cramps a chance per stretching session, inside the session, the session marked
Nothing about drinks, stretching, runs, shoes, food, soreness or injuries changes those chances.

planted: optional ("low_fluid_night", OR) -- odds of a night cramp multiplied by OR on a diary day whose
logged beverages are below 75% of 1800 ml (a day with drinks logged), as docs/analysis.md defines low fluid.
Also ("no_bedtime_stretch_night", OR): no calf/hamstring stretch from 18:00 to the boundary.
"""

from __future__ import annotations

import json
import math
import random
import uuid
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

ZONES = [
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    "America/Los_Angeles",
    "America/Chicago",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Asia/Kolkata",
    "Pacific/Auckland",
    "America/Sao_Paulo",
    "Africa/Johannesburg",
    "America/Denver",
]
IMPERIAL_ZONES = {"America/New_York", "America/Los_Angeles", "America/Chicago", "America/Denver"}

FOODS = {  # from `cramplog food --list` (name: Mg, K per serving)
    "pumpkin_seeds": (156, 223),
    "chia_seeds": (111, 115),
    "almonds": (80, 208),
    "spinach": (78, 420),
    "cashews": (74, 187),
    "peanuts": (63, 261),
    "soymilk": (61, 287),
    "black_beans": (60, 305),
    "edamame": (50, 338),
    "peanut_butter": (49, 208),
    "potato": (48, 610),
    "brown_rice": (42, 77),
    "yogurt": (42, 531),
    "oatmeal": (36, 100),
    "kidney_beans": (35, 304),
    "banana": (32, 422),
    "salmon": (26, 326),
    "milk": (24, 366),
    "avocado": (22, 364),
    "wholemeal_bread": (23, 69),
    "lentils": (71, 731),
    "dried_apricots": (21, 755),
    "prunes": (36, 635),
    "raisins": (23, 618),
    "orange_juice": (27, 496),
    "acorn_squash": (88, 644),
    "tomato": (14, 292),
    "dark_chocolate": (65, 203),
    "tofu": (73, 299),
    "quinoa": (118, 318),
}
FREE_TEXT = [
    "lentil soup",
    "chicken curry",
    "pasta with pesto",
    "sushi",
    "burrito bowl",
    "leftover stew",
    "pizza",
    "salad from the canteen",
    "pho",
    "dal and rice",
    "veggie burger",
    "omelette",
    "smoothie",
    "granola bar",
    "fish and chips",
]

BEV_TARGET = 1800.0
LOW_FLUID = 0.75 * BEV_TARGET


class Gen:
    def __init__(self, seed: int, planted=None, years=None):
        self.seed = seed
        self.r = random.Random(seed)
        self.planted = planted
        r = self.r
        self.entries = []
        self.next_id = 1
        # ---- diary-level parameters (varied across diaries) ----
        self.zone = r.choice(ZONES)
        if self.zone in IMPERIAL_ZONES:
            self.units = "imperial" if r.random() < 0.8 else "metric"
        else:
            self.units = "imperial" if r.random() < 0.1 else "metric"
        self.boundary_h = r.choices([4, 5, 3], weights=[0.75, 0.15, 0.10])[0]
        self.years = years if years is not None else r.uniform(1.0, 3.0)
        self.ndays = int(round(self.years * 365))
        self.p_night = r.uniform(0.04, 0.18)
        self.p_night_double = r.uniform(0.0, 0.25)
        self.p_day = r.uniform(0.01, 0.05)
        self.p_run_cramp = math.exp(r.uniform(math.log(0.01), math.log(0.15)))
        self.p_stretch_cramp = math.exp(r.uniform(math.log(0.01), math.log(0.12)))
        self.p_forgot = r.uniform(0.02, 0.08)  # a day everything but the check-in is logged
        self.p_nodrinks = r.uniform(0.04, 0.15)  # checked in but drinks not logged
        self.p_drink_forgotten = r.uniform(0.0, 0.1)
        self.n_away = r.randint(0, 3)  # spells with nothing logged at all
        self.p_food_day = r.uniform(0.25, 0.9)
        self.p_free_text = r.uniform(0.05, 0.4)
        self.food_app = r.random() < 0.15  # logs daily totals from an app on some days
        self.p_checkin_soreness = r.uniform(0.8, 1.0)
        self.checkin_style = r.choice(["evening", "morning"])
        self.fluid_mu = r.uniform(1300, 2300)
        self.fluid_sd = r.uniform(250, 600)
        self.runs_per_week = r.uniform(1.0, 6.0)
        self.p_double_run = r.choice([0.0, 0.0, 0.02, 0.05])
        self.run_time_pref = r.choice(["morning", "evening", "mixed"])
        self.base_pace = r.uniform(270, 400)  # s/km
        self.base_dist = r.uniform(4, 11)
        self.n_run_breaks = r.randint(0, 2) * max(1, int(self.years))
        self.p_low_week = r.uniform(0.1, 0.4)
        self.p_morning_stretch = r.uniform(0.05, 0.4)
        self.p_post_run_stretch = r.uniform(0.2, 0.8)
        self.p_bed_stretch = r.uniform(0.2, 0.75)
        self.n_injuries = r.randint(0, 3)
        self.n_trips = r.choice([0, 0, 0, 1, 2])
        self.diet_change = r.random() < 0.25
        self.med_start = r.random() < 0.25
        # ---- calendar ----
        now = datetime.now(timezone.utc)
        self.now = now
        today_local = now.astimezone(ZoneInfo(self.zone)).date()
        self.last_day = today_local - timedelta(days=1 + r.choice([0, 0, 0, 1, 2]))
        self.first_day = self.last_day - timedelta(days=self.ndays - 1)
        self.days = [self.first_day + timedelta(days=i) for i in range(self.ndays)]
        # bookkeeping, by diary day: cramps, logged-drinks total etc.
        self.cramp_days = set()
        self.stats = {"night": 0, "day": 0, "running": 0, "stretching": 0, "runs": 0, "sessions": 0}

    # ---------- helpers ----------
    def uid(self):
        return str(uuid.UUID(int=self.r.getrandbits(128), version=4))

    def at(self, d: date, minutes: float, zone: str):
        """Wall-clock minutes after local midnight of calendar day d (may exceed 1440) in zone."""
        z = ZoneInfo(zone)
        naive = datetime.combine(d, time(0)) + timedelta(minutes=minutes)
        aware = naive.replace(tzinfo=z)
        # normalise times the clocks skipped
        aware = aware.astimezone(timezone.utc).astimezone(z)
        return aware.replace(microsecond=0)

    def diary_day(self, dt: datetime):
        return (dt - timedelta(hours=self.boundary_h)).date()

    def add(self, kind, dt: datetime, zone: str, **fields):
        e = {"id": self.next_id, "kind": kind, "at": dt.isoformat(), "tz": zone, "note": "", "uid": self.uid()}
        e.update(fields)
        self.next_id += 1
        self.entries.append((dt, e))
        return e

    def ml(self, amount_ml):
        """Drink size as this person would type it."""
        if self.units == "imperial":
            oz = max(4, round(amount_ml / 29.5735 / 2) * 2)
            return int(round(oz * 29.5735))
        return int(max(50, round(amount_ml / 50) * 50))

    # ---------- build ----------
    def build(self):
        r = self.r
        days = self.days
        n = len(days)
        zone_of = [self.zone] * n
        # trips to another zone
        for _ in range(self.n_trips):
            s = r.randrange(0, max(1, n - 15))
            L = r.randint(4, 14)
            tz2 = r.choice([z for z in ZONES if z != self.zone])
            for i in range(s, min(n, s + L)):
                zone_of[i] = tz2
        # away spells: nothing logged
        away = [False] * n
        for _ in range(self.n_away):
            s = r.randrange(0, n)
            for i in range(s, min(n, s + r.randint(3, 10))):
                away[i] = True
        # day logging state
        state = []
        for i in range(n):
            if away[i]:
                state.append("away")
                continue
            u = r.random()
            if u < self.p_forgot:
                state.append("nocheckin")
            elif u < self.p_forgot + self.p_nodrinks:
                state.append("nodrinks")
            else:
                state.append("full")
        # weeks of low stretching
        low_week = {}
        # run breaks
        no_run = [False] * n
        for _ in range(self.n_run_breaks):
            s = r.randrange(0, n)
            for i in range(s, min(n, s + r.randint(10, 30))):
                no_run[i] = True
        # shoes
        shoeA = self.add(
            "shoe",
            self.at(self.first_day - timedelta(days=200), 12 * 60, self.zone),
            self.zone,
            name=r.choice(["Pegasus 39", "Clifton 8", "Ghost 14"]),
            first_used=(self.first_day - timedelta(days=200)).isoformat(),
            retired=None,
            start_km=round(r.uniform(200, 600), 1),
            life_km=(804.7 if (self.units == "imperial" and r.random() < 0.5) else None),
        )
        b_day = r.randint(int(0.2 * n), int(0.75 * n))
        shoeB_first = days[b_day]
        shoeB = self.add(
            "shoe",
            self.at(shoeB_first, 18 * 60, self.zone),
            self.zone,
            name=r.choice(["Nimbus 25", "Novablast 4", "Endorphin Speed 3"]),
            first_used=shoeB_first.isoformat(),
            retired=None,
            start_km=0.0,
            life_km=None,
        )
        # injuries
        for _ in range(self.n_injuries):
            i = r.randrange(0, n)
            d = days[i]
            res = d + timedelta(days=r.randint(5, 40))
            self.add(
                "injury",
                self.at(d, r.uniform(9, 21) * 60, zone_of[i]),
                zone_of[i],
                day=d.isoformat(),
                site=r.choice(["calf", "ankle", "knee", "foot", "shin", "thigh"]),
                severity=r.randint(2, 7),
                resolved=(res.isoformat() if res < self.last_day else None),
            )
        if self.diet_change:
            i = r.randrange(int(0.2 * n), int(0.8 * n))
            pat = r.choice(["vegetarian", "pescatarian", "low_carb", "omnivore", "plant_based"])
            self.add(
                "diet",
                self.at(days[i], 12 * 60, zone_of[i]),
                zone_of[i],
                day=days[i].isoformat(),
                pattern=pat,
                b12=(True if pat == "plant_based" else None),
            )
        if self.med_start:
            i = r.randrange(int(0.2 * n), int(0.8 * n))
            name, cls = r.choice(
                [
                    ("magnesium citrate", "magnesium"),
                    ("atorvastatin", "statin"),
                    ("omeprazole", "ppi"),
                    ("salbutamol", "laba_inhaler"),
                ]
            )
            self.add(
                "med",
                self.at(days[i], 9 * 60, zone_of[i]),
                zone_of[i],
                name=name,
                start=days[i].isoformat(),
                med_class=cls,
                stop=None,
                dose="",
            )

        early_prev = None
        for i, d in enumerate(days):
            z = zone_of[i]
            st = state[i]
            wk = (d - self.first_day).days // 7
            if wk not in low_week:
                low_week[wk] = r.random() < self.p_low_week
            lw = low_week[wk]
            logs_detail = st in ("full", "nodrinks", "nocheckin")
            # ---------- drinks ----------
            day_drinks_ml = None
            if st in ("full", "nocheckin"):
                total = max(300, r.gauss(self.fluid_mu, self.fluid_sd))
                k = max(2, int(round(total / r.uniform(250, 450))))
                times = sorted(r.uniform(6.5, 23.5) * 60 for _ in range(k))
                if r.random() < 0.1:  # a late drink after midnight (still this diary day)
                    times.append(r.uniform(24.1, 24 + self.boundary_h - 0.5) * 60)
                logged = 0
                for t in times:
                    amt = self.ml(total / len(times) * r.uniform(0.5, 1.5))
                    if r.random() < self.p_drink_forgotten:
                        continue
                    kind = r.choices(
                        ["water", "coffee_tea", "electrolyte", "alcohol", "other"],
                        weights=[0.55, 0.25, 0.05, 0.07, 0.08],
                    )[0]
                    self.add("drink", self.at(d, t, z), z, amount_ml=amt, drink_kind=kind)
                    logged += amt
                day_drinks_ml = logged if logged > 0 else None
            # ---------- runs ----------
            runs = []
            run_today = (not no_run[i]) and r.random() < self.runs_per_week / 7
            if run_today and (logs_detail or r.random() < 0.6):
                nr = 2 if r.random() < self.p_double_run else 1
                for j in range(nr):
                    if self.run_time_pref == "morning":
                        t = r.uniform(5.5, 9.0)
                    elif self.run_time_pref == "evening":
                        t = r.uniform(17.0, 21.0)
                    else:
                        t = r.choice([r.uniform(6, 9), r.uniform(11.5, 13.5), r.uniform(17, 20.5)])
                    if nr == 2:
                        t = [r.uniform(6, 8.5), r.uniform(17, 20)][j]
                    workout = r.choices(["run", "intervals", "jump_rope", "aerobics"], weights=[0.8, 0.12, 0.04, 0.04])[
                        0
                    ]
                    if workout in ("run", "intervals"):
                        dist = max(1.5, r.lognormvariate(math.log(self.base_dist), 0.4))
                        if self.units == "imperial":
                            dist = round(dist / 1.609344, 1) * 1.609344
                        pace = self.base_pace * r.gauss(1.0, 0.06) * (0.92 if workout == "intervals" else 1.0)
                        dur = int(dist * pace)
                        effort = min(10, max(1, int(round(r.gauss(5.5 if workout == "run" else 8, 1.5)))))
                        if dist > 1.8 * self.base_dist:
                            effort = min(10, effort + 1)
                        shoe = shoeA if (i < b_day or r.random() < 0.35) else shoeB
                        e = self.add(
                            "run",
                            self.at(d, t * 60, z),
                            z,
                            distance_km=round(dist, 2),
                            duration_s=dur,
                            effort=effort,
                            shoe_id=shoe["id"],
                            surface=r.choice(["road", "road", "trail", "track", "treadmill", None]),
                            workout=workout,
                            comfort=None,
                        )
                    else:
                        dur = int(r.uniform(10, 40) * 60)
                        effort = r.randint(4, 8)
                        e = self.add(
                            "run",
                            self.at(d, t * 60, z),
                            z,
                            distance_km=None,
                            duration_s=dur,
                            effort=effort,
                            shoe_id=None,
                            surface=None,
                            workout=workout,
                            comfort=None,
                        )
                    runs.append((t * 60, dur, effort))
                    self.stats["runs"] += 1
            # ---------- stretching ----------
            sessions = []  # (start minutes, minutes, muscles)
            mult = 0.2 if lw else 1.0
            if logs_detail:
                if r.random() < self.p_morning_stretch * mult:
                    sessions.append(
                        (
                            r.uniform(6.5, 10) * 60,
                            r.randint(5, 15),
                            r.sample(["calf", "hamstring", "hip", "back", "quadriceps"], r.randint(1, 3)),
                        )
                    )
                for rt, rdur, _ in runs:
                    if r.random() < self.p_post_run_stretch * mult:
                        sessions.append(
                            (
                                rt + rdur / 60 + r.uniform(2, 20),
                                r.randint(5, 15),
                                r.sample(["calf", "hamstring", "quadriceps", "hip", "foot"], r.randint(1, 3)),
                            )
                        )
                if r.random() < self.p_bed_stretch * mult:
                    mus = r.choice(
                        [["calf"], ["calf", "hamstring"], ["hamstring"], ["hip", "back"], ["calf", "foot"], ["back"]]
                    )
                    sessions.append((r.uniform(20.5, 24.6) * 60, r.randint(3, 15), mus))
                elif r.random() < 0.1 * mult:  # an early-evening stretch before 18:00
                    sessions.append((r.uniform(15, 17.9) * 60, r.randint(5, 20), ["calf", "hamstring"]))
            bedtime = any(t >= 18 * 60 and ({"calf", "hamstring"} & set(m)) for (t, _, m) in sessions)
            # ---------- cramps ----------
            early_next = None
            cramps = []  # (minutes, context, muscle)
            for t, mins, mus in sessions:
                self.stats["sessions"] += 1
                cr = r.random() < self.p_stretch_cramp
                self.add(
                    "stretch",
                    self.at(d, t, z),
                    z,
                    minutes=mins,
                    muscles=mus,
                    style=r.choice(["static", "static", "dynamic", "yoga"]),
                    cramped=cr,
                )
                if cr:
                    cramps.append(
                        (
                            t + r.uniform(0.5, max(1, mins - 0.5)),
                            "stretching",
                            r.choice(["calf", "hamstring", "foot_arch"]),
                        )
                    )
            for rt, rdur, _ in runs:
                if r.random() < self.p_run_cramp and st != "away":
                    cramps.append(
                        (
                            rt + r.uniform(0.1, 0.98) * rdur / 60,
                            "running",
                            r.choice(["calf", "calf", "hamstring", "quadriceps"]),
                        )
                    )
            if st != "away":
                p = self.p_night
                if self.planted:
                    what, orr = self.planted
                    exposed = None
                    if what == "low_fluid_night":
                        exposed = day_drinks_ml is not None and day_drinks_ml < LOW_FLUID
                    elif what == "no_bedtime_stretch_night":
                        exposed = logs_detail and not bedtime
                    if exposed:
                        o = p / (1 - p) * orr
                        p = o / (1 + o)
                if r.random() < p:
                    u = r.random()
                    if u < 0.7:
                        t = r.uniform(24.0, 24 + self.boundary_h - 0.05) * 60
                    elif u < 0.85:
                        t = r.uniform(22.5, 23.99) * 60
                    else:  # early morning, after the boundary: belongs to the next diary day
                        t = None
                    mus = r.choice(["calf", "calf", "calf", "toes", "foot_arch", "hamstring"])
                    if t is None:
                        # logged on the next calendar day's early morning (it is that day's cramp)
                        pass
                    else:
                        cramps.append((t, "night", mus))
                        if r.random() < self.p_night_double:
                            cramps.append((t + r.uniform(10, 60), "night", mus))
                    if t is None and i + 1 < n:
                        early_next = mus
                if r.random() < self.p_day:
                    ctx = r.choices(["rest", "other", "other_exercise"], weights=[0.7, 0.2, 0.1])[0]
                    cramps.append((r.uniform(7, 22) * 60, ctx, r.choice(["calf", "toes", "foot_arch", "shin"])))
            if early_prev is not None and st != "away":
                cramps.append((r.uniform(self.boundary_h + 0.05, self.boundary_h + 2.5) * 60, "night", early_prev))
            early_prev = early_next
            for t, ctx, mus in cramps:
                dt = self.at(d, t, z)
                self.add(
                    "cramp",
                    dt,
                    z,
                    muscle=mus,
                    severity=r.randint(2, 9),
                    side=r.choice(["left", "right", "both"]),
                    context=ctx,
                    duration_s=r.choice([None, r.randint(15, 300)]),
                    relief="",
                    swelling="none",
                    tingling=False,
                    persistent_pain=False,
                )
                key = "day" if ctx in ("rest", "other", "other_exercise") else ctx
                self.stats[key] += 1
            # ---------- food ----------
            if logs_detail and r.random() < self.p_food_day:
                if self.food_app and r.random() < 0.5:
                    self.add(
                        "food",
                        self.at(d, 12 * 60, z),
                        z,
                        food="",
                        servings=1.0,
                        magnesium_mg=float(round(r.uniform(150, 500))),
                        potassium_mg=float(round(r.uniform(1500, 4200))),
                        text="daily total from Cronometer",
                    )
                else:
                    for _ in range(r.randint(1, 5)):
                        t = r.uniform(7, 22) * 60
                        if r.random() < self.p_free_text:
                            self.add(
                                "food",
                                self.at(d, t, z),
                                z,
                                food="",
                                servings=1.0,
                                magnesium_mg=None,
                                potassium_mg=None,
                                text=r.choice(FREE_TEXT),
                            )
                        else:
                            f = r.choice(list(FOODS))
                            s = r.choice([0.5, 1.0, 1.0, 1.0, 1.5, 2.0])
                            mg, k = FOODS[f]
                            self.add(
                                "food",
                                self.at(d, t, z),
                                z,
                                food=f,
                                servings=s,
                                magnesium_mg=round(mg * s, 1),
                                potassium_mg=round(k * s, 1),
                                text="",
                            )
            # ---------- check-in (cramp-free days only, soreness on those days only) ----------
            # decided after the diary day is over; recorded below once cramps of the next early morning known
            self._pending = getattr(self, "_pending", [])
            sore = None
            if r.random() < self.p_checkin_soreness:
                base = 1.5
                if runs:
                    base += 0.4 * max(e for (_, _, e) in runs) - 1.5
                sore = int(min(10, max(0, round(r.gauss(base, 1.5)))))
            self._pending.append((i, d, z, st, sore, bool(cramps)))

        # check-ins, now that every cramp (incl. next-morning ones) is placed
        cramp_dd = set()
        for dt, e in self.entries:
            if e["kind"] == "cramp":
                cramp_dd.add(self.diary_day(dt))
        self.cramp_days = cramp_dd
        for _i, d, z, st, sore, _ in self._pending:
            if st not in ("full", "nodrinks"):
                continue
            if d in cramp_dd:
                continue
            if self.checkin_style == "evening":
                dt = self.at(d, r.uniform(20.5, 23.5) * 60, z)
            else:
                dt = self.at(d + timedelta(days=1), r.uniform(self.boundary_h + 3, self.boundary_h + 6) * 60, z)
            self.add(
                "checkin",
                dt,
                z,
                day=d.isoformat(),
                no_cramps=True,
                hot_day=(True if r.random() < 0.05 else None),
                sleep_hours=(round(r.uniform(5, 9), 1) if r.random() < 0.5 else None),
                soreness=sore,
            )

    def export(self):
        cutoff = self.now - timedelta(minutes=5)
        ents = [e for (dt, e) in sorted(self.entries, key=lambda x: x[0]) if dt <= cutoff]
        return {
            "format": "cramplog-export",
            "version": 2,
            "exported_at": self.now.replace(microsecond=0).isoformat(),
            "generator": "review-a gen.py",
            "entries": ents,
        }

    def meta(self):
        keys = [
            "seed",
            "zone",
            "units",
            "boundary_h",
            "years",
            "p_night",
            "p_night_double",
            "p_day",
            "p_run_cramp",
            "p_stretch_cramp",
            "p_forgot",
            "p_nodrinks",
            "n_away",
            "runs_per_week",
            "p_double_run",
            "p_low_week",
            "p_bed_stretch",
            "checkin_style",
            "n_trips",
            "fluid_mu",
            "food_app",
            "diet_change",
            "med_start",
            "planted",
        ]
        m = {k: getattr(self, k) for k in keys}
        m["stats"] = self.stats
        m["cramp_days"] = len(self.cramp_days)
        m["first_day"] = self.first_day.isoformat()
        m["last_day"] = self.last_day.isoformat()
        return m


def make_diary(seed, planted=None, years=None):
    g = Gen(seed, planted, years)
    g.build()
    return g.export(), g.meta()


if __name__ == "__main__":
    import sys

    seed = int(sys.argv[1])
    ex, meta = make_diary(seed)
    json.dump(ex, sys.stdout)
    print(json.dumps(meta), file=sys.stderr)
