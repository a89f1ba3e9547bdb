"""Text -> keys: the one place where transliteration lives (with its script tables in scripts.py).

Every alias is keyed by these functions at build time and every query at lookup time, so the two always meet.
Changing what they return changes NORMALIZER_VERSION, and a database built by another version is refused.

Three keys, from fine to coarse:

- ``normalize(text)``: Latin lowercase tokens. Unicode NFKC, invisible and control characters dropped,
  Arabic and Cyrillic romanized to the spellings the press uses (unidecode for every other script), diacritics
  and ayn/hamza marks dropped, dotted acronyms joined (U.N. -> un), the Arabic article in all its written forms
  dropped (al-, el-, ul-, ad-/ash-/as-/at-/az-/an-/ar-..., ال), name particles unified (Abou -> abu,
  ibn -> bin, Abdul/Abdel -> abd), leading titles dropped (President, Sheikh, Foreign Minister, ...), a leading
  "the" dropped, and "SURNAME, Given" turned around.
- ``phonetic(text)``: a transliteration-equivalence key. Consonants that romanization schemes swap are merged
  (j/g/dj/dsch/zh, q/k/gh/c, sh/ch/sch, kh/h, th/t, dh/z, ph/f), doubled letters collapse, every run of vowels
  (with w/y next to a vowel) becomes "a", and a final -h after a vowel goes: Jolani, Jawlani, Julani, Golani
  -> "jalana"; Sergey, Sergei -> "sarja"; Hama, Hamah -> "hama". Arabic-script words get their phonetic key
  from the Arabic letters themselves, never from their romanization.
- ``skeleton(text)``: the phonetic key without vowels, w and y. Arabic script writes no short vowels, so this
  is where a name in Arabic script meets its Latin spellings: بشار الأسد and Bashar al-Assad -> "bsr sd".
  Too coarse to decide a match alone (Hamas and Homs share "hms"); the matcher uses it to find candidates and,
  for scripts without vowels, as evidence scaled by its length.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from unidecode import unidecode

from service.match.cache import bytes_cache
from service.match.scripts import (
    AMBIGUOUS_LETTERS,
    ARABIC_DIGITS,
    DOUBLE,
    SYLLABIC_SCRIPTS,
    finish_phonetic,
    lacks_short_vowels,
    mostly_cyrillic,
    romanize_scripts,
)
from service.match.scripts import script_of as script_of  # re-exported

NORMALIZER_VERSION = "30"

# ---------------------------------------------------------------------------------------------------------
# normalize
# ---------------------------------------------------------------------------------------------------------
# ayn, hamza and apostrophes in every form writers use; dropped, so Shar'a, Shar’a, Sharʿa meet Shara.
_APOSTROPHES = re.compile("['’‘`´ʿʾʼʻ′ˈ\u02bc\u02bb]")
_POSSESSIVE = re.compile("(?<=[a-z])['’]s\\b")  # Russia's -> Russia
# the elided article or preposition of French and Italian: d'Iran, l'Armée, dell'Iran -> d Iran, l Armée
_ELISION = re.compile("\\b(?:[dlDLjJnNsStTcCmM]|[Qq]u|[Dd]ell|[Aa]ll|[Nn]ell|[Ss]ull|[Dd]all)['’](?=[^\\W\\d_])")
_DOTTED_ACRONYM = re.compile(r"\b(?:[a-z]\.){2,}")
# The article when hyphenated to the next word, including the assimilated forms before sun letters.
# Polish writes asz-, Indonesian and Malay asy- and adz- (asy-Syam, adz-Dzahabi)
_HYPHEN_ARTICLE = re.compile(r"\b(?:[aeu]l|[aeu](?:t|th|d|dh|dz|r|z|s|sh|sch|sy|sz|n))-(?=\w)")  # German asch-Scham
_STANDALONE_ARTICLES = {"al", "el", "ul"}
_PARTICLES = {"abou": "abu", "abo": "abu", "ebu": "abu", "ebou": "abu", "abi": "abu", "ibn": "bin", "abdul": "abd",
              "abdel": "abd", "abdal": "abd", "abdoul": "abd", "abdol": "abd", "abdu": "abd", "oum": "umm", "um": "umm"}
_ABD_JOINED = re.compile(r"^abd(?:ul|el|al|oul|ol|ur|er|ar|ou|u)?(?=[a-z]{3,}$)")
_TITLE_PHRASES: tuple[tuple[str, ...], ...] = tuple(
    tuple(p.split())
    for p in (
        "president elect", "vice president", "prime minister", "foreign minister", "defence minister",
        "defense minister", "interior minister", "secretary general", "un secretary general",
        "supreme leader", "first lady", "crown prince", "major general", "lieutenant general",
        "brigadier general", "field marshal", "grand ayatollah", "grand mufti", "his excellency",
        "president", "pres", "sheikh", "shaykh", "sheik", "shaikh", "dr", "doctor", "prof", "professor",
        "minister", "sayyid", "sayed", "sayyed", "seyed", "seyyed", "mr", "mrs", "ms", "sir", "madame",
        "monsieur", "emir", "colonel", "col", "lt", "gen", "general", "brigadier", "marshal", "hajji", "haji",
        "mullah", "imam", "ayatollah", "mufti", "senator", "sen", "governor", "gov", "mayor", "chairman",
        "prezident", "rais", "ris", "shikh",
        # president, doctor, minister, sir as other languages of the news write them, romanized as above:
        # presidente, Präsident, prezydent, президента, cumhurbaşkanı, presiden, președintele, राष्ट्रपति,
        # رئیس‌جمهور, נשיא, دکتر, الدكتور, ministre, министр, menteri, bakan, predsjednik, señor, господин, آقای
        "presidente", "prasident", "prezydent", "prezidenta", "prezidenti", "prezidentt", "cumhurbashkani",
        "presiden", "preshedintele", "preshedinte", "rashtrapati", "risjmhur", "nshi", "hnshi", "dktr", "dktur",
        "doktor", "dokter", "ministre", "ministro", "ministr", "menteri", "bakan", "predsjednik", "predsednik",
        "senor", "gospodin", "aqay", "herr", "herrn",
        # the same written without their diacritics (presedintele), and the Vietnamese ông (Mr) and bà (Mrs)
        "presedintele", "presedinte", "ong", "ba",
        # Vietnamese tổng thống (president) and its abbreviation TT
        "tong thong", "tt",
    )
)
# the phrases by their first word, each list in the order above: the first phrase that matches is the same one
_TITLES_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _phrase in _TITLE_PHRASES:
    _TITLES_BY_FIRST.setdefault(_phrase[0], []).append(_phrase)
_ARTICLE_THE = {"the", "het"}  # English, and the Dutch neuter article (het Nusrafront)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


_SUN_ARTICLES = {"ad", "adh", "adz", "an", "ar", "as", "ash", "asch", "asy", "at", "ath", "az", "ed", "en", "er", "es",
                 "esh", "et", "ez", "ud", "un", "ur", "us", "ush", "ut", "uz"}


def _assimilated_article(token: str, following: str) -> bool:
    """'ad Dawhah', 'ash Sham', 'ez Zor': an unhyphenated article that doubles the next word's first letter."""
    return token in _SUN_ARTICLES and following.startswith(token[1:])


def _drop_invisible(text: str) -> str:
    """Control characters become spaces; format characters (bidi marks, zero-width joiners) vanish."""
    if text.isascii() and text.isprintable():
        return text  # no control or format character, and the only space is " " (most names: the cheap path)
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat == "Cf":
            continue
        out.append(" " if cat in ("Cc", "Zl", "Zp", "Zs") else ch)
    return "".join(out)


# the first word of a description after a comma ("Homs, a city in Syria"): an article; parse.py reads the name
# before it
DESCRIPTION_STARTS = frozenset({"the", "a", "an", "le", "la", "les", "el", "los", "las", "der", "die", "das", "un",
                                "une", "il", "lo"})


def _swap_surname_first(text: str) -> str:
    """'AL-ASSAD, Bashar' -> 'Bashar AL-ASSAD' (official lists put the surname first), given names of up to four
    words ('Guterres, António Manuel de Oliveira'); not a description after a comma ('Homs, a city in Syria')."""
    if text.count(",") != 1:
        return text.replace(",", " ")
    left, right = (part.strip() for part in text.split(","))
    words = right.split()
    if left and words and len(words) <= 4 and (len(words) <= 3 or words[0].casefold() not in DESCRIPTION_STARTS):
        return f"{right} {left}"
    return f"{left} {right}"


def _romanize(text: str, arabic: dict[str, str]) -> str:
    """Latin lowercase text; `arabic` collects the phonetic key of each romanized Arabic-script word."""
    ascii_only = text.isascii()  # nothing to romanize: every script pattern and unidecode leave ASCII as it is
    if not ascii_only:
        text = romanize_scripts(text, arabic)
    text = _POSSESSIVE.sub("", text)
    text = _ELISION.sub(lambda m: m.group(0)[:-1] + " ", text)
    text = _APOSTROPHES.sub("", text)
    # unidecode marks some letters with an apostrophe or a backtick (Georgian ფ p`, Tajik Ҷ Ch', Armenian
    # թ t`): inside a word, not between words
    return text.lower() if ascii_only else _APOSTROPHES.sub("", unidecode(text)).lower()


# a woman's title before a surname alone is kept: Mrs Assad is not Bashar al-Assad, though "Assad" alone is his
# short name (a family's surname is borne by its women too); before a whole name it goes (Mrs Asma al-Assad)
_WOMENS_TITLES = frozenset({("mrs",), ("ms",), ("madame",), ("first", "lady"), ("ba",)})


def _strip_titles(tokens: list[str]) -> list[str]:
    changed = True
    while changed and len(tokens) > 1:
        changed = False
        for phrase in _TITLES_BY_FIRST.get(tokens[0], ()):
            n = len(phrase)
            if len(tokens) > n and tuple(tokens[:n]) == phrase:
                if phrase in _WOMENS_TITLES:  # kept before a surname alone, other titles between them or not
                    rest = _strip_titles(tokens[n:])
                    return [*phrase, *rest] if len(rest) == 1 else rest
                tokens = tokens[n:]
                changed = True
                break
    return tokens


def _unify_particle(token: str) -> list[str]:
    if token in _PARTICLES:
        return [_PARTICLES[token]]
    m = _ABD_JOINED.match(token)
    if m and token != "abd":
        return ["abd", token[m.end():]]
    return [token]


def _analyze(text: str) -> tuple[list[str], dict[str, str]]:
    """Normalized tokens, and the phonetic keys of those that came from Arabic script."""
    if not isinstance(text, str):
        raise TypeError(f"normalize() takes a str, not {type(text).__name__}")
    text = unicodedata.normalize("NFKC", text)
    text = _drop_invisible(text).translate(ARABIC_DIGITS)
    text = _swap_surname_first(text.casefold())
    arabic: dict[str, str] = {}
    text = _romanize(text, arabic)
    text = _DOTTED_ACRONYM.sub(lambda m: m.group(0).replace(".", ""), text)
    text = _HYPHEN_ARTICLE.sub("", text)
    tokens: list[str] = []
    for token in _NON_ALNUM.split(text):
        if token:
            tokens.extend(_unify_particle(token))
    without_articles = [
        t for i, t in enumerate(tokens)
        if t not in _STANDALONE_ARTICLES and not _assimilated_article(t, tokens[i + 1] if i + 1 < len(tokens) else "")
    ]
    tokens = without_articles or tokens
    while len(tokens) > 1 and tokens[0] in _ARTICLE_THE:
        tokens = tokens[1:]
    return _strip_titles(tokens), arabic


def fold(text: str) -> str:
    """The 'exact' comparison form: NFKC, case-folded, whitespace collapsed; nothing else changed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@bytes_cache(4 * 1024 * 1024)
def normalize(text: str) -> str:
    """The normalized form of a name: ASCII lowercase tokens joined by single spaces (may be empty)."""
    return " ".join(_analyze(text)[0])


# ---------------------------------------------------------------------------------------------------------
# phonetic and skeleton keys
# ---------------------------------------------------------------------------------------------------------
# Order matters: longer digraphs first.
_DIGRAPHS = (
    ("dsch", "j"), ("tsch", "x"), ("shch", "x"), ("sch", "x"), ("dzh", "j"), ("dj", "j"), ("zh", "j"),
    ("kh", "h"), ("gh", "k"), ("ch", "x"), ("sh", "x"), ("ck", "k"), ("th", "t"), ("dh", "z"), ("ph", "f"),
    ("ts", "s"), ("tz", "s"),
)
# x stands for the sh sound after the digraphs (sh, ch, sch, ш, ش); a written x is ks.
_LETTERS = str.maketrans({"q": "k", "c": "k", "g": "j", "p": "b", "v": "f"})
_VOWELS = set("aeiou")
_LETTERS_AND_VOWELS = str.maketrans({"q": "k", "c": "k", "g": "j", "p": "b", "v": "f", "e": "a", "i": "a", "o": "a",
                                     "u": "a"})


@bytes_cache(4 * 1024 * 1024)
def phonetic_token(token: str) -> str:
    """The phonetic key of one normalized Latin token."""
    if len(token) >= 5 and token[-1] == "j" and token[-2] in _VOWELS:
        token = token[:-1] + "y"  # Slavic and German final -j is y: Sergej, Nikolaj
    token = token.replace("x", "ks")
    for src, dst in _DIGRAPHS:
        token = token.replace(src, dst)
    if "w" not in token and "y" not in token:  # no semivowel to read in context: one table does every letter
        return finish_phonetic(token.translate(_LETTERS_AND_VOWELS))
    chars = token.translate(_LETTERS)
    out: list[str] = []
    last = len(chars) - 1
    for i, ch in enumerate(chars):
        if ch in ("w", "y"):
            prev = chars[i - 1] if i else ""
            nxt = chars[i + 1] if i < last else ""
            # a semivowel next to a vowel, or closing a word, belongs to the vowel (aw, ay, ey, ou-w); a y between
            # consonants is a vowel itself (Syria, Siria)
            vowel = prev in _VOWELS or nxt in _VOWELS or (i == last and i > 0)
            out.append("a" if vowel or (ch == "y" and prev and nxt) else ch)
        else:
            out.append("a" if ch in _VOWELS else ch)
    return finish_phonetic("".join(out))


@bytes_cache(4 * 1024 * 1024)
def skeleton_token(phon_token: str) -> str:
    """The skeleton of one phonetic token: its consonants, doubles collapsed. Here j joins k: Arabic
    writes a foreign g with ghayn (غوتيريش, Guterres), and ghayn and qaf are already k; and sh joins s: the
    skeleton is coarse on purpose (a Portuguese final s is ش in Arabic)."""
    phon_token = phon_token.translate(_PLACEHOLDERS)
    return DOUBLE.sub(r"\1", re.sub("[awy]", "", phon_token).replace("j", "k").replace("x", "s"))


_PLACEHOLDERS = str.maketrans({"B": "b", "K": "k", "P": "b", "X": "s"})  # Hebrew letters of two sounds
MAX_READINGS = 8


def skeleton_readings(phon_token: str) -> list[str]:
    """The skeletons of one phonetic token with each Hebrew letter of two sounds read each way, as
    abjad_consistent reads them (AMBIGUOUS_LETTERS: ב b or v (f), כ k or kh (h), פ p or f; לברוב: lbrb and lfrf,
    as Lavrov's), at most MAX_READINGS, skeleton_token's first; [skeleton_token] for any other token."""
    own = skeleton_token(phon_token)
    if not any(ch in AMBIGUOUS_LETTERS for ch in phon_token):
        return [own]
    readings = [""]
    for ch in phon_token:
        readings = [r + sound for r in readings for sound in AMBIGUOUS_LETTERS.get(ch, ch)][:MAX_READINGS]
    return list(dict.fromkeys([own] + [skeleton_token(r) for r in readings]))


def phonetic(text: str) -> str:
    """Transliteration-equivalence key of a name (see the module docstring)."""
    return keys(text).phon


def skeleton(text: str) -> str:
    """Consonant skeleton of a name; tokens with no consonant are left out."""
    return keys(text).skel


@dataclass(frozen=True)
class Keys:
    """Everything the matcher compares, computed once per text."""

    norm: str
    phon: str
    skel: str
    abjad: bool  # written in a script without short vowels
    inflected: bool = False  # written in Cyrillic, whose names decline (Асада, Асаду, Асадом)
    syllabic: bool = False  # Chinese, which unidecode spells a syllable at a time
    latin: bool = True  # an alphabet whose romanization the conventions of service/match/variants.py fit (not CJK,
    # not Arabic or Hebrew script)


@bytes_cache(8 * 1024 * 1024)
def keys(text: str) -> Keys:
    """Normalized form, phonetic key and skeleton of a text, token for token."""
    return compute_keys(text)


def compute_keys(text: str) -> Keys:
    """keys(text) without its cache: for a build, where each text comes once and remembering it costs more
    than it saves."""
    return keys_and_script(text)[0]


def keys_and_script(text: str) -> tuple[Keys, str]:
    """compute_keys(text) and script_of(text), which it reads on the way: the build needs both."""
    tokens, arabic = _analyze(text)
    phon = [arabic.get(t) or phonetic_token(t) for t in tokens]
    skel = (skeleton_token(p) for p in phon)
    abjad = lacks_short_vowels(text)
    script = script_of(text)
    return Keys(
        norm=" ".join(tokens),
        phon=" ".join(phon),
        skel=" ".join(s for s in skel if s),
        abjad=abjad,
        inflected=mostly_cyrillic(text),
        syllabic=script in SYLLABIC_SCRIPTS,
        latin=script not in ("Hani", "Jpan", "Hang") and not abjad,
    ), script
