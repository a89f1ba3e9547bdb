from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from service.build import build
from service.index import Index

ROOT = Path(__file__).resolve().parents[1]
STORE = ROOT / "aliases"
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(STORE, tmp_path_factory.mktemp("db") / "aliases.db").path


@pytest.fixture(scope="session")
def index(db_path: Path) -> Index:
    return Index.open(db_path)


@pytest.fixture
def store_copy(tmp_path: Path) -> Path:
    """A writable copy of the real store."""
    target = tmp_path / "aliases"
    shutil.copytree(STORE, target)
    return target


def write_entity(root: Path, etype: str, entity_id: str, text: str) -> Path:
    path = root / etype / f"{entity_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
