#!/usr/bin/env python3
"""Misses of the event coder by cause, for the notes of issue 13.

    scripts/eval_misses.py GOLD.jsonl PRED.jsonl [--list CAUSE | --list 'extra CAUSE']

Reads a gold file in the format of ../shared/eval (see its README) and the coder's output, and
sorts every required gold event the coder did not match into one cause:

  nothing coded    no event at all in the gold sentence
  wrong root       events in the sentence, none with an accepted root
  wrong source     an accepted root, the target right, the source wrong
  wrong target     an accepted root, the source right, the target wrong
  both sides       an accepted root, source and target wrong
  date             matched on actors and root but dated wrong (counted apart: not a miss)

Extra events (in gold sentences, matching no gold event) are sorted the same way against the
closest gold event of their sentence. Only the standard library; nothing of the gold is kept.
"""
import json
import sys
from collections import Counter

sys.path.insert(0, "../shared/eval")
try:
    from score import actor_is, plover_of, root_of  # the scorer's own matching rules
except ImportError:
    sys.exit("needs ../shared/eval/score.py (run from the project root)")


def load(path):
    with open(path, encoding="utf-8") as f:
        return {r["id"]: r for r in (json.loads(line) for line in f if line.strip())}


def side_ok(actor, wanted):
    if not wanted:
        return True
    return any(actor_is(actor, w) for w in (wanted if isinstance(wanted, list) else [wanted]))


def root_ok(gold, pred):
    if "roots" in gold:
        return root_of(pred) in gold["roots"]
    return plover_of(pred) in gold.get("plover", [])


def cause(gold, preds):
    """Why no predicted event of the sentence matches `gold` (None when one does)."""
    if not preds:
        return "nothing coded"
    rooted = [p for p in preds if root_ok(gold, p)]
    if not rooted:
        return "wrong root"
    best = None
    for p in rooted:
        s = side_ok(p.get("source"), gold.get("source"))
        t = side_ok(p.get("target"), gold.get("target"))
        if s and t:
            return None
        kind = "wrong target" if s else "wrong source" if t else "both sides"
        order = ["wrong target", "wrong source", "both sides"]
        if best is None or order.index(kind) < order.index(best):
            best = kind
    return best


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    gold_rows, pred_rows = load(argv[1]), load(argv[2])
    listing = argv[argv.index("--list") + 1] if "--list" in argv else None
    misses, extras, total = Counter(), Counter(), 0
    for aid, gold in gold_rows.items():
        pevents = (pred_rows.get(aid) or {}).get("events") or []
        for g in gold.get("events", []):
            if not g.get("required", True):
                continue
            total += 1
            preds = [p for p in pevents if g["sentence"] in (p.get("sentence_text") or "")]
            c = cause(g, preds)
            if c:
                misses[c] += 1
                if c == listing:
                    print(f"{aid}: {g.get('source')}->{g.get('target')} {g.get('roots') or g.get('plover')}"
                          f" | {g['sentence'][:90]}")
                    for p in preds:
                        print(f"      coded {p['source'] and p['source'].get('code')}->"
                              f"{p['target'] and p['target'].get('code')} {p.get('cameo')}"
                              f" «{p['trigger']['text']}»")
        for p in pevents:
            text = p.get("sentence_text") or ""
            golds = [g for g in gold.get("events", []) if g["sentence"] in text]
            if not golds and not gold.get("exhaustive"):
                continue
            if any(cause(g, [p]) is None for g in golds):
                continue
            kinds = [cause(g, [p]) for g in golds] or ["no gold event"]
            order = ["wrong target", "wrong source", "both sides", "wrong root", "no gold event"]
            kind = min(kinds, key=order.index)
            extras[kind] += 1
            if listing == "extra " + kind:
                print(f"{aid}: coded {p['source'] and p['source'].get('code')}->"
                      f"{p['target'] and p['target'].get('code')} {p.get('cameo')} «{p['trigger']['text']}»"
                      f" | gold {[(g.get('source'), g.get('target'), g.get('roots')) for g in golds][:2]}"
                      f" | {text[:80]}")
    print(f"required gold events: {total}; missed: {sum(misses.values())}")
    for k in ["nothing coded", "wrong root", "wrong source", "wrong target", "both sides"]:
        print(f"  missed, {k:14} {misses[k]:4}")
    print(f"extra events: {sum(extras.values())}")
    for k in ["no gold event", "wrong root", "wrong source", "wrong target", "both sides"]:
        print(f"  extra, {k:15} {extras[k]:4}")


if __name__ == "__main__":
    main(sys.argv)
