//! What a relation is worth downstream: its documented confidence, and its event codes
//! (CAMEO and PLOVER), which code a planned act as the announcement it is.

use super::relation::Modality;
use crate::relate::ontology;

/// The documented confidence: a rule's base, less 0.03 for each word beyond two between the
/// trigger and each side, 0.05 for each coordinated member beyond the first, and a quarter off
/// through coreference; clamped to 0.05..=0.99 and rounded to two decimals.
pub fn confidence(
    rule: &str,
    subject_distance: usize,
    object_distance: usize,
    member: usize,
    coreference: bool,
) -> f32 {
    let base = match rule {
        "svo" => 0.9,
        "passive-by" => 0.85,
        "nominal" => 0.8,
        "reciprocal" => 0.8,
        "said-must" => 0.7,
        "give" => 0.8,
        _ => 0.75,
    };
    let far = subject_distance.saturating_sub(2) + object_distance.saturating_sub(2);
    let mut c = base - 0.03 * far as f32 - 0.05 * member as f32;
    if coreference {
        c *= 0.75;
    }
    documented(c)
}

/// A confidence as the output gives it: clamped to 0.05..=0.99, two decimals.
fn documented(c: f32) -> f32 {
    (c.clamp(0.05, 0.99) * 100.0).round() / 100.0
}

/// The confidence of a relation through a company found by the form of its name, not a
/// dictionary ([`crate::open_world`]): a tenth off, rounded to two decimals as the rest.
pub fn through_open_world(confidence: f32) -> f32 {
    documented(confidence * 0.9)
}

/// The confidence of a relation through a mention whose context leaves open whether it names
/// the entity ("Chad Smith Associates", "Israel scored twice": [`crate::homonyms`]): a fifth
/// off, rounded to two decimals as the rest.
pub fn through_ambiguous(confidence: f32) -> f32 {
    documented(confidence * 0.8)
}

/// The CAMEO code and PLOVER category of a relation: its predicate's, except that a planned
/// act is coded as the announcement it is, as event coders do: a cooperative one as an intent
/// to cooperate (CAMEO 03, PLOVER AGREE), a hostile one as a threat (CAMEO 13, THREATEN).
pub fn event_codes(
    predicate: &ontology::Predicate,
    modality: Modality,
) -> (Option<&str>, Option<&str>) {
    let plover = predicate.plover.as_deref();
    if modality == Modality::Planned && plover.is_some_and(|p| COOPERATIVE.contains(&p)) {
        return (Some("03"), Some("AGREE"));
    }
    if modality == Modality::Planned && plover.is_some_and(|p| HOSTILE.contains(&p)) {
        return (Some("13"), Some("THREATEN"));
    }
    (predicate.cameo.as_deref(), plover)
}

/// Cooperative PLOVER categories: announcing one of these ("will support", "is ready to
/// send aid", "offered to withdraw") is CAMEO's 03 "express intent to cooperate", which PLOVER
/// files under AGREE.
const COOPERATIVE: &[&str] = &[
    "SUPPORT",
    "AID",
    "COOPERATE",
    "CONSULT",
    "RETREAT",
    "CONCEDE",
];

/// Hostile PLOVER categories: announcing one of these ("would tighten the blockade", "will
/// impose sanctions") is CAMEO's 13 "threaten" (1312 threaten with sanctions, 1381 with a
/// blockade, 138 with force), which PLOVER files under THREATEN.
pub(crate) const HOSTILE: &[&str] = &["SANCTION", "COERCE", "ASSAULT", "FIGHT"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confidence_orders_by_distance_and_coreference() {
        assert_eq!(confidence("svo", 0, 0, 0, false), 0.9);
        assert!(confidence("svo", 8, 0, 0, false) < confidence("svo", 1, 0, 0, false));
        assert!(confidence("svo", 0, 0, 0, true) < confidence("svo", 0, 0, 0, false));
    }
}
