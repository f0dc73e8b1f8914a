//! Mentions: where the dictionary's aliases occur in a text.
//!
//! An alias matches only as whole words: the character before it and the one after it are not
//! letters or digits (Unicode's). So a match can only start where a word (or a run of other
//! characters) starts, and its first word is known before anything else is looked at. The
//! matcher is built on that: an index from each alias's first word to the length of the longest
//! alias starting with it, a table of the aliases themselves, and a set of the other beginnings
//! of aliases that end before a character that is not a letter or digit ("bank of" for "Bank of
//! China"), all keyed by ASCII-lowercased text. At every word start of an article one lookup of
//! the word decides whether anything can match there; then the possible ends (word ends up to
//! that length) are looked up only while the text so far is an alias or begins one. In news
//! text a third of the words start an alias ("the", "said", "new"), but almost none goes on to
//! a second word. And most words begin with a lowercase letter, which only the few aliases
//! written so ("the Pentagon", "eHealth") or ignoring case can match: such a word is looked up
//! only among their starts, a set small enough to stay in the fastest cache.
//!
//! This finds exactly what an Aho–Corasick automaton of the aliases, folding ASCII case, finds at
//! word boundaries (a property test holds the two to it), but builds in a second where the
//! automaton took half a minute for a million-entry dictionary: the automaton's failure links
//! serve matches that start inside words, which the matcher throws away anyway.
//!
//! Then the module owns what a lookup does not: the per-alias case policy (acronyms as written,
//! so "us" is never the United States; all-capitals headlines), and the choice among overlapping
//! candidates. The choice is made *after* the boundary and case checks: in "General Motors
//! Corp", a longest alias "General Motors Co" ends inside "Corp" and fails the boundary check;
//! choosing the longest first would lose the valid "General Motors". So every candidate is
//! checked, and then the leftmost, longest valid candidates are kept.

use crate::dictionary::{AliasGroup, CasePolicy, Claim, Dictionary, EntityId, EntityType, Form};
use crate::hash::WordMap;
use rayon::prelude::*;

/// A role a country mention plays, read from the word after it ("the US government").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Government,
    Military,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Government => "government",
            Role::Military => "military",
        }
    }
}

/// One mention of an entity: a byte span into the text it was found in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub entity: EntityId,
    pub form: Form,
    pub role: Option<Role>,
    /// The alias group matched; its other accepted claims are the alternatives.
    pub group: u32,
}

/// Finds mentions of a [`Dictionary`]'s entities. Built once, shared by all workers.
#[derive(Clone, Debug)]
pub struct Matcher {
    /// Key of an alias's start ([`start_key`], lowercased) → the length in bytes of the longest
    /// alias with that start, and the alias groups of the key itself when it is an alias (most
    /// aliases are one word), as in `aliases`.
    starts: Starts,
    /// Bit `c` is set when the ASCII character `c`, not a letter or digit, is a key of
    /// `starts`: the scan looks up no other such character.
    other_starts: u128,
    /// Alias, ASCII-lowercased → its alias groups, a range of `alias_groups`. Several groups
    /// share a key when their aliases differ only in ASCII case ("Apple", "APPLE"); a group with
    /// non-ASCII capitals has a second key, its capitals ("TÜRKIYE" for "Türkiye"), since ASCII
    /// folding leaves "Ü" and "ü" apart.
    aliases: Aliases,
    /// The hashes ([`beginning_hash`]) of the beginnings of aliases that end before a character
    /// that is not a letter or digit and are longer than their start ("bank of" for "bank of
    /// china"; consulted only where the text so far is no alias). Hashes, not text: a million-entry
    /// dictionary has a million of them, and a collision only costs a lookup.
    beginnings: WordMap<u64, ()>,
    /// A Bloom filter of the same hashes for every key longer than its start and every
    /// beginning: most words after a start ("the", "said", "a" begin aliases) continue no alias,
    /// and one bit test tells so where two table lookups would.
    longer: Bloom,
    alias_groups: Vec<u32>,
    /// The longest alias, in bytes.
    longest: usize,
    groups: Vec<GroupInfo>,
    entity_kinds: Vec<EntityType>,
}

/// The alias starts, keyed by their text: inline when short (nearly all: a first word), so a
/// lookup, made for every word of every article, compares two integers instead of reading a
/// string elsewhere in memory.
#[derive(Clone, Debug)]
struct Starts {
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
    fn get(&self, key: &str) -> Option<&Start> {
        self.get_in(key, 0, key.len(), false)
    }

    /// The start `text[start..end]`, read in place (see [`ShortKey::in_text`]); when
    /// `lowercase`, the text as written there begins with a lowercase ASCII letter, and only
    /// a start marked [`Start::lowercase`] is looked up (the others could give no candidate).
    /// Always inlined: made for every word, and the call was measurable (2-3% of a run).
    #[inline(always)]
    fn get_in(&self, text: &str, start: usize, end: usize, lowercase: bool) -> Option<&Start> {
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

    #[inline]
    fn hash(self) -> u64 {
        crate::hash::word_hash(&self.0)
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
                let key = bytes & ((1u128 << (8 * n)) - 1);
                Some(ShortKey(key | (n as u128) << 120))
            }
            _ => ShortKey::new(&text[start..end]),
        }
    }
}

/// The aliases, ASCII-lowercased, end to end in one string, and a table of them by hash: one
/// allocation instead of one per alias, and a table built from hashes known beforehand.
#[derive(Clone, Debug)]
struct Aliases {
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
    fn get(&self, hash: u64, key: &str) -> Option<(u32, u32)> {
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
struct Start {
    longest: u32,
    groups: (u32, u32),
    /// Some alias with this start can be matched where the text begins with a lowercase ASCII
    /// letter (see [`can_begin_lowercase`]).
    lowercase: bool,
}

/// Whether text beginning with a lowercase ASCII letter can match the alias group: only if the
/// alias itself begins with one ("the Pentagon", "eHealth"), or a claim ignores case. Under
/// [`accepts`], `exact` and `auto` need the text to equal the alias, its capitals ("APPLE"), or
/// its words capitalised ("Bank Of China"), and none of these begins with a lowercase letter
/// unless the alias does.
fn can_begin_lowercase(group: &AliasGroup) -> bool {
    group
        .text
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_lowercase)
        || group.claims.iter().any(|c| c.case == CasePolicy::Ignore)
}

#[derive(Clone, Debug)]
struct GroupInfo {
    text: Box<str>,
    claims: Box<[Claim]>,
    /// The alias has no lowercase letter: an acronym under the `auto` policy.
    acronym: bool,
    /// An acronym that is also a common English word when lowercased ("US", "IT", "DOT").
    word_like: bool,
    /// A name that is one English word ("Apple", "Shell", "Visa") and names no country: in a
    /// line of capitals ("APPLE BANK FOR SAVINGS", "SHELL OIL") it is read as the word.
    caps_word: bool,
}

impl GroupInfo {
    fn new(AliasGroup { text, claims }: &AliasGroup, kinds: &[EntityType]) -> GroupInfo {
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
const ENGLISH_WORDS: &str = include_str!("../scripts/curated/english_words.txt");

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

/// Words after a country mention that make it the state acting ("the US government").
pub(crate) const GOVERNMENT_WORDS: &[&str] = &[
    "government",
    "governments",
    "officials",
    "official",
    "administration",
    "authorities",
    "regulators",
    "lawmakers",
    "diplomats",
    "diplomat",
    "leaders",
    "leader",
    "president",
    "ministers",
    "minister",
    "ministry",
    "premier",
    "prime",
    "chancellor",
    "king",
    "foreign",
    "spokesman",
    "spokeswoman",
    "ambassador",
    "negotiators",
    "negotiator",
    "delegation",
    "envoy",
    "embassy",
    "state",
    "side",
    "sides",
    "parliament",
    "cabinet",
    "regime",
    "court",
    "police",
    "prosecutors",
    "agency",
    "agencies",
    "intelligence",
];

pub(crate) const MILITARY_WORDS: &[&str] = &[
    "military",
    "army",
    "navy",
    "forces",
    "troops",
    "soldiers",
    "warships",
    "jets",
    "warplanes",
    "aircraft",
    "helicopters",
    "tanks",
    "artillery",
    "defence",
    "defense",
    "security",
    "peacekeepers",
    "marines",
];

/// Acronyms that are also English words: in an all-capitals line they are read as the word.
const WORD_LIKE: &[&str] = &[
    "AM", "AN", "AS", "AT", "BE", "BY", "DO", "GO", "HE", "IF", "IN", "IS", "IT", "ME", "MY", "NO",
    "OF", "OK", "ON", "OR", "SO", "TO", "UP", "US", "WE", "ACT", "AID", "AIM", "ALL", "AND", "ANY",
    "ARE", "ARM", "ART", "BID", "CAN", "CUT", "END", "FAR", "FOR", "HAS", "HIS", "KEY", "LAW",
    "LET", "MAY", "MET", "NEW", "NOT", "NOW", "OIL", "OLD", "ONE", "OUR", "OUT", "OWN", "PAY",
    "PUT", "RUN", "SEE", "SET", "TAX", "THE", "TOP", "TWO", "USE", "WAR", "WAS", "WAY", "WHO",
    "WHY", "WIN", "WON", "YET", "YOU",
];

impl Matcher {
    pub fn new(dict: &Dictionary) -> Matcher {
        // A million-entry dictionary takes seconds here: the two halves, the lookup tables and
        // the per-group facts, are built side by side.
        let ((starts, aliases, beginnings, longer, alias_groups, longest), groups) = rayon::join(
            || Matcher::tables(dict.groups()),
            || {
                let kinds: Vec<EntityType> = dict.entities().iter().map(|e| e.kind).collect();
                dict.groups()
                    .par_iter()
                    .map(|g| GroupInfo::new(g, &kinds))
                    .collect()
            },
        );
        let other_starts = (0..128u8)
            .map(char::from)
            .filter(|c| !is_word_char(*c) && starts.get(c.to_string().as_str()).is_some())
            .fold(0u128, |bits, c| bits | 1 << (c as u32));
        Matcher {
            starts,
            other_starts,
            aliases,
            beginnings,
            longer,
            alias_groups,
            longest,
            groups,
            entity_kinds: dict.entities().iter().map(|e| e.kind).collect(),
        }
    }

    /// The lookup tables: first words, aliases and their groups, other beginnings, and the
    /// longest alias.
    #[allow(clippy::type_complexity)]
    fn tables(
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
    fn lookup(&self, lower: &str) -> &[u32] {
        match self.aliases.get(beginning_hash(lower), lower) {
            Some((a, b)) => &self.alias_groups[a as usize..b as usize],
            None => &[],
        }
    }

    /// Appends the mentions in `text` to `out`, in text order, none overlapping.
    pub fn find_into(&self, text: &str, out: &mut Vec<Mention>) {
        self.find_with(text, &mut String::new(), out);
    }

    /// [`Matcher::find_into`] with a buffer for the lowercased text, kept by the caller from
    /// one text to the next so that a worker does not allocate it for every article.
    pub fn find_with(&self, text: &str, lower: &mut String, out: &mut Vec<Mention>) {
        let first = out.len();
        // ASCII lowercasing keeps every byte offset, so spans in `lower` are spans in `text`.
        lower.clear();
        lower.push_str(text);
        lower.make_ascii_lowercase();
        let lower = lower.as_str();
        let bytes = text.as_bytes();
        // `at` is always a possible start: the first character, or one after a character that
        // is not a letter or digit. The scan goes byte by byte over ASCII and decodes only
        // other characters (most news text is ASCII).
        let mut at = 0;
        while at < bytes.len() {
            let (c, len) = char_at(text, at);
            if is_word_char(c) {
                let word_end = word_end(text, at + len, text.len());
                self.starting_at(text, lower, at, word_end, out);
                // The character after the word is no letter or digit, so the one after it is
                // the next possible start.
                at = word_end + char_at(text, word_end).1;
            } else {
                // A start that is not a word: its key is the one character. Most such
                // characters (spaces, punctuation) start no alias, as one bit tells for ASCII.
                if !c.is_ascii() || self.other_starts & (1u128 << (c as u32)) != 0 {
                    self.starting_at(text, lower, at, at + len, out);
                }
                at += len;
            }
        }
        // Leftmost first, then longest, then the first group: the greedy pass keeps a
        // candidate only if it starts after the last kept one ends.
        let candidates = &mut out[first..];
        candidates
            .sort_unstable_by(|a, b| (a.start, b.end, a.group).cmp(&(b.start, a.end, b.group)));
        let mut kept = first;
        let mut last_end = 0;
        for i in first..out.len() {
            if out[i].start >= last_end {
                last_end = out[i].end;
                out[kept] = out[i];
                kept += 1;
            }
        }
        out.truncate(kept);
        for m in &mut out[first..] {
            if self.entity_kinds[m.entity as usize] == EntityType::Country {
                m.role = role_after(text, m.end);
            }
        }
    }

    /// The candidates starting at `start`, whose key (first word, or first character when it
    /// is not a letter or digit) ends at `key_end`: one lookup of the key, then one at each
    /// later place an alias could end, while the text so far begins an alias.
    fn starting_at(
        &self,
        text: &str,
        lower: &str,
        start: usize,
        key_end: usize,
        out: &mut Vec<Mention>,
    ) {
        let lowercase = text.as_bytes()[start].is_ascii_lowercase();
        let Some(first) = self.starts.get_in(lower, start, key_end, lowercase) else {
            return;
        };
        let limit = start + first.longest as usize;
        let mut end = key_end;
        loop {
            let (next, next_len) = char_at(text, end);
            if next_len > 0 && is_word_char(next) {
                // No alias ends inside a word: go to its end.
                end = word_end(text, end + next_len, limit + 1);
                if end > limit {
                    return;
                }
                continue;
            }
            // An alias may end here.
            let so_far = &lower[start..end];
            // At the start's own end, its entry has the groups already.
            let groups = if end == key_end {
                Some(first.groups)
            } else {
                let hash = beginning_hash(so_far);
                // Neither an alias nor the beginning of one: nothing longer either. (The start
                // begins aliases by definition.)
                if !self.longer.may_contain(hash) {
                    return;
                }
                let groups = self.aliases.get(hash, so_far);
                if groups.is_none() && !self.beginnings.contains_key(&hash) {
                    return;
                }
                groups
            };
            if let Some((a, b)) = groups {
                let groups = &self.alias_groups[a as usize..b as usize];
                self.candidates(text, start, end, groups, out);
            }
            if next_len == 0 || end + next_len > limit {
                return;
            }
            end += next_len;
        }
    }

    /// Pushes a candidate for each of `groups`, alias groups of the text at `start..end`, that
    /// one of its claims' case policies accepts as written. The span is known to sit on word
    /// boundaries.
    fn candidates(
        &self,
        text: &str,
        start: usize,
        end: usize,
        groups: &[u32],
        out: &mut Vec<Mention>,
    ) {
        let found = &text[start..end];
        for &g in groups {
            let info = &self.groups[g as usize];
            let Some(claim) = info
                .claims
                .iter()
                .find(|c| accepts(info, c.case, found, text, start, end))
            else {
                continue;
            };
            out.push(Mention {
                start,
                end,
                entity: claim.entity,
                form: claim.form,
                role: None,
                group: g,
            });
        }
    }

    /// The other entities whose claim on the mention's alias the text also satisfies: a
    /// mention with alternatives is ambiguous.
    pub fn alternatives<'a>(
        &'a self,
        text: &'a str,
        m: &'a Mention,
    ) -> impl Iterator<Item = EntityId> + 'a {
        let info = &self.groups[m.group as usize];
        let found = &text[m.start..m.end];
        info.claims
            .iter()
            .filter(move |c| {
                c.entity != m.entity && accepts(info, c.case, found, text, m.start, m.end)
            })
            .map(|c| c.entity)
    }

    /// The alias text a mention matched (as written in the dictionary).
    pub fn alias(&self, m: &Mention) -> &str {
        &self.groups[m.group as usize].text
    }

    /// Every span of `text` that spells an alias (ASCII case folded), on word boundaries or
    /// not, with the decision taken on it, for tools that show why a text was or was not
    /// matched (`newsgraph dict explain`). Not for the hot path: it looks up every span up to
    /// the longest alias, and it runs [`Matcher::find_into`] to know which candidates were kept,
    /// so it always agrees with it. Candidates come in text order, longest first at one start.
    pub fn explain(&self, text: &str) -> Vec<Candidate> {
        let mut kept = Vec::new();
        self.find_into(text, &mut kept);
        let lower = text.to_ascii_lowercase();
        let mut spans = Vec::new();
        for (start, _) in text.char_indices() {
            let ends = text[start..]
                .char_indices()
                .map(|(i, c)| start + i + c.len_utf8())
                .take_while(|&end| end - start <= self.longest);
            for end in ends {
                for &group in self.lookup(&lower[start..end]) {
                    spans.push((start, end, group));
                }
            }
        }
        let mut out = Vec::new();
        for (start, end, group) in spans {
            let info = &self.groups[group as usize];
            let found = &text[start..end];
            let claim = info
                .claims
                .iter()
                .find(|c| accepts(info, c.case, found, text, start, end))
                .copied();
            let verdict = if !is_boundary_before(text, start) {
                Verdict::NoBoundaryBefore
            } else if !is_boundary_after(text, end) {
                Verdict::NoBoundaryAfter
            } else if claim.is_none() {
                if info.acronym && found == &*info.text && in_ticker_brackets(text, start, end) {
                    Verdict::TickerInBrackets
                } else if (info.acronym && info.word_like && found == &*info.text)
                    || (info.caps_word && found == info.text.to_uppercase())
                {
                    Verdict::WordInCapitalsLine
                } else {
                    Verdict::CaseRejected
                }
            } else if kept
                .iter()
                .any(|k| (k.start, k.end, k.group) == (start, end, group))
            {
                Verdict::Kept
            } else {
                Verdict::Overlapped
            };
            out.push(Candidate {
                start,
                end,
                group,
                claim,
                verdict,
            });
        }
        out.sort_by(|a, b| (a.start, b.end, a.group).cmp(&(b.start, a.end, b.group)));
        out
    }

    /// The text and claims of an alias group, by the index a [`Mention`] or [`Candidate`] holds.
    pub fn group(&self, group: u32) -> (&str, &[Claim]) {
        let info = &self.groups[group as usize];
        (&info.text, &info.claims)
    }
}

/// What [`Matcher::explain`] decided about one candidate span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// A letter or digit right before it: inside a word ("ChinaX" has no "China" at its end).
    NoBoundaryBefore,
    /// A letter or digit right after it ("Chinaware").
    NoBoundaryAfter,
    /// No claim's case policy accepts the text as written ("china", "us").
    CaseRejected,
    /// An acronym that is an English word, in a line written in capitals ("HELP US NOW").
    WordInCapitalsLine,
    /// An acronym written as a stock ticker, in angle brackets ("<ADB>").
    TickerInBrackets,
    /// Valid, but a leftmost-longer valid candidate overlaps it ("China" in "Bank of China").
    Overlapped,
    /// Reported as a mention.
    Kept,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::NoBoundaryBefore => "no word boundary before",
            Verdict::NoBoundaryAfter => "no word boundary after",
            Verdict::CaseRejected => "case policy rejects this spelling",
            Verdict::WordInCapitalsLine => "an English word in a capitals line",
            Verdict::TickerInBrackets => "a stock ticker in angle brackets",
            Verdict::Overlapped => "overlapped by a longer match",
            Verdict::Kept => "kept",
        }
    }
}

/// One candidate span of [`Matcher::explain`]: a byte range, its alias group, the claim whose
/// case policy accepted it (the entity it would name), and the verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub start: usize,
    pub end: usize,
    pub group: u32,
    pub claim: Option<Claim>,
    pub verdict: Verdict,
}

/// Does `found` (the text at `start..end`) satisfy a claim's case policy on the alias?
fn accepts(
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

/// A Bloom filter of 64-bit hashes, blocked: a hash sets two bits of one 64-bit word, so a test
/// reads one cache line. 16 bits per expected entry: about 1.5% of absent hashes pass. Small
/// enough to stay in cache, where the tables it spares do not.
#[derive(Clone, Debug)]
struct Bloom {
    words: Box<[u64]>,
    mask: u64,
}

impl Bloom {
    /// A filter every hash passes: one word, all bits set.
    fn passing_all() -> Bloom {
        Bloom {
            words: vec![u64::MAX].into_boxed_slice(),
            mask: 0,
        }
    }

    fn with_capacity(entries: usize) -> Bloom {
        let words = (entries.max(64) / 4).next_power_of_two();
        Bloom {
            words: vec![0; words].into_boxed_slice(),
            mask: words as u64 - 1,
        }
    }

    /// The word and its two bits: the word from the hash's low bits, the bits from its top.
    #[inline]
    fn place(&self, hash: u64) -> (usize, u64) {
        let bits = 1 << (hash >> 58) | 1 << ((hash >> 52) & 63);
        ((hash & self.mask) as usize, bits)
    }

    fn insert(&mut self, hash: u64) {
        let (w, bits) = self.place(hash);
        self.words[w] |= bits;
    }

    #[inline]
    fn may_contain(&self, hash: u64) -> bool {
        let (w, bits) = self.place(hash);
        self.words[w] & bits == bits
    }
}

/// The hash a beginning of a key is kept under in [`Matcher::beginnings`].
fn beginning_hash(s: &str) -> u64 {
    crate::hash::str_hash(s)
}

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
/// place in it at or after `cap` when it goes on past `cap`.
#[inline]
fn word_end(text: &str, mut at: usize, cap: usize) -> usize {
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

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// The length of the start of `s` an alias is indexed by: its first word (letters and digits),
/// or its first character when that is neither.
fn start_key(s: &str) -> usize {
    match s.char_indices().find(|&(_, c)| !is_word_char(c)) {
        Some((0, c)) => c.len_utf8(),
        Some((i, _)) => i,
        None => s.len(),
    }
}

fn is_boundary_before(text: &str, start: usize) -> bool {
    text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_char(c))
}

/// A match ends at a boundary when the next character is not a letter or digit. A possessive
/// ("Huawei's", "Huawei’s") needs no rule of its own: the apostrophe is not a word character.
fn is_boundary_after(text: &str, end: usize) -> bool {
    text[end..].chars().next().is_none_or(|c| !is_word_char(c))
}

/// Is the match a stock ticker in angle brackets, as wire services write them ("ADOBE
/// RESOURCES CORP <ADB>": not the Asian Development Bank)?
fn in_ticker_brackets(text: &str, start: usize, end: usize) -> bool {
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

/// The role given by the word right after a country mention, if any.
fn role_after(text: &str, end: usize) -> Option<Role> {
    let mut rest = &text[end..];
    for possessive in ["'s", "’s"] {
        if let Some(r) = rest.strip_prefix(possessive) {
            rest = r;
            break;
        }
    }
    let rest = rest.trim_start();
    let word: &str = rest
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    if word.is_empty() || word.len() > 16 {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    if GOVERNMENT_WORDS.contains(&lower.as_str()) {
        Some(Role::Government)
    } else if MILITARY_WORDS.contains(&lower.as_str()) {
        Some(Role::Military)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::DictionaryBuilder;

    const DICT: &str = "id\ttype\tname\taliases\tdemonyms\tcase\n\
        USA\tcountry\tUnited States\tU.S.|US|America\tAmerican\t\n\
        CHN\tcountry\tChina\t\tChinese\t\n\
        KOR\tcountry\tSouth Korea\t\t\t\n\
        TUR\tcountry\tTurkey\tTürkiye\t\t\n\
        boc\tcompany\tBank of China\t\t\t\n\
        hw\tcompany\tHuawei\t\t\t\n\
        gm\tcompany\tGeneral Motors\tGeneral Motors Co\t\t\n\
        eu\tagency\tEuropean Union\tEU\t\t\n\
        apl\tcompany\tApple\t\t\texact\n\
        acme\tcompany\tacme widgets\t\t\tignore\n\
        eh\tcompany\teHealth\t\t\t\n";

    fn find(text: &str) -> Vec<(String, String)> {
        let mut b = DictionaryBuilder::new();
        b.add_str("t.tsv", DICT).unwrap();
        let d = b.build();
        let m = Matcher::new(&d);
        let mut out = Vec::new();
        m.find_into(text, &mut out);
        out.iter()
            .map(|x| {
                (
                    text[x.start..x.end].to_string(),
                    d.entity(x.entity).id.clone(),
                )
            })
            .collect()
    }

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

    /// One line per case: text, then the mentions expected as "text=id" in order.
    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            ("The US said", &["US=USA"]),
            ("the U.S. said", &["U.S.=USA"]),
            ("let us go", &[]),
            ("Let Us go", &[]),
            ("Huawei's phones", &["Huawei=hw"]),
            ("Huawei’s phones", &["Huawei=hw"]),
            ("Huaweis phones", &[]),
            ("Bank of China lends", &["Bank of China=boc"]),
            ("Bank of Japan lends", &[]),
            ("the Bank of China's loans", &["Bank of China=boc"]),
            ("Bank of, China", &["China=CHN"]),
            ("BANK OF CHINA", &["BANK OF CHINA=boc"]),
            ("Bank Of China", &["Bank Of China=boc"]),
            ("South Korea and China", &["South Korea=KOR", "China=CHN"]),
            ("fine china plates", &[]),
            ("roast turkey", &[]),
            ("TÜRKIYE and Türkiye", &["TÜRKIYE=TUR", "Türkiye=TUR"]),
            ("General Motors Corp said", &["General Motors=gm"]),
            ("General Motors Co said", &["General Motors Co=gm"]),
            ("Chinese officials", &["Chinese=CHN"]),
            ("US-China talks", &["US=USA", "China=CHN"]),
            ("Chinaware", &[]),
            ("ChinaX", &[]),
            ("中国China", &[]),
            ("中国 China", &["China=CHN"]),
            ("éChina", &[]),
            ("U.S. TO IMPOSE TARIFFS", &["U.S.=USA"]),
            ("HELP US NOW", &[]),
            ("US TRADE TALKS", &[]),
            ("EU TRADE TALKS", &["EU=eu"]),
            ("an apple a day", &[]),
            ("Apple said", &["Apple=apl"]),
            ("APPLE said", &[]),
            (
                "ACME WIDGETS and Acme Widgets",
                &["ACME WIDGETS=acme", "Acme Widgets=acme"],
            ),
            // Text beginning with a lowercase letter is looked up only for aliases that can
            // be written so: one that ignores case, or one beginning in lowercase itself.
            ("acme widgets and acme", &["acme widgets=acme"]),
            (
                "eHealth, EHEALTH, Ehealth, ehealth",
                &["eHealth=eh", "EHEALTH=eh"],
            ),
        ];
        for (text, want) in cases {
            let got: Vec<String> = find(text)
                .into_iter()
                .map(|(t, id)| format!("{t}={id}"))
                .collect();
            assert_eq!(got, *want, "{text:?}");
        }
    }

    #[test]
    fn roles() {
        let mut b = DictionaryBuilder::new();
        b.add_str("t.tsv", DICT).unwrap();
        let d = b.build();
        let m = Matcher::new(&d);
        for (text, want) in [
            ("The US government said", Some(Role::Government)),
            ("US officials", Some(Role::Government)),
            ("the US military", Some(Role::Military)),
            ("China's government", Some(Role::Government)),
            ("the US market", None),
        ] {
            let mut out = Vec::new();
            m.find_into(text, &mut out);
            assert_eq!(out[0].role, want, "{text:?}");
        }
    }

    /// The matcher as it was first written, kept as the reference: an Aho–Corasick automaton
    /// of every alias (and its capitals) folding ASCII case, run overlapping over the whole
    /// text, each candidate then checked for word boundaries and case, and the same leftmost,
    /// longest choice.
    fn reference(d: &Dictionary, m: &Matcher, text: &str) -> Vec<Mention> {
        let mut patterns = Vec::new();
        let mut pattern_group = Vec::new();
        for (g, group) in d.groups().iter().enumerate() {
            patterns.push(group.text.clone());
            pattern_group.push(g as u32);
            let upper = group.text.to_uppercase();
            if !group.text.is_ascii() && upper != group.text {
                patterns.push(upper);
                pattern_group.push(g as u32);
            }
        }
        let ac = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&patterns)
            .unwrap();
        let mut out = Vec::new();
        for x in ac.find_overlapping_iter(text) {
            let (start, end) = (x.start(), x.end());
            if !is_boundary_before(text, start) || !is_boundary_after(text, end) {
                continue;
            }
            let g = pattern_group[x.pattern().as_usize()];
            let info = &m.groups[g as usize];
            let found = &text[start..end];
            if let Some(c) = info
                .claims
                .iter()
                .find(|c| accepts(info, c.case, found, text, start, end))
            {
                out.push(Mention {
                    start,
                    end,
                    entity: c.entity,
                    form: c.form,
                    role: None,
                    group: g,
                });
            }
        }
        out.sort_by(|a, b| (a.start, b.end, a.group).cmp(&(b.start, a.end, b.group)));
        out.dedup();
        let mut kept: Vec<Mention> = Vec::new();
        for x in out {
            if kept.last().is_none_or(|k| x.start >= k.end) {
                kept.push(x);
            }
        }
        for x in &mut kept {
            if m.entity_kinds[x.entity as usize] == EntityType::Country {
                x.role = role_after(text, x.end);
            }
        }
        kept
    }

    fn dictionary_and_text() -> impl proptest::strategy::Strategy<Value = (String, String)> {
        use proptest::prelude::*;
        let alias = prop::string::string_regex(r"[A-Za-zÉéÜüß0-9&.'\- ]{1,12}").unwrap();
        prop::collection::vec((alias, 0..3usize, 0..3usize), 1..8).prop_flat_map(|entries| {
            let mut tsv = String::from("id\ttype\tname\taliases\tcase\n");
            let mut names = Vec::new();
            for (i, (name, kind, case)) in entries.into_iter().enumerate() {
                let name = name.trim().to_string();
                if name.is_empty() {
                    continue;
                }
                let kind = ["country", "company", "agency"][kind];
                let case = ["auto", "exact", "ignore"][case];
                tsv.push_str(&format!("e{i}\t{kind}\t{name}\t\t{case}\n"));
                names.push(name.clone());
                names.push(name.to_uppercase());
                names.push(name.to_lowercase());
            }
            names.push("x".into());
            let piece = prop_oneof![
                3 => prop::sample::select(names),
                2 => prop::string::string_regex(r"[ .,'\-a-zÉü0-9\n]{0,3}").unwrap(),
                1 => any::<String>(),
            ];
            (
                Just(tsv),
                prop::collection::vec(piece, 0..30).prop_map(|v| v.concat()),
            )
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The word-start index finds exactly what the automaton finds.
        #[test]
        fn finds_what_an_automaton_finds((tsv, text) in dictionary_and_text()) {
            let mut b = DictionaryBuilder::new();
            if b.add_str("p.tsv", &tsv).is_err() {
                return Ok(());
            }
            let d = b.build();
            let m = Matcher::new(&d);
            let mut found = Vec::new();
            m.find_into(&text, &mut found);
            proptest::prop_assert_eq!(found, reference(&d, &m, &text));
            let explained: Vec<(usize, usize, u32)> = m
                .explain(&text)
                .into_iter()
                .filter(|c| c.verdict == Verdict::Kept)
                .map(|c| (c.start, c.end, c.group))
                .collect();
            let kept: Vec<(usize, usize, u32)> = reference(&d, &m, &text).iter().map(|x| (x.start, x.end, x.group)).collect();
            proptest::prop_assert_eq!(explained, kept);
        }
    }
}
