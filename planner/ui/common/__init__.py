"""Shared by every window part: the document (the project as the Qt side observes it), background tasks, task dialogs, error dialogs."""
