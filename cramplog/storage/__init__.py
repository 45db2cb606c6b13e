"""Provides the journal's storage: SQLAlchemy 2 on SQLite, migrations and the repository.

The only layer that speaks SQL. It returns domain objects, never ORM rows.
"""
