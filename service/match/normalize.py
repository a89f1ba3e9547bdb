"""Text -> keys: the one place where transliteration lives.

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

NORMALIZER_VERSION = "2"

# ---------------------------------------------------------------------------------------------------------
# Arabic script
# ---------------------------------------------------------------------------------------------------------
_ARABIC_HARAKAT = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # short vowels, shadda, tatweel
_ARABIC_LETTERS = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "", "ؤ": "", "ئ": "",
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r",
    "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh",
    "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "a", "ى": "a",
    # Persian and Urdu letters
    "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ک": "k", "ی": "y", "ۀ": "a", "ە": "a", "ڤ": "v",
}
_ARABIC_SEMIVOWELS = {"و": ("w", "u"), "ي": ("y", "i"), "ی": ("y", "i")}
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ARABIC_WORD = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+")


# Phonetic class of each Arabic letter, computed from the letters themselves: vowelless romanizations create
# false digraphs (ت+ح would read as "th"), so Arabic words never go through the Latin digraph rules.
_ARABIC_PHONETIC = {
    "ب": "b", "پ": "b", "ت": "t", "ث": "t", "ط": "t", "ج": "j", "چ": "s", "ح": "h", "خ": "h", "ه": "h",
    "د": "d", "ض": "d", "ذ": "z", "ز": "z", "ظ": "z", "ژ": "j", "ر": "r", "س": "s", "ش": "s", "ص": "s",
    "غ": "k", "ق": "k", "ك": "k", "ک": "k", "گ": "j", "ف": "f", "ڤ": "f", "ل": "l", "م": "m", "ن": "n",
    "ا": "a", "أ": "a", "إ": "a", "آ": "a", "ٱ": "a", "ى": "a", "ة": "a", "ۀ": "a", "ە": "a",
    "ء": "", "ؤ": "", "ئ": "", "ع": "",
}


def _arabic_semivowel(word: str, i: int) -> bool:
    """True when و/ي at position i is a consonant: at a word's start or beside alif."""
    prev = word[i - 1] if i else ""
    nxt = word[i + 1] if i + 1 < len(word) else ""
    return i == 0 or prev == "ا" or nxt == "ا"


def _arabic_words(word: str) -> list[str]:
    """Split off what is written joined: the article, Abd al- compounds; harakat and tatweel dropped."""
    word = _ARABIC_HARAKAT.sub("", word)
    if word in ("الله", "لله"):
        return [word]
    if word.startswith("عبدال") and len(word) > 5:  # Abd al-X written as one word
        return ["عبد", *_arabic_words(word[5:])]
    if word.startswith("ال") and len(word) > 3:  # the article; an assimilated sun letter is written once
        word = word[2:]
    return [word]


def _romanize_arabic_word(word: str) -> tuple[str, str]:
    """(romanization, phonetic key) of one Arabic-script word."""
    if word in ("الله", "لله"):
        return "allah", "ala"
    latin: list[str] = []
    phon: list[str] = []
    for i, ch in enumerate(word):
        if ch in _ARABIC_SEMIVOWELS:
            consonant, vowel = _ARABIC_SEMIVOWELS[ch]
            is_consonant = _arabic_semivowel(word, i)
            latin.append(consonant if is_consonant else vowel)
            phon.append(("v" if consonant == "w" else "y") if is_consonant else "a")
        elif ch == "ع" and i == 0:
            latin.append("a")  # a word-initial ayn is written as a vowel in Latin: Abbas, Abd, Iraq
            phon.append("a")
        elif ch == "ه" and i == len(word) - 1 and i > 1:
            latin.append("h")
            phon.append("a")  # a final ha is often written for taa marbuta (القاعده)
        else:
            latin.append(_ARABIC_LETTERS.get(ch, ch))
            phon.append(_ARABIC_PHONETIC.get(ch, ch))
    return "".join(latin), _finish_phonetic("".join(phon))


# ---------------------------------------------------------------------------------------------------------
# Cyrillic script: the press's romanization (BGN/PCGN-like), not ISO 9
# ---------------------------------------------------------------------------------------------------------
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya",
    # Ukrainian, Belarusian, Kazakh, Serbian letters
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u", "қ": "k", "ғ": "gh", "ң": "n", "ү": "u", "ұ": "u",
    "һ": "h", "ә": "a", "ө": "o", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "ђ": "dj", "џ": "dz",
}
_CYRILLIC_WORD = re.compile("[\u0400-\u04ff\u0500-\u052f]+")


def _romanize_cyrillic_word(word: str) -> str:
    out = "".join(_CYRILLIC.get(ch, ch) for ch in word)
    if out.endswith(("iy", "yy")):  # -ий / -ый adjective endings: Dmitriy -> Dmitri
        out = out[:-1]
    return out


# ---------------------------------------------------------------------------------------------------------
# normalize
# ---------------------------------------------------------------------------------------------------------
# ayn, hamza and apostrophes in every form writers use; dropped, so Shar'a, Shar’a, Sharʿa meet Shara.
_APOSTROPHES = re.compile("['’‘`´ʿʾʼʻ′ˈ\u02bc\u02bb]")
_POSSESSIVE = re.compile("(?<=[a-z])['’]s\\b")  # Russia's -> Russia
_DOTTED_ACRONYM = re.compile(r"\b(?:[a-z]\.){2,}")
# The article when hyphenated to the next word, including the assimilated forms before sun letters.
_HYPHEN_ARTICLE = re.compile(r"\b(?:[aeu]l|[aeu](?:t|th|d|dh|r|z|s|sh|n))-(?=\w)")
_STANDALONE_ARTICLES = {"al", "el", "ul"}
_PARTICLES = {"abou": "abu", "abo": "abu", "ibn": "bin", "abdul": "abd", "abdel": "abd", "abdal": "abd",
              "abdoul": "abd", "abdol": "abd", "abdu": "abd", "oum": "umm", "um": "umm"}
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
    )
)
_ARTICLE_THE = {"the"}
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


_SUN_ARTICLES = {"ad", "adh", "an", "ar", "as", "ash", "at", "ath", "az", "ed", "en", "er", "es", "esh", "et",
                 "ez", "ud", "un", "ur", "us", "ush", "ut", "uz"}


def _assimilated_article(token: str, following: str) -> bool:
    """'ad Dawhah', 'ash Sham', 'ez Zor': an unhyphenated article that doubles the next word's first letter."""
    return token in _SUN_ARTICLES and following.startswith(token[1:])


def _drop_invisible(text: str) -> str:
    """Control characters become spaces; format characters (bidi marks, zero-width joiners) vanish."""
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat == "Cf":
            continue
        out.append(" " if cat in ("Cc", "Zl", "Zp", "Zs") else ch)
    return "".join(out)


def _swap_surname_first(text: str) -> str:
    """'AL-ASSAD, Bashar' -> 'Bashar AL-ASSAD' (official lists put the surname first)."""
    if text.count(",") != 1:
        return text.replace(",", " ")
    left, right = (part.strip() for part in text.split(","))
    if left and right and len(right.split()) <= 3:
        return f"{right} {left}"
    return f"{left} {right}"


def _romanize(text: str, arabic: dict[str, str]) -> str:
    """Latin lowercase text; `arabic` collects the phonetic key of each romanized Arabic-script word."""

    def arabic_run(m: re.Match[str]) -> str:
        out = []
        for raw in m.group(0).split():
            for word in _arabic_words(raw):
                latin, phon = _romanize_arabic_word(word)
                if latin:
                    arabic[latin] = phon
                    out.append(latin)
        return " ".join(out)

    text = _ARABIC_WORD.sub(arabic_run, text)
    text = _CYRILLIC_WORD.sub(lambda m: _romanize_cyrillic_word(m.group(0)), text)
    text = _POSSESSIVE.sub("", text)
    text = _APOSTROPHES.sub("", text)
    return unidecode(text).lower()


def _strip_titles(tokens: list[str]) -> list[str]:
    changed = True
    while changed and len(tokens) > 1:
        changed = False
        for phrase in _TITLE_PHRASES:
            n = len(phrase)
            if len(tokens) > n and tuple(tokens[:n]) == phrase:
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
    text = _drop_invisible(text).translate(_ARABIC_DIGITS)
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
    ("dsch", "j"), ("tsch", "s"), ("shch", "s"), ("sch", "s"), ("dzh", "j"), ("dj", "j"), ("zh", "j"),
    ("kh", "h"), ("gh", "k"), ("ch", "s"), ("sh", "s"), ("ck", "k"), ("th", "t"), ("dh", "z"), ("ph", "f"),
    ("ts", "s"), ("tz", "s"),
)
_LETTERS = str.maketrans({"q": "k", "c": "k", "g": "j", "x": "k", "p": "b", "v": "f"})
_VOWELS = set("aeiou")
_DOUBLE = re.compile(r"([a-z])\1+")
_VOWEL_RUN = re.compile("a+")


def _finish_phonetic(key: str) -> str:
    """Shared last steps: vowel runs -> 'a', a final -a(h)/-a(t) (taa marbuta) -> 'a', doubles collapse."""
    key = _VOWEL_RUN.sub("a", key)
    if len(key) > 2 and key.endswith(("ah", "at")):
        key = key[:-1]
    return _DOUBLE.sub(r"\1", key)


def _phonetic_token(token: str) -> str:
    if len(token) >= 5 and token[-1] == "j" and token[-2] in _VOWELS:
        token = token[:-1] + "y"  # Slavic and German final -j is y: Sergej, Nikolaj
    for src, dst in _DIGRAPHS:
        token = token.replace(src, dst)
    chars = token.translate(_LETTERS)
    out: list[str] = []
    last = len(chars) - 1
    for i, ch in enumerate(chars):
        if ch in ("w", "y"):
            prev = chars[i - 1] if i else ""
            nxt = chars[i + 1] if i < last else ""
            # a semivowel next to a vowel, or closing a word, belongs to the vowel (aw, ay, ey, ou-w)
            out.append("a" if prev in _VOWELS or nxt in _VOWELS or (i == last and i > 0) else ch)
        else:
            out.append("a" if ch in _VOWELS else ch)
    return _finish_phonetic("".join(out))


@bytes_cache(4 * 1024 * 1024)
def skeleton_token(phon_token: str) -> str:
    """The skeleton of one phonetic token: its consonants, doubles collapsed. Here j joins k: Arabic
    writes a foreign g with ghayn (غوتيريش, Guterres), and ghayn and qaf are already k."""
    return _DOUBLE.sub(r"\1", re.sub("[awy]", "", phon_token).replace("j", "k"))


def phonetic(text: str) -> str:
    """Transliteration-equivalence key of a name (see the module docstring)."""
    return keys(text).phon


def skeleton(text: str) -> str:
    """Consonant skeleton of a name; tokens with no consonant are left out."""
    return keys(text).skel


# ---------------------------------------------------------------------------------------------------------
# Scripts: some carry no short vowels, so only the skeleton can compare them with Latin spellings.
# ---------------------------------------------------------------------------------------------------------
_ABJAD = re.compile("[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\ufb1d-\ufdff\ufe70-\ufeff]")


def script_of(text: str) -> str:
    """The dominant script of a text as an ISO 15924-like code: Latn, Arab, Cyrl, Hebr, Hani, ... or Zyyy."""
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        script = name.split(" ", 1)[0] if name else ""
        counts[script] = counts.get(script, 0) + 1
    if not counts:
        return "Zyyy"
    top = max(counts, key=lambda k: counts[k])
    return _SCRIPT_CODES.get(top, top[:4].title())


_SCRIPT_CODES = {
    "LATIN": "Latn", "ARABIC": "Arab", "CYRILLIC": "Cyrl", "HEBREW": "Hebr", "CJK": "Hani", "HANGUL": "Hang",
    "GREEK": "Grek", "HIRAGANA": "Jpan", "KATAKANA": "Jpan", "DEVANAGARI": "Deva", "ARMENIAN": "Armn",
    "GEORGIAN": "Geor", "THAI": "Thai",
}


def _mostly(text: str, pattern: re.Pattern[str]) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(1 for ch in letters if pattern.match(ch)) * 2 > len(letters)


def lacks_short_vowels(text: str) -> bool:
    """True when most letters are Arabic or Hebrew script, whose ordinary writing omits short vowels."""
    return _mostly(text, _ABJAD)


@dataclass(frozen=True)
class Keys:
    """Everything the matcher compares, computed once per text."""

    norm: str
    phon: str
    skel: str
    abjad: bool  # written in a script without short vowels
    inflected: bool = False  # written in Cyrillic, whose names decline (Асада, Асаду, Асадом)


@bytes_cache(8 * 1024 * 1024)
def keys(text: str) -> Keys:
    """Normalized form, phonetic key and skeleton of a text, token for token."""
    tokens, arabic = _analyze(text)
    phon = [arabic.get(t) or _phonetic_token(t) for t in tokens]
    skel = (skeleton_token(p) for p in phon)
    return Keys(
        norm=" ".join(tokens),
        phon=" ".join(phon),
        skel=" ".join(s for s in skel if s),
        abjad=lacks_short_vowels(text),
        inflected=_mostly(text, _CYRILLIC_WORD),
    )
