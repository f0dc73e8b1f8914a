//! Office holders: a name before a single office title ("Israeli President Katsav", "a
//! Russian official", "Apple CEO Tim Cook") names an individual, not the state, agency or
//! company it belongs to, and newsgraph relates only those; the plural ("Russian officials")
//! is the body itself.

use super::actors::is_possessive;
use super::classes::class;
use super::items::{Item, Kind, in_class, is_plural};

/// An individual is not an actor of relations: newsgraph relates states, agencies and
/// companies, as its gold sets do (a named person or a single office holder is not the state;
/// "US officials", "the Israeli government" are). Marks a name followed, after up to three
/// modifiers ("Vice Foreign", "Defence", "religious", a possessive), by one of
/// [`OFFICE_TITLES`] as not an actor. "The President" without a name is a description of the
/// state (see [`resolve_descriptions`](super::coref::resolve_descriptions)) and not affected.
pub(crate) fn mark_office_holders(text: &str, items: &mut [Item]) {
    for k in 0..items.len() {
        if !matches!(items[k].kind, Kind::Entity { actor: true, .. }) {
            continue;
        }
        let mut j = k + 1;
        if is_possessive(text, items, j) {
            j += 2;
        }
        let mut person = false;
        for it in items.iter().skip(j).take(4) {
            if !matches!(it.kind, Kind::Word) {
                break;
            }
            if in_class(it, class::OFFICE_TITLES) {
                person = true;
                break;
            }
            let w = &text[it.start..it.end];
            if !w.chars().all(|c| c.is_alphabetic() || c == '-')
                || in_class(it, class::FUNCTION_WORDS)
                || is_plural(w)
            {
                break;
            }
        }
        if person
            && let Kind::Entity {
                actor,
                person: individual,
                ..
            } = &mut items[k].kind
        {
            *actor = false;
            *individual = true;
        }
    }
}

/// Titles of one person's office. A name before one of them ("Israeli President Moshe Katsav",
/// "a Russian official", "Iran's religious leader", "Apple CEO Tim Cook") names an individual,
/// not the state, agency or company; the plural ("Russian officials") is the body itself.
pub(crate) const OFFICE_TITLES: &[&str] = &[
    "president",
    "vice-president",
    "leader",
    "minister",
    "official",
    "diplomat",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "negotiator",
    "envoy",
    "king",
    "queen",
    "prince",
    "emperor",
    "premier",
    "chancellor",
    "secretary",
    "secretary-general",
    "chief",
    "head",
    "commander",
    "general",
    "coordinator",
    "representative",
    "delegate",
    "ayatollah",
    "dictator",
    "ruler",
    "monarch",
    "senator",
    "governor",
    "mayor",
    "chairman",
    "chairwoman",
    "ceo",
    "founder",
];
