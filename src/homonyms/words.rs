//! The words the cues of [`super`] look for, and reading the words around a name: the lists
//! (titles, words of bodies' names, sports, US cities and states) are data, kept apart from
//! the decisions that use them.

use std::ops::Range;

use crate::matcher::{GOVERNMENT_WORDS, MILITARY_WORDS, is_english_word};

/// Titles before a name that make it a person.
pub(super) const TITLES: &[&str] = &[
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
pub(super) const NOT_NAMES: &[&str] = &[
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
pub(super) const LOCATIVE: &[&str] = &["in", "at", "near", "from", "to", "outside", "across"];

/// Words of sports reports: a country name among them may be a player. "scored" alone is not
/// one ("scored a major success"); with [`SCORES`] it is.
pub(super) const SPORTS: &[&str] = &[
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
pub(super) const SCORES: &[&str] = &["points", "goals", "runs", "baskets"];

/// US cities: with sports words in the sentence, a name among them is a player ("Jordan scored
/// 30 points for the Chicago Bulls").
pub(super) const US_CITIES: &[&str] = &[
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
pub(super) const US_STATES: &[&str] = &[
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
pub(super) const US_STATE_ABBREVIATIONS: &[&str] = &[
    "Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Del.", "Fla.", "Ga.", "Ill.", "Ind.",
    "Kan.", "Ky.", "La.", "Md.", "Mass.", "Mich.", "Minn.", "Miss.", "Mo.", "Mont.", "Neb.",
    "Nev.", "N.H.", "N.J.", "N.M.", "N.Y.", "N.C.", "N.D.", "Okla.", "Ore.", "Pa.", "R.I.", "S.C.",
    "S.D.", "Tenn.", "Tex.", "Vt.", "Va.", "Wash.", "Wis.", "Wyo.",
];

/// The word right before `at` and the characters between it and `at` (spaces and commas).
pub(super) fn word_before(text: &str, at: usize) -> (&str, &str) {
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
pub(super) fn word_after(text: &str, at: usize) -> (&str, &str) {
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

pub(super) fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'
}

/// A word written as a name: a capital, then letters with at least one lower-case one
/// ("Smith", "O'Keeffe", "Kamakawiwo'ole"; not "TV" or "U.S.").
pub(super) fn is_title_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().any(char::is_lowercase)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '’' || c == '-')
}

/// "G.": one capital and a full stop.
pub(super) fn is_initial(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() == 2 && b[0].is_ascii_uppercase() && b[1] == b'.'
}

pub(super) fn not_a_name(word: &str) -> bool {
    if NOT_NAMES.contains(&word) {
        return true;
    }
    let lower = word.to_lowercase();
    GOVERNMENT_WORDS.contains(&lower.as_str()) || MILITARY_WORDS.contains(&lower.as_str())
}

pub(super) fn is_english(word: &str) -> bool {
    is_english_word(&word.to_lowercase())
}

/// Is the line around `at` in title case ("Jordan Signs Pact With Israel")? Then a capital
/// says nothing about a word. Counted over words of four letters or more, which leaves out
/// the short function words that title case keeps in lower case.
pub(super) fn title_case_line(text: &str, within: Range<usize>, at: usize) -> bool {
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

pub(super) fn starts_with_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| {
        text.strip_prefix(w)
            .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
    })
}

pub(super) fn ends_with_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| {
        text.strip_suffix(w)
            .is_some_and(|rest| !rest.ends_with(char::is_alphanumeric))
    })
}

/// Does `text` contain one of `words` as a whole word (or words)?
pub(super) fn contains_word_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| {
        text.match_indices(w).any(|(i, _)| {
            !text[..i].ends_with(char::is_alphanumeric)
                && !text[i + w.len()..].starts_with(char::is_alphanumeric)
        })
    })
}
