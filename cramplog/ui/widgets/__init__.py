"""Provides the reusable widgets of the app."""
