"""Raw text in, every mention of a store entity out, each linked with the matcher's own honest status.

    text -> words and their keys (tokens.py)
         -> candidate spans: every alias occurrence (automaton.py), and capitalised sequences no alias covers
         -> the longest span wins where spans overlap
         -> each span resolved by the matcher (service.match.matcher.resolve), the same decision as /v1/resolve
         -> document context: a later bare surname links to the person named in full earlier in the text
         -> mentions with offsets in code points (Python) and UTF-16 code units (browsers)

Only matched and ambiguous spans are returned; an ambiguous one names its candidates and links to none. Methods
are the matcher's (exact, normalized, transliteration, fuzzy, translation, surname), plus `inflected` (the words
are an alias once a case ending, a possessive or a proclitic is taken off, and the matcher decided on the alias)
and `context` (a bare surname, linked to the person the text named in full before).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import threading
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any
from weakref import WeakKeyDictionary

from service.annotate.automaton import automaton_for
from service.annotate.dateline import article_date
from service.annotate.tokens import STOP_KEYS, Word, arabic_article, bare_text, words
from service.errors import BadRequest, PayloadTooLarge
from service.match.align import FUZZY_CAP
from service.match.index import Index
from service.match.matcher import DEFAULT_LIMIT, DEFAULT_THRESHOLD, MAX_QUERY_LENGTH, Result, check_params, resolve
from service.match.normalize import normalize, phonetic_token, skeleton_token
from service.match.surnames import SURNAME_SCORE

MAX_TEXT_LENGTH = 5_000_000  # characters in one text; the HTTP edge accepts less (ANNOTATE_MAX_CHARS)
MAX_NAME_WORDS = 6  # words in a capitalised sequence given to the matcher
CONTEXT_SCORE = SURNAME_SCORE
_GAP = re.compile(r"[\s\-‐‑]{1,3}$")  # what may separate the words of one name
_BREAK = re.compile(r"[;,!?:()\[\]«»\"“”]|\.\s")  # what no name runs across
_CONNECTORS = frozenset({"al", "el", "ul", "bin", "ibn", "abu", "de", "du", "del", "la", "von", "van", "der",
                         "ad", "ar", "as", "ash", "at", "az", "ez", "ed", "an", "ben", "bint", "bou",
                         "аль", "ас", "аш", "ад", "ар", "ат", "аз", "ан", "ибн", "бен", "бин", "абу", "эль"})
# Capitalised because they open a sentence or a title, not because they name anything.
_OPENERS = frozenset("""the a an in on at by for from to of and but or if as it he she they we this that these those
there here his her its their our after before when while with without under over since during as also however
le la les un une des du et en au aux der die das ein eine und im am el los las lo y del al il lo gli con""".split())


@dataclass(frozen=True)
class Mention:
    start: int  # offsets into the text, in code points (Python's str indices)
    end: int
    start_utf16: int  # the same offsets in UTF-16 code units (JavaScript's string indices)
    end_utf16: int
    text: str
    status: str  # matched | ambiguous
    id: str | None  # the entity linked (matched only)
    name: str | None
    type: str | None
    score: float
    alias: str  # the alias that decided
    method: str
    candidates: tuple[str, ...]  # the entity ids in play (one when matched)
    reason: str

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["candidates"] = list(self.candidates)
        return out


@dataclass(frozen=True)
class Annotation:
    as_of: str  # the date validity was judged at
    as_of_from: str  # given | article (read from the text's dateline) | today
    mentions: tuple[Mention, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"as_of": self.as_of, "as_of_from": self.as_of_from,
                "mentions": [m.to_dict() for m in self.mentions]}


@dataclass
class _Span:
    first: int  # word indices, inclusive
    last: int
    aliases: tuple[int, ...]  # alias positions when an alias occurs here; () for a capitalised sequence
    keys: tuple[str, ...]
    person: bool = False  # names a person (so its last word may come back alone)
    context_only: bool = False  # a bare surname found only because the text names a person of that surname


# ---------------------------------------------------------------------------------------------------------
# the matcher, memoized per index: running text names the same few entities again and again
# ---------------------------------------------------------------------------------------------------------
_RESOLVED: WeakKeyDictionary[Index, dict[tuple[str, str | None, float, str], Result]] = WeakKeyDictionary()
_LOCK = threading.Lock()
_RESOLVED_MAX = 20_000  # remembered answers per store; a Result with its candidates is a few KB


def _resolve(index: Index, text: str, etype: str | None, threshold: float, as_of: dt.date) -> Result:
    with _LOCK:
        memo = _RESOLVED.setdefault(index, {})
    key = (text, etype, threshold, as_of.isoformat())
    got = memo.get(key)
    if got is None:
        got = resolve(index, text[:MAX_QUERY_LENGTH], type=etype, limit=DEFAULT_LIMIT, threshold=threshold,
                      as_of=as_of)
        if len(memo) >= _RESOLVED_MAX:
            memo.clear()
        memo[key] = got
    return got


# ---------------------------------------------------------------------------------------------------------
# candidate spans
# ---------------------------------------------------------------------------------------------------------
def _has_capital(text: str) -> bool:
    """A name in a cased script shows a capital somewhere; uncased scripts (Arabic, Han) always pass."""
    return text != text.lower() or text == text.upper()


@lru_cache(maxsize=65536)
def _alias_has_article(alias: str) -> bool:
    return arabic_article(alias)


@lru_cache(maxsize=65536)
def _acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters)


def _alias_spans(index: Index, text: str, ws: list[Word]) -> list[_Span]:
    keys: list[str] = []
    owner: list[int] = []  # key index -> word index
    for i, w in enumerate(ws):
        for k in w.keys:
            if k not in STOP_KEYS:
                keys.append(k)
                owner.append(i)
    spans = []
    for hit in automaton_for(index).find(keys):
        first, last = owner[hit.first], owner[hit.last]
        written = text[ws[first].start: ws[last].end]
        if any(_BREAK.search(text, ws[i].end, ws[i + 1].start) for i in range(first, last)):
            continue  # a name does not run across a sentence's punctuation: "Moscow; the Kremlin"
        if not _has_capital(written):
            continue  # "turkey", "hama" in lower case are words, not names
        with_article = arabic_article(text[ws[first].start: ws[first].end])
        strong = [p for p in hit.aliases
                  if (not _acronym(index.aliases[p].alias.text) or all(c.isupper() for c in written if c.isalpha()))
                  # Arabic names of countries take no article: السورية is "the Syrian", not سورية (Syria)
                  and not (with_article and not _alias_has_article(index.aliases[p].alias.text))]
        if strong:  # an acronym alias matches only capitals: "UN", never French "un"
            person = any(index.aliases[p].entity_type == "person" for p in strong)
            spans.append(_Span(first, last, tuple(strong), tuple(keys[hit.first: hit.last + 1]), person))
    return spans


def _name_spans(index: Index, text: str, ws: list[Word], alias_spans: list[_Span], etype: str | None,
                threshold: float, day: dt.date) -> list[_Span]:
    """Runs of capitalised words (with the particles that join names) that the matcher resolves. A run's
    leading words are dropped one by one until the rest resolves ("Syrian President Ahmed al-Shara"); a run an
    alias occurrence already spans is left to it. Such a span wins over the aliases inside it only by being
    longer, and only when it resolves: "Hayat Tahrir ash-Sham" over "Sham"."""
    exact = {(s.first, s.last) for s in alias_spans}

    spans = []
    n = len(ws)
    cap = [text[w.start].isupper() for w in ws]
    i = 0
    while i < n:
        if not cap[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and j - i + 1 < MAX_NAME_WORDS and _GAP.match(text, ws[j].end, ws[j + 1].start):
            if cap[j + 1]:
                j += 1
            elif j + 2 < n and cap[j + 2] and text[ws[j + 1].start: ws[j + 1].end].lower() in _CONNECTORS \
                    and _GAP.match(text, ws[j + 1].end, ws[j + 2].start):
                j += 2
            else:
                break
        for first in range(i, j + 1):
            word = text[ws[first].start: ws[first].end]
            if (first, j) in exact:
                break
            if word.lower() in _OPENERS or word in _CONNECTORS:
                continue
            keys = tuple(k for w in ws[first: j + 1] for k in w.keys if k not in STOP_KEYS)
            if not keys:
                break
            written = bare_text(text[ws[first].start: ws[j].end])
            result = _resolve(index, written, etype, threshold, day)
            if not _worth_a_span(result, word if first == j else None):
                continue
            named = [{index.aliases[p].entity_id for p in s.aliases} for s in alias_spans
                     if first <= s.first and s.last <= j]
            if len(named) > 1 and any(result.candidates[0].id in ids for ids in named):
                continue  # "Suriye Devlet Başkanı Beşar Esad" is two names: Suriye stays Syria
            # an alias inside that reads the same once titles are dropped ("President Bashar al-Assad") says it
            inside = {normalize(text[ws[s.first].start: ws[s.last].end]) for s in alias_spans
                      if first <= s.first and s.last <= j}
            if normalize(result.part.text if result.part else written) not in inside:
                spans.append(_Span(first, j, (), keys, result.candidates[0].type == "person"))
            break
        i = j + 1
    return spans


@lru_cache(maxsize=65536)
def _context_key(key: str) -> str:
    """What a bare surname and the last word of a full name are compared by: the consonant skeleton, so the
    surname meets the full name across scripts and spellings (Assad, الأسد, Асад); the text's own people are few."""
    phon = phonetic_token(key)
    skel = skeleton_token(phon)
    return skel if len(skel) >= 2 else phon


def _surname_spans(text: str, ws: list[Word], spans: list[_Span]) -> list[_Span]:
    """Single capitalised words that are the last word of a person's name found elsewhere in the text: the
    candidates for document context, whatever the matcher makes of them alone (Асада)."""
    surnames = {_context_key(s.keys[-1]) for s in spans if s.person and len(s.keys) >= 2}
    if not surnames:
        return []
    return [_Span(i, i, (), w.keys, context_only=True) for i, w in enumerate(ws)
            if len(w.keys) == 1
            # in Arabic script, a surname alone carries the article (الأسد, الشرع): أشاد (praised) is no name
            and (text[w.start].isupper() or arabic_article(text[w.start: w.end]))
            and _context_key(w.keys[0]) in surnames]


_DEMONYM = re.compile(r"(?:ians?|ans|ese|iens?|ienne|ais|aise|isch(?:e[nrs]?)?|ier|liler|lılar|lular|lüler)$")


def _worth_a_span(result: Result, single: str | None) -> bool:
    """A resolved run is a mention when the matcher matched it, or found it ambiguous between names as written.
    A single word needs more: a fuzzy resemblance at the matcher's best (Colani for al-Jolani), and not a demonym
    (Syrian is not Syria)."""
    if not result.candidates or result.status == "unmatched":
        return False
    top = result.candidates[0]
    if result.status == "ambiguous" and top.method == "fuzzy":
        return False
    if single is not None:
        if len(single) < 3 and top.method not in ("exact", "normalized"):
            return False  # "O" opening a Portuguese sentence is no name, whatever it resembles
        if (top.method == "fuzzy" and top.score < FUZZY_CAP) or (
                _DEMONYM.search(single.lower()) and top.method not in ("exact", "normalized")):
            return False
    return True


def _longest(spans: list[_Span]) -> list[_Span]:
    """Overlapping spans: the one of more words wins, then the one of more keys, then the earlier."""
    taken: list[_Span] = []
    used: set[int] = set()
    for s in sorted(spans, key=lambda s: (-(s.last - s.first), -len(s.keys), s.first)):
        if not used.intersection(range(s.first, s.last + 1)):
            taken.append(s)
            used.update(range(s.first, s.last + 1))
    return sorted(taken, key=lambda s: s.first)


# ---------------------------------------------------------------------------------------------------------
# annotate
# ---------------------------------------------------------------------------------------------------------
def annotate(
    index: Index,
    text: str,
    *,
    type: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    as_of: str | dt.date | None = None,
) -> Annotation:
    """Find and link every mention of a store entity in `text`. Raises BadRequest for bad knobs, PayloadTooLarge
    for a text over MAX_TEXT_LENGTH; never for what the text says. Without `as_of`, the article's own date (its
    dateline) is used when it has one, else today."""
    if not isinstance(text, str):
        raise BadRequest(f"the text must be a string, not {_type_name(text)}")
    if len(text) > MAX_TEXT_LENGTH:
        raise PayloadTooLarge(f"the text has {len(text)} characters; at most {MAX_TEXT_LENGTH} are accepted")
    given = as_of
    as_of_from = "given"
    if given is None:
        dated = article_date(text)
        given, as_of_from = (dated, "article") if dated else (None, "today")
    day = check_params(type, DEFAULT_LIMIT, threshold, given)
    ws = words(text)
    spans = _alias_spans(index, text, ws)
    spans += _name_spans(index, text, ws, spans, type, threshold, day)
    spans = _longest(spans + _surname_spans(text, ws, spans))
    astral = [i for i, c in enumerate(text) if ord(c) > 0xFFFF] if text and max(text) > "\uffff" else []
    context: dict[str, set[str]] = {}  # context key of a surname -> people the text has named in full
    mentions = []
    for s in spans:
        start, end = ws[s.first].start, ws[s.last].end
        mention = _link(index, text[start:end], s, type, threshold, day, context)
        if mention is None:
            continue
        status, cand, alias, method, score, ids, reason = mention
        if status == "matched" and cand.type == "person" and len(s.keys) >= 2:
            context.setdefault(_context_key(s.keys[-1]), set()).add(cand.id)
        mentions.append(Mention(
            start=start, end=end, start_utf16=start + bisect.bisect_left(astral, start),
            end_utf16=end + bisect.bisect_left(astral, end), text=text[start:end], status=status,
            id=cand.id if status == "matched" else None, name=cand.name if status == "matched" else None,
            type=cand.type if status == "matched" else None, score=score, alias=alias, method=method,
            candidates=ids, reason=reason))
    return Annotation(day.isoformat(), as_of_from, tuple(mentions))


def _type_name(value: object) -> str:
    return value.__class__.__name__


def _link(index: Index, written: str, span: _Span, etype: str | None, threshold: float, day: dt.date,
          context: dict[str, set[str]]) -> tuple[str, Any, str, str, float, tuple[str, ...], str] | None:
    result = _resolve(index, written, etype, threshold, day)
    method_override = None
    if result.status == "unmatched" and span.aliases:
        # the words are an alias once running text's additions are taken off (Асада, والأسد): decide on the alias
        for pos in span.aliases:
            alt = _resolve(index, index.aliases[pos].alias.text, etype, threshold, day)
            if alt.status != "unmatched":
                result, method_override = alt, "inflected"
                break
    bare = len(span.keys) == 1 and _context_key(span.keys[0]) in context
    if bare and (etype in (None, "person")) and (
            result.status != "matched" or (result.match is not None and result.match.type == "person")):
        people = sorted(context[_context_key(span.keys[0])])
        if result.match is not None and result.match.id in people:
            people = [result.match.id]  # the matcher and the text agree (a curated short alias, "Assad")
        if len(people) == 1:
            entity = index.entities[people[0]]
            return ("matched", _Named(entity.id, entity.name, entity.type), span.keys[0], "context", CONTEXT_SCORE,
                    (entity.id,), f"a bare surname; the text named {entity.name} in full before")
        return ("ambiguous", _Named(people[0], "", "person"), span.keys[0], "context", CONTEXT_SCORE,
                tuple(people), f"a bare surname borne by several people the text named before: {', '.join(people)}")
    if result.status == "unmatched" or not result.candidates or span.context_only:
        return None
    top = result.candidates[0]
    if not span.aliases and result.status == "ambiguous" and top.method == "fuzzy":
        return None  # a capitalised word that merely resembles names: not a mention worth showing
    if result.status == "matched":
        ids: tuple[str, ...] = (top.id,)
    else:
        ids = tuple(c.id for c in result.candidates if c.score >= top.score - 5.0)
    return (result.status, top, top.alias, method_override or top.method, top.score, ids, result.reason)


@dataclass(frozen=True)
class _Named:
    id: str
    name: str
    type: str
