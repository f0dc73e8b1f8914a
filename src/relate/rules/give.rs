//! Rule `give`: "Finland will give Tanzania a grant" is aid to the first object of a verb of
//! giving, before money or aid (the `aid` predicate). Counter-example: "gave China a warning".

use crate::relate::classes::class;
use crate::relate::confidence::confidence;
use crate::relate::items::{Item, Kind, arg, in_class, is_word, word_in};
use crate::relate::ontology::Ontology;
use crate::relate::relation::Relation;
use crate::relate::subject::near_subject;
use crate::relate::triggers::used_as_noun;

/// "Finland will give Tanzania a grant", "The European Community gave the Ivory Coast 5.1
/// million dollars of aid": a verb of giving, a name right after it as the recipient, then
/// money or aid (rule `give`, the `aid` predicate). Counter-example: "gave China a warning"
/// gives no aid.
pub(crate) fn give(ontology: &Ontology, text: &str, items: &[Item], out: &mut Vec<Relation>) {
    let Some(aid) = ontology.find("aid") else {
        return;
    };
    for v in 0..items.len() {
        if !in_class(&items[v], class::GIVE_VERBS) {
            continue;
        }
        let mut o = v + 1;
        if items.get(o).is_some_and(|it| is_word(text, it, "the")) {
            o += 1;
        }
        let Some(recipient) = items.get(o).and_then(arg) else {
            continue;
        };
        // Then the thing given: a number or "$", or (after "a"/"an") a word of aid.
        let mut t = o + 1;
        if items
            .get(t)
            .is_some_and(|it| word_in(text, it, &["a", "an", "more", "new", "further"]))
        {
            t += 1;
        }
        let given = items.get(t).is_some_and(|it| {
            let w = &text[it.start..it.end];
            matches!(it.kind, Kind::Punct('$'))
                || w.starts_with(|c: char| c.is_ascii_digit())
                || in_class(it, class::GIVEN_THINGS)
        });
        let present = word_in(
            text,
            &items[v],
            &[
                "give", "gives", "grant", "grants", "lend", "lends", "offer", "offers", "promise",
                "pledge",
            ],
        );
        if !given || (present && used_as_noun(text, items, v)) {
            continue;
        }
        let Some((giver, negated, modality)) = near_subject(text, items, v) else {
            continue;
        };
        for (k, s) in giver.args.iter().enumerate() {
            if s.entity == recipient.entity {
                continue;
            }
            out.push(Relation {
                predicate: aid,
                subject: *s,
                object: recipient,
                trigger: items[v].start..items[v].end,
                intermediary: None,
                negated,
                modality,
                rule: "give",
                confidence: confidence("give", giver.distance, 0, k, s.coreference),
            });
        }
    }
}

/// Verbs of giving, whose first object is the recipient ("gave the Ivory Coast 5.1 million
/// dollars").
pub(crate) const GIVE_VERBS: &[&str] = &[
    "give", "gives", "gave", "given", "giving", "grant", "grants", "granted", "lend", "lends",
    "lent", "offer", "offers", "offered", "promise", "promised", "pledge", "pledged",
];

/// What is given as aid, after the recipient: "a grant", "aid", "$5 million".
pub(crate) const GIVEN_THINGS: &[&str] = &[
    "aid",
    "assistance",
    "grant",
    "grants",
    "loan",
    "loans",
    "credit",
    "credits",
    "arms",
    "weapons",
    "money",
    "funds",
    "support",
    "relief",
    "food",
    "troops",
];
