//! The sentence as items: entity mentions whole, words (letters and digits, with inner
//! apostrophes) and single punctuation characters, each word with its class bits
//! ([`super::classes`]). Spans are byte ranges into the original text. Also the small tests
//! every rule asks of an item (is it this word, an argument, a conjunction …), the
//! closed-class words most rooms ask about, and [`Side`], a group of coordinated entities on
//! one side of a trigger.

use std::ops::Range;

use super::classes::{Classes, class};
use super::relation::{Arg, Span};
use crate::dictionary::{EntityId, Form};
use crate::matcher::{Mention, ascii_word_end, char_at};

#[derive(Clone, Copy, Debug)]
pub(crate) enum Kind {
    Word,
    Punct(char),
    Entity {
        entity: EntityId,
        form: Form,
        coreference: bool,
        /// Can be a relation's subject or object. A demonym is an actor only as a state
        /// ("Chinese officials", "the Israeli army"), not in "Chinese consumers" or "Iraqi
        /// towns".
        actor: bool,
        /// The mention plays a state role ("the US government"): never a mere modifier.
        role: bool,
        /// It names an individual who does not act for the entity ("Senator Dole", "opposition
        /// leader Kim Dae-jung"): not an actor, and not the owner of what it modifies either.
        person: bool,
        /// The official acting for the entity ("President Reagan", "German Foreign Minister
        /// Oskar Fischer"): see [`super::offices`].
        agent: Option<Span>,
    },
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Item {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: Kind,
    /// For a word, the [`class`] bits of the lists it is in; 0 otherwise.
    pub(crate) class: u64,
}

/// Is `item` a word of the list whose bit is `bit`?
pub(crate) fn in_class(item: &Item, bit: u64) -> bool {
    item.class & bit != 0
}

/// The items of [`super::items()`] as the text gives them, before the passes over them. Read byte by
/// byte, a character decoded only where a byte is not ASCII: going through `char_indices` was
/// half the time of this, itself a tenth of the pipeline.
pub(crate) fn tokens(
    classes: &Classes,
    text: &str,
    range: Range<usize>,
    mentions: &[Mention],
) -> Vec<Item> {
    let mut out = Vec::with_capacity(32);
    let mut lower = String::new();
    let mut next_mention = mentions.iter().peekable();
    let bytes = text.as_bytes();
    let mut pos = range.start;
    while pos < range.end {
        while next_mention.peek().is_some_and(|m| m.end <= pos) {
            next_mention.next();
        }
        if let Some(m) = next_mention.peek()
            && m.start <= pos
        {
            out.push(mention_item(text, m, out.last()));
            pos = m.end.min(range.end);
            next_mention.next();
            continue;
        }
        let (c, len) = char_at(text, pos);
        if c.is_whitespace() {
            pos += len;
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = pos + len;
            while end < range.end {
                if next_mention.peek().is_some_and(|m| m.start == end) {
                    break;
                }
                if bytes[end].is_ascii_alphanumeric() {
                    // To the end of the ASCII run, or to the next mention's start.
                    let stop = next_mention.peek().map_or(range.end, |m| m.start.max(end));
                    end = ascii_word_end(bytes, end, stop.min(range.end));
                    continue;
                }
                let (d, len) = char_at(text, end);
                // An inner apostrophe joins ("didn't"), except a possessive ("firm's").
                let inner_apostrophe = matches!(d, '\'' | '’') && {
                    let after = &text[end + len..range.end];
                    after.chars().next().is_some_and(char::is_alphanumeric)
                        && !after.starts_with(['s', 'S'])
                };
                if !(d.is_alphanumeric() || inner_apostrophe) {
                    break;
                }
                end += len;
            }
            out.push(Item {
                start: pos,
                end,
                kind: Kind::Word,
                class: classes.of(&text[pos..end], &mut lower),
            });
            pos = end;
            continue;
        }
        out.push(Item {
            start: pos,
            end: pos + len,
            kind: Kind::Punct(c),
            class: 0,
        });
        pos += len;
    }
    out
}

/// The item of a mention, `prev` the item before it. A demonym is an actor only in a role
/// ("Chinese officials"), or as a plural noun ("the Palestinians reject", "killed four Iraqis").
/// A person of the people lists holds an office of the state and acts for it ("President
/// Reagan"), as its agent unless in a role ("the Reagan administration" is the body).
pub(crate) fn mention_item(text: &str, m: &Mention, prev: Option<&Item>) -> Item {
    Item {
        start: m.start,
        end: m.end,
        class: 0,
        kind: Kind::Entity {
            entity: m.entity,
            form: m.form,
            coreference: false,
            actor: m.form != Form::Demonym
                || m.role.is_some()
                || (is_plural(&text[m.start..m.end]) && !counted(text, prev)),
            role: m.role.is_some(),
            person: false,
            agent: (m.form == Form::Person && m.role.is_none()).then_some(Span {
                start: m.start,
                end: m.end,
            }),
        },
    }
}

/// Is `prev` a number or a quantifier ("100 Palestinians", "many Americans"): people, not
/// the state ("the Palestinians").
pub(crate) fn counted(text: &str, prev: Option<&Item>) -> bool {
    prev.is_some_and(|it| {
        matches!(it.kind, Kind::Word)
            && (text[it.start..it.end].bytes().all(|b| b.is_ascii_digit())
                || in_class(it, class::QUANTIFIERS))
    })
}

pub(crate) const QUANTIFIERS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "dozen",
    "dozens",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "many",
    "some",
    "several",
    "few",
    "more",
    "other",
    "fellow",
    "ordinary",
    "young",
    "ethnic",
];

/// "The Asia-Pacific Economic Cooperation (APEC) forum has agreed": an acronym in parentheses
/// right after a name glosses it; its parentheses are no clause barrier.
pub(crate) fn drop_acronym_glosses(text: &str, items: &mut Vec<Item>) {
    let mut k = 1;
    while k + 2 < items.len() {
        let gloss = matches!(items[k - 1].kind, Kind::Entity { .. })
            && matches!(items[k].kind, Kind::Punct('('))
            && matches!(items[k + 2].kind, Kind::Punct(')'))
            && match items[k + 1].kind {
                Kind::Entity { .. } => true,
                Kind::Word => {
                    let w = &text[items[k + 1].start..items[k + 1].end];
                    w.chars().any(char::is_uppercase) && !w.chars().any(char::is_lowercase)
                }
                Kind::Punct(_) => false,
            };
        if gloss {
            items.drain(k..k + 3);
        } else {
            k += 1;
        }
    }
}

/// "<Tenneco Inc>", "Newmont Mining Corp <NEM>": wire services put unlisted companies' names in
/// angle brackets and a listed one's ticker in them after its name. Neither bracket nor ticker is
/// part of the sentence's grammar, and left in they separate a name from the words that relate
/// it ("40 pct owned by <Tenneco Inc>"): the brackets around a name and a bracketed ticker
/// (capitals, digits and dots, no space) right after one are dropped.
pub(crate) fn drop_name_brackets(text: &str, items: &mut Vec<Item>) {
    let is = |items: &[Item], k: usize, c: char| {
        items
            .get(k)
            .is_some_and(|it| matches!(it.kind, Kind::Punct(p) if p == c))
    };
    let entity = |items: &[Item], k: usize| {
        items
            .get(k)
            .is_some_and(|it| matches!(it.kind, Kind::Entity { .. }))
    };
    let mut k = 0;
    while k < items.len() {
        // "said it acquired (Keystone Bancshares Inc)": parentheses around a name that
        // glosses nothing before it are brackets too.
        if is(items, k, '(')
            && entity(items, k + 1)
            && is(items, k + 2, ')')
            && !(k > 0 && (entity(items, k - 1) || is(items, k - 1, '>')))
            // "York International (Cyprus) Ltd": a part of a longer name.
            && !items
                .get(k + 3)
                .is_some_and(|it| in_class(it, class::COMPANY_FORMS))
        {
            items.remove(k + 2);
            items.remove(k);
            continue;
        }
        if is(items, k, '<') {
            if entity(items, k + 1) && is(items, k + 2, '>') {
                items.remove(k + 2);
                items.remove(k);
                continue;
            }
            // A ticker right after a name: "<NEM>", "<BRIT.T>", "<DBKG.F>".
            if k > 0 && (entity(items, k - 1) || is(items, k - 1, '>')) {
                let mut j = k + 1;
                while j < items.len() && j < k + 6 && !is(items, j, '>') {
                    j += 1;
                }
                let ticker = is(items, j, '>') && j > k + 1 && {
                    let inner = &text[items[k].end..items[j].start];
                    inner.len() <= 12
                        && inner
                            .bytes()
                            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'.')
                };
                if ticker {
                    items.drain(k..=j);
                    continue;
                }
            }
        }
        k += 1;
    }
}

/// A plural noun, roughly: "troops", "officials"; not "religious", "Congress", "Paris".
pub(crate) fn is_plural(w: &str) -> bool {
    w.ends_with('s') && !["ss", "us", "is", "ous"].iter().any(|e| w.ends_with(e))
}

/// A word in capitals (a headline: "U.S. BAN HUAWEI" may be either).
pub(crate) fn all_caps(text: &str, it: &Item) -> bool {
    !text[it.start..it.end].chars().any(char::is_lowercase)
}

pub(crate) fn is_word(text: &str, item: &Item, w: &str) -> bool {
    matches!(item.kind, Kind::Word) && text[item.start..item.end].eq_ignore_ascii_case(w)
}

pub(crate) fn word_in(text: &str, item: &Item, list: &[&str]) -> bool {
    matches!(item.kind, Kind::Word)
        && list
            .iter()
            .any(|w| text[item.start..item.end].eq_ignore_ascii_case(w))
}

pub(crate) fn arg(item: &Item) -> Option<Arg> {
    match item.kind {
        Kind::Entity {
            entity,
            coreference,
            actor: true,
            agent,
            ..
        } => Some(Arg {
            entity,
            start: item.start,
            end: item.end,
            coreference,
            agent,
        }),
        _ => None,
    }
}

/// An entity mention as an argument, whether or not it is an actor.
pub(crate) fn owner_arg(item: &Item) -> Option<Arg> {
    match item.kind {
        Kind::Entity {
            entity,
            coreference,
            agent,
            ..
        } => Some(Arg {
            entity,
            start: item.start,
            end: item.end,
            coreference,
            agent,
        }),
        _ => None,
    }
}

/// An entity mention that is not an actor: a demonym or name modifying another noun.
pub(crate) fn is_bystander(item: &Item) -> bool {
    matches!(item.kind, Kind::Entity { actor: false, .. })
}

/// Is `items[k]` a conjunction between coordinated entities ("," "and" "or" "&")?
pub(crate) fn is_conjunction(text: &str, item: &Item) -> bool {
    matches!(item.kind, Kind::Punct(',') | Kind::Punct('&')) || word_in(text, item, &["and", "or"])
}

/// Words that follow an actor's name without making it a modifier: auxiliaries, prepositions,
/// conjunctions, determiners and other closed-class words.
pub(crate) const FUNCTION_WORDS: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "must",
    "shall",
    "should",
    "do",
    "does",
    "did",
    "to",
    "and",
    "or",
    "but",
    "nor",
    "of",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "from",
    "as",
    "into",
    "over",
    "under",
    "about",
    "against",
    "after",
    "before",
    "since",
    "than",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "this",
    "these",
    "those",
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "said",
    "says",
    "say",
    "told",
    "also",
    "not",
    "never",
    "now",
    "then",
    "today",
    "yesterday",
    "tomorrow",
    "last",
    "next",
    "earlier",
    "later",
    "still",
    "yet",
    "alone",
    "itself",
    "both",
    "all",
    "too",
    "again",
    "instead",
    "there",
    "here",
    "while",
    "when",
    "if",
    "so",
];

/// A group of coordinated entities found on one side of a trigger.
#[derive(Debug, Default)]
pub(crate) struct Side {
    pub(crate) args: Vec<Arg>,
    /// Words between the trigger and the nearest member of the group.
    pub(crate) distance: usize,
    /// On the right: the index of a "to" crossed on the way to the group (a verb chain).
    pub(crate) chain_to: Option<usize>,
}

impl Side {
    pub(crate) fn new(a: Arg, distance: usize) -> Side {
        Side {
            args: vec![a],
            distance,
            chain_to: None,
        }
    }

    /// Adds a coordinated member, unless the entity is already in the group (an appositive
    /// description next to its own name).
    pub(crate) fn add(&mut self, a: Arg, front: bool) {
        if self.args.iter().any(|x| x.entity == a.entity) {
            return;
        }
        if front {
            self.args.insert(0, a);
        } else {
            self.args.push(a);
        }
    }
}
