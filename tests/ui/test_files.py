"""The clinician report, export and backup from the app (palette actions): files written private,
where the user said, with a preview of the report and a toast saying where."""

from __future__ import annotations

import json
import stat

from textual.widgets import Input

from cramplog.domain import entries as E
from cramplog.ui.modals.output import PathPromptModal, PreviewModal

from .conftest import TZ_NAME, at, settle


async def test_report_is_written_where_asked_and_previewed(make, seed, tmp_path):
    seed([E.Cramp(at=at(3, 2), tz=TZ_NAME, muscle="calf", side="left", severity=6, context="night")])
    target = tmp_path / "out" / "report.html"
    target.parent.mkdir()
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_report()
        await pilot.pause()
        assert isinstance(app.screen, PathPromptModal)
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PreviewModal)
        assert str(target) in app.screen.where
        assert "calf" in app.screen.markdown.lower()
    assert target.read_text().lstrip().lower().startswith("<!doctype html")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


async def test_export_and_backup_from_the_app(make, seed, tmp_path, db_path):
    seed([E.Drink(at=at(1, 9), tz=TZ_NAME, amount_ml=300, drink_kind="water")])
    target = tmp_path / "export.json"
    app = make()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        app.action_export()
        await pilot.pause()
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        app.action_backup()
        await settle(pilot)
        toasts = [str(n.message) for n in app._notifications]
    document = json.loads(target.read_text())
    assert [e["amount_ml"] for e in document["entries"]] == [300]
    # One export writer: `cramplog export` writes what the app wrote, but for the instant.
    from cramplog.cli import main

    assert main(["--db", str(db_path), "export", "-o", str(tmp_path / "cli.json")]) == 0
    from_cli = json.loads((tmp_path / "cli.json").read_text())
    assert {**from_cli, "exported_at": None} == {**document, "exported_at": None}
    assert any(t.startswith("Exported 1 entries to") for t in toasts)
    backups = list((db_path.parent / "backups").glob("*"))
    assert len(backups) == 1 and any(str(backups[0]) in t for t in toasts)


async def test_report_and_export_ask_before_replacing_a_file_and_say_they_are_working(make, seed, tmp_path):
    """Issue 24: a file of the same name is replaced only after a yes; no keeps it and asks
    again; a toast says the writing has started (a year's report takes seconds)."""
    from cramplog.ui.modals.confirm import ConfirmModal

    seed([E.Cramp(at=at(3, 2), tz=TZ_NAME, muscle="calf", side="left", severity=6, context="night")])
    target = tmp_path / "report.pdf"
    target.write_text("keep me")
    kept = tmp_path / "export.json"
    kept.write_text("keep me too")
    app = make()
    said: list[str] = []
    notify = app.notify

    def recorded(message, **kwargs):
        said.append(str(message))
        notify(message, **kwargs)

    app.notify = recorded
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        app.action_export()
        await pilot.pause()
        app.screen.query_one(Input).value = str(kept)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal) and str(kept) in app.screen.question
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PathPromptModal), "no: asked where again, the name kept to edit"
        assert app.screen.query_one(Input).value == str(kept)
        await pilot.press("escape")
        await settle(pilot)
        assert kept.read_text() == "keep me too"
        app.action_report()
        await pilot.pause()
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await pilot.pause()
        await settle(pilot)
        assert isinstance(app.screen, PreviewModal)
        assert "Writing the report…" in said
        assert not any("Writing" in str(n.message) for n in app._notifications), "gone once written"
    assert target.read_bytes().startswith(b"%PDF"), "the .pdf name asks for a PDF"
