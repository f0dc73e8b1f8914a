//! The rules. Those anchored on a trigger of the table are chosen here, by how the trigger
//! reads: a noun is `nominal` (or, with nothing after it, `reciprocal`), a company before the
//! noun of a measure is `compound`, a participle after "be" or before "by" is `passive-by`,
//! and anything else is read actively: `svo`, `relative-object`, or `reciprocal` for a
//! coordinated subject of a symmetric predicate. A rule finds the two sides; the relations
//! between their members, with negation, modality and confidence, are made here. The rules
//! that need no trigger of the table (`said-must`, `give`, `repelled`, `trade`, `contract-from`,
//! `owner`, `rating`, `sale`, `between`) run after, and a
//! relation inside the clause of another is folded into it (`clause`). Each rule's room
//! documents it with an example and a counter-example; the whole list is in [`super`].

mod between;
pub(super) mod clause;
mod compound;
pub(super) mod give;
pub(super) mod nominal;
pub(super) mod owner;
pub(super) mod passive;
pub(super) mod rating;
mod reciprocal;
pub(super) mod repelled;
mod sale;
mod svo;
pub(super) mod trade;

pub(crate) use between::between;
pub(crate) use clause::{folded, said_must};
pub(crate) use give::give;
pub(crate) use owner::owner;
pub(crate) use rating::rating;
pub(crate) use repelled::repelled;
pub(crate) use sale::sale;
pub(crate) use trade::{contract_from, trade};

use super::confidence::{HOSTILE, confidence};
use super::items::{Item, Side, in_class, is_word};
use super::modality::modality;
use super::negation::negated;
use super::relation::{Arg, Modality, Relation};
use crate::dictionary::Dictionary;
use crate::relate::classes::class;
use crate::relate::ontology::{Ontology, PredicateId, Trigger, WordForm};
use svo::Active;

/// Appends the relations of the trigger at `items[first..=last]` to `out`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn relate_trigger(
    ontology: &Ontology,
    dict: &Dictionary,
    text: &str,
    items: &[Item],
    first: usize,
    last: usize,
    trigger: &Trigger,
    out: &mut Vec<Relation>,
) {
    let passive = passive::is_passive(text, items, first, last, trigger);
    // A trade measure's object may be a country's goods ("tariffs on Japanese electronic
    // goods"): the measure is against the country. A hostile act's object may be a
    // state's assets ("attacks on Iranian oil facilities", "the expulsion of Soviet
    // diplomats"): the act is against the state.
    let predicate = ontology.predicate(trigger.predicate);
    let plover = predicate.plover.as_deref();
    let goods = if plover == Some("SANCTION") {
        class::GOODS
    } else {
        0
    };
    let assets = if plover.is_some_and(|p| HOSTILE.contains(&p)) {
        class::ASSETS
    } else {
        0
    };
    let (subject, object, rule);
    if trigger.form == WordForm::Noun && trigger.rest.is_empty() {
        reciprocal::bare_noun(text, items, first, last, trigger.predicate, out);
        return;
    }
    if trigger.form == WordForm::Noun {
        let Some((left, right)) =
            nominal::sides(ontology, text, items, first, last, goods | assets)
        else {
            return;
        };
        (subject, object, rule) = (left, right, "nominal");
    } else if let Some((left, right)) = compound::sides(ontology, dict, text, items, first, trigger)
    {
        (subject, object, rule) = (left, right, "compound");
    } else if passive {
        let Some((agent, patient)) = passive::sides(text, items, first, last) else {
            return;
        };
        (subject, object, rule) = (agent, patient, "passive-by");
    } else {
        match svo::sides(text, items, first, last, trigger, predicate, goods) {
            Some(Active::Pair(l, r, name)) => (subject, object, rule) = (l, r, name),
            Some(Active::Group(group)) => {
                reciprocal::emit(text, items, first, last, trigger.predicate, &group, out);
                return;
            }
            None => return,
        }
    }
    // "bought 1.3 mln CooperVision Inc common shares": a number of the company's shares, which
    // rule `owner` reads as a stake; the company is not acquired.
    // "completed the acquisition of Hilton International from Transworld Corp": the party
    // after "from" sold what was bought (rule `sale` reads the verbs); it is not acquired.
    if predicate.id == "acquire"
        && items[last + 1..]
            .iter()
            .take_while(|it| it.start < object.args[0].start)
            .any(|it| is_word(text, it, "from"))
    {
        return;
    }
    // "bought Borg-Warner Corp's Traffic Services business": a part of the company, which
    // rule `sale` reads as sold by it. The same after a noun of buying ("its purchase of 3.5
    // mln Carter Hawley Hale shares", "its purchase of United Technologies' Diesel Systems
    // unit").
    let buying = (first == last && in_class(&items[first], class::SHARE_BUYING))
        || (rule == "nominal" && predicate.id == "acquire");
    if buying
        && (owner::shares_bought(text, items, last).is_some()
            || object.args.iter().any(|o| {
                items
                    .iter()
                    .position(|it| it.start == o.start)
                    .is_some_and(|at| sale::part_after_possessive(text, items, at))
            }))
    {
        return;
    }
    emit(
        text, items, first, last, trigger, &subject, &object, rule, out,
    );
}

/// A relation from each subject to each object of a trigger, with the flags of the subject's
/// clause.
#[allow(clippy::too_many_arguments)]
fn emit(
    text: &str,
    items: &[Item],
    first: usize,
    last: usize,
    trigger: &Trigger,
    subject: &Side,
    object: &Side,
    rule: &'static str,
    out: &mut Vec<Relation>,
) {
    let subject_end = subject.args.iter().map(|a| a.end).max().unwrap_or(0);
    let negated = negated(text, items, first, subject_end);
    let modality = modality(items, first, subject.args[0].start);
    let trigger_span = items[first].start..items[last].end;
    // A verb chain ("persuade allies to stop using Huawei"): the words between the trigger
    // and the "to" that leads on to the object are the intermediary.
    let intermediary = match (rule, object.chain_to) {
        ("svo", Some(to)) if to > last + 1 => Some(items[last + 1].start..items[to - 1].end),
        _ => None,
    };
    for (si, s) in subject.args.iter().enumerate() {
        for (oi, o) in object.args.iter().enumerate() {
            if s.entity == o.entity {
                continue;
            }
            out.push(Relation {
                predicate: trigger.predicate,
                subject: *s,
                object: *o,
                trigger: trigger_span.clone(),
                intermediary: intermediary.clone(),
                negated,
                modality,
                rule,
                confidence: confidence(
                    rule,
                    subject.distance,
                    object.distance,
                    si + oi,
                    s.coreference || o.coreference,
                ),
            });
        }
    }
}

/// Appends one relation of a rule that stands on a word of its own (trade, contract, owner,
/// rating), unless its two parties are one entity or the sentence has it already.
#[allow(clippy::too_many_arguments)]
pub(super) fn push(
    out: &mut Vec<Relation>,
    predicate: PredicateId,
    subject: Arg,
    object: Arg,
    trigger: &Item,
    negated: bool,
    modality: Modality,
    rule: &'static str,
    confidence: f32,
) {
    if subject.entity == object.entity
        || out.iter().any(|r| {
            r.predicate == predicate
                && r.subject.entity == subject.entity
                && r.object.entity == object.entity
                && r.subject.start == subject.start
                && r.object.start == object.start
        })
    {
        return;
    }
    out.push(Relation {
        predicate,
        subject,
        object,
        trigger: trigger.start..trigger.end,
        intermediary: None,
        negated,
        modality,
        rule,
        confidence,
    });
}
