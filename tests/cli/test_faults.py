"""Faults while writing (issue 17, item 12): SIGTERM and SIGHUP leave no .partial file behind; an unwritable
path or a full disk is a message and exit 2, not a traceback; outputs follow the umask, and a rewritten file
keeps its mode. And CORS with a list of origins says Vary: Origin and exposes X-Store-Hash (item 13)."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from service import atomic
from service.atomic import write_atomically
from service.cli import main
from service.web.app import create_app


@pytest.fixture
def names_csv(tmp_path: Path) -> Path:
    path = tmp_path / "in.csv"
    path.write_text("name\n" + "".join(f"Person {i} al-Someone\n" for i in range(5)), encoding="utf-8")
    return path


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_leaves_no_partial_file(db_path: Path, tmp_path: Path, sig: signal.Signals) -> None:
    source = tmp_path / "big.csv"
    with source.open("w", encoding="utf-8") as fh:  # distinct names: a run of several seconds
        fh.write("name\n")
        for i in range(400_000):
            fh.write(f"Qwerty{i} Zxcvb{i * 7} al-Asdfg{i * 13}\n")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    proc = subprocess.Popen([sys.executable, "-c", "from service.cli import main; main()", "normalize", str(source),
                             "--column", "name", "--db", str(db_path), "-o", str(out_dir / "out.csv")],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(out_dir.glob("*.partial")) and proc.poll() is None:
        time.sleep(0.02)
    assert list(out_dir.glob("*.partial")), "the run ended before it wrote anything"
    time.sleep(0.3)
    proc.send_signal(sig)
    output = proc.communicate(timeout=60)[0].decode(errors="replace")
    assert proc.returncode == 128 + sig, output
    assert list(out_dir.iterdir()) == [], "a .partial (or a half output) was left"
    assert "Traceback" not in output


@pytest.mark.parametrize("where", ["not-a-folder", "missing-folder"])
def test_an_unwritable_output_is_a_message_and_exit_2(db_path: Path, names_csv: Path, tmp_path: Path,
                                                      where: str) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    output = blocker / "out.csv" if where == "not-a-folder" else tmp_path / "nowhere" / "out.csv"
    result = CliRunner().invoke(main, ["normalize", str(names_csv), "--column", "name", "--db", str(db_path),
                                       "-o", str(output)])
    assert result.exit_code == 2, result.output
    assert "Error:" in result.output and str(output.parent) in result.output
    assert not isinstance(result.exception, OSError)


def test_an_unwritable_misses_path_is_a_message_and_exit_2(db_path: Path, names_csv: Path, tmp_path: Path) -> None:
    misses = tmp_path / "nowhere" / "misses.csv"
    result = CliRunner().invoke(main, ["normalize", str(names_csv), "--column", "name", "--db", str(db_path),
                                       "-o", str(tmp_path / "out.csv"), "--misses", str(misses)])
    assert result.exit_code == 2, result.output
    assert "nowhere" in result.output and "No such file or directory" in result.output


def test_a_full_disk_is_a_message_and_exit_2(db_path: Path, names_csv: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp_path / "out.csv"))

    monkeypatch.setattr(atomic.os, "replace", full)
    result = CliRunner().invoke(main, ["normalize", str(names_csv), "--column", "name", "--db", str(db_path),
                                       "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 2 and "No space left on device" in result.output
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


@pytest.mark.parametrize("mask,expected", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)],
                         ids=["022", "077", "002"])
def test_a_new_file_follows_the_umask(tmp_path: Path, mask: int, expected: int) -> None:
    old = os.umask(mask)
    try:
        with write_atomically(tmp_path / "new.csv") as fh:
            fh.write("x\n")
    finally:
        os.umask(old)
    assert (tmp_path / "new.csv").stat().st_mode & 0o777 == expected


def test_a_rewritten_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "syria.yaml"
    target.write_text("old\n")
    target.chmod(0o640)
    with write_atomically(target) as fh:
        fh.write("new\n")
    assert target.read_text() == "new\n" and target.stat().st_mode & 0o777 == 0o640


# ---- CORS (item 13) ----
@pytest.mark.parametrize("origin", ["http://a.test", "http://evil.test", None], ids=["allowed", "other", "none"])
def test_cors_with_a_list_varies_on_origin(db_path: Path, origin: str | None) -> None:
    client = create_app({"DB": str(db_path), "CORS_ORIGINS": "http://a.test, http://b.test"}).test_client()
    r = client.get("/v1/meta", headers={"Origin": origin} if origin else {})
    assert "Origin" in r.headers.get("Vary", ""), dict(r.headers)
    assert "public" in r.headers["Cache-Control"]
    if origin == "http://a.test":
        assert r.headers["Access-Control-Allow-Origin"] == origin
        exposed = {h.strip() for h in r.headers["Access-Control-Expose-Headers"].split(",")}
        assert {"X-Store-Hash", "ETag", "X-Request-Id"} <= exposed
    else:
        assert "Access-Control-Allow-Origin" not in r.headers


def test_cors_star_needs_no_vary(db_path: Path) -> None:
    client = create_app({"DB": str(db_path), "CORS_ORIGINS": "*"}).test_client()
    r = client.get("/v1/meta", headers={"Origin": "http://x.test"})
    assert r.headers["Access-Control-Allow-Origin"] == "*" and "Origin" not in r.headers.get("Vary", "")
    assert "X-Store-Hash" in r.headers["Access-Control-Expose-Headers"]
