#!/usr/bin/env python3
"""Build the truecasing tables under data/casing/ (read by crates/coder/src/casing/).

Run by hand when the sources change, never at build or run time (stdlib only):

    pip download --no-deps spacy-lookups-data==1.0.5 -d /tmp/sld
    (cd /tmp/sld && unzip -o spacy_lookups_data-1.0.5-py2.py3-none-any.whl 'spacy_lookups_data/data/en_lexeme_prob.json.gz')
    python3 scripts/build_casing.py --lexemes /tmp/sld/spacy_lookups_data/data/en_lexeme_prob.json.gz

Sources (all shipped with the project or converted from a registry package; never evaluation text):
  - word log-probabilities by exact spelling, `en_lexeme_prob` of the PyPI package
    spacy-lookups-data 1.0.5 (MIT): how often "Turkey" is written so against "turkey" in general
    English text;
  - how the project's own news-style text writes each word away from a sentence start
    (corpus/*.jsonl and the coder's regression sentences), which turns the general prior into a
    news prior ("US" over "us", "Turkey" over "turkey");
  - names of several capitalised words in that text ("Red Sea", "Revolutionary Guards");
  - the names the coder knows: the actor dictionaries (data/actors) and the gazetteer
    (data/gazetteer): countries, regions, towns, organisations and people.

Outputs (TSV, one `#` header line naming the columns):
  words.tsv    lowercase word -> its written form in news text, with the class of the decision:
               `name` (write it so wherever it appears) or `ambiguous` (a frequent lower-case word
               too, such as "us" or "may": written so only where the context says it is a name).
  phrases.tsv  names of several words ("united nations" -> "United Nations"); the longest match
               wins over the word table.
Words whose usual form is lower case are not listed: a word missing from the tables stays as it is.
"""

import argparse
import collections
import gzip
import json
import math
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

# A word for casing purposes: letters, with inner apostrophes, hyphens and dots ("al-assad",
# "u.s.", "o'brien"); the runtime splits words the same way (crates/coder/src/casing/words.rs).
WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*", re.UNICODE)
# What may stand between the words of a phrase: a space, after an abbreviation's dot too.
GAP = re.compile(r"\.? ")

# Log-probability given to a spelling the lexeme table does not have (its floor is about -19.5).
FLOOR = -20.0
# The cased spelling must be at least this much likelier (natural log) than the lower-case one
# for a word outside the dictionaries to be written with capitals.
GENERAL_MARGIN = 0.4
# A dictionary name (country, organisation, person, large place) is written with capitals unless
# its lower-case spelling is this much likelier ("turkey" the bird loses to Turkey the country).
NAME_MARGIN = 3.0
# A lower-case spelling at least this frequent is a word of the language's core vocabulary
# ("us", "may", "will", "who"): a name spelled like it needs context.
FREQUENT_WORD = -9.0
# Spellings rarer than this in the lexeme table are noise (one-off misspellings, user names).
RARE = -19.2
# Lower-case spellings at least this frequent in the lexeme table are words of the language; a
# word rarer than that (or missing) is taken for a name ("rifaat", "doumbouya").
COMMON = -19.0
# A word opening at least this many place names, and no more frequent than this in lower case in
# general English, is a place-name prefix ("Kafr Nabl", "Tal Rifaat").
PREFIX_MIN_NAMES = 3
PREFIX_MAX_LOGP = -14.0
# A lower-case spelling rarer than this is no word of general English that a place name could be
# mistaken for.
ENGLISH_WORD = -16.0
# Towns smaller than this are not used to capitalise words on their own.
MIN_TOWN_POPULATION = 15000
# Project text: a word seen this often away from sentence starts, and in one cased spelling this
# many times as often as in lower case, is written so ("US"); titles that are capitalised only
# before names ("President Erdogan" beside "the president") fall back on the general prior.
MIN_PROJECT_COUNT = 2
PROJECT_RATIO = 3.0
# A short lower-case word found inside this many dictionary names joins the words of a name.
MIN_CONNECTOR_NAMES = 10
# A context word must be seen this often before names and never before the common word.
MIN_CUE = 4
# Longest acronym in capitals taken from the general table (longer ones come from the dictionaries).
MAX_ACRONYM = 4


def load_lexemes(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        probs = json.load(f)
    by_key = collections.defaultdict(dict)
    for form, logp in probs.items():
        # Dotted abbreviations are keyed without their final dot ("U.S." as "u.s"), as the
        # runtime's words are.
        bare = form[:-1] if form.endswith(".") and "." in form[:-1] else form
        if WORD.fullmatch(bare):
            forms = by_key[bare.lower()]
            forms[bare] = max(logp, forms.get(bare, FLOOR))
    return by_key


def project_texts():
    for name in sorted(os.listdir(os.path.join(ROOT, "corpus"))):
        if name.endswith(".jsonl"):
            with open(os.path.join(ROOT, "corpus", name), encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        yield json.loads(line)["text"]
    cases = os.path.join(ROOT, "crates", "core", "tests", "data", "coder_cases.jsonl")
    with open(cases, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)["text"]


def project_counts():
    """Spellings of each word in the project's text, away from sentence and line starts (where
    a capital says nothing) and outside runs of capitals (headlines, datelines). A capitalised
    word counts only standing alone: inside a name ("Security Council", "President Erdogan") the
    capital belongs to the name, which the dictionaries know, not to the word."""
    counts = collections.defaultdict(collections.Counter)
    capital = lambda w: w is not None and w[:1].isupper()
    for text in project_texts():
        ms = list(WORD.finditer(text))
        for i, m in enumerate(ms):
            if sentence_initial(text, m.start()):
                continue
            form = m.group(0)
            if len(form) > 1 and form.isupper() and not is_acronym(form):
                continue
            if capital(form):
                prev = ms[i - 1].group(0) if i > 0 and text[ms[i - 1].end():m.start()] == " " else None
                nxt = ms[i + 1].group(0) if i + 1 < len(ms) and text[m.end():ms[i + 1].start()] == " " else None
                if capital(prev) or capital(nxt):
                    continue
            counts[form.lower()][form] += 1
    return counts


def sentence_initial(text, at):
    """Whether the word at `at` opens a sentence, a line or a quote (where a capital says nothing)."""
    before = text[:at].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?:\n—–-" and not re.search(r"\b\w\.\w\.$", before)


def connectors(dict_names):
    """Short lower-case words that stand inside names ("of", "for", "bin"): found inside at least
    MIN_CONNECTOR_NAMES multi-word names of the dictionaries."""
    seen = collections.Counter()
    for n in dict_names:
        ws = phrase_words(n) or []
        seen.update(w for w in ws[1:-1] if w.islower() and len(w) <= 3)
    return {w for w, c in seen.items() if c >= MIN_CONNECTOR_NAMES}


def project_names(joins):
    """Whole names of several capitalised words in the project's own text ("Red Sea", "Syrian
    Observatory for Human Rights"), with the connectors `joins` inside, not opening a sentence."""
    seen = collections.Counter()
    cap = lambda m: m.group(0)[:1].isupper()
    for text in project_texts():
        ms = list(WORD.finditer(text))
        spaced = lambda a, b: text[ms[a].end():ms[b].start()] == " "
        i = 0
        while i < len(ms):
            if not cap(ms[i]):
                i += 1
                continue
            j = k = i
            while k + 1 < len(ms) and spaced(k, k + 1):
                if cap(ms[k + 1]):
                    j = k = k + 1
                elif ms[k + 1].group(0) in joins and k + 2 < len(ms) and spaced(k + 1, k + 2) and cap(ms[k + 2]):
                    j = k = k + 2
                else:
                    break
            if j > i and not sentence_initial(text, ms[i].start()):
                seen[text[ms[i].start():ms[j].end()]] += 1
            i = j + 1
    return set(seen)


def written_like_a_name(form):
    """Capitalised ("Idlib", "McCain"), an acronym ("NATO"), or a particle before a capitalised
    part ("al-Assad"); not shouting ("CANNOT") nor noise ("canNOT")."""
    letters = [c for c in form if c.isalpha()]
    if all(c.isupper() for c in letters):
        return len(letters) <= MAX_ACRONYM
    parts = re.split(r"[-'’]", form)
    if form[0].isupper():
        return True
    return len(parts) > 1 and len(parts[0]) <= 3 and parts[0].islower() and parts[1][:1].isupper()


def is_acronym(form):
    letters = [c for c in form if c.isalpha()]
    return len(letters) <= MAX_ACRONYM and all(c.isupper() for c in letters)


def load_tsv(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")


def titles():
    """Titles that precede a name ("President", "Foreign Minister", "Lt. Gen."), from the actor
    dictionaries: written with capitals only before a name."""
    out = set()
    for row in load_tsv(os.path.join(ROOT, "data", "actors", "agents.tsv")):
        if row[1] == "title":
            out.update(p for p in row[2].split("|") if p[:1].isupper())
    return out


def role_words():
    """Words of the role phrases ("troops", "officials", "president"): a name spelled like a
    frequent word ("US") is a name before them."""
    out = set()
    for row in load_tsv(os.path.join(ROOT, "data", "actors", "agents.tsv")):
        for phrase in row[2].split("|"):
            out.update(w.lower() for w in split_words(phrase)[:1])
    return out


def context_before(project, words):
    """Words that precede a name spelled like a frequent word ("the US", "a US offer") in the
    project's text at least MIN_CUE times and never precede its lower-case spelling."""
    named = collections.Counter()
    plain = collections.Counter()
    ambiguous = {k for k, (_, cls) in words.items() if cls == "ambiguous"}
    for text in project_texts():
        ws = [m.group(0) for m in WORD.finditer(text)]
        for prev, w in zip(ws, ws[1:]):
            if w.lower() in ambiguous:
                (plain if w == w.lower() else named)[prev.lower()] += 1
    return {w for w, n in named.items() if n >= MIN_CUE and plain[w] == 0}


def dictionary_names():
    """Every name the coder knows, with capitals as the dictionaries write them: the actors and
    countries (written with capitals even where a common word is spelled alike), and the regions
    and towns of the gazetteer (only where no common word is)."""
    names = set()
    actors = os.path.join(ROOT, "data", "actors")
    for row in load_tsv(os.path.join(actors, "countries.tsv")):
        names.update(row[2].split("|"))
    for row in load_tsv(os.path.join(actors, "orgs.tsv")):
        names.add(row[2])
        names.update(row[3].split("|"))
    for row in load_tsv(os.path.join(actors, "people.tsv")):
        names.add(row[0])
        if len(row) > 4 and row[4]:
            names.update(row[4].split("|"))
    gaz = os.path.join(ROOT, "data", "gazetteer")
    for row in load_tsv(os.path.join(gaz, "countries.tsv")):
        names.add(row[2])
        names.update(a for a in row[3].split("|") if a)
    for row in load_tsv(os.path.join(gaz, "country_aliases.tsv")):
        names.add(row[1])
    towns = set()
    for row in load_tsv(os.path.join(gaz, "admin1.tsv")):
        towns.add(row[2])
    for row in load_tsv(os.path.join(gaz, "admin1_aliases.tsv")):
        towns.add(row[2])
    for row in load_tsv(os.path.join(gaz, "cities.tsv")):
        if int(row[7] or 0) >= MIN_TOWN_POPULATION:
            towns.add(row[1])
            towns.update(a for a in row[8].split("|") if a) if len(row) > 8 else None
    # Only names that carry case information: some capital in them.
    keep = lambda n: n and any(c.isupper() for c in n) and "\t" not in n
    return {n for n in names if keep(n)}, {n for n in towns if keep(n)}


def is_common_word(word, lexemes):
    """Whether a word is a word of general English at least about as often as a name ("Nice",
    "Mobile", "Southern"); a rare word is none, whatever its spelling ("goma", "puno")."""
    forms = lexemes.get(word.lower(), {})
    lower = forms.get(word.lower(), FLOOR)
    cap = word[:1].upper() + word[1:].lower()
    return lower > ENGLISH_WORD and lower > max(forms.get(word, FLOOR), forms.get(cap, FLOOR)) - 1.0


def common_words(lexemes, project):
    """Lower-case words of the language: seen in lower case in general English text more than a
    few times, or in the project's own text and word lists."""
    out = {k for k, forms in lexemes.items() if forms.get(k, FLOOR) > COMMON and WORD.fullmatch(k)}
    out |= {k for k, seen in project.items() if seen[k] > 0}
    for folder in ("lexicon", "verbs"):
        root = os.path.join(ROOT, "data", folder)
        for name in sorted(os.listdir(root)):
            if name.endswith((".tsv", ".txt")):
                with open(os.path.join(root, name), encoding="utf-8") as f:
                    for line in f:
                        if not line.startswith("#"):
                            out.update(m.group(0) for m in WORD.finditer(line) if m.group(0).islower())
    return out


def place_prefixes(lexemes):
    """Words that open many place names and are no words of general English ("Kafr", "Tal",
    "Deir"): written capitalised before a name, like a title."""
    firsts = collections.Counter()
    for row in load_tsv(os.path.join(ROOT, "data", "gazetteer", "cities.tsv")):
        ws = phrase_words(row[1])
        if ws and len(ws) > 1 and ws[0][:1].isupper():
            firsts[ws[0]] += 1
    return {
        w for w, n in firsts.items()
        if n >= PREFIX_MIN_NAMES and lexemes.get(w.lower(), {}).get(w.lower(), FLOOR) <= PREFIX_MAX_LOGP
    }


def country_names():
    out = set()
    for row in load_tsv(os.path.join(ROOT, "data", "actors", "countries.tsv")):
        if row[1] == "name":
            out.update(row[2].split("|"))
    for row in load_tsv(os.path.join(ROOT, "data", "gazetteer", "countries.tsv")):
        out.add(row[2])
    return out


def best_cased(forms):
    """The likeliest spelling other than all lower case, with its log-probability. Long words in
    capitals are shouting, not acronyms ("CANNOT"); the tokenizer behind the table splits some
    words ("cannot"), so their lower-case spelling is rarer there than in text."""
    cased = [(p, f) for f, p in forms.items() if f != f.lower() and written_like_a_name(f)]
    return max(cased) if cased else (FLOOR, None)


def decide(key, lexemes, project, names):
    """(form, class) for one lowercase word, or None to leave it as written."""
    forms = lexemes.get(key, {})
    lower = forms.get(key, FLOOR)
    seen = project.get(key)
    if seen and sum(seen.values()) >= MIN_PROJECT_COUNT:
        form, n = max(((f, c) for f, c in seen.items() if f != key), key=lambda x: x[1], default=(None, 0))
        if seen[key] >= n:
            return None
        if n >= PROJECT_RATIO * seen[key]:
            return form, ("ambiguous" if lower > FREQUENT_WORD and seen[key] > 0 else "name")
    name = names.get(key)
    if name is not None:
        logp = forms.get(name, max(best_cased(forms)[0], RARE))
        if lower > FREQUENT_WORD and lower > logp:
            return name, "ambiguous"
        return (name, "name") if logp > lower - NAME_MARGIN else None
    logp, form = best_cased(forms)
    if form is None or logp < RARE:
        return None
    if logp > lower + GENERAL_MARGIN:
        return form, ("ambiguous" if lower > FREQUENT_WORD else "name")
    return None


def split_words(name):
    return [m.group(0) for m in WORD.finditer(name)]


def phrase_words(name):
    """The words of a name whose words stand apart only as the runtime joins them, else None."""
    ms = list(WORD.finditer(name))
    if not ms or ms[0].start() != 0 or ms[-1].end() not in (len(name), len(name) - 1):
        return None
    if any(not GAP.fullmatch(name[a.end():b.start()]) for a, b in zip(ms, ms[1:])):
        return None
    return [m.group(0) for m in ms]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lexemes", required=True, help="en_lexeme_prob.json.gz of spacy-lookups-data")
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "casing"))
    args = ap.parse_args()

    lexemes = load_lexemes(args.lexemes)
    project = project_counts()
    dict_names, towns = dictionary_names()
    countries = country_names()

    common = common_words(lexemes, project)

    # Single-word names by key; actors before places, the more capitals the likelier an acronym
    # ("UN" over "Un").
    single = {}
    for n in sorted(dict_names, key=lambda n: -sum(c.isupper() for c in n)):
        if split_words(n) == [n]:
            single.setdefault(n.lower(), n)
    for n in sorted(towns):
        if split_words(n) == [n] and n[0].isupper() and not is_common_word(n, lexemes):
            single.setdefault(n.lower(), n)

    keys = set(single) | set(project)
    keys |= {k for k, forms in lexemes.items() if best_cased(forms)[0] > RARE}
    words = {}
    for key in keys:
        d = decide(key, lexemes, project, single)
        if d:
            words[key] = d

    phrases = {}
    for n in sorted(dict_names | project_names(connectors(dict_names))):
        ws = phrase_words(n)
        if ws is not None and len(ws) > 1:
            phrases.setdefault(" ".join(w.lower() for w in ws), (n, "name"))
    for n in sorted(towns - dict_names):
        ws = phrase_words(n)
        if ws is None or len(ws) < 2:
            continue
        if all(is_common_word(w, lexemes) for w in ws):
            # A place named with common words only ("The Valley") says nothing about case.
            continue
        if is_common_word(ws[0], lexemes) and " ".join(ws[1:]) in countries:
            # "southern Lebanon": a common word before a country is how news writes it
            # ("North Darfur", "South Kivu" are names).
            continue
        phrases.setdefault(" ".join(w.lower() for w in ws), (n, "name"))
    for t in titles():
        ws = phrase_words(t)
        if ws is None:
            continue
        key = " ".join(w.lower() for w in ws)
        if len(ws) == 1:
            if words.get(key, ("", ""))[1] != "name" or key not in single:
                words[key] = (ws[0], "title")
        elif key not in phrases:
            phrases[key] = (t, "title")

    for w in place_prefixes(lexemes):
        words.setdefault(w.lower(), (w, "title"))

    # A word of three letters or more that is no common word is written capitalised anyway (the
    # runtime's rule for unknown words): only the other spellings need listing.
    words = {
        k: (f, c)
        for k, (f, c) in words.items()
        if not (c == "name" and f == k[:1].upper() + k[1:] and k not in common and k.isalpha() and len(k) >= 3)
    }

    cues = {w: "before" for w in context_before(project, words)}
    for w in role_words():
        cues.setdefault(w, "after")

    write(args.out, words, phrases, cues, common)


def write(out, words, phrases, cues, common):
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "words.tsv"), "w", encoding="utf-8") as f:
        f.write("# lowercase word\tform in news text\tclass: name (always), title (before a name), "
                "ambiguous (a frequent word too: only next to a context word of cues.tsv)\n")
        for key in sorted(words):
            form, cls = words[key]
            f.write(f"{key}\t{form}\t{cls}\n")
    with open(os.path.join(out, "phrases.tsv"), "w", encoding="utf-8") as f:
        f.write("# lowercase words of a name, space-separated\tthe name as written\tclass (name, title)\n")
        for key in sorted(phrases):
            form, cls = phrases[key]
            f.write(f"{key}\t{form}\t{cls}\n")
    with open(os.path.join(out, "cues.tsv"), "w", encoding="utf-8") as f:
        f.write("# lowercase word\tposition: before (it precedes an ambiguous name: \"the US\") or "
                "after (it follows one: \"US troops\")\n")
        for w in sorted(cues):
            f.write(f"{w}\t{cues[w]}\n")
    with open(os.path.join(out, "common.txt"), "w", encoding="utf-8") as f:
        f.write("# Words of the language written in lower case, one a line, sorted: a word neither here nor in "
                "words.tsv is taken for a name and capitalised.\n")
        for w in sorted(common):
            f.write(f"{w}\n")
    print(f"words.tsv: {len(words)} words; phrases.tsv: {len(phrases)} names; cues.tsv: {len(cues)}; "
          f"common.txt: {len(common)}", file=sys.stderr)


if __name__ == "__main__":
    main()
