//! Rule `reciprocal`: "China and Russia met", "Israel and Lebanon renewed talks" (a symmetric
//! predicate with a coordinated subject and no object) relate the first member of the group
//! to each of the others. Counter-example: "met with Germany, Japan, and Italy, and are
//! considering offering …" (the group is not the next verb's subject).

use crate::relate::confidence::confidence;
use crate::relate::items::{Item, Kind, Side};
use crate::relate::modality::modality;
use crate::relate::negation::negated;
use crate::relate::ontology::PredicateId;
use crate::relate::relation::Relation;
use crate::relate::subject::side_left;

/// A bare noun trigger ("talks"): only "A and B renewed talks", a coordinated subject close
/// before it.
pub(super) fn bare_noun(
    text: &str,
    items: &[Item],
    first: usize,
    last: usize,
    predicate: PredicateId,
    out: &mut Vec<Relation>,
) {
    let Some(left) = side_left(text, items, first).0 else {
        return;
    };
    if left.distance > 3 || left.args.len() < 2 {
        return;
    }
    emit(text, items, first, last, predicate, &left, out);
}

/// "China and Russia met", "Israel and Lebanon renewed talks": the first member of a
/// coordinated subject relates to each of the others (rule `reciprocal`).
pub(super) fn emit(
    text: &str,
    items: &[Item],
    first: usize,
    last: usize,
    predicate: PredicateId,
    group: &Side,
    out: &mut Vec<Relation>,
) {
    // The group must be the clause's subject, right before its verb: not "met with Germany,
    // Japan, and Italy, and are considering offering …".
    let group_end = group.args.iter().map(|a| a.end).max().unwrap_or(0);
    let between = items[..first].iter().filter(|it| it.start >= group_end);
    let mut words = 0;
    for it in between {
        match it.kind {
            Kind::Punct(_) => return,
            Kind::Word => words += 1,
            Kind::Entity { .. } => {}
        }
    }
    if words > 3 {
        return;
    }
    let head = group.args[0];
    let subject_end = group.args.iter().map(|a| a.end).max().unwrap_or(0);
    let negated = negated(text, items, first, subject_end);
    let modality = modality(items, first, head.start);
    for (k, other) in group.args.iter().enumerate().skip(1) {
        out.push(Relation {
            predicate,
            subject: head,
            object: *other,
            trigger: items[first].start..items[last].end,
            intermediary: None,
            negated,
            modality,
            rule: "reciprocal",
            confidence: confidence(
                "reciprocal",
                group.distance,
                0,
                k - 1,
                head.coreference || other.coreference,
            ),
        });
    }
}
