"""The coverage simulation (DESIGN §4): inputs built from a project, the vectorised engine, results, what-ifs and scenario edits."""
