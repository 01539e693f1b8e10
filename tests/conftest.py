"""Shared fixtures: the spaCy pipeline (loaded once), paths to examples and shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from dragoman import nlp as nlp_module

    return nlp_module.load()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder of gold data and corpora; tests that need it skip without it."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES
