"""Every operation of /openapi.json carries an example: each parameter, each request body, each 200 answer; and
each answer's example is valid against the schema it illustrates, so the examples cannot drift from the API."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator

from service.web.contract import document

DOC = document()
OPS = [(path, method, op) for path, ops in DOC["paths"].items() for method, op in ops.items() if method != "parameters"]


def _deref(obj: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in obj:
        kind, name = obj["$ref"].split("/")[-2:]
        obj = DOC["components"][kind][name]
    return obj


@pytest.mark.parametrize(("path", "method", "op"), OPS, ids=[f"{m.upper()} {p}" for p, m, _ in OPS])
def test_every_operation_has_examples(path: str, method: str, op: dict[str, Any]) -> None:
    for param in op.get("parameters", []):
        param = _deref(param)
        assert "example" in param, f"{param['name']} has no example"
        Draft202012Validator(param["schema"]).validate(param["example"])
    for ctype, media in op.get("requestBody", {}).get("content", {}).items():
        assert "example" in media, f"the {ctype} body has no example"
    ok = _deref(op["responses"]["200"])
    for ctype, media in ok.get("content", {}).items():
        if path == "/docs":
            continue  # the page itself
        assert "example" in media, f"the 200 {ctype} answer has no example"
        if "json" in ctype and "schema" in media and path != "/openapi.json":
            schema = {**media["schema"], "components": DOC["components"]}
            Draft202012Validator(schema).validate(media["example"])


def test_no_summary_misspells_a_plural() -> None:
    summaries = " ".join(op.get("summary", "") for _, _, op in OPS)
    assert "entitys" not in summaries and "propertys" not in summaries
