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

use std::ops::Range;

use crate::dictionary::{Dictionary, EntityId};
use crate::matcher::{GOVERNMENT_WORDS, MILITARY_WORDS, Mention, is_english_word};

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

/// Titles before a name that make it a person.
const TITLES: &[&str] = &[
    "Mr",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
    "Miss",
    "Dr",
    "Dr.",
    "coach",
    "Coach",
    "guard",
    "forward",
    "center",
    "striker",
    "quarterback",
    "star",
    "singer",
    "actor",
    "actress",
    "drummer",
    "guitarist",
    "rapper",
    "teammate",
];

/// Capitalised words that follow or precede a place name without making it a person's:
/// function words in a sentence's first position, days and months, words of the names of
/// bodies, places and firms ("Israel Radio", "Jordan Valley", "Paris Club"). The government
/// and military words of the matcher's roles count too.
const NOT_NAMES: &[&str] = &[
    "And",
    "Or",
    "But",
    "The",
    "Of",
    "In",
    "On",
    "At",
    "To",
    "For",
    "From",
    "With",
    "By",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "Meanwhile",
    "Also",
    "Is",
    "Was",
    "Has",
    "Had",
    "Will",
    "Would",
    "Said",
    "Says",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Airways",
    "Airlines",
    "Air",
    "Radio",
    "Television",
    "Valley",
    "River",
    "Basin",
    "Sea",
    "Club",
    "Accord",
    "Agreement",
    "Bourse",
    "Stock",
    "Exchange",
    "Bank",
    "Chamber",
    "Times",
    "News",
    "Telecom",
    "Electric",
    "Chemicals",
    "Industries",
    "Discount",
    "Central",
    "National",
    "Development",
    "Investment",
    "Trade",
    "Free",
    "Governor",
    "Kingdom",
    "Republic",
    "North",
    "South",
    "East",
    "West",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Greater",
    "Soviet",
    "Corp",
    "Co",
    "Inc",
    "Ltd",
    "Plc",
    "Group",
    "Holdings",
    "Company",
    "Corporation",
];

/// Prepositions of place: "in Paris Haddadi …" is the city before a name, not a first name.
const LOCATIVE: &[&str] = &["in", "at", "near", "from", "to", "outside", "across"];

/// Words of sports reports: a country name among them may be a player. "scored" alone is not
/// one ("scored a major success"); with [`SCORES`] it is.
const SPORTS: &[&str] = &[
    "rebounds",
    "assists",
    "touchdown",
    "touchdowns",
    "quarterback",
    "NBA",
    "NFL",
    "NHL",
    "playoffs",
    "playoff",
    "basketball",
    "halftime",
    "Bulls",
    "Lakers",
    "Celtics",
    "Knicks",
    "Hawks",
    "Braves",
    "Falcons",
];

/// What is scored in a game ("scored 30 points", "scored two goals").
const SCORES: &[&str] = &["points", "goals", "runs", "baskets"];

/// US cities: with sports words in the sentence, a name among them is a player ("Jordan scored
/// 30 points for the Chicago Bulls").
const US_CITIES: &[&str] = &[
    "New York",
    "Los Angeles",
    "Chicago",
    "Houston",
    "Philadelphia",
    "Phoenix",
    "San Antonio",
    "San Diego",
    "Dallas",
    "Detroit",
    "Boston",
    "Atlanta",
    "Miami",
    "Seattle",
    "Denver",
    "Baltimore",
    "Cleveland",
    "Pittsburgh",
    "St. Louis",
    "Minneapolis",
    "Milwaukee",
    "Cincinnati",
    "New Orleans",
    "Las Vegas",
    "San Francisco",
    "Nashville",
    "Memphis",
    "Charlotte",
    "Orlando",
    "Tampa",
    "Indianapolis",
    "Kansas City",
    "Oakland",
    "Sacramento",
    "Salt Lake City",
    "Honolulu",
];

/// US states ("New York" is among the cities: "Washington and New York" are two cities), and
/// their abbreviations as wire copy writes them after a city ("Paris, Tenn.").
const US_STATES: &[&str] = &[
    "Alabama",
    "Alaska",
    "Arizona",
    "Arkansas",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "Florida",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "North Carolina",
    "North Dakota",
    "Ohio",
    "Oklahoma",
    "Oregon",
    "Pennsylvania",
    "Rhode Island",
    "South Carolina",
    "South Dakota",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Virginia",
    "Wisconsin",
    "Wyoming",
    "Carolinas",
];
const US_STATE_ABBREVIATIONS: &[&str] = &[
    "Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Del.", "Fla.", "Ga.", "Ill.", "Ind.",
    "Kan.", "Ky.", "La.", "Md.", "Mass.", "Mich.", "Minn.", "Miss.", "Mo.", "Mont.", "Neb.",
    "Nev.", "N.H.", "N.J.", "N.M.", "N.Y.", "N.C.", "N.D.", "Okla.", "Ore.", "Pa.", "R.I.", "S.C.",
    "S.D.", "Tenn.", "Tex.", "Vt.", "Va.", "Wash.", "Wis.", "Wyo.",
];

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

/// The word right before `at` and the characters between it and `at` (spaces and commas).
fn word_before(text: &str, at: usize) -> (&str, &str) {
    let head = &text[..at];
    let trimmed = head.trim_end_matches([' ', ',']);
    let sep = &head[trimmed.len()..];
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_name_char(c) || c == '.')
        .last()
        .map_or(trimmed.len(), |(i, _)| i);
    (sep, &trimmed[start..])
}

/// The characters after `at` up to the next word (spaces and commas), and that word; a word
/// keeps a final "." ("Tenn.") but not a final "'s".
fn word_after(text: &str, at: usize) -> (&str, &str) {
    let tail = &text[at..];
    let trimmed = tail.trim_start_matches([' ', ',']);
    let sep = &tail[..tail.len() - trimmed.len()];
    let end = trimmed
        .char_indices()
        .find(|&(_, c)| !(is_name_char(c) || c == '.'))
        .map_or(trimmed.len(), |(i, _)| i);
    let word = &trimmed[..end];
    let word = word.strip_suffix("'s").unwrap_or(word);
    let word = word.strip_suffix("’s").unwrap_or(word);
    // A sentence's full stop is not part of the word, an abbreviation's is.
    let word = match word.strip_suffix('.') {
        Some(w) if !w.contains('.') && w.len() > 4 => w,
        _ => word,
    };
    (sep, word)
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'
}

/// A word written as a name: a capital, then letters with at least one lower-case one
/// ("Smith", "O'Keeffe", "Kamakawiwo'ole"; not "TV" or "U.S.").
fn is_title_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().any(char::is_lowercase)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '’' || c == '-')
}

/// "G.": one capital and a full stop.
fn is_initial(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() == 2 && b[0].is_ascii_uppercase() && b[1] == b'.'
}

fn not_a_name(word: &str) -> bool {
    if NOT_NAMES.contains(&word) {
        return true;
    }
    let lower = word.to_lowercase();
    GOVERNMENT_WORDS.contains(&lower.as_str()) || MILITARY_WORDS.contains(&lower.as_str())
}

fn is_english(word: &str) -> bool {
    is_english_word(&word.to_lowercase())
}

/// Is the line around `at` in title case ("Jordan Signs Pact With Israel")? Then a capital
/// says nothing about a word. Counted over words of four letters or more, which leaves out
/// the short function words that title case keeps in lower case.
fn title_case_line(text: &str, within: Range<usize>, at: usize) -> bool {
    let start = text[within.start..at]
        .rfind('\n')
        .map_or(within.start, |i| within.start + i + 1);
    let end = text[at..within.end]
        .find('\n')
        .map_or(within.end, |i| at + i);
    let (mut upper, mut lower) = (0, 0);
    for word in text[start..end].split(|c: char| !c.is_alphabetic()) {
        if word.chars().count() < 4 {
            continue;
        }
        if word.starts_with(char::is_uppercase) {
            upper += 1;
        } else {
            lower += 1;
        }
    }
    upper >= 3 && lower * 5 < upper
}

fn starts_with_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| {
        text.strip_prefix(w)
            .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
    })
}

fn ends_with_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| {
        text.strip_suffix(w)
            .is_some_and(|rest| !rest.ends_with(char::is_alphanumeric))
    })
}

/// Does `text` contain one of `words` as a whole word (or words)?
fn contains_word_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| {
        text.match_indices(w).any(|(i, _)| {
            !text[..i].ends_with(char::is_alphanumeric)
                && !text[i + w.len()..].starts_with(char::is_alphanumeric)
        })
    })
}

#[cfg(test)]
mod tests;
