"""Bulk CSV normalization: real-world CSV cases on files made here, errors, and nothing ever lost."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from service.bulk.csvnorm import Normalizer
from service.cli import main
from service.web.app import create_app


def run(db: Path, *args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["normalize", "--db", str(db), *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def rows(path: Path, delimiter: str = ",") -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter=delimiter))


def test_appends_columns_and_keeps_everything_else(db_path: Path, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("id,name,note\n3,Abu Mohammed al-Jawlani,a\n1,Hamas,b\n2,,c\n", encoding="utf-8")
    before = src.read_bytes()
    code, _, err = run(db_path, str(src), "--column", "name", "-o", str(tmp_path / "out.csv"))
    assert code == 0, err
    out = rows(tmp_path / "out.csv")
    assert out[0] == ["id", "name", "note", "name_id", "name_name", "name_status", "name_score"]
    assert out[1][:3] == ["3", "Abu Mohammed al-Jawlani", "a"] and out[1][3:6] == ["ahmed-al-sharaa",
                                                                                 "Ahmed al-Sharaa", "matched"]
    assert out[2][:3] == ["1", "Hamas", "b"] and out[2][3:6] == ["", "", "unmatched"]
    assert out[3] == ["2", "", "c", "", "", "", ""]
    assert src.read_bytes() == before
    assert "3 rows, 2 distinct values, 1 matched, 0 ambiguous, 1 unmatched cells" in err


@pytest.mark.parametrize("delimiter", [";", "\t", "|"], ids=["semicolon", "tab", "pipe"])
def test_delimiter_is_sniffed_and_kept(db_path: Path, tmp_path: Path, delimiter: str) -> None:
    src = tmp_path / "in.csv"
    src.write_text(delimiter.join(["name", "x"]) + "\n" + delimiter.join(["Deir Ezzor", "1"]) + "\n", encoding="utf-8")
    code, _, err = run(db_path, str(src), "--column", "name", "-o", str(tmp_path / "out.csv"))
    assert code == 0, err
    assert rows(tmp_path / "out.csv", delimiter)[1][2] == "deir-ez-zor"


def test_explicit_delimiter(db_path: Path, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("name:x\nHama:1\n", encoding="utf-8")
    code, _, _ = run(db_path, str(src), "--column", "name", "--delimiter", ":", "-o", str(tmp_path / "o.csv"))
    assert code == 0 and rows(tmp_path / "o.csv", ":")[1][2] == "hama"


def test_quoting_and_embedded_newlines(db_path: Path, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text('name,comment\n"Hayat Tahrir al-Sham","line one\nline two, with comma"\n"Say ""HTS""",x\n',
                   encoding="utf-8")
    code, _, err = run(db_path, str(src), "--column", "name", "-o", str(tmp_path / "out.csv"))
    assert code == 0, err
    out = rows(tmp_path / "out.csv")
    assert out[1][1] == "line one\nline two, with comma" and out[1][2] == "hayat-tahrir-al-sham"
    assert out[2][0] == 'Say "HTS"'


def test_utf8_bom_is_skipped(db_path: Path, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes("\ufeffname\nبشار الأسد\n".encode())
    code, _, err = run(db_path, str(src), "--column", "name", "-o", str(tmp_path / "out.csv"))
    assert code == 0, err
    assert rows(tmp_path / "out.csv")[1][1] == "bashar-al-assad"


def test_other_encoding(db_path: Path, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes("name\nAntónio Guterres\n".encode("latin-1"))
    code, _, err = run(db_path, str(src), "--column", "name", "--encoding", "latin-1", "-o", str(tmp_path / "o.csv"))
    assert code == 0, err
    assert rows(tmp_path / "o.csv")[1][1] == "antonio-guterres"


def test_undecodable_bytes_name_the_row(db_path: Path, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(b"name\nHama\nHoms\nDam\xe9as\n")
    out = tmp_path / "out.csv"
    code, _, err = run(db_path, str(src), "--column", "name", "-o", str(out))
    assert code == 2 and "line 4" in err and "--encoding-errors=replace" in err
    assert not out.exists()
    code, _, err = run(db_path, str(src), "--column", "name", "--encoding-errors", "replace", "-o", str(out))
    assert code == 0 and rows(out)[3][0] == "Dam\ufffdas"


def test_missing_column_lists_the_columns(db_path: Path, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("id,name\n1,Hama\n", encoding="utf-8")
    code, _, err = run(db_path, str(src), "--column", "nom")
    assert code == 2 and "no column 'nom'" in err and "'id', 'name'" in err


def test_ragged_row_is_reported_with_its_number(db_path: Path, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("id,name\n1,Hama\n2,Homs,extra\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    code, _, err = run(db_path, str(src), "--column", "name", "-o", str(out))
    assert code == 2 and "row 3 has 3 fields, the header has 2" in err
    assert not out.exists()


def test_empty_input(db_path: Path, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("", encoding="utf-8")
    code, _, err = run(db_path, str(src), "--column", "name")
    assert code == 2 and "empty" in err


def test_stdin_to_stdout(db_path: Path) -> None:
    code, out, err = run(db_path, "-", "--column", "name", stdin="name\nДамаск\n".encode())
    assert code == 0, err
    assert list(csv.reader(io.StringIO(out)))[1] == ["Дамаск", "damascus", "Damascus", "matched", "100"]


def test_type_per_column(db_path: Path, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("who,where\nDamascus,Damascus\n", encoding="utf-8")
    code, _, _ = run(db_path, str(src), "--column", "who", "--column", "where", "--type", "who=person",
                     "--type", "where=location", "-o", str(tmp_path / "o.csv"))
    out = rows(tmp_path / "o.csv")
    assert code == 0 and out[1][4] == "unmatched" and out[1][6] == "damascus"


@pytest.mark.parametrize("args,message", [
    (["--type", "name"], "COL=TYPE"),
    (["--type", "name=planet"], "unknown type"),
    (["--type", "other=person"], "not a --column"),
    (["--encoding", "klingon"], "unknown encoding"),
], ids=["type without =", "unknown type", "type for another column", "unknown encoding"])
def test_bad_options(db_path: Path, tmp_path: Path, args: list[str], message: str) -> None:
    src = tmp_path / "in.csv"
    src.write_text("name\nHama\n", encoding="utf-8")
    code, _, err = run(db_path, str(src), "--column", "name", *args)
    assert code == 2 and message in err


def test_writing_over_the_input_is_refused(db_path: Path, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("name\nHama\n", encoding="utf-8")
    code, _, err = run(db_path, str(src), "--column", "name", "-o", str(tmp_path / "." / "in.csv"))
    assert code == 2 and "overwrite the input" in err
    assert src.read_text(encoding="utf-8") == "name\nHama\n"


def test_interrupt_leaves_no_partial_output(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "in.csv"
    src.write_text("name\n" + "".join(f"name {i}\n" for i in range(5000)), encoding="utf-8")
    out = tmp_path / "out.csv"
    out.write_text("previous complete output\n", encoding="utf-8")
    calls = {"n": 0}
    real = Normalizer.cell

    def interrupted(self: Normalizer, value: str, etype: str | None) -> tuple[str, str, str, str, str]:
        calls["n"] += 1
        if calls["n"] == 3000:
            raise KeyboardInterrupt
        return real(self, value, etype)

    monkeypatch.setattr(Normalizer, "cell", interrupted)
    code, _, _ = run(db_path, str(src), "--column", "name", "-o", str(out))
    assert code != 0
    assert out.read_text(encoding="utf-8") == "previous complete output\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


def test_each_distinct_value_is_resolved_once(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import service.bulk.csvnorm as csvnorm

    seen: list[str] = []
    real = csvnorm.resolve

    def counting(index, query, **kw):  # type: ignore[no-untyped-def]
        seen.append(query)
        return real(index, query, **kw)

    monkeypatch.setattr(csvnorm, "resolve", counting)
    src = tmp_path / "in.csv"
    src.write_text("name\n" + "Hama\nHoms\nHama\n" * 500, encoding="utf-8")
    code, _, err = run(db_path, str(src), "--column", "name", "-o", str(tmp_path / "o.csv"), "--jobs", "1")
    assert code == 0 and sorted(seen) == ["Hama", "Homs"]
    assert "1500 rows, 2 distinct values" in err


def test_misses_report_sorted_by_count(db_path: Path, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("name\nHamas\nAbu Mohammed\nHamas\nHama\nHamas\nAbu Mohammed\nUnknown Person\n", encoding="utf-8")
    misses = tmp_path / "misses.csv"
    code, _, _ = run(db_path, str(src), "--column", "name", "-o", str(tmp_path / "o.csv"), "--misses", str(misses))
    assert code == 0
    out = rows(misses)
    assert out[0] == ["column", "value", "type", "count", "status", "candidates"]
    assert [r[:5] for r in out[1:3]] == [["name", "Hamas", "", "3", "unmatched"],
                                         ["name", "Abu Mohammed", "", "2", "ambiguous"]]
    assert "ahmed-al-sharaa" in out[2][5]


@pytest.fixture(scope="module")
def client(db_path: Path) -> FlaskClient:
    return create_app({"DB": str(db_path), "MAX_CSV_BYTES": 10_000}).test_client()


def test_http_normalize(client: FlaskClient) -> None:
    r = client.post("/v1/normalize?column=name&type=name=location", data="name,x\nDayr az-Zawr,1\nHamas,2\n",
                    content_type="text/csv")
    assert r.status_code == 200 and r.mimetype == "text/csv"
    assert r.headers["X-Store-Hash"] and r.headers["X-Rows"] == "2"
    out = list(csv.reader(io.StringIO(r.get_data(as_text=True))))
    assert out[1][2] == "deir-ez-zor" and out[2][4] == "unmatched"


@pytest.mark.parametrize("url,body,status,message", [
    ("/v1/normalize", "name\nHama\n", 400, "column is required"),
    ("/v1/normalize?column=nom", "name\nHama\n", 400, "no column 'nom'"),
    ("/v1/normalize?column=name", "name\nHama,1\n", 400, "row 2 has 2 fields"),
    ("/v1/normalize?column=name", "", 400, "empty"),
    ("/v1/normalize?column=name", "name\n" + "Hama\n" * 3000, 413, "at most 10000"),
    ("/v1/normalize?column=name&type=name", "name\nHama\n", 400, "COL=TYPE"),
], ids=["no column", "missing column", "ragged", "empty", "too large", "bad type"])
def test_http_normalize_errors(client: FlaskClient, url: str, body: str, status: int, message: str) -> None:
    r = client.post(url, data=body, content_type="text/csv")
    assert r.status_code == status
    assert message in r.get_json()["error"]["message"]


def test_http_normalize_rejects_non_utf8(client: FlaskClient) -> None:
    r = client.post("/v1/normalize?column=name", data=b"name\nDam\xe9as\n", content_type="text/csv")
    assert r.status_code == 400 and "UTF-8" in r.get_json()["error"]["message"]


@pytest.mark.parametrize("block_rows", [1, 7, 20_000], ids=["one-row-blocks", "small-blocks", "one-block"])
def test_jobs_give_the_output_of_one_process(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             block_rows: int) -> None:
    monkeypatch.setattr("service.bulk.parallel.BLOCK_ROWS", block_rows)
    names = ["Abu Mohammed al-Jawlani", "Hamas", "", "Hama", "Damascus Gate", "Bashar al-Assad", "Асад", "x" * 600,
             "Hayat Tahrir al-Sham", "Unknown Person", "Homs"]
    src = tmp_path / "in.csv"
    src.write_text("id,name,place\n" + "".join(f"{i},{names[i % len(names)]},{names[(i * 7) % len(names)]}\n"
                                               for i in range(300)), encoding="utf-8")
    outputs = []
    for jobs in ("1", "2", "3"):
        out, misses = tmp_path / f"out-{jobs}.csv", tmp_path / f"misses-{jobs}.csv"
        code, _, err = run(db_path, str(src), "--column", "name", "--column", "place", "--type", "place=location",
                           "-o", str(out), "--misses", str(misses), "--jobs", jobs)
        assert code == 0, err
        outputs.append((out.read_bytes(), misses.read_bytes(), err))
    assert outputs[0] == outputs[1] == outputs[2]


def test_jobs_report_a_bad_row_as_one_process_does(db_path: Path, tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("name,note\nHama,a\nHoms\n", encoding="utf-8")
    messages = {run(db_path, str(src), "--column", "name", "-o", str(tmp_path / "o.csv"), "--jobs", jobs)[2]
                for jobs in ("1", "2")}
    assert len(messages) == 1 and "row 3 has 1 fields" in messages.pop()
