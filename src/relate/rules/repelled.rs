//! Rule `repelled`: "Iraq repelled an Iranian attack" gives Iran attack Iraq, the author of a
//! repelled attack attacked the subject (the verb, an `attack` trigger, also gives Iraq
//! attack Iran by `svo`). Counter-example: "Iraq repelled an attack on Kuwait" names no
//! author.

use super::nominal::noun_modifier_subject;
use crate::relate::classes::class;
use crate::relate::confidence::confidence;
use crate::relate::items::{Item, Kind, arg, in_class, is_word, owner_arg, word_in};
use crate::relate::ontology::Ontology;
use crate::relate::relation::Relation;
use crate::relate::subject::near_subject;

/// "Iraq repelled an Iranian attack", "Egypt fought off an attack by Libyan troops": the
/// author of the repelled attack (a name modifying it, or after "by") attacked the subject of
/// the verb of repelling (rule `repelled`, the `attack` predicate). The verb itself is an
/// `attack` trigger too: the subject used force against the attacker. Counter-example:
/// "Iraq repelled an attack on Kuwait" names no author, and the attack's object is another
/// country.
pub(crate) fn repelled(ontology: &Ontology, text: &str, items: &[Item], out: &mut Vec<Relation>) {
    let Some(attack) = ontology.find("attack") else {
        return;
    };
    for v in 0..items.len() {
        if !in_class(&items[v], class::REPELLING) {
            continue;
        }
        let mut n = v + 1;
        if word_in(text, &items[v], &["fought", "beat", "beaten"]) {
            if !items
                .get(n)
                .is_some_and(|it| word_in(text, it, &["off", "back"]))
            {
                continue;
            }
            n += 1;
        }
        // The attack's noun phrase: a determiner, then up to three words (the author among
        // them) before the noun.
        if items
            .get(n)
            .is_some_and(|it| in_class(it, class::DETERMINERS))
        {
            n += 1;
        }
        let Some(noun) = (n..items.len().min(n + 4))
            .take_while(|&k| !matches!(items[k].kind, Kind::Punct(_)))
            .find(|&k| in_class(&items[k], class::ATTACK_NOUNS))
        else {
            continue;
        };
        let by = items
            .get(noun + 1)
            .is_some_and(|it| is_word(text, it, "by"));
        let attacker = if by {
            let mut a = noun + 2;
            if items.get(a).is_some_and(|it| is_word(text, it, "the")) {
                a += 1;
            }
            items
                .get(a)
                .and_then(|it| arg(it).or_else(|| owner_arg(it)))
        } else {
            noun_modifier_subject(text, items, noun).map(|side| side.args[0])
        };
        let Some(attacker) = attacker else {
            continue;
        };
        let Some((defender, negated, modality)) = near_subject(text, items, v) else {
            continue;
        };
        for (k, o) in defender.args.iter().enumerate() {
            if o.entity == attacker.entity {
                continue;
            }
            out.push(Relation {
                predicate: attack,
                subject: attacker,
                object: *o,
                trigger: items[noun].start..items[noun].end,
                intermediary: None,
                negated,
                modality,
                rule: "repelled",
                confidence: confidence("repelled", 0, defender.distance, k, o.coreference),
            });
        }
    }
}

/// Verbs of driving back an attack; "fought" and "beat(en)" only with their particle.
pub(crate) const REPELLING: &[&str] = &[
    "repel",
    "repels",
    "repelled",
    "repelling",
    "repulse",
    "repulses",
    "repulsed",
    "repulsing",
    "fought",
    "beat",
    "beaten",
];

/// Nouns of an armed attack, the object of a verb of [`REPELLING`].
pub(crate) const ATTACK_NOUNS: &[&str] = &[
    "attack",
    "attacks",
    "assault",
    "assaults",
    "offensive",
    "raid",
    "raids",
    "incursion",
    "push",
    "thrust",
    "thrusts",
    "offensives",
    "incursions",
];
