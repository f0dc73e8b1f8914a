//! Rules `svo` and `relative-object`: a verb trigger read actively, its subject the nearest
//! entity group on the left and its object the nearest on the right ([`side_left`],
//! [`side_right`]). "China is using IT hardware to spy on the U.S." gives China spy_on United
//! States; "ZTE, which the US banned, …" gives United States ban ZTE. Counter-examples:
//! "Samsung and Apple reported results" has no trigger, so nothing; "ZTE, which makes
//! phones" has no trigger either.

use crate::relate::classes::class;
use crate::relate::items::{FUNCTION_WORDS, Item, Kind, Side, in_class, is_word, word_in};
use crate::relate::object::{Reach, WINDOW_RIGHT, side_right};
use crate::relate::ontology::{Predicate, Trigger, WordForm};
use crate::relate::subject::side_left;
use crate::relate::triggers::used_as_noun;

/// What the active reading of a verb trigger finds.
pub(super) enum Active {
    /// A subject and an object, and the rule that found them: `svo` or `relative-object`.
    Pair(Side, Side, &'static str),
    /// A coordinated subject of a symmetric predicate ("Japan and South Korea agreed to
    /// cooperate on North Korea"), whose members relate to each other (rule `reciprocal`).
    Group(Side),
}

/// The subject and object of a verb trigger at `items[first..=last]`, read actively, for the
/// trigger's `predicate`. `goods`: the class of nouns whose owner is the object of a trade
/// measure.
pub(super) fn sides(
    text: &str,
    items: &[Item],
    first: usize,
    last: usize,
    trigger: &Trigger,
    predicate: &Predicate,
    goods: u64,
) -> Option<Active> {
    if matches!(trigger.form, WordForm::Base | WordForm::ThirdPerson)
        && used_as_noun(text, items, first)
    {
        return None;
    }
    // "meet U.S. demands": a word of the predicate's `unless` column gives the verb
    // another sense.
    let unless = &predicate.unless;
    if trigger.rest.is_empty()
        && !unless.is_empty()
        && items[last + 1..].iter().take(4).any(|it| {
            matches!(it.kind, Kind::Word)
                && unless
                    .iter()
                    .any(|u| text[it.start..it.end].eq_ignore_ascii_case(u))
        })
    {
        return None;
    }
    let (left, relative) = side_left(text, items, first);
    if infinitive_after_object(text, items, first, left.as_ref()) {
        return None;
    }
    let reach = Reach {
        owned: goods,
        phrase: false,
        chain: predicate.clause,
        owner: predicate
            .plover
            .as_deref()
            .is_some_and(|p| OWNED_OBJECT.contains(&p)),
        threatened_act: predicate.plover.as_deref() == Some("THREATEN"),
        direct: !predicate.clause
            && !trigger
                .rest
                .last()
                .is_some_and(|w| FUNCTION_WORDS.contains(&w.as_str())),
    };
    // A clause may hold its object further on ("agreed in principle on Saturday to
    // provide about 70 million dollars of aid for Romania").
    let window = if reach.chain {
        WINDOW_RIGHT + 4
    } else {
        WINDOW_RIGHT
    };
    let mut right = side_right(text, items, last + 1, window, reach);
    // A gerund right after a name is often a noun ("the Group of Seven meeting in
    // Washington"): then the object must follow at once ("China and Russia spying on
    // the President").
    let gerund_as_noun = trigger.form == WordForm::Gerund
        && first > 0
        && matches!(items[first - 1].kind, Kind::Entity { .. });
    if gerund_as_noun && let Some(r) = &right {
        let start = r.args[0].start;
        let direct = items[last + 1..]
            .iter()
            .take_while(|it| it.start < start)
            .all(|it| word_in(text, it, &["the", "a", "an", "its", "their"]));
        if !direct {
            right = None;
        }
    }
    // "agreed to acquire Monfort", "offered to sell its unit to Trammell Crow": a deal
    // agreed or offered is told by its own trigger (acquire, sell_to …); the two companies
    // are parties to a dealing, not in agreement with each other.
    if predicate.plover.as_deref() == Some("AGREE")
        && right
            .as_ref()
            .and_then(|r| r.chain_to)
            .is_some_and(|to| dealing_follows(text, items, to))
    {
        return None;
    }
    match (left, right, relative) {
        // "Japan and South Korea agreed to cooperate on North Korea": a coordinated
        // subject of a symmetric predicate relates its members, not the clause's
        // topic.
        (Some(l), Some(r), _)
            if predicate.symmetric && l.args.len() >= 2 && r.chain_to.is_some() =>
        {
            Some(Active::Group(l))
        }
        (Some(l), Some(r), _) => Some(Active::Pair(l, r, "svo")),
        (Some(l), None, Some(antecedent)) => Some(Active::Pair(l, antecedent, "relative-object")),
        (Some(l), None, None)
            if predicate.symmetric
                && l.args.len() >= 2
                && !other_party(text, items, last, trigger) =>
        {
            Some(Active::Group(l))
        }
        _ => None,
    }
}

/// "Venezuela, Chile and the Philippines have reached agreement with commercial banks": a
/// trigger that ends in its object's preposition, followed by a party that is not an entity,
/// names the other side of the act; the group's members are not each other's ("agreed with
/// each other" they are).
fn other_party(text: &str, items: &[Item], last: usize, trigger: &Trigger) -> bool {
    let preposition = trigger
        .rest
        .last()
        .is_some_and(|w| FUNCTION_WORDS.contains(&w.as_str()));
    preposition
        && items
            .get(last + 1)
            .is_some_and(|it| matches!(it.kind, Kind::Word) && !word_in(text, it, &["each", "one"]))
}

/// "would blockade Paris from Monday night to demand an end …", "told Reuters the counsels
/// probing the episode": the entity before an infinitive or a gerund trigger is the object of
/// the verb before it, not the subject of the trigger.
fn infinitive_after_object(text: &str, items: &[Item], first: usize, left: Option<&Side>) -> bool {
    let Some(left) = left else { return false };
    let infinitive = first
        .checked_sub(1)
        .is_some_and(|p| is_word(text, &items[p], "to"));
    let gerund = {
        let w = &text[items[first].start..items[first].end];
        w.len() > 5 && w.ends_with("ing")
    };
    if !infinitive && !gerund {
        return false;
    }
    let start = left.args[0].start;
    let Some(k) = items.iter().position(|it| it.start == start) else {
        return false;
    };
    let Some(before) = k.checked_sub(1).map(|p| &items[p]) else {
        return false;
    };
    let w = &text[before.start..before.end];
    matches!(before.kind, Kind::Word)
        && (w.len() > 2 && w[w.len() - 2..].eq_ignore_ascii_case("ed")
            || word_in(text, before, &["told", "tells", "tell"])
            || in_class(before, class::TRIGGER))
}

/// PLOVER categories whose target is the owner of what they act on, as event coders code it:
/// "rejected a U.S. request" (REJECT United States), "expelled two Russian diplomats"
/// (SANCTION Russia), "shelled Palestinian positions" (FIGHT), "lifted a blockade on
/// Palestinian lorries". Not meetings or cooperation: "met Japanese students" is no meeting
/// with Japan.
const OWNED_OBJECT: &[&str] = &[
    "MOBILIZE",
    "SANCTION",
    "THREATEN",
    "REJECT",
    "AGREE",
    "DISAPPROVE",
    "DEMAND",
    "FIGHT",
    "ASSAULT",
    "COERCE",
    "SUPPORT",
    "AID",
    "RETREAT",
    "CONCEDE",
    "INVESTIGATE",
];

/// Does a business dealing start after the "to" at `items[to]` ("agreed to acquire",
/// "offered to either buy", "agreed in principle to be acquired by")? The verb may follow an
/// adverb or two ("to either buy") or "be" ("to be acquired").
fn dealing_follows(text: &str, items: &[Item], to: usize) -> bool {
    items[to + 1..]
        .iter()
        .take(3)
        .take_while(|it| {
            matches!(it.kind, Kind::Word) && !is_word(text, it, "to") && !is_word(text, it, "with")
        })
        .any(|it| word_in(text, it, DEALINGS))
}

/// Verbs of business dealings, in the forms that follow "to" or "to be": what a company agrees
/// or offers to do that its own trigger reports ([`dealing_follows`]).
pub(crate) const DEALINGS: &[&str] = &[
    "acquire",
    "acquired",
    "buy",
    "bought",
    "purchase",
    "purchased",
    "sell",
    "sold",
    "merge",
    "merged",
    "divest",
    "tender",
    "invest",
    "swap",
    "exchange",
    "lease",
    "license",
    "licence",
    "supply",
    "distribute",
    "market",
    "manufacture",
];
