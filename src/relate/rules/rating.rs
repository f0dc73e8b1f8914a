//! Rule `rating`: a rating agency's act on a company's debt. "Moody's Investors Service Inc
//! said it may downgrade Conseco Inc" gives Moody's `downgrade` Conseco; "VALERO ENERGY DEBT
//! UPGRADED BY MOODY'S" gives Moody's `upgrade` Valero; "S and P affirmed the ratings on Republic
//! New York Corp" and "placed American Stores Co on creditwatch" give `rate`. The object is the
//! first company after the verb (or, for a passive, before it), and a verb of other senses
//! ("lowered", "cut", "raised", "affirmed", "placed") counts only with a word of debt or ratings
//! ("ratings", "debt", "creditwatch") between. Counter-example: "Chrysler cut prices of its cars
//! sold by Hertz" has no word of ratings.

use crate::relate::barriers::is_barrier;
use crate::relate::classes::class;
use crate::relate::confidence::confidence;
use crate::relate::items::{Item, Kind, in_class, is_word, owner_arg, word_in};
use crate::relate::ontology::Ontology;
use crate::relate::relation::{Arg, Relation};
use crate::relate::subject::near_subject;

use super::push;

/// The relations of the verbs of rating in one sentence (rule `rating`).
pub(crate) fn rating(ontology: &Ontology, text: &str, items: &[Item], out: &mut Vec<Relation>) {
    for v in 0..items.len() {
        if !in_class(&items[v], class::RATING_VERBS) {
            continue;
        }
        let verb = &items[v];
        let (id, plain) = if word_in(text, verb, DOWNGRADE) {
            ("downgrade", true)
        } else if word_in(text, verb, UPGRADE) {
            ("upgrade", true)
        } else if word_in(text, verb, LOWER) {
            ("downgrade", false)
        } else if word_in(text, verb, RAISE) {
            ("upgrade", false)
        } else {
            ("rate", false)
        };
        let Some(predicate) = ontology.find(id) else {
            continue;
        };
        let by = items.get(v + 1).is_some_and(|it| is_word(text, it, "by"));
        if by {
            // "VALERO ENERGY DEBT UPGRADED BY MOODY'S": the rated before, the agency after.
            let mut a = v + 2;
            if items.get(a).is_some_and(|it| is_word(text, it, "the")) {
                a += 1;
            }
            let Some(agent) = items.get(a).and_then(owner_arg) else {
                continue;
            };
            let Some((o, rated)) = left_company(items, v) else {
                continue;
            };
            if !plain && !(o + 1..v).any(|k| in_class(&items[k], class::RATING_NOUNS)) {
                continue;
            }
            passive(out, predicate, agent, rated, verb, v - o);
            continue;
        }
        let Some((o, rated)) = right_company(text, items, v) else {
            continue;
        };
        let rated_noun =
            (v + 1..items.len().min(o + 4)).any(|k| in_class(&items[k], class::RATING_NOUNS));
        if !plain && !rated_noun {
            continue;
        }
        // "downgraded Baker International Corp and upgraded Hughes Tool Co": the second verb's
        // subject is the first's, not the name before "and".
        if v > 0 && is_word(text, &items[v - 1], "and") {
            let earlier = out.iter().rev().find(|r| {
                r.rule == "rating"
                    && r.trigger.start >= items[0].start
                    && r.trigger.end <= verb.start
            });
            if let Some(r) = earlier {
                let (agency, negated, modality) = (r.subject, r.negated, r.modality);
                let c = confidence("rating", 2, o - v, 0, agency.coreference);
                push(
                    out, predicate, agency, rated, verb, negated, modality, "rating", c,
                );
                continue;
            }
        }
        let Some((agency, negated, modality)) = near_subject(text, items, v) else {
            continue;
        };
        for (k, s) in agency.args.iter().enumerate() {
            let c = confidence("rating", agency.distance, o - v, k, s.coreference);
            push(
                out, predicate, *s, rated, verb, negated, modality, "rating", c,
            );
        }
    }
}

/// A rating read from a passive ("X DEBT DOWNGRADED BY MOODY'S"): asserted, never negated.
fn passive(
    out: &mut Vec<Relation>,
    predicate: crate::relate::ontology::PredicateId,
    agent: Arg,
    rated: Arg,
    verb: &Item,
    distance: usize,
) {
    let c = confidence(
        "rating",
        0,
        distance,
        0,
        agent.coreference || rated.coreference,
    );
    let asserted = crate::relate::relation::Modality::Asserted;
    push(
        out, predicate, agent, rated, verb, false, asserted, "rating", c,
    );
}

/// The first entity after the verb at `v`, within sixteen items and its clause (not one after
/// "by" or "with").
fn right_company(text: &str, items: &[Item], v: usize) -> Option<(usize, Arg)> {
    for k in v + 1..items.len().min(v + 17) {
        let it = &items[k];
        if is_barrier(it) || matches!(it.kind, Kind::Punct('.')) {
            return None;
        }
        if let Some(a) = owner_arg(it) {
            // After "by", an agent; after "with", a party to something else ("raised 500,000
            // dlrs through a placement of convertible debt with Cerrito Partners").
            // Reuters writes some names in brackets: "with <Cerrito Partners>".
            let before = if matches!(items[k - 1].kind, Kind::Punct('<')) {
                k.saturating_sub(2)
            } else {
                k - 1
            };
            if word_in(text, &items[before], &["by", "with"]) {
                return None;
            }
            return Some((k, a));
        }
    }
    None
}

/// The nearest entity before the verb at `v`, at most five items back, in its clause.
fn left_company(items: &[Item], v: usize) -> Option<(usize, Arg)> {
    for k in (v.saturating_sub(5)..v).rev() {
        let it = &items[k];
        if is_barrier(it) || matches!(it.kind, Kind::Punct('.' | ',')) {
            return None;
        }
        if let Some(a) = owner_arg(it) {
            return Some((k, a));
        }
    }
    None
}

const DOWNGRADE: &[&str] = &["downgrade", "downgrades", "downgraded", "downgrading"];
const UPGRADE: &[&str] = &["upgrade", "upgrades", "upgraded", "upgrading"];
const LOWER: &[&str] = &[
    "lower", "lowers", "lowered", "lowering", "cut", "cuts", "cutting", "reduce", "reduced",
    "reduces",
];
const RAISE: &[&str] = &["raise", "raises", "raised", "raising"];

/// Verbs of a rating agency's act: [`DOWNGRADE`], [`UPGRADE`], [`LOWER`], [`RAISE`], and those
/// that keep or review a rating (`rate`).
pub(crate) const RATING_VERBS: &[&str] = &[
    "downgrade",
    "downgrades",
    "downgraded",
    "downgrading",
    "upgrade",
    "upgrades",
    "upgraded",
    "upgrading",
    "lower",
    "lowers",
    "lowered",
    "lowering",
    "cut",
    "cuts",
    "cutting",
    "reduce",
    "reduced",
    "reduces",
    "raise",
    "raises",
    "raised",
    "raising",
    "affirm",
    "affirms",
    "affirmed",
    "affirming",
    "placed",
    "places",
    "put",
    "puts",
    "kept",
    "keeping",
    "reviewing",
];

/// Words of debt and its ratings: a verb of other senses rates only with one of these.
pub(crate) const RATING_NOUNS: &[&str] = &[
    "rating",
    "ratings",
    "debt",
    "debts",
    "notes",
    "debentures",
    "bonds",
    "eurobonds",
    "eurobond",
    "securities",
    "paper",
    "preferred",
    "creditwatch",
];
