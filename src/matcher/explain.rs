//! Why a text was or was not matched: [`Matcher::explain`] lists every span that spells an
//! alias, on word boundaries or not, with the [`Verdict`] on it, for `newsgraph dict explain`.
//! It runs the matcher itself to know which candidates were kept, so it always agrees with it.

use super::Matcher;
use super::case::{accepts, in_ticker_brackets};
use super::words::{is_boundary_after, is_boundary_before};
use crate::dictionary::Claim;

impl Matcher {
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
