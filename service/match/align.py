"""Scoring one alias against a query: weighted token alignment, 0 to 100.

Each query token is paired with its most similar alias token, then what is left over on either side is weighed:
particles (abu, bin, of) weigh 0.3, an initial 0.5; in names of organisations and places, generic qualifiers and
function words said on one side only weigh 0.1. Tokens pair by spelling (the same normalized or phonetic form),
by a looser reading (another language's convention, an ending, a short vowel; service/match/variants.py), by a
word written as one or two, across scripts by the consonants Arabic writes, and, for organisations and places
only, by meaning through the lexicon. Across scripts a match on consonants alone is discounted by how few they
are; a person's name in another order, or an organisation's very words reordered, loses points.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein, Prefix

from service.match.lexicon import EMPTY, Lexicon
from service.match.normalize import Keys, phonetic_token, skeleton_token
from service.match.scripts import AMBIGUOUS_LETTERS
from service.match.variants import respellings, stem_of, stems_by_key, vowel_inserted

MAX_TOKENS = 12
FUZZY_CAP = 95.0
TOKEN_MIN_SIMILARITY = 0.85
# Russian case endings as they look in the phonetic key (-а/-я/-у/-е/-ы -> a, -ом/-ем -> am, -ого -> aja ...)
INFLECTIONS = ("aja", "ama", "am", "a", "ah")
# a demonym or adjective beside its place: Russia/Russian, Syria/Syrian, Iraq/Iraqi
DEMONYM_SUFFIXES = ("n", "an", "ian", "i", "ese")
# qualifiers that names of organisations and places add or leave out without naming something else
GENERIC = frozenset({"great", "grand", "news", "agency", "official", "holy", "noble", "affairs"})
# words that join the words of a name in many languages (romanized): de, der, of, и, po
FUNCTION_WORDS = frozenset({"de", "del", "della", "degli", "dei", "delle", "di", "da", "das", "dos", "do", "der", "die",
                            "des", "den", "dem", "het", "van", "von", "of", "the", "la", "las", "los", "le", "les",
                            "et", "y", "e", "i", "and", "und", "en", "per", "pour", "para", "por", "for", "po", "dla",
                            "za", "v", "na", "w", "z", "ve", "va", "ha", "dlya", "al", "wa", "ki", "ka", "ke", "a", "o",
                            "du", "au", "aux", "zu", "zum", "zur", "fur", "fuer", "im", "vom", "nel", "no", "d", "l",
                            "pro", "ng", "dels", "ton", "tes", "tu"})
# the same in every language of the lexicon; "body" is organisation / committee / assembly (تنظيم القاعدة)
GENERIC_CONCEPTS = frozenset({"great", "news", "agency", "news_agency", "affairs", "body"})
# against a place, the words that make an organisation's name are not generic: the Syrian news agency is not Syria
PLACE_GENERIC = frozenset({"great", "grand", "holy", "noble"})
PLACE_GENERIC_CONCEPTS = frozenset({"great", "city", "capital"})  # not governorate, province, region: another entity
GENERIC_WEIGHT = 0.1
LEXICON_SIMILARITY = 0.95
LOOSE_READINGS = 0.5  # how alike two words must sound before their looser readings are tried
SYLLABIC_SPELLING = 0.7  # how alike a syllable-by-syllable spelling must be spelled to meet another script by sound
PARTICLES = frozenset({"abu", "umm", "bin", "bint", "abd", "of", "and", "the", "de", "des", "du", "la", "le",
                       "for", "in", "von", "van", "der", "al"})


def _token_weight(norm_token: str) -> float:
    if norm_token in PARTICLES:
        return 0.3
    return 0.5 if len(norm_token) == 1 else 1.0  # an initial


def abjad_consistent(abjad: str, latin: str) -> bool:
    """Could this Arabic-script phonetic token be that Latin one with its short vowels unwritten?
    Long vowels are written in Arabic, so they must be there in the Latin spelling too: بشار (bsar) fits
    Bashar (basar) but not Bushra (basra). The letters of a long vowel, y or w and an alif after it, may be
    read as the Latin vowel they stand for, which the phonetic key writes a: ريا (rya) fits RIA (ra)."""
    return bool(abjad) and bool(latin) and _fits(abjad, latin, 0, 0)


def _fits(abjad: str, latin: str, i: int, j: int) -> bool:
    while j < len(latin):
        ch = latin[j]
        if i < len(abjad) and (abjad[i] == ch or ch in AMBIGUOUS_LETTERS.get(abjad[i], "")):
            i, j = i + 1, j + 1
            continue
        if ch != "a":
            return False
        if i < len(abjad) and abjad[i] in "yw" and _fits(abjad, latin, i + 1 + (abjad[i + 1:i + 2] == "a"), j + 1):
            return True  # the glide, and an alif after it, are this vowel
        j += 1  # a short vowel Arabic does not write
    return i == len(abjad)


def ghayn_for_g(abjad_norm: str, abjad: str, latin: str) -> bool:
    """Arabic writes a foreign name's first g with ghayn (غوتيريس, Guterres; غورباتشوف, Gorbachev), which the key
    reads k, as it does qaf; the Latin g is j: an Arabic-script word that begins with ghayn fits a Latin one that
    begins with that j (only ghayn: قاسم, Qasim, is not Jasim)."""
    return (abjad_norm.startswith("gh") and abjad.startswith("k") and latin.startswith("j")
            and abjad_consistent("j" + abjad[1:], latin))


def declined(a: str, b: str) -> bool:
    """b is a plus a Russian case ending, or both end differently on the same stem."""
    for ending in INFLECTIONS:
        if b.endswith(ending) and b[: -len(ending)] in (a, a.rstrip("a")) and len(a) >= 3:
            return True
    return False


def _token_similarity(q: Keys, qn: str, qp: str, an: str, ap: str, a_abjad: bool, single: bool,
                      a_syllabic: bool = False) -> float:
    """0..1 similarity of a query token and an alias token, given normalized (n) and phonetic (p) forms.
    `single`: the query is one token, so nothing else in it can confirm a loose reading."""
    if qn == an:
        return 1.0
    if q.syllabic != a_syllabic and (q.abjad or a_abjad):
        return 0.0  # a syllable-by-syllable spelling and a script without short vowels have nothing to compare
    if q.abjad != a_abjad:
        abjad, latin = (qp, ap) if q.abjad else (ap, qp)
        if abjad_consistent(abjad, latin) or (ghayn_for_g(qn if q.abjad else an, abjad, latin)):
            return 1.0
        qs, as_ = skeleton_token(qp), skeleton_token(ap)
        if not qs or not as_:
            return 0.0
        return 0.8 * Levenshtein.normalized_similarity(qs, as_)  # consonants alone: never full trust
    if min(len(qn), len(an)) <= 3 and len(qn) != 1 and len(an) != 1:
        return 0.0  # short tokens and acronyms: the same letters or nothing (SOR is not SYR)
    if q.syllabic != a_syllabic or q.syllabic:
        # a syllable-by-syllable spelling meets a name of another script by sound only when it is also spelled
        # alike: 巴沙尔 (bashaer) is Bashar, 塞尔维亚 (saierweiya) is not Syria, though both merge to one key; and
        # two such spellings likewise: 哈马斯 (hamasi, Hamas) is not 霍姆斯 (huomusi, Homs)
        spelled = Levenshtein.normalized_similarity(qn, an)
        alike = qp == ap and spelled >= SYLLABIC_SPELLING and not (
            q.syllabic != a_syllabic and a_for_another_vowel(an if a_syllabic else qn, qn if a_syllabic else an))
        return 1.0 if alike else (spelled + Levenshtein.normalized_similarity(qp, ap)) / 2
    if len(qn) == 1 or len(an) == 1:  # an initial stands for a word with that first letter, not for an acronym,
        # and alone it names nothing ("O" is a Portuguese article, not ОАЭ)
        return 0.9 if qn[0] == an[0] and max(len(qn), len(an)) > 3 and not single else 0.0
    if qp == ap:
        return 1.0
    if q.inflected and declined(ap, qp):  # the query declined, the alias in the nominative
        return 0.95
    for a, b in ((qn, an), (an, qn)):
        if b.startswith(a) and b[len(a):] in DEMONYM_SUFFIXES and len(a) >= 4:
            return 0.95
    by_sound = Levenshtein.normalized_similarity(qp, ap)
    if q.latin and by_sound >= LOOSE_READINGS:  # words that sound nothing alike have no looser reading; and the
        # conventions and endings are those of Latin spellings (라타키아주 is Latakia province, not Latakia)
        if ap in respellings(qn):  # another language's convention: Culani, Lawrow, Baszar
            return 0.95
        if not q.inflected and stem_of(qn, an, ap, single):  # an ending on the query's word: Esad'ın, ordusu
            return 0.92
        if not single and abs(len(qp) - len(ap)) == 1 and vowel_inserted(qp, ap):  # Fath / Fateh
            return TOKEN_MIN_SIMILARITY + 0.01
    # phonetic similarity alone flatters (vowels are merged); the spelling keeps it honest
    return (by_sound + Levenshtein.normalized_similarity(qn, an)) / 2


def a_for_another_vowel(syllables: str, other: str) -> bool:
    """A syllable-by-syllable spelling (pinyin: 巴沙尔 bashaer) writes an a where the other spelling, of a script
    that writes its vowels, has an i or a u: Chinese renders a name's a with a syllable in a (ba, sha, la) and its
    i or u with one in i or u (xi, li, lu), so 巴沙尔 is Bashar, Bachar or Beşar, not Bashir. Its other vowels say
    less (the e of 尔 er and 德 de, the i of 兹 zi, stand for no vowel)."""
    return any(tag == "replace" and syllables[i] == "a" and other[j] in "iu"
               for tag, i, j in Levenshtein.editops(syllables, other))


def _compounds(qn: Sequence[str], qp: Sequence[str], an: Sequence[str], ap: Sequence[str], cq: list[str | None],
               ca: list[str | None], lexicon: Lexicon, joins: bool = True, memo: Memo | None = None,
               ) -> list[tuple[tuple[int, ...], tuple[int, ...], bool]]:
    """Words one side writes as one and the other as two (Nordfront / Nord Front; Außenministerium / Foreign
    Ministry through the lexicon): (query positions, alias positions, by the lexicon). `joins`: also by spelling
    (not across a script without short vowels, where only the lexicon's pairings count). `memo`: the query's
    (see align): what the query's words are, and what each pair of alias words and each alias word joins."""
    out: list[tuple[tuple[int, ...], tuple[int, ...], bool]] = []
    if memo is None:
        memo = Memo()
    facts = memo.facts(qn, qp)
    # a word written as one is about as long as its two parts together, so the joined keys of a side (a phonetic
    # key per neighbouring pair, the larger part of scoring a candidate met once) are built only when the other
    # side has a word that long
    if joins and len(an) > 1 and facts.longest >= _shortest_pair(an) - JOIN_SLACK:
        met = [memo.pair(an[j], an[j + 1], qn, qp) for j in range(len(an) - 1)]
        if met.count(None) < len(met):  # most pairs join no query word: nothing to look through
            for i in range(len(qn)):
                found = [j for j, m in enumerate(met) if m is not None and i in m[0]]
                if not found and len(qn[i]) >= 6:
                    found = [j for j, m in enumerate(met) if m is not None and i in m[1]]
                out.extend(((i,), (j, j + 1), False) for j in found)
    for i in facts.parted(cq, lexicon):
        parts = lexicon.parts[cq[i] or ""]
        where = [next((j for j in range(len(an)) if ca[j] == p), None) for p in parts]
        if all(j is not None for j in where) and len(set(where)) == len(where):
            out.append(((i,), tuple(j for j in where if j is not None), True))
    if (joins and len(qn) > 1 and max(map(len, an)) >= facts.shortest - JOIN_SLACK
            and any(t in facts.joined or (len(t) >= 6 and p in facts.joined) for t, p in zip(an, ap, strict=True))):
        for j in range(len(an)):
            out.extend(((i, i + 1), (j,), False) for i in memo.word(an[j], ap[j], facts))
    return out


class _Facts:
    """A query's words as _compounds reads them, once per query."""

    __slots__ = ("longest", "shortest", "pairs", "joined", "said", "heard", "_parted")

    def __init__(self, qn: Sequence[str], qp: Sequence[str]):
        self.longest = max(map(len, qn))
        self.shortest = _shortest_pair(qn) if len(qn) > 1 else 0
        self.pairs = [_joined_pair(qn[i], qn[i + 1]) for i in range(len(qn) - 1)]
        self.joined = frozenset().union(*self.pairs)  # every pair of query words written as one, every way
        self.said = frozenset(qn) | frozenset(qp)  # what a pair of alias words written as one may be
        # liquids -> the first letters of the query words that have them
        self.heard: dict[str, set[str]] = {}
        for t in self.said:
            self.heard.setdefault(_liquids_of(t), set()).add(t[0])
        self._parted: dict[tuple[int, tuple[str | None, ...]], tuple[int, ...]] = {}

    def may_join(self, first: str, second: str) -> bool:
        """Whether joinable(first, second) may hold a query word, without making any phonetic key."""
        return (first + second in self.said or first + "al" + second in self.said
                or any(self._heard(first, second)))

    def joinable(self, first: str, second: str) -> tuple[str, ...]:
        """The ways two neighbouring alias words written as one may be a query word: the spellings (as one, and
        with the article between them) and those of their phonetic keys that _heard keeps. The keys left out
        are no query word."""
        ways = (first + second, first + "al" + second)
        return ways + tuple(phonetic_token(word) for word, kept in zip(ways, self._heard(first, second),
                                                                       strict=True) if kept)

    def _heard(self, first: str, second: str) -> tuple[bool, bool]:
        """Whether the phonetic key of the two written as one (and with the article between them) may be a
        query word: whether a query word has its l, m, n and r (_liquids: the parts', one run where they meet;
        with the article, its l) and its first letter (a vowel's is a, an l, m, n or r's its own: no rule of
        phonetic_token reaches it)."""
        head, tail = _liquids(first), _liquids(second)
        opening = "a" if first[0] in "aeiou" else first[0] if first[0] in "lmnr" else ""
        as_one = self.heard.get(head + (tail[1:] if second[0] in "lmnr" and first[-1] == second[0] else tail))
        with_article = self.heard.get(head + "l" + (tail[1:] if second[0] == "l" else tail))
        return (as_one is not None and (not opening or opening in as_one),
                with_article is not None and (not opening or opening in with_article))

    def parted(self, cq: list[str | None], lexicon: Lexicon) -> tuple[int, ...]:
        """The query words whose concept the lexicon writes in several words (Außenministerium)."""
        key = (id(lexicon), tuple(cq))  # a person's words are read without the lexicon
        found = self._parted.get(key)
        if found is None:
            found = self._parted[key] = tuple(i for i, c in enumerate(cq) if len(lexicon.parts.get(c or "", ())) > 1)
        return found


class Memo:
    """What one query's alignments share: the matcher keeps one per query (the query's Keys) and passes it to
    each of its alignments. Token blocking brings up aliases that share the query's words, so the same alias
    word, and the same pair of them, comes back candidate after candidate: what it was found to be against the
    query's words is remembered here for the query's time."""

    __slots__ = ("similarities", "below", "_pairs", "_words", "_facts", "_concepts")

    def __init__(self) -> None:
        # (alias token, its phonetic key, abjad, syllabic) -> its similarity with each query token
        self.similarities: dict[tuple[str, str, bool, bool], tuple[float, ...]] = {}
        # alias tokens (as keyed above) known to be less similar than TOKEN_MIN_SIMILARITY to every query token
        self.below: set[tuple[str, str, bool, bool]] = set()
        self._pairs: dict[tuple[str, str], tuple[frozenset[int], frozenset[int]] | None] = {}
        self._words: dict[tuple[str, str], tuple[int, ...]] = {}
        self._facts: _Facts | None = None
        self._concepts: dict[int, tuple[list[str | None], bool, bool]] = {}

    def screen(self, q: Keys, aliases: Sequence[tuple[str, str, bool, bool]]) -> None:
        """Learn which tokens of these aliases ((norm, phon, abjad, syllabic) each) are below
        TOKEN_MIN_SIMILARITY against every query token; could_pair skips them, and computes the similarities of
        the others one by one. The aliases token blocking brings up share the query's skeletons, not its words:
        most of their words are set aside here. _token_similarity, case by case, for a word not the query's own:
          - a syllable-by-syllable spelling against a script without short vowels is 0;
          - across scripts otherwise it is 1.0 only when the consonants fit (abjad_consistent), else at most 0.8:
            set aside when their consonants (_consonants) are none of the query words';
          - a word of two or three letters is 0 (against an initial, at most 0.5); an initial is 0.9 only for a
            query word of more than three letters with that first letter, in a query of several words, and in
            the same kind of script (a syllable-by-syllable spelling against another: at most 0.5);
          - a word of four letters or more is bounded with all the others at once (_screened), unless the query
            declines (a declined word meets its nominative by an ending the bound does not see)."""
        qn, qp, _ = _tokens(q.norm, q.phon)
        if not qn or len(qn) != len(qp):
            return
        known, below = self.similarities, self.below
        said = set(qn)
        heard = {_consonants(p) for p in qp}
        initials = {t[0] for t in qn if len(t) > 3} if len(qn) > 1 else set()
        new: dict[tuple[str, str, bool, bool], None] = {}
        for norm, phon, abjad, syllabic in aliases:
            an, ap = norm.split()[:MAX_TOKENS], phon.split()[:MAX_TOKENS]
            if len(an) != len(ap):
                continue
            for t, p in zip(an, ap, strict=True):
                key = (t, p, abjad, syllabic)
                if t in said or key in known or key in below:
                    continue
                if syllabic != q.syllabic and (abjad or q.abjad):
                    below.add(key)
                elif abjad != q.abjad:
                    if _consonants(p) not in heard:
                        below.add(key)
                elif len(t) >= 4:
                    if not q.inflected:
                        new[key] = None
                elif len(t) > 1 or syllabic != q.syllabic or t not in initials:
                    below.add(key)
        if new:
            below.update(_screened(qn, qp, list(new)))

    def concepts(self, qn: Sequence[str], lexicon: Lexicon) -> tuple[list[str | None], bool, bool]:
        """The query words' concepts in this lexicon; whether any has one; whether any has parts."""
        found = self._concepts.get(id(lexicon))
        if found is None:
            cq = [lexicon.concept(t) for t in qn]
            found = self._concepts[id(lexicon)] = (cq, any(c is not None for c in cq),
                                                   any(c in lexicon.parts for c in cq))
        return found

    def facts(self, qn: Sequence[str], qp: Sequence[str]) -> _Facts:
        if self._facts is None:
            self._facts = _Facts(qn, qp)
        return self._facts

    def pair(self, first: str, second: str, qn: Sequence[str], qp: Sequence[str],
             ) -> tuple[frozenset[int], frozenset[int]] | None:
        """The query words (by position) that two neighbouring alias words written as one are, by spelling and
        by phonetic key (as _joined_pair makes them); None when neither."""
        key = (first, second)
        try:
            return self._pairs[key]
        except KeyError:
            pass
        ways = self.facts(qn, qp).joinable(first, second)
        spelled = frozenset(i for i, t in enumerate(qn) if t in ways)
        sounded = frozenset(i for i, t in enumerate(qp) if t in ways)
        found = self._pairs[key] = (spelled, sounded) if spelled or sounded else None
        return found

    def word(self, token: str, phon: str, facts: _Facts) -> tuple[int, ...]:
        """The pairs of query words (by their first position) that one alias word is written as one."""
        key = (token, phon)
        found = self._words.get(key)
        if found is None:
            found = self._words[key] = tuple(_written_as_one(token, phon, facts.pairs))
        return found


def _written_as_one(token: str, phon: str, joined: list[frozenset[str]]) -> list[int]:
    """The pairs (by their first position) that this word is written as one: by its spelling, else, for a word of
    six letters or more, by its phonetic key."""
    found = [j for j, keys in enumerate(joined) if token in keys]
    if not found and len(token) >= 6:
        found = [j for j, keys in enumerate(joined) if phon in keys]
    return found


JOIN_SLACK = 3  # letters a word written as one may lack beside its parts (a doubled letter, a vowel)
_RUNS = re.compile(r"([lmnr])\1+")
_NOT_LIQUID = re.compile("[^lmnr]")
LIQUIDS_MAX = 65_536
LIQUIDS_LENGTH = 32
_LIQUIDS: dict[str, str] = {}


def _liquids(token: str) -> str:
    """The l, m, n and r of a token in order, a run of one of them as one. phonetic_token keeps them so: no
    digraph, letter table or vowel rule touches them, its doubles collapse, and nothing it writes or drops
    brings two of them together; so a word's phonetic key has the word's own liquids (a property test holds
    this). Remembered for the store's words (a plain dict, emptied when full, of tokens up to LIQUIDS_LENGTH
    letters: at most a few MiB); a query's own words are read once per query (_Facts), not remembered."""
    found = _LIQUIDS.get(token)
    if found is None:
        found = _liquids_of(token)
        if len(token) <= LIQUIDS_LENGTH:
            if len(_LIQUIDS) >= LIQUIDS_MAX:
                _LIQUIDS.clear()
            _LIQUIDS[token] = found
    return found


def _liquids_of(token: str) -> str:
    return _NOT_LIQUID.sub("", _RUNS.sub(r"\1", token))


def _shortest_pair(tokens: Sequence[str]) -> int:
    return min(len(tokens[j]) + len(tokens[j + 1]) for j in range(len(tokens) - 1))


def _joined_pair(first: str, second: str) -> frozenset[str]:
    """Two neighbouring tokens written as one word, as spelled and as its phonetic key; also with the Arabic
    article between them, which the normalizer takes off a word written apart (바샤르알아사드, Abdalrahman).
    Made for the query's own pairs, once per query (_Facts); an alias's pairs are screened first (joinable)."""
    words = (first + second, first + "al" + second)
    return frozenset((*words, *map(phonetic_token, words)))


# A name's tokens and their weights, remembered: a query is aligned with up to a hundred aliases, and the aliases
# token blocking brings up repeat from query to query. A plain dict, emptied when full: a hit must cost less than
# the splitting it saves. (A memo of token similarities was tried too: its hits, about a third, did not pay for
# its keys.)
TOKENS_MAX = 4_096  # about 2.6 MiB of names and tokens (measured: 12 MiB for 19,000 names of the 1M store)
_TOKENS: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...], tuple[float, ...]]] = {}


def _tokens(norm: str, phon: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[float, ...]]:
    """The first MAX_TOKENS normalized and phonetic tokens of a name, and their weights."""
    found = _TOKENS.get((norm, phon))
    if found is None:
        n, p = tuple(norm.split()[:MAX_TOKENS]), tuple(phon.split()[:MAX_TOKENS])
        found = (n, p, tuple(_token_weight(t) for t in n))
        if len(_TOKENS) >= TOKENS_MAX:
            _TOKENS.clear()
        _TOKENS[(norm, phon)] = found
    return found


def _generic(token: str, concept: str | None, place: bool) -> bool:
    if place:  # "city", "capital" beside a city's name say what it is (град Хомс, مدينة حلب); countries are kept out
        return token in PLACE_GENERIC or token in FUNCTION_WORDS or concept in PLACE_GENERIC_CONCEPTS
    return token in GENERIC or token in FUNCTION_WORDS or concept in GENERIC_CONCEPTS


@dataclass(frozen=True)
class Alignment:
    score: float
    translated: tuple[tuple[str, str], ...] = ()  # (query word, concept) pairs the lexicon made


def alignment_score(q: Keys, a: Keys, person: bool, lexicon: Lexicon = EMPTY, place: bool = False) -> float:
    """Weighted token alignment of two names, 0..100 (see the module docstring)."""
    return align(q, a, person, lexicon, place).score


def align(q: Keys, a: Keys, person: bool, lexicon: Lexicon = EMPTY, place: bool = False,
          memo: Memo | None = None) -> Alignment:
    """Pair each query token with its most similar alias token and weigh what is left over. Organisations and
    places also pair words through the lexicon (ejército = army); person names are never translated. `place`:
    the alias names a place, where the words of organisations' names (news, agency, committee) weigh in full.
    `memo`: a Memo the caller keeps for this query (`q`) and passes to each of its alignments; the score is the
    same with it or without."""
    if memo is None:
        memo = Memo()
    qn, qp, qw = _tokens(q.norm, q.phon)
    an, ap, aw = _tokens(a.norm, a.phon)
    if not qn or not an or len(qn) != len(qp) or len(an) != len(ap):
        return Alignment(0.0)
    by_skeleton = q.abjad != a.abjad
    single = len(qn) == 1
    words = EMPTY if person else lexicon
    cq, _, split = memo.concepts(qn, words)  # split: a query concept the lexicon has parts for
    ca = [words.concept(t) for t in an]
    used_q: dict[int, int] = {}
    used_a: set[int] = set()
    chosen: dict[int, float] = {}  # query token -> similarity of its pair
    by_meaning: set[int] = set()  # query tokens the lexicon paired
    joined_a: set[int] = set()  # alias tokens that a compound pairing took along
    translated: list[tuple[str, str]] = []
    # across a script without short vowels a word is paired by its consonants, never as two written as one
    compounds = (_compounds(qn, qp, an, ap, cq, ca, words, joins=not by_skeleton, memo=memo)
                 if len(qn) != len(an) or split else [])
    for qs, as_, by_lexicon in compounds:
        if any(i in used_q for i in qs) or any(j in used_a for j in as_):
            continue
        for i in qs:
            used_q[i], chosen[i] = as_[0], LEXICON_SIMILARITY if by_lexicon else 1.0
            if by_lexicon:
                translated.append((qn[i], "+".join(words.parts[cq[i] or ""])))
                by_meaning.add(i)
        used_a.update(as_)
        joined_a.update(as_[1:])
    pairs = []
    similarities = memo.similarities
    for j in range(len(an)):
        if j in used_a:
            continue
        # the similarities of this alias token with every query token: the same for every alias it is in
        row = similarities.get((an[j], ap[j], a.abjad, a.syllabic)) or _row(similarities, q, qn, qp, an[j], ap[j],
                                                                              a.abjad, a.syllabic, single)
        for i in range(len(qn)):
            if i in used_q:
                continue
            sim = row[i]
            if sim < LEXICON_SIMILARITY and cq[i] is not None and cq[i] == ca[j]:
                sim = -LEXICON_SIMILARITY  # marked: a pairing by meaning, not spelling
            # two words of two meanings (western, eastern) do not pair, however alike they sound
            if abs(sim) >= TOKEN_MIN_SIMILARITY and not words.apart(qn[i], an[j]):
                pairs.append((abs(sim), sim > 0, -abs(i - j), i, j))
    pairs.sort(reverse=True)
    for sim, by_spelling, _, i, j in pairs:
        if i not in used_q and j not in used_a:
            used_q[i] = j
            used_a.add(j)
            chosen[i] = sim
            if not by_spelling:
                translated.append((qn[i], cq[i] or ""))
                by_meaning.add(i)
    if not used_q:
        return Alignment(0.0)  # nothing paired: no weight matters (most candidates of a fuzzy query end here)
    if len(qn) == 1 and by_meaning and cq[0] not in words.places:
        return Alignment(0.0)  # one common word is no name: İl, провинция (province) are not Astana
    wq, wa = list(qw), list(aw)
    if not person:
        # a generic qualifier (great, grand, news agency) or a function word (de, der, of) said on one side of an
        # organisation's or place's name counts for little
        wq = [w * GENERIC_WEIGHT if i not in used_q and _generic(qn[i], cq[i], place) else w
              for i, w in enumerate(wq)]
        wa = [w * GENERIC_WEIGHT if j not in used_a and _generic(an[j], ca[j], place) else w
              for j, w in enumerate(wa)]
    if person and used_q and len(used_q) == len(qn):
        # A short form of a person's name that leaves out the middle (a father's name, the name in a kunya)
        # counts that middle for little: "Abu al-Jolani" ~ "Abu Mohammed al-Jolani". Only when every query
        # token is paired, first with first and last with last. Not the other way round: an extra name in
        # the query may make it another person ("Hafez Bashar al-Assad" is not Hafez al-Assad).
        if used_q.get(0) == 0 and used_q.get(len(qn) - 1) == len(an) - 1:
            wa = [w * 0.25 if j not in used_a else w for j, w in enumerate(wa)]
    if person and len(used_a) == len(an) >= 2 and len(qn) == len(an) + 1 and used_q.get(0) == 0 \
            and used_q.get(len(qn) - 1) == len(an) - 1 and all(len(qn[i]) >= 4 for i in range(len(qn))
                                                                 if i not in used_q):
        # The other way round, one name more in the middle of the query (a father's name, a second given name
        # of four letters or more, not an initial or an article: Asma Fawaz al-Assad, Donald John Trump) counts
        # for little too; the matcher then asks whether that name makes it another person of the store
        # (matcher._middle_names: Hafez Bashar al-Assad).
        wq = [w * 0.25 if i not in used_q else w for i, w in enumerate(wq)]
    matched = 0.0
    counted: set[int] = set()  # an alias token two query tokens written apart share is counted once
    for i, j in used_q.items():
        matched += chosen[i] * (wq[i] + (wa[j] if j not in counted else 0.0))
        counted.add(j)
    matched += sum(wa[j] for j in joined_a)
    score = 100.0 * matched / (sum(wq) + sum(wa))
    order = [used_q[i] for i in sorted(used_q)]
    if order != sorted(order) and person:
        # "Hafez Bashar" is not "Bashar Hafez" (surname-first lists use a comma). Organisations and places order
        # their words by their language (armée syrienne arabe); the matcher caps an entity whose alias has the
        # query's very words in another order (Syrian Free Army is not the Free Syrian Army).
        score *= 0.85
    if by_skeleton and any(qp[i] != ap[j] for i, j in used_q.items() if i not in by_meaning):
        # Across scripts only an identical phonetic key (long vowels agreeing) is full evidence; consonants
        # that merely fit are discounted by how many there are (Hamas fits حمص, Homs, on h-m-s).
        score *= _skeleton_factor(q.skel if q.abjad else a.skel)
    return Alignment(min(score, FUZZY_CAP), tuple(translated) if score >= TOKEN_MIN_SIMILARITY * 100 else ())


def _row(similarities: dict[tuple[str, str, bool, bool], tuple[float, ...]], q: Keys, qn: Sequence[str],
         qp: Sequence[str], token: str, phon: str, abjad: bool, syllabic: bool, single: bool) -> tuple[float, ...]:
    """An alias token's similarities with each query token, remembered in the query's Memo."""
    found = similarities[(token, phon, abjad, syllabic)] = tuple([
        _token_similarity(q, qn[i], qp[i], token, phon, abjad, single, syllabic) for i in range(len(qn))])
    return found


def could_pair(q: Keys, norm: str, phon: str, abjad: bool, syllabic: bool, lexicon: Lexicon, memo: Memo) -> bool:
    """False only when align(q, a, ...) is 0 for a person, an organisation and a place alike, `a` being an
    alias of these norm, phon, abjad and syllabic: no token pair as similar as TOKEN_MIN_SIMILARITY, no word of
    one concept on both sides, no words written as one (the lexicon's are a superset of a person's, which has
    none). `memo` is the query's; what it learns here align reads again."""
    qn, qp, _ = _tokens(q.norm, q.phon)
    an, ap = norm.split()[:MAX_TOKENS], phon.split()[:MAX_TOKENS]  # as _tokens splits them, not remembered
    if not qn or not an or len(qn) != len(qp) or len(an) != len(ap):
        return False
    single = len(qn) == 1
    similarities = memo.similarities
    below = memo.below
    for j in range(len(an)):
        key = (an[j], ap[j], abjad, syllabic)
        if key in below:
            continue
        row = similarities.get(key) or _row(similarities, q, qn, qp, an[j], ap[j], abjad, syllabic, single)
        if max(row) >= TOKEN_MIN_SIMILARITY:
            return True
    cq, named, parts = memo.concepts(qn, lexicon)
    if named:
        ca = [lexicon.concept(t) for t in an]
        if any(c is not None and c in ca for c in cq):
            return True
    else:
        ca = [None] * len(an)  # read only for the query words the lexicon splits, and there are none
    if len(qn) == len(an) and not parts:
        return False
    # words written as one: _compounds is asked only when a pair of alias words may be a query word (by
    # spelling, liquids and first letter: _Facts.may_join), an alias word one of the query's pairs, or a query
    # word is one the lexicon splits
    facts = memo.facts(qn, qp)
    joins = q.abjad == abjad
    if joins and len(an) > 1 and facts.longest >= _shortest_pair(an) - JOIN_SLACK:
        for j in range(len(an) - 1):
            # a pair that may_join, and is a query word (memo.pair, which _compounds reads again): the pairs that
            # may_join are mostly none, and with none, the words written as one are those the checks below find
            if facts.may_join(an[j], an[j + 1]) and memo.pair(an[j], an[j + 1], qn, qp) is not None:
                return bool(_compounds(qn, qp, an, ap, cq, ca, lexicon, joins=joins, memo=memo))
    if joins and len(qn) > 1 and max(map(len, an)) >= facts.shortest - JOIN_SLACK:
        joined = facts.joined
        for t, p in zip(an, ap, strict=True):
            if t in joined or (len(t) >= 6 and p in joined):
                return bool(_compounds(qn, qp, an, ap, cq, ca, lexicon, joins=joins, memo=memo))
    return bool(facts.parted(cq, lexicon)) and bool(_compounds(qn, qp, an, ap, cq, ca, lexicon, joins=joins,
                                                                memo=memo))


SCREEN_SLACK = 1e-9  # the screen leaves a pair at its bounds to _token_similarity
# the letters abjad_consistent lets stand for one another (AMBIGUOUS_LETTERS), as one
_AMBIGUOUS_AS_ONE = str.maketrans({c: min(c.lower() + AMBIGUOUS_LETTERS[c]) for c in AMBIGUOUS_LETTERS}
                                  | {o: min(c.lower() + AMBIGUOUS_LETTERS[c]) for c in AMBIGUOUS_LETTERS
                                     for o in AMBIGUOUS_LETTERS[c]})


def _consonants(phon: str) -> str:
    """A phonetic token without its a's, y's and w's (an Arabic long vowel's letters may be a Latin vowel), the
    letters abjad_consistent lets stand for one another made one: when abjad_consistent(abjad, latin) holds, both
    give the same (every letter but a latin a is matched in order)."""
    # (j and k made one too: ghayn_for_g lets an Arabic word's first k be a Latin j)
    return phon.replace("a", "").replace("y", "").replace("w", "").replace("j", "k").translate(_AMBIGUOUS_AS_ONE)


def _screened(qn: Sequence[str], qp: Sequence[str], tokens: list[tuple[str, str, bool, bool]],
              ) -> list[tuple[str, str, bool, bool]]:
    """The alias tokens (of four letters or more, in the query's kind of script or a syllable-by-syllable
    spelling against an alphabet, the query not declined) whose _token_similarity with every query token is below
    TOKEN_MIN_SIMILARITY. Against a query word of four letters or more it is (sound + spelling) / 2 unless the two
    sound the same (1.0), one is the other with a demonym's ending (one a prefix of the other), the alias word's
    key is a respelling or a stem of the query word's, or the keys are a vowel apart (one edit); against a word of
    two or three letters it is 0; against an initial, 0.9 for a word of its first letter (in a query of several
    words), else at most 0.5."""
    single = len(qn) == 1
    long_q = [i for i, t in enumerate(qn) if len(t) >= 4]
    initials = {t[0] for t in qn if len(t) == 1} if not single else set()
    read: set[str] = set()
    for i in long_q:
        read |= respellings(qn[i])
        read.update(stems_by_key(qn[i], single))
    kept = [k for k in tokens if k[0][0] not in initials and k[1] not in read]
    if not kept or not long_q:
        return kept
    qns, qps, ans, aps = [qn[i] for i in long_q], [qp[i] for i in long_q], [k[0] for k in kept], [k[1] for k in kept]
    sound = process.cdist(qps, aps, scorer=Levenshtein.normalized_similarity, dtype=np.float64, workers=1)
    spelled = process.cdist(qns, ans, scorer=Levenshtein.normalized_similarity, dtype=np.float64, workers=1)
    prefix = process.cdist(qns, ans, scorer=Prefix.similarity, dtype=np.int32, workers=1)
    shortest = np.minimum(np.array([len(t) for t in qns])[:, None], np.array([len(t) for t in ans])[None, :])
    under = ((sound < 1 - SCREEN_SLACK) & (sound + spelled < 2 * TOKEN_MIN_SIMILARITY - SCREEN_SLACK)
             & (prefix < shortest))
    if not single:
        under &= process.cdist(qps, aps, scorer=Levenshtein.distance, dtype=np.int32, workers=1) > 1
    return [k for k, u in zip(kept, under.all(axis=0).tolist(), strict=True) if u]


def _skeleton_factor(skel: str) -> float:
    """How far a consonant skeleton can be trusted: short ones are shared by many names (Hamas, Homs: hms)."""
    consonants = len(skel.replace(" ", ""))
    if consonants >= 6:
        return 0.97
    return {5: 0.95, 4: 0.92}.get(consonants, 0.85)
