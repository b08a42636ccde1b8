"""The only layer that knows SQL and DuckDB: schema, seed, demo data, queries, import, export.

Imports ``metrics`` only where a rule's constant or the period arithmetic is needed. Only
``data.cache`` imports streamlit (for the cache decorators); everything else runs without it.
"""
