"""The index reads its lookups from the file: each one must give what the in-memory derivation of the same
aliases gives (the reference below is the layout the index used to build in Python at start-up)."""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.errors import DatabaseError
from service.match.index import Index, deletions
from service.match.layout import blocks_on_sound
from service.match.normalize import fold, skeleton_token


@pytest.fixture(scope="module")
def reference(index: Index) -> dict[str, dict[str, object]]:
    """The lookups derived in Python from the alias records, as the index once held them."""
    ref: dict[str, dict[str, list[int]]] = {k: defaultdict(list) for k in
                                            ("by_entity", "by_text", "by_norm", "by_phon", "by_joined",
                                             "token_postings")}
    for i, rec in enumerate(index.aliases):
        ref["by_entity"][rec.entity_id].append(i)
        ref["by_text"][fold(rec.alias.text)].append(i)
        ref["by_norm"][rec.norm].append(i)
        if not blocks_on_sound(rec.alias.imported, rec.script):
            continue
        ref["by_phon"][rec.phon].append(i)
        if not rec.abjad:
            ref["by_joined"][rec.phon.replace(" ", "")].append(i)
        for token in set(rec.phon.split()):
            ref["token_postings"][token].append(i)
    neighbours: dict[str, set[str]] = defaultdict(set)
    for token in ref["token_postings"]:
        for key in deletions(skeleton_token(token) or token):
            neighbours[key].add(token)
    return {**{k: dict(v) for k, v in ref.items()}, "skel_neighbours": dict(neighbours)}


@pytest.mark.parametrize("view", ["by_entity", "by_text", "by_norm", "by_phon", "by_joined", "token_postings",
                                  "skel_neighbours"])
def test_each_lookup_matches_the_in_memory_derivation(index: Index, reference: dict[str, dict[str, object]],
                                                      view: str) -> None:
    table = getattr(index, view)
    expected = reference[view]
    assert sorted(table) == sorted(expected)
    for key, value in expected.items():
        got = table[key]
        assert (list(got) if not isinstance(got, set) else got) == value, key
    assert table.get("no such key at all") is None


@pytest.mark.parametrize("view", ["by_text", "by_norm", "by_phon", "by_joined"])
def test_key_positions_answers_every_pair_in_one_query_as_the_lookups_do(
        index: Index, reference: dict[str, dict[str, object]], view: str) -> None:
    kind = getattr(index, view)._kind
    keys = sorted(reference[view])
    wanted = [(kind, key) for key in keys] + [(kind, "no such key at all"), (kind, keys[0])]
    assert index.key_positions(wanted) == [reference[view][key] for key in keys] + [[], reference[view][keys[0]]]
    assert index.key_positions([]) == []


@pytest.mark.parametrize("view", ["by_text", "by_norm", "by_phon"])
def test_key_records_answers_as_key_positions_and_reads_their_records(
        index: Index, reference: dict[str, dict[str, object]], view: str) -> None:
    kind = getattr(index, view)._kind
    keys = sorted(reference[view])[:300]
    wanted = [(kind, key) for key in keys] + [(kind, "no such key at all"), (kind, keys[0])]
    index._alias_cache.clear()
    assert index.key_records(wanted) == index.key_positions(wanted)
    read = dict(index._alias_cache)
    assert set(read) == {pos for key in keys for pos in reference[view][key]}  # type: ignore[attr-defined]
    index._alias_cache.clear()
    assert all(index.alias(pos) == rec for pos, rec in read.items())  # as a record read alone is


@pytest.mark.parametrize("entities", [[], ["syria"], ["syria", "bashar-al-assad", "no-such-entity"]],
                         ids=["none", "one", "several-and-unknown"])
def test_aliases_of_many_is_aliases_of_each(index: Index, entities: list[str]) -> None:
    assert index.aliases_of_many(entities) == {eid: index.aliases_of(eid) for eid in entities}


@pytest.mark.parametrize("rows", [[], [1], [1, 2, 3], [3, 2, 1], [2, 2, 5], list(range(1, 40))],
                         ids=["none", "one", "ascending", "descending", "repeated", "many"])
def test_most_shared_is_counter_most_common(index: Index, rows: list[int]) -> None:
    count = index._rows("SELECT count(*) FROM postings")[0][0]
    rows = [r for r in rows if r <= count]
    arrays = index.postings(rows)
    expected = [pos for pos, _ in Counter(p for a in arrays for p in a).most_common(7)]
    assert index.most_shared(rows, 7) == expected


@pytest.mark.parametrize("prefix", ["a", "al", "da", "damas", "sy", "x", "hayat", "zzz"])
def test_prefix_search_matches_a_bisection_of_the_sorted_aliases(index: Index, prefix: str) -> None:
    records = list(index.aliases)
    sorted_norms = sorted((rec.norm, i) for i, rec in enumerate(records))
    found: dict[str, tuple[int, str]] = {}
    for norm, pos in sorted_norms[bisect.bisect_left(sorted_norms, (prefix, -1)):]:
        if not norm.startswith(prefix):
            break
        entity = index.entities[records[pos].entity_id]
        rank = (0 if norm == prefix else 1, entity.name)
        if not entity.redirect and (entity.id not in found or rank < found[entity.id]):
            found[entity.id] = rank
    assert index.list_ids(None, prefix) == sorted(found, key=lambda eid: found[eid])


def test_records_read_on_demand_equal_a_scan(index: Index) -> None:
    scanned = list(index.aliases)
    assert len(scanned) == len(index.aliases) == index.counts()["aliases"]
    assert [index.aliases[i] for i in (0, len(scanned) // 2, len(scanned) - 1, -1)] == [
        scanned[0], scanned[len(scanned) // 2], scanned[-1], scanned[-1]]
    with pytest.raises(IndexError):
        index.aliases[len(scanned)]


@pytest.mark.parametrize("quick_check", [True, False], ids=["small-file", "large-file"])
def test_a_truncated_file_is_refused(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     quick_check: bool) -> None:
    if not quick_check:  # a large file is not read whole at open: its size must still agree with its header
        monkeypatch.setattr("service.match.index.QUICK_CHECK_MAX_BYTES", 0)
    cut = tmp_path / "cut.db"
    cut.write_bytes(db_path.read_bytes()[:-4096])
    with pytest.raises(DatabaseError, match="(truncated or damaged|malformed).*aliases build"):
        Index.open(cut)


def test_records_are_whole_dataclasses(index: Index) -> None:
    """Records are filled in without __init__: every field of the model must be there, equal to a built one."""
    import dataclasses

    from service.store.model import Alias

    rec = index.aliases[0]
    for obj in (rec, rec.alias, index.entities[rec.entity_id]):
        assert set(obj.__dict__) == {f.name for f in dataclasses.fields(obj)}
    assert rec.alias == Alias(**{f.name: getattr(rec.alias, f.name) for f in dataclasses.fields(Alias)})


@pytest.mark.parametrize("cache_max", [20_000, 5], ids=["kept", "starting-over"])
def test_alias_keys_are_the_records_keys_read_or_remembered(db_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            cache_max: int) -> None:
    """alias_keys answers as the records do, asked once (read from the file), again (remembered), after the
    records were read (from them), and with a memory that starts over while it is being filled."""
    monkeypatch.setattr("service.match.index.CACHE_MAX", cache_max)
    index = Index.open(db_path)
    positions = list(range(0, len(index.aliases), 3))
    first, again = index.alias_keys(positions), index.alias_keys(positions[::-1])
    records = Index.open(db_path)
    expected = {p: (records.aliases[p].norm, records.aliases[p].phon, records.aliases[p].abjad,
                    records.aliases[p].script) for p in positions}
    assert first == expected and again == expected
    assert len(index._keys_cache) <= cache_max
    index.prefetch(positions[:50])
    assert index.alias_keys(positions[:80]) == {p: expected[p] for p in positions[:80]}


@pytest.mark.parametrize("cache_bytes", [8 << 20, 2_000], ids=["kept", "starting-over"])
def test_blocking_rows_are_the_files_read_or_remembered(db_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        cache_bytes: int) -> None:
    """neighbour_sizes, postings and most_shared answer as they do reading every row from the file, asked once,
    again (the rows remembered), and with a memory that starts over while it is being filled; it stays within
    its bytes."""
    monkeypatch.setattr("service.match.index.ROWS_CACHE_BYTES", 0)
    reference = Index.open(db_path)  # keeps no row: every answer read from the file
    tokens = sorted({t for rec in list(reference.aliases)[::5] for t in rec.phon.split()})
    key_sets = [[k for t in tokens[i:i + 3] for k in deletions(skeleton_token(t) or t)] + ["no such key"]
                for i in range(0, len(tokens), 3)]
    expected = [reference.neighbour_sizes(keys) for keys in key_sets]
    rows = [[row for _, row in sizes] for sizes in expected]
    expected_postings = [reference.postings(r) for r in rows]
    expected_shared = [reference.most_shared(r, 7) for r in rows]
    assert any(len(r) > 1 for r in rows) and reference._rows_cached == 0
    monkeypatch.setattr("service.match.index.ROWS_CACHE_BYTES", cache_bytes)
    index = Index.open(db_path)
    for _ in range(2):
        assert [index.neighbour_sizes(keys) for keys in key_sets] == expected
        assert [index.postings(r) for r in rows] == expected_postings
        assert [index.most_shared(r, 7) for r in rows] == expected_shared
        assert 0 < index._rows_cached <= cache_bytes


def test_threads_share_one_index(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One connection under a lock and shared caches: answers from many threads equal those from one."""
    from concurrent.futures import ThreadPoolExecutor

    from service.match.matcher import resolve

    queries = [rec.alias.text for rec in Index.open(db_path).aliases][::7] + ["Abu Mohamad al-Julani", "Damascuss"]
    alone = [resolve(Index.open(db_path), q).to_dict() for q in queries]
    monkeypatch.setattr("service.match.index.CACHE_MAX", 8)  # emptied over and over while other threads read it
    monkeypatch.setattr("service.match.index.ROWS_CACHE_BYTES", 4_000)
    index = Index.open(db_path)
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(lambda q: resolve(index, q).to_dict(), queries * 3))
    assert together == alone * 3


@pytest.mark.parametrize("rows,groups", [([1, 2, 3], [0, 0, 1]), ([3, 2, 1], [1, 1, 1]), ([2, 2, 5], [0, 1, 1]),
                                         (list(range(1, 40)), [i % 3 for i in range(39)])],
                         ids=["two words", "one word", "a row asked for two words", "many"])
def test_most_shared_counts_an_alias_once_per_query_word(index: Index, rows: list[int], groups: list[int]) -> None:
    count = index._rows("SELECT count(*) FROM postings")[0][0]
    pairs = [(r, g) for r, g in zip(rows, groups, strict=True) if r <= count]
    arrays = index.postings([r for r, _ in pairs])
    seen: dict[int, set[int]] = {}
    order: list[int] = []
    for a, (_, g) in zip(arrays, pairs, strict=True):
        for p in a:
            if p not in seen:
                seen[p] = set()
                order.append(p)
            seen[p].add(g)
    expected = sorted(order, key=lambda p: -len(seen[p]))[:7]  # stable: ties in the order first met
    assert index.most_shared([r for r, _ in pairs], 7, [g for _, g in pairs]) == expected


def _once_per_group(arrays: list[list[int]], groups: list[int], limit: int) -> list[int]:
    """Counter.most_common over (alias, group) pairs counted once each: the reference of most_shared."""
    seen: dict[int, set[int]] = {}
    for a, g in zip(arrays, groups, strict=True):
        for p in a:
            seen.setdefault(p, set()).add(g)
    return sorted(seen, key=lambda p: -len(seen[p]))[:limit]


@settings(max_examples=60, deadline=None)
@given(picks=st.lists(st.tuples(st.integers(1, 60), st.integers(0, 3)), max_size=25), limit=st.integers(1, 30))
def test_most_shared_packed_count_is_the_reference(index: Index, picks: list[tuple[int, int]], limit: int) -> None:
    count = index._rows("SELECT count(*) FROM postings")[0][0]
    picks = [(r, g) for r, g in picks if r <= count]
    rows, groups = [r for r, _ in picks], [g for _, g in picks]
    arrays = [list(a) for a in index.postings(rows)]
    assert index.most_shared(rows, limit, groups) == _once_per_group(arrays, groups, limit)
    # the same groups numbered past 2**FEW_GROUP_BITS are counted in Python: the same answer
    assert index.most_shared(rows, limit, [g + 16 for g in groups]) == _once_per_group(arrays, groups, limit)
    assert index.most_shared(rows, limit) == _once_per_group(arrays, list(range(len(rows))), limit)
    every = np.asarray([p for a in arrays for p in a], dtype=np.int64)
    tags = np.asarray([g for a, g in zip(arrays, groups, strict=True) for _ in a], dtype=np.int64)
    assert Index._most_shared_counted(every, tags, limit) == _once_per_group(arrays, groups, limit)


@pytest.mark.parametrize("abjad", [False, True], ids=["latin-script rows", "abjad rows"])
def test_a_skeleton_finds_the_surnames_of_the_kind_of_script_asked(index: Index, abjad: bool) -> None:
    """By skeleton, only the kind of script asked (the other kind from the query's: what may fit it by its
    consonants); by phonetic key, every kind. The starter store writes al-Assad's surname both ways (asad, أسد)."""
    by_skeleton = index.surname_positions({"no such key"}, {"sd"}, abjad=abjad)
    assert by_skeleton and {a for _, a, _ in by_skeleton} == {abjad}
    assert {a for _, a, _ in index.surname_positions({"asad", "asd"}, set(), abjad=abjad)} == {False, True}
    # the skeleton arm is the table's rows of that skeleton and kind, every one of them
    table = index._rows("SELECT phon, abjad, alias FROM surnames WHERE skel = 'sd' AND abjad = ?", (int(abjad),))
    assert sorted(by_skeleton) == sorted((phon, bool(a), pos) for phon, a, pos in table)


def test_surname_lookups_read_only_their_indexes(index: Index) -> None:
    """Both arms of the lookup are answered from an index holding every column they read: no table row per
    surname (a common skeleton is thousands of surnames in a store of millions)."""
    seen: list[str] = []
    index._conn.set_trace_callback(seen.append)
    try:
        index.surname_positions({"asad"}, {"sd"}, abjad=True)
    finally:
        index._conn.set_trace_callback(None)
    plan = [row[3] for row in index._conn.execute("EXPLAIN QUERY PLAN " + seen[-1])]
    searches = [step for step in plan if step.startswith("SEARCH")]
    assert len(searches) == 2 and all("USING COVERING INDEX" in step for step in searches), plan
