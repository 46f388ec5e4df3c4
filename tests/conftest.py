"""Shared fixtures: where the sample corpus and the development set live."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from graph.defaults import PROJECT_DIR, SAMPLE_CORPUS_DIR

#: The hand-annotated development set; read in place, never copied into the project.
SEEDS_DIR = Path(
    os.environ.get("MIGRASI_KG_SEEDS", PROJECT_DIR.parent / "shared" / "corpus" / "seeds")
)
ARTIFACTS_DIR = PROJECT_DIR / "tests" / "artifacts"


@pytest.fixture(autouse=True, scope="session")
def _isolated_state(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep `kg build`'s "last build" memory out of the developer's home."""
    os.environ["MIGRASI_KG_STATE"] = str(tmp_path_factory.mktemp("state"))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS_DIR.is_dir() or not any(SEEDS_DIR.glob("*.gold.json")):
        pytest.skip(f"development set not found at {SEEDS_DIR}")
    return SEEDS_DIR


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE_CORPUS_DIR


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS_DIR
