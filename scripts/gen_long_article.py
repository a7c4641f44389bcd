#!/usr/bin/env python3
"""Write one synthetic news-like article of N sentences to stdout (for scripts/bench_long.sh).

The text is the project's own: sentences are assembled from the frames and word lists below
(invented officials, towns and figures; reports, quotes with speakers, casualty counts, talks,
protests, dates), in paragraphs of three to seven sentences, so that every stage of the coder
has work to do throughout. Deterministic for a given N and --seed.

    scripts/gen_long_article.py 10000 > /tmp/long-10000.txt
"""

import argparse
import random

COUNTRIES = [
    ("Turkey", "Turkish"), ("Russia", "Russian"), ("Syria", "Syrian"), ("Iran", "Iranian"),
    ("Israel", "Israeli"), ("Ukraine", "Ukrainian"), ("Egypt", "Egyptian"), ("Sudan", "Sudanese"),
    ("Kenya", "Kenyan"), ("Nigeria", "Nigerian"), ("Pakistan", "Pakistani"), ("India", "Indian"),
    ("Colombia", "Colombian"), ("Peru", "Peruvian"), ("France", "French"), ("Germany", "German"),
]
TOWNS = [
    "Aleppo", "Idlib", "Kharkiv", "Odesa", "Mosul", "Kirkuk", "Khartoum", "Darfur", "Mombasa",
    "Kano", "Maiduguri", "Peshawar", "Quetta", "Cali", "Lima", "Marseille", "Hamburg", "Gaza",
    "Hebron", "Benghazi", "Tripoli", "Herat", "Kandahar", "Sanaa", "Aden",
]
PEOPLE = [
    "Amina Okafor", "Daniel Reyes", "Leyla Demir", "Pavel Orlov", "Samir Haddad", "Ruth Mwangi",
    "Tomas Keller", "Nadia Qureshi", "Hugo Lefevre", "Ines Carvalho", "Yusuf Bello",
    "Mariam Tahir", "Olga Shevchenko", "Farid Nazari", "Clara Moreno",
]
TITLES = [
    "foreign minister", "defence minister", "interior minister", "army spokesman",
    "police chief", "provincial governor", "opposition leader", "prime minister",
    "UN envoy", "aid coordinator",
]
GROUPS = [
    "rebels", "protesters", "militants", "soldiers", "police officers", "civilians", "students",
    "farmers", "refugees", "border guards", "dock workers", "fighters",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "March", "April", "June", "August", "October", "November"]
VERBS_HARM = ["shelled", "attacked", "bombed", "raided", "fired on", "struck"]
VERBS_TALK = ["met", "spoke with", "telephoned", "hosted", "received"]
VERBS_SAY = ["said", "told reporters", "said in a statement", "wrote on social media"]
NOUNS_DEAL = ["a ceasefire", "a prisoner exchange", "a trade agreement", "new border checks",
              "a humanitarian corridor", "the release of detained journalists"]
OPENERS = ["Meanwhile,", "Earlier,", "Later that day,", "On the same day,", "Separately,",
           "In a statement,", "According to local media,"]

FRAMES = [
    "{NatA} forces {harm} positions held by {group} near {town} on {day}, killing {n} people.",
    "{opener} {NatA} troops {harm} a convoy outside {town}, officials in {CountryB} said.",
    "Police in {town} arrested {n} {group} who had blocked the main road on {day}.",
    "{n} {group} were wounded when a market in {town} was hit late on {day}, witnesses said.",
    "The {NatA} {title}, {person}, {talk} her {NatB} counterpart in {town} to discuss {deal}.",
    "{CountryA} and {CountryB} agreed to hold talks on {deal} in {town} next week.",
    "\u201cWe will not accept further attacks on our people,\u201d the {NatA} {title} {say}.",
    "\u201cThe talks in {town} were useful but difficult,\u201d said {person}, the {NatB} {title}.",
    "{person} {say} that at least {n} families had fled {town} since the start of {month}.",
    "The government of {CountryB} condemned the raid and called on {CountryA} to withdraw.",
    "{CountryA} denied that its {group} had crossed into {CountryB} near {town}.",
    "Aid groups warned that more than {n} {group} were sheltering in schools around {town}.",
    "Thousands of {group} marched through {town} on {day} to demand the resignation of the {title}.",
    "{opener} the {NatA} parliament voted to extend the state of emergency by {small} months.",
    "It was not clear whether the talks in {town} would resume before the end of {month}.",
    "The {title} of {CountryA} threatened to impose sanctions on {CountryB} over the attack.",
    "{NatB} officials accused {CountryA} of sending weapons to {group} in the north.",
    "A court in {town} sentenced {small} {group} to prison for their part in the unrest.",
    "{opener} {person} promised to rebuild the hospital in {town} within {small} months.",
    "Officials in {town} said the curfew would be lifted on {day} if the calm held.",
    "{CountryA} expelled {small} {NatB} diplomats on {day}, accusing them of spying.",
    "Members of the UN Security Council will hold closed talks on {day} about the fighting around {town}.",
    "Asked whether {CountryA} would retaliate, the {title} {say} that all options remained open.",
    "Local radio in {town} reported heavy gunfire overnight and at least {n} dead.",
    "The {NatA} {title} {talk} {person} in {town} on {day}, his office said.",
    "{group} in {town} seized {small} government buildings and took {n} hostages, police said.",
]


def article(sentences: int, seed: int) -> str:
    rng = random.Random(seed)
    paragraphs, current = [], []
    limit = rng.randint(3, 7)
    for _ in range(sentences):
        a, b = rng.sample(COUNTRIES, 2)
        fill = {
            "CountryA": a[0], "NatA": a[1], "CountryB": b[0], "NatB": b[1],
            "town": rng.choice(TOWNS), "person": rng.choice(PEOPLE),
            "title": rng.choice(TITLES), "group": rng.choice(GROUPS), "day": rng.choice(DAYS),
            "month": rng.choice(MONTHS), "harm": rng.choice(VERBS_HARM),
            "talk": rng.choice(VERBS_TALK), "say": rng.choice(VERBS_SAY),
            "deal": rng.choice(NOUNS_DEAL), "opener": rng.choice(OPENERS),
            "n": rng.randint(2, 900), "small": rng.randint(2, 9),
        }
        s = rng.choice(FRAMES).format(**fill)
        current.append(s[0].upper() + s[1:])
        if len(current) == limit:
            paragraphs.append(" ".join(current))
            current, limit = [], rng.randint(3, 7)
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs) + "\n"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("sentences", type=int)
    p.add_argument("--seed", type=int, default=12)
    args = p.parse_args()
    print(article(args.sentences, args.seed), end="")


if __name__ == "__main__":
    main()
