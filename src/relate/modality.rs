//! Modality: how sure the article is of a relation, as cue words say it. Attempted ("trying
//! to") and planned ("will", "plans to") between the subject and the trigger, hypothetical
//! ("if" before the trigger), reported ("said", "according to", "a report" before the
//! subject). The words of reported speech that the rules also ask about live here too.

use super::classes::class;
use super::items::{Item, Kind, in_class};
use super::relation::Modality;

/// The modality of a trigger: cues between the subject and the trigger for attempted and
/// planned, "if" before the trigger for hypothetical ("If China bans Huawei, …", not "Russia
/// threatened to walk out if …", where the condition is on the threatened act), reporting cues
/// in the sentence (or a report noun just before the subject) for reported.
pub(crate) fn modality(items: &[Item], first: usize, subject_start: usize) -> Modality {
    if items[..first]
        .iter()
        .any(|it| in_class(it, class::HYPOTHETICAL))
    {
        return Modality::Hypothetical;
    }
    let between = items[..first]
        .iter()
        .filter(|it| it.start >= subject_start && matches!(it.kind, Kind::Word));
    let mut planned = false;
    for it in between {
        if in_class(it, class::ATTEMPTED) {
            return Modality::Attempted;
        }
        planned |= in_class(it, class::PLANNED);
    }
    if planned {
        return Modality::Planned;
    }
    if items.iter().any(|it| in_class(it, class::REPORTED)) {
        return Modality::Reported;
    }
    let before_subject = items
        .iter()
        .filter(|it| it.end <= subject_start && matches!(it.kind, Kind::Word))
        .rev()
        .take(6);
    for it in before_subject {
        if in_class(it, class::REPORT_NOUNS) {
            return Modality::Reported;
        }
    }
    Modality::Asserted
}

pub(crate) const HYPOTHETICAL: &[&str] = &["if", "unless", "whether", "should"];

pub(crate) const ATTEMPTED: &[&str] = &[
    "attempting",
    "attempt",
    "attempts",
    "attempted",
    "trying",
    "try",
    "tries",
    "tried",
    "seeking",
    "seek",
    "seeks",
    "sought",
    "working",
    "struggling",
    "aiming",
];

pub(crate) const PLANNED: &[&str] = &[
    "will",
    "would",
    "could",
    "may",
    "might",
    "shall",
    "plans",
    "plan",
    "planning",
    "planned",
    "intends",
    "intend",
    "intended",
    "considering",
    "consider",
    "considers",
    "considered",
    "mulling",
    "weighing",
    "expected",
    "proposed",
    "proposes",
    "propose",
    "vowed",
    "vows",
    "pledged",
    "pledges",
    "threatened",
    "threatens",
    "preparing",
    "prepares",
    "poised",
    "set",
    "wants",
    "want",
    "wanted",
    "hopes",
    "hope",
    "aims",
    "going",
    "willing",
    "ready",
    "prepared",
    "offered",
    "offers",
    "promised",
    "promises",
];

/// Cues of reported speech anywhere in the sentence.
pub(crate) const REPORTED: &[&str] = &[
    "according",
    "reportedly",
    "allegedly",
    "said",
    "says",
    "say",
    "told",
    "claim",
    "claims",
    "claimed",
    "alleged",
    "alleges",
    "reported",
    "sources",
];

/// Nouns that report what follows them ("a story about China and Russia spying").
pub(crate) const REPORT_NOUNS: &[&str] =
    &["story", "stories", "report", "reports", "rumours", "rumors"];

/// Verbs that report what an actor says.
pub(crate) const SPEECH_VERBS: &[&str] = &[
    "said", "says", "insisted", "insists", "declared", "declares", "stated", "states", "demanded",
    "warned", "argued", "argues",
];
