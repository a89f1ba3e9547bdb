"""How fast `annotate` reads text: MB of UTF-8 text a second on one core, with the starter store and, with
--synthetic N, with N synthetic aliases added to it (benchmarks/synth_store.py), in one run.

    python benchmarks/annotate.py [--mb 2] [--synthetic 1000000] [--work DIR]

The text is the hand-labelled news articles (tests/data/annotate/articles.jsonl, seven languages), repeated and
cut into documents of about 20 KB until --mb MB. Three figures per store:
  warm   the documents one after another in one process, as a service reads a feed: the matcher's answers for
         a name seen before are remembered (names repeat across news), the alias automaton is built once
  cold   each document with the remembered answers dropped first: every capitalised run resolved afresh
  build  building the alias automaton (once per store, on first use)
Times are CPU seconds of this process (time.process_time): the rate one core gives, whatever else the machine
runs. Target (issue 21): warm at least 1 MB/s with the starter store, and within 2x of that at a million aliases.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from service.annotate import annotate  # noqa: E402
from service.annotate.automaton import AliasAutomaton, automaton_for  # noqa: E402
from service.annotate.evaluate import load_articles  # noqa: E402
from service.annotate.linker import _RESOLVED  # noqa: E402
from service.annotate.tokens import STOP_KEYS, name_keys, words  # noqa: E402
from service.errors import StoreError  # noqa: E402
from service.match.index import Index  # noqa: E402
from service.store.build import build  # noqa: E402

ARTICLES = ROOT / "tests" / "data" / "annotate" / "articles.jsonl"
DOC_BYTES = 20_000


def documents(megabytes: float) -> list[str]:
    texts = [a.text for a in load_articles(ARTICLES)]
    docs, current, size, total = [], [], 0, 0
    while total < megabytes * 1e6:
        for text in texts:
            current.append(text)
            size += len(text.encode())
            if size >= DOC_BYTES:
                docs.append("\n\n".join(current))
                total += size
                current, size = [], 0
    return docs


def measure(index: Index, docs: list[str], label: str) -> float:
    t0 = time.process_time()
    automaton_for(index)
    built = time.process_time() - t0
    nbytes = sum(len(d.encode()) for d in docs)
    annotate(index, docs[0], as_of="2024-12-08")  # warm-up: the lexicon and the surname table load on first use
    t0 = time.process_time()
    mentions = sum(len(annotate(index, d, as_of="2024-12-08").mentions) for d in docs)
    warm = time.process_time() - t0
    cold_docs = docs[: max(1, len(docs) // 10)]
    cold_bytes = sum(len(d.encode()) for d in cold_docs)
    t0 = time.process_time()
    for d in cold_docs:
        _RESOLVED.pop(index, None)
        annotate(index, d, as_of="2024-12-08")
    cold = time.process_time() - t0
    rate = nbytes / warm / 1e6
    print(f"| {label} | {len(index.aliases):,} | {nbytes / 1e6:.1f} MB, {len(docs)} docs, {mentions:,} mentions | "
          f"{rate:.2f} MB/s | {cold_bytes / cold / 1e6:.2f} MB/s | {built:.2f} s |")
    return rate


def _build_without_collisions(store: Path, db: Path) -> Path:
    """Build; a synthetic entity whose name collides with a real one (Dayr el-Zor) is left out, then retried."""
    for _ in range(10):
        try:
            return build(store, db).path
        except StoreError as exc:
            clashing = set(re.findall(r"/([a-z]\d{5,})\.yaml", exc.message))
            if not clashing:
                raise
            for path in store.glob("*/*.yaml"):
                if path.stem in clashing:
                    path.unlink()
    raise SystemExit("the synthetic store still has problems")


def scan_only(docs: list[str], automaton: AliasAutomaton) -> float:
    """MB/s of the part whose cost should not grow with the store: words, keys and one automaton pass."""
    nbytes = sum(len(d.encode()) for d in docs)
    t0 = time.process_time()
    for d in docs:
        ws = words(d)
        automaton.find([k for w in ws for k in w.keys if k not in STOP_KEYS])
    return nbytes / (time.process_time() - t0) / 1e6


def synthetic_sequences(n: int) -> dict[tuple[str, ...], list[int]]:
    """About n alias key sequences made of the synthetic store's names and their variants."""
    import synth_store  # benchmarks/synth_store.py

    rng = random.Random(7)
    out: dict[tuple[str, ...], list[int]] = {}
    makers = [synth_store.person, synth_store.person, synth_store.organization, synth_store.place]
    while len(out) < n:
        name, _ = rng.choice(makers)(rng)
        for text in (name, synth_store.variant(name, rng), synth_store.misspell(name, rng)):
            out.setdefault(name_keys(text), []).append(len(out))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=2.0)
    parser.add_argument("--synthetic", type=int, default=0, help="also measure with this many synthetic aliases")
    parser.add_argument("--work", type=Path, default=None, help="keep the synthetic store here (reused)")
    parser.add_argument("--patterns", type=int, default=0,
                        help="also time the scan alone against an automaton of this many synthetic key sequences")
    args = parser.parse_args()
    docs = documents(args.mb)
    print("| store | aliases | text | warm | cold | automaton build |")
    print("|---|---:|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        starter_index = Index.open(build(ROOT / "aliases", Path(tmp) / "aliases.db").path)
        starter = measure(starter_index, docs, "starter")
        if args.patterns:
            t0 = time.process_time()
            big_automaton = AliasAutomaton(synthetic_sequences(args.patterns))
            built = time.process_time() - t0
            small, big = scan_only(docs, automaton_for(starter_index)), scan_only(docs, big_automaton)
            print(f"\nthe scan alone (words, keys, automaton): {small:.2f} MB/s with the starter store's "
                  f"{automaton_for(starter_index).patterns:,} patterns, {big:.2f} MB/s with "
                  f"{big_automaton.patterns:,} synthetic patterns (built in {built:.0f} s): {small / big:.2f}x\n")
        if args.synthetic:
            work = args.work or Path(tmp) / "synthetic"
            store = work / f"store-{args.synthetic}"
            if not (store / "person").is_dir():
                shutil.copytree(ROOT / "aliases", store)
                subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synth_store.py"), str(store),
                                "--aliases", str(args.synthetic)], check=True, stdout=subprocess.DEVNULL)
            index = Index.open(_build_without_collisions(store, work / f"aliases-{args.synthetic}.db"))
            big = measure(index, docs, f"starter + {args.synthetic:,} synthetic")
            print(f"\nwarm rate, starter / with {args.synthetic:,} synthetic aliases: {starter / big:.2f}x")


if __name__ == "__main__":
    main()
