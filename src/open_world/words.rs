//! The words of a name as the grammar reads them: where a word starts and ends in wire copy
//! ("Corp.", "Inc's", "E.I."), the word before and after, possessives, sentence ends, lines in
//! capitals, and the scan for capitals after a space that finds where a name may end. Byte
//! offsets into the text, as everywhere in the pipeline.

use std::ops::Range;

use super::Known;

/// True when `word` appears in `text` in lower case ("time" for "Time").
pub(super) fn contains_lowercased(text: &str, word: &str) -> bool {
    let mut lower = [0u8; 32];
    let bytes = word.as_bytes();
    if bytes.len() > lower.len() || !bytes[0].is_ascii_uppercase() {
        return false;
    }
    lower[..bytes.len()].copy_from_slice(bytes);
    lower[..bytes.len()].make_ascii_lowercase();
    let lower = &lower[..bytes.len()];
    memchr::memmem::find_iter(text.as_bytes(), lower)
        .any(|at| (at == 0 || starts_after_boundary(text, at)) && ends_word(text, at + lower.len()))
}

/// The class of a word's second byte in [`Grammar::beginnings`]: a letter (52 classes), "." or
/// "/" ("S.A.", "A/S"), or anything else.
pub(super) fn second_class(b: u8) -> u32 {
    match b {
        b'a'..=b'z' => u32::from(b - b'a'),
        b'A'..=b'Z' => 26 + u32::from(b - b'A'),
        b'.' => 52,
        b'/' => 53,
        _ => 63,
    }
}

/// Calls `each` with the offset of every ASCII capital that follows a space, a line break or
/// "(", in order: eight bytes at a time, each byte compared with its predecessor without a
/// branch (a byte below 0x29 before a capital is a candidate, then checked exactly).
pub(super) fn capitals_after_space(bytes: &[u8], mut each: impl FnMut(usize)) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let mut check = |i: usize| {
        if matches!(bytes[i - 1], b' ' | b'\n' | b'(') {
            each(i);
        }
    };
    let mut at = 1;
    while at + 8 <= bytes.len() {
        let cur = u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
        let prev = u64::from_le_bytes(bytes[at - 1..at + 7].try_into().expect("8 bytes"));
        // 'A'..='Z' among ASCII bytes: at least 0x41 and not 0x5B or more (seven bits, so no
        // carry crosses a byte).
        let x = cur & LOW7;
        let upper = (x + 0x3f * ONES) & !(x + 0x25 * ONES) & !cur;
        // An ASCII byte below 0x29 (space, line break, "(", and a few others).
        let low = !((prev | HIGH) - 0x29 * ONES) & !prev;
        let mut mask = upper & low & HIGH;
        while mask != 0 {
            check(at + (mask.trailing_zeros() / 8) as usize);
            mask &= mask - 1;
        }
        at += 8;
    }
    let from = at.max(1).min(bytes.len());
    for (i, b) in bytes.iter().enumerate().skip(from) {
        if b.is_ascii_uppercase() {
            check(i);
        }
    }
}

/// True when the word is capitalised as a name word: an upper-case first letter, or a digit
/// then a letter ("3M").
pub(super) fn capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => true,
        Some(c) if c.is_ascii_digit() => word.chars().any(char::is_alphabetic),
        _ => false,
    }
}

/// A word that ends a sentence: a final "." after a word that is no initial or abbreviation
/// ("bought Pennzoil." but not "E.I." or "Alex.").
pub(super) fn sentence_end(word: &str) -> bool {
    let Some(stem) = word.strip_suffix('.') else {
        return false;
    };
    if stem.contains('.') || stem.chars().count() <= 1 {
        return false; // "E.I.", "U.S.", "A."
    }
    !matches!(
        stem,
        "Alex"
            | "Bros"
            | "Mfg"
            | "Intl"
            | "Co"
            | "Corp"
            | "Inc"
            | "Ltd"
            | "St"
            | "Mt"
            | "Ft"
            | "Jr"
    )
}

/// Bytes that may stand inside a word of a name.
pub(super) fn word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'&' | b'\'' | b'-' | b'.' | b'/') || b >= 0x80
}

/// True when a word ends at `at`: the end of the text, white space, punctuation, or "'s".
pub(super) fn ends_word(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        None => true,
        Some(&b) => {
            !(b.is_ascii_alphanumeric() || b >= 0x80 || b == b'&' || b == b'-' || b == b'/')
                && (b != b'\'' || possessive_at(text, at))
        }
    }
}

pub(super) fn starts_after_boundary(text: &str, at: usize) -> bool {
    if at == 0 {
        return true;
    }
    let b = text.as_bytes()[at - 1];
    !(b.is_ascii_alphanumeric() || b >= 0x80 || matches!(b, b'&' | b'-' | b'\'' | b'.' | b'/'))
}

/// "'s" or "’s" at `at`, then no more letters.
pub(super) fn possessive_at(text: &str, at: usize) -> bool {
    let rest = &text[at..];
    let after = if let Some(r) = rest.strip_prefix("'s") {
        r
    } else if let Some(r) = rest.strip_prefix("’s") {
        r
    } else {
        return false;
    };
    !after.starts_with(|c: char| c.is_alphanumeric())
}

/// The word (see [`word_byte`]) that starts at `at`, without a possessive "'s".
pub(super) fn word_at(text: &str, at: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    let mut end = at;
    while end < bytes.len() && word_byte(bytes[end]) {
        end += 1;
    }
    while end > at && !text.is_char_boundary(end) {
        end -= 1;
    }
    let w = &text[at..end];
    if w.len() > 2 && w.ends_with("'s") {
        end -= 2;
    } else if w.len() > 4 && w.ends_with("’s") {
        end -= 4;
    }
    while end > at && bytes[end - 1] == b'\'' {
        end -= 1;
    }
    at..end
}

/// The next word after the word that ends at `at`: white space between, at most one line break.
pub(super) fn next_word(text: &str, at: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let mut i = at;
    let mut breaks = 0;
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
        breaks += usize::from(bytes[i] == b'\n');
        i += 1;
    }
    if i == at || breaks > 1 || i >= bytes.len() || !word_byte(bytes[i]) {
        return None;
    }
    let w = word_at(text, i);
    (!w.is_empty()).then_some(w)
}

/// The word before `at` (the start or end of a word): white space between, at most one line
/// break.
pub(super) fn prev_word(text: &str, at: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let mut i = at;
    let mut breaks = 0;
    while i > 0 && matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r') {
        breaks += usize::from(bytes[i - 1] == b'\n');
        i -= 1;
    }
    if breaks > 1 {
        return None;
    }
    let end = i;
    while i > 0 && word_byte(bytes[i - 1]) {
        i -= 1;
    }
    while i < end && !text.is_char_boundary(i) {
        i += 1;
    }
    if i == end {
        return None;
    }
    let w = word_at(text, i);
    (!w.is_empty()).then_some(w)
}

/// The dictionary mention that contains byte `at`, if any.
pub(super) fn inside_known(known: &[Known], at: usize) -> Option<&Known> {
    let i = known.partition_point(|k| k.start <= at);
    known[..i].iter().rev().take(4).find(|k| at < k.end)
}

/// True when the line holding `span` is in capitals (a headline or a table): its words are
/// no evidence of a name.
pub(super) fn shouting(text: &str, span: Range<usize>) -> bool {
    // A name in mixed case is no headline's.
    if text.as_bytes()[span.clone()]
        .iter()
        .any(u8::is_ascii_lowercase)
    {
        return false;
    }
    // The name and up to 40 bytes either side, within its line (bytes: the window's ends
    // need not fall on characters).
    let bytes = text.as_bytes();
    let mut from = span.start.saturating_sub(40);
    let mut to = (span.end + 40).min(text.len());
    if let Some(i) = memchr::memrchr(b'\n', &bytes[from..span.start]) {
        from += i + 1;
    }
    if let Some(i) = memchr::memchr(b'\n', &bytes[span.end..to]) {
        to = span.end + i;
    }
    let (mut upper, mut lower) = (0usize, 0usize);
    for b in text.as_bytes()[from..to].iter() {
        upper += usize::from(b.is_ascii_uppercase());
        lower += usize::from(b.is_ascii_lowercase());
    }
    upper + lower >= 12 && upper * 10 >= (upper + lower) * 6
}
