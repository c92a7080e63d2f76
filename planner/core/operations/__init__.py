"""Jobs a planner runs (new project, simulate, goal seek, calibrate, suggest, export, print…): one operation each,
a parameters dataclass with `run(project, progress, cancel)`, called alike by the dialogs and the subcommands."""
