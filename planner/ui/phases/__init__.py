"""The phases dock: the phase table, phase dialogs and menu actions, validation panel, and the assignment cache."""
