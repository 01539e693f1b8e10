"""Readers that turn sources into :class:`~dragoman.records.Article` objects."""

from __future__ import annotations

from dragoman.ingest.readers import iter_articles
from dragoman.ingest.tables import FieldMap
from dragoman.ingest.text import article_from_text, read_text_file

__all__ = ["FieldMap", "article_from_text", "iter_articles", "read_text_file"]
