"""Write a synthetic alias store of realistic names, for the scale benchmarks.

    python benchmarks/synth_store.py OUT_DIR --aliases 100000 [--seed 7]

Entities are people, organizations and places with 2-4 token names drawn from transliterated Arabic, Russian,
Persian and English name parts and organisation words; each gets about ten aliases: spelling variants (the
transliteration alternations of the field: Mohammed/Muhammad/Mohamad, -ov/-off, ou/u, el-/al-), a
surname-first form, a short form, a native-script form (Arabic or Cyrillic) and, for organisations, an acronym.
Files go under OUT_DIR/<type>/<id>.yaml, in the store's own format, so `aliases build --store OUT_DIR` builds
them the normal way. Alongside, OUT_DIR/queries.jsonl holds query samples: exact aliases, variants that are NOT
in the store (re-spelled or misspelled), and names of no entity.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.match.normalize import normalize  # noqa: E402
from service.store.files import dump_entity  # noqa: E402
from service.store.model import Alias, Entity  # noqa: E402

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


def unique_name(make, rng: random.Random, taken: set[str], tries: int = 40):  # type: ignore[no-untyped-def]
    for _ in range(tries):
        name, lang = make(rng)
        if normalize(name) not in taken:
            return name, lang
    while True:  # a crowded corner of the name space: one more name part
        name = f"{name.split()[0]} {rng.choice(ARABIC_GIVEN + RUSSIAN_GIVEN)} {' '.join(name.split()[1:])}"
        if normalize(name) not in taken:
            return name, lang


def generate(out: Path, n_aliases: int, seed: int) -> tuple[int, int]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()  # folded texts already used by some entity: no collision across entities
    queries: list[dict[str, str | None]] = []
    made = entities = 0
    makers = [("person", person, 0.5), ("organization", organization, 0.25), ("location", place, 0.25)]
    while made < n_aliases:
        etype, make, _ = rng.choices(makers, [w for *_, w in makers])[0]
        name, lang = unique_name(make, rng, taken)
        texts: dict[str, str] = {}
        for _ in range(6):
            v = variant(name, rng)
            if normalize(v) not in taken and v != name:
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
        mine = {normalize(name)}
        kept: dict[str, str] = {}
        for t, k in texts.items():
            key = normalize(t)
            if key and key not in taken and (key not in mine or k == "native"):
                kept[t] = k
                mine.add(key)
        texts = kept
        entity_id = f"{etype[0]}{entities:07d}"
        aliases = tuple(Alias(text=t, kind=k) for t, k in list(texts.items())[:9])
        entity = Entity(id=entity_id, type=etype, name=name, aliases=aliases)
        path = out / etype / f"{entity_id}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_entity(entity), encoding="utf-8")
        taken.update(mine)
        made += 1 + len(aliases)
        entities += 1
        if rng.random() < 0.02:
            exact = rng.choice([name, *[a.text for a in aliases]])
            queries.append({"kind": "exact", "query": exact, "expect": entity_id})
            queries.append({"kind": "variant", "query": misspell(name, rng), "expect": entity_id})
            nobody = f"{rng.choice(ENGLISH_GIVEN)} {rng.choice(PLACE_NAMES)}{rng.choice(ORG_WORDS).lower()}"
            queries.append({"kind": "miss", "query": nobody, "expect": None})
    with (out / "queries.jsonl").open("w", encoding="utf-8") as fh:
        for q in queries:
            fh.write(json.dumps(q, ensure_ascii=False) + "\n")
    return entities, made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--aliases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    entities, made = generate(args.out, args.aliases, args.seed)
    print(f"{args.out}: {entities} entities, {made} aliases (names included)")


if __name__ == "__main__":
    main()
