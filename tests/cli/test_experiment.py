"""`cramplog experiment` through the real entry point: plan, tonight, stop, refusals, JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.cli.test_companions import validate


def test_plan_follow_and_stop_an_experiment(cli):
    code, out, err = cli("experiment")
    assert code == 0 and out.startswith("No experiment yet.")
    code, out, err = cli("experiment", "plan", "--weeks", "6", "--yes")
    assert code == 0, err
    assert "on half of 44 nights" in out and "can't be chosen or changed" in out
    assert "Hallegraeff 2012" in out and "times in 10" in out
    started = out.splitlines()[-1]
    assert started.startswith("Started experiment #1. Tonight: ") and started.endswith(("stretch.", "no stretch."))
    code, out, _ = cli("experiment", "--json")
    doc = validate(out, "experiment")
    assert doc["state"] == "running"
    assert doc["tonight"] in ("stretch", "no stretch") and doc["plan"]["nights"] == 44
    assert doc["as_assigned"] is None and doc["randomisation_p"] is None  # no early look
    code, _, err = cli("experiment", "plan", "--weeks", "4", "--yes")
    assert code == 2 and err.startswith("error: experiment #1 runs until")
    code, out, _ = cli("experiment", "stop", "--yes", "--reason", "travelling")
    assert code == 0 and "Stopped experiment #1" in out
    code, out, _ = cli("experiment")
    assert "Stopped on" in out and "(travelling)" in out and "no reading" in out


def test_a_plan_is_refused_without_yes_off_a_terminal_and_for_what_is_not_on_the_list(cli):
    code, _, err = cli("experiment", "plan")
    assert code == 2 and "add --yes" in err
    for args in (
        ("--weeks", "1"),
        ("--weeks", "six"),
        ("--minutes", "45"),
        ("--outcome", "cramp_hours"),
        ("--start", "yesterday"),
    ):
        code, _, err = cli("experiment", "plan", "--yes", *args)
        assert code == 2 and err.startswith("error:") and "Traceback" not in err, args
    assert cli("experiment", "--json")[1].count('"plan": null') == 1


def test_a_red_flag_comes_before_an_experiment(cli):
    assert cli("symptom", "swelling_one_leg")[0] == 0
    code, _, err = cli("experiment", "plan", "--yes")
    assert code == 2 and "a red flag needs attention first" in err


def test_tonight_shows_in_today_and_a_red_flag_pauses_it(cli):
    assert cli("experiment", "plan", "--weeks", "6", "--yes")[0] == 0
    word = json.loads(cli("experiment", "--json")[1])["tonight"]
    code, out, _ = cli("today")
    assert code == 0 and f"tonight: {word} (experiment night 1 of 44)" in out
    today = validate(cli("today", "--json")[1], "today")
    assert today["experiment"] == {"id": 1, "tonight": word, "night": 1, "nights": 44}
    assert cli("symptom", "warm_red_calf")[0] == 0  # an urgent flag: it comes first
    assert json.loads(cli("today", "--json")[1])["experiment"]["tonight"] == "paused"
    code, out, _ = cli("experiment")
    assert "Tonight: paused." in out


def test_insights_name_the_experiment_after_the_red_flags(cli):
    assert cli("experiment", "plan", "--yes", "--start", "tomorrow")[0] == 0
    assert cli("symptom", "warm_red_calf")[0] == 0
    code, out, _ = cli("insights")
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Planned experiment #1"))
    assert lines[0].startswith("URGENT") and at > 0
    assert "Planned: 44 nights of a bedtime calf and hamstring stretch or none" in " ".join(out.split())
    doc = json.loads(cli("insights", "--json")[1])
    assert doc["experiment"]["state"] == "planned" and doc["experiment"]["id"] == 1


def test_the_prompt_and_the_reminder_say_tonight_s_arm(cli, monkeypatch):
    from cramplog.cli.prompt import prompt_line

    assert cli("experiment", "plan", "--weeks", "6", "--yes")[0] == 0
    word = json.loads(cli("experiment", "--json")[1])["tonight"]
    code, out, _ = cli("remind")
    assert code == 0 and out.splitlines() == [
        "cramplog: nothing logged today yet. No cramps? cramplog checkin --no-cramps",
        f"cramplog: tonight: {word} (your experiment)",
    ]
    doc = validate(cli("remind", "--json")[1], "remind")
    assert doc["tonight"] == word
    assert cli("drink", "250")[0] == 0
    assert cli("remind")[1].strip() == f"cramplog: tonight: {word} (your experiment)"
    from tests.conftest import NOW  # the cli fixture's instant

    line = prompt_line(str(cli.db), NOW)
    assert line.startswith(f"tonight: {word} · fluid ")
    assert cli("experiment", "stop", "--yes")[0] == 0
    assert "tonight" not in prompt_line(str(cli.db), NOW) and cli("remind")[1] == ""


def _elsewhere(cli, tmp_path, name: str):
    """The CLI on another journal, in a new home (the same clock)."""
    from tests.conftest import Cli

    (tmp_path / name).mkdir()
    return Cli(tmp_path / name / "journal.db", cli.capsys)


def test_an_export_carries_the_experiments_to_a_new_home(cli, tmp_path):
    assert cli("experiment", "plan", "--weeks", "6", "--yes")[0] == 0
    assert cli("checkin", "--no-cramps", "--date", "yesterday")[0] == 0
    before = json.loads(cli("experiment", "--json")[1])
    out = tmp_path / "x.json"
    assert cli("export", "-o", str(out))[0] == 0
    carried = json.loads(out.read_text())["experiments"]
    assert [{k: v for k, v in c.items() if k != "seed"} for c in carried] == [
        {k: v for k, v in before["plan"].items() if k != "end"}
    ] and type(carried[0]["seed"]) is int
    home = _elsewhere(cli, tmp_path, "new")
    code, said, err = home("import", str(out), "--dry-run")
    assert code == 0 and "would import" in said and "1 experiment" in said, err
    assert json.loads(home("experiment", "--json")[1])["plan"] is None  # a dry run wrote nothing
    code, said, err = home("import", str(out))
    assert code == 0 and "1 experiment" in said, err
    assert json.loads(home("experiment", "--json")[1]) == before  # tonight's arm and the reading alike
    code, said, _ = home("import", str(out), "--json")
    summary = json.loads(said)
    assert summary["experiments"] == 0 and summary["imported"] == {} and summary["already_there"] >= 2
    again = tmp_path / "again.json"
    assert home("export", "-o", str(again))[0] == 0
    assert json.loads(again.read_text())["experiments"] == carried  # re-importing added nothing


def test_a_stopped_experiment_keeps_its_stop_and_an_overlapping_one_is_skipped(cli, tmp_path):
    assert cli("experiment", "plan", "--weeks", "6", "--yes")[0] == 0
    assert cli("experiment", "stop", "--yes", "--reason", "travelling")[0] == 0  # before its first night
    assert cli("experiment", "plan", "--weeks", "2", "--yes")[0] == 0
    running = json.loads(cli("experiment", "--json")[1])
    out = tmp_path / "x.json"
    assert cli("export", "-o", str(out))[0] == 0
    carried = json.loads(out.read_text())["experiments"]
    assert [(c["stopped"], c["stop_reason"]) for c in carried] == [("2026-11-24", "travelling"), (None, "")]
    fresh = _elsewhere(cli, tmp_path, "fresh")
    assert fresh("import", str(out))[0] == 0
    assert json.loads(fresh("experiment", "--json")[1]) == running
    assert fresh("export", "-o", str(tmp_path / "y.json"))[0] == 0
    assert json.loads((tmp_path / "y.json").read_text())["experiments"] == carried
    busy = _elsewhere(cli, tmp_path, "busy")
    assert busy("experiment", "plan", "--weeks", "4", "--yes")[0] == 0
    mine = json.loads(busy("experiment", "--json")[1])
    code, said, err = busy("import", str(out))
    assert code == 0 and said.startswith("imported 1 experiment; skipped 1 experiment overlapping one in the journal")
    assert "skipped the experiment from 2026-11-24 to 2026-12-09: its nights overlap" in err
    assert json.loads(busy("experiment", "--json")[1]) == mine  # the journal's own plan stands alone


def test_the_csv_export_says_it_leaves_the_experiments_out(cli, tmp_path):
    assert "leaves out" not in cli("export", "--format", "csv", "-o", str(tmp_path / "a.csv"))[2]
    assert cli("experiment", "plan", "--weeks", "2", "--yes")[0] == 0
    code, _, err = cli("export", "--format", "csv", "-o", str(tmp_path / "b.csv"))
    assert code == 0 and "note: the CSV leaves out the planned experiments" in err


def test_an_export_with_a_bad_experiment_is_refused_whole(cli, tmp_path):
    good = {
        "behaviour": "bedtime_stretch",
        "minutes": 3,
        "outcome": "cramp_nights",
        "nights": 44,
        "start": "2026-11-24",
        "seed": 7,
    }
    for bad in (
        {"seed": 2**31},
        {"seed": True},
        {"nights": 45},
        {"start": "24/11/2026"},
        {"behaviour": "quinine"},
        {"stopped": "2026-11-01"},
        {"colour": "red"},
    ):
        path = tmp_path / "bad.json"
        path.write_text(
            json.dumps(
                {
                    "format": "cramplog-export",
                    "version": 3,
                    "exported_at": "2026-11-24T10:00:00Z",
                    "entries": [
                        {"kind": "drink", "at": "2026-11-24T09:00:00+01:00", "tz": "Europe/Berlin", "amount_ml": 250}
                    ],
                    "experiments": [{**good, **bad}],
                }
            )
        )
        code, _, err = cli("import", str(path))
        assert code == 2 and err.startswith("error: experiment 1 in ") and "Traceback" not in err, (bad, err)
    assert cli("list", "--json")[1].count('"kind": "drink"') == 0  # nothing written


def test_the_helps_examples_run_as_pasted_off_a_terminal(tmp_path):
    from tests.cli.test_companions import run_cramplog

    env = {"CRAMPLOG_HOME": str(tmp_path / "home")}
    examples = []
    for args in (("experiment", "--help"), ("experiment", "plan", "--help"), ("experiment", "stop", "--help")):
        shown = run_cramplog(*args, env=env).stdout
        examples += [line.strip() for line in shown.splitlines() if line.strip().startswith("cramplog experiment")]
    assert len(examples) == 5 and any("stop" in e for e in examples)
    for example in examples:  # in the order shown, through a shell, as a person pastes them
        done = subprocess.run(
            ["bash", "-c", example.replace("cramplog", f"{sys.executable} -m cramplog", 1)],
            capture_output=True,
            text=True,
            env={**os.environ, **env},
            stdin=subprocess.DEVNULL,
            timeout=120,
        )
        assert done.returncode == 0, (example, done.stderr)
