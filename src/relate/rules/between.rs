//! Rule `between`: the noun of a symmetric predicate with its two parties after it, "talks
//! between Iran and Iraq", "a joint venture between Chevron Corp and Texaco Inc", "US Sprint,
//! the venture of GTE Corp and United Telecommunications" give the first party the predicate
//! with the second. Counter-examples: "talks between Iran, Iraq and Syria" (a longer list: the
//! pairs are not said), "a venture of GTE" (one party), "the war between the two countries"
//! (no names).

use crate::relate::classes::{class, lowercase_into};
use crate::relate::confidence::confidence;
use crate::relate::items::{Item, Kind, arg, in_class, is_word};
use crate::relate::ontology::{Ontology, WordForm};
use crate::relate::relation::{Arg, Modality, Relation};

use super::push;

/// The relations of one sentence read from "<noun> between|of A and B".
pub(crate) fn between(ontology: &Ontology, text: &str, items: &[Item], out: &mut Vec<Relation>) {
    let mut lower = String::new();
    for k in 1..items.len() {
        let link = &items[k];
        let of = is_word(text, link, "of");
        if !(of || is_word(text, link, "between")) {
            continue;
        }
        let noun = &items[k - 1];
        if !in_class(noun, class::TRIGGER) {
            continue;
        }
        lowercase_into(&text[noun.start..noun.end], &mut lower);
        let Some(predicate) = ontology
            .triggers_for(&lower)
            .iter()
            .find(|t| t.form == WordForm::Noun && ontology.predicate(t.predicate).symmetric)
            .map(|t| t.predicate)
        else {
            continue;
        };
        // "of" names the parties of a joint body only ("the venture of GTE and United"), not
        // of talks or agreements ("the agreement of France" is its assent).
        if of && ontology.predicate(predicate).id != "joint_venture" {
            continue;
        }
        let Some((a, b)) = pair(text, items, k + 1) else {
            continue;
        };
        let c = confidence("between", 0, 0, 0, a.coreference || b.coreference);
        push(
            out,
            predicate,
            a,
            b,
            noun,
            false,
            Modality::Asserted,
            "between",
            c,
        );
    }
}

/// "Iran and Iraq", "the U.S. and Japan" from `k`: two parties joined by "and", and no third
/// after them.
fn pair(text: &str, items: &[Item], k: usize) -> Option<(Arg, Arg)> {
    let party = |k: usize| -> Option<(Arg, usize)> {
        let k = if items.get(k).is_some_and(|it| is_word(text, it, "the")) {
            k + 1
        } else {
            k
        };
        Some((arg(items.get(k)?)?, k))
    };
    let (a, ka) = party(k)?;
    if !items.get(ka + 1).is_some_and(|it| is_word(text, it, "and")) {
        return None;
    }
    let (b, kb) = party(ka + 2)?;
    let longer = items.get(kb + 1).is_some_and(|it| {
        matches!(it.kind, Kind::Entity { .. })
            || is_word(text, it, "and")
            || (matches!(it.kind, Kind::Punct(','))
                && items.get(kb + 2).is_some_and(|n| arg(n).is_some()))
    });
    (!longer && a.entity != b.entity).then_some((a, b))
}
