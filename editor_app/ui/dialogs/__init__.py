"""Dialogs: sign-in, preferences, export, resolving a flag."""
