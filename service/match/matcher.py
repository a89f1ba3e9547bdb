"""Query -> candidates -> scores -> an honest decision: matched, ambiguous or unmatched, with the reason.

Scores are on one scale, 0 to 100, everywhere (Python, HTTP, CLI, CSV):

    100  exact          the alias text itself (case and Unicode form aside)
     98  normalized     same normalized form (articles, titles, diacritics, apostrophes, script aside)
  91-96  transliteration  same phonetic key (96; 91 for names of five letters or fewer, where a vowel
                        is a larger part of the name)
 <=95  fuzzy          token alignment: each name token paired with its most similar counterpart, weighted
                        (particles such as abu/bin/of weigh 0.3); a person's middle name missing on one side
                        counts for little. Against a script without short vowels (Arabic) tokens are compared
                        by consonant skeleton and the score is scaled down for short skeletons.

Decision, with `threshold` (default 90) and a fixed margin of 5 points:
- unmatched: no entity reaches the threshold;
- ambiguous: the best reaches it only through a weak or shared alias, or another entity is within the margin
  (an alias current at `as_of` wins over one that is not; a rival found only through a weak alias does not
  count against an exact or normalized match);
- matched: otherwise. Containment or token overlap alone never reaches the threshold: "Damascus Gate" scores
  67 against "Damascus".

Cost is bounded per query: input over MAX_QUERY_LENGTH characters is refused, at most MAX_TOKENS tokens are
compared, and token blocking never scans the whole store.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from rapidfuzz.distance import Levenshtein

from service.errors import BadRequest, QueryTooLong
from service.match.cache import bytes_cache
from service.match.index import AliasRecord, Index, deletions
from service.match.normalize import Keys, fold, keys, skeleton_token
from service.store.model import ENTITY_TYPES

MAX_QUERY_LENGTH = 500
MAX_TOKENS = 12
MAX_LIMIT = 100
DEFAULT_LIMIT = 5
DEFAULT_THRESHOLD = 90.0
MARGIN = 5.0
FUZZY_CAP = 95.0
TOKEN_MIN_SIMILARITY = 0.85
# Russian case endings as they look in the phonetic key (-а/-я/-у/-е/-ы -> a, -ом/-ем -> am, -ого -> aja ...)
INFLECTIONS = ("aja", "ama", "am", "a", "ah")
# a demonym or adjective beside its place: Russia/Russian, Syria/Syrian, Iraq/Iraqi
DEMONYM_SUFFIXES = ("n", "an", "ian", "i", "ese")
POSTINGS_CAP = 5000  # a token held by more aliases than this is too common to block on
BLOCK_BUDGET = 20_000  # postings read per query for token blocking, rarest tokens first
BLOCK_LIMIT = 100  # aliases scored by token alignment per query, those sharing the most (and rarest) tokens
PARTICLES = frozenset({"abu", "umm", "bin", "bint", "abd", "of", "and", "the", "de", "des", "du", "la", "le",
                       "for", "in", "von", "van", "der", "al"})
METHOD_SCORES = {"exact": 100.0, "normalized": 98.0}
STATUSES = ("matched", "ambiguous", "unmatched")


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str
    type: str
    score: float
    alias: str
    method: str
    kind: str
    lang: str | None
    valid_from: str | None
    valid_to: str | None
    current: bool  # the alias is valid at as_of
    validity: str | None  # e.g. "former name, valid until 2016-07-28"
    weak: bool
    shared: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Result:
    query: str
    status: str
    match: Candidate | None
    candidates: tuple[Candidate, ...]
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "status": self.status,
            "match": self.match.to_dict() if self.match else None,
            "candidates": [c.to_dict() for c in self.candidates],
            "reason": self.reason,
        }


# ---------------------------------------------------------------------------------------------------------
# parameters
# ---------------------------------------------------------------------------------------------------------
def check_params(type: str | None, limit: int, threshold: float, as_of: str | dt.date | None) -> dt.date:
    """Validate the knobs shared by every edge; returns the as_of date (today when not given)."""
    if type is not None and type not in ENTITY_TYPES:
        raise BadRequest(f"unknown type {type!r}: use one of {', '.join(ENTITY_TYPES)}")
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise BadRequest(f"limit must be a whole number from 1 to {MAX_LIMIT}, not {limit!r}")
    if isinstance(threshold, bool) or not isinstance(threshold, int | float) or not 0 <= threshold <= 100:
        raise BadRequest(f"threshold must be a number from 0 to 100, not {threshold!r}")
    if as_of is None:
        return dt.date.today()
    if isinstance(as_of, dt.date):
        return as_of
    try:
        return dt.date.fromisoformat(str(as_of))
    except ValueError:
        raise BadRequest(f"as_of must be a date YYYY-MM-DD, not {as_of!r}") from None


def check_query(query: Any) -> str:
    if not isinstance(query, str):
        raise BadRequest(f"a query must be text, not {type(query).__name__}")
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryTooLong(f"the query has {len(query)} characters; at most {MAX_QUERY_LENGTH} are accepted")
    return query


# ---------------------------------------------------------------------------------------------------------
# scoring
# ---------------------------------------------------------------------------------------------------------
@bytes_cache(1024 * 1024)
def _token_weight(norm_token: str) -> float:
    if norm_token in PARTICLES:
        return 0.3
    return 0.5 if len(norm_token) == 1 else 1.0  # an initial


def _abjad_consistent(abjad: str, latin: str) -> bool:
    """Could this Arabic-script phonetic token be that Latin one with its short vowels unwritten?
    Long vowels are written in Arabic, so they must be there in the Latin spelling too: بشار (bsar) fits
    Bashar (basar) but not Bushra (basra)."""
    if not abjad or not latin:
        return False
    i = 0
    for ch in latin:
        if i < len(abjad) and abjad[i] == ch:
            i += 1
        elif ch != "a":
            return False
    return i == len(abjad)


def _declined(a: str, b: str) -> bool:
    """b is a plus a Russian case ending, or both end differently on the same stem."""
    for ending in INFLECTIONS:
        if b.endswith(ending) and b[: -len(ending)] in (a, a.rstrip("a")) and len(a) >= 3:
            return True
    return False


def _token_similarity(q: Keys, qn: str, qp: str, an: str, ap: str, a_abjad: bool) -> float:
    """0..1 similarity of a query token and an alias token, given normalized (n) and phonetic (p) forms."""
    if qn == an:
        return 1.0
    if q.abjad != a_abjad:
        abjad, latin = (qp, ap) if q.abjad else (ap, qp)
        if _abjad_consistent(abjad, latin):
            return 1.0
        qs, as_ = skeleton_token(qp), skeleton_token(ap)
        if not qs or not as_:
            return 0.0
        return 0.8 * Levenshtein.normalized_similarity(qs, as_)  # consonants alone: never full trust
    if min(len(qn), len(an)) <= 3 and len(qn) != 1 and len(an) != 1:
        return 1.0 if qp == ap and len(qn) == len(an) == 3 else 0.0  # short tokens and acronyms: exact only
    if qp == ap:
        return 1.0
    if len(qn) == 1 or len(an) == 1:  # an initial stands for a name with that first letter
        return 0.9 if qn[0] == an[0] else 0.0
    if q.inflected and (_declined(ap, qp) or _declined(qp, ap)):
        return 0.95
    for a, b in ((qn, an), (an, qn)):
        if b.startswith(a) and b[len(a):] in DEMONYM_SUFFIXES and len(a) >= 4:
            return 0.95
    # phonetic similarity alone flatters (vowels are merged); the spelling keeps it honest
    return (Levenshtein.normalized_similarity(qp, ap) + Levenshtein.normalized_similarity(qn, an)) / 2


def alignment_score(q: Keys, a: Keys, person: bool) -> float:
    """Weighted token alignment of two names, 0..100 (see the module docstring)."""
    qn, an = q.norm.split()[:MAX_TOKENS], a.norm.split()[:MAX_TOKENS]
    qp, ap = q.phon.split()[:MAX_TOKENS], a.phon.split()[:MAX_TOKENS]
    if not qn or not an or len(qn) != len(qp) or len(an) != len(ap):
        return 0.0
    by_skeleton = q.abjad != a.abjad
    pairs = []
    for i in range(len(qn)):
        for j in range(len(an)):
            sim = _token_similarity(q, qn[i], qp[i], an[j], ap[j], a.abjad)
            if sim >= TOKEN_MIN_SIMILARITY:
                pairs.append((sim, -abs(i - j), i, j))
    pairs.sort(reverse=True)
    used_q: dict[int, int] = {}
    used_a: set[int] = set()
    chosen: dict[int, float] = {}  # query token -> similarity of its pair
    for sim, _, i, j in pairs:
        if i not in used_q and j not in used_a:
            used_q[i] = j
            used_a.add(j)
            chosen[i] = sim
    wq = [_token_weight(t) for t in qn]
    wa = [_token_weight(t) for t in an]
    if person and used_q and len(used_q) == len(qn):
        # A short form of a person's name that leaves out the middle (a father's name, the name in a kunya)
        # counts that middle for little: "Abu al-Jolani" ~ "Abu Mohammed al-Jolani". Only when every query
        # token is paired, first with first and last with last. Not the other way round: an extra name in
        # the query may make it another person ("Hafez Bashar al-Assad" is not Hafez al-Assad).
        if used_q.get(0) == 0 and used_q.get(len(qn) - 1) == len(an) - 1:
            wa = [w * 0.25 if j not in used_a else w for j, w in enumerate(wa)]
    matched = 0.0
    for i, j in used_q.items():
        matched += chosen[i] * (wq[i] + wa[j])
    score = 100.0 * matched / (sum(wq) + sum(wa))
    order = [used_q[i] for i in sorted(used_q)]
    if person and order != sorted(order):
        score *= 0.85  # "Hafez Bashar" is not "Bashar Hafez"; surname-first lists use a comma
    if by_skeleton and any(qp[i] != ap[j] for i, j in used_q.items()):
        # Across scripts only an identical phonetic key (long vowels agreeing) is full evidence; consonants
        # that merely fit are discounted by how many there are (Hamas fits حمص, Homs, on h-m-s).
        score *= _skeleton_factor(q.skel if q.abjad else a.skel)
    return min(score, FUZZY_CAP)


def _skeleton_factor(skel: str) -> float:
    """How far a consonant skeleton can be trusted: short ones are shared by many names (Hamas, Homs: hms)."""
    consonants = len(skel.replace(" ", ""))
    if consonants >= 6:
        return 0.97
    return {5: 0.95, 4: 0.92}.get(consonants, 0.85)


# ---------------------------------------------------------------------------------------------------------
# retrieval
# ---------------------------------------------------------------------------------------------------------
def _candidates(index: Index, text: str, q: Keys) -> dict[int, tuple[float, str]]:
    """alias position -> (score, method) for every alias worth scoring."""
    found: dict[int, tuple[float, str]] = {}

    def offer(positions: list[int] | None, score: float, method: str) -> None:
        for pos in positions or ():
            if pos not in found or found[pos][0] < score:
                found[pos] = (score, method)

    offer(index.by_text.get(fold(text)), METHOD_SCORES["exact"], "exact")
    offer(index.by_norm.get(q.norm), METHOD_SCORES["normalized"], "normalized")
    letters = len(q.norm.replace(" ", ""))
    consonants = len(q.skel.replace(" ", ""))
    if letters >= 4 and consonants >= 2 and not q.abjad:  # "UAE" has no consonant to compare
        score = 96.0 if letters > 5 else 91.0
        offer(index.by_phon.get(q.phon), score, "transliteration")
        if letters >= 7:  # written joined or apart: Nursultan / Nur-Sultan, Alqaeda / al-Qaeda
            joined = q.phon.replace(" ", "")
            offer(index.by_joined.get(joined), 91.0, "transliteration")
            if joined.startswith("al"):
                offer(index.by_joined.get(joined[2:]), 91.0, "transliteration")
    if any(score >= METHOD_SCORES["normalized"] for score, _ in found.values()):
        # An exact or normalized hit: token blocking could only add fuzzy look-alikes (capped at 95, below any
        # such hit); phonetic rivals (96, 91) are already in. Skipping it keeps exact hits cheap in a large store.
        return found
    # Token blocking: aliases sharing a token with the query, up to one slip in the token's skeleton. Only the
    # BLOCK_LIMIT aliases sharing the most query tokens are scored.
    tokens_n, tokens_p = q.norm.split()[:MAX_TOKENS], q.phon.split()[:MAX_TOKENS]
    # particles (abu, bin, of) block on nearly everything and decide nothing: block on the names beside them
    blocking = [p for n, p in zip(tokens_n, tokens_p, strict=False) if n not in PARTICLES] or tokens_p
    postings: list[Iterable[int]] = []
    for token in blocking:
        skel = skeleton_token(token) or token
        vocab: set[str] = set()
        for key in deletions(skel):
            vocab |= index.skel_neighbours.get(key, set())
        postings += [p for p in (index.token_postings.get(v, ()) for v in vocab) if len(p) <= POSTINGS_CAP]
    # Rarest tokens first, up to a budget of postings: the work per query stays bounded as the store grows,
    # and the tokens that tell names apart are the rare ones.
    postings.sort(key=len)
    kept, total = [], 0
    for p in postings:
        if kept and total + len(p) > BLOCK_BUDGET:
            break
        kept.append(p)
        total += len(p)
    # how many query tokens (near enough) each alias shares, counted in C: a Counter over one chain
    votes = Counter(itertools.chain.from_iterable(kept))
    for pos, _ in votes.most_common(BLOCK_LIMIT):
        if pos not in found:
            found[pos] = (0.0, "fuzzy")
    return found


def _is_current(rec: AliasRecord, as_of: dt.date) -> bool:
    return rec.alias.current_at(as_of.isoformat())


def _validity_text(rec: AliasRecord, current: bool) -> str | None:
    a = rec.alias
    span = a.validity()
    if a.kind == "former":
        return f"former name, {span}" if span else "former name"
    if span and not current:
        return f"not current at the as_of date, {span}"
    return span


# ---------------------------------------------------------------------------------------------------------
# the decision
# ---------------------------------------------------------------------------------------------------------
def resolve(
    index: Index,
    query: str,
    *,
    type: str | None = None,
    limit: int = DEFAULT_LIMIT,
    threshold: float = DEFAULT_THRESHOLD,
    as_of: str | dt.date | None = None,
) -> Result:
    """Resolve one name. Raises BadRequest for bad parameters; never for the text of a name."""
    as_of_date = check_params(type, limit, threshold, as_of)
    query = check_query(query)
    q = keys(query)
    if not q.norm:
        return Result(query, "unmatched", None, (), "the query has no letters or digits to match")
    best: dict[str, tuple[float, bool, str, AliasRecord]] = {}  # entity -> (score, current, method, alias)
    for pos, (score, method) in _candidates(index, query, q).items():
        rec = index.aliases[pos]
        entity = index.entities[rec.entity_id]
        if type is not None and entity.type != type:
            continue
        if method == "fuzzy" or score < FUZZY_CAP:
            fuzzy = alignment_score(q, _alias_keys(rec), entity.type == "person")
            if fuzzy > score:
                score, method = fuzzy, "fuzzy"
        if score <= 0:
            continue
        current = _is_current(rec, as_of_date)
        # prefer, for one entity: higher score, then a strong alias, then a current one
        rank = (score, not (rec.alias.weak or rec.alias.shared), current)
        held = best.get(rec.entity_id)
        if held is None or rank > (held[0], not (held[3].alias.weak or held[3].alias.shared), held[1]):
            best[rec.entity_id] = (score, current, method, rec)
    ordered = sorted(best.items(), key=lambda kv: (-kv[1][0], not kv[1][1], kv[0]))
    candidates = tuple(_candidate(index, eid, *held) for eid, held in ordered[:limit])
    status, reason = _decide(candidates, threshold)
    return Result(query, status, candidates[0] if status == "matched" else None, candidates, reason)


def _alias_keys(rec: AliasRecord) -> Keys:
    return Keys(norm=rec.norm, phon=rec.phon, skel=rec.skel, abjad=rec.abjad)


def _candidate(index: Index, entity_id: str, score: float, current: bool, method: str,
               rec: AliasRecord) -> Candidate:
    entity = index.entities[entity_id]
    a = rec.alias
    return Candidate(
        id=entity.id, name=entity.name, type=entity.type, score=round(score, 1), alias=a.text, method=method,
        kind=a.kind, lang=a.lang, valid_from=a.valid_from, valid_to=a.valid_to, current=current,
        validity=_validity_text(rec, current), weak=a.weak, shared=a.shared,
    )


def _decide(candidates: tuple[Candidate, ...], threshold: float) -> tuple[str, str]:
    if not candidates:
        return "unmatched", "no alias of the store resembles the query"
    top = candidates[0]
    if top.score < threshold:
        return "unmatched", (f"no candidate reaches the threshold {threshold:g}: best is {top.id} "
                             f"at {top.score:g} via {top.alias!r} ({top.method})")
    if top.weak:
        return "ambiguous", f"only a weak alias matched ({top.alias!r} of {top.id}): many others bear it"
    rivals = [c for c in candidates[1:] if c.score >= top.score - MARGIN and c.score >= threshold - MARGIN
              # a weak alias never links alone, and it does not unsettle an exact or normalized match either:
              # Сирия is Syria, though it sounds like al-Sharaa once vowels merge
              and not (c.weak and top.method in METHOD_SCORES)]
    if top.shared:
        names = ", ".join(c.id for c in candidates[1:] if c.shared and c.score == top.score) or "other entities"
        return "ambiguous", f"{top.alias!r} is shared by {top.id} and {names}"
    if rivals:
        decisive = [c for c in rivals if c.current or not top.current]
        if decisive:
            r = decisive[0]
            return "ambiguous", (f"{top.id} ({top.score:g}) and {r.id} ({r.score:g}) are within {MARGIN:g} "
                                 f"points of each other")
    validity = f"; {top.validity}" if top.validity else ""
    return "matched", f"{top.method} match on {top.alias!r} ({top.kind}{validity}) at {top.score:g}"
