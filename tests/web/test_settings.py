"""Settings are parsed by their declared type (issue 17, item 6): the hex admin token 12e34567 stays text (it was
parsed as JSON into inf, and `Bearer inf` was accepted); a bad value stops start-up with a message naming it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from service.cli import main
from service.web.app import create_app
from service.web.settings import SETTINGS, SettingsError, from_environment

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("token", ["12e34567", "1e999", "NaN", "true", "null", "[1]", "0x1F"],
                         ids=["hex-exponent", "overflow", "nan", "true", "null", "list", "hex"])
def test_admin_token_is_text_as_given(db_path: Path, monkeypatch: pytest.MonkeyPatch, token: str) -> None:
    monkeypatch.setenv("ALIASES_ADMIN_TOKEN", token)
    app = create_app({"DB": str(db_path)})
    assert app.config["ADMIN_TOKEN"] == token
    client = app.test_client()
    for wrong in ("inf", "Infinity", "nan", "True", "None"):
        if wrong != token:
            assert client.post("/admin/reload", headers={"Authorization": f"Bearer {wrong}"}).status_code == 401
    assert client.post("/admin/reload", headers={"Authorization": f"Bearer {token}"}).status_code == 200


@pytest.mark.parametrize("variable,value,expected", [
    ("ALIASES_MAX_BATCH", "500", 500),
    ("ALIASES_MAX_BATCH", " 500 ", 500),
    ("ALIASES_CACHE_MAX_AGE", "0", 0),
    ("ALIASES_CORS_ORIGINS", "", ""),
    ("ALIASES_CORS_ORIGINS", "https://a.example,https://b.example", "https://a.example,https://b.example"),
    ("ALIASES_PUBLIC_URL", "", None),
    ("ALIASES_ADMIN_TOKEN", "", None),
], ids=["int", "int-spaces", "zero", "empty-text", "list-text", "empty-url", "empty-token"])
def test_settings_parse_by_type(variable: str, value: str, expected: object) -> None:
    name = variable.removeprefix("ALIASES_")
    assert from_environment({variable: value})[name] == expected


@pytest.mark.parametrize("variable,value", [
    ("ALIASES_MAX_BATCH", "lots"),
    ("ALIASES_MAX_BATCH", "1e3"),
    ("ALIASES_MAX_BATCH", "0"),
    ("ALIASES_MAX_BATCH", "-5"),
    ("ALIASES_MAX_BATCH", "²"),
    ("ALIASES_MAX_BATCH", "9" * 5000),
    ("ALIASES_CACHE_MAX_AGE", "inf"),
    ("ALIASES_MAX_CONTENT_LENGTH", "2.5"),
    ("ALIASES_MISS_LOG_MAX_ROWS", "[1]"),
    ("ALIASES_ADMIN_TOKEN", "two words"),
], ids=["word", "exponent", "zero", "negative", "superscript", "huge", "inf", "fraction", "json", "token-space"])
def test_a_bad_setting_stops_start_up_naming_it(db_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str,
                                                value: str) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError, match=variable):
        create_app({"DB": str(db_path)})


@pytest.mark.parametrize("config", [{"MAX_BATCH": "10"}, {"MAX_BATCH": True}, {"MAX_BATCH": 10.5},
                                    {"ADMIN_TOKEN": 12}, {"WATCH_SECONDS": "yes"}],
                         ids=["text-int", "bool-int", "float-int", "int-token", "text-bool"])
def test_a_bad_value_passed_to_create_app_is_refused(db_path: Path, config: dict[str, object]) -> None:
    with pytest.raises(SettingsError, match=next(iter(config))):
        create_app({"DB": str(db_path), **config})


def test_serve_refuses_a_bad_setting_with_a_message(db_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(db_path)], env={"ALIASES_MAX_BATCH": "lots"})
    assert result.exit_code == 1
    assert "ALIASES_MAX_BATCH must be a whole number" in result.output
    assert "Traceback" not in result.output


def test_every_public_setting_is_documented() -> None:
    docs = "".join((ROOT / name).read_text(encoding="utf-8")
                   for name in ("README.md", "docs/api.md", "docs/robustness.md"))
    missing = [s.variable for s in SETTINGS if s.public and f"`{s.variable}`" not in docs]
    assert not missing, missing
