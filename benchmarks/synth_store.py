"""Write a synthetic alias store of realistic names, for the scale benchmarks.

    python benchmarks/synth_store.py OUT_DIR --aliases 100000 [--seed 7] [--jobs N]

Entities are people, organizations and places with 2-4 token names drawn from transliterated Arabic, Russian,
Persian and English name parts and organisation words; each is drawn with up to ten aliases (about three are
left once every alias normalized like another entity's is dropped): spelling variants (the
transliteration alternations of the field: Mohammed/Muhammad/Mohamad, -ov/-off, ou/u, el-/al-), a
surname-first form, a short form, a native-script form (Arabic or Cyrillic) and, for organisations, an acronym.
Files go under OUT_DIR/<type>/<id>.yaml, in the store's own format, so `aliases build --store OUT_DIR` builds
them the normal way. Alongside, OUT_DIR/queries.jsonl holds query samples: exact aliases, variants that are NOT
in the store (re-spelled or misspelled), and names of no entity.

Candidates are drawn in blocks of 5,000 entities, each block from its own random stream, in N processes (every
core by default), and the files are written in N processes: 10M aliases take minutes, not hours. The store is
the same whatever N.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.match.normalize import normalize  # noqa: E402

ARABIC_GIVEN = ["Mohammed", "Ahmed", "Ali", "Hassan", "Hussein", "Omar", "Khaled", "Yousef", "Ibrahim", "Mahmoud",
                "Abdullah", "Mustafa", "Tariq", "Samir", "Walid", "Faisal", "Nabil", "Karim", "Hamza", "Bilal",
                "Jamal", "Rami", "Ziad", "Fadi", "Majid", "Nasser", "Saeed", "Adel", "Anas", "Bashir"]
ARABIC_FAMILY = ["Haddad", "Khalil", "Nasser", "Saleh", "Hamdan", "Aziz", "Mansour", "Qasim", "Darwish", "Jaber",
                 "Rahman", "Sharif", "Tamimi", "Zoubi", "Husseini", "Masri", "Halabi", "Shami", "Hijazi", "Kurdi",
                 "Obeidi", "Dulaimi", "Jubouri", "Shammari", "Anzi", "Mutairi", "Qahtani", "Ghamdi", "Harbi"]
RUSSIAN_GIVEN = ["Sergey", "Vladimir", "Dmitry", "Alexei", "Nikolai", "Mikhail", "Andrei", "Ivan", "Yevgeny",
                 "Pavel", "Oleg", "Igor", "Viktor", "Yuri", "Boris", "Grigory", "Anatoly", "Konstantin"]
RUSSIAN_FAMILY = ["Ivanov", "Petrov", "Sidorov", "Kuznetsov", "Smirnov", "Volkov", "Sokolov", "Popov", "Lebedev",
                  "Kozlov", "Novikov", "Morozov", "Pavlov", "Semyonov", "Golubev", "Vinogradov", "Bogdanov",
                  "Vorobyov", "Fyodorov", "Mikhailov", "Belyaev", "Tarasov", "Belov", "Komarov", "Orlov"]
PERSIAN_GIVEN = ["Reza", "Mehdi", "Hossein", "Javad", "Abbas", "Mojtaba", "Alireza", "Hamid", "Saeed", "Masoud"]
PERSIAN_FAMILY = ["Tehrani", "Shirazi", "Esfahani", "Rezaei", "Mousavi", "Hosseini", "Karimi", "Ahmadi",
                  "Jafari", "Ghorbani", "Zarif", "Larijani", "Velayati", "Soleimani"]
ENGLISH_GIVEN = ["John", "Michael", "David", "James", "Robert", "William", "Thomas", "Richard", "Mark", "Paul"]
ENGLISH_FAMILY = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Taylor",
                  "Anderson", "Clark", "Lewis", "Walker", "Hall", "Young", "King", "Wright", "Scott", "Green"]
ORG_WORDS = ["Brigade", "Front", "Army", "Movement", "Council", "Committee", "Union", "Party", "Agency", "Forces",
             "Battalion", "Alliance", "Ministry", "Authority", "Company", "Bank", "Institute", "Foundation"]
ORG_QUALIFIERS = ["Free", "National", "Islamic", "Democratic", "Popular", "Revolutionary", "Syrian", "Arab",
                  "Northern", "Southern", "Eastern", "Western", "United", "Central", "Independent"]
PLACE_ROOTS = ["Tell", "Kafr", "Deir", "Ain", "Jabal", "Wadi", "Bir", "Ras", "Khirbet", "Qasr", "Nahr", "Marj"]
PLACE_NAMES = ["Abyad", "Aswad", "Kabir", "Saghir", "Zor", "Nabi", "Hamra", "Sultan", "Sham", "Rum", "Tamr",
               "Jadid", "Qadim", "Batin", "Shams", "Amir", "Khalil", "Yusuf", "Musa", "Issa", "Rahba", "Hisn"]
# Generated family and place names beside the listed ones, so that a store of ten million aliases still finds
# names no other entity bears (the listed parts alone give about a million persons' names, most of them with
# three given names); each list is the same on every run.
_ONSETS = ["B", "D", "F", "H", "J", "K", "Kh", "L", "M", "N", "Q", "R", "S", "Sh", "T", "Z", "Gh", "Y", "W", "Dh"]
_NUCLEI = ["a", "ou", "i", "e", "o", "u", "aa", "ee"]
_MIDDLES = ["b", "d", "f", "h", "j", "k", "l", "m", "n", "r", "s", "sh", "t", "z", "kh", "q", "v", "dr", "st", "lt"]


def _generated(endings: list[str], count: int, salt: int) -> list[str]:
    rng = random.Random(salt)
    names = sorted({rng.choice(_ONSETS) + rng.choice(_NUCLEI) + rng.choice(_MIDDLES) + rng.choice(_NUCLEI[:4])
                    + rng.choice(_MIDDLES) + rng.choice(endings) for _ in range(count * 2)})
    return rng.sample(names, count)


ARABIC_FAMILY += _generated(["i", "an", "awi", "ani", "oun", "iya"], 1000, 1)
RUSSIAN_FAMILY += _generated(["ov", "ev", "in", "sky", "enko", "ovich"], 1000, 2)
PERSIAN_FAMILY += _generated(["i", "zadeh", "pour", "ian", "far", "nejad"], 1000, 3)
ENGLISH_FAMILY += _generated(["son", "ton", "ley", "er", "ford", "well"], 1000, 4)
PLACE_NAMES += _generated(["a", "iya", "an", "ah", "un", "ir"], 1000, 5)
SWAPS = [("Mohammed", "Muhammad"), ("Mohammed", "Mohamad"), ("Ahmed", "Ahmad"), ("Hussein", "Husayn"),
         ("Yousef", "Yusuf"), ("Khaled", "Khalid"), ("ov", "off"), ("ou", "u"), ("Yevgeny", "Evgeny"),
         ("Sergey", "Sergei"), ("Alexei", "Aleksey"), ("Dmitry", "Dmitri"), ("Qasim", "Kassem"),
         ("Hossein", "Husain"), ("Reza", "Riza"), ("Deir", "Dayr"), ("Kafr", "Kfar"), ("Ain", "Ein"),
         ("Jabal", "Jebel"), ("sh", "ch"), ("ee", "i"), ("kh", "h")]
CYRILLIC = str.maketrans({"a": "а", "b": "б", "v": "в", "g": "г", "d": "д", "e": "е", "z": "з", "i": "и",
                          "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с",
                          "t": "т", "u": "у", "f": "ф", "h": "х", "y": "ы", "j": "й"})
ARABIC = str.maketrans({"a": "ا", "b": "ب", "t": "ت", "j": "ج", "h": "ح", "d": "د", "r": "ر", "z": "ز",
                        "s": "س", "f": "ف", "q": "ق", "k": "ك", "l": "ل", "m": "م", "n": "ن", "w": "و",
                        "y": "ي", "i": "ي", "u": "و", "o": "و", "e": "", "g": "غ", "v": "ف"})


def person(rng: random.Random) -> tuple[str, str]:
    pool = rng.choice([(ARABIC_GIVEN, ARABIC_FAMILY, "ar"), (RUSSIAN_GIVEN, RUSSIAN_FAMILY, "ru"),
                       (PERSIAN_GIVEN, PERSIAN_FAMILY, "fa"), (ENGLISH_GIVEN, ENGLISH_FAMILY, "en")])
    given, family, lang = pool
    parts = [rng.choice(given)]
    for _ in range(rng.choice([0, 1, 1, 2])):
        parts.append(rng.choice(given))  # a father's, a grandfather's name
    surname = rng.choice(family)
    if lang == "ar" and rng.random() < 0.6:
        surname = "al-" + surname
    parts.append(surname)
    return " ".join(parts), lang


def organization(rng: random.Random) -> tuple[str, str]:
    words = [rng.choice(ORG_QUALIFIERS), rng.choice(ORG_WORDS)]
    if rng.random() < 0.6:
        words += ["of", rng.choice(ARABIC_FAMILY + RUSSIAN_FAMILY + PLACE_NAMES)]
    else:
        words.insert(0, rng.choice(ARABIC_GIVEN + PLACE_NAMES))
    return " ".join(words), "en"


def place(rng: random.Random) -> tuple[str, str]:
    name = f"{rng.choice(PLACE_ROOTS)} {rng.choice(['al-', 'el-', ''])}{rng.choice(PLACE_NAMES)}"
    if rng.random() < 0.4:
        name += f" {rng.choice(PLACE_NAMES)}"
    return name, "ar"


def variant(name: str, rng: random.Random) -> str:
    out = name
    for a, b in rng.sample(SWAPS, len(SWAPS)):
        if a in out:
            out = out.replace(a, b, 1)
            break
    if out == name:
        out = name.replace("al-", "el-") if "al-" in name else name.replace(" ", "-", 1)
    return out


def misspell(name: str, rng: random.Random) -> str:
    chars = list(name)
    positions = [i for i, c in enumerate(chars) if c.isalpha()]
    i = rng.choice(positions[1:] or positions)
    op = rng.random()
    if op < 0.4:
        chars[i] = chars[i] * 2
    elif op < 0.7 and i + 1 < len(chars):
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    else:
        chars[i] = rng.choice("aeiouy")
    return "".join(chars)


def unique_name(make, rng: random.Random, taken: set[str], norm=normalize, tries: int = 40):  # type: ignore[no-untyped-def]
    for _ in range(tries):
        name, lang = make(rng)
        if norm(name) not in taken:
            return name, lang
    while True:  # a crowded corner of the name space: one more name part
        name = f"{name.split()[0]} {rng.choice(ARABIC_GIVEN + RUSSIAN_GIVEN)} {' '.join(name.split()[1:])}"
        if norm(name) not in taken:
            return name, lang


# One candidate entity: type, name, its normalized form, its aliases (text, kind, normalized form; a native form may
# share the name's), and, for about one entity in fifty, the draws of its query samples.
Candidate = tuple[str, str, str, list[tuple[str, str, str]], tuple[float, str, str] | None]
BLOCK_ENTITIES = 5000  # candidates drawn per block: the unit of work of one process, with its own random stream


def candidates(task: tuple[int, int]) -> list[Candidate]:
    """One block of candidate entities, drawn from the block's own random stream (the same whatever the number
    of processes), their names normalized here. Names are unique within the block; `generate` drops what
    collides with an earlier block."""
    seed, block = task
    rng = random.Random(seed * 1_000_003 + block)
    memo: dict[str, str] = {}

    def norm(text: str) -> str:
        found = memo.get(text)
        if found is None:
            found = memo[text] = normalize(text)
        return found

    taken: set[str] = set()
    out: list[Candidate] = []
    makers = [("person", person, 0.5), ("organization", organization, 0.25), ("location", place, 0.25)]
    for _ in range(BLOCK_ENTITIES):
        etype, make, _ = rng.choices(makers, [w for *_, w in makers])[0]
        name, lang = unique_name(make, rng, taken, norm)
        texts: dict[str, str] = {}
        for _ in range(6):
            v = variant(name, rng)
            if norm(v) not in taken and v != name:
                texts.setdefault(v, "variant")
        tokens = name.split()
        if etype == "person" and len(tokens) >= 2:
            texts.setdefault(f"{tokens[-1]}, {' '.join(tokens[:-1])}", "variant")
            texts.setdefault(f"{tokens[0]} {tokens[-1]}", "short")
        if etype == "organization":
            acronym = "".join(t[0] for t in tokens if t[0].isupper())
            if len(acronym) >= 3:
                texts.setdefault(f"{acronym}-{rng.randint(1, 99)}", "acronym")
        script = name.lower().translate(ARABIC if lang in ("ar", "fa") else CYRILLIC)
        texts.setdefault(script, "native")
        texts.setdefault(name.upper(), "variant")
        name_key = norm(name)
        mine = {name_key}
        kept: list[tuple[str, str, str]] = []
        for t, k in texts.items():
            key = norm(t)
            if key and key not in taken and (key not in mine or k == "native"):
                kept.append((t, k, key))
                mine.add(key)
        taken.update(mine)
        sample = None
        if rng.random() < 0.02:
            nobody = f"{rng.choice(ENGLISH_GIVEN)} {rng.choice(PLACE_NAMES)}{rng.choice(ORG_WORDS).lower()}"
            sample = (rng.random(), misspell(name, rng), nobody)
        out.append((etype, name, name_key, kept[:9], sample))
        if len(memo) > 200_000:
            memo.clear()
    return out


def entity_yaml(entity_id: str, etype: str, name: str, aliases: list[tuple[str, str]]) -> str:
    """An entity file, texts as YAML double-quoted scalars (JSON's escapes are YAML's): what `dump_entity`
    writes, without PyYAML's emitter, which took most of the time at a million aliases."""
    lines = [f"id: {entity_id}", f"type: {etype}", f"name: {json.dumps(name, ensure_ascii=False)}", "aliases:"]
    for text, kind in aliases:
        lines += [f"- text: {json.dumps(text, ensure_ascii=False)}", f"  kind: {kind}"]
    return "\n".join(lines) + "\n"


def write_files(task: tuple[str, list[tuple[str, str, str, list[tuple[str, str]]]]]) -> int:
    out, entities = Path(task[0]), task[1]
    for entity_id, etype, name, aliases in entities:
        (out / etype / f"{entity_id}.yaml").write_text(entity_yaml(entity_id, etype, name, aliases), encoding="utf-8")
    return len(entities)


def generate(out: Path, n_aliases: int, seed: int, jobs: int = 1) -> tuple[int, int]:
    """Write the store: blocks of candidates drawn in `jobs` processes, kept in block order where their names
    meet no earlier entity's (so no two entities share a normalized alias, and the store is the same whatever
    `jobs`), the files written in `jobs` processes."""
    for etype in ("person", "organization", "location"):
        (out / etype).mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()  # normalized texts already used by some entity: no collision across entities
    queries: list[dict[str, str | None]] = []
    pending: list[tuple[str, str, str, list[tuple[str, str]]]] = []
    made = entities = block = 0
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        writes = []
        while made < n_aliases:
            # enough blocks for what is still to make (about 3.2 aliases an entity, some dropped), one round at a time
            wanted = max(jobs, -(-(n_aliases - made) // (BLOCK_ENTITIES * 3)))
            tasks = [(seed, b) for b in range(block, block + wanted)]
            block += wanted
            for drawn in pool.imap(candidates, tasks):
                for etype, name, name_key, kept, sample in drawn:
                    if made >= n_aliases:
                        break
                    if name_key in taken:
                        continue
                    aliases = [(t, k) for t, k, key in kept if key not in taken]
                    entity_id = f"{etype[0]}{entities:07d}"
                    pending.append((entity_id, etype, name, aliases))
                    taken.add(name_key)
                    taken.update(key for _, _, key in kept)
                    made += 1 + len(aliases)
                    entities += 1
                    if sample:
                        pick, misspelt, nobody = sample
                        texts = [name, *[t for t, _ in aliases]]
                        queries.append({"kind": "exact", "query": texts[int(pick * len(texts))], "expect": entity_id})
                        queries.append({"kind": "variant", "query": misspelt, "expect": entity_id})
                        queries.append({"kind": "miss", "query": nobody, "expect": None})
                    if len(pending) >= 2000:
                        writes.append(pool.apply_async(write_files, ((str(out), pending),)))
                        pending = []
        writes.append(pool.apply_async(write_files, ((str(out), pending),)))
        written = sum(w.get() for w in writes)
    if written != entities:
        raise RuntimeError(f"{written} files written for {entities} entities")
    with (out / "queries.jsonl").open("w", encoding="utf-8") as fh:
        for q in queries:
            fh.write(json.dumps(q, ensure_ascii=False) + "\n")
    return entities, made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--aliases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="processes (default: every core); the store is the same whatever the number")
    args = parser.parse_args()
    started = time.perf_counter()
    entities, made = generate(args.out, args.aliases, args.seed, args.jobs)
    print(f"{args.out}: {entities} entities, {made} aliases (names included), {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
