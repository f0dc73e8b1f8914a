//! Rule `sale` (the `sell_to` predicate, seller → buyer): a company selling a part of itself
//! to another, the part named between the verb and "to". "Moore McCormack Resources agreed to
//! sell its Globe Metallurgical Inc unit to Cyprus Minerals Co", "Allis-Chalmers sold the lift
//! truck business to AC Material Handling Co", "American International Group sold its South
//! African subsidiary, American International Insurance Co Ltd, to Johannesburg Insurance
//! Holdings" give the seller `sell_to` the buyer. The table's triggers ("sell unit to") take
//! the part only when it is a word or two; the part here may be a name, an apposition or a
//! longer phrase.
//! From the buyer's side: "BHP acquired Utah from General Electric Co" and "has bought
//! Borg-Warner Corp's Traffic Services business" give the party after "from", or the owner of the
//! part bought, `sell_to` the buyer.
//! Counter-examples: "sold 5,000 tonnes of wheat to Egypt" sells goods (rule `trade`); "sold
//! its stake to raise cash" has no buyer; "Toyota sold 500 U.S.-built cars" names no part of
//! a company.

use super::push;
use crate::dictionary::{Dictionary, EntityType};
use crate::relate::actors::is_possessive;
use crate::relate::classes::class;
use crate::relate::confidence::confidence;
use crate::relate::items::{Item, Kind, in_class, is_word, owner_arg, word_in};
use crate::relate::ontology::{Ontology, PredicateId};
use crate::relate::relation::{Arg, Relation};
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
        if in_class(it, class::SHARE_BUYING) {
            bought(dict, text, items, v, sell_to, out);
            continue;
        }
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
        subjects(dict, text, items, v, buyer, sell_to, out);
    }
}

/// The buyer's side of a sale, at a verb of buying at `v`: "BHP acquired Utah from General
/// Electric Co", "agreed to buy the 49 pct of Intelsa that it does not own from Telefonica"
/// (the party after "from" sold), "has bought Borg-Warner Corp's Traffic Services business"
/// (the owner of the part bought sold it). The seller `sell_to` the buyer.
fn bought(
    dict: &Dictionary,
    text: &str,
    items: &[Item],
    v: usize,
    sell_to: PredicateId,
    out: &mut Vec<Relation>,
) {
    let mut part = false;
    let mut owner = None;
    let mut seller = None;
    for (k, it) in items.iter().enumerate().skip(v + 1).take(PART) {
        match it.kind {
            Kind::Entity { entity, .. } => {
                if dict.kind(entity) != EntityType::Company {
                    continue;
                }
                part = true;
                // "Borg-Warner Corp's Traffic Services business": an owner before a part.
                if owner.is_none() && is_possessive(text, items, k + 1) {
                    owner = owner_arg(it).map(|a| (a, k));
                }
            }
            Kind::Punct(',' | '-' | '\'' | '’' | '.') => {}
            Kind::Punct(_) => break,
            Kind::Word => {
                if is_word(text, it, "from") {
                    let mut b = k + 1;
                    if items.get(b).is_some_and(|it| is_word(text, it, "the")) {
                        b += 1;
                    }
                    seller = items.get(b).and_then(owner_arg).filter(|_| part);
                    break;
                }
                if in_class(it, class::BARRIER_WORDS | class::TRADED)
                    || word_in(text, it, &["and", "or", "to", "by", "for", "with"])
                {
                    break;
                }
                if word_in(text, it, PARTS) || in_class(it, class::SHARE_NOUNS) {
                    part = true;
                }
            }
        }
    }
    // A part named after the possessive by words of its own: "Borg-Warner Corp's Traffic
    // Services business" (the name is no entity) is the owner's too.
    if seller.is_none()
        && let Some((a, at)) = owner
        && part_after_possessive(text, items, at)
    {
        seller = Some(a);
    }
    let Some(seller) = seller else {
        return;
    };
    subjects(dict, text, items, v, seller, sell_to, out);
}

/// The companies of the clause of the verb at `v` and the `other` party, as a `sell_to`
/// relation: `other` bought from them when the verb is one of selling, sold to them when it is
/// one of buying. The part sold stands between verb and party: counted as three words.
fn subjects(
    dict: &Dictionary,
    text: &str,
    items: &[Item],
    v: usize,
    other: Arg,
    sell_to: PredicateId,
    out: &mut Vec<Relation>,
) {
    let Some((side, negated, modality)) = near_subject(text, items, v) else {
        return;
    };
    let selling = word_in(text, &items[v], SELLING);
    for (k, s) in side.args.iter().enumerate() {
        if dict.kind(s.entity) != EntityType::Company || s.entity == other.entity {
            continue;
        }
        let (seller, buyer) = if selling { (*s, other) } else { (other, *s) };
        let c = confidence("sale", side.distance, 3, k, s.coreference);
        push(
            out, sell_to, seller, buyer, &items[v], negated, modality, "sale", c,
        );
    }
}

/// Does a part of the company at `items[at]` follow its possessive, in up to four words
/// ("Borg-Warner Corp's Traffic Services business")? Then the company is the seller of what is
/// bought, not what is bought.
pub(super) fn part_after_possessive(text: &str, items: &[Item], at: usize) -> bool {
    // Not its shares or stock ("acquire all of Di Giorgio's common shares"): the holders
    // sell those, and buying them all is acquiring the company.
    is_possessive(text, items, at + 1)
        && items[at + 3..]
            .iter()
            .take(4)
            .take_while(|it| matches!(it.kind, Kind::Word) && !in_class(it, class::SHARE_NOUNS))
            .any(|it| word_in(text, it, PARTS))
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
