#!/usr/bin/env python3
"""Place misses of the coder by cause, for the notes of issue 14.

    scripts/eval_places.py GOLD.jsonl INPUT.jsonl PRED.jsonl [--list] [--cause CAUSE]

Reads a gold file in the format of ../shared/eval (see its README), the articles it annotates and
the coder's output, matches predicted places to each gold place with the scorer's own rule, and
sorts every gold place not within 50 km into one cause:

  name not in text      the gold name is not written in the article (another spelling is)
  not in gazetteer      written, but no gazetteer entry of that name lies within 50 km
  not recognised        written and in the gazetteer, yet no place of that name was reported
  wrong country         reported, in another country
  wrong candidate       reported in the right country, far off, though the gazetteer has the right one
  unknown place         reported without coordinates (right country), and the gazetteer lacks it
  far, not in gazetteer reported with a point in the right country, the gazetteer lacks the right one

Places within 50 km count as right (a country named as a place: its country). With --list each
miss is printed with the predicted places of that name; nothing of the gold is written anywhere.
Only the standard library; run from the project root.
"""
import json
import math
import os
import sys
from collections import Counter, defaultdict

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from build_gazetteer import key  # the gazetteer's own name keys

CAUSES = ["name not in text", "not in gazetteer", "not recognised", "wrong country",
          "wrong candidate", "unknown place", "far, not in gazetteer"]


def load(path):
    with open(path, encoding="utf-8") as f:
        return {r["id"]: r for r in (json.loads(line) for line in f if line.strip())}


def km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def gazetteer():
    """Name key -> [(kind, name, iso3, lat, lon)] over every table."""
    index = defaultdict(list)
    g = os.path.join(here, "..", "data", "gazetteer")

    def rows(name):
        with open(os.path.join(g, name), encoding="utf-8") as f:
            for line in f:
                if not line.startswith("#") and line.strip():
                    yield line.rstrip("\n").split("\t")

    def add(kind, names, iso3, lat, lon):
        for n in names:
            k = key(n) if n else None
            if k:
                index[k].append((kind, names[0], iso3, float(lat), float(lon)))

    for r in rows("countries.tsv"):
        add("country", [r[2]] + r[3].split("|"), r[1], r[6], r[7])
    for r in rows("admin1.tsv"):
        add("admin1", [r[2]] + r[3].split("|"), r[0], r[4], r[5])
    for r in rows("cities.tsv"):
        add("city", [r[1], r[2]] + r[8].split("|"), r[3], r[5], r[6])
    for r in rows("features.tsv"):
        add(r[0], [r[2]] + r[3].split("|"), r[4], r[6], r[7])
    return index


def same(pl, preds):
    """The scorer's rule: predicted places that stand for the gold place `pl`."""
    want = pl["name"].lower()
    return [p for p in preds
            if want in ((p.get("name") or "").lower(), (p.get("text") or "").lower())
            or want in (p.get("text") or "").lower().split(", ")[0].split(" ")]


def right(pl, p):
    if p.get("precision") == "country":
        return p.get("country") == pl["country"]
    return p.get("lat") is not None and km((p["lat"], p["lon"]), (pl["lat"], pl["lon"])) <= 50


def in_gazetteer(index, pl):
    k = key(pl["name"])
    return any(e[2] == pl["country"] and (e[0] == "country" or km((e[3], e[4]), (pl["lat"], pl["lon"])) <= 50)
               for e in index.get(k, []))


def cause(index, pl, found, text):
    if any(right(pl, p) for p in found):
        return None
    if not found:
        if pl["name"].lower() not in text.lower():
            return "name not in text"
        return "not recognised" if in_gazetteer(index, pl) else "not in gazetteer"
    if not any(p.get("country") == pl["country"] for p in found):
        return "wrong country"
    if in_gazetteer(index, pl):
        return "wrong candidate"
    if all(p.get("lat") is None for p in found if p.get("country") == pl["country"]):
        return "unknown place"
    return "far, not in gazetteer"


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 3:
        sys.exit(__doc__)
    gold, inputs, pred = load(args[0]), load(args[1]), load(args[2])
    only = next((a.split("=", 1)[1] for a in argv if a.startswith("--cause=")), None)
    index = gazetteer()
    counts, total = Counter(), 0
    for aid, g in gold.items():
        preds = (pred.get(aid) or {}).get("places") or []
        text = (inputs.get(aid) or {}).get("text", "")
        for pl in g.get("places", []):
            total += 1
            found = same(pl, preds)
            c = cause(index, pl, found, text)
            if c is None:
                continue
            counts[c] += 1
            if "--list" in argv and (only is None or only == c):
                got = "; ".join(f"{p.get('text')}→{p.get('name')} {p.get('country')} {p.get('precision')}"
                                for p in found) or "-"
                print(f"{c:22} {aid[:30]:30} {pl['name']} ({pl['country']}) | {got}")
    ok = total - sum(counts.values())
    print(f"\n{total} gold places, {ok} within 50 km ({ok / max(total, 1):.3f})")
    for c in CAUSES:
        print(f"  {c:24} {counts[c]}")


if __name__ == "__main__":
    main(sys.argv[1:])
