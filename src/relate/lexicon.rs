//! Which word list each class bit stands for ([`super::classes::class`]), gathered once into
//! the map that [`super::classes::Classes`] is built from. The lists live in the rooms that
//! use them; this table is the one place that knows them all, and only
//! [`super::Relater::new`] reads it, so the rooms use the bits without importing each other.

use super::actors::IRREGULAR_VERBS;
use super::barriers::{BARRIER_WORDS, SUBORDINATORS};
use super::classes::class;
use super::coref::{AGENCY_NOUNS, COMPANY_NOUNS, COUNTRY_NOUNS, STATE_NOUNS};
use super::items::{FUNCTION_WORDS, QUANTIFIERS};
use super::modality::{ATTEMPTED, HYPOTHETICAL, PLANNED, REPORT_NOUNS, REPORTED, SPEECH_VERBS};
use super::negation::NEGATIONS;
use super::object::{ASSETS, CIVILIANS_AND_PLACES, DIRECT_OBJECT_STOPS, GOODS, PROPOSALS};
use super::offices::{NOT_ACTING, OFFICE_TITLES};
use super::rules::clause::{MONTHS, TIME_WORDS};
use super::rules::give::{GIVE_VERBS, GIVEN_THINGS};
use super::rules::nominal::{LIGHT_VERBS, UNDOING};
use super::rules::owner::{
    HELD_UNITS, HOLDING_VERBS, OWNER_CUES, OWNERSHIP_MODIFIERS, SHARE_BUYING, SHARE_NOUNS,
};
use super::rules::passive::BE_FORMS;
use super::rules::rating::{RATING_NOUNS, RATING_VERBS};
use super::rules::repelled::{ATTACK_NOUNS, REPELLING};
use super::rules::trade::{
    BUYING_VERBS, CONTRACT_NOUNS, RECEIVING, TRADE_NOUNS, TRADE_VERBS, TRADED,
};
use super::subject::{ADVERBS, AUXILIARIES, BODY_HEADS, COMPANY_FORMS, PLACE_PREPOSITIONS, SAYING};
use super::triggers::{BEFORE_VERB, DETERMINERS, PARTICLES};
use crate::hash::WordMap;

/// Each list with its bit.
const LISTS: &[(&[&str], u64)] = &[
    (ADVERBS, class::ADVERBS),
    (AGENCY_NOUNS, class::AGENCY_NOUNS),
    (ATTEMPTED, class::ATTEMPTED),
    (BARRIER_WORDS, class::BARRIER_WORDS),
    (BEFORE_VERB, class::BEFORE_VERB),
    (BE_FORMS, class::BE_FORMS),
    (CIVILIANS_AND_PLACES, class::CIVILIANS_AND_PLACES),
    (COMPANY_NOUNS, class::COMPANY_NOUNS),
    (COUNTRY_NOUNS, class::COUNTRY_NOUNS),
    (DETERMINERS, class::DETERMINERS),
    (DIRECT_OBJECT_STOPS, class::DIRECT_OBJECT_STOPS),
    (FUNCTION_WORDS, class::FUNCTION_WORDS),
    (GIVEN_THINGS, class::GIVEN_THINGS),
    (GIVE_VERBS, class::GIVE_VERBS),
    (GOODS, class::GOODS),
    (REPELLING, class::REPELLING),
    (ATTACK_NOUNS, class::ATTACK_NOUNS),
    (ASSETS, class::ASSETS),
    (HYPOTHETICAL, class::HYPOTHETICAL),
    (IRREGULAR_VERBS, class::IRREGULAR_VERBS),
    (LIGHT_VERBS, class::LIGHT_VERBS),
    (MONTHS, class::MONTHS),
    (NEGATIONS, class::NEGATIONS),
    (OFFICE_TITLES, class::OFFICE_TITLES),
    (NOT_ACTING, class::NOT_ACTING),
    (PARTICLES, class::PARTICLES),
    (PLACE_PREPOSITIONS, class::PLACE_PREPOSITIONS),
    (PLANNED, class::PLANNED),
    (QUANTIFIERS, class::QUANTIFIERS),
    (REPORTED, class::REPORTED),
    (REPORT_NOUNS, class::REPORT_NOUNS),
    (SAYING, class::SAYING),
    (SPEECH_VERBS, class::SPEECH_VERBS),
    (STATE_NOUNS, class::STATE_NOUNS),
    (SUBORDINATORS, class::SUBORDINATORS),
    (TIME_WORDS, class::TIME_WORDS),
    (UNDOING, class::UNDOING),
    (crate::matcher::GOVERNMENT_WORDS, class::GOVERNMENT_WORDS),
    (crate::matcher::MILITARY_WORDS, class::MILITARY_WORDS),
    (PROPOSALS, class::PROPOSALS),
    (AUXILIARIES, class::AUXILIARIES),
    (COMPANY_FORMS, class::COMPANY_FORMS),
    (BODY_HEADS, class::BODY_HEADS),
    (TRADE_VERBS, class::TRADE_VERBS),
    (BUYING_VERBS, class::TRADE_VERBS),
    (TRADE_NOUNS, class::TRADE_NOUNS),
    (TRADED, class::TRADED),
    (RECEIVING, class::RECEIVING),
    (CONTRACT_NOUNS, class::CONTRACT_NOUNS),
    (HELD_UNITS, class::HELD_UNITS | class::OWNER_CUES),
    (OWNER_CUES, class::OWNER_CUES),
    (OWNERSHIP_MODIFIERS, class::OWNERSHIP_MODIFIERS),
    (RATING_VERBS, class::RATING_VERBS),
    (RATING_NOUNS, class::RATING_NOUNS),
    (HOLDING_VERBS, class::HOLDING_VERBS | class::OWNER_CUES),
    (SHARE_BUYING, class::SHARE_BUYING | class::OWNER_CUES),
    (SHARE_NOUNS, class::SHARE_NOUNS),
];

/// Lowercase word → the bits of the lists it is in.
pub(crate) static CLASSES: std::sync::LazyLock<WordMap<&'static str, u64>> =
    std::sync::LazyLock::new(|| {
        let mut map: WordMap<&'static str, u64> = WordMap::default();
        for (list, bit) in LISTS {
            for w in *list {
                *map.entry(w).or_default() |= bit;
            }
        }
        map
    });
