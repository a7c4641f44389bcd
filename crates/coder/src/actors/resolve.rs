//! Filling in what a mention does not say itself: the country of a bare role noun, "the regime",
//! pronouns and surname-only re-mentions.

use super::chunks::{BodyKinds, Candidate, Pronoun};
use super::dictionary::ActorDictionary;
use super::gender::{self, Evidence, Genders};
use crate::country::{Code, Country};
use crate::doc::{ActorCode, Doc, EntityLabel, Mention, MentionKind};
use crate::lexicon::lexicon;
use crate::lexicon::quotes::Gender;
use crate::role::Role;
use std::collections::HashMap;

/// The head noun of a mention, singular: "the troops" and "Turkish troops" share "troop".
fn head_noun(doc: &Doc, m: &Mention) -> String {
    let text = doc.lower_slice(m.span);
    let last = text.rsplit(' ').next().unwrap_or(text);
    last.strip_suffix('s').unwrap_or(last).to_string()
}

/// Whether a mention is the object of a preposition ("a letter to the United Nations").
fn after_preposition(doc: &Doc, m: &Mention) -> bool {
    let word = |i: usize| doc.tokens.get(i).map_or("", |t| doc.lower_slice(t.span));
    let words = &lexicon().mentions;
    let mut i = m.tokens.start;
    while i > 0 {
        i -= 1;
        let w = word(i);
        if w != "the" {
            if w == "of" && i > 0 && words.partitives.contains(word(i - 1)) {
                return false;
            }
            return words.governing_preps.contains(w);
        }
    }
    false
}

/// Whether a pronoun follows a verb of saying ("said it would", "said that they had").
fn after_speech(doc: &Doc, m: &Mention) -> bool {
    let token = |back: usize| {
        m.tokens
            .start
            .checked_sub(back)
            .and_then(|i| doc.tokens.get(i))
    };
    let reports = |back: usize| {
        token(back).is_some_and(|t| crate::lexicon::reports_speech_at(doc, t.span.start))
    };
    let that = token(1).is_some_and(|t| doc.lower_slice(t.span) == "that");
    reports(1) || (that && reports(2))
}

/// Whether an "it" is the subject of a verb: followed by an auxiliary, a speech verb or a past
/// tense, not by a noun or preposition ("seeing it as", "it is about").
fn subject_it(doc: &Doc, m: &Mention) -> bool {
    let Some(next) = doc.tokens.get(m.tokens.end) else {
        return false;
    };
    let w = doc.lower_slice(next.span);
    // "It was the second attack": "it" announces what follows, it names no one.
    let after = doc
        .tokens
        .get(m.tokens.end + 1)
        .map_or("", |t| doc.lower_slice(t.span));
    let words = &lexicon().mentions;
    if matches!(w, "is" | "was") && words.dummy_it_followers.contains(after) {
        return false;
    }
    words.subject_followers.contains(w) || (w.ends_with("ed") && w.len() > 4)
}

/// The person a bare title after "the" stands for ("the minister", "the president"): the last
/// coded person named with that title ("Foreign Minister X", "President Y of Z"), within the
/// look-back of a lone surname.
fn title_holder<'m>(
    doc: &Doc,
    m: &Mention,
    earlier: impl Iterator<Item = &'m Mention>,
) -> Option<&'m Mention> {
    let title = doc.lower_slice(m.span);
    let the = m
        .tokens
        .start
        .checked_sub(1)
        .and_then(|i| doc.tokens.get(i))
        .is_some_and(|t| doc.lower_slice(t.span) == "the");
    if !the || m.kind != MentionKind::Agent || !lexicon().quotes.titles.contains(title) {
        return None;
    }
    let names_title = |p: &Mention| {
        let text = doc.lower_slice(p.span);
        text.match_indices(title).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + title.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    };
    earlier
        .take(SURNAME_LOOK_BACK)
        .find(|p| p.kind == MentionKind::Person && p.actor.code.is_some() && names_title(p))
}

/// How many sentences back a pronoun or bare noun may look for what it refers to.
const WINDOW: usize = 3;

/// How many sentences back "the alliance" or "the group" may look for the body it names: a
/// story names an organisation once and calls it by its kind for paragraphs.
const BODY_WINDOW: usize = 8;

/// How many earlier mentions a lone surname looks back through for the full name: a story names
/// a person in full within a few hundred mentions of using the surname alone, and the bound
/// keeps a giant article linear.
const SURNAME_LOOK_BACK: usize = 400;

/// The code of international non-governmental organisations, which are civic bodies, not IGOs.
const NGO: Country = Country::of("NGO");

fn most_common(it: impl Iterator<Item = Country>) -> Option<Country> {
    let mut counts: HashMap<Country, usize> = HashMap::new();
    let mut order = Vec::new();
    for c in it {
        let n = counts.entry(c).or_insert(0);
        if *n == 0 {
            order.push(c);
        }
        *n += 1;
    }
    // Ties go to the first mentioned.
    let mut best: Option<Country> = None;
    for c in order {
        if best.is_none_or(|b| counts[&c] > counts[&b]) {
            best = Some(c);
        }
    }
    best
}

/// The country "the regime" stands for in this article: the one named with "regime" most often
/// ("the Assad regime", "the Syrian regime"), else the most mentioned government.
fn regime_country(doc: &Doc, cands: &[Candidate]) -> Option<Country> {
    let named = cands
        .iter()
        .filter(|c| doc.lower_slice(c.mention.span).contains("regime"));
    most_common(named.filter_map(|c| c.mention.actor.country)).or_else(|| {
        most_common(
            cands
                .iter()
                .filter(|c| c.mention.actor.role == Some(Role::Gov))
                .filter_map(|c| c.mention.actor.country),
        )
    })
}

fn set_country(m: &mut Mention, country: Country) {
    m.actor.country = Some(country);
    m.actor.code = Some(Code::new(country, m.actor.role));
}

/// "pro-Russia rebels", "anti-American protesters": the place names a cause, not where the
/// people are.
fn cause_place(doc: &Doc, p: &crate::doc::PlaceMention) -> bool {
    let before = doc.text().get(..p.span.start).unwrap_or("");
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    lexicon()
        .mentions
        .cause_prefixes
        .contains(&word.to_ascii_lowercase())
}

/// "LYON: Interpol has said…", "ANKARA — Turkey…": the dateline says where the report was
/// filed, not where the people in it are.
fn dateline(doc: &Doc, p: &crate::doc::PlaceMention) -> bool {
    let Some(first) = doc.sentences.first() else {
        return false;
    };
    let toks = doc.sentence_tokens(0);
    let opens = toks.first().is_some_and(|t| t.span.start == p.span.start);
    let text = doc.slice(p.span);
    let capitals = text.chars().all(|c| !c.is_lowercase());
    let next = doc.text().get(p.span.end..first.span.end).unwrap_or("");
    let next = next.trim_start();
    opens
        && capitals
        && ["—", "–", "-", ":", "(", ","]
            .iter()
            .any(|m| next.starts_with(m))
}

/// The country of the place named nearest to `span` in sentence `si`, if any.
fn place_country(doc: &Doc, si: usize, span: crate::Span) -> Option<Country> {
    doc.places_of(si)
        .iter()
        .filter(|p| p.sentence == si)
        .filter(|p| !cause_place(doc, p) && !dateline(doc, p))
        // A city or region says where people are better than a country named in passing ("the US
        // embassy in Baghdad").
        .min_by_key(|p| {
            (
                p.place.precision == crate::doc::Precision::Country,
                p.span.start.abs_diff(span.start),
            )
        })
        .and_then(|p| p.place.country)
}

/// The one country an article names, when it names only one: "Striking dockworkers kept up their
/// protest to demand that the Peruvian transport minister step down".
fn only_country(cands: &[Candidate], dict: &ActorDictionary) -> Option<Country> {
    let mut found: Option<Country> = None;
    for c in cands.iter().filter(|c| c.pronoun.is_none()) {
        let Some(country) = c.mention.actor.country else {
            continue;
        };
        if !dict.country_codes.contains(&country) {
            continue;
        }
        match found {
            Some(f) if f != country => return None,
            _ => found = Some(country),
        }
    }
    found
}

pub fn resolve(
    doc: &Doc,
    mut cands: Vec<Candidate>,
    dict: &ActorDictionary,
    mut trace: Option<&mut ActorTrace>,
) -> Vec<Mention> {
    let mut genders = Genders::default();
    let regime = regime_country(doc, &cands);
    // A focus that only a cause names ("pro-Russia rebels") is no place at all.
    let focus = crate::geo::focus_country(doc).filter(|f| {
        doc.places
            .iter()
            .any(|p| p.place.country == Some(*f) && !cause_place(doc, p))
    });
    // State agents (police, troops, the ministry) with no country of their own belong to the
    // country where the article's places are; a country merely named is no such evidence.
    let place_focus = focus;
    let focus = focus.or_else(|| only_country(&cands, dict));
    early_appositions(doc, &mut cands);
    for i in 0..cands.len() {
        let (done, rest) = cands.split_at_mut(i);
        let Some((c, later)) = rest.split_first_mut() else {
            continue;
        };
        let near = |m: &Mention| m.sentence + WINDOW >= c.mention.sentence;
        // The other candidates of the same sentence (candidates are in sentence order): found by
        // binary search, so that a long article does not make this quadratic.
        let si = c.mention.sentence;
        let same_sentence = {
            let before = &done[done.partition_point(|d| d.mention.sentence < si)..];
            let after = &later[..later.partition_point(|d| d.mention.sentence <= si)];
            move || before.iter().chain(after.iter())
        };
        let earlier = done
            .iter()
            .rev()
            .map(|d| &d.mention)
            .take_while(|m| near(m));
        if c.mention.kind == MentionKind::Metonym {
            // "the Peruvian Congress … Congress also voted": a seat re-mentioned after another
            // country's institution of the same name is that institution.
            let head = head_noun(doc, &c.mention);
            let same = earlier.clone().find(|m| {
                m.kind == MentionKind::Agent
                    && m.actor.country.is_some()
                    && m.actor.country != c.mention.actor.country
                    && head_noun(doc, m) == head
            });
            if let Some(country) = same.and_then(|m| m.actor.country) {
                set_country(&mut c.mention, country);
            }
        } else if let Some(holder) = c
            .needs_country
            .then(|| title_holder(doc, &c.mention, done.iter().rev().map(|d| &d.mention)))
            .flatten()
        {
            // "The minister later said": the person last named with that title.
            c.mention.actor = holder.actor.clone();
        } else if c.needs_country {
            let head = head_noun(doc, &c.mention);
            let role = c.mention.actor.role;
            // Roles that act abroad: a bare "the government" or "troops" is not guessed from
            // where the sentence is, only from what the article said before. Police, courts and
            // parliaments act at home, so "police in Moscow" are Russian.
            let state = role.is_some_and(Role::acts_abroad);
            let person = c.mention.kind == MentionKind::Person;
            let country = c
                .context_country
                .or(if c.regime { regime } else { None })
                .or_else(|| {
                    if !c.possessed {
                        return None;
                    }
                    // "Chile has apologised to Peru for one of its patrol boats": the owner is
                    // the nearest name that is no object of a preposition — unless a relative
                    // clause opens after it ("strikes on the militia that killed 25 of its
                    // fighters").
                    let owner =
                        |m: &&Mention| m.kind != MentionKind::Pronoun && m.actor.country.is_some();
                    let relative_after = |m: &Mention| {
                        (m.tokens.end..c.mention.tokens.start).any(|t| {
                            doc.tokens.get(t).is_some_and(|t| {
                                lexicon()
                                    .mentions
                                    .relatives
                                    .contains(doc.lower_slice(t.span))
                            })
                        })
                    };
                    earlier
                        .clone()
                        .take_while(|m| m.sentence == c.mention.sentence)
                        .filter(owner)
                        .find(|m| !after_preposition(doc, m) || relative_after(m))
                        .or_else(|| earlier.clone().find(owner))?
                        .actor
                        .country
                })
                // "the troops" after "Turkish troops": the same noun, recently named with a country.
                .or_else(|| {
                    earlier
                        .clone()
                        .find(|m| {
                            m.actor.role == role
                                && m.actor.country.is_some()
                                && head_noun(doc, m) == head
                        })?
                        .actor
                        .country
                })
                // "Defence Minister Pierre Joxe said": the country the sentence is about.
                .or_else(|| {
                    if !person {
                        return None;
                    }
                    same_sentence()
                        .map(|d| &d.mention)
                        .find(|m| {
                            m.sentence == c.mention.sentence
                                && m.kind == MentionKind::Name
                                && m.actor.role.is_none()
                        })?
                        .actor
                        .country
                })
                // "civilians", "refugees": the people of where the sentence, else the article, is.
                // … and a named official ("President Laurent Gbagbo … in Abidjan") likewise.
                .or_else(|| {
                    if state && !person {
                        None
                    } else {
                        place_country(doc, c.mention.sentence, c.mention.span)
                    }
                });
            let implicit = country.is_none();
            // A state agent takes the article's country only when its sentence names no other
            // country: "American and British warplanes and warships" are not the host's. An
            // armed group of no state (an international militia) names no country.
            let stateless_armed = |a: &crate::doc::ActorCode| {
                a.role.is_some_and(Role::is_armed_group)
                    && a.country.is_some_and(|o| !dict.country_codes.contains(&o))
            };
            let foreign_named = |home: &Country| {
                same_sentence().any(|d| {
                    d.mention.sentence == c.mention.sentence
                        && d.pronoun.is_none()
                        && !stateless_armed(&d.mention.actor)
                        && d.mention.actor.country.as_ref().is_some_and(|o| o != home)
                })
            };
            let country = country.or_else(|| {
                if state {
                    place_focus.filter(|home| !foreign_named(home))
                } else {
                    focus
                }
            });
            if let Some(country) = country {
                set_country(&mut c.mention, country);
                c.mention.implicit = implicit;
            }
        } else if let Some(p) = c.pronoun {
            let (found, rule) = match p {
                Pronoun::Person(g) => {
                    let known = |m: &Mention| genders.of(doc, m).map(|x| x.0);
                    let fit = |m: &Mention| gender::fits(known(m), g);
                    let speech = after_speech(doc, &c.mention);
                    let found = if speech {
                        speaker_of(doc, done, &c.mention, &fit)
                    } else {
                        None
                    };
                    match found {
                        Some(m) => {
                            // "X said she …": the speaker's gender is told for the article.
                            if let Some(g) = g {
                                genders.learn(doc, m, g);
                            }
                            (Some(m), Rule::Speaker)
                        }
                        None => {
                            // Most people named in the news are men: a woman the text marks as
                            // such outranks a nearer person of unknown gender for "she"; a man
                            // so marked does not for "he".
                            let marked = |m: &Mention| g == Some(Gender::Fem) && known(m) == g;
                            let m = earlier_person(earlier.clone(), &marked)
                                .or_else(|| earlier_person(earlier.clone(), &fit));
                            let nearest = earlier_person(earlier.clone(), &|_: &Mention| true);
                            let rule = if m.is_some() && m == nearest {
                                Rule::LastPerson
                            } else if m.is_some() {
                                Rule::SkippedGender
                            } else {
                                Rule::NoPerson
                            };
                            (m, rule)
                        }
                    }
                }
                Pronoun::Plural if !after_speech(doc, &c.mention) => (
                    done.iter()
                        .rev()
                        .take_while(|d| near(&d.mention))
                        .find(|d| d.plural && d.mention.actor.code.is_some())
                        .map(|d| &d.mention),
                    Rule::LastGroup,
                ),
                // "it" stands for a country or body only as a subject ("it said", "it will").
                Pronoun::Thing if !subject_it(doc, &c.mention) => (None, Rule::NotSubject),
                // "Turkey … said it had shot down two jets": the pronoun after a speech verb is
                // the speaker, the sentence's subject — never one person: "they" is a group or
                // a body (of persons "X and Y said they", both: the event stage's speakers),
                // "it" a body or a state.
                Pronoun::Thing | Pronoun::Plural => {
                    let one_person = |d: &Candidate| {
                        d.mention.kind == MentionKind::Person
                            || (p == Pronoun::Plural
                                && d.mention.kind == MentionKind::Agent
                                && !d.plural)
                    };
                    if p == Pronoun::Plural || after_speech(doc, &c.mention) {
                        (
                            done.iter()
                                .rev()
                                .filter(|d| !d.modifier)
                                .take_while(|d| d.mention.sentence == c.mention.sentence)
                                .filter(|d| !one_person(d))
                                .map(|d| &d.mention)
                                .find(|m| m.actor.code.is_some() && !after_preposition(doc, m)),
                            Rule::Speaker,
                        )
                    } else {
                        (
                            it_subject(doc, done, &c.mention, earlier.clone()),
                            Rule::FirstBody,
                        )
                    }
                }
                Pronoun::Body(kinds) => {
                    // A story names a body once and, as the subject of what it says or does,
                    // calls it "the alliance" paragraphs later; its officials ("NATO
                    // Secretary-General X") name it too. Elsewhere ("called the mission
                    // illegal") the noun may be anything's.
                    let subject = subject_it(doc, &c.mention);
                    let window = if subject { BODY_WINDOW } else { WINDOW };
                    let named = done
                        .iter()
                        .rev()
                        .map(|d| &d.mention)
                        .take_while(|m| m.sentence + window >= c.mention.sentence)
                        .find(|m| {
                            body_fits(kinds, m, dict) || (subject && official_of(kinds, m, dict))
                        });
                    let found = match named {
                        Some(m) if m.kind == MentionKind::Person => {
                            c.mention.actor = ActorCode {
                                code: m.actor.country.map(|k| Code::new(k, None)),
                                country: m.actor.country,
                                ..ActorCode::default()
                            };
                            None
                        }
                        other => other,
                    };
                    (found, Rule::Body)
                }
                Pronoun::First => (None, Rule::Quote),
            };
            if let Some(t) = trace.as_deref_mut() {
                t.pronouns.push(PronounDecision {
                    pronoun: c.mention.span,
                    antecedent: found.map(|f| f.span),
                    rule,
                    gender: found.and_then(|f| genders.of(doc, f)),
                });
            }
            if let Some(f) = found {
                c.mention.actor = f.actor.clone();
            }
        } else if c.mention.kind == MentionKind::Unknown && c.mention.tokens.len() == 1 {
            // "Ozkizilcik" after "Omer Ozkizilcik": the same person.
            let word = doc.slice(c.mention.span);
            let same = done
                .iter()
                .rev()
                .take(SURNAME_LOOK_BACK)
                .map(|d| &d.mention)
                .find(|m| {
                    matches!(m.kind, MentionKind::Unknown | MentionKind::Person)
                        && m.actor
                            .name
                            .as_deref()
                            .is_some_and(|n| ends_with_name(n, word))
                });
            // "the North" after "North Korea": a name cut to its first word after "the".
            let the = c.mention.tokens.start > 0
                && doc
                    .tokens
                    .get(c.mention.tokens.start - 1)
                    .is_some_and(|t| doc.lower_slice(t.span) == "the");
            let short = || {
                done.iter()
                    .rev()
                    .take(SURNAME_LOOK_BACK)
                    .map(|d| &d.mention)
                    .find(|m| {
                        m.kind == MentionKind::Name
                            && m.actor.code.is_some()
                            && doc
                                .slice(m.span)
                                .strip_prefix(word)
                                .is_some_and(|rest| rest.starts_with(' '))
                    })
            };
            if let Some(m) = same.or_else(|| if the { short() } else { None }) {
                c.mention.actor = m.actor.clone();
                c.mention.kind = m.kind;
                c.opening = false;
            }
        }
    }
    let mut mentions: Vec<Mention> = cands
        .into_iter()
        .filter(|c| !c.opening)
        .map(|c| c.mention)
        .collect();
    appositions(doc, &mut mentions);
    coded_by_apposition(&mut mentions);
    mentions
}

/// "Mrs Okonkwo, the Nigerian envoy, … she said": a name coded by a role its chunk already
/// codes is that person before pronouns and surnames look back for one (the pass after
/// resolution codes those whose role needed the context).
fn early_appositions(doc: &Doc, cands: &mut [Candidate]) {
    let kept: Vec<usize> = (0..cands.len()).filter(|&i| !cands[i].opening).collect();
    let mut mentions: Vec<Mention> = kept.iter().map(|&i| cands[i].mention.clone()).collect();
    appositions(doc, &mut mentions);
    for (m, &i) in mentions.into_iter().zip(&kept) {
        cands[i].mention = m;
    }
}

/// "Ali al-Sour, a Libyan colonel, … Al-Sour said", "… she said": a surname re-mention or a
/// pronoun took the full name before an apposition coded it; it takes the code too.
fn coded_by_apposition(mentions: &mut [Mention]) {
    let mut coded: HashMap<String, ActorCode> = HashMap::new();
    for m in mentions.iter_mut() {
        let Some(name) = m.actor.name.clone() else {
            continue;
        };
        if m.actor.code.is_some() && m.kind == MentionKind::Person {
            coded.entry(name).or_insert_with(|| m.actor.clone());
        } else if m.actor.code.is_none() {
            if let Some(a) = coded.get(&name) {
                m.actor = a.clone();
                if m.kind == MentionKind::Unknown {
                    m.kind = MentionKind::Person;
                }
            }
        }
    }
}

/// Whether a full name ends with a surname, the case of a particle aside ("Al-Sour" opening a
/// sentence is "Ali al-Sour").
fn ends_with_name(full: &str, surname: &str) -> bool {
    full.len() > surname.len()
        && full
            .get(full.len() - surname.len()..)
            .is_some_and(|tail| tail.eq_ignore_ascii_case(surname))
}

/// Whether `m` is an official of an international organisation ("NATO Secretary-General X")
/// and a definite noun of `kinds` can name that organisation.
fn official_of(kinds: BodyKinds, m: &Mention, dict: &ActorDictionary) -> bool {
    m.kind == MentionKind::Person
        && kinds.has(BodyKinds::IGO)
        && m.actor
            .country
            .is_some_and(|c| !dict.country_codes.contains(&c) && c != NGO)
}

/// Whether `m` names an organisation of one of the kinds a definite noun can name.
fn body_fits(kinds: BodyKinds, m: &Mention, dict: &ActorDictionary) -> bool {
    if m.kind != MentionKind::Name {
        return false;
    }
    let (Some(country), Some(_)) = (m.actor.country, &m.actor.name) else {
        return false;
    };
    let role = m.actor.role;
    let is = |r: Role| role == Some(r);
    let igo = !dict.country_codes.contains(&country) && country != NGO;
    (kinds.has(BodyKinds::IGO) && igo)
        || (kinds.has(BodyKinds::ARMED) && role.is_some_and(Role::is_armed_group))
        || (kinds.has(BodyKinds::CIVIC) && (country == NGO || is(Role::Ngo) || is(Role::Hri)))
        || (kinds.has(BodyKinds::COURT) && is(Role::Jud))
        || (kinds.has(BodyKinds::LABOUR) && is(Role::Lab))
        || (kinds.has(BodyKinds::PARTY) && (is(Role::Pty) || is(Role::Opp)))
}

/// The latest person named and coded that `fits` (a pronoun's gender).
fn earlier_person<'m>(
    mut earlier: impl Iterator<Item = &'m Mention>,
    fits: &dyn Fn(&Mention) -> bool,
) -> Option<&'m Mention> {
    earlier.find(|m| is_person(m) && fits(m))
}

/// A person named and coded. (A person the dictionaries do not know is no candidate: taking one
/// left more pronouns uncoded and cost precision on the news set, 0.701 -> 0.698.)
fn is_person(m: &Mention) -> bool {
    m.kind == MentionKind::Person && m.actor.code.is_some()
}

/// "Maria Lopez said she was horrified": "he" or "she" after a speech verb is the speaker when
/// the speaker is one person of a fitting gender — named, a role ("the minister") or a title
/// before a name ("UN rights chief Maria Lopez").
fn speaker_of<'m>(
    doc: &Doc,
    done: &'m [Candidate],
    pronoun: &Mention,
    fits: &dyn Fn(&Mention) -> bool,
) -> Option<&'m Mention> {
    let said: Vec<&Candidate> = done
        .iter()
        .rev()
        .take_while(|d| d.mention.sentence == pronoun.sentence)
        .filter(|d| {
            !d.modifier
                && !d.plural
                && d.mention.actor.code.is_some()
                && !after_preposition(doc, &d.mention)
                && fits(&d.mention)
        })
        .collect();
    said.iter()
        .find(|d| d.mention.kind == MentionKind::Person)
        .or_else(|| {
            said.iter()
                .find(|d| d.mention.kind == MentionKind::Agent || d.mention.tokens.len() > 2)
        })
        .map(|d| &d.mention)
}

/// "X's prosecutor's office said on Tuesday it had opened …": the body named as the sentence's
/// subject before "it", else a country or body named just before.
fn it_subject<'m>(
    doc: &Doc,
    done: &'m [Candidate],
    pronoun: &Mention,
    mut earlier: impl Iterator<Item = &'m Mention>,
) -> Option<&'m Mention> {
    done.iter()
        .rev()
        .take_while(|d| d.mention.sentence == pronoun.sentence)
        .filter(|d| !d.modifier && !d.plural && d.pronoun.is_none())
        .map(|d| &d.mention)
        .filter(|m| m.actor.code.is_some() && m.kind != MentionKind::Person)
        .find(|m| !after_preposition(doc, m))
        .or_else(|| {
            earlier.find(|m| {
                m.sentence + 1 >= pronoun.sentence
                    && matches!(m.kind, MentionKind::Name | MentionKind::Metonym)
                    && m.actor.code.is_some()
            })
        })
}

/// What the actor stage decided on each pronoun and definite noun, for `flashpoint explain`.
#[derive(Debug, Default)]
pub struct ActorTrace {
    pub pronouns: Vec<PronounDecision>,
}

#[derive(Debug)]
pub struct PronounDecision {
    pub pronoun: crate::Span,
    /// The mention it stands for, if any.
    pub antecedent: Option<crate::Span>,
    pub rule: Rule,
    /// The antecedent's gender, if the text tells it, and what told it.
    pub gender: Option<(crate::lexicon::quotes::Gender, Evidence)>,
}

/// The rule that bound a pronoun (or left it unbound).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// After a verb of saying: the sentence's speaker.
    Speaker,
    /// The last person named whose gender fits.
    LastPerson,
    /// The last person named had another gender, or a woman marked as such outranks a nearer
    /// person of unknown gender for "she": an earlier one.
    SkippedGender,
    /// No person named in the last sentences fits.
    NoPerson,
    /// "they": the last plural actor named.
    LastGroup,
    /// "it" that is no subject names no one.
    NotSubject,
    /// "it": the body its sentence names first, else a country or body named just before.
    FirstBody,
    /// "the alliance", "the group": the organisation of that kind named before.
    Body,
    /// "we": the speaker of the quote it stands in (the event stage reads it).
    Quote,
}

impl Rule {
    pub fn describe(self) -> &'static str {
        match self {
            Rule::Speaker => "after a verb of saying: the sentence's speaker",
            Rule::LastPerson => "the last person named whose gender fits",
            Rule::SkippedGender => {
                "the last person named has another gender or is not known as a woman: an earlier one"
            }
            Rule::NoPerson => "no person named in the last sentences fits",
            Rule::LastGroup => "the last plural actor named",
            Rule::NotSubject => "no subject: names no one",
            Rule::FirstBody => "the body its sentence names first, else one named just before",
            Rule::Body => "the organisation of that kind named before",
            Rule::Quote => "left to the quote's speaker",
        }
    }
}

/// Whether a coded mention can stand in apposition to a name: one person or body, named by
/// role ("the Syrian parliament", "a Turkish diplomat", "President Assad").
fn appositive(doc: &Doc, m: &Mention) -> bool {
    let singular = !head_noun_plural(doc, m);
    m.actor.code.is_some() && singular && matches!(m.kind, MentionKind::Agent | MentionKind::Person)
}

fn head_noun_plural(doc: &Doc, m: &Mention) -> bool {
    let text = doc.lower_slice(m.span);
    let last = text.rsplit(' ').next().unwrap_or(text);
    last.ends_with('s') && !last.ends_with("ss")
}

/// "A senior figure of the Iraqi parliament, Karim Hassan, began…", "Ahmet Yilmaz, a Turkish
/// diplomat, said…": a name the dictionaries do not know, set off by commas next to a coded
/// role, is that role's actor (keeping its own name).
fn appositions(doc: &Doc, mentions: &mut [Mention]) {
    let word = |i: usize| doc.tokens.get(i).map_or("", |t| doc.lower_slice(t.span));
    let barriers = &lexicon().mentions.apposition_barriers;
    for i in 1..mentions.len() {
        // "Montenegro Municipality Association (AKK)": an acronym in brackets after a name is
        // that name, whatever else the letters may stand for.
        let (done, rest) = mentions.split_at_mut(i);
        let (p, m) = (&done[i - 1], &mut rest[0]);
        let text = doc.slice(m.span);
        let acronym = text.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && text.chars().all(|c| !c.is_lowercase());
        if acronym
            && p.actor.code.is_some()
            && p.tokens.end + 1 == m.tokens.start
            && word(p.tokens.end) == "("
            && word(m.tokens.end) == ")"
        {
            m.actor = p.actor.clone();
            m.kind = p.kind;
        }
    }
    for i in 0..mentions.len() {
        let m = &mentions[i];
        // One word is a name only where the model reads a person ("Mrs Okonkwo, the envoy").
        let named = m.tokens.len() >= 2 || m.entity == Some(EntityLabel::Person);
        if m.kind != MentionKind::Unknown || m.actor.code.is_some() || !named {
            continue;
        }
        let (start, end) = (m.tokens.start, m.tokens.end);
        // Not an item of a list: "X, Y and Z".
        let closes = matches!(word(end), "," | "") && !matches!(word(end + 1), "and" | "or")
            || (word(end) != "," && word(end) != "and");
        let before = i
            .checked_sub(1)
            .map(|k| &mentions[k])
            .filter(|p| p.sentence == m.sentence && p.tokens.end + 1 == start)
            .filter(|_| word(start - 1) == ",")
            .filter(|p| appositive(doc, p) && closes);
        // "Salaheddine Sidhoum, Algeria's leading human rights activist,": the role may follow
        // a possessive country and a few modifiers.
        let mut k = i + 1;
        while mentions
            .get(k)
            .is_some_and(|n| n.kind == MentionKind::Name && word(n.tokens.end) == "'s")
        {
            k += 1;
        }
        let after = mentions
            .get(k)
            .filter(|n| n.sentence == m.sentence && word(end) == ",")
            .filter(|n| {
                let gap = end + 1..n.tokens.start;
                gap.len() <= 6 && gap.clone().all(|t| !barriers.contains(word(t)))
            })
            .filter(|n| appositive(doc, n) && matches!(word(n.tokens.end), "," | "." | ""));
        if let Some(actor) = before.or(after).map(|a| a.actor.clone()) {
            let name = mentions[i].actor.name.take();
            mentions[i].actor = actor;
            mentions[i].actor.name = name;
            mentions[i].kind = MentionKind::Person;
        }
    }
}
