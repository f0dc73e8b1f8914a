//! Trigger lookup: which item starts a trigger of the [`Ontology`], all of the trigger's words
//! matched (with up to two modifiers before a content word: "imposed new sanctions on"), and
//! whether a word that is a verb and a noun trigger is used as a noun here ("a US offer",
//! "North Korea's consistent demand").

use super::barriers::is_barrier;
use super::classes::{class, lowercase_into};
use super::items::{Item, Kind, all_caps, in_class, is_conjunction, is_plural, is_word, word_in};
use super::lexicon::CLASSES;
use crate::relate::ontology::{Ontology, Trigger, WordForm};

/// The trigger that starts at `items[i]`, if one does, with the index of its last item.
/// `lower` is a reused buffer.
pub(crate) fn trigger_at<'o>(
    ontology: &'o Ontology,
    text: &str,
    items: &[Item],
    i: usize,
    lower: &mut String,
) -> Option<(&'o Trigger, usize)> {
    if !in_class(&items[i], class::TRIGGER) {
        return None;
    }
    // "fine-tune", "supply-side", "hard-pressed": a word joined to the next or the one
    // before by a hyphen is part of a compound, not a trigger.
    let hyphen = |n: &Item| matches!(n.kind, Kind::Punct('-'));
    if items
        .get(i + 1)
        .is_some_and(|n| hyphen(n) && n.start == items[i].end)
        || i.checked_sub(1)
            .map(|p| &items[p])
            .is_some_and(|n| hyphen(n) && n.end == items[i].start)
    {
        return None;
    }
    let word = &text[items[i].start..items[i].end];
    lowercase_into(word, lower);
    let candidates = ontology.triggers_for(lower);
    // "Brazilian coffee exports to Japan": a word that is both a verb and a noun
    // trigger, in a place where the verb would be a noun, is the noun.
    let as_noun =
        candidates.iter().any(|t| t.form == WordForm::Noun) && used_as_noun(text, items, i);
    let matched = |t: &Trigger| match_rest(text, items, i, &t.rest);
    candidates
        .iter()
        .filter(|t| !(as_noun && matches!(t.form, WordForm::Base | WordForm::ThirdPerson)))
        .find_map(|t| Some((t, matched(t)?)))
        .or_else(|| candidates.iter().find_map(|t| Some((t, matched(t)?))))
}

/// Matches the words of a trigger after its first (at `items[first]`), and gives the index of
/// the last. Before a content word of the trigger (not one of [`super::items::FUNCTION_WORDS`], nor "off",
/// "out", "up", "down") up to two modifiers may come in between:
/// "halted economic aid to", "broke off diplomatic relations with", "imposed new sanctions on".
fn match_rest(text: &str, items: &[Item], first: usize, rest: &[String]) -> Option<usize> {
    let mut k = first;
    for w in rest {
        k += 1;
        // One lookup in the word lists' table, where two linear searches of the lists were
        // most of this function's instructions (the same test: those bits come from these
        // two lists only).
        let closed = CLASSES
            .get(w.as_str())
            .is_some_and(|&bits| bits & (class::FUNCTION_WORDS | class::PARTICLES) != 0);
        if !closed {
            let mut skipped = 0;
            while skipped < 2
                && items.get(k).is_some_and(|it| {
                    matches!(it.kind, Kind::Word)
                        && !is_word(text, it, w)
                        && !plural_of(&text[it.start..it.end], w)
                        && (!in_class(it, class::FUNCTION_WORDS)
                            || word_in(
                                text,
                                it,
                                &["its", "their", "the", "his", "her", "all", "some"],
                            ))
                        && !in_class(it, class::PARTICLES)
                        && !is_barrier(it)
                })
            {
                k = number_end(text, items, k) + 1;
                skipped += 1;
            }
        }
        // The indefinite article either way: "signed a marketing agreement with" matches
        // "sign an agreement with", "took an interest in" matches "take a … interest in".
        // A noun of the trigger in the plural too: "signed agreements with".
        let matches = |it: &Item| {
            is_word(text, it, w)
                || (w == "a" && is_word(text, it, "an"))
                || (w == "an" && is_word(text, it, "a"))
                || plural_of(&text[it.start..it.end], w)
        };
        if !items.get(k).is_some_and(matches) {
            return None;
        }
    }
    Some(k)
}

/// Is `word` the plural of the trigger's `noun` ("agreements" of "agreement")? Only a plain
/// "-s" added to a word of four letters or more.
fn plural_of(word: &str, noun: &str) -> bool {
    noun.len() > 3
        && word.len() == noun.len() + 1
        && word.ends_with(['s', 'S'])
        && word.is_char_boundary(noun.len())
        && word[..noun.len()].eq_ignore_ascii_case(noun)
}

/// The last item of a number written with a point or comma ("5.1", "1,200") that starts at
/// `items[k]`, which is one modifier ("acquired a 5.1 pct stake in"); else `k`.
fn number_end(text: &str, items: &[Item], k: usize) -> usize {
    let digits =
        |it: &Item| matches!(it.kind, Kind::Word) && text.as_bytes()[it.start].is_ascii_digit();
    let mut end = k;
    if !digits(&items[k]) {
        return end;
    }
    while let (Some(p), Some(n)) = (items.get(end + 1), items.get(end + 2)) {
        let glued = matches!(p.kind, Kind::Punct('.' | ','))
            && p.start == items[end].end
            && n.start == p.end
            && digits(n);
        if !glued {
            break;
        }
        end += 2;
    }
    end
}

pub(crate) const PARTICLES: &[&str] = &["off", "out", "up", "down"];

/// Is the base or -s form of a verb trigger at `first` a noun here? "North Korea's consistent
/// demand", "mobilized pressure groups", "tighten sanctions", "a US offer", "a visit": the
/// word before it is not one that can come before a verb (a subject, an auxiliary, "to", an
/// adverb, a plural noun such as "officials").
pub(crate) fn used_as_noun(text: &str, items: &[Item], first: usize) -> bool {
    let Some(prev) = first.checked_sub(1).map(|p| &items[p]) else {
        return false;
    };
    match prev.kind {
        // "a US offer": a name after an indefinite article modifies the trigger ("the
        // Palestinians reject" is a verb after its subject). So does one singular name before
        // a base form ("the US ban hurt China"; a verb would be "bans"): not a plural
        // ("Palestinians", "US officials") or coordinated one ("China and Russia spy").
        Kind::Entity { role, .. } => {
            let before = first.checked_sub(2).map(|p| &items[p]);
            if before.is_some_and(|it| word_in(text, it, &["a", "an"])) {
                return true;
            }
            let name = &text[prev.start..prev.end];
            let coordinated = before.is_some_and(|it| is_conjunction(text, it));
            let base = !text[items[first].start..items[first].end]
                .bytes()
                .last()
                .is_some_and(|b| b.eq_ignore_ascii_case(&b's'));
            base && !role && !is_plural(name) && !coordinated && !all_caps(text, &items[first])
        }
        Kind::Punct(_) => false,
        Kind::Word => {
            let w = &text[prev.start..prev.end];
            if in_class(prev, class::DETERMINERS) {
                return true;
            }
            if in_class(prev, class::BEFORE_VERB)
                || in_class(prev, class::ADVERBS)
                || w.ends_with("ly")
                || w.ends_with("n't")
                || w.ends_with("n’t")
                || w.chars().next().is_some_and(char::is_uppercase)
            {
                return false;
            }
            // "officials demand", "leaders pressure": a plural subject; else an adjective,
            // a verb or a possessive "s" before a noun.
            !(is_plural(w) && w.len() > 2)
        }
    }
}

/// Determiners and possessive pronouns: a trigger word right after one is a noun ("a visit",
/// "its support").
pub(crate) const DETERMINERS: &[&str] = &[
    "a", "an", "the", "its", "their", "his", "her", "our", "this", "these", "those", "any", "no",
    "every", "each", "such", "further", "more",
];

/// Words after which a trigger's base or -s form is a verb: a subject pronoun, an auxiliary or
/// modal, "to", a negation or a coordinating "and"/"or".
pub(crate) const BEFORE_VERB: &[&str] = &[
    "to", "will", "would", "can", "could", "may", "might", "must", "shall", "should", "do", "does",
    "did", "not", "never", "and", "or", "it", "they", "we", "he", "she", "i", "you", "who", "that",
    "which", "also", "jointly", "now", "still", "often", "again", "today", "help", "helps",
    "helped", "helping", "let", "lets",
];
