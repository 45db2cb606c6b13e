"""Provides the Textual app (`cramplog` with no arguments); imported only by `cli.tui`."""
