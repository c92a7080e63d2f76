"""Publishing the plan for people outside the tool: a static web map residents can search, a per-address forecast,
and a QGIS project whose time slider plays the rollout."""
