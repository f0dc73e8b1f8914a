//! Second references to people by surname: wire copy names an office holder in full once
//! ("Treasury Secretary James Baker", "Prime Minister Yasuhiro Nakasone") and by surname
//! after that ("Baker said", "Nakasone told parliament"). A bare surname is too ambiguous for
//! the dictionary (the generator leaves them out), but after the full name in the same field it
//! is that person: the later surname is a mention of the same entity, of form `person`.
//!
//! Counter-examples, left alone: a surname inside a longer capitalised name ("Nancy Reagan",
//! "Baker Hughes"): another person or a firm; after "Mrs" or "Ms" (a spouse); a surname of two
//! letters; an occurrence before the full name; one in the other field (a title is matched on
//! its own). On Reuters-21578 most such references are to Reagan, Baker, Nakasone and
//! Miyazawa.

use super::{Matcher, Mention};
use crate::dictionary::Form;

/// Words before a surname that keep it the office holder's ("President Reagan", "Mr
/// Nakasone"); any other capitalised word before it makes a longer name.
const TITLES_BEFORE: &[&str] = &[
    "Mr",
    "Mr.",
    "President",
    "Secretary",
    "Minister",
    "Chancellor",
    "Premier",
    "Governor",
    "Senator",
    "Sen.",
    "Ambassador",
    "Chairman",
    "Dr",
    "Dr.",
    "King",
    "Queen",
    "Prince",
];

impl Matcher {
    /// Adds, to the mentions of `text` (in order, none overlapping), a `person` mention for each
    /// later occurrence of the surname of a `person` mention: the last word of its text. Mentions
    /// stay in order.
    pub fn surname_mentions(&self, text: &str, mentions: &mut Vec<Mention>) {
        if !mentions.iter().any(|m| m.form == Form::Person) {
            return;
        }
        let mut added: Vec<Mention> = Vec::new();
        for (i, m) in mentions.iter().enumerate() {
            if m.form != Form::Person {
                continue;
            }
            let Some(surname) = surname(&text[m.start..m.end]) else {
                continue;
            };
            let mut from = m.end;
            while let Some(found) =
                memchr::memmem::find(&text.as_bytes()[from..], surname.as_bytes())
            {
                let start = from + found;
                let end = start + surname.len();
                from = end;
                if !bare_word(text, start, end) {
                    continue;
                }
                // Inside or touching a mention already found: "the Reagan administration".
                let taken = mentions[i + 1..]
                    .iter()
                    .chain(added.iter())
                    .any(|o| o.start < end && start < o.end);
                if taken {
                    continue;
                }
                added.push(Mention {
                    start,
                    end,
                    role: None,
                    ambiguous: false,
                    ..*m
                });
            }
        }
        if added.is_empty() {
            return;
        }
        mentions.extend(added);
        mentions.sort_by_key(|m| (m.start, m.end));
    }
}

/// The surname of a person's mention text: its last word without a possessive, when it is a
/// capitalised word of three letters or more ("Reagan" of "President Reagan's").
fn surname(name: &str) -> Option<&str> {
    let last = name.rsplit(' ').next()?;
    let last = last
        .strip_suffix("'s")
        .or_else(|| last.strip_suffix("’s"))
        .unwrap_or(last);
    let mut chars = last.chars();
    let capital = chars.next()?.is_uppercase();
    let rest_letters = chars.all(|c| c.is_alphabetic() || c == '-');
    (capital && rest_letters && last.chars().count() >= 3 && last != name).then_some(last)
}

/// Is `text[start..end]` a word of its own, not part of a longer capitalised name? Letters may
/// not touch it; a possessive may follow; the word before may not be capitalised unless it is
/// a title ([`TITLES_BEFORE`]) or a word that opens sentences ([`OPENERS`]), and the word after
/// may not be.
fn bare_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    if before.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '.') {
        return false;
    }
    let rest = &text[end..];
    let rest = rest
        .strip_prefix("'s")
        .or_else(|| rest.strip_prefix("’s"))
        .unwrap_or(rest);
    match rest.chars().next() {
        Some(c) if c.is_alphanumeric() || c == '-' => return false,
        Some(' ') if rest[1..].chars().next().is_some_and(char::is_uppercase) => return false,
        _ => {}
    }
    // The word before.
    let head = text[..start].trim_end();
    let prev = head
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    // Not a capitalised word: a lowercase one, or the end of the sentence before.
    if !prev.chars().next().is_some_and(char::is_uppercase) || prev.ends_with(['.', ':', ';']) {
        return true;
    }
    TITLES_BEFORE.contains(&prev) || OPENERS.contains(&prev)
}

/// Capitalised words that open a sentence before a name ("But Baker said").
const OPENERS: &[&str] = &[
    "The",
    "But",
    "And",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Although",
    "As",
    "So",
    "Yet",
    "Then",
    "Since",
    "Until",
    "Today",
    "Yesterday",
    "Earlier",
    "Later",
    "Last",
    "Both",
    "Neither",
    "Only",
    "Even",
    "Meanwhile",
    "However",
    "In",
    "On",
    "At",
    "For",
    "From",
    "With",
    "By",
];

#[cfg(test)]
mod tests {
    use super::{bare_word, surname};

    #[test]
    fn surnames_of_mention_texts() {
        let cases: &[(&str, Option<&str>)] = &[
            ("President Reagan", Some("Reagan")),
            ("President Reagan's", Some("Reagan")),
            ("Treasury Secretary James Baker", Some("Baker")),
            ("Reagan", None),
            ("Li Xi", None),
            ("Ronald Reagan", Some("Reagan")),
        ];
        for (name, want) in cases {
            assert_eq!(surname(name), *want, "{name:?}");
        }
    }

    #[test]
    fn bare_words_in_context() {
        let cases: &[(&str, bool)] = &[
            ("Baker said the dollar", true),
            ("and Baker said", true),
            ("said Baker's aides", true),
            ("Treasury Secretary Baker said", true),
            ("Mr Baker said", true),
            ("But Baker said", true),
            ("Michael Baker said", false),
            ("Mrs Baker said", false),
            ("shares of Baker Hughes rose", false),
            ("Bakery sales", false),
            ("the dollar. Baker said", true),
        ];
        for (text, want) in cases {
            let start = text.find("Baker").unwrap();
            assert_eq!(bare_word(text, start, start + 5), *want, "{text:?}");
        }
    }
}
