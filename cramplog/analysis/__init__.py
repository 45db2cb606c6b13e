"""Provides the analyses over the journal: pandas in, plain lists and dataclasses out."""
