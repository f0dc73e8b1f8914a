//! The matcher's tables, built once from the dictionary's alias groups, all keyed by
//! ASCII-lowercased text: the starts (an alias's first word, or its first character when that
//! is no letter or digit) with the length of the longest alias of each, the aliases themselves
//! with their groups, and the hashes of the other beginnings of aliases ("bank of" for "Bank of
//! China"). A start is looked up at every word of every article: a short one is held in one
//! integer, read in place from the text, and tested against a Bloom filter before the table.
//! The tables are built side by side, from hashes computed once, in parallel.

use rayon::prelude::*;

use super::Matcher;
use super::bloom::Bloom;
use super::case::can_begin_lowercase;
use super::words::is_word_char;
use crate::dictionary::AliasGroup;
use crate::hash::WordMap;

/// The alias starts, keyed by their text: inline when short (nearly all: a first word), so a
/// lookup, made for every word of every article, compares two integers instead of reading a
/// string elsewhere in memory.
#[derive(Clone, Debug)]
pub(super) struct Starts {
    /// By [`ShortKey::hash`], computed once per word for this table and the filter.
    short: hashbrown::HashTable<(ShortKey, Start)>,
    long: WordMap<Box<str>, Start>,
    /// The short keys' hashes: most words start no alias, and a test of this filter, small
    /// enough to stay in cache, tells so for most of them where a lookup would read a bucket
    /// of `short` from memory (it is megabytes for a large dictionary). Built by
    /// [`Starts::seal`]; until then it passes everything.
    filter: Bloom,
    /// The same for the short keys marked [`Start::lowercase`], tested instead of `filter` for
    /// a word that begins with a lowercase ASCII letter. Most words of a text do ("the",
    /// "said", "company"), and few aliases can be written so ("the Pentagon", "eHealth"): this
    /// filter has hundreds of keys where the other has up to millions, so it stays in the
    /// fastest cache, and such a word beginning no alias is passed over without a lookup.
    lowercase: Bloom,
}

impl Default for Starts {
    fn default() -> Starts {
        Starts {
            short: hashbrown::HashTable::new(),
            long: WordMap::default(),
            filter: Bloom::passing_all(),
            lowercase: Bloom::passing_all(),
        }
    }
}

impl Starts {
    #[inline]
    pub(super) fn get(&self, key: &str) -> Option<&Start> {
        self.get_in(key, 0, key.len(), false)
    }

    /// The start `text[start..end]`, read in place (see [`ShortKey::in_text`]); when
    /// `lowercase`, the text as written there begins with a lowercase ASCII letter, and only
    /// a start marked [`Start::lowercase`] is looked up (the others could give no candidate).
    /// Always inlined: made for every word, and the call was measurable (2-3% of a run).
    #[inline(always)]
    pub(super) fn get_in(
        &self,
        text: &str,
        start: usize,
        end: usize,
        lowercase: bool,
    ) -> Option<&Start> {
        match ShortKey::in_text(text, start, end) {
            Some(k) => {
                let hash = k.hash();
                let filter = if lowercase {
                    &self.lowercase
                } else {
                    &self.filter
                };
                if !filter.may_contain(hash) {
                    return None;
                }
                self.short.find(hash, |e| e.0 == k).map(|e| &e.1)
            }
            None => self.long.get(&text[start..end]),
        }
    }

    /// Builds the filters of the short keys: call once every key is in.
    fn seal(&mut self) {
        self.filter = Bloom::with_capacity(self.short.len());
        let marked = self.short.iter().filter(|(_, s)| s.lowercase).count();
        self.lowercase = Bloom::with_capacity(marked);
        for (k, s) in &self.short {
            self.filter.insert(k.hash());
            if s.lowercase {
                self.lowercase.insert(k.hash());
            }
        }
    }

    /// The start `key`, added with no alias (longest 0, no groups) when new: one lookup, where a
    /// lookup and an insertion (and another lookup for a one-word alias) were.
    fn entry(&mut self, key: &str) -> &mut Start {
        match ShortKey::new(key) {
            Some(k) => {
                let entry = self.short.entry(k.hash(), |e| e.0 == k, |e| e.0.hash());
                &mut entry.or_insert((k, Start::default())).into_mut().1
            }
            None => self.long.entry(key.into()).or_default(),
        }
    }
}

/// `KEY_MASKS[n]`: the low `n` bytes of a 128-bit integer.
const KEY_MASKS: [u128; 16] = {
    let mut masks = [0u128; 16];
    let mut n = 0;
    while n < 16 {
        masks[n] = (1u128 << (8 * n)) - 1;
        n += 1;
    }
    masks
};

/// Up to 15 bytes of text and their number, in one integer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct ShortKey(u128);

impl ShortKey {
    #[inline]
    fn new(key: &str) -> Option<ShortKey> {
        let n = key.len();
        if n > 15 {
            return None;
        }
        let mut buf = [0u8; 16];
        buf[..n].copy_from_slice(key.as_bytes());
        buf[15] = n as u8;
        Some(ShortKey(u128::from_le_bytes(buf)))
    }

    /// The same value as [`crate::hash::word_hash`] of the integer, computed in place: two
    /// steps of the word hasher, its two halves (what `write_u128` hands it as 16 bytes).
    #[inline]
    fn hash(self) -> u64 {
        crate::hash::u128_hash(self.0)
    }

    /// The key of `text[start..end]`, the same as [`ShortKey::new`] of it. Where 16 bytes
    /// follow `start`, they are read as one integer and masked: copying the key's bytes one by
    /// one into a buffer and reading it back as an integer stalled the processor (a load
    /// cannot take its value from several smaller stores still in flight), and this is done
    /// for every word of every article.
    #[inline]
    fn in_text(text: &str, start: usize, end: usize) -> Option<ShortKey> {
        let n = end - start;
        match text.as_bytes().get(start..start + 16) {
            Some(sixteen) if n <= 15 => {
                let bytes = u128::from_le_bytes(sixteen.try_into().expect("16 bytes"));
                // A mask from a table: a shift of a 128-bit integer by a variable count is
                // several instructions and branches, for every word.
                let key = bytes & KEY_MASKS[n];
                Some(ShortKey(key | (n as u128) << 120))
            }
            _ => ShortKey::new(&text[start..end]),
        }
    }
}

/// The aliases, ASCII-lowercased, end to end in one string, and a table of them by hash: one
/// allocation instead of one per alias, and a table built from hashes known beforehand.
#[derive(Clone, Debug)]
pub(super) struct Aliases {
    text: Box<str>,
    table: hashbrown::HashTable<AliasKey>,
}

/// An alias in [`Aliases::text`], and its alias groups, a range of `alias_groups`.
#[derive(Clone, Copy, Debug)]
struct AliasKey {
    span: Span,
    groups: (u32, u32),
}

/// A key's place in the keys' text, which is under 4 GiB ([`keys`] checks).
#[derive(Clone, Copy, Debug)]
struct Span {
    at: u32,
    len: u32,
}

impl Span {
    #[inline]
    fn of(self, text: &str) -> &str {
        &text[self.at as usize..(self.at + self.len) as usize]
    }
}

impl Aliases {
    /// The groups of the alias `key`, whose [`beginning_hash`] is `hash`.
    #[inline]
    pub(super) fn get(&self, hash: u64, key: &str) -> Option<(u32, u32)> {
        self.table
            .find(hash, |k| k.span.of(&self.text) == key)
            .map(|k| k.groups)
    }
}

/// One key of an alias group: its hash ([`beginning_hash`]) and its place in the keys' text.
struct Key {
    hash: u64,
    span: Span,
    group: u32,
    /// [`can_begin_lowercase`] of the group.
    lowercase: bool,
}

/// Every key of every group, their text end to end: a group's text ASCII-lowercased, and for a
/// group with non-ASCII capitals a second key, its capitals ("TÜRKIYE" for "Türkiye"), since
/// ASCII folding leaves "Ü" and "ü" apart. Read in parallel, a block of groups at a time.
fn keys(groups: &[AliasGroup]) -> (String, Vec<Key>) {
    const BLOCK: usize = 4096;
    let blocks: Vec<(String, Vec<Key>)> = groups
        .par_chunks(BLOCK)
        .enumerate()
        .map(|(b, block)| {
            let mut text = String::new();
            let mut keys = Vec::with_capacity(block.len());
            for (i, g) in block.iter().enumerate() {
                let alias = &g.text;
                let group = (b * BLOCK + i) as u32;
                let lowercase = can_begin_lowercase(g);
                let at = text.len();
                text.push_str(alias);
                text[at..].make_ascii_lowercase();
                let key = |text: &String, at: usize| Key {
                    hash: beginning_hash(&text[at..]),
                    span: Span {
                        at: at as u32,
                        len: (text.len() - at) as u32,
                    },
                    group,
                    lowercase,
                };
                keys.push(key(&text, at));
                if !alias.is_ascii() {
                    let upper = alias.to_uppercase().to_ascii_lowercase();
                    if upper != text[at..] {
                        let at = text.len();
                        text.push_str(&upper);
                        keys.push(key(&text, at));
                    }
                }
            }
            (text, keys)
        })
        .collect();
    let size: usize = blocks.iter().map(|(t, _)| t.len()).sum();
    assert!(
        size < u32::MAX as usize,
        "the aliases' text is over 4 GiB: the matcher keeps offsets into it as u32"
    );
    let mut text = String::with_capacity(size);
    let mut keys = Vec::with_capacity(blocks.iter().map(|(_, k)| k.len()).sum());
    for (t, ks) in blocks {
        let base = text.len() as u32;
        text.push_str(&t);
        keys.extend(ks.into_iter().map(|mut k| {
            k.span.at += base;
            k
        }));
    }
    (text, keys)
}

/// What the matcher knows of the start of aliases.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Start {
    pub(super) longest: u32,
    pub(super) groups: (u32, u32),
    /// Some alias with this start can be matched where the text begins with a lowercase ASCII
    /// letter (see [`can_begin_lowercase`]).
    lowercase: bool,
}

impl Matcher {
    /// The lookup tables: first words, aliases and their groups, other beginnings, and the
    /// longest alias.
    #[allow(clippy::type_complexity)]
    pub(super) fn tables(
        groups: &[AliasGroup],
    ) -> (Starts, Aliases, WordMap<u64, ()>, Bloom, Vec<u32>, usize) {
        let (text, mut keys) = keys(groups);
        // Sorted, the groups of one key are next to each other, in group order. By hash first:
        // comparing strings was most of the time here for large dictionaries.
        let key = |k: &Key| k.span.of(&text);
        keys.par_sort_unstable_by(|a, b| {
            (a.hash.cmp(&b.hash))
                .then_with(|| key(a).cmp(key(b)))
                .then(a.group.cmp(&b.group))
        });
        let mut alias_groups = Vec::with_capacity(keys.len());
        // Each key once, with its groups and whether text beginning in lowercase can match one.
        let mut runs: Vec<(u64, AliasKey, bool)> = Vec::with_capacity(keys.len());
        let mut keys = keys.iter().peekable();
        while let Some(k) = keys.next() {
            let first = alias_groups.len() as u32;
            alias_groups.push(k.group);
            let mut lowercase = k.lowercase;
            // Equal hashes first: the text is read only when they are.
            while let Some(same) = keys.next_if(|o| o.hash == k.hash && key(o) == key(k)) {
                alias_groups.push(same.group);
                lowercase |= same.lowercase;
            }
            if k.span.len > 0 {
                let at = AliasKey {
                    span: k.span,
                    groups: (first, alias_groups.len() as u32),
                };
                runs.push((k.hash, at, lowercase));
            }
        }
        let run_text = |k: &AliasKey| k.span.of(&text);
        // The first words, the beginnings with their filter, and the alias table, side by
        // side: all three read the same runs.
        let ((starts, longest), ((beginnings, longer), table)) = rayon::join(
            || {
                let mut starts = Starts::default();
                let mut longest = 0;
                for &(_, ref k, lowercase) in &runs {
                    let key = run_text(k);
                    longest = longest.max(key.len());
                    let start = start_key(key);
                    let s = starts.entry(&key[..start]);
                    s.longest = s.longest.max(k.span.len);
                    if start == key.len() {
                        s.groups = k.groups;
                    }
                    s.lowercase |= lowercase;
                }
                starts.seal();
                (starts, longest)
            },
            || {
                rayon::join(
                    || {
                        // Every beginning, also those that are aliases themselves: the matcher
                        // looks a beginning up only where the text so far is no alias.
                        let mut beginnings: WordMap<u64, ()> = WordMap::default();
                        let mut longer = Bloom::with_capacity(runs.len());
                        for (hash, k, _) in &runs {
                            let key = run_text(k);
                            let start = start_key(key);
                            if start < key.len() {
                                longer.insert(*hash);
                            }
                            for (i, c) in key.char_indices() {
                                if i > start && !is_word_char(c) {
                                    let hash = beginning_hash(&key[..i]);
                                    beginnings.insert(hash, ());
                                    longer.insert(hash);
                                }
                            }
                        }
                        (beginnings, longer)
                    },
                    || {
                        // The keys are distinct and their hashes known: no text is read here.
                        let mut table = hashbrown::HashTable::with_capacity(runs.len());
                        for &(hash, k, _) in &runs {
                            table.insert_unique(hash, k, |k| beginning_hash(run_text(k)));
                        }
                        table
                    },
                )
            },
        );
        drop(runs);
        let aliases = Aliases {
            text: text.into_boxed_str(),
            table,
        };
        (starts, aliases, beginnings, longer, alias_groups, longest)
    }

    /// The alias groups whose alias is `lower` (ASCII-lowercased text).
    pub(super) fn lookup(&self, lower: &str) -> &[u32] {
        match self.aliases.get(beginning_hash(lower), lower) {
            Some((a, b)) => &self.alias_groups[a as usize..b as usize],
            None => &[],
        }
    }
}

/// The hash a beginning of a key is kept under in [`Matcher::beginnings`].
pub(super) fn beginning_hash(s: &str) -> u64 {
    crate::hash::str_hash(s)
}

/// The length of the start of `s` an alias is indexed by: its first word (letters and digits),
/// or its first character when that is neither.
pub(super) fn start_key(s: &str) -> usize {
    match s.char_indices().find(|&(_, c)| !is_word_char(c)) {
        Some((0, c)) => c.len_utf8(),
        Some((i, _)) => i,
        None => s.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A key read in place is the key copied out, near the end of the text too; the filter
    /// passes every key.
    #[test]
    fn short_keys() {
        let text = "Bank of China, Türkiye & U.S. (Huawei's) 0123456789abcdef";
        let mut starts = Starts::default();
        for start in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
            for end in (start..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let key = &text[start..end];
                assert_eq!(ShortKey::in_text(text, start, end), ShortKey::new(key));
                if ShortKey::new(key).is_some() && start % 3 == 0 {
                    starts.entry(key);
                }
            }
        }
        starts.seal();
        for (k, _) in &starts.short {
            assert!(starts.filter.may_contain(k.hash()));
        }
    }
}
