//! Rule `nominal`: a trigger used as a noun. "US sanctions against Russia", "Italy announced
//! a suspension of air links with Serbia"; the author may be a name modifying the noun phrase
//! ("Iraqi air attacks on Iran", "U.S. corn exports to Canada", see
//! [`noun_modifier_subject`]), and a hostile act's object the owner of a state's assets
//! ("attacks on Iranian oil facilities"); an author after "by" comes first ("the takeover of
//! Getty Oil Co by Texaco", "a visit to Moscow by U.S. Secretary of State George Shultz").
//! Counter-examples: "the lifting of sanctions on
//! Iran" undoes the measure ([`UNDOING`]); "the Chinese market for exports to Japan" (a
//! preposition comes between the name and the noun).

use crate::relate::classes::{class, lowercase_into};
use crate::relate::items::{
    Item, Kind, Side, arg, in_class, is_conjunction, is_word, owner_arg, word_in,
};
use crate::relate::object::{Reach, is_participle_word, side_right};
use crate::relate::ontology::{Ontology, WordForm};
use crate::relate::relation::Arg;
use crate::relate::subject::side_left;

/// The author and the object of a nominal trigger at `items[first..=last]` ("US sanctions
/// against Russia", "China's ban on Apple", "X imposed a ban on Y"). `owned`: the classes of
/// nouns whose owner is the object ([`super::super::object::Reach::owned`]).
pub(super) fn sides(
    ontology: &Ontology,
    text: &str,
    items: &[Item],
    first: usize,
    last: usize,
    owned: u64,
) -> Option<(Side, Side)> {
    if preceded_by_undoing(items, first) {
        return None;
    }
    let right = side_right(
        text,
        items,
        last + 1,
        4,
        Reach {
            owned,
            phrase: true,
            ..Reach::default()
        },
    )?;
    // "the 1984 takeover of Getty Oil Co by Texaco": the author after "by".
    if let Some(agent) = by_author(text, items, &right) {
        return Some((agent, right));
    }
    // "TransCanada said it raised its offer for Dome": the owner of "its" is the author.
    if let Some(author) = its_author(text, items, first) {
        return Some((author, right));
    }
    // "Iraqi air attacks on Iran": a name modifying the noun phrase is its author.
    let left = side_left(text, items, first)
        .0
        .or_else(|| noun_modifier_subject(text, items, first))?;
    let between = || {
        items[..first]
            .iter()
            .rev()
            .take_while(|it| it.start >= left.args.last().map_or(0, |a| a.end))
    };
    let light_verb = between().any(|it| in_class(it, class::LIGHT_VERBS));
    if left.distance > 3 && !light_verb {
        return None;
    }
    // "blamed Washington for obstructing talks with the IMF": the noun is the object
    // of another verb's gerund, whose subject is not the noun's author ("holding talks
    // with", "considering sanctions against" are).
    let gerund = between().any(|it| {
        is_participle_word(text, it)
            && !in_class(it, class::PLANNED)
            && !in_class(it, class::ATTEMPTED)
    });
    if gerund && !between().any(|it| is_light_verb(text, it)) {
        return None;
    }
    // "The Security Council condemned the attack on the UN mission": the noun is the
    // object of another trigger (a judgement), whose subject is not the measure's
    // author ("speeded up the withdrawal" is the author's own act).
    let mut lower = String::new();
    let other_verb = between().any(|it| {
        if !in_class(it, class::TRIGGER) || in_class(it, class::LIGHT_VERBS) {
            return false;
        }
        lowercase_into(&text[it.start..it.end], &mut lower);
        ontology
            .triggers_for(&lower)
            .iter()
            .any(|t| t.form != WordForm::Noun)
    });
    if other_verb && !light_verb {
        return None;
    }
    Some((left, right))
}

/// "the takeover of Getty Oil Co by Texaco", "the acquisition of Winterhalter by Interface
/// Systems": the entity right after a "by" (or "by the") that follows the object names the
/// act's author.
fn by_author(text: &str, items: &[Item], right: &Side) -> Option<Side> {
    let end = right.args.iter().map(|a| a.end).max()?;
    let mut k = items.iter().position(|it| it.start >= end)?;
    if !is_word(text, &items[k], "by") {
        return None;
    }
    k += 1;
    if items.get(k).is_some_and(|it| is_word(text, it, "the")) {
        k += 1;
    }
    let author = arg(items.get(k)?)?;
    Some(Side::new(author, 1))
}

/// "Dome said its offer for Encor", "TransCanada raised its
/// takeover offer for Dome": a possessive "its" right before the noun or one or two lowercase
/// modifiers of it is the author, the name it stands for: the speaker of the verb of saying
/// before it, or the subject of the verb before it.
fn its_author(text: &str, items: &[Item], first: usize) -> Option<Side> {
    let mut k = first;
    for _ in 0..3 {
        k = k.checked_sub(1)?;
        let it = &items[k];
        if is_word(text, it, "its") {
            // Not "Piedmont Aviation and its pending acquisition of PS Group", said by USAir:
            // the name before "and" is no owner here.
            let owner = super::owner::speaker_of(text, items, k).or_else(|| {
                // The verb right before "its" ("raised its offer"), not a list.
                let before = &items[k.checked_sub(1)?];
                if !matches!(before.kind, Kind::Word) || is_conjunction(text, before) {
                    return None;
                }
                let subject = side_left(text, items, k).0?;
                (subject.args.len() == 1 && subject.distance <= 3).then(|| subject.args[0])
            })?;
            let arg = Arg {
                coreference: true,
                start: it.start,
                end: it.end,
                ..owner
            };
            return Some(Side::new(arg, 1));
        }
        let lowercase = text[it.start..it.end]
            .chars()
            .next()
            .is_some_and(char::is_lowercase);
        if !matches!(it.kind, Kind::Word) || !lowercase || in_class(it, class::FUNCTION_WORDS) {
            return None;
        }
    }
    None
}

/// "Iraqi air attacks on Iran", "U.S. corn exports to Canada", "the Japanese ban on China":
/// the subject of a nominal trigger may be a name or demonym modifying its noun phrase, right
/// before the noun or before at most two modifiers of it. A modifier is a lowercase word (in a
/// headline in capitals, where a verb looks the same, there is none: "U.S., BRITAIN BAR
/// SANCTIONS AGAINST SOUTH AFRICA") that is not a function word, a participle ("U.S.-led",
/// "Soviet-made" have a hyphen, which also ends the phrase) or a noun of people, places or
/// firms ("Chinese students' protest", "the Chinese market for exports to Japan", "Afghan rebel
/// attacks"): the noun phrase must read as the name's own act. Coordinated names before it
/// ("U.S. and Canadian wheat exports") are subjects too.
pub(crate) fn noun_modifier_subject(text: &str, items: &[Item], first: usize) -> Option<Side> {
    let mut k = first;
    let mut words = 0;
    loop {
        k = k.checked_sub(1)?;
        let it = &items[k];
        match it.kind {
            Kind::Entity { person: false, .. } => break,
            Kind::Word if words < 2 => {
                let w = &text[it.start..it.end];
                if !w.chars().next().is_some_and(char::is_lowercase)
                    || !w.chars().all(char::is_alphabetic)
                    || w.len() < 2
                    || w.to_ascii_lowercase().ends_with("ed")
                    || in_class(it, class::FUNCTION_WORDS)
                    || in_class(it, class::CIVILIANS_AND_PLACES)
                    || in_class(it, class::IRREGULAR_VERBS)
                {
                    return None;
                }
                words += 1;
            }
            _ => return None,
        }
    }
    if k >= 2
        && matches!(items[k - 1].kind, Kind::Punct('-'))
        && word_in(text, &items[k - 2], &["anti", "pro", "non"])
    {
        // "anti-American attacks" are not America's.
        return None;
    }
    let mut side = Side::new(owner_arg(&items[k])?, words);
    let mut j = k;
    while j >= 2 && is_conjunction(text, &items[j - 1]) {
        match owner_arg(&items[j - 2]) {
            Some(a) if !matches!(items[j - 2].kind, Kind::Entity { person: true, .. }) => {
                side.add(a, true);
                j -= 2;
            }
            _ => break,
        }
    }
    Some(side)
}

/// Is a nominal trigger undone by a word just before it ("lifted the ban on")?
fn preceded_by_undoing(items: &[Item], first: usize) -> bool {
    items[first.saturating_sub(3)..first]
        .iter()
        .any(|it| in_class(it, class::UNDOING))
}

/// Words before a nominal trigger that undo it: "lifted a ban on" is not a ban.
pub(crate) const UNDOING: &[&str] = &[
    "lift",
    "lifted",
    "lifts",
    "lifting",
    "ease",
    "eased",
    "eases",
    "easing",
    "end",
    "ended",
    "ends",
    "scrap",
    "scrapped",
    "scraps",
    "drop",
    "dropped",
    "drops",
    "remove",
    "removed",
    "removes",
    "relax",
    "relaxed",
    "relaxes",
    "suspend",
    "suspended",
    "overturn",
    "overturned",
    "waive",
    "waived",
    "halt",
    "halted",
    "halts",
    "stop",
    "stopped",
    "stops",
    "freeze",
    "froze",
    "frozen",
];

/// A light verb ("imposed", "launched", "holds") or its gerund ("holding", "stepping",
/// "imposing"): the noun after it is the subject's own act.
fn is_light_verb(text: &str, it: &Item) -> bool {
    if in_class(it, class::LIGHT_VERBS) {
        return true;
    }
    let w = &text[it.start..it.end];
    let Some(stem) = w.strip_suffix("ing").filter(|s| s.len() > 1) else {
        return false;
    };
    let mut lower = String::new();
    lowercase_into(stem, &mut lower);
    // "hold" → "holding", "make" → "making", "step" → "stepping".
    let undoubled = lower
        .len()
        .checked_sub(2)
        .filter(|&n| lower.as_bytes()[n] == lower.as_bytes()[n + 1])
        .map(|n| &lower[..=n]);
    let with_e = format!("{lower}e");
    [Some(lower.as_str()), Some(with_e.as_str()), undoubled]
        .into_iter()
        .flatten()
        .any(|s| LIGHT_VERBS.contains(&s))
}

/// Verbs that put a nominal trigger to work: "X imposed a ban on Y".
pub(crate) const LIGHT_VERBS: &[&str] = &[
    // "the World Bank approved loans to Jamaica": the approver's own act.
    "approve",
    "approved",
    "approves",
    "approving",
    "impose",
    "imposed",
    "imposes",
    "imposing",
    "announce",
    "announced",
    "announces",
    "slap",
    "slapped",
    "slaps",
    "place",
    "placed",
    "places",
    "put",
    "puts",
    "extend",
    "extended",
    "extends",
    "introduce",
    "introduced",
    "issue",
    "issued",
    "issues",
    "file",
    "filed",
    "files",
    "launch",
    "launched",
    "launches",
    "open",
    "opened",
    "opens",
    "level",
    "levelled",
    "leveled",
    "bring",
    "brought",
    "lodge",
    "lodged",
    "tighten",
    "tightened",
    "expand",
    "expanded",
    "step",
    "stepped",
    "make",
    "made",
    "makes",
    "hold",
    "held",
    "holds",
    "began",
    "begin",
    "start",
    "started",
    // "enter into talks with Japan": the entrant's own talks.
    "enter",
    "entered",
    "enters",
    "mount",
    "mounted",
    "unveil",
    "unveiled",
    "renew",
    "renewed",
    "keep",
    "kept",
    "maintain",
    "maintained",
    "want",
    "wants",
    "seek",
    "seeks",
    "sought",
    // Going on with one's own act: "France was continuing negotiations with Iran", "is
    // conducting an inquiry into the company".
    "continue",
    "continued",
    "continues",
    "conduct",
    "conducted",
    "conducts",
    "resume",
    "resumed",
    "resumes",
];
