//! The case policy: whether a text, as written, can be a mention of an alias. Acronyms match as
//! written, so "us" is never the United States; other names as written, title-cased or in
//! capitals, unless a claim asks for `exact` or `ignore`. Wire text has lines in capitals ("U.S.
//! TO IMPOSE TARIFFS ON JAPAN"): there an acronym that is an English word ("TO", "US") or a name
//! that is one ("APPLE", "SHELL") is read as the word; and an acronym in angle brackets is a
//! stock ticker (`<ADB>`). What the policy needs to know of an alias group is found once, when
//! the matcher is built ([`GroupInfo`]).

use crate::dictionary::{AliasGroup, CasePolicy, Claim, EntityType};
use crate::hash::WordMap;

/// Does `found` (the text at `start..end`) satisfy a claim's case policy on the alias?
pub(super) fn accepts(
    info: &GroupInfo,
    case: CasePolicy,
    found: &str,
    text: &str,
    start: usize,
    end: usize,
) -> bool {
    let alias = &*info.text;
    match case {
        CasePolicy::Ignore => true,
        CasePolicy::Exact => found == alias,
        CasePolicy::Auto if info.acronym => {
            found == alias
                && !(info.word_like && in_all_caps_line(text, start, end))
                && !in_ticker_brackets(text, start, end)
        }
        CasePolicy::Auto => {
            found == alias
                || title_case_of(alias, found)
                || (found == alias.to_uppercase()
                    && !(info.caps_word && in_all_caps_line(text, start, end)))
        }
    }
}

/// True if `found` is `alias` with some of its lowercase word-initial letters capitalised, as in
/// a title-cased headline ("Bank Of China" for "Bank of China").
fn title_case_of(alias: &str, found: &str) -> bool {
    let mut a = alias.chars();
    let mut f = found.chars();
    let mut word_start = true;
    loop {
        match (a.next(), f.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) => {
                if x != y {
                    let capitalised =
                        word_start && x.is_lowercase() && x.to_uppercase().eq(std::iter::once(y));
                    if !capitalised {
                        return false;
                    }
                }
                word_start = !x.is_alphanumeric();
            }
            _ => return false,
        }
    }
}

/// Whether text beginning with a lowercase ASCII letter can match the alias group: only if the
/// alias itself begins with one ("the Pentagon", "eHealth"), or a claim ignores case. Under
/// [`accepts`], `exact` and `auto` need the text to equal the alias, its capitals ("APPLE"), or
/// its words capitalised ("Bank Of China"), and none of these begins with a lowercase letter
/// unless the alias does.
pub(super) fn can_begin_lowercase(group: &AliasGroup) -> bool {
    group
        .text
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_lowercase)
        || group.claims.iter().any(|c| c.case == CasePolicy::Ignore)
}

/// An alias group as the case policy sees it.
#[derive(Clone, Debug)]
pub(super) struct GroupInfo {
    pub(super) text: Box<str>,
    pub(super) claims: Box<[Claim]>,
    /// The alias has no lowercase letter: an acronym under the `auto` policy.
    pub(super) acronym: bool,
    /// An acronym that is also a common English word when lowercased ("US", "IT", "DOT").
    pub(super) word_like: bool,
    /// A name that is one English word ("Apple", "Shell", "Visa") and names no country: in a
    /// line of capitals ("APPLE BANK FOR SAVINGS", "SHELL OIL") it is read as the word.
    pub(super) caps_word: bool,
}

impl GroupInfo {
    pub(super) fn new(AliasGroup { text, claims }: &AliasGroup, kinds: &[EntityType]) -> GroupInfo {
        let acronym = !text.chars().any(char::is_lowercase);
        let english = text.chars().all(char::is_alphabetic)
            && text.chars().count() >= 2
            && is_english_word(&text.to_lowercase());
        GroupInfo {
            text: text.as_str().into(),
            claims: claims.clone().into_boxed_slice(),
            acronym,
            word_like: acronym && (english || WORD_LIKE.contains(&text.as_str())),
            caps_word: !acronym
                && english
                && claims
                    .iter()
                    .all(|c| kinds[c.entity as usize] != EntityType::Country),
        }
    }
}

/// The common English words (SCOWL's 40,000, `scripts/curated/english_words.txt`, one per
/// line, lowercase), which the dictionary generator also uses.
const ENGLISH_WORDS: &str = include_str!("../../scripts/curated/english_words.txt");

/// Is `lower` (lowercase) a common English word?
pub fn is_english_word(lower: &str) -> bool {
    static WORDS: std::sync::LazyLock<WordMap<&'static str, ()>> = std::sync::LazyLock::new(|| {
        ENGLISH_WORDS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(|l| (l, ()))
            .collect()
    });
    WORDS.contains_key(lower)
}

/// Acronyms that are also English words: in an all-capitals line they are read as the word.
const WORD_LIKE: &[&str] = &[
    "AM", "AN", "AS", "AT", "BE", "BY", "DO", "GO", "HE", "IF", "IN", "IS", "IT", "ME", "MY", "NO",
    "OF", "OK", "ON", "OR", "SO", "TO", "UP", "US", "WE", "ACT", "AID", "AIM", "ALL", "AND", "ANY",
    "ARE", "ARM", "ART", "BID", "CAN", "CUT", "END", "FAR", "FOR", "HAS", "HIS", "KEY", "LAW",
    "LET", "MAY", "MET", "NEW", "NOT", "NOW", "OIL", "OLD", "ONE", "OUR", "OUT", "OWN", "PAY",
    "PUT", "RUN", "SEE", "SET", "TAX", "THE", "TOP", "TWO", "USE", "WAR", "WAS", "WAY", "WHO",
    "WHY", "WIN", "WON", "YET", "YOU",
];

/// Is the match a stock ticker in angle brackets, as wire services write them ("ADOBE
/// RESOURCES CORP <ADB>": not the Asian Development Bank)?
pub(super) fn in_ticker_brackets(text: &str, start: usize, end: usize) -> bool {
    text[..start].ends_with('<') && text[end..].starts_with('>')
}

/// Is the match in a line written in capitals? Looks at up to three words on each side within
/// the line; it is if there is at least one such word of two or more letters and none of them
/// has a lowercase letter.
fn in_all_caps_line(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |p| p + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |p| end + p);
    let before = text[line_start..start]
        .split(|c: char| !c.is_alphabetic())
        .rev()
        .filter(|w| !w.is_empty())
        .take(3);
    let after = text[end..line_end]
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(3);
    let mut long_words = 0;
    for w in before.chain(after) {
        if w.chars().any(char::is_lowercase) {
            return false;
        }
        if w.chars().count() >= 2 {
            long_words += 1;
        }
    }
    long_words > 0
}
