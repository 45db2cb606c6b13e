"""Summarise review-a runs: false-pattern rates, coverage, and sentence checks.

usage: analyze.py RESULTS_DIR [--md OUT.md] [--planted FACTOR]
"""

import argparse
import glob
import json
import math
import os
import re
from collections import defaultdict

CTXS = ["all", "night", "running", "stretching"]
SHOWN = {"no_clear_link", "early_hint", "consistent_pattern"}


def binom_cdf(k, n, p):
    if k < 0:
        return 0.0
    if k >= n:
        return 1.0
    s = 0.0
    for i in range(0, k + 1):
        s += math.comb(n, i) * p**i * (1 - p) ** (n - i)
    return s


def cp_interval(k, n, alpha=0.05):
    """Clopper-Pearson by bisection."""

    def solve(f, target):
        lo, hi = 0.0, 1.0
        for _ in range(60):
            mid = (lo + hi) / 2
            if f(mid) > target:
                lo = mid
            else:
                hi = mid
        return (lo + hi) / 2

    lower = 0.0 if k == 0 else solve(lambda p: 1 - binom_cdf(k - 1, n, p), 1 - alpha / 2) if False else None
    # lower: P(X >= k | p) = alpha/2
    if k == 0:
        lower = 0.0
    else:
        lo, hi = 0.0, 1.0
        for _ in range(60):
            mid = (lo + hi) / 2
            if 1 - binom_cdf(k - 1, n, mid) < alpha / 2:
                lo = mid
            else:
                hi = mid
        lower = lo
    if k == n:
        upper = 1.0
    else:
        lo, hi = 0.0, 1.0
        for _ in range(60):
            mid = (lo + hi) / 2
            if binom_cdf(k, n, mid) > alpha / 2:
                lo = mid
            else:
                hi = mid
        upper = hi
    return lower, upper


def misses_one(f):
    lo = f.get("ci_low")
    hi = f.get("ci_high")
    if lo is None:
        return None
    if hi is None and not f.get("ci_high_unbounded"):
        return None
    if lo > 1:
        return True
    return bool(hi is not None and hi < 1)


# ---------------------------------------------------------------- sentence checks
COUNT_NOUNS = [
    "day",
    "cramp",
    "night",
    "run",
    "session",
    "week",
    "time",
    "month",
    "shoe",
    "entry",
    "cramp day",
    "logged day",
    "exercise cramp",
    "days",
    "cramps",
]
CAUSAL = re.compile(
    r"\b(causes?|caused|causing|because of|leads? to|led to|due to|triggers?|triggered|results? in"
    r"|responsible for|makes? (?:you|cramps))\b",
    re.I,
)
CODE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")
PAIR = re.compile(r"(\d+)% of ([^()]*?)\((\d+) of (\d+)\)")
PAIR_PLAIN = re.compile(r"\((\d+) of (\d+)\)")
TIMES = re.compile(r"about ([\d.,]+) times the odds")
RANGE = re.compile(r"(?:range|anywhere from) ([\d.,]+) to ([\d.,]+)")
RANGE_OPEN = re.compile(r"(?:range|anywhere from) ([\d.,]+) or more")
RANGE_UPTO = re.compile(r"(?:range|anywhere) up to ([\d.,]+)")
NUM_NOUN = re.compile(
    r"(?<![\d.,/%-])(\d[\d,]*)\s+"
    r"(?:more\s+|other\s+|logged\s+|night\s+|exercise\s+|cramp\s+|running\s+|run\s+|post-injury\s+)?"
    r"(day|days|cramp|cramps|night|nights|run|runs|session|sessions|week|weeks|time|times|month|months"
    r"|shoe|shoes|entry|entries|hint|hints|pattern|patterns|factor|factors|diet change|diet changes)\b"
)
SINGULAR = {
    "day",
    "cramp",
    "night",
    "run",
    "session",
    "week",
    "time",
    "month",
    "shoe",
    "entry",
    "hint",
    "pattern",
    "factor",
    "diet change",
}


def num_val(s):
    return float(s.replace(",", "").rstrip("."))


def check_text(text, where, issues, units=None, allow_codes=()):
    t = text or ""
    if re.search(r"\b0 of 0\b", t):
        issues.append((where, "'0 of 0'", t))
    for m in CODE.finditer(t):
        tok = m.group(0)
        if tok in allow_codes:
            continue
        issues.append((where, f"code name '{tok}'", t))
    for m in CAUSAL.finditer(t):
        pre = t[max(0, m.start() - 12) : m.start()]
        if m.group(0).lower() == "cause" and ("of a" in pre or "not" in pre):
            continue
        if m.group(0).lower() in ("caused", "because of") and (
            "rarely caused by diet" in t or "medicine because of this" in t
        ):
            continue
        issues.append((where, f"causal word '{m.group(0)}'", t))
    if re.search(r"\b(nan|NaN|None|null|inf|Infinity)\b|\{|\}", t):
        issues.append((where, "nan/None/placeholder", t))
    if re.search(r"\byou\b|\byour\b", t, re.I) and where.split(":")[-1] in ("sentence",):
        issues.append((where, "names the reader", t))
    for m in NUM_NOUN.finditer(t):
        n = num_val(m.group(1))
        noun = m.group(2)
        sing = noun in SINGULAR
        # "1 of them" etc are excluded by the regex; "times the odds" uses decimals
        if n == 1 and not sing:
            issues.append((where, f"plural after 1: '{m.group(0)}'", t))
        if n != 1 and sing:
            # allow compounds like "2 day" in "2-day" (regex excludes '-') and "28 day" windows? flag
            issues.append((where, f"singular after {m.group(1)}: '{m.group(0)}'", t))
    if units == "imperial" and re.search(r"\d\s*(km|ml|L)\b|\bkilomet|\blitre", t):
        issues.append((where, "metric unit in imperial diary", t))
    if units == "metric" and re.search(r"\d\s*(mi|fl oz|oz)\b|\bmiles?\b", t):
        issues.append((where, "imperial unit in metric diary", t))
    if "  " in t.strip():
        issues.append((where, "double space", t))
    if re.search(r"\.\.(?!\.)|\s[,.]", t):
        issues.append((where, "punctuation", t))


def check_finding(f, period, where, issues, units):
    s = f.get("sentence") or ""
    check_text(s, where + ":sentence", issues, units)
    for c in f.get("caveats") or []:
        check_text(c, where + ":caveat", issues, units)
    check_text(f.get("default") or "", where + ":default", issues, units)
    st = f["status"]
    c = f.get("counts") or {}
    if f["kind"] == "case_crossover" and c:
        ed, ecd, ud, ucd = c["exposed_days"], c["exposed_cramp_days"], c["unexposed_days"], c["unexposed_cramp_days"]
        if ecd > ed or ucd > ud:
            issues.append((where, f"cramp days exceed days {c}", s))
        if ed + ud > period["logged_days"]:
            issues.append((where, f"exposed+unexposed days {ed + ud} > logged_days {period['logged_days']}", s))
        if ecd + ucd > period["cramp_days"]:
            issues.append((where, f"cramp days {ecd + ucd} > period cramp_days {period['cramp_days']}", s))
        pairs = PAIR.findall(s)
        if st not in ("not_analysed",):
            if len(pairs) >= 2:
                (_, _, a1, b1), (_, _, a2, b2) = pairs[0], pairs[1]
                if (int(a1), int(b1)) != (ecd, ed) or (int(a2), int(b2)) != (ucd, ud):
                    issues.append((where, f"sentence counts {pairs[:2]} vs counts {c}", s))
                for p, _, a, b in pairs[:2]:
                    a, b = int(a), int(b)
                    if b and abs(100 * a / b - int(p)) > 0.5 + 1e-9:
                        issues.append((where, f"percentage {p}% vs {a}/{b}", s))
            elif ed > 0 and ud > 0 and "never" not in s.lower() and st != "not_analysed":
                issues.append((where, "sentence without two frequency pairs", s))
    orr = f.get("odds_ratio")
    if st in SHOWN:
        if orr is None or f.get("ci_low") is None:
            issues.append((where, f"status {st} without an estimate", s))
        else:
            mo = misses_one(f)
            if st == "no_clear_link" and mo:
                issues.append((where, "no_clear_link but range excludes 1", s))
            if st in ("early_hint", "consistent_pattern") and mo is False:
                issues.append((where, f"{st} but range includes 1", s))
            lo, hi = f["ci_low"], f.get("ci_high")
            if not (lo <= orr) or (hi is not None and orr > hi):
                issues.append((where, f"estimate {orr} outside its range {lo}..{hi}", s))
            if orr <= 0 or not math.isfinite(orr):
                issues.append((where, f"estimate {orr} shown", s))
            m = TIMES.search(s)
            if f["kind"] == "case_crossover":
                if not m:
                    issues.append((where, "no 'about N times the odds'", s))
                else:
                    v = num_val(m.group(1))
                    if abs(v - orr) / orr > 0.06:
                        issues.append((where, f"sentence says {v} times, odds_ratio {orr}", s))
                mr = RANGE.search(s)
                mo_ = RANGE_OPEN.search(s)
                mu = RANGE_UPTO.search(s)
                if mu:
                    h = num_val(mu.group(1))
                    if lo > 1e-9 or hi is None or abs(h - hi) > 0.06 * hi:
                        issues.append((where, f"sentence 'up to {h}' vs {lo}-{hi}", s))
                elif mr:
                    low, h = num_val(mr.group(1)), num_val(mr.group(2))
                    if abs(low - lo) > max(0.06 * lo, 0.0051) or hi is None or abs(h - hi) > 0.06 * hi:
                        issues.append((where, f"sentence range {low}-{h} vs {lo}-{hi}", s))
                elif mo_:
                    if hi is not None:
                        issues.append((where, f"open range in words but ci_high {hi}", s))
                else:
                    issues.append((where, "no range in sentence", s))
        if st == "consistent_pattern":
            if period["logged_days"] < 60 or period["cramp_days"] < 15:
                issues.append((where, "pattern below the day gates", s))
            if f.get("q") is not None and f["q"] >= 0.1:
                issues.append((where, f"pattern with q {f['q']}", s))
            if f.get("halves_agree") is False:
                issues.append((where, "pattern with halves disagreeing", s))
        if orr is not None and f["kind"] == "case_crossover" and c:
            if orr > 1 and c["exposed_cramp_days"] == 0:
                issues.append((where, "odds ratio above 1 with no exposed cramp day", s))
            if orr < 1 and c["unexposed_cramp_days"] == 0:
                issues.append((where, "odds ratio below 1 with no unexposed cramp day", s))
            if orr > 1 and c["unexposed_days"] == c["unexposed_cramp_days"] and c["unexposed_days"]:
                pass
        # direction words
        if orr is not None and f["kind"] == "case_crossover":
            low = s.lower()
            if "more often" in low and orr < 1 and "less often" not in low:
                issues.append((where, f"'more often' with odds ratio {orr}", s))
            if "less often" in low and orr > 1 and "more often" not in low:
                issues.append((where, f"'less often' with odds ratio {orr}", s))
            pairs = PAIR_PLAIN.findall(s)
            if len(pairs) >= 2 and int(pairs[0][1]) and int(pairs[1][1]):
                r1 = int(pairs[0][0]) / int(pairs[0][1])
                r2 = int(pairs[1][0]) / int(pairs[1][1])
                other_way = (r1 > r2 and orr < 1) or (r1 < r2 and orr > 1)
                says = "other way" in low
                if other_way and not says:
                    issues.append(
                        (where, f"totals {r1:.3f} vs {r2:.3f} point the other way from OR {orr}, not said", s)
                    )
                if says and not other_way:
                    issues.append((where, f"says 'other way' but totals {r1:.3f} vs {r2:.3f}, OR {orr}", s))
    elif st == "not_enough_data" and orr is not None:
        issues.append((where, "odds ratio shown while not_enough_data", s))
    if f.get("never_varies") and st in SHOWN:
        issues.append((where, "never_varies but a status with estimate", s))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="+")
    ap.add_argument("--md")
    ap.add_argument("--issues")
    ap.add_argument("--planted")
    a = ap.parse_args()
    files = []
    for d in a.dirs:
        files += sorted(glob.glob(os.path.join(d, "*.json")), key=lambda p: int(os.path.basename(p).split(".")[0]))
    cell = defaultdict(lambda: defaultdict(int))
    cp_seeds = defaultdict(list)
    issues_all = []
    nd = 0
    years = []
    errors = []
    factor_order = []
    for p in files:
        with open(p) as fh:
            r = json.load(fh)
        seed = r["seed"]
        nd += 1
        years.append(r["meta"]["years"])
        if r["errors"]:
            errors.append((seed, r["errors"]))
        if r.get("import") and r["import"].get("no_cramps_turned_off"):
            issues_all.append((seed, "import", f"no_cramps_turned_off {r['import']['no_cramps_turned_off']}", ""))
        units = r["meta"]["units"]
        for ctx in CTXS:
            ins = r["insights"].get(ctx)
            if not ins:
                continue
            per = ins["period"]
            if per.get("unmatched_cramps"):
                issues_all.append((seed, ctx, f"unmatched_cramps {per['unmatched_cramps']}", ""))
            if ins.get("units") != units:
                issues_all.append((seed, ctx, f"units {ins.get('units')} vs setting {units}", ""))
            iss = []
            for f in ins["findings"]:
                fac = f["factor"]
                key = (ctx, fac if f["kind"] == "case_crossover" else "ba:" + fac)
                if key not in factor_order:
                    factor_order.append(key)
                c = cell[key]
                c["n"] += 1
                st = f["status"]
                c[st] += 1
                orr = f.get("odds_ratio")
                if st in SHOWN:
                    c["shown"] += 1
                if st == "consistent_pattern":
                    c["cp_any"] += 1
                    if orr is not None and orr > 1:
                        c["cp_up"] += 1
                    cp_seeds[key].append((seed, orr, f.get("ci_low"), f.get("ci_high"), f["counts"]))
                if st == "early_hint":
                    c["eh"] += 1
                    if orr is not None and orr > 1:
                        c["eh_up"] += 1
                mo = misses_one(f) if st in SHOWN else None
                if mo is not None:
                    c["ci_n"] += 1
                    c["ci_miss"] += int(mo)
                check_finding(f, per, f"{ctx}:{fac}", iss, units)
            Fi = {f["factor"]: f for f in ins["findings"]}
            for o in ins.get("overlaps") or []:
                check_text(o.get("sentence"), f"{ctx}:overlap", iss, units)
                if (o.get("phi") or 0) <= 0.4 and 2 * o.get("shared_cramp_days", 0) <= o.get("cramp_days", 0):
                    iss.append(
                        (
                            f"{ctx}:overlap",
                            "says 'mostly fall on the same days' with phi <= 0.4"
                            " and at most half the cramp days shared",
                            o.get("sentence"),
                        )
                    )
                dirs = {(Fi[x]["odds_ratio"] or 1) > 1 for x in o["factors"] if x in Fi}
                if len(dirs) > 1:
                    iss.append(
                        (
                            f"{ctx}:overlap",
                            "one pattern from factors pointing opposite ways: "
                            + ", ".join(f"{x} {Fi[x]['odds_ratio']}" for x in o["factors"]),
                            o.get("sentence"),
                        )
                    )
                if o.get("shared_cramp_days", 0) > o.get("cramp_days", 0):
                    iss.append((f"{ctx}:overlap", "shared > cramp days", o.get("sentence")))
                m = re.search(r"\((\d+) of (\d+) cramp days", o.get("sentence") or "")
                if m and (int(m.group(1)), int(m.group(2))) != (o["shared_cramp_days"], o["cramp_days"]):
                    iss.append((f"{ctx}:overlap", "overlap sentence counts differ from fields", o.get("sentence")))
            for sh in ins.get("shoes") or []:
                check_text(sh.get("sentence"), f"{ctx}:shoe", iss, units)
            check_text(ins.get("method_note"), f"{ctx}:method_note", iss, units)
            mn = ins.get("method_note") or ""
            m = (
                re.search(r"compared with the (\d[\d,]*) logged days", mn)
                if ctx in ("running", "stretching")
                else re.search(r"Based on (\d[\d,]*) logged days", mn)
            )
            if m and int(m.group(1).replace(",", "")) != per["logged_days"]:
                iss.append(
                    (
                        f"{ctx}:method_note",
                        f"method note says {m.group(1)} logged days, period {per['logged_days']}",
                        mn[:200],
                    )
                )
            for rf in ins.get("red_flags") or []:
                check_text(rf.get("text"), f"{ctx}:red_flag", iss, units)
            for w, msg, txt in iss:
                issues_all.append((seed, w, msg, txt))
        # text output summary line
        txt = r.get("text_all") or ""
        ins = r["insights"].get("all")
        if ins:
            m = re.search(r"Found: (\d+) consistent patterns?, (\d+) early hints?", txt)
            ncp = sum(1 for f in ins["findings"] if f["status"] == "consistent_pattern")
            neh = sum(1 for f in ins["findings"] if f["status"] == "early_hint")
            if not m:
                issues_all.append((seed, "text", "no Found: line", txt[:300]))
            else:
                if (int(m.group(1)), int(m.group(2))) != (ncp, neh):
                    issues_all.append(
                        (seed, "text", f"Found line {m.group(0)} vs JSON {ncp} patterns {neh} hints", m.group(0))
                    )
            for mm in re.finditer(
                r"\b1 consistent patterns\b|\b1 early hints\b"
                r"|\b(?:0|[2-9]|\d\d+) consistent pattern\b(?!s)|\b(?:0|[2-9]|\d\d+) early hint\b(?!s)",
                txt,
            ):
                issues_all.append(
                    (seed, "text", f"plural: '{mm.group(0)}'", txt[max(0, mm.start() - 40) : mm.end() + 80])
                )
            flat = re.sub(r"\s+", " ", txt)
            m2 = re.search(r"Insights from ([\d,]+) logged days \((\d+)% complete\), ([\d,]+) with cramps", flat)
            per = ins["period"]
            if not m2:
                issues_all.append((seed, "text", "no 'Insights from' line", flat[:200]))
            else:
                a1, a2, a3 = int(m2.group(1).replace(",", "")), int(m2.group(2)), int(m2.group(3).replace(",", ""))
                if a1 != per["logged_days"] or a3 != per["cramp_days"] or abs(a2 - 100 * per["completeness"]) > 0.5001:
                    issues_all.append((seed, "text", f"header {m2.group(0)} vs period {per}", m2.group(0)))
            for ctx2, ins2 in r["insights"].items():
                mn2 = re.sub(r"\s+", " ", ins2.get("method_note") or "")
                m3 = re.search(r"\(([\d,]+) of ([\d,]+) days, (\d+)% complete\), ([\d,]+) of them with", mn2)
                p2 = ins2["period"]
                if m3 and (
                    int(m3.group(2).replace(",", "")) != p2["days"]
                    or int(m3.group(4).replace(",", "")) != p2["cramp_days"]
                ):
                    issues_all.append(
                        (seed, f"{ctx2}:method_note", f"method note counts {m3.group(0)} vs period {p2}", mn2[:300])
                    )
            line = re.search(r"Found: [^\n]*", txt)
            if line:
                check_text(line.group(0), "text:found", iss := [], r["meta"]["units"])
                for w, msg, t in iss:
                    issues_all.append((seed, w, msg, t))
    # ---------------------------------------------------------------- report
    out = []
    out.append(
        f"{nd} diaries, {min(years):.2f}-{max(years):.2f} years (mean {sum(years) / len(years):.2f});"
        f" errors in {len(errors)}"
    )
    hdr = (
        "| context | factor | diaries | shown (estimate) | consistent, upward | consistent, either way | "
        "early hint (up / any) | ranges missing 1 | coverage |"
    )
    out.append("")
    out.append(hdr)
    out.append("|" + "---|" * 9)

    def pct(k, n):
        return f"{100 * k / n:.1f}%" if n else "-"

    flagged = []
    for key in factor_order:
        ctx, fac = key
        c = cell[key]
        n = c["n"]
        cov = f"{100 * (1 - c['ci_miss'] / c['ci_n']):.1f}%" if c["ci_n"] else "-"
        row = (
            f"| {ctx} | {fac} | {n} | {c['shown']} | {c['cp_up']} ({pct(c['cp_up'], n)}) | "
            f"{c['cp_any']} ({pct(c['cp_any'], n)}) | {c['eh_up']} / {c['eh']} ({pct(c['eh'], n)}) | "
            f"{c['ci_miss']} of {c['ci_n']} | {cov} |"
        )
        if c["not_analysed"] == n:
            row = f"| {ctx} | {fac} | {n} | not analysed in every diary | | | | | |"
        out.append(row)
        if not fac.startswith("ba:"):
            lo_up = cp_interval(c["cp_up"], n)[0] if n else 0
            lo_any = cp_interval(c["cp_any"], n)[0] if n else 0
            if c["cp_up"] / max(n, 1) > 0.015 or c["cp_any"] / max(n, 1) > 0.025:
                flagged.append((key, c["cp_up"], c["cp_any"], n, lo_up, lo_any, c["shown"]))
    # totals
    tot = defaultdict(int)
    for key, c in cell.items():
        if key[1].startswith("ba:"):
            continue
        for k in ("n", "cp_up", "cp_any", "eh", "ci_n", "ci_miss", "shown"):
            tot[k] += c[k]
    out.append("")
    out.append(
        f"Case-crossover cells pooled: {tot['n']} factor results, {tot['shown']} with an estimate; consistent upward "
        f"{tot['cp_up']} ({pct(tot['cp_up'], tot['n'])}), either way {tot['cp_any']} ({pct(tot['cp_any'], tot['n'])}); "
        f"early hints {tot['eh']} ({pct(tot['eh'], tot['n'])}); "
        f"ranges holding 1: {tot['ci_n'] - tot['ci_miss']} of {tot['ci_n']} "
        f"({pct(tot['ci_n'] - tot['ci_miss'], tot['ci_n'])})"
    )
    out.append("")
    out.append(
        "Cells above a target (rate > 1.5% upward or > 2.5% either way), with the exact 95% lower bound of the rate:"
    )
    for key, up, anyw, n, lo_up, lo_any, shown in flagged:
        out.append(
            f"- {key[0]} / {key[1]}: upward {up}/{n} (lower bound {100 * lo_up:.2f}%), either way {anyw}/{n} "
            f"(lower bound {100 * lo_any:.2f}%); diaries with an estimate {shown}"
        )
    if not flagged:
        out.append("- none")
    out.append("")
    out.append("Consistent patterns (seed, OR, range, counts):")
    for key in factor_order:
        for seed, orr, lo, hi, cnt in cp_seeds.get(key, []):
            out.append(f"- {key[0]} / {key[1]}: seed {seed}, OR {orr}, {lo}..{hi}, {cnt}")
    out.append("")
    # issues summary
    by_msg = defaultdict(list)
    for seed, w, msg, txt in issues_all:
        k = re.sub(r"\d+(\.\d+)?", "N", msg)
        by_msg[k].append((seed, w, msg, txt))
    out.append(f"Sentence / consistency issues: {len(issues_all)} in {len(by_msg)} kinds")
    for k, lst in sorted(by_msg.items(), key=lambda x: -len(x[1])):
        seeds = sorted({s for (s, *_) in lst})
        out.append(f"- [{len(lst)} times, {len(seeds)} diaries, e.g. seeds {seeds[:6]}] {k}")
        for seed, w, msg, txt in lst[:2]:
            out.append(f"    seed {seed} {w}: {msg} :: {txt[:400]!r}")
    if errors:
        out.append("")
        out.append("Run errors:")
        for s, e in errors[:20]:
            out.append(f"- seed {s}: {e}")
    text = "\n".join(out)
    print(text)
    if a.md:
        with open(a.md, "w") as fh:
            fh.write(text + "\n")
    if a.issues:
        with open(a.issues, "w") as f:
            for it in issues_all:
                f.write(json.dumps(it) + "\n")


if __name__ == "__main__":
    main()
