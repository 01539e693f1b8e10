"""Scorers for public gold formats; each module has ``evaluate(path, **options) -> dict``."""
