#!/usr/bin/env python3
"""Check the actor dictionaries in this folder (countries, orgs, agents, people).

Usage: python3 data/actors/check.py [DIR]   (DIR defaults to this script's folder)
Prints row and phrase counts per file; exits 1 on any problem.
"""
import os
import re
import sys

# CAMEO roles used by these files; each one is described in README.md.
ROLES = {
    "GOV", "MIL", "COP", "SPY", "JUD", "LEG", "PTY", "OPP", "REB", "INS", "SEP", "UAF",
    "CRM", "CVL", "REF", "MED", "NGO", "HRI", "IGO", "BUS", "ELI", "LAB", "EDU", "HLH",
    "REL", "AGR", "DEV", "ENV",
}

# The 193 UN member states, plus the Holy See (VAT) and Palestine (PSE).
UN_MEMBERS = set("""
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN
BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK DJI DMA
DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND
HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC
NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR ROU RUS RWA KNA LCA VCT WSM SMR STP
SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO
TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split())
OBSERVERS = {"VAT", "PSE"}
# Territories and partly recognised states the files may name (XKX: Kosovo, not ISO).
TERRITORIES = {
    "TWN", "XKX", "HKG", "MAC", "ESH", "PRI", "GRL", "FRO", "GUM", "ASM", "GIB", "FLK", "NCL",
    "PYF", "BMU", "CYM", "VGB", "ABW", "CUW", "MNP", "GUF", "MYT", "REU",
}
COUNTRY_CODES = UN_MEMBERS | OBSERVERS | TERRITORIES

# Organisation codes used in orgs.tsv's `country` column: the `org` rows of country_codes.tsv,
# beside this script.
def read_org_codes(path):
    with open(path, encoding="utf-8") as f:
        rows = [l.split("\t") for l in f.read().split("\n") if l.strip() and not l.startswith("#")]
    return {r[0] for r in rows if len(r) > 1 and r[1] == "org"}


ORG_CODES = read_org_codes(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "country_codes.tsv")
)

COUNTRY_KINDS = {"name", "adj", "people", "capital", "seat", "ethnic"}
AGENT_KINDS = {"noun", "title"}

# A phrase may stand for two countries only when listed here with a reason (see README.md).
SHARED_COUNTRY_PHRASES = set()

DATE = re.compile(r"^\d{4}(-\d{2}-\d{2})?$")


class Report:
    def __init__(self):
        self.problems = []

    def bad(self, path, line, msg):
        self.problems.append(f"{os.path.basename(path)}:{line}: {msg}")


def read_rows(path, rep, min_cols, max_cols):
    """Yield (line number, columns) for the data rows; check the header and column counts."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if not lines or not lines[0].startswith("#"):
        rep.bad(path, 1, "first line must be a '#' header comment")
    for i, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        if line.startswith("#"):
            rep.bad(path, i, "only one '#' header comment, at the top")
            continue
        cols = line.split("\t")
        if not (min_cols <= len(cols) <= max_cols):
            rep.bad(path, i, f"{len(cols)} columns, expected {min_cols}..{max_cols}")
            continue
        yield i, cols


def split_phrases(path, i, field, rep):
    out = []
    for p in field.split("|"):
        if not p or p != p.strip() or "  " in p:
            rep.bad(path, i, f"empty or badly spaced phrase {p!r}")
            continue
        if p in out:
            rep.bad(path, i, f"phrase {p!r} repeated in the row")
            continue
        out.append(p)
    if not out:
        rep.bad(path, i, "no phrases")
    return out


def check_countries(path, rep):
    rows = phrases = 0
    seen = {}  # casefolded phrase -> (iso3, kind, line)
    named = set()
    for i, cols in read_rows(path, rep, 3, 4):
        iso, kind, field = cols[0], cols[1], cols[2]
        rows += 1
        if iso not in COUNTRY_CODES:
            rep.bad(path, i, f"unknown country code {iso!r}")
        if kind not in COUNTRY_KINDS:
            rep.bad(path, i, f"unknown kind {kind!r}")
        if len(cols) == 4 and cols[3] not in ROLES:
            rep.bad(path, i, f"unknown role {cols[3]!r}")
        if len(cols) == 4 and kind not in ("capital", "seat"):
            rep.bad(path, i, "a role is only meaningful on capital/seat rows")
        if kind == "name":
            named.add(iso)
        for p in split_phrases(path, i, field, rep):
            phrases += 1
            key = p.casefold()
            if key in seen:
                o_iso, o_kind, o_line = seen[key]
                if o_iso != iso and key not in SHARED_COUNTRY_PHRASES:
                    rep.bad(path, i, f"{p!r} maps to {iso} and to {o_iso} (line {o_line})")
                elif o_iso == iso and o_kind == kind:
                    rep.bad(path, i, f"{p!r} listed twice for {iso} {kind} (line {o_line})")
            else:
                seen[key] = (iso, kind, i)
    for iso in sorted((UN_MEMBERS | OBSERVERS | {"TWN", "XKX"}) - named):
        rep.bad(path, 0, f"no name row for {iso}")
    return rows, phrases, {k: v[0] for k, v in seen.items()}


def check_orgs(path, rep, country_phrases):
    rows = phrases = 0
    seen = {}  # casefolded phrase -> (code, role, line)
    clash = ORG_CODES & COUNTRY_CODES
    if clash:
        rep.bad(path, 0, f"organisation codes collide with country codes: {sorted(clash)}")
    for i, cols in read_rows(path, rep, 4, 4):
        code, role, name, field = cols
        rows += 1
        if code not in ORG_CODES and code not in COUNTRY_CODES:
            rep.bad(path, i, f"unknown code {code!r} (add it to country_codes.tsv)")
        if role and role not in ROLES:
            rep.bad(path, i, f"unknown role {role!r}")
        if not name.strip():
            rep.bad(path, i, "empty name")
        for p in split_phrases(path, i, field, rep):
            phrases += 1
            key = p.casefold()
            if key in seen and seen[key][:2] != (code, role):
                rep.bad(path, i, f"{p!r} maps to {code}{role} and to {seen[key][0]}{seen[key][1]} (line {seen[key][2]})")
            seen.setdefault(key, (code, role, i))
            if key in country_phrases:
                rep.bad(path, i, f"{p!r} is also a country phrase ({country_phrases[key]})")
    return rows, phrases


def check_agents(path, rep):
    rows = phrases = 0
    seen = {}  # (kind, casefolded phrase) -> (role, line)
    for i, cols in read_rows(path, rep, 3, 3):
        role, kind, field = cols
        rows += 1
        if role not in ROLES:
            rep.bad(path, i, f"unknown role {role!r}")
        if kind not in AGENT_KINDS:
            rep.bad(path, i, f"unknown kind {kind!r}")
        for p in split_phrases(path, i, field, rep):
            phrases += 1
            key = (kind, p if kind == "title" else p.casefold())
            if key in seen and seen[key][0] != role:
                rep.bad(path, i, f"{kind} {p!r} maps to {role} and to {seen[key][0]} (line {seen[key][1]})")
            seen.setdefault(key, (role, i))
    return rows, phrases


def check_people(path, rep):
    """people.tsv: name, code, from, to, aliases (written by another hand; checked for shape)."""
    rows = phrases = 0
    for i, cols in read_rows(path, rep, 5, 5):
        name, code, start, end, aliases = cols
        rows += 1
        if not name.strip():
            rep.bad(path, i, "empty name")
        m = re.fullmatch(r"([A-Z]{3,4})([A-Z]{3})?", code)
        if not m:
            rep.bad(path, i, f"bad code {code!r}")
        else:
            ctry, role = m.group(1), m.group(2)
            # A 6-letter code is ambiguous between CCC+ROLE and a 4-letter org + 2 letters;
            # accept it when it splits as a known country/org plus a known role.
            ok = (ctry in COUNTRY_CODES or ctry in ORG_CODES) and (role is None or role in ROLES)
            if not ok and len(code) == 7:
                ok = code[:4] in ORG_CODES and code[4:] in ROLES
            if not ok:
                rep.bad(path, i, f"code {code!r} is not a known country/org code plus a known role")
        for d in (start, end):
            if d and not DATE.match(d):
                rep.bad(path, i, f"bad date {d!r} (YYYY or YYYY-MM-DD)")
        if start and end and end < start:
            rep.bad(path, i, "office ends before it starts")
        phrases += 1 + (len(split_phrases(path, i, aliases, rep)) if aliases else 0)
    return rows, phrases


def check_readme(path, rep):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for code in sorted(ROLES):
        if f"`{code}`" not in text:
            rep.bad(path, 0, f"code {code} is not documented (write it as `{code}`)")


def main():
    here = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    rep = Report()
    p = lambda n: os.path.join(here, n)  # noqa: E731
    c_rows, c_phr, country_phrases = check_countries(p("countries.tsv"), rep)
    print(f"countries.tsv: {c_rows} rows, {c_phr} phrases")
    o_rows, o_phr = check_orgs(p("orgs.tsv"), rep, country_phrases)
    print(f"orgs.tsv:      {o_rows} rows, {o_phr} phrases")
    a_rows, a_phr = check_agents(p("agents.tsv"), rep)
    print(f"agents.tsv:    {a_rows} rows, {a_phr} phrases")
    if os.path.exists(p("people.tsv")):
        # people.tsv is kept by another hand: its problems are reported but do not fail this check.
        warn = Report()
        pe_rows, pe_phr = check_people(p("people.tsv"), warn)
        print(f"people.tsv:    {pe_rows} rows, {pe_phr} names and aliases")
        for msg in warn.problems:
            print("WARNING", msg)
    else:
        print("people.tsv:    (absent, not checked)")
    check_readme(p("README.md"), rep)
    for msg in rep.problems:
        print("PROBLEM", msg)
    if rep.problems:
        print(f"{len(rep.problems)} problem(s)")
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
