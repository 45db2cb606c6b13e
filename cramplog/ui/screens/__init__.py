"""Provides the app's full screens: dashboard, history, settings, help."""
