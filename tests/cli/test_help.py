"""The command line's help, through the real entry point: commands grouped by task, options named
for what they are and alike across commands, `edit` and `config set` listing what they take."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import click
import pytest

from cramplog.cli import main
from cramplog.cli.group import COMMANDS, SECTIONS


def help_of(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert main([*args, "--help"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def headings(text: str) -> dict[str, list[str]]:
    """`Heading:` -> the first word of each indented line under it."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        if re.fullmatch(r"[A-Z][\w ]*:", line):
            current = found.setdefault(line[:-1], [])
        elif current is not None and line.startswith("  ") and not line.startswith("   "):
            current.append(line.split()[0])
        elif not line.strip():
            current = None
    return found


def test_the_commands_are_listed_under_one_heading_per_task_in_the_sources_order(capsys):
    listed = headings(help_of(capsys))
    assert list(listed) == ["Options", *SECTIONS]
    for heading, section in SECTIONS.items():
        assert listed[heading] == list(section)
    every = [name for heading in SECTIONS for name in listed[heading]]
    assert sorted(every) == sorted(COMMANDS) and len(every) == len(set(every)) == 28
    assert listed["Log"][:2] == ["cramp", "drink"] and "import" in listed["Data and settings"]


def complete(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], line: str, db) -> list[str]:
    """What bash completion offers for `line` (through `main`, as the shell runs it)."""
    monkeypatch.setenv("_CRAMPLOG_COMPLETE", "bash_complete")
    monkeypatch.setenv("COMP_WORDS", line)
    monkeypatch.setenv("COMP_CWORD", str(len(line.split(" ")) - 1))
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["--db", str(db)])
    return [item.split(",", 1)[1] for item in capsys.readouterr().out.splitlines() if item]


def test_completion_still_offers_every_command_in_the_helps_order(monkeypatch, capsys, db_path):
    assert complete(monkeypatch, capsys, "cramplog ", db_path) == list(COMMANDS)


# -- import --app (was --from, which means a date everywhere else) ---------------------------------


def folder_of_two_apps(tmp_path):
    from tests.importers.fitwriter import activity_file

    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "a.fit").write_bytes(activity_file(start=dt.datetime(2026, 11, 1, 7, 0, tzinfo=dt.timezone.utc)))
    (folder / "b.csv").write_text("Date,Magnesium (mg),Potassium (mg)\n2026-11-01,300,2000\n")
    return folder


def test_import_app_names_the_reader_and_its_help_lists_every_one(cli, capsys, tmp_path):
    from cramplog.importers.detect import KINDS

    text = help_of(capsys, "import")
    assert "--app NAME" in text and "--from" not in text
    assert all(name in " ".join(text.split()) for name in KINDS)
    folder = folder_of_two_apps(tmp_path)
    code, out, err = cli("import", str(folder), "--app", "fit", "--dry-run", "--json")
    assert code == 0, err
    assert json.loads(out)["imported"] == {"run": 1} and err == ""


def test_import_from_still_works_hidden_and_says_the_new_name(cli, tmp_path):
    folder = folder_of_two_apps(tmp_path)
    code, out, err = cli("import", str(folder), "--from", "fit", "--dry-run", "--json")
    assert code == 0, err
    assert json.loads(out)["imported"] == {"run": 1}
    assert err == "note: import --from is now called --app; --from still works\n"
    assert cli("import", str(folder), "--from", "fit", "--app", "fit", "--dry-run")[0] == 0
    code, out, err = cli("import", str(folder), "--from", "gpx", "--app", "fit")
    assert (code, out) == (2, "") and err.startswith("error: --app fit and --from gpx disagree")
    code, out, err = cli("import", str(folder), "--app", "garmin")
    assert (code, out) == (2, "") and err.startswith("error: --app knows no app 'garmin'")
    code, out, err = cli("import", str(folder), "--from", "garmin")  # refused: one line, no note
    assert (code, out) == (2, "") and err.startswith("error: ") and len(err.splitlines()) == 1
    assert cli.entries() == []


def test_import_app_completes_with_the_readers(monkeypatch, capsys, db_path):
    assert complete(monkeypatch, capsys, "cramplog import x --app c", db_path) == ["cronometer", "csv"]
    assert "--from" not in complete(monkeypatch, capsys, "cramplog import x --", db_path)


# -- one option, one spelling ---------------------------------------------------------------------


def every_option() -> list[tuple[str, click.Option]]:
    """(command path, option) for every option of every command and subcommand."""
    from cramplog.cli.group import cli as root

    found: list[tuple[str, click.Option]] = []

    def walk(path: str, command: click.Command) -> None:
        found.extend((path, p) for p in command.params if isinstance(p, click.Option))
        for name, sub in getattr(command, "commands", {}).items():
            walk(f"{path} {name}", sub)

    ctx = click.Context(root)
    for name in COMMANDS:
        walk(name, root.get_command(ctx, name))
    return found


def test_an_option_spelled_alike_in_two_commands_has_the_same_short_form_in_both():
    forms: dict[str, dict[tuple[str, ...], list[str]]] = {}
    for path, option in every_option():
        for long in (o for o in option.opts if o.startswith("--")):
            forms.setdefault(long, {}).setdefault(tuple(sorted(option.opts)), []).append(path)
    differ = {long: spellings for long, spellings in forms.items() if len(spellings) > 1}
    assert differ == {}
    assert forms["--severity"] == {("--severity", "-s"): ["cramp", "injury"]}
    shorts: dict[str, set[str]] = {}
    for _, option in every_option():
        for short in (o for o in option.opts if not o.startswith("--")):
            shorts.setdefault(short, set()).update(o for o in option.opts if o.startswith("--"))
    assert {short: longs for short, longs in shorts.items() if len(longs) > 1} == {}  # -o is --output alone


def test_injury_takes_s_for_severity_as_cramp_does(cli):
    code, out, err = cli("injury", "ankle", "-s", "4", "--json")
    assert code == 0, err
    assert json.loads(out)["entry"]["severity"] == 4
    code, out, err = cli("injury", "ankle", "-s", "11")
    assert (code, out) == (2, "") and "severity" in err


# -- edit --help and config set --help list what they take ---------------------------------------------


def test_edit_help_lists_every_kinds_options_from_what_edit_parses(capsys):
    from cramplog.cli.fields import FIELDS

    listed = {}
    for line in re.split(r"\n(?=  \w)", help_of(capsys, "edit").split("--json for any):\n")[1]):
        kind, _, options = line.strip().partition(" ")
        listed[kind] = " ".join(options.split())
    assert list(listed) == list(FIELDS)
    for kind, options in FIELDS.items():
        for option in options:
            assert re.search(rf"--(\[no-\])?{option}\b", listed[kind]), (kind, option)
    assert "-s/--severity 1-10" in listed["cramp"] and "-s/--severity 0-10" in listed["injury"]
    assert "--[no-]tingling" in listed["cramp"] and "--at" not in listed["checkin"]


def test_edit_takes_the_kinds_short_forms_and_flags_alone(cli):
    assert cli("cramp", "calf", "-s", "6")[0] == 0
    code, out, err = cli("edit", "1", "-s", "8", "--tingling", "--json")
    assert code == 0, err
    entry = json.loads(out)["entry"]
    assert (entry["severity"], entry["tingling"]) == (8, True)
    assert json.loads(cli("edit", "1", "--no-tingling", "--json")[1])["entry"]["tingling"] is False
    code, out, err = cli("edit", "1", "-x", "8")
    assert (code, out) == (2, "") and err == "error: cramp entries have no option -x (short forms: -s)\n"
    assert cli("checkin", "--date", "yesterday")[0] == 0
    assert json.loads(cli("edit", "2", "--no-cramps", "--json")[1])["entry"]["no_cramps"] is True
    assert json.loads(cli("edit", "2", "--no-cramps", "false", "--json")[1])["entry"]["no_cramps"] is False


def test_config_set_help_names_every_key_with_an_example(capsys):
    from cramplog.domain.settings import Settings

    text = help_of(capsys, "config", "set")
    keys = text.split("\nKeys:\n")[1]
    assert [
        line.split()[0] for line in keys.splitlines() if line.startswith("  ") and line[2] != " "
    ] == Settings.keys()
    assert "cramplog config set journal.day_boundary 05:00" in text
    said = " ".join(keys.split())
    assert "500 to 6000 ml (default 1800)" in said
    assert "shoes.life_km how far a shoe goes" in said and "50 to 5000 km (default 640)" in said  # in km always
    assert "(on, off) (default" not in said and "; on, off (default on)" in said  # the words said once


# -- the docs the help names are where `cramplog where` says ------------------------------------------


def test_every_doc_a_help_names_is_in_the_folder_where_shows_and_the_help_says_so(cli, capsys):
    code, out, err = cli("where", "--json")
    assert code == 0, err
    docs = Path(json.loads(out)["docs"])
    assert cli("where")[1].splitlines()[-1] == f"docs:    {docs}"
    paths = [[name] for name in COMMANDS] + [["config", sub] for sub in ("list", "get", "set", "reset")]
    named: set[str] = set()
    for path in paths:
        text = " ".join(help_of(capsys, *path).split())
        found = set(re.findall(r"docs/([\w-]+\.md)", text))
        named |= found
        assert not found or "`cramplog where` shows the docs folder" in text, path
    assert {"import.md", "json.md", "completion.md"} <= named
    assert all((docs / name).is_file() for name in named), sorted(n for n in named if not (docs / n).is_file())
    assert "`cramplog where` shows the docs folder" in " ".join(help_of(capsys).split())


def test_every_word_option_of_a_logging_command_lists_its_words_and_default(capsys):
    """`cramp --context` said "stretching, running, ..., other." by hand, without its default;
    `med --class` listed its classes in the help text a second time. Each word option's help
    now comes from the field's declaration: every word it accepts, the default marked."""
    import dataclasses

    from cramplog.cli.fields import FIELDS
    from cramplog.domain import entries as E

    checked = 0
    for kind, options in FIELDS.items():
        text = " ".join(help_of(capsys, kind).split("Options:", 1)[1].split())
        defaults = {f.name: f.default for f in dataclasses.fields(E.KINDS[kind])}
        for option, (name, declaration) in options.items():
            if declaration.type != "word" or f"--{option} " not in text:
                continue
            listed = text.split(f"--{option} ", 1)[1]
            words = declaration.bounds.words or ()
            shown = [f"{w} (default)" if w == defaults.get(name) else w for w in words]
            assert listed.split(" ", 1)[1].startswith(f"{', '.join(shown[:-1])} or {shown[-1]}."), (kind, option)
            checked += 1
    assert checked >= 8


def test_every_word_argument_of_a_logging_command_lists_its_words(capsys):
    """`cramp`, `diet`, `injury` and `symptom` listed their words in their docstrings by hand
    (`symptom` stopped at "weakness, ..." and so hid the red-flag symptoms). The help now lists
    every word the argument's declaration accepts."""
    from cramplog.cli.fields import FIELDS

    checked = 0
    for kind, options in FIELDS.items():
        text = help_of(capsys, kind)
        usage = text.splitlines()[0].split()
        for option, (_, declaration) in options.items():
            argument = option.upper()
            if declaration.type != "word" or argument not in usage:
                continue
            words = declaration.bounds.words or ()
            body = " ".join(text.split("Options:", 1)[0].split())
            assert f"{argument} is one of: {', '.join(words[:-1])} or {words[-1]}." in body, kind
            checked += 1
    assert checked == 4
