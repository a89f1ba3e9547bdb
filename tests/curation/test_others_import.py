"""`aliases import others-cldr`: every CLDR territory and time-zone city the store does not hold, never a store
name."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from service.cli import main as cli
from service.match.normalize import normalize
from service.store.files import load_store
from service.store.others import OTHERS_DIR

pytest.importorskip("babel")


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[tuple[str, str, str, str]], list[str]]:
    from service.curation.importers.others import cldr_others
    from tests.conftest import STORE

    return cldr_others(load_store(STORE).entities)


def test_the_territories_the_store_lacks_are_there(imported: tuple[list, list]) -> None:
    rows, _ = imported
    named = {(normalize(text), names) for text, names, _, _ in rows}  # one row per normalized text
    for text, names in [("Estonia", "Estonia (EE)"), ("Estonie", "Estonia (EE)"), ("Iraq", "Iraq (IQ)"),
                        ("Südkorea", "South Korea (KR)"), ("An tSeirbia", "Serbia (RS)")]:
        assert (normalize(text), names) in named
    assert len(rows) > 10_000 and all(source.startswith("cldr:") for _, _, _, source in rows)


def test_no_row_names_a_territory_of_the_store_or_a_store_name(imported: tuple[list, list]) -> None:
    from tests.conftest import STORE

    rows, left_out = imported
    store_names = {normalize(a.text) for e in load_store(STORE).entities for a in e.all_aliases()}
    assert not [text for text, *_ in rows if normalize(text) in store_names]
    assert not [names for _, names, _, _ in rows if "(SY)" in names or "(KP)" in names or "(UN)" in names]
    assert any("CLDR also gives it to KP" in line for line in left_out)  # ደቡብ ኮሪያ, South Korea in Amharic


@pytest.fixture(scope="module")
def cities(imported: tuple[list, list]) -> tuple[list[tuple[str, str, str, str]], list[str]]:
    from service.curation.importers.others import cldr_city_others
    from tests.conftest import STORE

    return cldr_city_others(load_store(STORE).entities, imported[0])


@pytest.mark.parametrize("text, names", [
    ("Muscat", "Muscat, Oman (Asia/Muscat)"),
    ("Maskat", "Muscat, Oman (Asia/Muscat)"),
    ("Маскат", "Muscat, Oman (Asia/Muscat)"),
    ("Città del Messico", "Mexico City, Mexico (America/Mexico_City)"),
    ("Lusaka", "Lusaka, Zambia (Africa/Lusaka)"),
])
def test_the_cities_the_store_lacks_are_there(cities: tuple[list, list], text: str, names: str) -> None:
    rows, _ = cities
    assert (normalize(text), names) in {(normalize(t), n) for t, n, _, _ in rows}


def test_no_city_row_is_a_store_city_a_territory_row_or_no_place(imported: tuple[list, list],
                                                                  cities: tuple[list, list]) -> None:
    from tests.conftest import STORE

    rows, left_out = cities
    store_names = {normalize(a.text) for e in load_store(STORE).entities for a in e.all_aliases()}
    territories = {normalize(text) for text, *_ in imported[0]}
    norms = [normalize(text) for text, *_ in rows]
    assert len(norms) == len(set(norms)) > 5_000
    assert not [n for n in norms if n in store_names or n in territories]
    # a zone one of whose names is a store name is left out whole: Şam, Turkish for Damascus, is Asia/Damascus
    assert not [names for _, names, _, _ in rows if "Asia/Damascus" in names or "Europe/Moscow" in names]
    assert "Asia/Damascus: one of its names is a name of damascus in the store" in left_out
    assert not [names for _, names, _, _ in rows if "Etc/" in names]  # Etc/Unknown names no place


def test_the_command_writes_the_file_and_is_idempotent(store_copy: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(cli, ["import", "others-cldr", "--store", str(store_copy)])
    assert first.exit_code == 0, first.output
    path = store_copy / OTHERS_DIR / "cldr-territories.csv"
    assert path.is_file() and "names of territories the store does not hold" in first.output
    assert (store_copy / OTHERS_DIR / "cldr-cities.csv").is_file()
    assert "names of time-zone cities the store does not hold" in first.output
    again = runner.invoke(cli, ["import", "others-cldr", "--store", str(store_copy), "--dry-run"])
    assert again.exit_code == 0 and "no change" in again.output
    assert load_store(store_copy).problems == ()
