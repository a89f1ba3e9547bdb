"""The store's YAML reading: its quick path builds what PyYAML's constructor builds, or leaves the document to it."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from service.store.yamlfile import _load, _Loader

DOCUMENTS = [
    ("entity", "id: x\ntype: person\nname: X\naliases:\n- text: Y\n  kind: variant\n- Z\n"),
    ("date-stays-text", "valid_from: 2011-03-15\nvalid_to: '2024-12-08'\n"),
    ("numbers", "external_ids:\n  geonames: 170063\n  other: 1.5\n  hex: 0x1F\n"),
    ("booleans-and-null", "weak: true\nshared: no\nreview: ~\nsource: null\n"),
    ("number-key", "1: one\n2: two\n"),
    ("boolean-key", "yes: a\nno: b\n"),
    ("duplicate-key", "name: A\nname: B\n"),
    ("duplicate-nested-key", "aliases:\n- text: A\n  text: B\n"),
    ("duplicate-after-bad-number", "description: " + "9" * 4301 + "\naliases:\n- {text: A, text: B}\n"),
    ("quoted-merge-key", "'<<': a\nb: c\n"),
    ("value-key", "=: a\n"),
    ("flow", "aliases: [{text: A, kind: variant}, B]\n"),
    ("block-scalars", "description: |\n  line one\n  line two\nsource: >\n  folded\n  text\n"),
    ("explicit-tags", "a: !!str 12\nb: !!int '12'\n"),
    ("empty-document", ""),
    ("scalar-document", "just text\n"),
    ("list-document", "- a\n- b\n"),
    ("deep", "a: " + "[" * 200 + "]" * 200 + "\n"),
    ("not-yaml", "a: [b\n"),
]


def _outcome(load: Any, text: str) -> tuple[object, ...]:
    try:
        data = load(text)
    except (yaml.YAMLError, ValueError) as exc:
        return ("error", type(exc).__name__, str(exc))
    return ("data", data, repr(data))


@pytest.mark.parametrize("text", [d[1] for d in DOCUMENTS], ids=[d[0] for d in DOCUMENTS])
def test_quick_path_builds_what_the_constructor_builds(text: str) -> None:
    assert _outcome(_load, text) == _outcome(lambda t: yaml.load(t, Loader=_Loader), text)  # noqa: S506
