"""Provides the Textual app: screens, widgets and charts."""
