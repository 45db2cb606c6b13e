"""Provides the modal dialogs: entry forms, the date prompt, red-flag notices."""
