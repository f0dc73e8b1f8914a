//! Rule `owner`: ownership said by the shape of a noun phrase, not by a verb. "Maremont Corp
//! subsidiary Gabriel", "Indal Ltd's wholly owned Indal Technologies Inc", "Gabriel, a unit of
//! Maremont", "Maremont's Gabriel unit", "Gabriel's parent, Maremont", "Kuwait-owned Santa Fe",
//! "San Miguel Brewery, 69.65 pct held by San Miguel", "Penril Corp said its Triplett Corp
//! subsidiary" (the speaker's "its") give the owner `owns` the owned (below
//! half, stated as a percentage, `stake_in`). Counter-examples: "Maremont's unit sales rose"
//! names no second entity after the noun; "British-owned Midland" (a people owns it, not the
//! state); "20 pct held by Maremont" without "owned" reads as a stake, not ownership.

use crate::dictionary::{Dictionary, EntityType, Form};
use crate::relate::actors::is_possessive;
use crate::relate::classes::class;
use crate::relate::confidence::confidence;
use crate::relate::items::{Item, Kind, in_class, is_word, owner_arg, word_in};
use crate::relate::ontology::{Ontology, PredicateId};
use crate::relate::relation::{Arg, Modality, Relation};
use crate::relate::subject::{near_subject, side_left};

use super::push;

/// The ownership relations of one sentence (rule `owner`), anchored on a word of
/// [`OWNER_CUES`]: a noun of a company held ("unit", "subsidiary"), "parent", or a participle
/// of holding ("owned", "held", "controlled").
pub(crate) fn owner(
    ontology: &Ontology,
    dict: &Dictionary,
    text: &str,
    items: &[Item],
    out: &mut Vec<Relation>,
) {
    let Some(owns) = ontology.find("owns") else {
        return;
    };
    let stake = ontology.find("stake_in");
    for c in 0..items.len() {
        if !in_class(&items[c], class::OWNER_CUES) {
            continue;
        }
        let cue = &items[c];
        // A state holds companies through the words of holding ("India's state owned NTPC"),
        // not as a company's parent ("America's Pharmacy Inc unit" is one name).
        let company = |o: &Arg| dict.kind(o.entity) != EntityType::Country;
        let (owner, owned, predicate) = if in_class(cue, class::HELD_UNITS) {
            match held_unit(text, items, c) {
                Some((o, x)) if company(&o) => (o, x, owns),
                _ => continue,
            }
        } else if is_word(text, cue, "parent") {
            match parent(text, items, c) {
                Some((o, x)) if company(&o) => (o, x, owns),
                _ => continue,
            }
        } else if in_class(cue, class::SHARE_BUYING) {
            // "told the SEC it has acquired 325,000 shares of Sheldahl Inc": a block of shares
            // bought is a stake, not the company.
            let (Some(o), Some(stake)) = (shares_bought(text, items, c), stake) else {
                continue;
            };
            let Some((buyers, negated, modality)) = near_subject(text, items, c) else {
                continue;
            };
            for (k, s) in buyers.args.iter().enumerate() {
                if s.entity == o.entity || dict.kind(s.entity) == EntityType::Country {
                    continue;
                }
                let c = confidence("owner", buyers.distance, 3, k, s.coreference);
                push(out, stake, *s, o, cue, negated, modality, "owner", c);
            }
            continue;
        } else if let Some((o, pct)) = holding(text, items, c) {
            // "SB Holding owns 54.7 pct of Vernitron": the holder is the verb's subject.
            let Some((holders, negated, modality)) = near_subject(text, items, c) else {
                continue;
            };
            let predicate = match (pct, stake) {
                (p, _) if p >= 50 => owns,
                (_, Some(s)) => s,
                _ => continue,
            };
            for (k, s) in holders.args.iter().enumerate() {
                if s.entity == o.entity {
                    continue;
                }
                let c = confidence("owner", holders.distance, 3, k, s.coreference);
                push(out, predicate, *s, o, cue, negated, modality, "owner", c);
            }
            continue;
        } else {
            match participle(text, items, c) {
                Some((o, x, Some(p))) if p < 50 => match stake {
                    Some(s) => (o, x, s),
                    None => continue,
                },
                Some((o, x, _)) => (o, x, owns),
                None => continue,
            }
        };
        noun_phrase(out, predicate, owner, owned, cue);
    }
}

/// An ownership read from the shape of a noun phrase: asserted, never negated.
fn noun_phrase(
    out: &mut Vec<Relation>,
    predicate: PredicateId,
    owner: Arg,
    owned: Arg,
    cue: &Item,
) {
    let c = confidence("owner", 0, 0, 0, owner.coreference || owned.coreference);
    push(
        out,
        predicate,
        owner,
        owned,
        cue,
        false,
        Modality::Asserted,
        "owner",
        c,
    );
}

fn entity(items: &[Item], k: usize) -> Option<Arg> {
    items.get(k).and_then(owner_arg)
}

/// The entity at `k` when it is a whole name: not after "of", where it is likely the end of a
/// longer one that the dictionary split ("General Motors of Canada Ltd").
fn whole(text: &str, items: &[Item], k: usize) -> Option<Arg> {
    // "bonds of Virginia Electric and Power Co": "of" after a lowercase word is no name's.
    if k > 0
        && is_word(text, &items[k - 1], "of")
        && (k < 2 || !matches!(items[k - 2].kind, Kind::Word) || capitalised(text, &items[k - 2]))
    {
        return None;
    }
    entity(items, k)
}

fn capitalised(text: &str, it: &Item) -> bool {
    text.as_bytes()[it.start].is_ascii_uppercase()
}

/// Left of `k` (exclusive), past words of [`OWNERSHIP_MODIFIERS`] and hyphens: the index
/// of the first item that is neither.
fn skip_modifiers_left(items: &[Item], k: usize) -> usize {
    let mut j = k;
    while j > 0
        && (in_class(&items[j - 1], class::OWNERSHIP_MODIFIERS)
            || matches!(items[j - 1].kind, Kind::Punct('-')))
        && k - j < 4
    {
        j -= 1;
    }
    j
}

/// The owner before the noun phrase that starts at `j`: "Maremont Corp", "Indal Ltd's",
/// "India's". A people ("British-owned") is not its state.
fn owner_before(text: &str, items: &[Item], j: usize) -> Option<Arg> {
    let k = if j >= 3 && is_possessive(text, items, j - 2) {
        j - 3
    } else {
        j.checked_sub(1)?
    };
    match items[k].kind {
        Kind::Entity {
            form: Form::Demonym,
            ..
        } => None,
        _ => whole(text, items, k),
    }
}

/// An apposition or predicate before the noun phrase that starts at `j`: "X, a unit of",
/// "X is a unit of", "X, parent of". The entity X.
fn apposed_before(text: &str, items: &[Item], j: usize) -> Option<Arg> {
    let mut k = j;
    if k > 0 && in_class(&items[k - 1], class::DETERMINERS) {
        k -= 1;
    }
    if k < 2 {
        return None;
    }
    let link = &items[k - 1];
    if !(matches!(link.kind, Kind::Punct(',')) || in_class(link, class::BE_FORMS)) {
        return None;
    }
    whole(text, items, k - 2).or_else(|| named_before(text, items, k - 2))
}

/// The name that a capitalised word at `k` ends, when the dictionary's name stopped short of
/// it: "Mafina BV of Voorburg", "Marathon Petroleum Company", "Continental Airlines Inc" (an
/// entity, then a company noun or legal form; an entity, "of" and one or two capitalised
/// words).
fn named_before(text: &str, items: &[Item], k: usize) -> Option<Arg> {
    let capital = |it: &Item| matches!(it.kind, Kind::Word) && capitalised(text, it);
    if !capital(&items[k]) {
        return None;
    }
    if in_class(&items[k], class::COMPANY_NOUNS | class::COMPANY_FORMS) {
        return entity(items, k.checked_sub(1)?);
    }
    let mut j = k.checked_sub(1)?;
    if capital(&items[j]) {
        j = j.checked_sub(1)?;
    }
    if !is_word(text, &items[j], "of") {
        return None;
    }
    whole(text, items, j.checked_sub(1)?)
}

/// "X, the U.S. unit of", "X, a main bank subsidiary of": a determiner up to three words
/// or names before the noun at `c`, and the apposition before it. Not "a former unit of".
fn described_before(text: &str, items: &[Item], c: usize) -> Option<Arg> {
    for j in (c.saturating_sub(4)..c).rev() {
        let it = &items[j];
        if in_class(it, class::DETERMINERS) {
            return apposed_before(text, items, j + 1);
        }
        let free = match it.kind {
            Kind::Word => !in_class(it, class::BARRIER_WORDS) && !word_in(text, it, FORMER),
            Kind::Punct(p) => p == '-',
            Kind::Entity { .. } => true,
        };
        if !free {
            return None;
        }
    }
    None
}

/// Words that put the ownership in the past.
const FORMER: &[&str] = &["former", "formerly", "ex", "onetime", "previous"];

/// A noun of a held company at `c`: "Maremont subsidiary Gabriel" and "Indal's wholly owned
/// subsidiary Indal Technologies" (owner before, owned after), "Maremont's Gabriel unit"
/// (owner, possessive, owned), "Gabriel, a unit of Maremont" (owned, then owner after "of").
fn held_unit(text: &str, items: &[Item], c: usize) -> Option<(Arg, Arg)> {
    let start = skip_modifiers_left(items, c);
    if items.get(c + 1).is_some_and(|it| is_word(text, it, "of")) {
        let mut k = c + 2;
        if items.get(k).is_some_and(|it| is_word(text, it, "the")) {
            k += 1;
        }
        // "a wholly-owned subsidiary of Canada's Mitel Corp": the country locates the owner.
        if items
            .get(k)
            .is_some_and(|it| matches!(it.kind, Kind::Entity { .. }))
            && is_possessive(text, items, k + 1)
            && items
                .get(k + 3)
                .is_some_and(|it| matches!(it.kind, Kind::Entity { .. }))
        {
            k += 3;
        }
        let owner = entity(items, k)?;
        let owned =
            apposed_before(text, items, start).or_else(|| described_before(text, items, c))?;
        return Some((owner, owned));
    }
    // "Maremont subsidiary Gabriel", and with an apposition "AMAX Inc unit, AMAX Magnesium
    // Corp", "Gelco Corp's Canadian unit, Gelco Express Ltd".
    let after = if items
        .get(c + 1)
        .is_some_and(|it| matches!(it.kind, Kind::Punct(',')))
    {
        c + 2
    } else {
        c + 1
    };
    if let Some(owned) = entity(items, after) {
        let j = skip_locations_left(items, start);
        if let Some(owner) = owner_before(text, items, j) {
            return Some((owner, owned));
        }
        // "Harley-Davidson Inc said its wholly owned subsidiary, Holiday Rambler Corp",
        // "Fidata Corp and its subsidiary, Fidata Trust".
        let its = j.checked_sub(1)?;
        if !is_word(text, &items[its], "its") {
            return None;
        }
        return Some((its_owner(text, items, its)?, owned));
    }
    // "Maremont's Gabriel unit": the owned right before the noun, its owner's possessive
    // before that.
    if start == c && c >= 4 && is_possessive(text, items, c - 3) {
        let owned = entity(items, c - 1)?;
        return Some((whole(text, items, c - 4)?, owned));
    }
    // "Penril Corp said its Triplett Electrical Instrument Corp subsidiary": "its" is the
    // speaker's.
    if c >= 2 {
        let owned = entity(items, c - 1)?;
        let mut j = skip_modifiers_left(items, c - 1);
        j = j.checked_sub(1)?;
        if !is_word(text, &items[j], "its") {
            return None;
        }
        return Some((its_owner(text, items, j)?, owned));
    }
    None
}

/// Left of `k` (exclusive), past the demonyms and words of [`OWNERSHIP_MODIFIERS`] that
/// describe a held company: "its British subsidiary", "Gelco Corp's Canadian unit".
fn skip_locations_left(items: &[Item], k: usize) -> usize {
    let mut j = k;
    while j > 0
        && k - j < 4
        && matches!(
            items[j - 1].kind,
            Kind::Entity {
                form: Form::Demonym,
                ..
            }
        )
    {
        j = skip_modifiers_left(items, j - 1);
    }
    j
}

/// Whose is the possessive "its" at `j`: the speaker's ([`speaker_of`]), or the name right
/// before "and" ("Swire Pacific Ltd and its 50.25 pct unit").
fn its_owner(text: &str, items: &[Item], j: usize) -> Option<Arg> {
    if j >= 2
        && is_word(text, &items[j - 1], "and")
        && let Some(owner) = whole(text, items, j - 2)
    {
        return Some(owner);
    }
    speaker_of(text, items, j)
}

/// The company that says the sentence in which a possessive "its" stands at `j`: "Penril
/// Corp said (that) its", "Penril Corp said it is seeking to sell its". Only when no other
/// name stands between the verb of saying and the possessive. A coreference on the
/// possessive's span.
pub(super) fn speaker_of(text: &str, items: &[Item], j: usize) -> Option<Arg> {
    let mut k = j;
    let mut words = 0;
    loop {
        k = k.checked_sub(1)?;
        let it = &items[k];
        if in_class(it, class::SAYING) {
            break;
        }
        if !matches!(it.kind, Kind::Word) || words == 8 {
            return None;
        }
        words += 1;
    }
    let speaker = side_left(text, items, k).0?;
    if speaker.distance > 3 || speaker.args.len() > 1 {
        return None;
    }
    let a = speaker.args[0];
    Some(Arg {
        coreference: true,
        start: items[j].start,
        end: items[j].end,
        ..a
    })
}

/// "parent" at `c`: "Gabriel's parent, Maremont" and "Gabriel's parent company Maremont"
/// (owned first), "Maremont, the parent of Gabriel" and "Maremont, parent company of Gabriel"
/// (owner first).
fn parent(text: &str, items: &[Item], c: usize) -> Option<(Arg, Arg)> {
    let mut k = c + 1;
    if items
        .get(k)
        .is_some_and(|it| in_class(it, class::COMPANY_NOUNS))
    {
        k += 1;
    }
    if items.get(k).is_some_and(|it| is_word(text, it, "of")) {
        let owned = entity(items, k + 1)?;
        return Some((apposed_before(text, items, c)?, owned));
    }
    if items
        .get(k)
        .is_some_and(|it| matches!(it.kind, Kind::Punct(',')))
    {
        k += 1;
    }
    let owner = entity(items, k)?;
    if c >= 3 && is_possessive(text, items, c - 2) {
        return Some((owner, whole(text, items, c - 3)?));
    }
    None
}

/// A participle of holding at `c`: "Kuwait-owned Santa Fe", "India's state owned NTPC" (owner
/// before, owned after; "owned" and "controlled" only, and not before a noun of a held company,
/// which [`held_unit`] reads), "Santa Fe, owned by Kuwait", "San Miguel Brewery, 69.65 pct held
/// by San Miguel" (owned, then owner after "by"; "held" only with a percentage). The owner, the
/// owned and the percentage when one is given.
fn participle(text: &str, items: &[Item], c: usize) -> Option<(Arg, Arg, Option<u32>)> {
    let held = is_word(text, &items[c], "held");
    if items.get(c + 1).is_some_and(|it| is_word(text, it, "by")) {
        let mut k = c + 2;
        if items.get(k).is_some_and(|it| is_word(text, it, "the")) {
            k += 1;
        }
        let owner = entity(items, k)?;
        let mut j = skip_modifiers_left(items, c);
        let pct = percentage(text, items, j);
        if let Some((_, first)) = pct {
            j = first;
        } else if held {
            return None;
        }
        // "X, which is 51 pct owned by", "X, 51 pct owned by", "X is owned by", "X, owned by".
        if j > 0 && in_class(&items[j - 1], class::BE_FORMS) {
            j -= 1;
            if j > 0 && is_word(text, &items[j - 1], "which") {
                j -= 1;
            }
        }
        if j > 0 && matches!(items[j - 1].kind, Kind::Punct(',')) {
            j -= 1;
        }
        // "Lavalin Bell Geomat, a company owned by": the apposition's name.
        let owned = match j.checked_sub(1).and_then(|k| whole(text, items, k)) {
            Some(o) => o,
            None if pct.is_none() => described_before(text, items, c)?,
            None => return None,
        };
        return Some((owner, owned, pct.map(|(p, _)| p)));
    }
    if held
        || !in_class(&items[c], class::OWNERSHIP_MODIFIERS)
        || items
            .get(c + 1)
            .is_some_and(|it| in_class(it, class::HELD_UNITS))
    {
        return None;
    }
    let owned = entity(items, c + 1)?;
    let start = skip_modifiers_left(items, c);
    // "Kuwait-owned" or "India's state owned": the owner right before, hyphen or possessive.
    let owner = owner_before(text, items, start)?;
    Some((owner, owned, None))
}

/// A verb of holding at `c` with a share of a company: "owns 54.7 pct of Vernitron", "holds
/// about 41 pct of Norcen's shares", "controls 51 pct of the Exchange Bank". The company and
/// the whole percent.
fn holding(text: &str, items: &[Item], c: usize) -> Option<(Arg, u32)> {
    if !in_class(&items[c], class::HOLDING_VERBS) {
        return None;
    }
    // "The MAGIC Group owns Pilgrim Life Insurance Co.": the whole company, when nothing
    // follows its name in the phrase ("owns ZTE shares" is not the company).
    if word_in(text, &items[c], &["own", "owns"])
        && let Some(o) = entity(items, c + 1)
    {
        let ends = items
            .get(c + 2)
            .is_none_or(|it| matches!(it.kind, Kind::Punct(_)) || is_word(text, it, "and"));
        return ends.then_some((o, 100));
    }
    let mut k = c + 1;
    while items
        .get(k)
        .is_some_and(|it| word_in(text, it, APPROXIMATELY))
        && k < c + 4
    {
        k += 1;
    }
    // The percent: "54", or "54", ".", "7"; then "pct" and perhaps "stake" or "interest".
    let number = items.get(k)?;
    if !matches!(number.kind, Kind::Word) {
        return None;
    }
    let pct: u32 = text[number.start..number.end].parse().ok()?;
    k += 1;
    if items
        .get(k)
        .is_some_and(|it| matches!(it.kind, Kind::Punct('.')))
    {
        k += 2;
    }
    if !items
        .get(k)
        .is_some_and(|it| word_in(text, it, &["pct", "percent"]))
    {
        return None;
    }
    k += 1;
    if items
        .get(k)
        .is_some_and(|it| word_in(text, it, &["stake", "interest"]))
    {
        k += 1;
    }
    if !items.get(k).is_some_and(|it| is_word(text, it, "of")) {
        return None;
    }
    k += 1;
    if items.get(k).is_some_and(|it| is_word(text, it, "the")) {
        k += 1;
    }
    Some((entity(items, k)?, pct))
}

/// A number of shares after a verb of buying at `c`, and the company they are of: "acquired
/// 325,000 shares of Sheldahl Inc", "bought 1.3 mln CooperVision Inc common shares", "purchased
/// an additional 50,000 common shares in ZTE". Not "bought Sheldahl Inc" (the company itself, an
/// acquisition) nor "bought 5,000 tonnes of" (goods).
pub(crate) fn shares_bought(text: &str, items: &[Item], c: usize) -> Option<Arg> {
    let mut k = c + 1;
    while items
        .get(k)
        .is_some_and(|it| word_in(text, it, APPROXIMATELY) || word_in(text, it, ADDITIONAL))
        && k < c + 4
    {
        k += 1;
    }
    // The number: "325", ",", "000" or "1", ".", "3", then perhaps "mln"; or a word ("five
    // mln").
    let digits = |it: &Item| {
        matches!(it.kind, Kind::Word) && text[it.start..it.end].bytes().all(|b| b.is_ascii_digit())
    };
    if !items
        .get(k)
        .is_some_and(|it| digits(it) || in_class(it, class::QUANTIFIERS))
    {
        return None;
    }
    k += 1;
    while items
        .get(k)
        .is_some_and(|it| matches!(it.kind, Kind::Punct(',' | '.')))
        && items.get(k + 1).is_some_and(digits)
    {
        k += 2;
    }
    if items
        .get(k)
        .is_some_and(|it| word_in(text, it, &["mln", "million", "billion", "thousand"]))
    {
        k += 1;
    }
    let share_words = |k: &mut usize| {
        let start = *k;
        while items
            .get(*k)
            .is_some_and(|it| in_class(it, class::SHARE_NOUNS))
            && *k < start + 3
        {
            *k += 1;
        }
        *k > start && word_in(text, &items[*k - 1], &["shares", "stock"])
    };
    // "1.3 mln CooperVision Inc common shares".
    if let Some(o) = entity(items, k) {
        let mut j = k + 1;
        return share_words(&mut j).then_some(o);
    }
    // "325,000 shares of Sheldahl Inc", "50,000 common shares in the company's", "five mln
    // shares or 16 pct of Nippon Lace".
    if !share_words(&mut k) {
        return None;
    }
    if items.get(k).is_some_and(|it| is_word(text, it, "or"))
        && let Some(p) =
            (k + 1..items.len().min(k + 6)).find(|&p| word_in(text, &items[p], &["pct", "percent"]))
    {
        // A majority bought is the company ("58.3 mln shares or 96 pct of Owens-Illinois").
        if percentage(text, items, p + 1).is_some_and(|(pct, _)| pct >= 50) {
            return None;
        }
        k = p + 1;
    }
    if !items
        .get(k)
        .is_some_and(|it| word_in(text, it, &["of", "in"]))
    {
        return None;
    }
    k += 1;
    if items.get(k).is_some_and(|it| is_word(text, it, "the")) {
        k += 1;
    }
    entity(items, k)
}

/// Words before a number of shares bought: "an additional 50,000 shares".
const ADDITIONAL: &[&str] = &["an", "additional", "another", "a", "further", "total", "of"];

/// Verbs of buying shares ([`shares_bought`]); they are triggers of `acquire` too, which does
/// not take a block of shares for the company.
pub(crate) const SHARE_BUYING: &[&str] = &[
    "acquire",
    "acquires",
    "acquired",
    "buy",
    "buys",
    "bought",
    "purchase",
    "purchases",
    "purchased",
];

/// The words of a block of shares: "common shares", "preferred stock".
pub(crate) const SHARE_NOUNS: &[&str] = &[
    "shares",
    "stock",
    "common",
    "preferred",
    "ordinary",
    "voting",
];

/// Words of an approximate share: "about 41 pct".
const APPROXIMATELY: &[&str] = &[
    "about",
    "approximately",
    "nearly",
    "almost",
    "some",
    "roughly",
    "just",
    "over",
    "under",
    "around",
    "slightly",
];

/// "69.65 pct" or "51 pct" ending right before `j`: the whole percent, and the index of its
/// first item.
fn percentage(text: &str, items: &[Item], j: usize) -> Option<(u32, usize)> {
    if j < 2 || !word_in(text, &items[j - 1], &["pct", "percent"]) {
        return None;
    }
    let mut k = j - 2;
    if k >= 2 && matches!(items[k - 1].kind, Kind::Punct('.')) {
        k -= 2;
    }
    let it = &items[k];
    if !matches!(it.kind, Kind::Word) {
        return None;
    }
    Some((text[it.start..it.end].parse().ok()?, k))
}

/// Nouns of a company held by another.
pub(crate) const HELD_UNITS: &[&str] = &[
    "subsidiary",
    "subsidiaries",
    "unit",
    "units",
    "division",
    "divisions",
];

/// The words a `owner` relation is anchored on besides [`HELD_UNITS`] and [`HOLDING_VERBS`],
/// which the `OWNER_CUES` class takes in as well (`lexicon`).
pub(crate) const OWNER_CUES: &[&str] = &["parent"];

/// Verbs of holding a share of a company, active: "owns 54.7 pct of".
pub(crate) const HOLDING_VERBS: &[&str] = &[
    "own",
    "owns",
    "owned",
    "hold",
    "holds",
    "held",
    "control",
    "controls",
    "controlled",
];

/// Words between an owner and what it holds: "wholly owned", "majority-owned", "state owned".
pub(crate) const OWNERSHIP_MODIFIERS: &[&str] = &[
    "wholly",
    "majority",
    "fully",
    "partly",
    "partially",
    "state",
    "government",
    "owned",
    "controlled",
    "jointly",
    "newly",
    "formed",
    "directly",
    "indirectly",
];
