//! Which entity mentions are actors, the parties a relation can have. A country's name used
//! as a modifier ("U.S. soybeans", "Japan's biggest carmaker", "anti-American rebels") is not
//! one; a demonym coordinated with one in a state role ("Hungarian and Romanian officials")
//! is. These passes run over a sentence's items once, before any rule; office holders are
//! [`super::offices`]'s.

use super::classes::class;
use super::items::{FUNCTION_WORDS, Item, Kind, in_class, is_conjunction, is_word, word_in};
use super::modality::{ATTEMPTED, PLANNED, REPORTED, SPEECH_VERBS};
use super::negation::NEGATIONS;
use crate::dictionary::{Dictionary, EntityType, Form};
use crate::relate::ontology::Ontology;

/// Marks a country name used as a modifier ("U.S. soybeans", "the Japan market") as not
/// an actor: the noun after it is what the clause is about. A name followed by a verb,
/// a function word, punctuation or a capitalised word stays an actor.
pub(crate) fn mark_modifiers(
    ontology: &Ontology,
    dict: &Dictionary,
    text: &str,
    items: &mut [Item],
) {
    let mut lower = String::new();
    for k in 0..items.len().saturating_sub(1) {
        let Kind::Entity {
            entity,
            form: Form::Name | Form::Metonym,
            coreference: false,
            actor: true,
            role: false,
            ..
        } = items[k].kind
        else {
            continue;
        };
        // A company before a noun is still the party that matters ("stop using Huawei
        // equipment", "bought IBM shares"); a country before one is a place of origin.
        if dict.kind(entity) != EntityType::Country {
            continue;
        }
        if possessive_of_other(text, items, k) {
            if let Kind::Entity { actor, .. } = &mut items[k].kind {
                *actor = false;
            }
            continue;
        }
        let next = &items[k + 1];
        if !matches!(next.kind, Kind::Word) {
            continue;
        }
        let word = &text[next.start..next.end];
        let entity_caps = !text[items[k].start..items[k].end]
            .chars()
            .any(char::is_lowercase);
        let word_caps = !word.chars().any(char::is_lowercase);
        // In a headline in capitals, case says nothing: judge the word as if lowercase.
        let lowercase_start = word.chars().next().is_some_and(char::is_lowercase)
            || (entity_caps && word_caps && word.chars().count() > 2);
        if !lowercase_start || !word.chars().all(char::is_alphabetic) || word.len() < 3 {
            continue;
        }
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        let verb_like = lower.ends_with("ed")
            || lower.ends_with("ly")
            || lower.ends_with("ing")
            || [
                PLANNED,
                ATTEMPTED,
                NEGATIONS,
                REPORTED,
                SPEECH_VERBS,
                IRREGULAR_VERBS,
            ]
            .iter()
            .any(|list| list.contains(&lower.as_str()));
        if verb_like
            || FUNCTION_WORDS.contains(&lower.as_str())
            || !ontology.triggers_for(&lower).is_empty()
        {
            continue;
        }
        if let Kind::Entity { actor, .. } = &mut items[k].kind {
            *actor = false;
        }
    }
}

/// Irregular verb forms that follow a subject ("China grew", "Japan fell"): not nouns.
pub(crate) const IRREGULAR_VERBS: &[&str] = &[
    "grew", "grows", "rose", "rises", "fell", "falls", "made", "makes", "took", "takes", "gave",
    "gives", "went", "goes", "came", "comes", "saw", "sees", "sold", "sells", "bought", "buys",
    "won", "wins", "lost", "loses", "held", "holds", "kept", "keeps", "left", "leaves", "led",
    "leads", "began", "begins", "became", "becomes", "brought", "brings", "found", "finds", "paid",
    "pays", "put", "puts", "set", "sets", "sent", "sends", "spent", "spends", "stood", "stands",
    "thought", "thinks", "wrote", "writes", "ran", "runs", "hit", "hits", "cut", "cuts", "let",
    "lets", "got", "gets", "knew", "knows", "meant", "means", "seems", "remains", "needs", "looks",
    "appears", "expects", "faces", "plays", "moves", "uses", "calls", "asks", "tells", "shows",
    "imports", "exports", "produces", "accounts", "beat", "beats",
];

/// "Japan's biggest carmaker", "Switzerland's three major banks": a country in the possessive
/// before a noun phrase of lowercase words that names no state body, no act of the state and
/// no trigger is the owner of something else, which is what the clause is about. "Japan's
/// foreign ministry", "China's top officials", "Japan's decision to ban …", "Iran's offensive
/// against Iraq" and "China's Huawei" keep the country.
fn possessive_of_other(text: &str, items: &[Item], k: usize) -> bool {
    if !is_possessive(text, items, k + 1) {
        return false;
    }
    let mut words = 0;
    let mut hyphen = false;
    for it in items.iter().skip(k + 3).take(6) {
        match it.kind {
            Kind::Word => {}
            // "tight-fisted", "state-owned": one word, an adjective.
            Kind::Punct('-') => {
                hyphen = true;
                continue;
            }
            _ => break,
        }
        let after_hyphen = std::mem::take(&mut hyphen);
        let w = &text[it.start..it.end];
        if !w.chars().next().is_some_and(char::is_lowercase)
            || !w.chars().all(|c| c.is_alphabetic() || c == '-')
        {
            // A name, a number or a title ("Japan's Prime Minister") ends the phrase.
            break;
        }
        if in_class(it, class::FUNCTION_WORDS)
            || (!after_hyphen && (w.ends_with("ed") || w.ends_with("ing")))
        {
            break;
        }
        if in_class(
            it,
            class::GOVERNMENT_WORDS | class::MILITARY_WORDS | class::PROPOSALS | class::TRIGGER,
        ) || is_act_noun(w)
        {
            return false;
        }
        words += 1;
    }
    words > 0
}

/// Is `items[j]` the start of a possessive ("'" or "’", then "s")?
pub(crate) fn is_possessive(text: &str, items: &[Item], j: usize) -> bool {
    items
        .get(j)
        .is_some_and(|it| matches!(it.kind, Kind::Punct('\'' | '’')))
        && items.get(j + 1).is_some_and(|it| is_word(text, it, "s"))
}

/// A noun of what a state does or holds rather than of a thing it owns: "Turkey's efforts",
/// "Serbia's suppression of …", "Japan's refusal", "China's policy". By ending, with the common
/// ones that have none of these endings.
fn is_act_noun(lower: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ion", "ions", "ment", "ments", "ance", "ence", "ure", "al", "als", "cy", "cies",
    ];
    const NOUNS: &[&str] = &[
        "efforts",
        "effort",
        "attempt",
        "attempts",
        "actions",
        "action",
        "stance",
        "position",
        "role",
        "claim",
        "claims",
        "bid",
        "policy",
        "policies",
        "behavior",
        "behaviour",
        "conduct",
        "record",
        "response",
        "plans",
        "demands",
        "interests",
        "help",
    ];
    ENDINGS
        .iter()
        .any(|e| lower.len() > e.len() + 2 && lower.ends_with(e))
        || NOUNS.contains(&lower)
}

/// "Hungarian and Romanian officials": a demonym coordinated with one that has a state role
/// is an actor too.
pub(crate) fn share_demonym_roles(text: &str, items: &mut [Item]) {
    for k in (0..items.len().saturating_sub(2)).rev() {
        let next_is_actor = matches!(
            items[k + 2].kind,
            Kind::Entity {
                form: Form::Demonym,
                actor: true,
                ..
            }
        );
        if next_is_actor
            && is_conjunction(text, &items[k + 1])
            && let Kind::Entity {
                form: Form::Demonym,
                actor,
                ..
            } = &mut items[k].kind
        {
            *actor = true;
        }
    }
}

/// "anti-Baghdad", "pro-Western": a modifier, never an actor.
pub(crate) fn mark_anti_modifiers(text: &str, items: &mut [Item]) {
    for k in 2..items.len() {
        if matches!(items[k - 1].kind, Kind::Punct('-'))
            && word_in(text, &items[k - 2], &["anti", "pro", "non"])
            && let Kind::Entity { actor, .. } = &mut items[k].kind
        {
            *actor = false;
        }
    }
}
