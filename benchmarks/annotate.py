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
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.annotate import annotate  # noqa: E402
from service.annotate.automaton import automaton_for  # noqa: E402
from service.annotate.evaluate import load_articles  # noqa: E402
from service.annotate.linker import _RESOLVED  # noqa: E402
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=2.0)
    parser.add_argument("--synthetic", type=int, default=0, help="also measure with this many synthetic aliases")
    parser.add_argument("--work", type=Path, default=None, help="keep the synthetic store here (reused)")
    args = parser.parse_args()
    docs = documents(args.mb)
    print("| store | aliases | text | warm | cold | automaton build |")
    print("|---|---:|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        starter = measure(Index.open(build(ROOT / "aliases", Path(tmp) / "aliases.db").path), docs, "starter")
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
