//! Negation: a relation is flagged `negated`, never dropped, when a negation ("not", "never",
//! "refused to", "denied", "-n't") stands between its subject and its trigger.

use super::classes::class;
use super::items::{Item, Kind, in_class};

/// A negation between the subject and the trigger, or right before the trigger.
pub(crate) fn negated(text: &str, items: &[Item], first: usize, subject_end: usize) -> bool {
    let mut k = first;
    let mut words = 0;
    while k > 0 && words < 6 {
        k -= 1;
        let it = &items[k];
        if it.end <= subject_end || !matches!(it.kind, Kind::Word) {
            if it.end <= subject_end {
                break;
            }
            continue;
        }
        let w = &text[it.start..it.end];
        if in_class(it, class::NEGATIONS) || w.ends_with("n't") || w.ends_with("n’t") {
            return true;
        }
        words += 1;
    }
    false
}

pub(crate) const NEGATIONS: &[&str] = &[
    "not",
    "never",
    "no",
    "refused",
    "refuses",
    "refuse",
    "declined",
    "declines",
    "decline",
    "failed",
    "unable",
    "fails",
    "without",
    "neither",
    "nor",
    // "Iran denied attacks on Kuwaiti tankers": a denial negates what it denies.
    "denied",
    "denies",
    "deny",
    "denying",
    // "Dart said it abandoned plans to acquire Dayton Hudson", "terminated its agreement with".
    "abandoned",
    "abandons",
    "abandon",
    "terminated",
    "terminates",
    "terminate",
    "cancelled",
    "canceled",
];

/// "Israel refused to meet Jordan's King Abdullah": a refusal between the subject (ending at
/// `subject_end`) and the trigger (starting at `trigger_start`). Refusing a cooperative act is
/// a rejection, as CAMEO codes it (12, "reject"); see [`super::Relater::relate_into`].
pub(crate) fn refused(
    text: &str,
    items: &[Item],
    subject_end: usize,
    trigger_start: usize,
) -> bool {
    items
        .iter()
        .filter(|it| it.start >= subject_end && it.end <= trigger_start)
        .any(|it| {
            matches!(it.kind, Kind::Word)
                && REFUSALS
                    .iter()
                    .any(|w| text[it.start..it.end].eq_ignore_ascii_case(w))
        })
}

/// Words of refusing.
const REFUSALS: &[&str] = &[
    "refused",
    "refuses",
    "refuse",
    "refusing",
    "declined",
    "declines",
    "decline",
    "declining",
];

/// The PLOVER categories of cooperative acts, whose refusal is a rejection.
pub(crate) const COOPERATIVE: &[&str] = &[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "AID",
    "COOPERATE",
    "CONCEDE",
    "RETREAT",
    "YIELD",
];
