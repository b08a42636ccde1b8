"""The progress engine's one error type."""

from __future__ import annotations

__all__ = ["MetricError"]


class MetricError(ValueError):
    """An input the methodology cannot assess; the message says which and why."""
