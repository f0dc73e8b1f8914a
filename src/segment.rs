//! Sentences: byte ranges of a text, for relation extraction and evidence.
//!
//! News text breaks the simple rule "a period and a space end a sentence": "U.S. officials",
//! "Mr. Trump said", "Huawei Technologies Co. Ltd. said", "3.5 percent", and quoted speech that
//! ends in a period before "he said". This segmenter splits after `.`, `!` or `?` (and any
//! closing quotes or brackets) followed by white space, only when the next word could start a
//! sentence, and with an abbreviation guard:
//!
//! - after a title ("Mr.", "Dr.", "Gen.") it never splits;
//! - after other abbreviations ("U.S.", "Inc.", "Co.", "Jan.") and initials it splits only when
//!   the next word is a capitalised function word ("The", "There", "But"), since "the U.S.
//!   Treasury" goes on and "spy on the U.S. There was" does not;
//! - a blank line always ends a sentence (paragraphs, and a headline above its story).
//!
//! Sentences never include surrounding white space, and empty ones are not reported.

use std::ops::Range;

/// Titles before a name: never a sentence end.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt",
    "sen", "rep", "gov", "pres", "rev", "hon", "st", "messrs", "mt", "ft", "no", "nos", "vs", "v",
    "gens", "sens", "reps", "amb", "supt", "insp", "det", "pvt", "cpl", "fr", "sr", "jr",
];

/// Abbreviations that may or may not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "inc", "corp", "co", "ltd", "plc", "llc", "bhd", "ag", "sa", "nv", "bv", "spa", "cos", "dept",
    "govt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "approx", "est",
    "etc", "al", "e.g", "i.e", "p.m", "a.m", "int'l", "intl", "bros", "assn", "ave", "blvd",
];

/// Capitalised words that begin sentences far more often than they continue a name.
const SENTENCE_STARTERS: &[&str] = &[
    "the",
    "there",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "in",
    "on",
    "at",
    "for",
    "from",
    "with",
    "by",
    "as",
    "after",
    "before",
    "while",
    "when",
    "if",
    "a",
    "an",
    "some",
    "many",
    "most",
    "no",
    "not",
    "his",
    "her",
    "their",
    "our",
    "what",
    "which",
    "who",
    "why",
    "how",
    "however",
    "meanwhile",
    "still",
    "also",
    "both",
    "all",
    "other",
    "others",
    "one",
    "two",
    "last",
    "earlier",
    "later",
];

/// The bytes that can end a sentence: a newline (of a blank line) and the terminators.
const MAY_END: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\n' as usize] = true;
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t
};

/// Splits `text` into sentences, appending their byte ranges to `out`.
pub fn sentences_into(text: &str, out: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Most bytes are none of the four that can end a sentence: skip them by table.
        if !MAY_END[usize::from(bytes[i])] {
            i += 1;
            continue;
        }
        let b = bytes[i];
        // A blank line: end the current sentence.
        if b == b'\n' {
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'\n' {
                push_trimmed(text, start, i, out);
                start = j + 1;
                i = j + 1;
                continue;
            }
        }
        if matches!(b, b'.' | b'!' | b'?') {
            // Swallow repeated terminators and closing quotes or brackets.
            let mut end = i + 1;
            loop {
                if end < bytes.len()
                    && matches!(bytes[end], b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | b']')
                {
                    end += 1;
                } else if text[end..].starts_with(['”', '’', '»']) {
                    end += text[end..].chars().next().map_or(1, char::len_utf8);
                } else {
                    break;
                }
            }
            if ends_sentence(text, start, i, end) {
                push_trimmed(text, start, end, out);
                start = end;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), out);
}

/// Should a terminator at `dot` (with closing marks up to `end`) end the sentence begun at
/// `start`?
fn ends_sentence(text: &str, start: usize, dot: usize, end: usize) -> bool {
    let rest = &text[end..];
    let after_space = rest.trim_start_matches([' ', '\t', '\r', '\n', '\u{a0}']);
    if after_space.len() == rest.len() && !rest.is_empty() {
        return false; // no white space after: "3.5", "U.S.-China", "Yahoo!'s"
    }
    let Some(next) = after_space.chars().next() else {
        return true;
    };
    let next_word: &str = after_space
        .trim_start_matches(['"', '\'', '“', '‘', '(', '['])
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let starts_upper = next_word.chars().next().is_some_and(|c| c.is_uppercase());
    let opens = matches!(next, '"' | '“' | '‘' | '(' | '[') || next.is_ascii_digit();
    if !starts_upper && !opens && !next.is_uppercase() {
        return false; // "he said." followed by lowercase is quoted speech or an abbreviation
    }
    if text.as_bytes()[dot] != b'.' {
        return true;
    }
    let word = word_before(text, start, dot);
    if in_lowercase(TITLES, word) {
        return false;
    }
    let is_abbreviation = in_lowercase(ABBREVIATIONS, word) || is_initials(word);
    if is_abbreviation {
        return in_lowercase(SENTENCE_STARTERS, next_word);
    }
    true
}

/// Is `word`, lowercased, in `list` (of lowercase ASCII words)? Without allocating for ASCII
/// words, which is nearly all of them.
fn in_lowercase(list: &[&str], word: &str) -> bool {
    if word.is_ascii() {
        list.iter().any(|w| w.eq_ignore_ascii_case(word))
    } else {
        list.contains(&word.to_lowercase().as_str())
    }
}

/// The word before a period, including inner periods ("U.S" for "U.S.").
fn word_before(text: &str, start: usize, dot: usize) -> &str {
    let head = &text[start..dot];
    let from = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.' || c == '\''))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[from..]
}

/// "U.S", "J", "E.U": single letters joined by periods.
fn is_initials(word: &str) -> bool {
    !word.is_empty()
        && word
            .split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(start + lead..end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        sentences_into(text, &mut out);
        out.into_iter().map(|r| &text[r]).collect()
    }

    /// One line per case: the text, then the sentences expected.
    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            (
                "U.S. officials met. They left.",
                &["U.S. officials met.", "They left."],
            ),
            (
                "Mr. Trump said so. Then he left.",
                &["Mr. Trump said so.", "Then he left."],
            ),
            (
                "Huawei Technologies Co. Ltd. said it would sue.",
                &["Huawei Technologies Co. Ltd. said it would sue."],
            ),
            (
                "Growth was 3.5 percent. Rates rose.",
                &["Growth was 3.5 percent.", "Rates rose."],
            ),
            (
                "“We will ban it.” he said. Next.",
                &["“We will ban it.” he said.", "Next."],
            ),
            (
                "“We will ban it,” he said. “Soon.” She agreed.",
                &["“We will ban it,” he said.", "“Soon.”", "She agreed."],
            ),
            (
                "to spy on the U.S. There was another story.",
                &["to spy on the U.S.", "There was another story."],
            ),
            ("the U.S. Treasury said.", &["the U.S. Treasury said."]),
            (
                "Headline Here\n\nBody starts here.",
                &["Headline Here", "Body starts here."],
            ),
            ("Is it? Yes! Done", &["Is it?", "Yes!", "Done"]),
            ("Acme Inc. The firm rose.", &["Acme Inc.", "The firm rose."]),
            ("Acme Inc. Chief Jo spoke.", &["Acme Inc. Chief Jo spoke."]),
            ("", &[]),
            ("  \n\n ", &[]),
            ("Zürich rose. Ünal fell.", &["Zürich rose.", "Ünal fell."]),
            ("U.S.-China talks. Ok.", &["U.S.-China talks.", "Ok."]),
        ];
        for (text, want) in cases {
            assert_eq!(split(text), *want, "{text:?}");
        }
    }
}
