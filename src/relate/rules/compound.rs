//! Rule `compound`: "The US imposed the Huawei ban", "China's Apple boycott": a company or
//! agency before the noun of a measure is its object. Counter-example: "the US ban hurt
//! China" (a country there is the measure's author, and names no object).

use crate::dictionary::{Dictionary, EntityType};
use crate::relate::classes::lowercase_into;
use crate::relate::items::{Item, Side, arg, is_word, word_in};
use crate::relate::ontology::{Ontology, Trigger, WordForm};
use crate::relate::subject::side_left;

/// "The US imposed the Huawei ban", "China's Apple boycott": a company or agency right
/// before the noun of a measure, after a determiner or a possessive, is its object; the
/// subject is the name before that, within three words (rule `compound`). A country there
/// is the measure's author ("the US ban"), not its object, so nothing.
pub(super) fn sides(
    ontology: &Ontology,
    dict: &Dictionary,
    text: &str,
    items: &[Item],
    first: usize,
    trigger: &Trigger,
) -> Option<(Side, Side)> {
    if !matches!(trigger.form, WordForm::Base | WordForm::ThirdPerson)
        || !trigger.rest.is_empty()
        || first < 2
    {
        return None;
    }
    let mut lower = String::new();
    lowercase_into(&text[items[first].start..items[first].end], &mut lower);
    let is_noun = ontology
        .triggers_for(&lower)
        .iter()
        .any(|t| t.form == WordForm::Noun && t.predicate == trigger.predicate);
    let object = arg(&items[first - 1])?;
    let owner_before = word_in(text, &items[first - 2], &["the", "a", "its", "their"])
        || is_word(text, &items[first - 2], "s");
    if !is_noun || !owner_before {
        return None;
    }
    if dict.kind(object.entity) == EntityType::Country {
        return None;
    }
    let subject = side_left(text, items, first - 1).0?;
    (subject.distance <= 3).then(|| (subject, Side::new(object, 0)))
}
