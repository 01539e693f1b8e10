"""The embedded store (SQLite), its queries and its exports."""

from __future__ import annotations

from dragoman.store.sqlite import AddResult, Store

__all__ = ["AddResult", "Store"]
