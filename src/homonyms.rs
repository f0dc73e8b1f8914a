//! Names read in context: a few country names are also a person's name or a US state
//! ("Jordan scored 30 points for the Chicago Bulls", "Georgia voters went to the polls in
//! Atlanta", "Chad Smith, the band's drummer", "Paris Hilton", "Seattle, Washington"). The
//! matcher has no context (dictionaries/README.md, "Ambiguity"): it finds the country in each.
//! This pass, run on a field's mentions right after matching, reads the words around the few
//! mentions whose text is one of these names and decides, with the reason:
//!
//! - **drop**: the context says person or US place: a title before ("Mr", "coach"), a surname
//!   after ("Chad Smith", "Israel Kamakawiwo'ole"), a first name before ("Michael Jordan",
//!   "George Washington"), "Washington state", "state of Georgia", a US state after a comma
//!   ("Paris, Texas"), a city before one ("Atlanta, Georgia"), the name of a US organisation
//!   ("Georgia Power", "the Washington Post"), a city of that state in the sentence ("Georgia …
//!   Atlanta") or a list of states ("Georgia and Alabama"), or sports words with a US city
//!   ("scored … Chicago Bulls"); and, for Jordan and Georgia, the same name elsewhere in the
//!   field so decided (one sense per story: "Jerry Jordan … Jordan expects");
//! - **ambiguous**: a weaker hint (sports words without a US city, since a national side
//!   scores too; a surname that is also an English word and followed by another capitalised
//!   word, "Jordan Hunter Associates"; a first name that is an English word): the mention stays, says
//!   `"ambiguous": true`, and relations through it get a lower confidence
//!   ([`crate::relate::through_ambiguous`]);
//! - **keep**: anything else, and every sentence-wide hint when the sentence also names the
//!   country otherwise ("Georgia's parliament in Tbilisi": a capital, a demonym, "Jordan's
//!   King"), so "Jordan and Israel signed", "King Hussein of Jordan", "Washington said" and
//!   "Chad's government" are found as before.
//!
//! The names are a short table ([`NAMES`]), matched as written: all-capitals headlines and
//! other spellings are left to the matcher. A mention costs one comparison of its entity with
//! the table's few ids; only a mention of one of them, with that text, is read further, so an
//! article without these names costs nothing more. Capitalisation says nothing in a line in
//! title case ("Jordan Signs Pact With Israel"), so there the capitalisation cues are not used.
//!
//! This file holds the table and the decisions; `words.rs` the word lists the cues look for
//! and the reading of the words next to a name; `tests.rs` each cue's example and
//! counter-example.

use std::ops::Range;

mod words;

use crate::dictionary::{Dictionary, EntityId};
use crate::matcher::Mention;
use words::*;

/// A country name that is also something else, and what else.
#[derive(Clone, Copy, Debug)]
pub struct Name {
    /// The name, as written ("Jordan").
    pub text: &'static str,
    /// The id of the dictionary entity it names ("JOR"; "USA" for the metonym "Washington").
    pub entity: &'static str,
    /// A person's first name ("Chad Smith", "Paris Hilton").
    pub given_name: bool,
    /// A surname ("Michael Jordan", "George Washington").
    pub surname: bool,
    /// A US state's: the state's main cities ("Atlanta"); empty when it is no state.
    pub state_cities: &'static [&'static str],
    /// Its other sense holds for the whole field once the context has shown it (see
    /// [`one_sense_per_story`]). Not for a name whose senses share stories: "Washington" the
    /// state, the city and the federal government; "Paris" the city beside a Paris Hilton; nor
    /// for a given name, since a story goes on with the person's surname ("Smith"), not "Chad".
    pub one_sense: bool,
}

/// The names read in context. A name not listed here is never touched.
pub const NAMES: &[Name] = &[
    Name {
        text: "Jordan",
        entity: "JOR",
        given_name: true,
        surname: true,
        state_cities: &[],
        one_sense: true,
    },
    Name {
        text: "Chad",
        entity: "TCD",
        given_name: true,
        surname: false,
        state_cities: &[],
        one_sense: false,
    },
    Name {
        text: "Israel",
        entity: "ISR",
        given_name: true,
        surname: false,
        state_cities: &[],
        one_sense: false,
    },
    Name {
        text: "Paris",
        entity: "FRA",
        given_name: true,
        surname: false,
        state_cities: &[],
        one_sense: false,
    },
    Name {
        text: "Georgia",
        entity: "GEO",
        given_name: true,
        surname: false,
        state_cities: &["Atlanta", "Savannah", "Augusta", "Macon", "Dalton"],
        one_sense: true,
    },
    Name {
        text: "Washington",
        entity: "USA",
        given_name: false,
        surname: true,
        state_cities: &[
            "Seattle", "Spokane", "Tacoma", "Olympia", "Bellevue", "Redmond",
        ],
        one_sense: false,
    },
];

/// What the context says about a mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The country: nothing says otherwise, or the sentence names the country too.
    Keep,
    /// Maybe a person or a US place: kept, marked ambiguous.
    Ambiguous,
    /// A person or a US place: not a mention of the country.
    Drop,
}

/// Why: the cue that decided (for tests and explanations).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cue {
    None,
    /// The sentence names the country otherwise, or the mention has a role ("Jordan's King").
    Country,
    /// "Mr Jordan", "coach Jordan".
    Title,
    /// "Chad Smith", "Israel Kamakawiwo'ole".
    Surname,
    /// "Michael Jordan", "George Washington".
    FirstName,
    /// "Washington state", "the state of Georgia".
    StateWord,
    /// "Paris, Texas", "Paris, Tenn.".
    StateAfter,
    /// "Atlanta, Georgia", "Seattle, Washington".
    CityBefore,
    /// "Georgia Power", "the Washington Post": a US state's name in a name.
    InName,
    /// "Georgia … in Atlanta", "Georgia and Alabama".
    StateContext,
    /// Another mention of the name in the field was decided so ([`Name::one_sense`]).
    OneSense,
    /// Sports words in the sentence ("scored", "NBA"); with a US city, a player.
    Sports,
}

/// The table resolved against a dictionary: built once, shared by every worker.
#[derive(Clone, Debug, Default)]
pub struct Homonyms {
    /// (entity, index into [`NAMES`]); empty when the dictionary has none of the entities.
    names: Vec<(EntityId, usize)>,
}

impl Homonyms {
    pub fn new(dict: &Dictionary) -> Homonyms {
        let names = (NAMES.iter().enumerate())
            .filter_map(|(i, n)| dict.find(n.entity).map(|e| (e, i)))
            .collect();
        Homonyms { names }
    }

    /// Reads the listed names among a field's `mentions` (in text order) in their context:
    /// drops those the context makes a person or a US place, marks the unsure ones ambiguous.
    /// `sentences` are the field's sentences, in order.
    pub fn read(&self, text: &str, sentences: &[Range<usize>], mentions: &mut Vec<Mention>) {
        if self.names.is_empty() {
            return;
        }
        // (mention, name, verdict, cue) of the listed names; empty, and never allocated, in an
        // article without them.
        let mut read: Vec<(usize, &Name, Verdict, Cue)> = Vec::new();
        for (i, m) in mentions.iter().enumerate() {
            let Some(name) = self.name_of(text, m) else {
                continue;
            };
            let k = sentences.partition_point(|s| s.end <= m.start);
            let sentence = sentences.get(k).cloned().unwrap_or(0..text.len());
            let (verdict, cue) = judge(name, text, sentence, m, mentions);
            read.push((i, name, verdict, cue));
        }
        one_sense_per_story(&mut read);
        let mut drop = false;
        for &(i, _, verdict, _) in &read {
            match verdict {
                Verdict::Keep => {}
                Verdict::Ambiguous => mentions[i].ambiguous = true,
                Verdict::Drop => {
                    // Marked for removal below: an empty span no mention has.
                    mentions[i].end = mentions[i].start;
                    drop = true;
                }
            }
        }
        if drop {
            mentions.retain(|m| m.end > m.start);
        }
    }

    /// The listed name a mention is, if any: its entity's and written as listed.
    fn name_of(&self, text: &str, m: &Mention) -> Option<&'static Name> {
        let &(_, i) = self.names.iter().find(|(e, _)| *e == m.entity)?;
        let name = &NAMES[i];
        (text.get(m.start..m.end) == Some(name.text)).then_some(name)
    }

    /// The verdict on one mention and its cue, for `dict explain`-like tools and tests.
    pub fn explain(
        &self,
        text: &str,
        sentence: Range<usize>,
        m: &Mention,
        mentions: &[Mention],
    ) -> Option<(Verdict, Cue)> {
        let name = self.name_of(text, m)?;
        Some(judge(name, text, sentence, m, mentions))
    }
}

/// One sense per story (Gale, Church and Yarowsky, 1992): once the context has made a name
/// of [`Name::one_sense`] a person or a US state in a field, its other mentions there that
/// nothing else decided are the same ("Jerry Jordan, an economist … Jordan expects growth";
/// "Georgia Power … customers in Georgia"). A mention the sentence makes the country's stays.
fn one_sense_per_story(read: &mut [(usize, &Name, Verdict, Cue)]) {
    let decided = |name: &Name| {
        name.one_sense
            && read
                .iter()
                .any(|r| std::ptr::eq(r.1, name) && r.2 == Verdict::Drop)
    };
    // One flag per listed name, so a field with thousands of mentions is read twice, not
    // once per mention.
    let decided: Vec<bool> = NAMES.iter().map(decided).collect();
    for r in read.iter_mut() {
        let k = NAMES.iter().position(|n| std::ptr::eq(n, r.1));
        if k.is_some_and(|k| decided[k]) && r.3 != Cue::Country && r.2 != Verdict::Drop {
            r.2 = Verdict::Drop;
            r.3 = Cue::OneSense;
        }
    }
}

/// The verdict on a mention of `name` and the cue that decided it.
fn judge(
    name: &Name,
    text: &str,
    sentence: Range<usize>,
    m: &Mention,
    mentions: &[Mention],
) -> (Verdict, Cue) {
    // The sentence, at most WINDOW bytes either side of the name, and the mentions in it
    // (`mentions` is in text order): a mention costs the same in a run-on "sentence".
    let sentence = window(text, sentence, m);
    let lo = mentions.partition_point(|x| x.start < sentence.start);
    let hi = mentions.partition_point(|x| x.start < sentence.end);
    let mentions = &mentions[lo..hi];
    let state = !name.state_cities.is_empty();
    let (before_sep, before) = word_before(text, m.start);
    let (after_sep, after) = word_after(text, m.end);
    let capitals_speak = !title_case_line(text, sentence.clone(), m.start);
    let starts_mention = |at: usize| mentions.iter().any(|x| x.start == at);
    let ends_mention = |at: usize| mentions.iter().any(|x| x.end == at);

    // Cues next to the name: they decide alone.
    if before_sep == " " && TITLES.contains(&before) {
        return (Verdict::Drop, Cue::Title);
    }
    if after_sep == ", "
        && (US_STATE_ABBREVIATIONS.contains(&after)
            || starts_with_any(&text[m.end + 2..], US_STATES))
    {
        return (Verdict::Drop, Cue::StateAfter);
    }
    if state {
        if after_sep == " " && matches!(after, "state" | "State") {
            return (Verdict::Drop, Cue::StateWord);
        }
        if before_sep == " " && before == "of" {
            let (_, b2) = word_before(text, m.start - before.len() - 1);
            if matches!(b2, "state" | "State" | "governor" | "Governor") {
                return (Verdict::Drop, Cue::StateWord);
            }
        }
        if before_sep == ", " {
            let head = &text[..m.start - before_sep.len()];
            // Only the state's own cities: "Chicago, Washington and Los Angeles" is a list.
            if ends_with_any(head, name.state_cities) || before == "County" {
                return (Verdict::Drop, Cue::CityBefore);
            }
        }
        let hyphenated = text[m.end..].strip_prefix('-').map(|t| word_after(t, 0).1);
        if hyphenated.is_some_and(|w| is_title_word(w) && !not_a_name(w)) {
            // "Georgia-Pacific", where the matcher's boundary check lets the name through.
            return (Verdict::Drop, Cue::InName);
        }
        if capitals_speak
            && after_sep == " "
            && is_title_word(after)
            && !not_a_name(after)
            && !starts_mention(m.end + 1)
        {
            return (Verdict::Drop, Cue::InName);
        }
    }
    let mut weak = Cue::None;
    if name.given_name && capitals_speak && after_sep == " " && is_initial(after) {
        // A middle initial and a surname: "Israel G. Grossman".
        let (sep, surname) = word_after(text, m.end + 1 + after.len());
        if sep == " " && is_title_word(surname) {
            return (Verdict::Drop, Cue::Surname);
        }
    }
    if name.given_name
        && capitals_speak
        && !(before_sep == " " && LOCATIVE.contains(&before))
        && after_sep == " "
        && is_title_word(after)
        && !not_a_name(after)
        && !starts_mention(m.end + 1)
    {
        // "Chad Smith," is a name; "Jordan Valley Authority" more likely a body.
        let (_, next) = word_after(text, m.end + 1 + after.len());
        if !is_english(after) || !is_title_word(next) {
            return (Verdict::Drop, Cue::Surname);
        }
        weak = Cue::Surname;
    }
    if name.surname
        && capitals_speak
        && before_sep == " "
        && is_title_word(before)
        && !before.ends_with("'s")
        && !before.ends_with("’s")
        && !not_a_name(before)
        && !ends_mention(m.start - 1)
    {
        let first_in_sentence = text
            .get(sentence.start..m.start - 1 - before.len())
            .is_none_or(|s| s.trim().is_empty());
        if !is_english(before) {
            return (Verdict::Drop, Cue::FirstName);
        }
        if !first_in_sentence {
            weak = Cue::FirstName;
        }
    }

    // Cues of the sentence: the country named otherwise outweighs them.
    let said = &text[sentence.clone()];
    // A state has regulators and officials too: the word after is the country's cue only for
    // a name that is no state's.
    let country = (m.role.is_some() && !state)
        || mentions.iter().any(|x| {
            x.entity == m.entity
                && sentence.start <= x.start
                && x.end <= sentence.end
                && text[x.start..x.end] != *name.text
        });
    if country {
        return (Verdict::Keep, Cue::Country);
    }
    if state && (contains_city(said, name.state_cities) || next_to_state(text, m)) {
        return (Verdict::Drop, Cue::StateContext);
    }
    let scored = contains_word_any(said, &["scored"]) && contains_word_any(said, SCORES);
    if scored || contains_word_any(said, SPORTS) {
        // A national side scores too: only a US city makes it a player ("the Chicago Bulls").
        if name.given_name && contains_city(said, US_CITIES) {
            return (Verdict::Drop, Cue::Sports);
        }
        return (Verdict::Ambiguous, Cue::Sports);
    }
    if weak != Cue::None {
        return (Verdict::Ambiguous, weak);
    }
    (Verdict::Keep, Cue::None)
}

/// Is the mention one of a list of US states ("Georgia and Alabama", "Florida, Georgia")?
fn next_to_state(text: &str, m: &Mention) -> bool {
    let tail = &text[m.end..];
    let after = [", ", " and ", " or "].iter().any(|sep| {
        tail.strip_prefix(sep)
            .is_some_and(|t| starts_with_any(t, US_STATES))
    });
    let head = &text[..m.start];
    let before = [", ", " and ", " or "].iter().any(|sep| {
        head.strip_suffix(sep)
            .is_some_and(|h| ends_with_any(h, US_STATES))
    });
    after || before
}

/// Does `text` name one of `cities`, as written or in a dateline's capitals ("ATLANTA, March 3")?
fn contains_city(text: &str, cities: &[&str]) -> bool {
    contains_word_any(text, cities)
        || cities
            .iter()
            .any(|c| contains_word_any(text, &[c.to_uppercase().as_str()]))
}

/// How far around a name its sentence is read, in bytes: the longest sentence of the Reuters
/// stories is 1,303 characters, so real sentences are read whole, and a run-on one (a scraped
/// table) costs no more per mention.
const WINDOW: usize = 600;

/// The part of `sentence` at most [`WINDOW`] bytes either side of the mention, on character
/// boundaries.
fn window(text: &str, sentence: Range<usize>, m: &Mention) -> Range<usize> {
    let mut start = sentence
        .start
        .max(m.start.saturating_sub(WINDOW))
        .min(m.start);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = sentence.end.min(m.end + WINDOW).max(m.end).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

#[cfg(test)]
mod tests;
