"""The Dask path on a real LocalCluster with worker processes: the same output as the single-machine path."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from service.cli import main

dd = pytest.importorskip("dask.dataframe", reason="the dask extra is not installed: pip install '.[dask]'")
distributed = pytest.importorskip("dask.distributed")

NAMES = ["Abu Mohammed al-Jawlani", "Hamas", "Deir Ezzor", "", "Дамаск", "Abu Mohammed", "Jabhat al-Nusra", "Homs"]


def write_parts(tmp: Path, parts: int = 3, rows: int = 40) -> list[Path]:
    paths = []
    n = 0
    for p in range(parts):
        path = tmp / f"part-{p}.csv"
        with open(path, "w", encoding="utf-8", newline="") as fh:
            out = csv.writer(fh)
            out.writerow(["id", "name", "note"])
            for _ in range(rows):
                out.writerow([str(n), NAMES[n % len(NAMES)], f"row {n}, quoted"])
                n += 1
        paths.append(path)
    return paths


def single_machine(db: Path, parts: list[Path], tmp: Path) -> list[list[str]]:
    joined = tmp / "joined.csv"
    with open(joined, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        for i, part in enumerate(parts):
            with open(part, encoding="utf-8", newline="") as src:
                rows = list(csv.reader(src))
            out.writerows(rows if i == 0 else rows[1:])
    result = CliRunner().invoke(main, ["normalize", "--db", str(db), str(joined), "--column", "name",
                                       "-o", str(tmp / "single.csv")])
    assert result.exit_code == 0, result.output
    with open(tmp / "single.csv", encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


@pytest.fixture(scope="module")
def cluster():  # type: ignore[no-untyped-def]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def test_dask_dataframe_matches_single_machine(db_path: Path, tmp_path: Path, cluster) -> None:  # type: ignore[no-untyped-def]
    from service.bulk.dasknorm import normalize_dataframe

    parts = write_parts(tmp_path)
    with distributed.Client(cluster):
        ddf = dd.read_csv([str(p) for p in parts], dtype=str, keep_default_na=False, blocksize=None)
        assert ddf.npartitions == 3
        frame = normalize_dataframe(ddf, ["name"], db_path).compute()
    got = [list(frame.columns)] + frame.astype(str).values.tolist()
    assert got == single_machine(db_path, parts, tmp_path)


def test_cli_engine_dask_on_a_glob(db_path: Path, tmp_path: Path, cluster) -> None:  # type: ignore[no-untyped-def]
    parts = write_parts(tmp_path)
    out = tmp_path / "dask.csv"
    result = CliRunner().invoke(main, ["normalize", "--db", str(db_path), str(tmp_path / "part-*.csv"),
                                       "--column", "name", "--engine", "dask", "--scheduler", cluster.scheduler_address,
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    with open(out, encoding="utf-8", newline="") as fh:
        assert list(csv.reader(fh)) == single_machine(db_path, parts, tmp_path)


def test_dask_missing_column_is_refused(db_path: Path, tmp_path: Path) -> None:
    from service.bulk.csvnorm import CsvError
    from service.bulk.dasknorm import normalize_dataframe

    parts = write_parts(tmp_path, parts=1, rows=2)
    ddf = dd.read_csv([str(p) for p in parts], dtype=str, keep_default_na=False)
    with pytest.raises(CsvError, match="no column 'nom'"):
        normalize_dataframe(ddf, ["nom"], db_path)
