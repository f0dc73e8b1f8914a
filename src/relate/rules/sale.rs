//! Rule `sale` (the `sell_to` predicate, seller → buyer): a company selling a part of itself
//! to another, the part named between the verb and "to". "Moore McCormack Resources agreed to
//! sell its Globe Metallurgical Inc unit to Cyprus Minerals Co", "Allis-Chalmers sold the lift
//! truck business to AC Material Handling Co", "American International Group sold its South
//! African subsidiary, American International Insurance Co Ltd, to Johannesburg Insurance
//! Holdings" give the seller `sell_to` the buyer. The table's triggers ("sell unit to") take
//! the part only when it is a word or two; the part here may be a name, an apposition or a
//! longer phrase.
//! Counter-examples: "sold 5,000 tonnes of wheat to Egypt" sells goods (rule `trade`); "sold
//! its stake to raise cash" has no buyer; "Toyota sold 500 U.S.-built cars" names no part of
//! a company.

use super::push;
use crate::dictionary::{Dictionary, EntityType};
use crate::relate::classes::class;
use crate::relate::confidence::confidence;
use crate::relate::items::{Item, Kind, in_class, is_word, owner_arg, word_in};
use crate::relate::ontology::Ontology;
use crate::relate::relation::Relation;
use crate::relate::subject::near_subject;

/// How many items may stand between the verb and the "to" before the buyer.
const PART: usize = 14;

/// Rule `sale`; see the module doc.
pub(crate) fn sale(
    ontology: &Ontology,
    dict: &Dictionary,
    text: &str,
    items: &[Item],
    out: &mut Vec<Relation>,
) {
    let Some(sell_to) = ontology.find("sell_to") else {
        return;
    };
    for v in 0..items.len() {
        let it = &items[v];
        if !in_class(it, class::TRADE_VERBS) || !word_in(text, it, SELLING) {
            continue;
        }
        let Some(to) = part_sold(dict, text, items, v) else {
            continue;
        };
        let mut b = to + 1;
        if items.get(b).is_some_and(|it| is_word(text, it, "the")) {
            b += 1;
        }
        let Some(buyer) = items.get(b).and_then(owner_arg) else {
            continue;
        };
        let Some((sellers, negated, modality)) = near_subject(text, items, v) else {
            continue;
        };
        for (k, s) in sellers.args.iter().enumerate() {
            if dict.kind(s.entity) != EntityType::Company || s.entity == buyer.entity {
                continue;
            }
            // The part sold stands between verb and buyer: counted as three words.
            let c = confidence("sale", sellers.distance, 3, k, s.coreference);
            push(out, sell_to, *s, buyer, it, negated, modality, "sale", c);
        }
    }
}

/// The part of a company sold after the verb at `v`, up to a "to": words (one of them a noun
/// of [`PARTS`]) or a company's name, and commas around an apposition. The index of the "to".
fn part_sold(dict: &Dictionary, text: &str, items: &[Item], v: usize) -> Option<usize> {
    let mut part = false;
    for (k, it) in items.iter().enumerate().skip(v + 1).take(PART) {
        match it.kind {
            Kind::Entity { entity, .. } => {
                // "its Globe Metallurgical Inc unit", "PCR Inc, a speciality chemicals unit":
                // a company named is a part sold; a country ("its South African unit")
                // only modifies one.
                if dict.kind(entity) == EntityType::Company {
                    part = true;
                }
            }
            Kind::Punct(',' | '-' | '\'' | '’' | '.') => {}
            Kind::Punct(_) => return None,
            Kind::Word => {
                if is_word(text, it, "to") {
                    return (part && k > v + 1).then_some(k);
                }
                if in_class(it, class::BARRIER_WORDS | class::TRADED)
                    || word_in(text, it, &["and", "or", "from", "by"])
                {
                    return None;
                }
                if word_in(text, it, PARTS) {
                    part = true;
                }
            }
        }
    }
    None
}

/// The forms of "sell" that take a part of a company.
const SELLING: &[&str] = &["sell", "sells", "sold", "selling"];

/// Nouns of a part of a company that is sold.
const PARTS: &[&str] = &[
    "unit",
    "units",
    "subsidiary",
    "subsidiaries",
    "division",
    "divisions",
    "business",
    "businesses",
    "operations",
    "operation",
    "stake",
    "interest",
    "interests",
    "holding",
    "holdings",
    "assets",
    "plant",
    "plants",
    "mill",
    "mills",
    "station",
    "stations",
    "affiliate",
    "arm",
    "stores",
    "chain",
    "hotels",
    "hotel",
    "properties",
    "property",
    "refinery",
    "mine",
    "shares",
    "stock",
    "company",
];
