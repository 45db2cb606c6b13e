"""Provides cramplog's domain: entries, vocabularies, parsers and rules.

Pure Python: nothing here imports SQLAlchemy, pandas, Textual or click (a test checks it).
"""
