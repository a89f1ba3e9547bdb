"""How one written word can stand for another: spelling conventions of other languages, and inflected forms.

The normalizer gives every text one key; these rules give a query token a few more, each the reading of a
convention the key cannot assume everywhere (a Turkish c is j, a German j is y, a Polish sz is sh). The matcher
tries them when a token finds no partner as written, so they can only add a pairing, and every token of both
names must still be accounted for. Nothing here is language detection: a rewrite that does not produce a known
alias token changes nothing.
"""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from service.match.cache import bytes_cache
from service.match.normalize import phonetic_token

# (written, read as): a convention of some language for a sound another spells otherwise.
REWRITES: tuple[tuple[str, str], ...] = (
    ("sz", "sh"), ("cz", "ch"), ("rz", "zh"),  # Polish: Baszar, Czeczenia
    ("tsj", "ch"), ("sj", "sh"), ("dzj", "j"), ("zj", "zh"),  # Dutch: Tsjetsjenië, Sjiiet
    ("ca", "ja"), ("ce", "je"), ("ci", "ji"), ("co", "jo"), ("cu", "ju"),  # Turkish, Azerbaijani c: Culani, Cebhe
    ("j", "y"),  # German, Dutch, Polish, Scandinavian j: Jasser, Jarmuk
    ("w", "v"),  # German and Polish w: Lawrow, Wladimir
    ("ch", "kh"),  # German ch: Achmed, Chalid
    ("gh", "g"),  # a g written gh: Ghulani
    ("x", "kh"),  # Azerbaijani and pinyin x: Xalid
    ("sy", "sh"),  # Indonesian and Malay sy: Syam, Dimasyq
    ("j", "z"),  # Hindi written without the nukta: हफेज
    ("ou", "u"), ("oe", "u"),  # French, Dutch
    ("sz", "s"),  # Hungarian sz: Aszad, Damaszkusz (its s is sh: Bassár)
    ("gy", "d"), ("ty", "t"),  # Hungarian gy and ty, a Russian soft d and t: Vlagyimir Putyin
)

# Endings that case, number and possession add to a name in languages that write them on the word (Turkish
# Esad'ın, Suriye'de, ordusu; German Assads; Romanian Damascul; Polish Kremla; Azerbaijani Respublikasının;
# Hungarian Aleppóban, Damaszkuszt, el-Aszadot; Czech Asadovi, Asadův; Polish Jolaniego, Szaraemu (-ego, -emu);
# Lithuanian Putinas, Lavrovo, Asadui, Tartusis; Finnish Venäjälle, Damaskoksessa, Moskovasta; Estonian
# Ukrainalt, Iraanil, Assadile; Hungarian Államokkal, -val assimilated; Latvian Putinam, Asadam; Uzbek Putinning;
# Turkmen Assadyň; Kazakh Асадтың).
ENDINGS: tuple[str, ...] = tuple(sorted({
    "nin", "nun", "in", "un", "ni", "nu", "yi", "yu", "ya", "ye", "da", "de", "ta", "te", "dan", "den", "tan",
    "ten", "la", "le", "yla", "yle", "si", "su", "sini", "sinin", "lar", "ler", "lari", "leri",
    "s", "es", "n", "en", "er", "ul", "ului", "ei", "lui", "u", "a", "e", "i", "y", "em", "ie", "ow", "om",
    "ami", "ach", "ovi", "uv",
    "ban", "ben", "ba", "be", "bol", "rol", "tol", "hoz", "hez", "nak", "nek", "val", "vel", "kal", "kel", "ot",
    "et", "t", "on", "am",
    "ra", "re",
    "as", "is", "us", "o", "ui",
    "ego", "emu", "ja", "ju",
    "lle", "lta", "ssa", "sta", "lt", "st", "il", "ile",
    "owi",  # Polish dative: Asadowi, Putinowi
    "ga", "sse",  # Estonian comitative and illative: Venemaaga, Süüriasse
    "ning",  # Uzbek genitive: Putinning, BMTning
    "yn", "nyn", "tyn", "dyn", "tin", "din",  # Turkmen and Kazakh genitive (ň, ң as n): Assadyň, Асадтың, Асаддың
    # Czech, Slovak and South Slavic possessive adjectives (Asadove, Asadovým, Asadovmu, Džolanijevu); not -ova, a
    # woman's surname (Asadová, Асадова: one of the family's women) as much as a possessive
    "ove", "ovo", "ovu", "ovy", "ovym", "ovim", "ovmu", "ovog", "ovoga", "ovom",
    "jev", "jeva", "jevu", "jevo", "jem",  # and the same after an i (Džolanijev), a Slovene instrumental (Bašarjem)
}, key=len, reverse=True))
MIN_STEM = 4
# A name standing alone gets no help from the words around it, so only endings that cannot turn one name into
# another are taken off it, and only from a stem of five letters or more: not a single vowel, nor -s but from six
# letters (Hama, Χάμας read chama-s; Araghchis, Lavrovs).
LONE_ENDINGS = tuple(e for e in ENDINGS if len(e) >= 2 and e not in ("es", "en", "er", "am"))  # Hisham, Bayram
LONE_S_STEM = 6
ENDING_SET, LONE_ENDING_SET = frozenset(ENDINGS), frozenset(LONE_ENDINGS)  # looked up by the word's last letters
LONGEST_ENDING = max(map(len, ENDINGS))
STEM_SPELLING = 0.7  # a stem must also be spelled like the word it stands for (Potanin is not Putin)


@bytes_cache(1024 * 1024)
def respellings(token: str) -> frozenset[str]:
    """Phonetic keys of a normalized token read by each convention in REWRITES (its own key left out)."""
    own = phonetic_token(token)
    out = set()
    for written, read in REWRITES:
        if written in token:
            key = phonetic_token(token.replace(written, read))
            if key != own:
                out.add(key)
    if len(token) >= 4 and token.endswith("t"):  # Turkish writes a final d as t: Ahmet, Mehmet, Mahmut, Hamit
        key = phonetic_token(token[:-1] + "d")
        if key != own:
            out.add(key)
    if len(token) >= 5 and token.startswith("y"):  # Spanish writes jim as y: Yabhat, al Yulani, Yihad
        key = phonetic_token("j" + token[1:])
        if key != own:
            out.add(key)
    if len(token) >= 5 and token.endswith("ah"):  # Arabic's final ta marbuta, -ah alone and -at before the next
        # word: Indonesian and Malay Hai'ah (Hay'at) Tahrir, Jabhah
        key = phonetic_token(token[:-2] + "at")
        if key != own:
            out.add(key)
    return frozenset(out)


@bytes_cache(1024 * 1024)
def stems(token: str, alone: bool = False) -> frozenset[tuple[str, str]]:
    """(stem, phonetic key) of a normalized token with one or two endings taken off, the stem at least
    MIN_STEM letters long, one more for a name standing alone (Respublikasının -> respublika); the stem's
    respellings' keys too."""
    endings = LONE_ENDING_SET if alone else ENDING_SET
    min_stem = MIN_STEM + alone
    out: set[tuple[str, str]] = set()
    frontier = [token]
    if alone and token.endswith("s") and len(token) > LONE_S_STEM:  # a genitive's -s on a long name: Araghchis
        out.add((token[:-1], phonetic_token(token[:-1])))
    for _ in range(2):
        nxt = []
        for word in frontier:
            for cut in range(1, min(LONGEST_ENDING, len(word) - min_stem) + 1):  # each ending the word has
                if word[-cut:] in endings:
                    stem = word[:-cut]
                    out.add((stem, phonetic_token(stem)))
                    # and the stem read by another language's convention: Baszara (Polish, of Bashar)
                    out.update((stem, key) for key in respellings(stem))
                    nxt.append(stem)
        frontier = nxt
    return frozenset(out)


def stem_of(query_token: str, alias_token: str, alias_phon: str, alone: bool) -> bool:
    """Is the query token the alias token with endings added?"""
    return any(Levenshtein.normalized_similarity(stem, alias_token) >= STEM_SPELLING
               for stem in stems_by_key(query_token, alone).get(alias_phon, ()))


@bytes_cache(1024 * 1024)
def stems_by_key(token: str, alone: bool) -> dict[str, tuple[str, ...]]:
    """stems(token, alone) by phonetic key: the keys an alias word may have to be this word with endings."""
    out: dict[str, list[str]] = {}
    for stem, phon in stems(token, alone):
        out.setdefault(phon, []).append(stem)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def vowel_inserted(a: str, b: str) -> bool:
    """True when two phonetic keys differ by one vowel written or left out between their consonants
    (Fath / Fateh, Hizb / Hizib): the short vowels that Arabic does not write."""
    if abs(len(a) - len(b)) != 1 or min(len(a), len(b)) < 3:
        return False
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    for i, ch in enumerate(long_):
        if ch == "a" and long_[:i] + long_[i + 1:] == short:
            return 0 < i  # not a vowel added at the start
    return False
