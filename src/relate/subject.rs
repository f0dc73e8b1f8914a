//! Finding a trigger's subject: the nearest group of coordinated entities to its left, within
//! a window and inside its clause; the speaker as the subject of "it" after "said"; the
//! antecedent of a relative pronoun ("ZTE, which the US banned"); and no subject where a name
//! the dictionaries do not know stands before the verb.

use super::barriers::is_barrier;
use super::classes::class;
use super::items::{
    Item, Kind, Side, all_caps, arg, in_class, is_bystander, is_conjunction, is_word, word_in,
};
use super::modality::modality;
use super::negation::negated;
use super::relation::{Arg, Modality};

const WINDOW_LEFT: usize = 12;

/// The nearest entity group left of the trigger at `first`, and, when the search stopped at a
/// relative pronoun after ", Entity" ("ZTE, which the US banned"), that antecedent.
pub(crate) fn side_left(text: &str, items: &[Item], first: usize) -> (Option<Side>, Option<Side>) {
    if unknown_subject(text, items, first) {
        return (None, None);
    }
    let mut words = 0;
    let mut k = first;
    let mut found: Option<Side> = None;
    while k > 0 && words <= WINDOW_LEFT {
        k -= 1;
        let it = &items[k];
        if found.is_none()
            && let Some(side) = reported_pronoun(text, items, k, words)
        {
            return (Some(side), None);
        }
        if found.is_none()
            && word_in(text, it, &["it", "they", "he", "she", "we"])
            && text[it.start..it.end]
                .chars()
                .skip(1)
                .all(char::is_lowercase)
        {
            // "told the SEC it raised its stake": the pronoun is the subject, and it does
            // not refer to the name before it.
            return (None, None);
        }
        if found.is_none()
            && let Some(o) = apposition_start(items, k)
        {
            // "ZTE, a unit of Huawei, sued": the apposition describes the subject before it;
            // the names inside it ("Huawei", "a Japanese company") are not the subject.
            k = o;
            continue;
        }
        if found.is_none() && is_bystander(it) {
            // The nearest noun phrase is about something else ("Iraqi lines", "U.S.
            // soybeans"): no subject here.
            return (None, None);
        }
        if found.is_none()
            && let Some(a) = arg(it)
        {
            // "Sanwa Bank Ltd of Japan acquired": the place after a name locates it.
            let a = match located_name(text, items, k) {
                Some(n) => {
                    k = n;
                    arg(&items[n]).unwrap_or(a)
                }
                None => a,
            };
            let mut side = Side::new(a, words);
            // Extend to coordinated members further left.
            let mut j = k;
            loop {
                let mut m = j;
                let mut saw_conjunction = false;
                // "Israel and the Palestinians": a determiner after the conjunction.
                if m > 1
                    && is_word(text, &items[m - 1], "the")
                    && is_conjunction(text, &items[m - 2])
                {
                    m -= 1;
                }
                while m > 0 && is_conjunction(text, &items[m - 1]) {
                    m -= 1;
                    saw_conjunction = true;
                }
                match (
                    saw_conjunction,
                    m.checked_sub(1).and_then(|p| arg(&items[p])),
                ) {
                    (true, Some(a)) => {
                        side.add(a, true);
                        j = m - 1;
                    }
                    _ => break,
                }
            }
            // "arrested in Lebanon for collaborating with Israel": a place or the object of a
            // preposition is not the subject.
            let mut p = j;
            if p > 0 && is_word(text, &items[p - 1], "the") {
                p -= 1;
            }
            if p > 0 && in_class(&items[p - 1], class::PLACE_PREPOSITIONS) {
                return (None, None);
            }
            found = Some(side);
            k = j;
            continue;
        }
        if is_barrier(it) {
            return (found, relative_antecedent(text, items, k, words));
        }
        if found.is_some() {
            // Only a relative pronoun a word or two further left matters now.
            let stop = k.saturating_sub(2);
            let antecedent = (stop..=k)
                .rev()
                .find_map(|j| relative_antecedent(text, items, j, words));
            return (found, antecedent);
        }
        if matches!(it.kind, Kind::Word) {
            words += 1;
        }
    }
    (found, None)
}

/// When the entity at `items[k]` is a place that locates the name before it ("Sanwa Bank Ltd
/// of Japan", "Siebe Plc of the U.K.", "Rinn Corp, of Elgin"): the index of that name.
fn located_name(text: &str, items: &[Item], k: usize) -> Option<usize> {
    let mut j = k.checked_sub(1)?;
    if is_word(text, &items[j], "the") {
        j = j.checked_sub(1)?;
    }
    if !is_word(text, &items[j], "of") {
        return None;
    }
    j = j.checked_sub(1)?;
    if matches!(items[j].kind, Kind::Punct(',')) {
        j = j.checked_sub(1)?;
    }
    arg(&items[j]).map(|_| j)
}

/// When `items[k]` is the comma that closes an apposition after a name ("ZTE, a unit of
/// Huawei,", "Sumitomo Bakelite Co Ltd, a Japanese company,"): the index of the comma that opens
/// it. An apposition starts with a determiner and holds at most seven items, words, names and
/// hyphens only.
fn apposition_start(items: &[Item], k: usize) -> Option<usize> {
    if !matches!(items[k].kind, Kind::Punct(',')) {
        return None;
    }
    let mut o = k;
    while o > 0 && k - o <= 8 {
        o -= 1;
        match items[o].kind {
            Kind::Punct(',') => {
                let opens = k - o >= 3
                    && in_class(&items[o + 1], class::DETERMINERS)
                    && o > 0
                    && arg(&items[o - 1]).is_some();
                return opens.then_some(o);
            }
            Kind::Punct('-') | Kind::Word | Kind::Entity { .. } => {}
            Kind::Punct(_) => return None,
        }
    }
    None
}

/// Prepositions whose object is not the subject of a verb after it.
pub(crate) const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "from",
    "into",
    "near",
    "inside",
    "across",
    "throughout",
    "within",
    "on",
    "against",
    "over",
    "for",
    "with",
    "to",
    "toward",
    "towards",
    "between",
    "among",
    "under",
];

pub(crate) const ADVERBS: &[&str] = &[
    "also",
    "reportedly",
    "allegedly",
    "recently",
    "already",
    "not",
    "never",
    "just",
    "formally",
    "officially",
    "effectively",
    "repeatedly",
    "again",
    "now",
    "later",
    "first",
];

/// "officials told Reuters that Baldrige opposed the sale", "the director of the agency James
/// Miller warned": a capitalised word that is no entity right before the verb (past
/// auxiliaries and adverbs) is a name the dictionaries do not know, a person or a company, and
/// the clause's subject; an entity further left is not. Not at the start of a sentence, in a
/// headline, or for a word of time ("Monday"), a state body ("Ministry") or a title.
fn unknown_subject(text: &str, items: &[Item], first: usize) -> bool {
    let starts_upper = |it: &Item| {
        text[it.start..it.end]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    };
    if items.get(first).is_some_and(starts_upper) {
        // A headline in capitals or in title case.
        return false;
    }
    let mut k = first;
    while k > 0 {
        k -= 1;
        let it = &items[k];
        if !matches!(it.kind, Kind::Word) {
            return false;
        }
        let w = &text[it.start..it.end];
        // Wire copy capitalises some auxiliaries ("The U.S. Has offered").
        if in_class(
            it,
            class::BE_FORMS | class::ADVERBS | class::NEGATIONS | class::AUXILIARIES,
        ) || (!starts_upper(it) && w.len() > 4 && w.ends_with("ly"))
        {
            continue;
        }
        if k == 0 || !starts_upper(it) || all_caps(text, it) {
            return false;
        }
        // "Cooper Industries Inc asked", "the U.S. Federal Reserve Board have agreed": the
        // legal form of a company or the head of a body named before it.
        if in_class(it, class::COMPANY_FORMS | class::BODY_HEADS)
            && matches!(items[k - 1].kind, Kind::Entity { .. })
        {
            return false;
        }
        return !in_class(
            it,
            class::TIME_WORDS
                | class::MONTHS
                | class::OFFICE_TITLES
                | class::AGENCY_NOUNS
                | class::STATE_NOUNS
                | class::COMPANY_NOUNS
                | class::GOVERNMENT_WORDS
                | class::MILITARY_WORDS,
        );
    }
    false
}

/// Verbs that come between a subject and its verb.
pub(crate) const AUXILIARIES: &[&str] = &[
    "has", "have", "had", "will", "would", "could", "can", "may", "might", "did", "does", "do",
    "must", "shall",
];

/// Legal forms written after a company's name.
pub(crate) const COMPANY_FORMS: &[&str] = &[
    "inc",
    "corp",
    "co",
    "ltd",
    "plc",
    "ag",
    "sa",
    "nv",
    "bv",
    "llc",
    "lp",
    "gmbh",
    "spa",
    "group",
    "holdings",
    "corporation",
    "company",
    "limited",
    "incorporated",
    "bhd",
    "pty",
    "kk",
    "se",
];

/// Heads of the names of public bodies, which a dictionary may name without them.
pub(crate) const BODY_HEADS: &[&str] = &[
    "board",
    "council",
    "committee",
    "office",
    "department",
    "service",
    "authority",
    "bureau",
    "institute",
    "bank",
    "fund",
    "union",
    "organisation",
    "organization",
    "association",
    "federation",
    "commission",
    "court",
    "congress",
    "senate",
    "house",
    "agency",
    "ministry",
];

/// "Japan said (on Tuesday) (that) it …": when `items[k]` is "it" or "they" a few words after a
/// verb of saying, the speaker, as a coreference on the pronoun's span (rule of the trigger it
/// serves; the relation says it went through coreference).
fn reported_pronoun(text: &str, items: &[Item], k: usize, words: usize) -> Option<Side> {
    if !word_in(text, &items[k], &["it", "they"]) {
        return None;
    }
    let mut j = k;
    let mut between = 0;
    // One addressee or body of filing may stand between the verb and the pronoun: "told the
    // SEC it had acquired", "said in a filing with the SEC that it"; the words then may be more.
    let mut addressee = false;
    loop {
        j = j.checked_sub(1)?;
        let it = &items[j];
        if in_class(it, class::SAYING) || (addressee && word_in(text, it, TELLING)) {
            break;
        }
        if !addressee && matches!(it.kind, Kind::Entity { .. }) {
            addressee = true;
            continue;
        }
        if !matches!(it.kind, Kind::Word) || between == if addressee { 6 } else { 3 } {
            return None;
        }
        between += 1;
    }
    let speaker = side_left(text, items, j).0?;
    if speaker.distance > 3 || (speaker.args.len() > 1 && is_word(text, &items[k], "it")) {
        return None;
    }
    let mut side = Side::new(
        Arg {
            coreference: true,
            start: items[k].start,
            end: items[k].end,
            ..speaker.args[0]
        },
        words,
    );
    for a in &speaker.args[1..] {
        side.args.push(Arg {
            coreference: true,
            start: items[k].start,
            end: items[k].end,
            ..*a
        });
    }
    Some(side)
}

/// Verbs of telling someone, after whom "it" or "they" is the teller: "Sumitomo Bakelite told
/// the SEC it had acquired 325,000 shares".
const TELLING: &[&str] = &[
    "told", "tells", "informed", "informs", "notified", "notifies",
];

/// Verbs of saying after which "it" or "they" is the speaker: "Japan said it had halted aid".
pub(crate) const SAYING: &[&str] = &[
    "said",
    "says",
    "announced",
    "announces",
    "stated",
    "declared",
    "confirmed",
    "added",
];

/// "X, which …": when `items[k]` is a relative pronoun after ", Entity", that entity.
fn relative_antecedent(text: &str, items: &[Item], k: usize, words: usize) -> Option<Side> {
    let relative = word_in(text, &items[k], &["which", "that", "who", "whom"])
        && k >= 2
        && matches!(items[k - 1].kind, Kind::Punct(','));
    let a = arg(items.get(k.wrapping_sub(2))?)?;
    relative.then(|| Side::new(a, words + 2))
}

/// The subject group of the verb at `items[v]` when it is near (at most four words before), with
/// the verb's negation and modality: the verb rules `give` and `repelled` need no more.
pub(crate) fn near_subject(text: &str, items: &[Item], v: usize) -> Option<(Side, bool, Modality)> {
    let side = side_left(text, items, v).0.filter(|s| s.distance <= 4)?;
    let negated = negated(text, items, v, side.args.last().map_or(0, |a| a.end));
    let modality = modality(items, v, side.args[0].start);
    Some((side, negated, modality))
}
