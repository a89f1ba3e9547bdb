"""Scripts other than Latin, romanized as the press writes them, and the detection of scripts.

Arabic and Persian are romanized letter by letter with their phonetic key computed from the letters themselves;
Cyrillic by a BGN/PCGN-like table; Devanagari, Tamil and the scripts of Devanagari's layout with their inherent
vowel; Ethiopic without its sixth form's vowel; Chinese, Japanese and Korean as one token a run, titles after a
name dropped; Latin letters of Turkish, Polish and other alphabets as the press's digraphs.
Used by service/match/normalize.py, the one place where keys are made.
"""

from __future__ import annotations

import re
import unicodedata

from unidecode import unidecode

from service.match.eastasian import romanize_east_asian

# ---------------------------------------------------------------------------------------------------------
# Arabic script
# ---------------------------------------------------------------------------------------------------------
ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # short vowels, shadda, tatweel
_ARABIC_LETTERS = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "", "ؤ": "", "ئ": "",
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r",
    "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh",
    "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "a", "ى": "a",
    # Persian and Urdu letters
    "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ک": "k", "ی": "y", "ۀ": "a", "ە": "a", "ڤ": "v",
}
_ARABIC_SEMIVOWELS = {"و": ("w", "u"), "ي": ("y", "i"), "ی": ("y", "i")}
ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ARABIC_WORD = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+")
# a run of Arabic-script words, so that an honorific at its start can be told from the name after it
_ARABIC_RUN = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+(?:\\s+[\u0600-\u06ff"
                         "\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+)*")


# Phonetic class of each Arabic letter, computed from the letters themselves: vowelless romanizations create
# false digraphs (ت+ح would read as "th"), so Arabic words never go through the Latin digraph rules.
_ARABIC_PHONETIC = {
    "ب": "b", "پ": "b", "ت": "t", "ث": "t", "ط": "t", "ج": "j", "چ": "x", "ح": "h", "خ": "h", "ه": "h",
    "د": "d", "ض": "d", "ذ": "z", "ز": "z", "ظ": "z", "ژ": "j", "ر": "r", "س": "s", "ش": "x", "ص": "s",
    "غ": "k", "ق": "k", "ك": "k", "ک": "k", "گ": "j", "ف": "f", "ڤ": "f", "ل": "l", "م": "m", "ن": "n",
    "ا": "a", "أ": "a", "إ": "a", "آ": "a", "ٱ": "a", "ى": "a", "ة": "a", "ۀ": "a", "ە": "a",
    "ء": "", "ؤ": "", "ئ": "", "ع": "",
}


def _arabic_semivowel(word: str, i: int) -> bool:
    """True when و/ي at position i is a consonant: at a word's start or beside alif."""
    prev = word[i - 1] if i else ""
    nxt = word[i + 1] if i + 1 < len(word) else ""
    return i == 0 or prev == "ا" or nxt == "ا"


def _consonants(word: str) -> int:
    return sum(1 for ch in word if ch not in "اأإآوىيیئؤءة")


def _arabic_words(word: str) -> list[str]:
    """Split off what is written joined: the article, Abd al- compounds; harakat and tatweel dropped, and the
    alif of a vocalized text's article (ٱلْأَسَد, with alif wasla) read as the article's."""
    word = ARABIC_MARKS.sub("", word).replace("ٱ", "ا")
    if word in ("الله", "لله"):
        return [word]
    if word.startswith("عبدال") and len(word) > 5:  # Abd al-X written as one word
        return ["عبد", *_arabic_words(word[5:])]
    if word.startswith("ال") and len(word) > 3:  # the article; an assimilated sun letter is written once
        word = word[2:]
    joined = word.find("ال", 3)
    if joined != -1 and len(word) - joined - 2 >= 3 and _consonants(word[joined + 2:]) >= 2:
        # two words written as one: بشارالاسد, تحریرالشام; not سیرالئون (Sierra Leone), whose tail is no word
        return [word[:joined], *_arabic_words(word[joined:])]
    return [word]


def _romanize_arabic_word(word: str) -> tuple[str, str]:
    """(romanization, phonetic key) of one Arabic-script word."""
    if word in ("الله", "لله"):
        return "allah", "ala"
    if word == "آل":  # the family of (آل الأسد, آل سعود), not the article
        return "aal", "aal"
    latin: list[str] = []
    phon: list[str] = []
    for i, ch in enumerate(word):
        if ch == "ش" and i and word[i - 1] == "ت":
            phon[-1] = "x"  # تش writes a foreign ch: عراقتشي, Araghchi
            latin[-1] = "ch"
            continue
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
    return "".join(latin), finish_phonetic("".join(phon), taa_marbuta=False)  # ة is already "a"; ث stays


# ---------------------------------------------------------------------------------------------------------
# Hebrew: like Arabic, consonants and long vowels only, so its phonetic key is computed from the letters. Some
# letters stand for two sounds (ב b/v, כ k/kh, פ p/f, ש sh/s): their keys are upper-case placeholders that
# the cross-script comparison reads as either (AMBIGUOUS_LETTERS).
# ---------------------------------------------------------------------------------------------------------
# a Hebrew word: letters, their points, the geresh of ג' ז' צ', gershayim, and a hyphen between letters
_HEBREW_RUN = re.compile("(?:[\u05d0-\u05ea\u05f0-\u05f2][\u05b0-\u05c7'\u05f3\u05f4\"]*"
                         "|(?<=[\u05d0-\u05ea])-(?=[\u05d0-\u05ea]))+")
_HEBREW_LETTERS = {
    "א": ("", "a"), "ב": ("v", "B"), "ג": ("g", "j"), "ד": ("d", "d"), "ה": ("h", "h"), "ז": ("z", "z"),
    "ח": ("kh", "h"), "ט": ("t", "t"), "כ": ("k", "K"), "ך": ("kh", "K"), "ל": ("l", "l"), "מ": ("m", "m"),
    "ם": ("m", "m"), "נ": ("n", "n"), "ן": ("n", "n"), "ס": ("s", "s"), "ע": ("", ""), "פ": ("p", "P"),
    "ף": ("f", "f"), "צ": ("ts", "s"), "ץ": ("ts", "s"), "ק": ("q", "k"), "ר": ("r", "r"), "ש": ("sh", "X"),
    "ת": ("t", "t"),
}
_HEBREW_GERESH = {"ג": ("j", "j"), "ז": ("zh", "j"), "צ": ("ch", "x"), "ת": ("th", "t")}
AMBIGUOUS_LETTERS = {"B": "bf", "K": "kh", "P": "bf", "X": "xs"}


def _romanize_hebrew_word(word: str) -> tuple[str, str]:
    """(romanization, phonetic key) of one Hebrew word; the Arabic article אל- is dropped by the caller."""
    word = re.sub("[\u05b0-\u05c7\"\u05f4]", "", word)  # points, and the gershayim of acronyms
    latin: list[str] = []
    phon: list[str] = []
    for i, ch in enumerate(word):
        nxt = word[i + 1] if i + 1 < len(word) else ""
        if ch in "'\u05f3":
            continue
        if ch in ("ו", "י"):
            if i and word[i - 1] == ch:
                continue  # the second of a doubled letter
            if i == 0 or (nxt == ch and ch == "ו"):  # a consonant: at the start, or וו (v, w)
                latin.append("v" if ch == "ו" else "y")
                phon.append("f" if ch == "ו" else "y")
            else:  # a vowel, and יי a diphthong: קוסייר Qusayr, סרגיי Sergei
                latin.append("o" if ch == "ו" else ("ay" if nxt == ch else "i"))
                phon.append("a")
            continue
        if nxt in "'\u05f3" and ch in _HEBREW_GERESH:
            lat, ph = _HEBREW_GERESH[ch]
        else:
            lat, ph = _HEBREW_LETTERS.get(ch, (ch, ch))
        if ch == "ה" and i == len(word) - 1 and i > 1:
            lat, ph = "a", "a"  # a final he is a vowel
        if ch == "א" and i == 0:
            lat = "a"
        latin.append(lat)
        phon.append(ph)
    return "".join(latin), finish_phonetic("".join(phon), taa_marbuta=False)


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
CYRILLIC_WORD = re.compile("[\u0400-\u04ff\u0500-\u052f]+")


def _romanize_cyrillic_word(word: str) -> str:
    out = "".join(_CYRILLIC.get(ch, ch) for ch in word)
    if out.endswith(("iy", "yy")):  # -ий / -ый adjective endings: Dmitriy -> Dmitri
        out = out[:-1]
    return out


# Honorifics written in Arabic script, dropped at the start of a name (the Latin ones are in _TITLE_PHRASES).
_ARABIC_TITLES = frozenset({
    "سيد", "السيد", "سید", "السید", "شيخ", "الشيخ", "شیخ", "حاج", "الحاج", "حاجي", "الرئيس", "رئيس", "الدكتور",
    "دكتور", "سماحة", "فضيلة", "آية", "آیت", "الأمير", "أمير", "اللواء", "العميد", "العقيد", "الفريق", "المهندس",
    "الإمام", "امام", "ملا", "مولوی", "جناب", "آقای", "آقا", "خانم", "السيدة",
})


# ---------------------------------------------------------------------------------------------------------
# Devanagari: an abugida, so each consonant carries a short a unless a vowel sign or the virama follows.
# unidecode leaves that vowel out (बशर -> "bshr"); written out, Hindi names meet their Latin spellings.
# ---------------------------------------------------------------------------------------------------------
_DEVA_CONSONANTS = {
    "क": "k", "ख": "kh", "ग": "g", "घ": "gh", "ङ": "n", "च": "ch", "छ": "chh", "ज": "j", "झ": "jh", "ञ": "n",
    "ट": "t", "ठ": "th", "ड": "d", "ढ": "dh", "ण": "n", "त": "t", "थ": "th", "द": "d", "ध": "dh", "न": "n",
    "प": "p", "फ": "ph", "ब": "b", "भ": "bh", "म": "m", "य": "y", "र": "r", "ल": "l", "व": "v", "श": "sh",
    "ष": "sh", "स": "s", "ह": "h", "ळ": "l",
}
_DEVA_NUKTA = {"क": "q", "ख": "kh", "ग": "gh", "ज": "z", "फ": "f", "ड": "r", "ढ": "rh", "य": "y",
               "स": "sh"}  # स with a nukta: Gurmukhi's ਸ਼, read as Devanagari
_DEVA_VOWELS = {"अ": "a", "आ": "a", "इ": "i", "ई": "i", "उ": "u", "ऊ": "u", "ऋ": "ri", "ए": "e", "ऐ": "ai",
                "ओ": "o", "औ": "au", "ऍ": "e", "ऑ": "o", "ऎ": "e", "ऒ": "o"}  # the short e and o of the south
_DEVA_SIGNS = {"ा": "a", "ि": "i", "ी": "i", "ु": "u", "ू": "u", "ृ": "ri", "े": "e", "ै": "ai", "ो": "o",
               "ौ": "au", "ॅ": "e", "ॉ": "o", "ॆ": "e", "ॊ": "o"}
_DEVA_WORD = re.compile("[\u0900-\u097f]+")
_VIRAMA, _NUKTA = "\u094d", "\u093c"


# Gurmukhi, Gujarati, Oriya, Telugu, Kannada and Malayalam share Devanagari's layout (ISCII's): a letter's offset
# in its block is the offset of the same letter in Devanagari's. Written as Devanagari letter for letter, they
# are romanized as it is, with the inherent vowel unidecode leaves out (హయరత్ తహ్రీర్: hyrt thriir). Malayalam's
# chillu letters are a consonant with its virama; Gurmukhi's tippi is a nasal and its addak (the next consonant
# doubled) is left out.
_INDIC_BLOCKS = (0x0A00, 0x0A80, 0x0B00, 0x0C00, 0x0C80, 0x0D00)  # Gurmukhi ... Malayalam
_INDIC_AS_DEVANAGARI: dict[int, str] = {}
for _base in _INDIC_BLOCKS:
    for _offset in range(0x01, 0x70):
        _ch, _deva = chr(_base + _offset), chr(0x0900 + _offset)
        if unicodedata.name(_ch, "") and unicodedata.name(_deva, "") and unicodedata.category(_ch)[0] in "LM":
            _INDIC_AS_DEVANAGARI[_base + _offset] = _deva
_INDIC_AS_DEVANAGARI.update({0x0D7A: "ण्", 0x0D7B: "न्", 0x0D7C: "र्", 0x0D7D: "ल्", 0x0D7E: "ळ्", 0x0D7F: "क्",
                             0x0A70: "ं", 0x0A71: ""})
# Not Bengali (U+0980-09FF), which leaves its inherent vowel unsaid by rules of deletion this reading has not
# (হোমস is homs, not homas: Hamas's key), nor Tamil (U+0B80-0BFF), whose letter stands for a sound class
_INDIC_WORD = re.compile("[\u0a00-\u0b7f\u0c00-\u0d7f]+")


def _romanize_devanagari_word(word: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(word):
        ch = word[i]
        nxt = word[i + 1] if i + 1 < len(word) else ""
        if ch in _DEVA_CONSONANTS:
            latin = _DEVA_CONSONANTS[ch]
            if nxt == _NUKTA:
                latin = _DEVA_NUKTA.get(ch, latin)
                i += 1
                nxt = word[i + 1] if i + 1 < len(word) else ""
            out.append(latin)
            if nxt not in _DEVA_SIGNS and nxt != _VIRAMA and i + 1 < len(word):
                out.append("a")  # the inherent vowel; a word's last one is not spoken in Hindi
        elif ch in _DEVA_SIGNS:
            out.append(_DEVA_SIGNS[ch])
        elif ch in _DEVA_VOWELS:
            out.append(_DEVA_VOWELS[ch])
        elif ch in "ंँ":  # anusvara, chandrabindu: a nasal, m before a labial
            out.append("m" if nxt in "पफबभम" else "n")
        elif ch == "ः":
            out.append("h")
        elif ch != _VIRAMA and ch != _NUKTA:
            out.append(unidecode(ch))
        i += 1
    return "".join(out)


# Greek writes the b, d, g and j of foreign names as two letters (Βλαντίμιρ Vladimir, Μπασάρ Bashar, Άσαντ Assad,
# Γκουτέρες Guterres, Τζολάνι Jolani; inside a word μπ and γκ are mb and ng, but μπ between vowels is the b of a
# foreign name: Αμπού Abu, Ντάμπι Dhabi; after a consonant they are b and g: Σεργκέι Sergei), u as ου, β is v, and γι
# before a vowel is y (Χαγιάτ Hayat, Γιεμένη Yemen)
_GREEK_DIGRAPHS = {"ντ": "d", "μπ": "b", "γκ": "g", "τζ": "j", "ου": "u", "ού": "u", "β": "v", "γι": "y", "γί": "yi"}
_GREEK_INSIDE = {"μπ": "mb", "γκ": "ng"}  # Τραμπ is Trump
_GREEK_DIGRAPH = re.compile("ντ|μπ|γκ|τζ|ου|ού|β|γ[ιί](?=[αεοωάέόώ])", re.I)
_GREEK_VOWELS = frozenset("αεηιουωάέήίόύώϊϋΐΰ")


def _greek_digraph(m: re.Match[str]) -> str:
    pair = m.group(0).lower()
    text, start, end = m.string, m.start(), m.end()
    inside = start > 0 and text[start - 1].isalpha()
    if pair == "μπ" and inside and text[start - 1].lower() in _GREEK_VOWELS and end < len(text) and (
            text[end].lower() in _GREEK_VOWELS):
        return "b"
    if pair in ("μπ", "γκ") and inside and text[start - 1].lower() not in _GREEK_VOWELS:
        return _GREEK_DIGRAPHS[pair]  # after a consonant, a foreign name's b or g: Σεργκέι, Sergei
    return _GREEK_INSIDE.get(pair, _GREEK_DIGRAPHS[pair]) if inside else _GREEK_DIGRAPHS[pair]


# Latin letters of Turkish, Azerbaijani, Romanian, Polish, Czech and South Slavic spellings, written as the
# press's digraphs before unidecode flattens them (Beşşar -> beshshar, not bessar; Əsəd -> asad); ŷ of Spanish Arabic.
_LATIN_LETTERS = str.maketrans({
    "ş": "sh", "ș": "sh", "š": "sh", "ç": "ch", "č": "ch", "ć": "ch", "ž": "zh", "ż": "zh",
    "ź": "zh", "ı": "i", "ə": "a", "đ": "dj",
    "ŷ": "j",  # the Spanish Arabists' ŷ is jim (Al-Ŷayš, Ŷabhat)
})


_VOWEL_RUN = re.compile("a+")
DOUBLE = re.compile(r"([a-z])\1+")


def finish_phonetic(key: str, taa_marbuta: bool = True) -> str:
    """Shared last steps: vowel runs -> 'a', a final -a(h)/-a(t) (taa marbuta in Latin) -> 'a', doubles collapse."""
    key = _VOWEL_RUN.sub("a", key)
    if taa_marbuta and len(key) > 3 and key.endswith(("ah", "at")):
        key = key[:-1]
    return DOUBLE.sub(r"\1", key)


# ---------------------------------------------------------------------------------------------------------
# Tamil: an abugida like Devanagari (a consonant carries a short a unless a vowel sign or the pulli follows),
# with one letter for a voiceless and a voiced sound: த is t at a word's start and when doubled, d after a nasal
# and between vowels (ஆசாத், Assad); ப, ச and ட likewise (ட, rare at a native word's start, is the d of foreign
# names there: டமாஸ்கஸ்). க stays k between vowels: it is h in தோகா (Doha) and g in டோகோ (Togo), and either
# reading would make one of them the other's namesake. unidecode spells every consonant bare and voiceless
# (ஹமா -> "hmaa", பஷார் -> "pssaar"); written out, Tamil names meet their Latin spellings.
# ---------------------------------------------------------------------------------------------------------
_TAMIL_PLAIN = {
    "ங": "n", "ஞ": "n", "ண": "n", "ந": "n", "ம": "m", "ய": "y", "ர": "r", "ல": "l", "வ": "v", "ழ": "l", "ள": "l",
    "ற": "r", "ன": "n", "ஜ": "j", "ஷ": "sh", "ஸ": "s", "ஹ": "h",
}
# (at a word's start or doubled, after a nasal, between vowels)
_TAMIL_VOICED = {"க": ("k", "g", "k"), "ச": ("s", "j", "s"), "ட": ("d", "d", "d"), "த": ("t", "d", "d"),
                 "ப": ("p", "b", "b")}
_TAMIL_NASALS = frozenset("ஙஞணநமன")
_TAMIL_VOWELS = {"அ": "a", "ஆ": "a", "இ": "i", "ஈ": "i", "உ": "u", "ஊ": "u", "எ": "e", "ஏ": "e", "ஐ": "ai",
                 "ஒ": "o", "ஓ": "o", "ஔ": "au"}
_TAMIL_SIGNS = {"ா": "a", "ி": "i", "ீ": "i", "ு": "u", "ூ": "u", "ெ": "e", "ே": "e", "ை": "ai", "ொ": "o",
                "ோ": "o", "ௌ": "au"}
_TAMIL_WORD = re.compile("[\u0b80-\u0bff]+")
_PULLI, _AYTHAM = "\u0bcd", "\u0b83"


def _romanize_tamil_word(word: str, as_t: frozenset[int] = frozenset(), cluster: bool = False) -> str:
    """A Tamil word in Latin letters; with `as_t`, the ட at those positions read t, not d; with `cluster`, the i
    written between a first consonant and r left out (டிரம்ப், trump)."""
    out: list[str] = []
    before = ""  # the consonant before this one, when it carries the pulli (no vowel between them)
    for i, ch in enumerate(word):
        nxt = word[i + 1] if i + 1 < len(word) else ""
        if cluster and i == 1 and ch == "ி" and word[2:3] == "ர":
            continue
        if ch == "ட" and i in as_t:
            out.append("t")
            if nxt == _PULLI:
                before = ch
            else:
                before = ""
                if nxt not in _TAMIL_SIGNS:
                    out.append("a")
            continue
        if ch in _TAMIL_VOICED or ch in _TAMIL_PLAIN:
            if ch in _TAMIL_PLAIN:
                latin = _TAMIL_PLAIN[ch]
            elif not out or before == ch or (nxt == _PULLI and word[i + 2:i + 3] == ch):  # a start, doubled
                latin = _TAMIL_VOICED[ch][0]
            elif before in _TAMIL_NASALS:
                latin = _TAMIL_VOICED[ch][1]
            elif before:
                latin = _TAMIL_VOICED[ch][0]
            else:
                latin = _TAMIL_VOICED[ch][2]
            if ch == "ப" and before == _AYTHAM:
                latin = "f"  # ஃப, the f of foreign words
            out.append(latin)
            if nxt == _PULLI:
                before = ch
            else:
                before = ""
                if nxt not in _TAMIL_SIGNS:
                    out.append("a")  # the inherent vowel
        elif ch in _TAMIL_SIGNS:
            out.append(_TAMIL_SIGNS[ch])
        elif ch in _TAMIL_VOWELS:
            out.append(_TAMIL_VOWELS[ch])
            before = ""
        elif ch == _AYTHAM:
            before = _AYTHAM
        elif ch != _PULLI:
            out.append(unidecode(ch))
            before = ""
    return "".join(out)


MAX_TAMIL_READINGS = 8


def tamil_readings(text: str) -> list[str]:
    """The text with its Tamil words romanized the other ways Tamil spells a foreign name: ட is the t as well as
    the d of foreign names (டிரம்ப், Trump; புடின், Putin; டமாஸ்கஸ், Damascus), and a first consonant and r take an
    i between them (டிரம்ப்); at most MAX_TAMIL_READINGS, the romanization's own reading left out; [] for a text
    with no such letter."""
    words = list(_TAMIL_WORD.finditer(text))
    spots = [(w, i) for w, m in enumerate(words) for i, ch in enumerate(m.group(0)) if ch == "ட"][:3]
    clusters = [w for w, m in enumerate(words) if len(m.group(0)) > 2 and m.group(0)[1:3] == "ிர"
                and m.group(0)[0] in _TAMIL_VOICED]
    if not spots and not clusters:
        return []
    out: list[str] = []
    for mask in sorted(range(1 << len(spots)), key=lambda m: bin(m).count("1")):  # the fewest letters read t first
        for joined in ((False, True) if clusters else (False,)):
            if not mask and not joined:
                continue
            as_t = [frozenset(i for bit, (w, i) in enumerate(spots) if w == n and mask >> bit & 1)
                    for n in range(len(words))]
            pieces, last = [], 0
            for n, m in enumerate(words):
                pieces += [text[last:m.start()], _romanize_tamil_word(m.group(0), as_t[n], joined and n in clusters)]
                last = m.end()
            out.append("".join(pieces) + text[last:])
            if len(out) >= MAX_TAMIL_READINGS:
                return out
    return out


# ---------------------------------------------------------------------------------------------------------
# Ethiopic (Amharic, Tigrinya): a syllabary of eight forms a consonant; the sixth carries the short ə, or no
# vowel at all, as at a word's end and in foreign names (በሽር አል-አሳድ, Bashar al-Assad). unidecode spells it
# with an e (bashere 'ale-'asaade); without it the article is al, and the names meet their Latin spellings.
# ---------------------------------------------------------------------------------------------------------
_ETHIOPIC_WORD = re.compile("[\u1200-\u137f]+")


def _romanize_ethiopic_word(word: str) -> str:
    out = []
    for ch in word:
        latin = unidecode(ch)
        if 0x1200 <= ord(ch) <= 0x135a and (ord(ch) - 0x1200) % 8 == 5 and latin.endswith("e"):
            latin = latin[:-1]  # the sixth form: ə or no vowel
        out.append(latin)
    return "".join(out)


# ---------------------------------------------------------------------------------------------------------
# Thai: vowels written before the consonant they follow (เ แ โ ใ ไ), around it (เ-ีย, เ-า, เ-อ) or above and
# below it; อ a silent carrier before a vowel and the vowel o between consonants (ดอนัลด์, Donald); tone marks,
# the mark of a silent letter and ห before a sonorant (it marks the tone: อิหร่าน, Iran) not spoken. The press
# spells foreign names letter for letter, so a letter under the silent mark is kept (ทรัมป์, Trump) and the
# aspirated letters are read as the plain ones the foreign name has (ทาร์ทัส, Tartus). unidecode spells ซ as ch
# and keeps the vowels before their consonants (ซีเรีย -> "chiieriiy"); read this way, ซีเรีย is siria.
# ---------------------------------------------------------------------------------------------------------
_THAI_CONSONANTS = {
    "ก": "k", "ข": "k", "ฃ": "k", "ค": "k", "ฅ": "k", "ฆ": "k", "ง": "ng", "จ": "j", "ฉ": "ch", "ช": "ch",
    "ซ": "s", "ฌ": "ch", "ญ": "y", "ฎ": "d", "ฏ": "t", "ฐ": "t", "ฑ": "t", "ฒ": "t", "ณ": "n", "ด": "d",
    "ต": "t", "ถ": "t", "ท": "t", "ธ": "t", "น": "n", "บ": "b", "ป": "p", "ผ": "p", "ฝ": "f", "พ": "p", "ฟ": "f",
    "ภ": "p", "ม": "m", "ย": "y", "ร": "r", "ล": "l", "ว": "v", "ศ": "s", "ษ": "s", "ส": "s", "ห": "h",
    "ฬ": "l", "อ": "", "ฮ": "h",
}
_THAI_SIGNS = {"ะ": "a", "ั": "a", "า": "a", "ำ": "am", "ิ": "i", "ี": "i", "ึ": "u", "ื": "u", "ุ": "u",
               "ู": "u", "ฤ": "ri", "ฦ": "lu", "ๅ": "a"}
_THAI_BEFORE = {"เ": "e", "แ": "ae", "โ": "o", "ใ": "ai", "ไ": "ai"}
# what เ makes with the signs after its consonant: เ-ีย, เ-ือ, เ-า, เ-อ, เ-ิ, เ-ะ, เ-็
_THAI_AROUND = (("ีย", "ia"), ("ือ", "ua"), ("า", "ao"), ("อ", "oe"), ("ิ", "oe"), ("ะ", "e"), ("็", "e"))
_THAI_CLUSTER_HEADS = frozenset("กขคตปพผทบฟดซส")
_THAI_SILENT = frozenset("่้๊๋์็ํฯๆ")  # tone marks, the silent and the short marks, abbreviation, repetition
_THAI_WORD = re.compile("[\u0e01-\u0e4e]+")


def _romanize_thai_word(word: str) -> str:
    out: list[str] = []
    pending = ""  # a vowel written before the consonant it follows
    bare = False  # the last letter out is a consonant with no vowel after it yet
    i, n = 0, len(word)
    while i < n:
        ch = word[i]
        if ch in _THAI_BEFORE:
            pending, i = ch, i + 1
            continue
        if ch in _THAI_CONSONANTS:
            j = i + 1
            if ch == "ห" and j < n and word[j] in "งญนมยรลว":  # ห before a sonorant marks its tone: หลี is li
                ch, j = word[j], j + 1
            latin = _THAI_CONSONANTS[ch]
            if pending and ch in _THAI_CLUSTER_HEADS and j < n and word[j] in "รลว" and j + 1 < n \
                    and word[j + 1] not in _THAI_SIGNS:
                latin += _THAI_CONSONANTS[word[j]]  # เครมลิน: the vowel comes after kr
                j += 1
            if ch == "อ" and bare and not pending and not (j < n and word[j] in _THAI_SIGNS):
                latin = "o"  # between consonants: ดอนัลด์
            out.append(latin)
            bare = bool(latin) and latin != "o"
            if pending:
                vowel = _THAI_BEFORE[pending]
                if pending == "เ":
                    for signs, sound in _THAI_AROUND:
                        if word.startswith(signs, j):
                            vowel, j = sound, j + len(signs)
                            break
                elif j < n and word[j] in "ะ็":
                    j += 1
                out.append(vowel)
                pending, bare = "", False
            i = j
            continue
        if ch in _THAI_SIGNS:
            if ch == "ั" and i + 1 < n and word[i + 1] == "ว":  # -ัว: ua
                out.append("ua")
                i += 2
            else:
                out.append(_THAI_SIGNS[ch])
                i += 1
            bare = False
            continue
        if "๐" <= ch <= "๙":
            out.append(str(ord(ch) - ord("๐")))
        elif ch not in _THAI_SILENT:
            out.append(unidecode(ch))
        i += 1
    if pending:
        out.append(_THAI_BEFORE[pending])
    return "".join(out)


def romanize_scripts(text: str, arabic: dict[str, str]) -> str:
    """Every script the press romanizes its own way, romanized; Latin letters of other alphabets as digraphs.
    `arabic` collects the phonetic key of each Arabic-script word, computed from its letters."""

    def arabic_run(m: re.Match[str]) -> str:
        out = []
        words = m.group(0).split()
        while len(words) > 1 and ARABIC_MARKS.sub("", words[0]) in _ARABIC_TITLES:
            words = words[1:]
        for raw in words:
            for word in _arabic_words(raw):
                latin, phon = _romanize_arabic_word(word)
                if latin:
                    arabic[latin] = phon
                    out.append(latin)
        return " ".join(out)

    text = _ARABIC_RUN.sub(arabic_run, text)

    def hebrew_word(m: re.Match[str]) -> str:
        word = m.group(0).replace("\u05be", "-")  # the maqaf is Hebrew's hyphen: אל־אסד, אל-אסד
        if word.startswith(("אל-", "א-")) and len(word) > 4:  # the Arabic article in Hebrew: אל-קוסייר
            word = word.split("-", 1)[1]
        latin, phon = _romanize_hebrew_word(word.replace("-", ""))
        if latin:
            arabic[latin] = phon
        return latin

    text = _HEBREW_RUN.sub(hebrew_word, text)
    text = CYRILLIC_WORD.sub(lambda m: _romanize_cyrillic_word(m.group(0)), text)
    if "\u09ad" in text:
        text = text.replace("\u09ad", "v")  # Bengali ভ (bh) is the v of foreign names: ভ্লাদিমির, ল্যাভরভ, নোভোস্তি
    text = _INDIC_WORD.sub(lambda m: m.group(0).translate(_INDIC_AS_DEVANAGARI), text)
    text = _DEVA_WORD.sub(lambda m: _romanize_devanagari_word(m.group(0)), text)
    text = _TAMIL_WORD.sub(lambda m: _romanize_tamil_word(m.group(0)), text)
    text = _ETHIOPIC_WORD.sub(lambda m: _romanize_ethiopic_word(m.group(0)), text)
    text = _THAI_WORD.sub(lambda m: _romanize_thai_word(m.group(0)), text)
    text = _GREEK_DIGRAPH.sub(_greek_digraph, text)
    text = romanize_east_asian(text)
    return text.translate(_LATIN_LETTERS)


# ---------------------------------------------------------------------------------------------------------
# Scripts: some carry no short vowels, so only the skeleton can compare them with Latin spellings.
# ---------------------------------------------------------------------------------------------------------
_ABJAD = re.compile("[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\ufb1d-\ufdff\ufe70-\ufeff]")


def script_of(text: str) -> str:
    """The dominant script of a text as an ISO 15924-like code: Latn, Arab, Cyrl, Hebr, Hani, ... or Zyyy."""
    if text.isascii():  # the only ASCII letters are Latin ones
        return "Latn" if any(ch.isalpha() for ch in text) else "Zyyy"
    counts: dict[str, int] = {}
    scripts = _LETTER_SCRIPTS
    for ch in text:
        script = scripts.get(ch)
        if script is None:
            script = _letter_script(ch)
        if script != _NOT_A_LETTER:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return "Zyyy"
    top = max(counts, key=lambda k: counts[k])
    return _SCRIPT_CODES.get(top, top[:4].title())


# each character's script as script_of reads it (the first word of its Unicode name, "" for a letter without a
# name, _NOT_A_LETTER for the rest): a lookup in place of unicodedata.name per character, the larger part of a
# short query's analysis. Bounded by the characters met, at most LETTER_SCRIPTS_MAX.
LETTER_SCRIPTS_MAX = 65_536
_NOT_A_LETTER = "not a letter"
_LETTER_SCRIPTS: dict[str, str] = {}


def _letter_script(ch: str) -> str:
    if ch.isalpha():
        name = unicodedata.name(ch, "")
        script = name.split(" ", 1)[0] if name else ""
    else:
        script = _NOT_A_LETTER
    if len(_LETTER_SCRIPTS) < LETTER_SCRIPTS_MAX:
        _LETTER_SCRIPTS[ch] = script
    return script


# scripts that unidecode spells a syllable at a time, vowels and glides everywhere (塞尔维亚 -> saierweiya);
# katakana and hangul are romanized here, as the press would
SYLLABIC_SCRIPTS = frozenset({"Hani"})
_SCRIPT_CODES = {
    "LATIN": "Latn", "ARABIC": "Arab", "CYRILLIC": "Cyrl", "HEBREW": "Hebr", "CJK": "Hani", "HANGUL": "Hang",
    "GREEK": "Grek", "HIRAGANA": "Jpan", "KATAKANA": "Jpan", "DEVANAGARI": "Deva", "ARMENIAN": "Armn",
    "GEORGIAN": "Geor", "THAI": "Thai",
}


def mostly(text: str, pattern: re.Pattern[str]) -> bool:
    """Most letters match `pattern`, a class of non-ASCII letters (so ASCII text never does)."""
    if text.isascii():
        return False
    letters = "".join(filter(str.isalpha, text))
    # the letters of the class, counted in runs by the regex engine rather than one match per letter
    return bool(letters) and sum(map(len, pattern.findall(letters))) * 2 > len(letters)


def lacks_short_vowels(text: str) -> bool:
    """True when most letters are Arabic or Hebrew script, whose ordinary writing omits short vowels."""
    return mostly(text, _ABJAD)


def mostly_cyrillic(text: str) -> bool:
    """True when most letters are Cyrillic, whose names decline (Асада, Асаду, Асадом)."""
    return mostly(text, CYRILLIC_WORD)
