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
//!
//! The rooms, in the order a text goes through them:
//!
//! - `words.rs`: letters and digits, word ends and boundaries, eight bytes at a time over ASCII;
//! - `index.rs`: the tables built from the dictionary's alias groups (the starts, the aliases,
//!   the other beginnings) and the lookups in them; `bloom.rs`, the filter in front of them;
//! - `case.rs`: the per-alias case policy, lines in capitals and tickers in angle brackets;
//! - `role.rs`: the role a country mention plays, read from the word after it;
//! - `dated.rs`: the article's date applied to the mentions: people out of office, renamed
//!   states;
//! - `explain.rs`: every candidate span of a text with the verdict on it, for `dict explain`;
//! - `reference.rs` (tests only): the Aho–Corasick automaton the matcher is held to.
//!
//! This file holds the scan itself: the possible starts of a text, the candidates at each, and
//! the choice of the leftmost, longest ones.

mod bloom;
mod case;
mod dated;
mod explain;
mod index;
#[cfg(test)]
mod reference;
mod role;
mod surnames;
mod words;

pub use case::is_english_word;
pub use dated::Dating;
pub use explain::{Candidate, Verdict};
pub use role::Role;
pub(crate) use role::{GOVERNMENT_WORDS, MILITARY_WORDS};
pub(crate) use words::{ASCII_WORD, ascii_word_end, char_at};

use crate::dictionary::{Claim, Dictionary, EntityId, EntityType, Form, RenamedState, Term};
use crate::hash::WordMap;
use bloom::Bloom;
use case::{GroupInfo, accepts};
use index::{Aliases, Start, Starts, beginning_hash};
use rayon::prelude::*;
use role::role_after;
use words::{is_word_char, word_end};

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
    /// The context leaves open whether the name is the entity's: "Chad" before a surname that
    /// is also an English word ([`crate::homonyms`]). The matcher never sets it.
    pub ambiguous: bool,
}

/// Finds mentions of a [`Dictionary`]'s entities. Built once, shared by all workers.
#[derive(Clone, Debug)]
pub struct Matcher {
    /// Key of an alias's start ([`start_key`], lowercased) → the length in bytes of the longest
    /// alias with that start, and the alias groups of the key itself when it is an alias (most
    /// aliases are one word), as in `aliases`.
    ///
    /// [`start_key`]: index::start_key
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
    /// The dictionary's terms of office ([`Dictionary::office`]): `Claim::office` `k` is
    /// `offices[k - 1]`.
    offices: Vec<Box<[Term]>>,
    /// The dictionary's renamed states ([`Dictionary::renamed`]).
    renamed: Vec<RenamedState>,
}

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
            offices: (1..=dict.dated_names() as u32)
                .map(|k| dict.office(k).into())
                .collect(),
            renamed: dict.renamed().to_vec(),
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
    /// later place an alias could end, while the text so far begins an alias. Always inlined
    /// into the scan, and the rest out of line: most words start no alias, and for them the
    /// call itself was a sixth of the instructions spent here.
    #[inline(always)]
    fn starting_at(
        &self,
        text: &str,
        lower: &str,
        start: usize,
        key_end: usize,
        out: &mut Vec<Mention>,
    ) {
        let lowercase = text.as_bytes()[start].is_ascii_lowercase();
        if let Some(first) = self.starts.get_in(lower, start, key_end, lowercase) {
            self.continuing(text, lower, start, key_end, first, out);
        }
    }

    /// [`Matcher::starting_at`] once the key is known to be a start, `first` its entry.
    #[inline(never)]
    fn continuing(
        &self,
        text: &str,
        lower: &str,
        start: usize,
        key_end: usize,
        first: &Start,
        out: &mut Vec<Mention>,
    ) {
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
                ambiguous: false,
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
                c.entity != m.entity
                    && accepts(info, c.case, found, text, m.start, m.end)
                    && !self.renamed_from(c.entity, m.entity)
            })
            .map(|c| c.entity)
    }

    /// The type of a dictionary entity, from a table of types alone: the per-mention lookups
    /// of later stages stay in cache where the entities themselves (a 100,000-entry dictionary
    /// is megabytes of them) would not. An id past the dictionary's (an article's own company,
    /// see [`crate::open_world`]) is a company.
    #[inline]
    pub fn kind(&self, id: EntityId) -> EntityType {
        self.entity_kinds
            .get(id as usize)
            .copied()
            .unwrap_or(EntityType::Company)
    }

    /// How many entities the dictionary has: the first id of an article's own companies.
    pub fn entity_count(&self) -> usize {
        self.entity_kinds.len()
    }

    /// The alias text a mention matched (as written in the dictionary).
    pub fn alias(&self, m: &Mention) -> &str {
        &self.groups[m.group as usize].text
    }

    /// The text and claims of an alias group, by the index a [`Mention`] or [`Candidate`] holds.
    pub fn group(&self, group: u32) -> (&str, &[Claim]) {
        let info = &self.groups[group as usize];
        (&info.text, &info.claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::DictionaryBuilder;

    pub(super) const DICT: &str = "id\ttype\tname\taliases\tdemonyms\tcase\n\
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
}
