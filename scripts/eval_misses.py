#!/usr/bin/env python3
"""Misses of the event coder by cause, for the notes of issue 13.

    scripts/eval_misses.py GOLD.jsonl PRED.jsonl [--explain BIN] [--list CAUSE | --list 'extra CAUSE']

Reads a gold file in the format of ../shared/eval (see its README) and the coder's output, and
sorts every required gold event the coder did not match into one cause:

  nothing coded    no event at all in the gold sentence
  wrong root       events in the sentence, none with an accepted root
  wrong source     an accepted root, the target right, the source wrong
  wrong target     an accepted root, the source right, the target wrong
  both sides       an accepted root, source and target wrong
  date             matched on actors and root but dated wrong (counted apart: not a miss; all
                   dated gold events, as the scorer's dates_right counts them)

Extra events (in gold sentences, matching no gold event) are sorted the same way against the
closest gold event of their sentence.

With --explain BIN, the misses "nothing coded" and "wrong root" are split further by what
`BIN explain` traces for their sentence (the input file is GOLD with .gold. read as .input.; the
traces are cached in the temp dir, per binary and article):

  trigger not found   no trigger pattern matched in the sentence (for wrong root: none with an
                      accepted root)
  modality            the trigger was dropped for modality (negated, hypothetical, wanted,
                      denied...) or recoded by it (intended, threatened, refused)
  not assembled       the trigger was dropped for another reason (no coded party, removed by
                      rank...), counted per reason as the trace words it
  recoded             (wrong root) the trigger's root was changed for another reason
  in trace only       the trace codes an accepted event the output does not have

The trigger that decides is the first one with an accepted root (any trigger when none has one);
a modality drop comes before the other drops. --list takes a cause, a kind ('modality'), both
('nothing coded, modality') or 'date'. Only the standard library; nothing of the gold is kept.
"""
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = ["../shared/eval", os.path.join(HERE, "..", "..", "shared", "eval")]
try:
    from score import actor_is, event_matches, plover_of, root_of  # the scorer's own matching rules
except ImportError:  # the trace parser below works without it (scripts/test_eval_misses.py)
    actor_is = event_matches = plover_of = root_of = None

CAUSES = ["nothing coded", "wrong root", "wrong source", "wrong target", "both sides"]
EXTRA_ORDER = ["wrong target", "wrong source", "both sides", "wrong root", "no gold event"]
KINDS = ["trigger not found", "modality", "not assembled", "recoded", "in trace only", "sentence not in trace"]
# Drop reasons of the trace that are about whether the act happened (its modality), by a word of them.
MODALITY_DROPS = ("negat", "hypothetical", "conditional", "wanted", "demanded", "denied", "asked for",
                  "habitual", "nonspecific", "purpose", "failed to")
# Recodings that are modality besides a non-asserted modality ("a cooperative act not done is refused").
MODALITY_RECODES = ("refused", "rejecting")


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


# ---- the trace of `flashpoint explain` -------------------------------------------------------

SENTENCE = re.compile(r"^\[(\d+)\] (.*)$")
TRIGGER = re.compile(r'^    trigger "(?P<words>.*)" = (?P<code>\d+) (?P<pos>\S+) "(?P<pattern>.*)"$')
RECODE = re.compile(r"^      code (?P<code>\d+), (?P<modality>\w+): (?P<why>.*)$")
DROPPED = re.compile(r"^      DROPPED: (?P<why>.*)$")
REMOVED = re.compile(r"^    removed (?P<src>\S+) -> (?P<tgt>\S+) (?P<code>\d+) «(?P<words>.*)»: (?P<why>.*)$")
EVENT = re.compile(r"^    EVENT (?P<src>\S+) -> (?P<tgt>\S+) (?P<code>\d+) «(?P<words>.*)» (?P<modality>\S+)$")


def parse_trace(text):
    """The sentences of an explain trace: text, triggers (with their steps, recoding and drop),
    removals and events. Parse-tree lines and mentions are skipped."""
    sentences = []
    for line in text.splitlines():
        m = SENTENCE.match(line)
        if m:
            sentences.append({"index": int(m[1]), "text": m[2], "triggers": [], "removed": [], "events": []})
        elif sentences and not line.startswith("    |"):
            read_trace_line(sentences[-1], line)
    return sentences


def read_trace_line(sent, line):
    """Adds one line of a sentence's trace to `sent`."""
    triggers = sent["triggers"]
    if m := TRIGGER.match(line):
        triggers.append(dict(m.groupdict(), line=line.strip(), steps=[], recode=None, dropped=None))
    elif m := REMOVED.match(line):
        sent["removed"].append(dict(m.groupdict(), line=line.strip()))
    elif m := EVENT.match(line):
        sent["events"].append(dict(m.groupdict(), line=line.strip()))
    elif triggers and line.startswith("      "):
        step = triggers[-1]
        step["steps"].append(line.strip())
        if m := RECODE.match(line):
            step["recode"] = m.groupdict()
        elif m := DROPPED.match(line):
            step["dropped"] = m["why"]


def is_modality_drop(why):
    return any(w in why for w in MODALITY_DROPS)


def is_modality_recode(recode):
    return recode["modality"] != "asserted" or any(w in recode["why"] for w in MODALITY_RECODES)


def fate(trigger, sent, accepted):
    """What became of a trigger: (kind, reason, trace line). `accepted(code)` says whether a
    CAMEO code has a root the gold event accepts."""
    recode = trigger["recode"]
    if trigger["dropped"]:
        why = trigger["dropped"]
        kind = "modality" if is_modality_drop(why) else "not assembled"
        return kind, why, f'{trigger["line"]} | DROPPED: {why}'
    if recode and accepted(trigger["code"]) and not accepted(recode["code"]):
        kind = "modality" if is_modality_recode(recode) else "recoded"
        why = f'recoded {recode["modality"]}: {recode["why"]}'
        return kind, why, f'{trigger["line"]} | code {recode["code"]}'
    # events and removals name the trigger by its words
    for e in sent["events"]:
        if e["words"] == trigger["words"]:
            return "in trace only", "EVENT", e["line"]
    for r in sent["removed"]:
        if r["words"] == trigger["words"]:
            return "not assembled", "removed: " + r["why"], r["line"]
    last = trigger["steps"][-1] if trigger["steps"] else "no step"
    return "not assembled", last, f'{trigger["line"]} | {last}'


def explain_miss(why, gold, sent):
    """Splits a miss of cause `why` ('nothing coded' or 'wrong root') by the sentence's trace:
    (kind, reason, trace line, whether the deciding trigger has an accepted root)."""
    if sent is None:
        return "sentence not in trace", None, "", False
    accepted = accepts(gold)
    rooted = [t for t in sent["triggers"] if accepted(t["code"])]
    candidates = rooted if rooted or why == "wrong root" else sent["triggers"]
    if not candidates:
        return "trigger not found", None, "; ".join(t["line"] for t in sent["triggers"]) or "no trigger", False
    fates = [fate(t, sent, accepted) for t in candidates]
    kind, reason, line = min(fates, key=lambda f: KINDS.index(f[0]) if f[0] != "modality" else -1)
    return kind, reason, line, bool(rooted)


def accepts(gold):
    """Whether a trace's CAMEO code is of a root the gold event accepts (any code when gold gives
    PLOVER labels, which the trace does not print)."""
    if "roots" not in gold:
        return lambda code: True
    return lambda code: code[:2] in gold["roots"]


def find_sentence(sentences, gold_sentence):
    return next((s for s in sentences if gold_sentence in s["text"]), None)


def trace_of(binary, article):
    """`binary explain` of one article, cached in the temp dir per binary (path and time) and article."""
    stamp = f"{os.path.realpath(binary)}:{os.path.getmtime(binary)}"
    folder = os.path.join(tempfile.gettempdir(), "eval_misses." + hashlib.sha1(stamp.encode()).hexdigest()[:12])
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, hashlib.sha1(article["id"].encode()).hexdigest()[:16] + ".txt")
    if not os.path.exists(path):
        args = [binary, "explain", article["text"]]
        if article.get("published"):
            args[2:2] = ["--published", article["published"]]
        out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            f.write(out)
        os.replace(path + ".tmp", path)
    with open(path, encoding="utf-8") as f:
        return parse_trace(f.read())


# ---- counting ---------------------------------------------------------------------------------

def actor_code(actor):
    return actor and actor.get("code")


def gold_text(aid, g):
    return f"{aid}: {g.get('source')}->{g.get('target')} {g.get('roots') or g.get('plover')}"


def count_misses(gold_rows, pred_rows, listing, traces):
    """Counts the missed required gold events per cause (and per kind of the trace, when traces
    are given: a function from article id to its parsed trace; counted per cause, kind and
    whether the deciding trigger has an accepted root), printing those of `listing`."""
    misses, kinds, reasons, total = Counter(), Counter(), Counter(), 0
    for aid, gold in gold_rows.items():
        pevents = (pred_rows.get(aid) or {}).get("events") or []
        for g in gold.get("events", []):
            if not g.get("required", True):
                continue
            total += 1
            preds = [p for p in pevents if g["sentence"] in (p.get("sentence_text") or "")]
            c = cause(g, preds)
            if not c:
                continue
            misses[c] += 1
            kind, reason, line = None, None, None
            if traces and c in ("nothing coded", "wrong root"):
                kind, reason, line, rooted = explain_miss(c, g, find_sentence(traces(aid), g["sentence"]))
                kinds[c, kind, rooted] += 1
                reasons[kind, reason, rooted] += 1
            if listing is not None and listing in (c, kind, label(c, kind)):
                list_miss(aid, g, preds, line)
    return total, misses, kinds, reasons


def list_miss(aid, g, preds, line):
    print(f"{gold_text(aid, g)} | {g['sentence'][:90]}")
    if line is not None:
        print(f"      trace {line}")
    for p in preds:
        print(f"      coded {actor_code(p['source'])}->{actor_code(p['target'])} {p.get('cameo')}"
              f" «{p['trigger']['text']}»")


def count_extras(gold_rows, pred_rows, listing):
    extras = Counter()
    for aid, gold in gold_rows.items():
        for p in (pred_rows.get(aid) or {}).get("events") or []:
            text = p.get("sentence_text") or ""
            golds = [g for g in gold.get("events", []) if g["sentence"] in text]
            if not golds and not gold.get("exhaustive"):
                continue
            if any(cause(g, [p]) is None for g in golds):
                continue
            kinds = [cause(g, [p]) for g in golds] or ["no gold event"]
            kind = min(kinds, key=EXTRA_ORDER.index)
            extras[kind] += 1
            if listing == "extra " + kind:
                print(f"{aid}: coded {actor_code(p['source'])}->{actor_code(p['target'])} {p.get('cameo')}"
                      f" «{p['trigger']['text']}»"
                      f" | gold {[(g.get('source'), g.get('target'), g.get('roots')) for g in golds][:2]}"
                      f" | {text[:80]}")
    return extras


def count_dates(gold_rows, pred_rows, listing):
    """Dated gold events (required or not, as the scorer's dates_right) that an event matches, and
    how many of them no matching event dates right."""
    dated, wrong = 0, 0
    for aid, gold in gold_rows.items():
        pevents = (pred_rows.get(aid) or {}).get("events") or []
        for g in gold.get("events", []):
            hits = [p for p in pevents if event_matches(g, p, False)]
            if not hits or not g.get("date"):
                continue
            dated += 1
            if any(p.get("date") == g["date"] for p in hits):
                continue
            wrong += 1
            if listing == "date":
                print(f"{gold_text(aid, g)} date {g['date']}, coded {sorted({str(p.get('date')) for p in hits})}"
                      f" | {g['sentence'][:90]}")
    return dated, wrong


# ---- printing ---------------------------------------------------------------------------------

def label(c, kind):
    """The printed name of a cause split by the trace (what --list takes)."""
    if (c, kind) == ("wrong root", "trigger not found"):
        return "wrong root, no trigger with an accepted root"
    return f"{c}, {kind}"


def print_explained(kinds, reasons):
    print("missed, by the trace (--explain); the last column: how many by a trigger of an accepted root")
    for c in ("nothing coded", "wrong root"):
        for k in KINDS:
            n, rooted = kinds[c, k, False] + kinds[c, k, True], kinds[c, k, True]
            if n or k in KINDS[:3]:
                print(f"  {label(c, k):46} {n:4} {rooted:4}")
    for k in ("modality", "not assembled", "recoded"):
        whys = {why for kind, why, _ in reasons if kind == k}
        both = lambda w: reasons[k, w, False] + reasons[k, w, True]
        ranked = sorted(((both(w), reasons[k, w, True], w) for w in whys), reverse=True)
        if ranked:
            print(f"  {k}, by the trace's reason (all, by a trigger of an accepted root):")
        for n, rooted, why in ranked:
            print(f"    {n:4} {rooted:4}  {why}")


def main(argv):
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet under `| head`
    if len(argv) < 3:
        sys.exit(__doc__)
    if root_of is None:
        sys.exit("needs ../shared/eval/score.py (run from the project root)")
    gold_rows, pred_rows = load(argv[1]), load(argv[2])
    listing = argv[argv.index("--list") + 1] if "--list" in argv else None
    traces = None
    if "--explain" in argv:
        binary = argv[argv.index("--explain") + 1]
        articles = load(argv[1].replace(".gold.", ".input."))
        traces = lambda aid: trace_of(binary, articles[aid])
    total, misses, kinds, reasons = count_misses(gold_rows, pred_rows, listing, traces)
    extras = count_extras(gold_rows, pred_rows, listing)
    dated, wrong = count_dates(gold_rows, pred_rows, listing)
    print(f"required gold events: {total}; missed: {sum(misses.values())}")
    for k in CAUSES:
        print(f"  missed, {k:14} {misses[k]:4}")
    print(f"extra events: {sum(extras.values())}")
    for k in ["no gold event", "wrong root", "wrong source", "wrong target", "both sides"]:
        print(f"  extra, {k:15} {extras[k]:4}")
    print(f"matched dated gold events: {dated}; dated wrong: {wrong}"
          f" (dates_right {(dated - wrong) / dated if dated else float('nan'):.3f})")
    if traces:
        print_explained(kinds, reasons)


if __name__ == "__main__":
    main(sys.argv)
