"""Provides the journal's storage: one reader and writer on SQLite (or PostgreSQL), migrations.

The only layer that speaks SQL. It returns domain objects, never rows. The everyday path uses
the standard library's sqlite3; SQLAlchemy and Alembic load only to create or upgrade a journal.
"""
