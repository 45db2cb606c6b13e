"""`python -m cramplog` runs the same entry point as the `cramplog` command."""

from cramplog.cli import console

raise SystemExit(console())
