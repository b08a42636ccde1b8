"""The progress engine (shared/METHOD.md, methodology v2). Pure: no streamlit, no duckdb, no clock.

Imports nothing of ours (tests/test_layers.py checks). Each name has one home, its module, and is
imported from there (``from metrics.periods import quarter_index``); the package re-exports
nothing, so importing one module does not load the others.

| module | holds |
|---|---|
| ``metrics.constants`` | every threshold, status name and vocabulary the methodology fixes |
| ``metrics.errors`` | ``MetricError``, the engine's one error type |
| ``metrics.periods`` | quarter arithmetic every layer uses |
| ``metrics.progress`` | the per-series rules, vectorised over a frame of sufficient statistics |
| ``metrics.rounding`` | rounding of reported figures, half away from zero (the one home) |
| ``metrics.rollup`` | roll-ups of series statuses and the share on track |
| ``metrics.hierarchy`` | which parts sit under a Kingdom part, and above it |
| ``metrics.actions`` | an action's status as of a quarter; the action distribution and share |
| ``metrics.narrative`` | which text of a narrative a reader sees (English, or Dutch marked) |
"""
