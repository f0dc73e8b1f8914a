//! Word classes: each word item carries, as bits, the word lists it is in, so that a rule asks
//! "is this a negation?" with one AND instead of comparing the word with a list. A word is
//! looked up once, when the sentence becomes items. The bits are here; which list fills each
//! bit is the table in [`super::lexicon`], and each list lives in the room that uses it.

use crate::hash::WordMap;
use crate::relate::ontology::Ontology;

/// `word` in lower case, into a reused buffer. Most words are ASCII, and Unicode lowercasing
/// char by char was the largest single cost of the relation stage (a fifth of the pipeline on
/// the Reuters corpus), so ASCII takes a byte-wise path that gives the same result.
pub(crate) fn lowercase_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
    } else {
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
}

/// The word lists as bits, so that a word is looked up once (in [`super::items::tokens`]) instead of
/// compared with every list that a rule asks about: list membership was a tenth of the
/// pipeline's instructions.
pub(crate) mod class {
    pub const ADVERBS: u64 = 1 << 0;
    pub const AGENCY_NOUNS: u64 = 1 << 1;
    pub const ATTEMPTED: u64 = 1 << 2;
    pub const BARRIER_WORDS: u64 = 1 << 3;
    pub const BEFORE_VERB: u64 = 1 << 4;
    pub const BE_FORMS: u64 = 1 << 5;
    pub const CIVILIANS_AND_PLACES: u64 = 1 << 6;
    pub const COMPANY_NOUNS: u64 = 1 << 7;
    pub const COUNTRY_NOUNS: u64 = 1 << 8;
    pub const DETERMINERS: u64 = 1 << 9;
    pub const DIRECT_OBJECT_STOPS: u64 = 1 << 10;
    pub const FUNCTION_WORDS: u64 = 1 << 11;
    pub const GIVEN_THINGS: u64 = 1 << 12;
    pub const GIVE_VERBS: u64 = 1 << 13;
    pub const GOODS: u64 = 1 << 14;
    pub const HYPOTHETICAL: u64 = 1 << 15;
    pub const IRREGULAR_VERBS: u64 = 1 << 16;
    pub const LIGHT_VERBS: u64 = 1 << 17;
    pub const NOT_ACTING: u64 = 1 << 18;
    pub const MONTHS: u64 = 1 << 19;
    pub const NEGATIONS: u64 = 1 << 20;
    pub const OFFICE_TITLES: u64 = 1 << 21;
    pub const PARTICLES: u64 = 1 << 22;
    pub const PLACE_PREPOSITIONS: u64 = 1 << 23;
    pub const PLANNED: u64 = 1 << 24;
    pub const QUANTIFIERS: u64 = 1 << 25;
    pub const REPORTED: u64 = 1 << 26;
    pub const REPORT_NOUNS: u64 = 1 << 27;
    pub const SAYING: u64 = 1 << 28;
    pub const SPEECH_VERBS: u64 = 1 << 29;
    pub const STATE_NOUNS: u64 = 1 << 30;
    pub const SUBORDINATORS: u64 = 1 << 31;
    pub const TIME_WORDS: u64 = 1 << 32;
    pub const UNDOING: u64 = 1 << 33;
    pub const ASSETS: u64 = 1 << 34;
    pub const REPELLING: u64 = 1 << 35;
    pub const ATTACK_NOUNS: u64 = 1 << 36;
    pub const GOVERNMENT_WORDS: u64 = 1 << 37;
    pub const MILITARY_WORDS: u64 = 1 << 38;
    pub const PROPOSALS: u64 = 1 << 39;
    pub const AUXILIARIES: u64 = 1 << 40;
    pub const COMPANY_FORMS: u64 = 1 << 41;
    pub const BODY_HEADS: u64 = 1 << 42;
    pub const TRADE_VERBS: u64 = 1 << 43;
    pub const TRADE_NOUNS: u64 = 1 << 44;
    pub const TRADED: u64 = 1 << 45;
    pub const RECEIVING: u64 = 1 << 46;
    pub const CONTRACT_NOUNS: u64 = 1 << 47;
    pub const HELD_UNITS: u64 = 1 << 48;
    pub const OWNER_CUES: u64 = 1 << 49;
    pub const OWNERSHIP_MODIFIERS: u64 = 1 << 50;
    pub const RATING_VERBS: u64 = 1 << 51;
    pub const RATING_NOUNS: u64 = 1 << 52;
    pub const HOLDING_VERBS: u64 = 1 << 53;
    pub const SHARE_BUYING: u64 = 1 << 54;
    pub const SHARE_NOUNS: u64 = 1 << 55;
    /// A trigger of the relation table starts with the word (set from the ontology, not from
    /// a list).
    pub const TRIGGER: u64 = 1 << 63;
}

/// Lowercase word → its class bits: those of the word lists ([`super::lexicon::CLASSES`]), and
/// [`class::TRIGGER`] for the first
/// word of a trigger of the ontology. One lookup for each word of a sentence where there were
/// two (the lists, then the triggers), which was a twentieth of the pipeline's time.
#[derive(Clone, Debug)]
pub(crate) struct Classes {
    pub(crate) words: WordMap<Box<str>, u64>,
    /// The longest word, in bytes: a longer one is in no class, and is not hashed.
    pub(crate) longest: usize,
}

impl Classes {
    /// `lists`: each word of the lists with the bits of the lists it is in.
    pub(crate) fn new(lists: &WordMap<&'static str, u64>, ontology: &Ontology) -> Classes {
        let mut words: WordMap<Box<str>, u64> =
            lists.iter().map(|(&w, &bits)| (w.into(), bits)).collect();
        for w in ontology.trigger_words() {
            *words.entry(w.into()).or_default() |= class::TRIGGER;
        }
        let longest = words.keys().map(|w| w.len()).max().unwrap_or(0);
        Classes { words, longest }
    }

    /// The class bits of `word` (any case); `lower` is a reused buffer.
    pub(crate) fn of(&self, word: &str, lower: &mut String) -> u64 {
        // ASCII lowercasing keeps the length: a longer ASCII word is in no class, and is not
        // copied (a fifth of this function's instructions were the copy).
        if word.len() > self.longest && word.is_ascii() {
            return 0;
        }
        lowercase_into(word, lower);
        if lower.len() > self.longest {
            return 0;
        }
        self.words.get(lower.as_str()).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII fast path of `lowercase_into` must agree with Unicode lowercasing.
    #[test]
    fn lowercase_into_agrees_with_to_lowercase() {
        let mut buf = String::from("left over");
        for word in [
            "Banned",
            "SANCTIONS",
            "spy",
            "Ünal",
            "İstanbul",
            "ΣΟΦΊΑ",
            "U.S.",
            "",
        ] {
            lowercase_into(word, &mut buf);
            assert_eq!(buf, word.to_lowercase(), "{word:?}");
        }
    }
}
