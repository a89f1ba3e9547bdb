"""Every alias of the store as a sequence of word keys, in one Aho-Corasick automaton (pyahocorasick).

The text's word keys are joined into one string, " k1 k2 k3 ", and the automaton, whose patterns are the aliases'
key sequences written the same way, finds every alias occurrence in one pass in C, whatever the number of aliases:
the cost is the text's length plus the hits, not the store's size (a regular expression per alias would grow with
the store). Built once per index, on first use, and shared by every thread.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass
from weakref import WeakKeyDictionary

import ahocorasick

from service.annotate.tokens import name_keys
from service.match.index import Index


@dataclass(frozen=True)
class Hit:
    first: int  # index of the first key of the stream in the hit
    last: int  # index of its last key
    aliases: tuple[int, ...]  # positions in index.aliases of the aliases with this key sequence


class AliasAutomaton:
    def __init__(self, by_keys: dict[tuple[str, ...], list[int]]):
        """One pattern per key sequence, holding the positions of the aliases that read so."""
        self.automaton = ahocorasick.Automaton()
        for seq, positions in by_keys.items():
            self.automaton.add_word(" " + " ".join(seq) + " ", (len(seq), tuple(positions)))
        self.patterns = len(by_keys)
        if self.patterns:
            self.automaton.make_automaton()

    @classmethod
    def of_index(cls, index: Index) -> AliasAutomaton:
        by_keys: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for pos, rec in enumerate(index.aliases):
            if index.entities[rec.entity_id].redirect:
                continue
            seq = name_keys(rec.alias.text)
            if seq:
                by_keys[seq].append(pos)
        return cls(by_keys)

    def find(self, keys: list[str]) -> list[Hit]:
        """Every occurrence of an alias in a stream of keys, overlapping ones included."""
        if not self.patterns or not keys:
            return []
        stream = " " + " ".join(keys) + " "
        # the stream offset of the space after each key -> that key's index
        ends: dict[int, int] = {}
        at = 0
        for i, key in enumerate(keys):
            at += 1 + len(key)
            ends[at] = i
        hits = []
        for end, (n, positions) in self.automaton.iter(stream):
            last = ends[end]
            hits.append(Hit(last - n + 1, last, positions))
        return hits


_BUILT: WeakKeyDictionary[Index, AliasAutomaton] = WeakKeyDictionary()
_LOCK = threading.Lock()


def automaton_for(index: Index) -> AliasAutomaton:
    with _LOCK:
        built = _BUILT.get(index)
        if built is None:
            built = _BUILT[index] = AliasAutomaton.of_index(index)
        return built
