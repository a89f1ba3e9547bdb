"""The curation loop end to end: lookups that miss -> the miss log -> `aliases misses` -> `aliases suggest` ->
the drafted files pass lint -> the rebuilt store resolves the former misses; and `aliases diff` reporting what a
store edit changes."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from service.cli import main
from service.curation.misslog import MissLog, read_misses
from service.curation.suggest import guess_kind, slug
from service.match.index import Index
from service.match.matcher import resolve
from service.store.build import build
from service.web.app import create_app

CLOSE = "Abu Mohammad al-Jolani al-Husseini"  # unmatched; ahmed-al-sharaa is the nearest, at about 82
CLOSE_ORG = "Tahrir al-Sham Brigades"  # unmatched; hayat-tahrir-al-sham at 80
UNKNOWN = "Qardaha"  # no candidate at all: a town the store does not have


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def logged(tmp_path: Path, store_copy: Path) -> tuple[Path, Path, Path]:
    """A store copy, its database, and a miss log filled by lookups through the HTTP app."""
    db = build(store_copy, tmp_path / "aliases.db").path
    log = tmp_path / "misses.db"
    app = create_app({"DB": str(db), "MISS_LOG": str(log)})
    client = app.test_client()
    for _ in range(3):
        assert client.get("/v1/resolve", query_string={"q": CLOSE}).get_json()["status"] == "unmatched"
    client.post("/v1/resolve", json={"queries": [CLOSE_ORG, CLOSE_ORG, "Damascus"]})
    client.post("/reconcile", data={"queries": json.dumps({"q0": {"query": UNKNOWN, "type": "location"}})})
    client.get("/", query_string={"q": UNKNOWN, "type": "location"})
    client.get("/v1/resolve", query_string={"q": "Abu Mohammed"})  # ambiguous: a weak alias
    client.get("/v1/resolve", query_string={"q": "Abu Mohammed"})
    app.extensions["aliases_misslog"].flush()
    return store_copy, db, log


def test_miss_log_records_unmatched_and_ambiguous_only(logged: tuple[Path, Path, Path]) -> None:
    _, _, log = logged
    rows = {(m.query, m.type): m for m in read_misses([log])}
    # each ask is counted, the two answered from the remembered answer too
    assert rows[(CLOSE, None)].count == 3 and rows[(CLOSE, None)].status == "unmatched"
    assert rows[(CLOSE, None)].candidates[0]["id"] == "ahmed-al-sharaa"
    assert rows[(CLOSE_ORG, None)].count == 2
    assert rows[(UNKNOWN, "location")].count == 2  # reconciliation and the lookup page are logged too
    assert rows[("Abu Mohammed", None)].status == "ambiguous"
    assert not any(q == "Damascus" for q, _ in rows)  # a match is not a miss
    first, last = rows[(CLOSE, None)].first_seen, rows[(CLOSE, None)].last_seen
    assert first <= last and first.startswith("20")


def test_misses_command(logged: tuple[Path, Path, Path]) -> None:
    _, _, log = logged
    code, out, err = cli("misses", "--log", str(log))
    assert code == 0
    lines = out.splitlines()
    assert CLOSE in lines[0] and lines[0].split()[0] == "3"
    assert "ahmed-al-sharaa" in lines[0] and "distinct misses" in err
    code, out, _ = cli("misses", "--log", str(log), "--min-count", "3", "--json")
    assert [json.loads(line)["query"] for line in out.splitlines()] == [CLOSE]


def test_suggest_lint_rebuild_resolves_the_former_misses(logged: tuple[Path, Path, Path], tmp_path: Path) -> None:
    store, db, log = logged
    before = {p: p.read_text(encoding="utf-8") for p in store.rglob("*.yaml")}

    code, out, err = cli("suggest", "--log", str(log), "--store", str(store), "--db", str(db))
    assert code == 0 and "nothing written" in err
    assert {p: p.read_text(encoding="utf-8") for p in store.rglob("*.yaml")} == before  # a dry run by default
    assert f"+- text: {CLOSE}" in out and "+review: true" in out
    assert "Abu Mohammed" in err and "already an alias" in err  # a weak alias is not re-added

    code, out, err = cli("suggest", "--log", str(log), "--store", str(store), "--db", str(db), "--write")
    assert code == 0 and "wrote 3 file(s)" in err
    sharaa = (store / "person" / "ahmed-al-sharaa.yaml").read_text(encoding="utf-8")
    assert f"- text: {CLOSE}\n  kind: variant\n  source: 'miss log: 3 lookups" in sharaa
    assert "review: true" in sharaa
    stub = store / "location" / "qardaha.yaml"
    assert stub.is_file() and "name: Qardaha" in stub.read_text(encoding="utf-8")

    code, out, _ = cli("lint", "--store", str(store))
    assert code == 0, out
    index = Index.open(build(store, tmp_path / "after.db").path)
    assert resolve(index, CLOSE).match.id == "ahmed-al-sharaa"  # type: ignore[union-attr]
    assert resolve(index, CLOSE_ORG).match.id == "hayat-tahrir-al-sham"  # type: ignore[union-attr]
    assert resolve(index, UNKNOWN, type="location").match.id == "qardaha"  # type: ignore[union-attr]

    # a second run finds nothing left to do
    code, out, err = cli("suggest", "--log", str(log), "--store", str(store), "--db", str(tmp_path / "after.db"))
    assert "0 file(s) would change" in err and "resolves now" in err


def test_suggest_reads_the_csv_misses_of_normalize(tmp_path: Path, store_copy: Path) -> None:
    db = build(store_copy, tmp_path / "aliases.db").path
    src = tmp_path / "in.csv"
    src.write_text(f"name\n{CLOSE}\n{CLOSE}\nDamascus\n", encoding="utf-8")
    report = tmp_path / "misses.csv"
    code, _, _ = cli("normalize", str(src), "--column", "name", "--db", str(db), "-o", str(tmp_path / "o.csv"),
                     "--misses", str(report))
    assert code == 0
    code, out, _ = cli("misses", "--log", str(report))
    assert CLOSE in out and out.split()[0] == "2"
    code, out, err = cli("suggest", "--log", str(report), "--store", str(store_copy), "--db", str(db), "--write")
    assert code == 0 and "wrote 1 file(s)" in err


def test_suggest_refuses_a_collision_and_a_missing_type(tmp_path: Path, store_copy: Path) -> None:
    db = build(store_copy, tmp_path / "aliases.db").path
    log = tmp_path / "m.db"
    misslog = MissLog(log, background=False)
    index = Index.open(db)
    for q in ("Zzyzx Qwerty", "Zzyzx Qwerty"):
        misslog.record(resolve(index, q))
    misslog.flush()
    code, _, err = cli("suggest", "--log", str(log), "--store", str(store_copy), "--db", str(db))
    assert "no type to draft a new entity with" in err
    code, out, err = cli("suggest", "--log", str(log), "--store", str(store_copy), "--db", str(db),
                         "--stub-type", "person")
    assert "new-entity zzyzx-qwerty" in out


def test_miss_log_is_bounded(tmp_path: Path, index: Index) -> None:
    log = MissLog(tmp_path / "m.db", max_rows=5, background=False)
    for i in range(20):
        for _ in range(i % 4 + 1):
            log.record(resolve(index, f"Nobody Number {i} Xq"))
    assert log.flush() == 20
    with sqlite3.connect(tmp_path / "m.db") as conn:
        counts = [row[0] for row in conn.execute("SELECT count FROM misses ORDER BY count DESC")]
    assert len(counts) == 5 and counts == [4] * 5  # the most frequent are kept


def test_a_failing_miss_log_never_fails_a_lookup(tmp_path: Path, db_path: Path) -> None:
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("a file where a directory should be")
    app = create_app({"DB": str(db_path), "MISS_LOG": str(blocked / "misses.db")})
    client = app.test_client()
    r = client.get("/v1/resolve", query_string={"q": UNKNOWN})
    assert r.status_code == 200 and r.get_json()["status"] == "unmatched"
    misslog = app.extensions["aliases_misslog"]
    assert misslog.flush() == 0 and misslog.failures == 1 and misslog.dropped == 1
    assert client.get("/v1/resolve", query_string={"q": UNKNOWN}).status_code == 200


def test_no_miss_log_unless_configured(db_path: Path, tmp_path: Path) -> None:
    app = create_app({"DB": str(db_path)})
    assert app.extensions["aliases_misslog"] is None
    app.test_client().get("/v1/resolve", query_string={"q": UNKNOWN})
    assert not list(tmp_path.iterdir())


def test_misses_command_explains_a_bad_log(tmp_path: Path) -> None:
    code, _, err = cli("misses", "--log", str(tmp_path / "none.db"))
    assert code == 1 and "no miss log at" in err
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    code, _, err = cli("misses", "--log", str(bad))
    assert code == 1 and "neither a miss log nor a misses CSV" in err


@pytest.mark.parametrize("text,etype,kind", [
    ("HTS", "organization", "acronym"), ("Al-Jawlany", "person", "variant"), ("الجولاني", "person", "native"),
    ("Дамаск", "location", "exonym"),
])
def test_guess_kind(text: str, etype: str, kind: str) -> None:
    assert guess_kind(text, etype) == kind


def test_slug() -> None:
    assert slug("Qardaha") == "qardaha" and slug("Deir ez-Zor!") == "deir-ez-zor" and slug("القرداحة") == "lqrdh"


# ---- aliases diff ----
def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo, check=True,
                   capture_output=True)


def test_diff_reports_a_changed_outcome(tmp_path: Path, store_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = store_copy.parent
    git(repo, "init", "-q")
    git(repo, "add", "aliases")
    git(repo, "commit", "-q", "-m", "base")
    queries = tmp_path / "q.jsonl"
    queries.write_text(json.dumps({"query": CLOSE, "expect": "ahmed-al-sharaa"}) + "\n"
                       + json.dumps({"query": "Damascus", "expect": "damascus"}) + "\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    code, out, _ = cli("diff", "HEAD", "--store", "aliases", "--queries", str(queries))
    assert code == 0 and "no change against HEAD" in out

    path = store_copy / "person" / "ahmed-al-sharaa.yaml"
    path.write_text(path.read_text(encoding="utf-8") + f"- text: {CLOSE}\n  kind: variant\n", encoding="utf-8")
    (store_copy / "location" / "qardaha.yaml").write_text("id: qardaha\ntype: location\nname: Qardaha\n",
                                                          encoding="utf-8")
    code, out, err = cli("diff", "HEAD", "--store", "aliases", "--queries", str(queries))
    assert code == 0, out + err
    assert "+ entity qardaha" in out
    assert f"+ alias '{CLOSE}' (variant) of ahmed-al-sharaa" in out
    assert f"'{CLOSE}': unmatched -> matched ahmed-al-sharaa" in out
    assert "Damascus" not in out  # unchanged outcomes are not listed
    assert "2 queries compared" in err


def test_diff_reports_a_new_collision(tmp_path: Path, store_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = store_copy.parent
    git(repo, "init", "-q")
    git(repo, "add", "aliases")
    git(repo, "commit", "-q", "-m", "base")
    path = store_copy / "location" / "homs.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "- text: Hama\n  kind: variant\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    code, out, err = cli("diff", "HEAD", "--store", "aliases")
    assert code == 1 and "+ alias 'Hama' (variant) of homs" in out
    assert "new problems" in out and "hama" in out.lower() and "outcomes not compared" in err


def test_diff_needs_a_commit(tmp_path: Path, store_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git(store_copy.parent, "init", "-q")
    monkeypatch.chdir(store_copy.parent)
    code, _, err = cli("diff", "no-such-ref", "--store", "aliases")
    assert code == 2 and "is not a commit" in err
