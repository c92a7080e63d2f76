"""Printing dialogs: commune page and atlas, with preview."""
