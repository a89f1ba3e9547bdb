"""Property-based tests (Hypothesis) of normalization, matching and the HTTP edges, on hostile input: text from
every script with combining marks, bidi and zero-width controls, particles repeated, and arbitrary JSON.

Properties: never raises (never a 5xx over HTTP), deterministic, normalization idempotent, and each query's
work bounded. The per-example deadline is a hang detector (a runaway query would take seconds; one takes about
a millisecond), not a speed target: speed is measured by benchmarks/.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.match.index import Index
from service.match.matcher import MAX_QUERY_LENGTH, resolve
from service.match.normalize import keys, normalize
from service.web.app import create_app

HANG = dt.timedelta(seconds=2)
PIECES = ["al-", "Abu ", "bin ", "ibn ", "'", "ʿ", "ʾ", "-", " ", "Abd al-", "el ", "ad-", "Mohammed", "Jolani",
          "الجولاني", "أبو", "ال", "Дамаск", "Лавров", "ъ", "\u200f", "\u200e", "\u202e", "\u200b", "\u0301", "\u064e",
          "\u0651", "ـ", "ﷲ", "Ⅻ", "ß", "İ", "ǅ", "ﬁ", "\ufeff", "\x00", "🙂", "𝔄", "٣", "۳"]
hostile_text = st.one_of(
    st.text(max_size=MAX_QUERY_LENGTH),
    st.lists(st.sampled_from(PIECES), max_size=80).map("".join),
    st.text(alphabet=st.characters(categories=["Lo", "Mn", "Cf", "Zs", "Pd", "Po"]), max_size=200),
    st.builds(lambda w, n: (w + " ") * n, st.sampled_from(["al", "abu", "bin", "the", "a", "x"]),
              st.integers(1, 120)).map(lambda s: s[:MAX_QUERY_LENGTH]),
)


@settings(max_examples=300, deadline=HANG)
@given(hostile_text)
def test_normalization_is_total_idempotent_and_deterministic(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert keys(text) == keys(text)
    assert once == "" or once.isascii()


@settings(max_examples=300, deadline=HANG, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(hostile_text, st.sampled_from([None, "person", "organization", "location"]))
def test_resolve_is_total_bounded_and_deterministic(index: Index, text: str, etype: str | None) -> None:
    first = resolve(index, text, type=etype, limit=10)
    assert first.status in ("matched", "ambiguous", "unmatched") and first.reason
    assert len(first.candidates) <= 10
    assert all(c.type == etype for c in first.candidates) or etype is None
    assert resolve(index, text, type=etype, limit=10) == first


@pytest.fixture(scope="module")
def client(db_path: Path) -> FlaskClient:
    return create_app({"DB": str(db_path), "MAX_BATCH": 20}).test_client()


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | hostile_text,
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                       max_size=4), max_leaves=12)


@settings(max_examples=150, deadline=HANG, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(hostile_text, st.dictionaries(st.sampled_from(["type", "limit", "threshold", "as_of"]), st.text(max_size=12)))
def test_get_resolve_never_5xx(client: FlaskClient, q: str, knobs: dict[str, str]) -> None:
    r = client.get("/v1/resolve", query_string={"q": q, **knobs})
    assert r.status_code in (200, 400) and r.is_json


@settings(max_examples=150, deadline=HANG, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(json_values, st.fixed_dictionaries({"queries": st.lists(json_values, max_size=5)}, optional={
    "type": json_values, "limit": json_values, "threshold": json_values, "as_of": json_values})))
def test_post_resolve_never_5xx(client: FlaskClient, body: object) -> None:
    r = client.post("/v1/resolve", data=json.dumps(body), content_type="application/json")
    assert r.status_code in (200, 400, 413) and r.is_json


@settings(max_examples=150, deadline=HANG, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(json_values, st.dictionaries(st.text(max_size=4), st.fixed_dictionaries(
    {}, optional={"query": json_values, "type": json_values, "limit": json_values, "type_strict": json_values,
                  "properties": json_values}), max_size=4)))
def test_reconcile_never_5xx(client: FlaskClient, batch: object) -> None:
    r = client.post("/reconcile", data={"queries": json.dumps(batch)})
    assert r.status_code in (200, 400, 413) and r.is_json
    r = client.post("/reconcile/draft/match", data=json.dumps({"queries": [batch]}), content_type="application/json")
    assert r.status_code in (200, 400, 413) and r.is_json
