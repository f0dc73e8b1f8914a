//! Rules `trade` and `contract-from`: goods bought and sold between countries, and contracts
//! or orders received, where the party that the relation needs is not where a trigger's
//! object is.
//!
//! `trade` (the `supply` predicate, seller → buyer): "China bought a total of 550,000 tonnes
//! of U.S. corn" gives United States supply China: the seller is the country that names the
//! goods ("U.S. corn"), the buyer the subject; "Taiwan bought soybeans from the U.S." and
//! "Australia sells 180,000 tonnes of sugar to the USSR" name the other side after "from" and
//! "to", and "exports of U.S. corn to the Soviet Union" is the United States' sale; before a
//! noun of buying, the buyer modifies it ("Soviet purchases of U.S. corn", "South Korea's
//! purchase of", "Dutch imports of Argentine soymeal").
//! Counter-example: "Japan bought U.S. Treasury bonds" names no traded goods (a commodity or a
//! unit of one), so nothing.
//!
//! `contract-from` (the `contract` predicate, the awarding party → the contractor): "Memory
//! Metals Inc said it received a contract from NASA" gives NASA contract Memory Metals, and so
//! do "won a 10 mln dlr contract from", "received its first order from", "was awarded a
//! contract by". Counter-example: "received a letter from NASA" is no contract.
//!
//! `received-from` (the `aid` predicate, lender or giver → recipient): "Argentina received a
//! 500 mln dlr loan from the World Bank", "received aid from", "obtained credits from".
//! Counter-example: "received support from shareholders" is no aid. With a noun of approval
//! (the `approve` predicate, the approving body → the recipient): "received Securities and
//! Exchange Commission approval to", "won approval from the Federal Reserve".

use super::nominal::noun_modifier_subject;
use super::push;
use crate::dictionary::{Dictionary, EntityType};
use crate::relate::actors::is_possessive;
use crate::relate::classes::class;
use crate::relate::confidence::confidence;
use crate::relate::items::{Item, Kind, arg, in_class, is_word, owner_arg, word_in};
use crate::relate::ontology::Ontology;
use crate::relate::relation::{Arg, Relation};
use crate::relate::subject::near_subject;

/// How many items a phrase of goods ("a total of 550,000 tonnes of") may hold.
const PHRASE: usize = 12;

/// Rule `trade`; see the module doc.
pub(crate) fn trade(
    ontology: &Ontology,
    dict: &Dictionary,
    text: &str,
    items: &[Item],
    out: &mut Vec<Relation>,
) {
    let Some(supply) = ontology.find("supply") else {
        return;
    };
    for v in 0..items.len() {
        let it = &items[v];
        if !in_class(it, class::TRADE_VERBS | class::TRADE_NOUNS) {
            continue;
        }
        let buying = word_in(text, it, BUYING_VERBS)
            || word_in(text, it, &["purchases", "imports", "import"]);
        let noun = in_class(it, class::TRADE_NOUNS)
            && items.get(v + 1).is_some_and(|n| is_word(text, n, "of"));
        if !noun && !in_class(it, class::TRADE_VERBS) {
            continue;
        }
        let Some(phrase) = goods_phrase(dict, text, items, v + 1) else {
            continue;
        };
        let (seller, buyer, side_distance) = if noun {
            // "exports of U.S. corn to the Soviet Union": both inside the phrase; "Soviet
            // purchases of U.S. corn", "Japanese imports of U.S. beef": the buyer modifies
            // the noun.
            let modifier = noun_modifier_subject(text, items, v)
                .map(|side| side.args[0])
                .or_else(|| {
                    // "South Korea's purchase of U.S. corn".
                    let k = v.checked_sub(3)?;
                    is_possessive(text, items, k + 1)
                        .then(|| arg(&items[k]).or_else(|| owner_arg(&items[k])))
                        .flatten()
                });
            let parties = match (buying, phrase.after_word) {
                (true, Some("from")) => (phrase.after, modifier),
                (true, None) => (phrase.origin, modifier),
                (false, Some("to")) => (phrase.origin.or(modifier), phrase.after),
                _ => (None, None),
            };
            let (Some(seller), Some(buyer)) = parties else {
                continue;
            };
            (seller, buyer, 0)
        } else {
            let Some((subject, negated, modality)) = near_subject(text, items, v) else {
                continue;
            };
            let other = match (buying, phrase.after_word) {
                (true, Some("from")) | (false, Some("to")) => phrase.after,
                (true, _) => phrase.origin,
                (false, _) => None,
            };
            let Some(other) = other else {
                continue;
            };
            for (k, s) in subject.args.iter().enumerate() {
                let (seller, buyer) = if buying { (other, *s) } else { (*s, other) };
                push(
                    out,
                    supply,
                    seller,
                    buyer,
                    it,
                    negated,
                    modality,
                    "trade",
                    confidence("trade", subject.distance, phrase.distance, k, s.coreference),
                );
            }
            continue;
        };
        push(
            out,
            supply,
            seller,
            buyer,
            it,
            false,
            crate::relate::relation::Modality::Asserted,
            "trade",
            confidence("trade", side_distance, phrase.distance, 0, false),
        );
    }
}

/// What follows a verb or noun of trade: its goods, the country they come from when one
/// modifies them ("U.S. corn"), and the party after a "to" or "from" that ends the phrase.
struct Goods {
    origin: Option<Arg>,
    after: Option<Arg>,
    after_word: Option<&'static str>,
    /// Words from the verb to the party named.
    distance: usize,
}

/// Reads the phrase of goods from `items[start]`: words, numbers ("550,000"), at most one
/// country modifying the goods, and at least one word of traded goods or their units
/// (`class::TRADED`). It ends at "to" or "from" before an entity, or at anything else.
fn goods_phrase(dict: &Dictionary, text: &str, items: &[Item], start: usize) -> Option<Goods> {
    let mut traded = false;
    let mut origin = None;
    let mut k = start;
    while k < items.len().min(start + PHRASE) {
        let it = &items[k];
        match it.kind {
            Kind::Word => {
                let number_next = items.get(k + 1).is_some_and(|n| {
                    matches!(n.kind, Kind::Word) && text.as_bytes()[n.start].is_ascii_digit()
                });
                // "up to 8,000 tonnes", "3,000 to 4,000 tonnes": a bound or a range of the
                // amount, not the party the goods go to.
                if is_word(text, it, "up")
                    && items.get(k + 1).is_some_and(|n| is_word(text, n, "to"))
                {
                    k += 2;
                    continue;
                }
                if is_word(text, it, "to") && number_next {
                    k += 1;
                    continue;
                }
                if word_in(text, it, &["to", "from"]) {
                    let after = items.get(k + 1).and_then(arg);
                    if after.is_some() && traded {
                        let after_word = if is_word(text, it, "to") {
                            "to"
                        } else {
                            "from"
                        };
                        return Some(Goods {
                            origin,
                            after,
                            after_word: Some(after_word),
                            distance: k + 1 - start,
                        });
                    }
                    break;
                }
                if in_class(it, class::TRADED) {
                    traded = true;
                } else if in_class(it, class::BARRIER_WORDS | class::SUBORDINATORS)
                    || (in_class(it, class::FUNCTION_WORDS)
                        && !word_in(
                            text,
                            it,
                            &[
                                "of", "a", "an", "the", "about", "some", "over", "more", "than",
                            ],
                        ))
                {
                    break;
                }
            }
            // A number written "550,000" or "1.5".
            Kind::Punct(',' | '.') => {
                let digits = |j: usize| {
                    items.get(j).is_some_and(|n| {
                        matches!(n.kind, Kind::Word) && text.as_bytes()[n.start].is_ascii_digit()
                    })
                };
                if !(k > start && digits(k - 1) && digits(k + 1)) {
                    break;
                }
            }
            Kind::Punct('-') => {}
            Kind::Punct(_) => break,
            Kind::Entity { actor, .. } => {
                // Only a country naming the goods: "U.S. corn", "Argentine wheat".
                let entity = owner_arg(it)?;
                let names_goods = !actor
                    && origin.is_none()
                    && dict.kind(entity.entity) == EntityType::Country
                    && items
                        .get(k + 1)
                        .is_some_and(|n| matches!(n.kind, Kind::Word));
                if !names_goods {
                    break;
                }
                origin = Some(entity);
            }
        }
        k += 1;
    }
    (traded && origin.is_some()).then_some(Goods {
        origin,
        after: None,
        after_word: None,
        distance: k - start,
    })
}

/// Rule `contract-from`; see the module doc.
pub(crate) fn contract_from(
    ontology: &Ontology,
    text: &str,
    items: &[Item],
    out: &mut Vec<Relation>,
) {
    let (Some(contract), Some(aid)) = (ontology.find("contract"), ontology.find("aid")) else {
        return;
    };
    let approve = ontology.find("approve");
    let granted = |n: &Item| {
        in_class(n, class::CONTRACT_NOUNS | class::GIVEN_THINGS)
            || (approve.is_some() && word_in(text, n, APPROVALS))
    };
    for v in 0..items.len() {
        let it = &items[v];
        if !in_class(it, class::RECEIVING) {
            continue;
        }
        // A determiner, then up to four modifiers ("a 10 mln dlr", "its first") before the
        // noun of a contract, then "from" (or "by" after a passive "awarded").
        let mut k = v + 1;
        let mut words = 0;
        // "received a three-year U.S. Navy contract": a name right before the noun of a
        // contract is the one who awards it.
        let mut modifier = None;
        while k < items.len() && words <= 5 {
            let n = &items[k];
            if granted(n) {
                break;
            }
            if matches!(n.kind, Kind::Entity { .. })
                && items.get(k + 1).is_some_and(|m| {
                    in_class(m, class::CONTRACT_NOUNS)
                        || (approve.is_some() && word_in(text, m, APPROVALS))
                })
            {
                modifier = owner_arg(n);
                k += 1;
                break;
            }
            let number_mark = matches!(n.kind, Kind::Punct(',' | '.' | '-'))
                && items
                    .get(k + 1)
                    .is_some_and(|m| matches!(m.kind, Kind::Word));
            if !matches!(n.kind, Kind::Word) && !number_mark {
                k = items.len();
                break;
            }
            if in_class(n, class::FUNCTION_WORDS)
                && !word_in(text, n, &["a", "an", "its", "their", "the"])
            {
                k = items.len();
                break;
            }
            words += 1;
            k += 1;
        }
        if k >= items.len()
            || !granted(&items[k])
            || word_in(text, &items[k], &["support", "troops"])
        {
            continue;
        }
        // "received a 50 mln dlr loan from the World Bank" is aid from the lender;
        // "received Federal Reserve Board approval" the board's approval.
        let (predicate, rule) = match approve {
            Some(p) if word_in(text, &items[k], APPROVALS) => (p, "received-from"),
            _ if in_class(&items[k], class::CONTRACT_NOUNS) => (contract, "contract-from"),
            _ => (aid, "received-from"),
        };
        let by = is_word(text, &items[v], "awarded");
        let prep_ok = items
            .get(k + 1)
            .is_some_and(|p| is_word(text, p, "from") || (by && is_word(text, p, "by")));
        let mut a = k + 2;
        if items.get(a).is_some_and(|n| is_word(text, n, "the")) {
            a += 1;
        }
        let awarder = match (prep_ok, modifier) {
            (true, _) => items.get(a).and_then(arg),
            (false, Some(m)) if predicate == contract || Some(predicate) == approve => {
                a = k - 1;
                Some(m)
            }
            _ => None,
        };
        let Some(awarder) = awarder else {
            continue;
        };
        let Some((receiver, negated, modality)) = near_subject(text, items, v) else {
            continue;
        };
        for (m, s) in receiver.args.iter().enumerate() {
            push(
                out,
                predicate,
                awarder,
                *s,
                &items[k],
                negated,
                modality,
                rule,
                confidence(rule, receiver.distance, a - v - 1, m, s.coreference),
            );
        }
    }
}

/// Nouns of an approval received ("received SEC approval", "won approval from the Federal
/// Reserve"): the `approve` predicate, the approving body → the recipient.
const APPROVALS: &[&str] = &[
    "approval",
    "approvals",
    "clearance",
    "permission",
    "go-ahead",
    "authorization",
    "authorisation",
];

/// Verbs of buying: the subject is the buyer. They and [`TRADE_VERBS`] share a class bit.
pub(crate) const BUYING_VERBS: &[&str] = &[
    "buy",
    "buys",
    "bought",
    "buying",
    "purchase",
    "purchased",
    "purchasing",
];

/// Verbs of selling whose goods phrase names the other party; with [`BUYING_VERBS`], the
/// `TRADE_VERBS` class.
pub(crate) const TRADE_VERBS: &[&str] = &[
    "sell",
    "sells",
    "sold",
    "selling",
    "export",
    "exports",
    "exported",
    "exporting",
    "ship",
    "ships",
    "shipped",
    "shipping",
];

/// Nouns of a sale, before "of" and its goods: "exports of U.S. corn to the Soviet Union".
pub(crate) const TRADE_NOUNS: &[&str] = &[
    "purchases",
    "purchase",
    "buying",
    "imports",
    "import",
    "exports",
    "export",
    "sales",
    "sale",
    "shipments",
    "shipment",
];

/// Traded goods and their units: one of them makes a phrase after a verb of trade goods.
pub(crate) const TRADED: &[&str] = &[
    "tonnes",
    "tonne",
    "tons",
    "ton",
    "bushels",
    "bales",
    "barrels",
    "bags",
    "cargoes",
    "cargo",
    "wheat",
    "corn",
    "maize",
    "soybeans",
    "soybean",
    "soyabeans",
    "soymeal",
    "sugar",
    "rice",
    "barley",
    "sorghum",
    "oats",
    "grain",
    "grains",
    "flour",
    "cotton",
    "coffee",
    "cocoa",
    "rubber",
    "beef",
    "pork",
    "poultry",
    "butter",
    "cheese",
    "tallow",
    "wool",
    "rapeseed",
    "sunflowerseed",
    "copra",
    "crude",
    "oil",
    "petroleum",
    "coal",
    "copper",
    "tin",
    "zinc",
    "cattle",
    "feedgrains",
    "durum",
    "meal",
];

/// Verbs of getting a contract: the subject is the contractor ("received a contract from").
pub(crate) const RECEIVING: &[&str] = &[
    "received",
    "receives",
    "receive",
    "receiving",
    "won",
    "wins",
    "win",
    "winning",
    "got",
    "obtained",
    "secured",
    "awarded",
    "booked",
    "landed",
];

/// Nouns of a contract or an order.
pub(crate) const CONTRACT_NOUNS: &[&str] = &["contract", "contracts", "order", "orders"];
