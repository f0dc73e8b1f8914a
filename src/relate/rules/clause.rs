//! Predicates and clauses. Rule `said-must`: "Russia said on Tuesday that Sudan must return
//! the helicopter" is a demand without a demand verb (counter-example: "Russia said Sudan
//! returned it"). And a predicate that takes a clause (the table's `clause` column: threaten,
//! agree, urge …) holds the relation found inside its clause as its content, not as an event
//! of its own ([`folded`]): "Pakistan threatened to break off relations with Congo" threatens
//! Congo and breaks off nothing yet.

use crate::relate::barriers::is_barrier;
use crate::relate::classes::class;
use crate::relate::confidence::confidence;
use crate::relate::items::{Item, Kind, arg, in_class, is_word, word_in};
use crate::relate::ontology::Ontology;
use crate::relate::relation::{Modality, Relation};
use crate::relate::subject::side_left;

/// "Russia said that Sudan must return the helicopter": a demand without a demand verb (rule
/// `said-must`), as the `urge` predicate when the table has it.
pub(crate) fn said_must(ontology: &Ontology, text: &str, items: &[Item], out: &mut Vec<Relation>) {
    let Some(urge) = ontology.find("urge") else {
        return;
    };
    for k in 1..items.len() {
        if !word_in(text, &items[k], &["must", "should"]) {
            continue;
        }
        let Some(target) = arg(&items[k - 1]) else {
            continue;
        };
        // Back over an optional "that" and words of time ("said on Tuesday that") to a
        // speech verb with its subject.
        let mut v = k - 1;
        if v > 0 && is_word(text, &items[v - 1], "the") {
            // "said that the US must"
            v -= 1;
        }
        if v > 0 && is_word(text, &items[v - 1], "that") {
            v -= 1;
        }
        // "said here Wednesday that", "said on Friday that"
        while v > 1
            && (in_class(&items[v - 1], class::TIME_WORDS)
                || word_in(text, &items[v - 1], &["here", "there"]))
        {
            v -= 1;
        }
        if v == 0 || !in_class(&items[v - 1], class::SPEECH_VERBS) {
            continue;
        }
        let Some(speaker) = side_left(text, items, v - 1).0 else {
            continue;
        };
        if speaker.distance > 4 {
            continue;
        }
        for s in &speaker.args {
            if s.entity == target.entity {
                continue;
            }
            out.push(Relation {
                predicate: urge,
                subject: *s,
                object: target,
                trigger: items[v - 1].start..items[k].end,
                intermediary: None,
                negated: false,
                modality: Modality::Asserted,
                rule: "said-must",
                confidence: confidence("said-must", speaker.distance, 0, 0, s.coreference),
            });
        }
    }
}

/// "Pakistan threatened to break off relations with Congo", "Greece demanded that its partners
/// refuse to recognize Macedonia": a relation inside the clause of a predicate that takes one
/// (the `clause` column) is that relation's content, not an event of its own. Is `b` such a
/// relation of one of `found`? It must share a party with the outer relation (the outer subject, or the outer object as
/// the clause's subject), and its trigger must follow within eight words with a "to" or
/// "that" and no comma in between.
pub(crate) fn folded(
    ontology: &Ontology,
    text: &str,
    items: &[Item],
    found: &[Relation],
    b: &Relation,
) -> bool {
    found.iter().any(|a| {
        if !ontology.predicate(a.predicate).clause
            || a.trigger.end > b.trigger.start
            || a.trigger == b.trigger
            || !(b.subject.entity == a.subject.entity || b.subject.entity == a.object.entity)
        {
            return false;
        }
        let between = || {
            items
                .iter()
                .filter(|it| it.start >= a.trigger.end && it.end <= b.trigger.start)
        };
        between().filter(|it| matches!(it.kind, Kind::Word)).count() <= 8
            && between().any(|it| word_in(text, it, &["to", "that"]))
            && !between().any(|it| matches!(it.kind, Kind::Punct(',')) || is_barrier(it))
    })
}

/// Words of time that may come between a verb and its clause ("said on Tuesday that").
pub(crate) const TIME_WORDS: &[&str] = &[
    "on",
    "today",
    "yesterday",
    "tonight",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "again",
    "also",
];

pub(crate) const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
