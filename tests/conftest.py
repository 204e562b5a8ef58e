"""Shared fixtures: the reference material beside the repo, and one coder per session."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A file under ../shared; the test is skipped when the reference material is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared is absent)")
    return path


@pytest.fixture(scope="session")
def pipeline():
    from tacitus.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline Tacitus parses with, loaded once for the whole run."""
    from tacitus.nlp import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def event_schema():
    import json

    return json.loads(shared_path("spec", "event.schema.json").read_text())
