"""Query -> candidates -> scores -> an honest decision: matched, ambiguous or unmatched, with the reason.

Scores are on one scale, 0 to 100, everywhere (Python, HTTP, CLI, CSV):

    100  exact          the alias text itself (case and Unicode form aside)
     98  normalized     same normalized form (articles, titles, diacritics, apostrophes, script aside)
  91-96  transliteration  same phonetic key (96; 91 for names of five letters or fewer, where a vowel
                        is a larger part of the name)
     92  surname        a person's surname alone, in any script (several bearers: ambiguous)
     60  acronym        the initials the name has in another language through the lexicon (FDS, SDG, СДС):
                        a weak signal, shown as a candidate and never linked (service/match/acronyms.py)
 <=95  translation    token alignment in which the lexicon paired words by meaning (ejército = army), for
                        organisations and places; the reason names each pair
 <=95  fuzzy          token alignment: each name token paired with its most similar counterpart, weighted
                        (particles such as abu/bin/of weigh 0.3); a person's middle name missing on one side
                        counts for little. Against a script without short vowels (Arabic) tokens are compared
                        by consonant skeleton and the score is scaled down for short skeletons (align.py).

Decision, with `threshold` (default 90) and a fixed margin of 5 points:
- unmatched: no entity reaches the threshold;
- unmatched too: the best reaches it only through a weak alias, and not as written (Sharia sounds like al-Sharaa);
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
import re
from collections import Counter
from dataclasses import dataclass, fields, replace
from typing import Any

from rapidfuzz.distance import Levenshtein

from service.errors import BadRequest, QueryTooLong
from service.match.acronyms import ACRONYM_SCORE, acronym_key, written_in_capitals
from service.match.align import FUZZY_CAP, MAX_TOKENS, PARTICLES, SYLLABIC_SPELLING, Memo, align, could_pair
from service.match.eastasian import title_type
from service.match.guards import (
    CITY_CONCEPTS,
    SHORT_SOUND_CAP,
    a_city_beside,
    greater_than,
    letters_only,
    long_vowels_differ,
    meanings_differ,
    short_and_only_alike,
    syllables_against_hebrew,
    syllables_only_alike,
)
from service.match.index import AliasRecord, Index, deletions
from service.match.layout import KIND_JOINED, KIND_NORM, KIND_PHON, KIND_TEXT
from service.match.lexicon import Lexicon
from service.match.normalize import Keys, fold, keys, script_of, skeleton_readings, skeleton_token
from service.match.parse import AFTER_ROLE, MONSIEUR, Part, alternatives
from service.match.scripts import SYLLABIC_SCRIPTS, tamil_readings
from service.match.surnames import SURNAME_SCORE, surname_candidates
from service.match.variants import ENDING_SET, LONE_ENDING_SET, stems
from service.store.model import ENTITY_TYPES

MAX_QUERY_LENGTH = 500
MAX_LIMIT = 100
DEFAULT_LIMIT = 5
DEFAULT_THRESHOLD = 90.0
MARGIN = 5.0
SHORT_HANZI = 2  # a Chinese name of this many characters or fewer meets another script's only as written
LONG_VOWELS_CAP = 80.0  # an Arabic-script word the entity's own names write with other long vowels: a candidate
MIDDLE_NAME_CAP = 85.0  # a name in the middle that makes the query another person: a candidate, not a link
REORDERED_CAP = 85.0
SAME_SCRIPT_SPELLING = 0.7  # within a script other than Latin, a word spelled less alike only sounds like another
REORDERED_LOOKUP_WORDS = 4  # up to this many words, a name's other orders (23 at most) are looked up as keys
POSTINGS_CAP = 5000  # a token held by more aliases than this is too common to block on
BLOCK_BUDGET = 20_000  # postings read per query for token blocking, rarest tokens first
BLOCK_LIMIT = 100  # aliases scored by token alignment per query, those sharing the most (and rarest) tokens
STEMMED_BLOCKING = 7  # a Latin word this long also blocks on its stems' skeletons (variants.stems)
CONCEPT_LIMIT = 40  # aliases scored per query for sharing the query's concepts (words by meaning)
METHOD_SCORES = {"exact": 100.0, "normalized": 98.0}
STRICT_METHODS = ("exact", "normalized", "transliteration")
ALIGNED_METHODS = ("fuzzy", "translation")
STATUSES = ("matched", "ambiguous", "unmatched")
CASED_SCRIPTS = frozenset({"Latn", "Cyrl", "Grek", "Armn"})  # alphabets that write an acronym in capitals
# the scripts whose acronyms are their letters (ХТШ) or read as a word (قسد, Qasad; צה"ל): elsewhere an acronym
# spells out the names of its letters
WRITTEN_ACRONYM_SCRIPTS = CASED_SCRIPTS | {"Arab", "Hebr", "Geor"}



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
    evidence: str | None = None  # how a translation or a surname match was made: "ejercito=army, sirio=syria"

    def to_dict(self) -> dict[str, Any]:
        # the fields are texts, numbers, booleans and None: read directly, without dataclasses.asdict's deep copy
        # (which cost as much as resolving an exact hit, on every candidate of every answer)
        return {name: getattr(self, name) for name in _CANDIDATE_FIELDS}


_CANDIDATE_FIELDS = tuple(f.name for f in fields(Candidate))


@dataclass(frozen=True)
class Result:
    query: str
    status: str
    match: Candidate | None
    candidates: tuple[Candidate, ...]
    reason: str
    part: Part | None = None  # the part of a string of several names that matched (service/match/parse.py)

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "status": self.status,
            "match": self.match.to_dict() if self.match else None,
            "candidates": [c.to_dict() for c in self.candidates],
            "reason": self.reason,
            "part": {"text": self.part.text, "how": self.part.how} if self.part else None,
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
# retrieval
# ---------------------------------------------------------------------------------------------------------
def _candidates(index: Index, text: str, q: Keys) -> dict[int, tuple[float, str]]:
    """alias position -> (score, method) for every alias worth scoring."""
    found: dict[int, tuple[float, str]] = {}

    def offer(positions: list[int] | None, score: float, method: str) -> None:
        for pos in positions or ():
            if pos not in found or found[pos][0] < score:
                found[pos] = (score, method)

    # (kind, key, score, method) of each key lookup, made in one query and offered in this order
    lookups = [(KIND_TEXT, fold(text), METHOD_SCORES["exact"], "exact"),
               (KIND_NORM, q.norm, METHOD_SCORES["normalized"], "normalized")]
    letters = len(q.norm.replace(" ", ""))
    consonants = len(q.skel.replace(" ", ""))
    if letters >= 4 and consonants >= 2 and not q.abjad:  # "UAE" has no consonant to compare
        lookups.append((KIND_PHON, q.phon, 96.0 if letters > 5 else 91.0, "transliteration"))
        # Tamil's other readings of a foreign name (ட as t: டிரம்ப், Trump), by sound only
        for reading in tamil_readings(text):
            phon = keys(reading).phon
            if phon != q.phon:
                lookups.append((KIND_PHON, phon, 96.0 if letters > 5 else 91.0, "transliteration"))
        if letters >= 7:  # written joined or apart: Nursultan / Nur-Sultan, Alqaeda / al-Qaeda
            joined = q.phon.replace(" ", "")
            lookups.append((KIND_JOINED, joined, 91.0, "transliteration"))
            # the article, which the normalizer takes off a word written apart, inside a name written as one
            # (Alqaeda, 바샤르알아사드 basharalasad)
            # (a name of three letters or more after it: the key writes every vowel a, and Putilin less its il
            # would be Putin)
            for at in [i for i in range(len(joined) - 4) if joined.startswith("al", i)][:3]:
                lookups.append((KIND_JOINED, joined[:at] + joined[at + 2:], 91.0, "transliteration"))
    held = index.key_records([(kind, key) for kind, key, _, _ in lookups])  # their records read with them
    for positions, (_, _, score, method) in zip(held, lookups, strict=True):
        offer(positions, score, method)
    if any(score >= METHOD_SCORES["normalized"] for score, _ in found.values()):
        # An exact or normalized hit: token blocking could only add fuzzy look-alikes (capped at 95, below any
        # such hit); phonetic rivals (96, 91) are already in. Skipping it keeps exact hits cheap in a large store.
        index.prefetch(found)
        return found
    # Token blocking: aliases sharing a token with the query, up to one slip in the token's skeleton. Only the
    # BLOCK_LIMIT aliases sharing the most query tokens are scored.
    tokens_n, tokens_p = q.norm.split()[:MAX_TOKENS], q.phon.split()[:MAX_TOKENS]
    # particles (abu, bin, of) block on nearly everything and decide nothing: block on the names beside them; so
    # do "city" and "capital" (شهر حما: شهر sounds like the shr of al-Sharaa's many names, which would crowd out
    # Hama's)
    lexicon = index.lexicon
    blocking = [(n, p) for n, p in zip(tokens_n, tokens_p, strict=False)
                if n not in PARTICLES and lexicon.concept(n) not in CITY_CONCEPTS] or list(zip(tokens_n, tokens_p,
                                                                                                  strict=False))
    # (aliases holding a neighbour token, its postings row, the query token it is near), per query token
    sizes: list[tuple[int, int, int]] = []
    latin_script = q.latin and script_of(text) == "Latn"  # the endings of variants.stems are Latin spellings
    for t, (word, token) in enumerate(blocking):
        # a Hebrew letter of two sounds (ב: b or v) is read each way: the store's Latin spellings have one
        near = {key for skel in skeleton_readings(token) for key in deletions(skel or token)}
        if latin_script and len(word) >= STEMMED_BLOCKING:
            # a long word's stems too: an ending of two consonants or more is beyond one slip (Lavrovdan, Lavrov)
            # (one ending taken off, not two: Assadista is no Assad)
            endings = LONE_ENDING_SET if len(tokens_n) == 1 else ENDING_SET
            near |= {skeleton_token(phon) for stem, phon in stems(word, len(tokens_n) == 1)
                     if word[len(stem):] in endings}
        sizes += [(n, row, t) for n, row in index.neighbour_sizes(near) if n <= POSTINGS_CAP]
    # Rarest tokens first, up to a budget of postings: the work per query stays bounded as the store grows,
    # and the tokens that tell names apart are the rare ones. Only the postings kept are read from the file.
    sizes.sort(key=lambda s: s[0])
    kept, words, total = [], [], 0
    for n, row, t in sizes:
        if kept and total + n > BLOCK_BUDGET:
            break
        kept.append(row)
        words.append(t)
        total += n
    # the aliases sharing the most query tokens (near enough: once per query token however many of its near
    # spellings an alias holds), counted by the index over the packed postings
    for pos in index.most_shared(kept, BLOCK_LIMIT, words):
        if pos not in found:
            found[pos] = (0.0, "fuzzy")
    return found  # _resolve_text screens them, then reads the records of those left in one query


def _concept_candidates(index: Index, q: Keys, lexicon: Lexicon) -> list[int]:
    """Aliases of organisations and places that share concepts with the query (Ejército -> army): the
    CONCEPT_LIMIT sharing the most, so a name translated word by word is scored though no word is spelled alike.
    A query of several concepts needs an alias sharing two of them: one common word (Syria) is not a name."""
    concepts = {c for c in (lexicon.concept(t) for t in q.norm.split()[:MAX_TOKENS]) if c}
    # a compound stands for its words: Außenministerium finds the aliases that say foreign and ministry
    concepts |= {part for c in concepts for part in lexicon.parts.get(c, ())}
    if not concepts:
        return []
    votes = Counter(itertools.chain.from_iterable(index.concept_positions(c) for c in sorted(concepts)))
    least = min(2, len(concepts))
    kept = sorted((pos for pos, n in votes.items() if n >= least), key=lambda pos: (-votes[pos], pos))
    return kept[:CONCEPT_LIMIT]


def _is_current(rec: AliasRecord, as_of: dt.date) -> bool:
    return rec.alias.current_at(as_of.isoformat())


def _validity_text(rec: AliasRecord, current: bool, as_of: str | None = None) -> str | None:
    """The alias's validity as judged at as_of: "former name, valid 2012-01-23 to 2016-07-28: in use at
    2014-01-01". None for an alias valid at every date that is not a former name."""
    a = rec.alias
    span = a.validity()
    if span and as_of:
        if current:
            when = f"in use at {as_of}"
        elif a.valid_from and as_of < a.valid_from:
            when = f"not yet in use at {as_of}"
        else:
            when = f"no longer in use at {as_of}"
        span = f"{span}: {when}"
    if a.kind == "former":
        return f"former name, {span}" if span else "former name"
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
    if type is None and query.startswith("《") and query.endswith("》"):
        type = "organization"  # 《俄罗斯报》: the title of a work or a newspaper between Chinese title marks
    result = _resolve_text(index, query, type, limit, threshold, as_of_date)
    if result.status == "matched":
        return _unless_monsieur(index, query, result, type, limit, threshold, as_of_date)
    if result.candidates and result.candidates[0].method == "exact":
        # the string as written is a name of the store (of two entities, or of one with a rival within the margin):
        # it is not read as several names; its parts could only say less than it does
        return result
    parts = alternatives(query, index.lexicon, index.has_code,
                         lambda text: index.other_names(keys(text).norm) is not None)
    if not parts:
        return result
    # the places the parts are said to be in, named by the lexicon or a key (never aligned): a part that needs its
    # place is not resolved when its words name none ("Eastern Company of Kehsevawi")
    places = {p.place: _place_named(index, p.place) for p in parts if p.place}
    parts = [p for p in parts if not (p.place and p.placed and places[p.place] is None)]
    # a part of the type the string says (a title after a name) is resolved with it; never against the caller's
    dated = not _VICE.search(query)  # the office said anywhere in the string, not only in the part
    tried = [(p, _resolve_text(index, p.text, p.type or type, limit, threshold, as_of_date, dated))
             for p in parts if not (type and p.type and p.type != type)]
    # the name after "capital" or "city" is a city's: a country found there is the one the city is of
    tried = [(p, r) for p, r in tried if not (p.city and r.match is not None and index.has_code(r.match.id))]
    # a string that ends with a person's name after a role names that person: what else is found in it (the
    # organisation whose commander he is: Syrian Democratic Forces (SDF) Commander General Mazloum Abdi) is no reading
    if any(p.how == AFTER_ROLE for p, _ in tried):
        tried = [(p, r) for p, r in tried if p.type is not None or r.match is None or r.match.type == "person"]
    # a place before a description is a reading only when the description names a place the store puts it in
    tried = [(p, r) for p, r in tried if not (p.described and r.match is not None and r.match.type == "location"
                                              and not _described_in(index, r.match.id, p.described))]
    # a country's acronym in parentheses qualifies the name around it (Virgin Islands (U.S.)) when that name is
    # matched to nothing and leans to no entity but the country (Korea (DPRK)); a name that is matched stays beside
    # it, and the two decide together (Damascus (USA) is another Damascus: ambiguous)
    leans = {p.text: r.candidates[0].id for p, r in tried if r.candidates}
    matched_texts = {p.text for p, r in tried if r.match is not None}
    tried = [(p, r) for p, r in tried if not (p.qualifies and r.match is not None and index.is_country(r.match.id)
                                              and leans.get(p.qualifies) != r.match.id
                                              and p.qualifies not in matched_texts)]
    return _resolve_parts(query, result, _placed_parts(index, tried, places))


def _described_in(index: Index, entity: str, description: str) -> bool:
    """Whether a word of a description, or two together, names a place the store puts the entity in (Index.places_of:
    "ville de l'est syrien", Syria, for Deir ez-Zor)."""
    where = set(index.places_of(entity))
    words = [w.strip(".,;:()\"“”«»") for w in description.split()]
    return bool(where) and any(_place_named(index, " ".join(words[i:i + n])) in where for n in (1, 2)
                               for i in range(len(words) - n + 1))


def _placed_parts(index: Index, tried: list[tuple[Part, Result]], places: dict[str, str | None],
                  ) -> list[tuple[Part, Result]]:
    """The parts read with the place they are in (Part.place: "Homs, Syria", "الجامع الأموي في دمشق"). Such a
    part's match stands when the store puts that entity in the place (Index.places_of), with the place said in
    how the part was read; a part that needs its place (Part.placed) is no reading otherwise: when its words name no
    place of the store, or the entity is in none or in another. A place the store puts elsewhere is ruled out, in
    every part, when the place said stands beside its own (another city of its country, another country: the
    Umayyad Mosque (Aleppo), Doha (Syria)); an organisation only by another country (Interfax Ukraine, the
    Ukrainian Interfax), as a city after it is where it reports from (TASS (Damascus)) or serves (Syrian Arab Army
    (Homs))."""
    kept: list[tuple[Part, Result]] = []
    ruled_out: set[str] = set()
    for part, r in tried:
        if not part.place:
            kept.append((part, r))
            continue
        place = places[part.place]
        entity = r.match.id if r.match is not None else None
        where = index.places_of(entity) if entity is not None else ()
        if r.match is not None and place is not None and where and place != entity:
            if place in where:
                kept.append((replace(part, how=f"{part.how}, where the store puts {entity}"), r))
                continue
            if _beside(index, r.match.id, where, place) and (r.match.type == "location" or index.has_code(place)):
                ruled_out.add(r.match.id)
                continue
        if not part.placed or (part.origin and r.match is not None and r.match.type == "person" and place is not None):
            # (a person's country said beside his name is where he is from: Sergei Lavrov of Russia, Russia's Lavrov)
            kept.append((part, r))
    return [(p, r) for p, r in kept if r.match is None or r.match.id not in ruled_out]


def _beside(index: Index, entity: str, where: tuple[str, ...], place: str) -> bool:
    """Whether a place of the store stands beside the places an entity is in, so that the entity cannot be in it:
    every place it is in is one of the entity's, and it is neither one of them nor in the entity (Aleppo beside
    Damascus, both in Syria, for Damascus's mosque; Syria for Doha, in Qatar)."""
    around = index.places_of(place)
    return place not in where and entity not in around and set(around) <= set(where)


# concepts of the lexicon that name a kind of place as well as a place: an emirate is one of the Emirates, and
# "Emirate of Abu Dhabi" names the emirate, not the city in the Emirates
PLACE_KINDS = frozenset({"emirates"})


def _place_named(index: Index, text: str) -> str | None:
    """The place of the store these words name: a word the lexicon has for a location (Syria, Syrian, السورية,
    Москве), or the one location an alias of which they are as written or normalized (United Arab Emirates), not
    a code or a short acronym (QAT), and not a name of a place the store does not hold (aliases/others/: Kuwait,
    Estonia). Keys only, never by sound or aligned: a part's place is read for every string it is found in."""
    q = keys(text)
    if not q.norm or index.other_names(q.norm) is not None:
        return None
    if " " not in q.norm:
        concept = index.lexicon.concept(q.norm)
        if concept in PLACE_KINDS:
            return None
        place = index.lexicon.place_of.get(concept or "")
        if place is not None:
            record = index.entity(place)
            return place if record is not None and record.type == "location" else None
    found = index.key_positions([(KIND_TEXT, fold(text)), (KIND_NORM, q.norm)])
    named = {rec.entity_id for rec in map(index.alias, itertools.chain.from_iterable(found))
             if rec.entity_type == "location" and not letters_only(rec)}
    return named.pop() if len(named) == 1 else None


def _unless_monsieur(index: Index, query: str, whole: Result, type: str | None, limit: int, threshold: float,
                     as_of_date: dt.date | None) -> Result:
    """A match of "M. el-Assad" that took M. for a given name's initial (Maher) stands only when the name without
    it, M. read as the French title (Monsieur el-Assad: al-Assad, a short name of Bashar's), names nothing or the
    same entity; else ambiguous."""
    if not query.startswith(MONSIEUR) or len(query) <= len(MONSIEUR) + 1 or whole.match is None:
        return whole
    name = query[len(MONSIEUR):]
    rest = _resolve_text(index, name, type, limit, threshold, as_of_date)
    if rest.status == "unmatched" or (rest.match is not None and rest.match.id == whole.match.id):
        return whole
    best: dict[str, Candidate] = {}
    for c in (*whole.candidates, *rest.candidates):
        if c.id not in best or c.score > best[c.id].score:
            best[c.id] = c
    shown = tuple(sorted(best.values(), key=lambda c: -c.score))
    return Result(query, "ambiguous", None, shown[:limit],
                  f"'M.' is an initial or the French title (Monsieur): as an initial, {whole.reason}; as the title, "
                  f"{name!r} is {rest.status} ({rest.reason})")


def _resolve_parts(query: str, whole: Result, tried: list[tuple[Part, Result]]) -> Result:
    """The answer for a string of several names: matched when its parts that match name one entity and no part
    leans to another; ambiguous when they name several; else the answer for the whole string."""
    # a strict part (a letter taken off a word, the words after "capital") counts only when it matches as written,
    # normalized, by sound, or aligned in full (95): never by a surname or a looser alignment
    tried = [(p, r) for p, r in tried if not p.strict or (r.match is not None and (
        r.match.method in STRICT_METHODS or (r.match.method in ALIGNED_METHODS and r.match.score >= FUZZY_CAP
                                             and not p.keyed)))]
    matched = [(p, r) for p, r in tried if r.match is not None]
    ids = sorted({r.match.id for _, r in matched if r.match is not None})
    leaning = {r.candidates[0].id for _, r in tried if r.status == "ambiguous" and r.candidates} - set(ids)
    if len(ids) == 1 and not leaning:
        part, got = matched[0]
        return Result(query, "matched", got.match, got.candidates, f"the part {part}: {got.reason}", part)
    if len(ids) > 1:
        named = ", ".join(f"{p.text!r} -> {r.match.id}" for p, r in matched if r.match is not None)
        merged = tuple(sorted({c.id: c for _, r in matched for c in r.candidates}.values(), key=lambda c: -c.score))
        return Result(query, "ambiguous", None, merged[: len(whole.candidates) or DEFAULT_LIMIT],
                      f"its parts name different entities: {named}")
    return whole


def _resolve_text(index: Index, query: str, type: str | None, limit: int, threshold: float,
                  as_of_date: dt.date, dated: bool = True) -> Result:
    """The answer for one string as a whole. `dated`: whether a person's dated weak name may link
    (_dated_weak): not when the string the part was read from names another office."""
    q = keys(query)
    if not q.norm:
        return Result(query, "unmatched", None, (), "the query has no letters or digits to match")
    best: dict[str, tuple[float, bool, str, AliasRecord]] = {}  # entity -> (score, current, method, alias)
    evidence: dict[str, str] = {}  # entity -> how a translation or surname match was made
    lexicon = index.lexicon
    found = _candidates(index, query, q)
    # a title or "news agency" after a name in Chinese, Japanese or Korean, which the keys leave out, says what the
    # name is: ロシア外相 (Russia's foreign minister) is a person, not Russia; only an alias as written overrules it
    titled = None if query.isascii() else title_type(query)
    set_aside = 0
    # the query's words as the lexicon finds them inside a run of Chinese, Japanese or Korean (自由 叙利亚 军): for
    # translation only, beside the run as written, which the store's own spellings in that script are keyed by
    segmented = lexicon.segment(query)
    words = keys(segmented) if segmented != query else None
    # an exact or normalized hit outscores anything concepts or a surname could add by more than the margin
    if not any(score >= METHOD_SCORES["normalized"] for score, _ in found.values()):
        for pos in _concept_candidates(index, q, lexicon) + (_concept_candidates(index, words, lexicon)
                                                               if words else []):
            found.setdefault(pos, (0.0, "fuzzy"))
        for pos in surname_candidates(index, q):
            if found.get(pos, (0.0,))[0] < SURNAME_SCORE:
                found[pos] = (SURNAME_SCORE, "surname")
        acronym = acronym_key(query, q.norm)
        for pos in index.concept_positions(acronym) if acronym else ():
            if found.get(pos, (0.0,))[0] < ACRONYM_SCORE:
                found[pos] = (ACRONYM_SCORE, "acronym")
    script = script_of(query)
    # an acronym in another script may meet one by sound, letter for letter: ХТШ, HTS (not KUWAIT, QAT)
    capitals = len(query.strip().replace(".", "")) if written_in_capitals(query) else 0
    memo, words_memo = Memo(), Memo()  # what this query's alignments share (and the segmented words' own)
    # Most aliases token blocking brings up pair no word with the query's and would score 0: screened on their
    # keys alone (their words bounded all at once, then each alias), they are dropped before their records are
    # read or they are aligned
    unscored = [pos for pos, (score, method) in found.items() if method == "fuzzy" and score <= 0]
    held = index.alias_keys(unscored)
    screened = [(norm, phon, abjad, alias_script in SYLLABIC_SCRIPTS)
                for norm, phon, abjad, alias_script in held.values()]
    memo.screen(q, screened)
    if words is not None:
        words_memo.screen(words, screened)
    for pos, (norm, phon, abjad, syllabic) in zip(held, screened, strict=True):
        if not could_pair(q, norm, phon, abjad, syllabic, lexicon, memo) and not (
                words is not None and could_pair(words, norm, phon, abjad, syllabic, lexicon, words_memo)):
            del found[pos]
    index.prefetch(found)
    for pos, (score, method) in sorted(found.items()):  # in store order: ties resolve the same every run
        rec = index.aliases[pos]
        etype = rec.entity_type
        if type is not None and etype != type:
            continue
        if titled is not None and etype != titled[1] and method != "exact":
            set_aside += 1
            continue
        if method in STRICT_METHODS and rec.alias.kind == "acronym" and rec.script != script and (
                (not capitals and script in CASED_SCRIPTS) or (script == "Latn" and rec.script != "Cyrl")):
            # another script's acronym is read as one only in capitals (ООН: OON, not Oon), and in Latin letters
            # only Cyrillic's, as Russian is transliterated (OON): ΗΠΑ, the Greek USA, is no IPA, nor ΟΗΕ the OIE
            continue
        if method not in METHOD_SCORES and rec.script in SYLLABIC_SCRIPTS and (
                (method == "surname" and script not in SYLLABIC_SCRIPTS) or len(rec.alias.text.strip()) <= SHORT_HANZI):
            # a name of two Chinese characters, or Japanese kanji read as Chinese, read a syllable at a time,
            # sounds like too much: 沙拉 (Shara) like Chili, 国連 (guolian) like Golan and 戈兰 (gelan)
            continue
        if method not in METHOD_SCORES and letters_only(rec) and capitals != len(rec.alias.text.replace(".", "")):
            continue  # a code or a short acronym is its letters: QAT is not Kuwait, though they sound alike
        if method not in METHOD_SCORES and rec.alias.kind == "acronym" and script in CASED_SCRIPTS and (
                rec.script not in WRITTEN_ACRONYM_SCRIPTS):
            # an acronym written as the names of its letters (एसडीएफ es-di-ef, ኤችቲኤስ) only sounds like a word of
            # an alphabet that writes acronyms in capitals: Asadův (Czech, Assad's) is not the SDF
            continue
        if method == "transliteration" and (q.syllabic or rec.script in SYLLABIC_SCRIPTS) and (
                rec.script != script or Levenshtein.normalized_similarity(q.norm, rec.norm) < SYLLABIC_SPELLING):
            # unidecode spells Chinese, Japanese and Korean a syllable at a time, vowels and glides everywhere: once
            # they merge, 塞尔维亚 (Serbia) sounds like Syria. Across scripts such names are aligned, never keyed;
            # within Chinese, only when also spelled alike (哈马斯, Hamas, merges with 霍姆斯, Homs).
            score, method = 0.0, "fuzzy"
        # within one script other than Latin, whose spellings of a name vary little, a word only sounding like
        # another is aligned, not keyed, and at most a candidate (Тартсуе, a misprint of Тартусе, and Турция meet on
        # tarsa)
        spelled_apart = (script == rec.script and script not in ("Latn", "Zyyy") and not q.abjad and " " not in q.norm
                         and " " not in rec.norm and method in ("transliteration", "fuzzy")
                         and Levenshtein.normalized_similarity(q.norm, rec.norm) < SAME_SCRIPT_SPELLING)
        if spelled_apart and method == "transliteration":
            score, method = 0.0, "fuzzy"
        if method == "transliteration" and etype != "person" and meanings_differ(q.norm, rec.norm, lexicon):
            # one sound, two words the lexicon tells apart (Western Army, Eastern Army: w is a vowel's glide to
            # the phonetic key): aligned, which does not pair them, not keyed
            score, method = 0.0, "fuzzy"
        said = ""
        if method == "fuzzy" or score < FUZZY_CAP:
            place = etype == "location"
            aligned = align(q, _alias_keys(rec), etype == "person", lexicon, place, memo)
            if words is not None and etype != "person":
                aligned = max(aligned, align(words, _alias_keys(rec), False, lexicon, place, words_memo),
                              key=lambda a: a.score)
            if aligned.score > score:
                if place and a_city_beside(q.norm, rec.norm, lexicon) and index.has_code(rec.entity_id):
                    continue  # "city" said beside a country's name names its city (Kuwait City), not the country
                score, method = aligned.score, "translation" if aligned.translated else "fuzzy"
                said = ", ".join(f"{word}={concept}" for word, concept in aligned.translated)
        if method not in METHOD_SCORES and etype == "location" and greater_than(q.norm, rec.norm, lexicon):
            continue  # Greater Idlib is the region around the city
        if method not in METHOD_SCORES and syllables_against_hebrew(script, rec):
            continue  # バセル (Basel) and בשאר (Bashar) only meet through what neither writes
        if method in ("transliteration", "fuzzy") and (short_and_only_alike(q, rec) or spelled_apart):
            score = min(score, SHORT_SOUND_CAP)  # Sara, Sura only sound like Syria
        if method in ("transliteration", "fuzzy", "surname") and syllables_only_alike(script, q, rec):
            score = min(score, SHORT_SOUND_CAP)  # Bashan (baxan) only sounds like プーチン (puchin: baxan)
        if score <= 0:
            continue
        if method == "surname":
            said = f"the surname in {rec.alias.text!r}"
        elif method == "acronym":
            said = f"the initials of {rec.alias.text!r} in another language"
        current = _is_current(rec, as_of_date)
        # prefer, for one entity: higher score, then a strong alias, then a current one
        rank = (score, not (rec.alias.weak or rec.alias.shared), current)
        held = best.get(rec.entity_id)
        if held is None or rank > (held[0], not (held[3].alias.weak or held[3].alias.shared), held[1]):
            best[rec.entity_id] = (score, current, method, rec)
            evidence[rec.entity_id] = said
    if script == "Arab" and q.abjad and " " not in query.strip():
        _other_long_vowels(index, query, q, best, evidence, threshold)
    _middle_names(index, q, best, evidence, threshold)
    for eid in _reordered(index, q, best):
        score, current, method, rec = best[eid]
        best[eid] = (min(score, REORDERED_CAP), current, method, rec)
    ordered = sorted(best.items(), key=lambda kv: (-kv[1][0], not kv[1][1], kv[0]))
    # the decision weighs every rival, not only the `limit` shown: limit=1 must not turn a tie into a match
    top = ordered[0][1][0] if ordered else 0.0
    shown = [kv for i, kv in enumerate(ordered) if i < limit or kv[1][0] >= top - MARGIN]
    candidates = tuple(_candidate(eid, *held, evidence.get(eid) or None, as_of=as_of_date.isoformat())
                       for eid, held in shown)
    status, reason = _decide(candidates, threshold, dated=dated and not _VICE.search(query))
    if not candidates and set_aside and titled is not None:
        reason = (f"{titled[0]!r} after the name makes it a {titled[1]}: no {titled[1]} of the store resembles it "
                  f"({set_aside} alias(es) of other types set aside)")
    if status != "unmatched" and candidates[0].method not in METHOD_SCORES:
        other = index.other_names(q.norm)
        if other is not None:  # the name of something the store does not hold, not a spelling of a store name
            status, reason = "unmatched", (f"{query!r} is a name of {other}, which the store does not hold "
                                           f"(aliases/others/); {candidates[0].id} at {candidates[0].score:g} "
                                           f"only resembles it ({candidates[0].method})")
    return Result(query, status, candidates[0] if status == "matched" else None, candidates[:limit], reason)


def _other_long_vowels(index: Index, query: str, q: Keys, best: dict[str, tuple[float, bool, str, AliasRecord]],
                       evidence: dict[str, str], threshold: float) -> None:
    """A one-word Arabic-script query found by sound or spelling alike (not as written or normalized) is capped
    under the threshold where the entity's own names in Arabic script write it with the same consonants and
    another ending (guards.long_vowels_differ): الجولان (the Golan) sounds like al-Jolani, and the store writes
    him الجولاني."""
    suspects = [eid for eid, (score, _, method, _) in best.items()
                if method not in METHOD_SCORES and score >= threshold - MARGIN]
    if not suspects:
        return
    for eid, records in index.aliases_of_many(suspects).items():
        own = [r.alias.text for r in records if r.script == "Arab" and r.abjad]
        if own and long_vowels_differ(query, own):
            score, current, method, rec = best[eid]
            best[eid] = (min(score, LONG_VOWELS_CAP), current, method, rec)
            evidence[eid] = "its names in Arabic script end these consonants otherwise"


def _middle_names(index: Index, q: Keys, best: dict[str, tuple[float, bool, str, AliasRecord]],
                  evidence: dict[str, str], threshold: float) -> None:
    """A person found with one name more in the middle of the query than in the alias (align counts it for little:
    Asma Fawaz al-Assad, Donald John Trump) is capped under the threshold when that name says another person:
    with the surname it is a name of another person of the store (Hafez Bashar al-Assad, the son of Bashar
    al-Assad, named after his grandfather), or the store gives this person another name in that place (Ahmed
    Hussein al-Sharaa: Ahmed Mohammed al-Sharaa is someone else)."""
    words = q.norm.split()
    if len(words) != 3:
        return
    first, middle, last = words
    if len(middle) < 4:  # an initial or an article: align pairs it or counts it in full, as before
        return
    suspects = [eid for eid, (score, _, method, rec) in best.items() if rec.entity_type == "person"
                and method == "fuzzy" and score >= threshold - MARGIN and len(rec.norm.split()) == 2]
    if not suspects:
        return
    named = keys(f"{middle} {last}")  # the people the middle name and the surname name, looked up once
    bearers = {rec.entity_id for found in index.key_positions([(KIND_NORM, named.norm), (KIND_PHON, named.phon)])
               for rec in map(index.alias, found) if rec.entity_type == "person"}
    for eid, records in index.aliases_of_many(suspects).items():
        score, current, method, rec = best[eid]
        other = bearers - {eid}
        own = {w[1] for w in (r.norm.split() for r in records) if len(w) == 3 and w[0] == first and w[2] == last}
        if other or (own and middle not in own):
            best[eid] = (min(score, MIDDLE_NAME_CAP), current, method, rec)
            evidence[eid] = (f"{middle!r} with the surname names {sorted(other)[0]}" if other
                             else f"the store gives this person another middle name ({', '.join(sorted(own))})")


def _reordered(index: Index, q: Keys, best: dict[str, tuple[float, bool, str, AliasRecord]]) -> list[str]:
    """Organisations and places with an English alias of the query's very words in another order: "Syrian Free
    Army" is not "Free Syrian Army". English orders its adjectives one way; languages that place them freely
    (Ejército Sirio Libre, Ejército Libre Sirio) do not mark another name by the order."""
    words = q.norm.split()
    if len(words) < 2:
        return []
    # a match as written, normalized or by its sound (transliteration: the keys of an alias word for word, in the
    # query's order: Front al-Nusra, Front al-Nosra) is of an alias in the query's own order
    checked = [eid for eid, (score, _, method, rec) in best.items()
               if not (method in STRICT_METHODS or score <= REORDERED_CAP or rec.entity_type == "person")]
    if not checked:
        return []
    if len(words) <= REORDERED_LOOKUP_WORDS:
        # the query's words in every other order, looked up as normalized keys (one query): an alias with them
        # is one of these; its entity's other aliases are never read
        orders = sorted({" ".join(p) for p in itertools.permutations(words)} - {q.norm})
        held_by: dict[str, list[AliasRecord]] = {}
        positions = [pos for found in index.key_positions([(KIND_NORM, o) for o in orders]) for pos in found]
        index.prefetch(positions)
        for pos in positions:
            rec = index.alias(pos)
            held_by.setdefault(rec.entity_id, []).append(rec)
        return [eid for eid in checked if any(rec.alias.lang in (None, "en") for rec in held_by.get(eid, ()))]
    held = index.aliases_of_many(checked)  # every entity's aliases in two queries, not two an entity
    return [eid for eid in checked
            if any(rec.norm != q.norm and sorted(rec.norm.split()) == sorted(words) and rec.alias.lang in (None, "en")
                   for rec in held[eid])]


def _alias_keys(rec: AliasRecord) -> Keys:
    return Keys(norm=rec.norm, phon=rec.phon, skel=rec.skel, abjad=rec.abjad, syllabic=rec.script in SYLLABIC_SCRIPTS)


def _candidate(entity_id: str, score: float, current: bool, method: str, rec: AliasRecord,
               evidence: str | None = None, *, as_of: str | None = None) -> Candidate:
    a = rec.alias
    return Candidate(
        id=entity_id, name=rec.entity_name, type=rec.entity_type, score=round(score, 1), alias=a.text, method=method,
        kind=a.kind, lang=a.lang, valid_from=a.valid_from, valid_to=a.valid_to, current=current,
        validity=_validity_text(rec, current, as_of), weak=a.weak, shared=a.shared, evidence=evidence,
    )


# another office than the head of state's said with a name (vice, minister, military ranks, ambassador, in the
# languages of the news): not the one person the dated weak name stands for (Farouk al-Sharaa was vice-president
# and foreign minister; other al-Sharaas are officers)
_VICE = re.compile(r"(?i)vice|вице|віце|wice|vize|نائب|副|부통령|minist|министр|міністр|bakan|وزير|وزیر|colonel|"
                   r"brigad|general|генерал|ambassador|посол|sefir|سفير|commander|قائد|لواء|عميد|عقيد|officer|"
                   r"major\b|captain|lieutenant|sheikh|шейх|شيخ")


def _dated_weak(top: Candidate) -> bool:
    """A person's weak short name the store dates (valid_from), matched as written or normalized while current:
    from that date the name alone names this person in the news (al-Sharaa, Ahmed's since 2024-12-06), though
    others bear it (Farouk al-Sharaa): by sound it stays weak (Shura, Sharia), and before that date ambiguous."""
    return top.weak and top.type == "person" and bool(top.valid_from) and top.current and (
        top.method in ("exact", "normalized"))


def _decide(candidates: tuple[Candidate, ...], threshold: float, dated: bool = True) -> tuple[str, str]:
    if not candidates:
        return "unmatched", "no alias of the store resembles the query"
    top = candidates[0]
    if top.method == "acronym":
        return "unmatched", (f"only the initials of a translation fit: {top.alias!r} of {top.id} in another "
                             "language; a weak signal, never linked (add the acronym to the store to link it)")
    if top.score < threshold:
        return "unmatched", (f"no candidate reaches the threshold {threshold:g}: best is {top.id} "
                             f"at {top.score:g} via {top.alias!r} ({top.method})")
    if top.weak and top.method not in METHOD_SCORES:
        return "unmatched", (f"only a weak alias resembles the query ({top.alias!r} of {top.id}, {top.method}): a "
                             "name many bear, and not as written")
    if top.weak and not (dated and _dated_weak(top)):
        return "ambiguous", f"only a weak alias matched ({top.alias!r} of {top.id}): many others bear it"
    rivals = [c for c in candidates[1:] if c.score >= top.score - MARGIN and c.score >= threshold - MARGIN
              # a weak alias never links alone, and it does not unsettle an exact or normalized match either:
              # Сирия is Syria, though it sounds like al-Sharaa once vowels merge
              and not (c.weak and top.method in METHOD_SCORES)
              # a surname inferred from a full name does not unsettle a name the store holds as written: the
              # curated short alias "Assad" (Bashar's) decides over the other al-Assads
              and not (c.method == "surname" and top.method != "surname")]
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
    how = f"translation via lexicon: {top.evidence}; " if top.method == "translation" and top.evidence else ""
    if top.method == "surname":
        how = f"a surname alone, borne by one person in the store ({top.evidence}); "
    if top.weak:
        how = f"a name others bear too, this person's alone from {top.valid_from}; "
    return "matched", f"{how}{top.method} match on {top.alias!r} ({top.kind}{validity}) at {top.score:g}"
