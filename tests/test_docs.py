"""The docs stay true: every example in the README, CONTRIBUTING, aliases/README.md and docs/*.md is run here.

- a ```console block: each `$ aliases ...` or `$ curl ...` line is run (the CLI in-process on the real store,
  curl against the app) and its output must be what the block shows (JSON compared as JSON);
- an `aliases resolve` line commented with an id or a decision resolves so;
- every `aliases ...` line of a ```sh block names a real command and only options that command has;
- every `curl` line (in a block or inline) answers without a client or server error (admin routes with a
  token);
- every relative link names a file of the repository;
- the README's test command installs what .ci/run installs and runs pytest as it does.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit

import click
import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from service.cli import main
from service.web.app import create_app
from tests.conftest import ROOT

DOCS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "aliases" / "README.md",
        *sorted((ROOT / "docs").glob("*.md"))]
# written by work that lands beside this one; a link to them is checked once they exist
PENDING = {"docs/robustness.md", "docs/scale.md"}
FENCE = re.compile(r"^( *)```(\w*)\n(.*?)^\1```", re.S | re.M)


def blocks(kind: str) -> list[tuple[str, str]]:
    found = []
    for path in DOCS:
        for m in FENCE.finditer(path.read_text(encoding="utf-8")):
            if m.group(2) == kind:
                text = "\n".join(line[len(m.group(1)):] for line in m.group(3).splitlines())
                found.append((f"{path.relative_to(ROOT)}:{text.splitlines()[0][:40]}", text))
    return found


def command_lines(kind: str, program: str) -> list[tuple[str, list[str]]]:
    out = []
    for where, text in blocks(kind):
        for line in text.replace("\\\n", " ").splitlines():
            line = line.removeprefix("$ ").strip()
            code = line.split(" #")[0].strip()
            if code.startswith(f"{program} ") or f"&& {program} " in code:
                code = code[code.index(f"{program} "):] if code.startswith(program) else code.split("&& ")[-1]
                if "|" in code or ">" in code:
                    continue
                out.append((f"{where} | {code[:60]}", shlex.split(code)))
    return out


@pytest.fixture(scope="module")
def client(db_path: Path) -> FlaskClient:
    return create_app({"DB": str(db_path)}).test_client()


def curl(client: FlaskClient, argv: list[str]) -> tuple[int, bytes]:
    method, data, headers, url = "GET", None, {}, None
    args = iter(argv[1:])
    for arg in args:
        if arg in ("-X", "--request"):
            method = next(args)
        elif arg in ("-d", "--data", "--data-binary"):
            value, method = next(args), "POST" if method == "GET" else method
            data = (ROOT / "tests" / "data" / "docs-people.csv").read_bytes() if value.startswith("@") else value
        elif arg in ("-H", "--header"):
            name, _, value = next(args).partition(":")
            headers[name.strip()] = value.strip()
        elif arg.startswith("-"):
            continue
        else:
            url = arg
    assert url is not None
    parts = urlsplit(url if "://" in url else f"http://{url}")
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if data is not None and "Content-Type" not in headers:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    r = client.open(path, method=method, data=data, headers=headers)
    return r.status_code, r.data


CONSOLE = [(where, text) for where, text in blocks("console")]


@pytest.mark.parametrize("text", [t for _, t in CONSOLE], ids=[w for w, _ in CONSOLE])
def test_console_examples_print_what_they_show(text: str, client: FlaskClient, db_path: Path) -> None:
    chunks = re.split(r"^\$ ", text, flags=re.M)[1:]
    assert chunks, "a console block shows at least one command"
    for chunk in chunks:
        command, _, shown = chunk.partition("\n")
        argv = shlex.split(command)
        if argv[0] == "aliases":
            result = CliRunner().invoke(main, [*argv[1:], "--db", str(db_path)])
            assert result.exit_code == 0, result.output
            assert result.stdout.rstrip("\n") == shown.rstrip("\n")
        else:
            assert argv[0] == "curl"
            status, body = curl(client, argv)
            assert status == 200
            assert json.loads(body) == json.loads(shown)


def _command(argv: list[str]) -> click.Command:
    cmd: click.Command = main
    for word in argv[1:]:
        if not isinstance(cmd, click.Group) or word.startswith("-"):
            break
        sub = cmd.get_command(click.Context(cmd), word)
        if sub is None:
            break
        cmd = sub
    return cmd


SH = command_lines("sh", "aliases")


@pytest.mark.parametrize("argv", [a for _, a in SH], ids=[w for w, _ in SH])
def test_every_documented_command_and_option_exists(argv: list[str]) -> None:
    cmd = _command(argv)
    assert cmd is not main, f"no command {argv[1]!r}"
    known = {opt for p in cmd.params for opt in (*p.opts, *p.secondary_opts)} | {"--help"}
    for word in argv[1:]:
        if word.startswith("--"):
            assert word.split("=")[0] in known, f"{' '.join(argv)}: {cmd.name} has no option {word}"


RESOLVE_CLAIMS = [(f"{where} | {line[:60]}", line) for where, text in blocks("sh") for line in text.splitlines()
                  if line.startswith("aliases resolve ") and " # " in line
                  and re.match(r"(matched|ambiguous|unmatched|[a-z0-9]+(-[a-z0-9]+)+)\b", line.split(" # ")[1].strip())]


@pytest.mark.parametrize("line", [x for _, x in RESOLVE_CLAIMS], ids=[w for w, _ in RESOLVE_CLAIMS])
def test_resolve_examples_resolve_as_their_comment_says(line: str, db_path: Path) -> None:
    code, _, comment = line.partition(" # ")
    result = CliRunner().invoke(main, [*shlex.split(code)[1:], "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    name, status, entity, _ = result.stdout.splitlines()[0].split("\t", 3)
    claim = comment.strip().split(":")[0].split()[0]
    assert claim in (status, entity), f"{line}: got {status} {entity}"


INLINE_CURL = [(f"{path.relative_to(ROOT)} | {m[:60]}", shlex.split(m)) for path in DOCS
               for m in re.findall(r"`(curl [^`]+)`", path.read_text(encoding="utf-8").replace("\n", " "))]
CURL = command_lines("sh", "curl") + command_lines("console", "curl") + INLINE_CURL


@pytest.mark.parametrize("argv", [a for _, a in CURL], ids=[w for w, _ in CURL])
def test_every_documented_curl_answers(argv: list[str], client: FlaskClient, db_path: Path) -> None:
    if any("/admin/" in a for a in argv):  # admin routes exist with a token, which the example names $TOKEN
        client = create_app({"DB": str(db_path), "ADMIN_TOKEN": "secret"}).test_client()
        argv = [a.replace("$TOKEN", "secret") for a in argv]
    status, body = curl(client, argv)
    assert status < 400, body[:300]


LINK = re.compile(r"\]\((?!https?://|#|mailto:)([^)#\s]+)")
LINKS = [(path, target) for path in DOCS for target in LINK.findall(path.read_text(encoding="utf-8"))]


@pytest.mark.parametrize(("path", "target"), LINKS, ids=[f"{p.relative_to(ROOT)}->{t}" for p, t in LINKS])
def test_relative_links_name_files(path: Path, target: str) -> None:
    resolved = (path.parent / target).resolve()
    if str(resolved.relative_to(ROOT)) in PENDING and not resolved.exists():
        pytest.skip(f"{target} lands with other work")
    assert resolved.exists(), f"{path.relative_to(ROOT)} links to a missing {target}"


def test_readme_test_command_runs_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    extras = re.compile(r"pip install (?:--quiet )?-e '\.\[([\w,]+)\]'")
    ci_extras = set(extras.findall(ci))
    readme_extras = set(extras.findall(readme))
    assert len(ci_extras) == 1 and ci_extras == readme_extras, (ci_extras, readme_extras)
    assert "python -m pytest" in ci and "&& python -m pytest\n" in readme
