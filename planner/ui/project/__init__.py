"""Project files in the window: new-project wizard, open/save/revert actions, autosave timer, recovery, import and export dialogs."""
