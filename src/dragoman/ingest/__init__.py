"""Readers that turn sources into :class:`~dragoman.records.Article` objects."""

from __future__ import annotations

from dragoman.ingest.text import article_from_text, read_text_file

__all__ = ["article_from_text", "read_text_file"]
