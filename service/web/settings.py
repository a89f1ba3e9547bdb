"""The service's settings, declared once as data: name, type, default, bounds and meaning.

Each is read from its ALIASES_<NAME> environment variable by its declared type, never guessed (the JSON parsing
Flask's from_prefixed_env does turned the hex admin token 12e34567 into the float inf, and `Bearer inf` was then
accepted). A value that does not parse, or is out of bounds, stops start-up with a message naming the variable;
so does a value of the wrong type passed to create_app. The README's settings table is checked against SETTINGS.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from service.errors import AliasError
from service.match import answers

_WHOLE = re.compile(r"[0-9]{1,15}", re.ASCII)
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


class SettingsError(AliasError):
    """A setting that cannot be used: start-up stops with this message."""

    code = "bad_setting"


@dataclass(frozen=True)
class Setting:
    name: str
    kind: str  # "int", "float", "bool", "text" (may be empty), "path" or "secret" (unset when empty)
    default: Any
    help: str
    low: float = 0
    high: float = 10**15
    public: bool = True  # read from ALIASES_<NAME> and documented; False: set in Python only

    @property
    def variable(self) -> str:
        return f"ALIASES_{self.name}"

    def parse(self, raw: str) -> Any:
        """The value of an environment variable's text, by this setting's kind."""
        text = raw.strip()
        if self.kind in ("path", "secret"):
            if self.kind == "secret" and text and (not text.isprintable() or " " in text):
                raise SettingsError(f"{self.variable} must be printable characters without spaces")
            return text or None
        if self.kind == "text":
            return text
        if self.kind == "bool":
            if text.lower() in _TRUE:
                return True
            if text.lower() in _FALSE:
                return False
            raise SettingsError(f"{self.variable} must be one of {', '.join(_TRUE + _FALSE)}, not {raw[:40]!r}")
        if self.kind == "int":
            if not _WHOLE.fullmatch(text):
                raise SettingsError(f"{self.variable} must be a whole number from {self.low:,} to {self.high:,}, "
                                    f"not {raw[:40]!r}")
            return self.check(int(text), self.variable)
        if self.kind == "float":
            try:
                number = float(text)
            except ValueError:
                raise SettingsError(f"{self.variable} must be a number from {self.low:,} to {self.high:,}, "
                                    f"not {raw[:40]!r}") from None
            return self.check(number, self.variable)
        raise SettingsError(f"{self.variable} has an unknown kind {self.kind!r}")

    def check(self, value: Any, label: str = "") -> Any:
        """A value given in Python (create_app's mapping), checked against this setting's kind and bounds."""
        label = label or self.name
        if self.kind in ("int", "float"):
            numeric = (int,) if self.kind == "int" else (int, float)
            if isinstance(value, bool) or not isinstance(value, numeric) or not self.low <= value <= self.high:
                noun = "a whole number" if self.kind == "int" else "a number"
                raise SettingsError(f"{label} must be {noun} from {self.low:,} to {self.high:,}, not {value!r}")
            return value
        if self.kind == "bool":
            if not isinstance(value, bool):
                raise SettingsError(f"{label} must be true or false, not {value!r}")
            return value
        if value is None and self.kind != "text":
            return None
        if not isinstance(value, str) and not (self.kind == "path" and hasattr(value, "__fspath__")):
            raise SettingsError(f"{label} must be text, not {type(value).__name__}")
        return str(value) if self.kind == "path" else self.parse(value) if self.kind == "secret" else value


SETTINGS: tuple[Setting, ...] = (
    Setting("DB", "path", None, "a built database, used as is; unset: build `ALIASES_STORE` into `aliases.db` "
            "when missing or stale"),
    Setting("STORE", "text", "aliases", "the store directory"),
    Setting("EMBEDDED_DB", "text", "aliases.db", "where the database built from the store is kept", public=False),
    Setting("MAX_BATCH", "int", 1000, "queries in one batch (`/v1/resolve`, `/reconcile`, "
            "`/reconcile/draft/match`)", 1, 100_000),
    Setting("MAX_BATCH_CHARS", "int", 100_000, "characters of all the names of one batch together", 1, 10**9),
    Setting("REQUEST_SECONDS", "float", 10.0, "a batch or CSV past this many seconds stops and answers 503 with "
            "`Retry-After`; 0: no deadline", 0, 3600),
    Setting("MAX_CONTENT_LENGTH", "int", 2 * 1024 * 1024, "bytes of a request body", 1, 2**31),
    Setting("MAX_CSV_BYTES", "int", 50 * 1024 * 1024, "bytes of a CSV body to `POST /v1/normalize`", 1, 2**34),
    Setting("CORS_ORIGINS", "text", "*", "`*`, a comma-separated list of origins, or empty for no CORS headers"),
    Setting("CACHE_MAX_AGE", "int", 300, "seconds, in `Cache-Control`", 0, 31_536_000),
    Setting("ADMIN_TOKEN", "secret", None, "enables `POST /admin/reload` with `Authorization: Bearer TOKEN`; "
            "unset: no admin routes"),
    Setting("ANSWER_CACHE_BYTES", "int", answers.DEFAULT_MAX_BYTES, "bytes of answers each worker remembers, so that a "
            "name asked again with the same knobs is answered without matching; emptied when the store is "
            "reloaded; 0: none", 0, 2**40),
    Setting("THREADS", "int", 4, "Python threads per worker that run requests (`aliases serve --threads`)", 1, 256),
    Setting("WATCH_SECONDS", "float", 0.0, "re-open the database whenever its file changes, checked this often "
            "(seconds); 0: only on SIGHUP or `POST /admin/reload`. `aliases serve` sets 1", 0, 3600),
    Setting("ACCEPTED_DIR", "path", None, "where each accepted database is kept under its content hash, so that a "
            "worker started while the path holds a refused file serves the last accepted store; `aliases serve` "
            "sets a folder under the temporary directory"),
    Setting("MISS_LOG", "path", None, "a SQLite file where unmatched and ambiguous lookups are counted for "
            "curators (opt-in; see CONTRIBUTING.md)"),
    Setting("MISS_LOG_MAX_ROWS", "int", 100_000, "the miss log keeps the most frequent this many", 1, 10**9),
    Setting("PUBLIC_URL", "path", None, "the address clients reach the service at (e.g. behind a proxy), used in "
            "reconciliation manifests; unset: the request's host"),
)
BY_NAME = {s.name: s for s in SETTINGS}


def defaults() -> dict[str, Any]:
    return {s.name: s.default for s in SETTINGS}


def from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    """The settings given as ALIASES_<NAME> variables, parsed by type. Other ALIASES_ variables are the CLI's."""
    return {s.name: s.parse(environ[s.variable]) for s in SETTINGS if s.public and s.variable in environ}


def checked(config: Mapping[str, Any]) -> dict[str, Any]:
    """create_app's mapping, each known setting checked by its type; unknown keys (Flask's own, tests') pass."""
    return {key: BY_NAME[key].check(value) if key in BY_NAME else value for key, value in config.items()}
