//! Words, as the matcher sees them: letters and digits (Unicode's), and the boundaries an
//! alias must sit on, the character before it and the one after it being neither. Most news
//! text is ASCII, and the end of a word is found there eight bytes at a time. The relation
//! stage reads words with the same [`char_at`], [`ascii_word_end`] and [`ASCII_WORD`], so the
//! two stages agree on where a word ends.

/// The character at byte `at` of `text` and its length, or `('\0', 0)` at the end.
#[inline]
pub(crate) fn char_at(text: &str, at: usize) -> (char, usize) {
    match text.as_bytes().get(at) {
        None => ('\0', 0),
        Some(&b) if b.is_ascii() => (char::from(b), 1),
        Some(_) => {
            let c = text[at..].chars().next().expect("a character starts here");
            (c, c.len_utf8())
        }
    }
}

/// The ASCII letters and digits, by byte.
pub(crate) const ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The end of the run of letters and digits from byte `at` (which may be `at` itself), or a
/// place in it at or after `cap` when it goes on past `cap`. Always inlined: called for every
/// word of every article, and the call itself cost a third of its instructions.
#[inline(always)]
pub(super) fn word_end(text: &str, mut at: usize, cap: usize) -> usize {
    let bytes = text.as_bytes();
    let cap = cap.min(bytes.len());
    loop {
        at = ascii_word_end(bytes, at, cap);
        match char_at(text, at) {
            (c, len) if len > 1 && at < cap && c.is_alphanumeric() => at += len,
            _ => return at,
        }
    }
}

/// The end of the run of ASCII letters and digits from byte `at`, at most `cap`. Eight bytes
/// at a time, then byte by byte: the scan for word ends was 7% of a run byte by byte.
#[inline]
pub(crate) fn ascii_word_end(bytes: &[u8], mut at: usize, cap: usize) -> usize {
    let cap = cap.min(bytes.len());
    while at + 8 <= cap {
        let eight = bytes[at..at + 8].try_into().expect("8 bytes");
        let stops = not_ascii_word(u64::from_le_bytes(eight));
        if stops != 0 {
            return at + (stops.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while at < cap && ASCII_WORD[usize::from(bytes[at])] {
        at += 1;
    }
    at
}

/// The high bit of each byte of `x` (eight bytes of text, the first in the low byte) that is
/// not an ASCII letter or digit: bytes of non-ASCII characters included. Each test adds to
/// every byte at once a constant that carries into its high bit exactly when the byte is at or
/// above a bound; bytes below 0x80 plus these constants stay below 0x100, so no carry crosses
/// into the next byte.
#[inline]
fn not_ascii_word(x: u64) -> u64 {
    const fn each(b: u8) -> u64 {
        0x0101_0101_0101_0101 * b as u64
    }
    const HIGH: u64 = each(0x80);
    let low = x & !HIGH;
    // ASCII case folding for letters; digits already have this bit.
    let folded = low | each(0x20);
    let at_least = |v: u64, bound: u8| v + each(0x80 - bound);
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    let digit = at_least(low, b'0') & !at_least(low, b'9' + 1);
    let word = (letter | digit) & !x & HIGH;
    !word & HIGH
}

pub(super) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

pub(super) fn is_boundary_before(text: &str, start: usize) -> bool {
    text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_char(c))
}

/// A match ends at a boundary when the next character is not a letter or digit. A possessive
/// ("Huawei's", "Huawei’s") needs no rule of its own: the apostrophe is not a word character.
pub(super) fn is_boundary_after(text: &str, end: usize) -> bool {
    text[end..].chars().next().is_none_or(|c| !is_word_char(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Eight bytes at a time, a byte is a stop exactly when it is not an ASCII letter or digit;
    /// and word ends are those of a scan character by character, whatever the cap.
    #[test]
    fn word_ends() {
        for b in 0..=255u8 {
            for lane in 0..8 {
                let mut bytes = *b"abcdefgh";
                bytes[lane] = b;
                let stops = not_ascii_word(u64::from_le_bytes(bytes));
                let want = if b.is_ascii_alphanumeric() {
                    0
                } else {
                    0x80 << (8 * lane)
                };
                assert_eq!(stops, want, "byte {b:#x} in lane {lane}");
            }
        }
        let text = "Bank of China’s 2024 Türkiye-U.S. talks: abcdefghijklmnopqrstuvwxyz0123456789 ÄÖÜ东京x";
        let reference = |at: usize, cap: usize| {
            let mut end = at;
            for c in text[at..].chars() {
                if end >= cap.min(text.len()) || !is_word_char(c) {
                    break;
                }
                end += c.len_utf8();
            }
            end
        };
        for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            for cap in at..=text.len() + 1 {
                assert_eq!(word_end(text, at, cap), reference(at, cap), "{at} {cap}");
            }
        }
    }
}
