//! Open-world companies: names that no dictionary lists, found by their form.
//!
//! Archives are full of firms that no list has: merged, renamed, private, foreign, gone. Wire
//! copy names them in a way that shows they are companies: a capitalised name ending in a legal
//! form ("Pennzoil Co", "Matsushita Electric Industrial Co Ltd", "Akzo NV"), a name followed by
//! its ticker ("Citicorp <CCI>", "Volkswagen AG <VOWG.F>"), or Reuters' angle brackets around an
//! unlisted firm ("<Drexel Burnham Lambert Inc>"). This module reads those forms; the grammar
//! (legal forms by country, company words, the words that may join a name and the words that
//! never begin one) is data, `dictionaries/company_names.tsv`, compiled in.
//!
//! A name's end is its form (or the word before its ticker); its start is found by walking back
//! over capitalised words, through a few joining words ("Black and Decker Inc", "E.I. du Pont de
//! Nemours and Co", "Bank of Tokyo Ltd"), stopping at a lower-case word ("said Allied Stores
//! Corp"), a sentence end, a comma, a possessive ("Japan's Nissan Motor Co" is "Nissan Motor
//! Co") and a word that begins no name ("The", "In", "Monday"). A country name inside is part of
//! the name ("American Motors Corp", "Bank of America"). A dictionary company or agency always
//! wins: a name that contains one, or lies inside one, is left to the dictionary.
//!
//! Within an article, the name without its legal form then stands for the company where it
//! appears again ("Pennzoil Co …, Pennzoil said"): see [`Grammar::short_forms`].
//!
//! This file holds the grammar and the walk; `words.rs` how a word of wire copy is read (its
//! ends, possessives, sentence ends, headlines, and the scan for capitals after a space);
//! `tests.rs` the cases, one line each.

use std::ops::Range;

use crate::dictionary::{CasePolicy, Entity, EntityId, EntityType, Form};
use crate::hash::WordMap;
use crate::matcher::{Matcher, Mention};
use words::*;

mod words;

/// The built-in grammar's source.
pub const BUILTIN: &str = include_str!("../../dictionaries/company_names.tsv");

/// The alias group of a mention found by its form: no dictionary alias, so no alternatives.
pub const NO_GROUP: u32 = u32::MAX;

/// How a name was recognised. The output says only `"form": "pattern"` for all of them; a
/// library caller that wants the kind of evidence reads it here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Evidence {
    /// A capitalised name ending in a legal form or company word: "Pennzoil Co".
    Form,
    /// A name followed by its ticker: "Citicorp <CCI>".
    Ticker,
    /// A name in angle brackets: "<Drexel Burnham Lambert Inc>".
    Bracket,
    /// A name found before in the article, again without its legal form: "Pennzoil".
    Short,
}

impl Evidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::Form => "form",
            Evidence::Ticker => "ticker",
            Evidence::Bracket => "bracket",
            Evidence::Short => "short",
        }
    }
}

/// A mention the dictionary already found, as the grammar needs to see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Known {
    pub start: usize,
    pub end: usize,
    /// A company or an agency: a name that contains it is the dictionary's. Otherwise (a
    /// country, a demonym, a capital) it may stand inside a name ("American Motors Corp").
    pub organisation: bool,
}

/// A company name found by its form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    /// The name as written, without a possessive "'s": "Pennzoil Co".
    pub span: Range<usize>,
    /// The name without its trailing legal forms: "Pennzoil". Its text gives the id.
    pub core: Range<usize>,
    pub evidence: Evidence,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Legal,
    Word,
    OfHead,
    Connector,
    Stop,
    Generic,
    Exchange,
}

const fn bit(kind: Kind) -> u8 {
    1 << kind as u8
}

/// The units a walk back took, from the right: a word or a dictionary mention, or a joining
/// word (true). On the stack: a walk is short.
#[derive(Default)]
struct Units {
    len: usize,
    items: [(usize, usize, bool); 2 * MAX_WORDS],
}

impl Units {
    fn push(&mut self, (r, joining): (Range<usize>, bool)) {
        self.items[self.len] = (r.start, r.end, joining);
        self.len += 1;
    }
    fn pop(&mut self) {
        self.len -= 1;
    }
    fn last(&self) -> Option<(Range<usize>, bool)> {
        self.len
            .checked_sub(1)
            .map(|i| (self.items[i].0..self.items[i].1, self.items[i].2))
    }
    fn iter(&self) -> impl Iterator<Item = (Range<usize>, bool)> + '_ {
        self.items[..self.len].iter().map(|&(s, e, j)| (s..e, j))
    }
}

/// The longest name, in words, that a walk back takes: longer runs of capitalised words are
/// headlines or lists, not one name.
const MAX_WORDS: usize = 8;

/// An error in a grammar file: its line and what is wrong.
#[derive(Debug)]
pub struct Error {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// The words of company names, read from a grammar file. Built once, shared by all workers.
#[derive(Clone, Debug)]
pub struct Grammar {
    /// Word → its kinds, a bit per [`Kind`].
    words: WordMap<String, u8>,
    /// For each capital letter A–Z of a word's first byte, the classes of second bytes that
    /// begin a legal form, company word or exchange ([`second_class`]): the scan looks up only
    /// the capitalised words whose first two bytes begin one.
    beginnings: [u64; 26],
}

impl Grammar {
    /// The grammar compiled in.
    pub fn builtin() -> &'static Grammar {
        static BUILT: std::sync::LazyLock<Grammar> = std::sync::LazyLock::new(|| {
            Grammar::parse(BUILTIN).expect("the built-in company grammar is valid")
        });
        &BUILT
    }

    /// Reads a grammar file: a header `word<TAB>kind<TAB>where`, then `word<TAB>kind` lines;
    /// `#` starts a comment line.
    pub fn parse(source: &str) -> Result<Grammar, Error> {
        let mut words: WordMap<String, u8> = WordMap::default();
        let mut header = false;
        for (i, line) in source.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut fields = line.split('\t');
            let (word, kind) = (fields.next().unwrap_or(""), fields.next().unwrap_or(""));
            let error = |message: String| Error {
                line: i + 1,
                message,
            };
            if !header {
                if word != "word" || kind != "kind" {
                    return Err(error(
                        "expected the header `word<TAB>kind<TAB>where`".into(),
                    ));
                }
                header = true;
                continue;
            }
            let kind = match kind {
                "legal" => Kind::Legal,
                "word" => Kind::Word,
                "of-head" => Kind::OfHead,
                "connector" => Kind::Connector,
                "stop" => Kind::Stop,
                "generic" => Kind::Generic,
                "exchange" => Kind::Exchange,
                other => {
                    return Err(error(format!(
                        "unknown kind {other:?} (legal, word, of-head, connector, stop, generic, exchange)"
                    )));
                }
            };
            if word.is_empty() || word.contains(char::is_whitespace) {
                return Err(error(format!("a word without spaces, not {word:?}")));
            }
            *words.entry(word.to_string()).or_default() |= bit(kind);
        }
        // What the scan looks for: the first bytes of a form ("Corp", "Co." and "Company" all
        // begin "Co"), and "<". Few short patterns keep the scan on its SIMD
        // prefilter; each hit is then read as a word and looked up.
        let mut beginnings = [0u64; 26];
        for (w, &k) in &words {
            let b = w.as_bytes();
            let anchor = bit(Kind::Legal) | bit(Kind::Word) | bit(Kind::Exchange);
            if k & anchor != 0 && b.len() >= 2 && b[0].is_ascii_uppercase() {
                beginnings[usize::from(b[0] - b'A')] |= 1 << second_class(b[1]);
            }
        }
        Ok(Grammar { words, beginnings })
    }

    /// The kinds of a word as written; a word with a full stop that is not a dotted form of
    /// its own ("PLC." ending a sentence) is the legal form or company word without it (not a
    /// stop word: "S. and A. Truck Tire Corp" keeps "A.").
    fn kinds(&self, word: &str) -> u8 {
        match self.words.get(word) {
            Some(&k) => k,
            None => match word.strip_suffix('.') {
                Some(bare) if !bare.is_empty() => {
                    let k = self.words.get(bare).copied().unwrap_or(0);
                    k & (bit(Kind::Legal) | bit(Kind::Word))
                }
                _ => 0,
            },
        }
    }

    fn is(&self, word: &str, kind: Kind) -> bool {
        self.kinds(word) & bit(kind) != 0
    }

    /// Company names in `text` (one field of an article) that `known`, the dictionary's
    /// mentions sorted by start, does not already name. Appends to `out` in text order.
    pub fn find(&self, text: &str, known: &[Known], out: &mut Vec<Name>) {
        let mut anchors = Vec::new();
        self.anchors(text, &mut anchors);
        self.find_at(text, &anchors, known, out);
    }

    /// Where a name may end in `text`, in order: each "<", and each capitalised word after a
    /// space, a line break or "(" that is a legal form, a company word or an exchange. One
    /// pass eight bytes at a time finds the capitals after a space (one word in five or six);
    /// two bytes and one lookup in a table of a few hundred words judge each. Appends byte
    /// offsets to `out`; none means the text names no company by its form.
    pub fn anchors(&self, text: &str, out: &mut Vec<usize>) {
        let bytes = text.as_bytes();
        let mut brackets = memchr::memchr_iter(b'<', bytes).peekable();
        let mut take = |at: usize, out: &mut Vec<usize>| {
            while let Some(&b) = brackets.peek().filter(|&&b| b < at) {
                out.push(b);
                brackets.next();
            }
            out.push(at);
        };
        capitals_after_space(bytes, |at| {
            let second = bytes.get(at + 1).copied().unwrap_or(b' ');
            if self.beginnings[usize::from(bytes[at] - b'A')] & (1 << second_class(second)) == 0 {
                return;
            }
            let word = word_at(text, at);
            let kinds = self.kinds(&text[word]);
            let wanted = if bytes[at - 1] == b'(' {
                bit(Kind::Exchange)
            } else {
                bit(Kind::Legal) | bit(Kind::Word)
            };
            if kinds & wanted != 0 {
                take(at, out);
            }
        });
        out.extend(brackets);
    }

    /// [`Grammar::find`] at the anchors [`Grammar::anchors`] gave for `text`.
    pub fn find_at(&self, text: &str, anchors: &[usize], known: &[Known], out: &mut Vec<Name>) {
        let first = out.len();
        let bytes = text.as_bytes();
        // Names before a ticker or in brackets first: a form name that overlaps one is the
        // same name ("Texaco Inc <TX>").
        for &at in anchors {
            if bytes[at] == b'<'
                && let Some(name) = self.bracketed(text, at, known)
                && !shouting(text, name.span.clone())
            {
                out.push(name);
            }
        }
        let tagged = out.len();
        let mut after = 0;
        for &at in anchors {
            if at < after || bytes[at] == b'<' {
                continue;
            }
            let word = word_at(text, at);
            let found = if bytes[at - 1] == b'(' {
                self.exchange_tag(text, at - 1, word.end, known)
            } else {
                self.ending_in_form(text, word, known)
            };
            let Some(name) = found else {
                continue;
            };
            if shouting(text, name.span.clone()) {
                continue;
            }
            after = name.span.end;
            let overlaps = out[first..tagged]
                .iter()
                .any(|t| t.span.start < name.span.end && name.span.start < t.span.end);
            if !overlaps {
                out.push(name);
            }
        }
        if tagged > first {
            out[first..].sort_by_key(|n| n.span.start);
        }
    }

    /// A ticker after a name ("Citicorp <CCI>") or a name in brackets ("<Fujitsu Ltd>").
    fn bracketed(&self, text: &str, open: usize, known: &[Known]) -> Option<Name> {
        let close = open + 1 + text[open + 1..].find(['>', '\n', '<'])?;
        if text.as_bytes()[close] != b'>' {
            return None;
        }
        let inside = &text[open + 1..close];
        // "<PZL>", "<TSBA.T>", "<VOLV ST>" (Stockholm's form).
        let ticker = !inside.is_empty()
            && inside.len() <= 12
            && inside.as_bytes()[0].is_ascii_alphanumeric()
            && inside
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'.' || b == b' ');
        if ticker {
            // The name before it, perhaps possessive ("Del E. Webb Corp's <DWP>").
            let mut end = text[..open].trim_end().len();
            if text[..end].ends_with("'s") {
                end -= 2;
            }
            let start = self.walk_back(text, end, known, true)?;
            let core = self.core(text, start..end);
            return self.unless_known(start..end, core, Evidence::Ticker, known);
        }
        let start = open + 1 + (inside.len() - inside.trim_start().len());
        let mut end = open + 1 + inside.trim_end().len();
        if text[..end].ends_with("'s") {
            end -= 2;
        }
        let name = &text[start..end];
        if name.len() > 80 || !capitalised(name) {
            return None;
        }
        let core = self.core(text, start..end);
        self.unless_known(start..end, core, Evidence::Bracket, known)
    }

    /// A name before an exchange's ticker tag: "Acme Rockets Inc (NYSE: ACME)", "(Nasdaq:ACME)".
    fn exchange_tag(
        &self,
        text: &str,
        open: usize,
        exchange_end: usize,
        known: &[Known],
    ) -> Option<Name> {
        let rest = text[exchange_end..]
            .strip_prefix(':')?
            .trim_start_matches(' ');
        let symbol = rest.split(')').next()?;
        let tag = !symbol.is_empty()
            && symbol.len() <= 12
            && symbol.len() < rest.len()
            && symbol
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
        if !tag {
            return None;
        }
        let mut end = text[..open].trim_end().len();
        if text[..end].ends_with("'s") {
            end -= 2;
        }
        let start = self.walk_back(text, end, known, true)?;
        let core = self.core(text, start..end);
        self.unless_known(start..end, core, Evidence::Ticker, known)
    }

    /// A capitalised name ending in the legal form or company word at `form`.
    fn ending_in_form(&self, text: &str, form: Range<usize>, known: &[Known]) -> Option<Name> {
        // The form is a whole word: after white space, before a boundary.
        if form.start == 0 || !text.as_bytes()[form.start - 1].is_ascii_whitespace() {
            return None;
        }
        if !ends_word(text, form.end) || inside_known(known, form.start).is_some() {
            return None;
        }
        // More forms may follow: "Co Ltd", "Corp Holdings Ltd".
        let mut end = form.end;
        let mut last = form.clone();
        let mut legal = self.is(&text[form.clone()], Kind::Legal);
        while let Some(next) = next_word(text, end) {
            let k = self.kinds(&text[next.clone()]);
            if k & (bit(Kind::Legal) | bit(Kind::Word)) == 0 || !ends_word(text, next.end) {
                break;
            }
            legal |= k & bit(Kind::Legal) != 0;
            end = next.end;
            last = next;
        }
        // "Bank of Tokyo Ltd", "Royal Bank of Canada": a company word before "of".
        let head = &text[last];
        let mut of_object = false;
        if self.is(head, Kind::OfHead)
            && let Some((extended, with_form)) = self.of_extension(text, end, known)
        {
            // After a legal form, "of" and a place is where the firm is ("Cigra Inc of
            // Chicago"), unless it is a country ("Aluminum Co of America").
            let country = || {
                next_word(text, end)
                    .and_then(|of| next_word(text, of.end))
                    .and_then(|w| inside_known(known, w.start))
                    .is_some_and(|k| !k.organisation && k.end == extended)
            };
            if !self.is(head, Kind::Legal) || with_form || country() {
                end = extended;
                legal |= with_form;
                of_object = true;
            }
        }
        if !legal && !of_object {
            // A company word makes a company only as the last word of a name: "Group of
            // Seven", "Bank Leumi" are not that.
            if let Some(next) = next_word(text, end) {
                let w = &text[next];
                if w == "of" || capitalised(w) {
                    return None;
                }
            }
        }
        let start = self.walk_back(text, form.start, known, false)?;
        // "Nova, an Alberta Corp", "a Delaware corporation": a description, not a name.
        if prev_word(text, start).is_some_and(|w| matches!(&text[w], "a" | "an" | "A" | "An")) {
            return None;
        }
        if !legal && !of_object && !self.distinctive(text, start..form.start, known) {
            // "Central Bank", "U.S. Bank": a company word after generic words or a country
            // names no one firm.
            return None;
        }
        // A sentence's full stop is not the name's, unless the last word is a dotted form.
        if text[..end].ends_with('.')
            && self
                .words
                .get(&text[word_at(text, prev_word(text, end)?.start)])
                .is_none_or(|&k| k & bit(Kind::Legal) == 0)
        {
            end -= 1;
        }
        let core = self.core(text, start..end);
        self.unless_known(start..end, core, Evidence::Form, known)
    }

    /// After "Bank" (an of-head that is no legal form): "of" and one to four capitalised
    /// words, then perhaps legal forms. Returns the new end and whether a legal form was taken.
    fn of_extension(&self, text: &str, end: usize, known: &[Known]) -> Option<(usize, bool)> {
        let of = next_word(text, end)?;
        if &text[of.clone()] != "of" {
            return None;
        }
        let mut at = of.end;
        let mut taken = 0;
        let mut legal = false;
        while let Some(w) = next_word(text, at) {
            let word = &text[w.clone()];
            if taken > 0 && self.is(word, Kind::Legal) {
                legal = true;
            } else if legal || taken == 4 || !capitalised(word) || self.is(word, Kind::Stop) {
                break;
            } else if let Some(k) = inside_known(known, w.start) {
                if k.organisation {
                    return None;
                }
                taken += 1;
                at = k.end;
                if possessive_at(text, at) {
                    break;
                }
                continue;
            } else {
                taken += 1;
            }
            at = w.end;
            if possessive_at(text, at) || sentence_end(word) {
                break;
            }
        }
        (taken > 0).then_some((at, legal))
    }

    /// True when the words in `range` hold one that is neither generic ("Central", "National")
    /// nor a country's name: the words that make "Meritor Savings Bank" one firm.
    fn distinctive(&self, text: &str, range: Range<usize>, known: &[Known]) -> bool {
        let mut at = range.start;
        while at < range.end {
            let w = word_at(text, at);
            if w.is_empty() {
                at += 1;
                continue;
            }
            let word = &text[w.clone()];
            if capitalised(word)
                && !self.is(word, Kind::Generic)
                && inside_known(known, w.start).is_none()
            {
                return true;
            }
            at = w.end.max(at + 1);
            while at < range.end && !word_byte(text.as_bytes()[at]) {
                at += 1;
            }
        }
        false
    }

    /// Where a name that ends at `end` begins: walks back over capitalised words and joining
    /// words. None when no name word that is not itself a form stands before `end`, or when
    /// the words belong to a dictionary company or agency.
    fn walk_back(&self, text: &str, end: usize, known: &[Known], tagged: bool) -> Option<usize> {
        // The units taken, from the right: a word or a dictionary mention, or a joining word.
        let mut units: Units = Units::default();
        let mut names = 0;
        let mut pos = end;
        while let Some(w) = prev_word(text, pos) {
            // A dictionary mention is one unit: an organisation's name is the dictionary's
            // (unless a joining word stands between), a country's is a name word.
            if let Some(k) = inside_known(known, w.start) {
                if possessive_at(text, k.end) {
                    break;
                }
                if k.organisation {
                    // "IBM and Apple Computer Inc": two firms. "LSI Logic Corp of Canada Inc":
                    // the dictionary's firm goes on, and the name is the dictionary's.
                    match units.last() {
                        Some((joining, true)) if &text[joining.clone()] != "of" => break,
                        _ => return None,
                    }
                }
                units.push((k.start..k.end, false));
                pos = k.start;
            } else {
                let word = &text[w.clone()];
                // "McDonald's Corp", "Hudson's Bay Co" keep their possessive; a possessive
                // before a joining word or a stop word does not ("Japan's and").
                if self.is(word, Kind::Stop)
                    || possessive_at(text, w.end)
                        && (!capitalised(word) || self.is(word, Kind::Legal))
                {
                    break;
                }
                // "Boston-based FMR Corp": the city says where, not who.
                if word.rsplit_once('-').is_some_and(|(_, tail)| {
                    matches!(
                        tail,
                        "based"
                            | "owned"
                            | "held"
                            | "controlled"
                            | "run"
                            | "led"
                            | "backed"
                            | "listed"
                            | "registered"
                            | "born"
                            | "occupied"
                    )
                }) {
                    break;
                }
                if !capitalised(word) {
                    // A joining word needs a name word after it, or a legal form ("Merck and
                    // Co", "Smith & Co").
                    let after_ok = match units.last() {
                        Some(u) => !u.1,
                        None => {
                            matches!(word, "and" | "&")
                                && self.is(&text[word_at(text, end)], Kind::Legal)
                        }
                    };
                    if !self.is(word, Kind::Connector) || !after_ok {
                        break;
                    }
                    let Some(before) = prev_word(text, w.start) else {
                        break;
                    };
                    let left = &text[before.clone()];
                    // "of" joins only after a company word: "Bank of Tokyo", not "Shares of
                    // Pennzoil"; "and" does not join a name that a form, a ticker or the
                    // dictionary already ends ("Ford Motor Co and General Motors Corp").
                    let joins = if word == "of" {
                        // Before a ticker the name is sure: "Public Service of New Mexico <PNM>".
                        self.is(left, Kind::OfHead) || tagged && capitalised(left)
                    } else {
                        // One "and" joins a name: "Seemala and Boesky and Co" is two firms.
                        let second = matches!(word, "and" | "&")
                            && units
                                .iter()
                                .any(|(r, joining)| joining && matches!(&text[r], "and" | "&"));
                        !(self.is(left, Kind::Legal) && word != "&"
                            || second
                            || text[before.end..w.start].contains(['>', ','])
                            || possessive_at(text, before.end))
                    };
                    if !joins {
                        break;
                    }
                    units.push((w.clone(), true));
                    pos = w.start;
                    continue;
                }
                if sentence_end(word) {
                    break;
                }
                units.push((w.clone(), false));
                pos = w.start;
            }
            names += 1;
            if names == MAX_WORDS {
                break;
            }
        }
        // A joining word at the front joins nothing.
        while units.last().is_some_and(|u| u.1) {
            units.pop();
        }
        // "Kidder, Peabody and Co", "Donaldson, Lufkin and Jenrette Inc": a firm of partners'
        // names keeps its comma where one name comes before it and "and" or "&" after it.
        if let Some(first) = units.last() {
            let joined = units
                .iter()
                .any(|(r, joining)| joining && matches!(&text[r], "and" | "&"));
            let comma = text[..first.0.start]
                .strip_suffix(' ')
                .is_some_and(|t| t.ends_with(','));
            if joined && comma {
                let partner = prev_word(text, first.0.start - 2);
                // "Goldman, Sachs and Co" with Goldman a dictionary firm: the dictionary's.
                if partner
                    .as_ref()
                    .and_then(|w| inside_known(known, w.start))
                    .is_some_and(|k| k.organisation)
                {
                    return None;
                }
                let partner = partner.filter(|w| {
                    let word = &text[w.clone()];
                    capitalised(word)
                        && !self.is(word, Kind::Stop)
                        && !self.is(word, Kind::Legal)
                        && !sentence_end(word)
                        && !possessive_at(text, w.end)
                        && inside_known(known, w.start).is_none()
                        && prev_word(text, w.start).is_none_or(|b| !capitalised(&text[b]))
                });
                if let Some(w) = partner {
                    units.push((w, false));
                }
            }
        }
        // A name of forms alone ("Co Ltd") names nobody.
        if !units
            .iter()
            .any(|(r, joining)| !joining && !self.is(&text[r.clone()], Kind::Legal))
        {
            return None;
        }
        units.last().map(|u| u.0.start)
    }

    /// The name without its trailing legal forms: "Pennzoil Co Ltd" → "Pennzoil".
    fn core(&self, text: &str, span: Range<usize>) -> Range<usize> {
        let mut end = span.end;
        while let Some(w) = prev_word(text, end) {
            if w.start <= span.start || !self.is(&text[w.clone()], Kind::Legal) {
                break;
            }
            end = text[..w.start].trim_end().len();
            // "Black and Decker" keeps "and"; "Smith & Co" and "Merck and Co" drop it with "Co".
            for joining in [" &", " and", ","] {
                if text[..end].ends_with(joining) && end - joining.len() > span.start {
                    end = text[..end - joining.len()].trim_end().len();
                    break;
                }
            }
        }
        span.start..end.max(span.start)
    }

    /// The name, unless the dictionary names the same text ("Chevron Corp" when "Chevron" is a
    /// dictionary company: the core is that mention).
    fn unless_known(
        &self,
        span: Range<usize>,
        core: Range<usize>,
        evidence: Evidence,
        known: &[Known],
    ) -> Option<Name> {
        if span.is_empty() || core.is_empty() {
            return None;
        }
        // A place before a legal form is a company's name ("Hong Kong Ltd"); the same words
        // alone are the place's.
        let from = known.partition_point(|k| k.end <= span.start);
        let covered = known[from..]
            .iter()
            .take_while(|k| k.start < span.end)
            .any(|k| k.organisation || (k.start == span.start && k.end == span.end));
        if covered {
            return None;
        }
        Some(Name {
            span,
            core,
            evidence,
        })
    }

    /// Later mentions of names found in this text, without their legal forms: after "Pennzoil
    /// Co", "Pennzoil said". Only where the same words stand alone (not beside another
    /// capitalised word, which would make another name or a person: "Pennzoil Exploration",
    /// "William Olsten"), outside the dictionary's mentions and the names found. `names` holds
    /// what [`Grammar::find`] found in `text`; the short forms are added to it, and it ends
    /// sorted by start.
    pub fn short_forms(&self, text: &str, known: &[Known], names: &mut Vec<Name>) {
        let found = names.len();
        for i in 0..found {
            let n = &names[i];
            let (core_range, from) = (n.core.clone(), n.span.end);
            let core = &text[core_range.clone()];
            if core.len() < 3 || n.core == n.span || self.is(core, Kind::Stop) {
                continue;
            }
            if names[..i].iter().any(|m| text[m.core.clone()] == *core) {
                continue;
            }
            // A one-word name that the article also uses as a common word ("Time Inc", "the
            // time") is no evidence where it stands alone.
            if !core.contains(' ') && contains_lowercased(text, core) {
                continue;
            }
            for at in memchr::memmem::find_iter(&text.as_bytes()[from..], core.as_bytes()) {
                let s = from + at;
                let e = s + core.len();
                if !starts_after_boundary(text, s) || !ends_word(text, e) {
                    continue;
                }
                // A ticker is no mention: "NWA Inc <NWA>".
                if s > 0 && text.as_bytes()[s - 1] == b'<' {
                    continue;
                }
                // "William Olsten", "Mr. Olsten" (a person); but after a full stop ("Gulfex
                // Inc. Pennzoil said") a sentence begins.
                let before_capital = prev_word(text, s).is_some_and(|w| {
                    let word = &text[w.clone()];
                    capitalised(word)
                        && !text[w.end..s].contains('\n')
                        && (!word.ends_with('.') || self.is(word, Kind::Stop))
                });
                let after_capital = !possessive_at(text, e)
                    && next_word(text, e).is_some_and(|w| {
                        text[e..w.start].bytes().all(|b| b == b' ') && capitalised(&text[w])
                    });
                if before_capital || after_capital {
                    continue;
                }
                let overlaps = known.iter().any(|k| k.start < e && s < k.end)
                    || names.iter().any(|m| m.span.start < e && s < m.span.end);
                if overlaps || shouting(text, s..e) {
                    continue;
                }
                names.push(Name {
                    span: s..e,
                    core: s..e,
                    evidence: Evidence::Short,
                });
            }
        }
        names.sort_by_key(|n| n.span.start);
    }

    /// Adds to `mentions`, a field's dictionary mentions in text order, the companies of
    /// `text` found by the form of their names, with their short forms; the dictionary mentions
    /// inside such a name (a country in "American Motors Corp") give way to it. Each company
    /// is an entity of `open` (the article's own, one per id, so "Pennzoil Co" in the title and
    /// "Pennzoil" in the text are one), with the id `matcher.entity_count() + i`. `known` and `names` are
    /// working buffers, and so is `anchors`.
    #[allow(clippy::too_many_arguments)]
    pub fn add_companies(
        &self,
        matcher: &Matcher,
        text: &str,
        mentions: &mut Vec<Mention>,
        open: &mut Vec<Entity>,
        known: &mut Vec<Known>,
        names: &mut Vec<Name>,
        anchors: &mut Vec<usize>,
    ) {
        anchors.clear();
        self.anchors(text, anchors);
        if anchors.is_empty() {
            return;
        }
        known.clear();
        known.extend(mentions.iter().map(|m| Known {
            start: m.start,
            end: m.end,
            organisation: matcher.kind(m.entity) != EntityType::Country,
        }));
        names.clear();
        self.find_at(text, anchors, known, names);
        if names.is_empty() {
            return;
        }
        self.short_forms(text, known, names);
        mentions.retain(|m| {
            !names
                .iter()
                .any(|n| n.span.start < m.end && m.start < n.span.end)
        });
        let base = matcher.entity_count();
        for n in names.iter() {
            let id = key(&text[n.core.clone()]);
            let index = match open.iter().position(|e| e.id == id) {
                Some(i) => i,
                None => {
                    open.push(Entity {
                        id,
                        kind: EntityType::Company,
                        name: text[n.span.clone()].to_string(),
                        country: None,
                        wikidata: None,
                        refs: Vec::new(),
                        case: CasePolicy::Exact,
                    });
                    open.len() - 1
                }
            };
            mentions.push(Mention {
                start: n.span.start,
                end: n.span.end,
                entity: (base + index) as EntityId,
                form: Form::Pattern,
                role: None,
                group: NO_GROUP,
                ambiguous: false,
            });
        }
        mentions.sort_by_key(|m| m.start);
    }
}

/// The id of a company known by its name only: `name:` and the name without its legal form,
/// lower-cased, words joined by '-' ("Pennzoil Co" → `name:pennzoil`, "Black & Decker" →
/// `name:black-and-decker`). The same in every article, so counts across stories add up.
pub fn key(core: &str) -> String {
    let mut out = String::with_capacity(core.len() + 5);
    out.push_str("name:");
    let core = core.strip_prefix("The ").unwrap_or(core);
    let mut dash = false;
    for c in core.chars() {
        if c == '&' {
            if !out.ends_with(':') && !out.ends_with('-') {
                out.push('-');
            }
            out.push_str("and");
            dash = true;
            continue;
        }
        if c.is_alphanumeric() {
            if dash && !out.ends_with(':') && !out.ends_with('-') {
                out.push('-');
            }
            out.extend(c.to_lowercase());
            dash = false;
        } else if c != '.' && c != '\'' && c != '’' {
            dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests;
