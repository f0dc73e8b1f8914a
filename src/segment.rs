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

/// Splits `text` into sentences, appending their byte ranges to `out`.
pub fn sentences_into(text: &str, out: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let mut start = 0;
    // The next newline and the next terminator at or after `i`, each found by `memchr` and kept
    // until passed: most bytes are none of the four that can end a sentence, and going over
    // them one by one was most of the time here.
    let find = |from: usize, found: Option<usize>| found.map_or(bytes.len(), |p| from + p);
    let mut next_newline = find(0, memchr::memchr(b'\n', bytes));
    let mut next_terminator = find(0, memchr::memchr3(b'.', b'!', b'?', bytes));
    let mut i = 0;
    loop {
        if next_newline < i {
            next_newline = find(i, memchr::memchr(b'\n', &bytes[i..]));
        }
        if next_terminator < i {
            next_terminator = find(i, memchr::memchr3(b'.', b'!', b'?', &bytes[i..]));
        }
        i = next_newline.min(next_terminator);
        if i >= bytes.len() {
            break;
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
            i += 1;
            continue;
        }
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
    let lists = lists_of(word);
    if lists & TITLE != 0 {
        return false;
    }
    if lists & ABBREVIATION != 0 || is_initials(word) {
        return lists_of(next_word) & SENTENCE_STARTER != 0;
    }
    true
}

/// Bits of [`lists_of`]: the word is in [`TITLES`], [`ABBREVIATIONS`], [`SENTENCE_STARTERS`].
const TITLE: u8 = 1;
const ABBREVIATION: u8 = 2;
const SENTENCE_STARTER: u8 = 4;

/// The lists `word`, lowercased, is in, as bits: one lookup in a table of the three lists,
/// where going through the lists word by word was a twentieth of the pipeline's time (a lookup
/// or three for every period). Without allocating for ASCII words, nearly all of them.
fn lists_of(word: &str) -> u8 {
    static LISTS: std::sync::LazyLock<crate::hash::WordMap<&'static [u8], u8>> =
        std::sync::LazyLock::new(|| {
            let mut map = crate::hash::WordMap::default();
            for (list, bit) in [
                (TITLES, TITLE),
                (ABBREVIATIONS, ABBREVIATION),
                (SENTENCE_STARTERS, SENTENCE_STARTER),
            ] {
                for w in list {
                    *map.entry(w.as_bytes()).or_default() |= bit;
                }
            }
            map
        });
    let mut buf = [0u8; 16];
    match buf.get_mut(..word.len()) {
        Some(lower) if word.is_ascii() => {
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            LISTS.get(&*lower).copied().unwrap_or(0)
        }
        // No word of the lists is this long.
        None if word.is_ascii() => 0,
        _ => (LISTS.get(word.to_lowercase().as_bytes()))
            .copied()
            .unwrap_or(0),
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

    /// The table of the lists says what going through them says: every word of each list in
    /// three cases, words of none, words longer than any, and non-ASCII words.
    #[test]
    fn lists_of_agrees_with_the_lists() {
        let lists = [
            (TITLES, TITLE),
            (ABBREVIATIONS, ABBREVIATION),
            (SENTENCE_STARTERS, SENTENCE_STARTER),
        ];
        let mut words: Vec<String> = Vec::new();
        for (list, _) in lists {
            for w in list {
                words.extend([
                    w.to_string(),
                    w.to_uppercase(),
                    w[..1].to_uppercase() + &w[1..],
                ]);
            }
        }
        words.extend(
            [
                "",
                "U.S",
                "said",
                "Meanwhile",
                "Nevertheless",
                "internationalisation",
                "Mä",
                "Ünal",
            ]
            .map(String::from),
        );
        // "\u{212a}" (the Kelvin sign) lowercases to an ASCII "k".
        words.push("\u{212a}".to_string());
        for w in &words {
            let want = lists
                .iter()
                .filter(|(list, _)| list.contains(&w.to_lowercase().as_str()))
                .fold(0, |bits, (_, bit)| bits | bit);
            assert_eq!(lists_of(w), want, "{w:?}");
        }
    }

    /// The scan byte by byte that [`sentences_into`] replaced, as the reference its jumps from
    /// one newline or terminator to the next must agree with.
    fn reference(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let bytes = text.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b == b'\n' {
                let mut j = i + 1;
                while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
                    j += 1;
                }
                if j < bytes.len() && bytes[j] == b'\n' {
                    push_trimmed(text, start, i, &mut out);
                    start = j + 1;
                    i = j + 1;
                    continue;
                }
            }
            if matches!(b, b'.' | b'!' | b'?') {
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
                    push_trimmed(text, start, end, &mut out);
                    start = end;
                }
                i = end;
                continue;
            }
            i += 1;
        }
        push_trimmed(text, start, text.len(), &mut out);
        out
    }

    proptest::proptest! {
        /// Texts made of the pieces that matter here: terminators, closing marks, newlines
        /// and blank lines, abbreviations, titles, initials, sentence starters, non-ASCII.
        #[test]
        fn agrees_with_the_byte_by_byte_scan(pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "U.S.", "Mr.", "Inc.", "J.", " ", "  ", "\n", "\n\n", "\n \n", ".", "!", "?",
                "...", "\"", "”", "’", ")", "The", "the", "said", "Ünal", "3.5", "«", "\r\n",
                "e.g.", "Co", "ok",
            ]),
            0..40,
        )) {
            let text = pieces.concat();
            let mut got = Vec::new();
            sentences_into(&text, &mut got);
            proptest::prop_assert_eq!(got, reference(&text), "{:?}", text);
        }
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
