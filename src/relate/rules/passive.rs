//! Rule `passive-by`: "Huawei was banned by the United States" gives United States ban
//! Huawei, and so does "Huawei, banned by the United States in 2018, …" (a participle right
//! before "by", with no "be"). Counter-example: "Huawei was banned in May" names no agent, so
//! nothing.

use crate::relate::classes::class;
use crate::relate::items::{Item, Side, in_class, is_word};
use crate::relate::object::{Reach, side_right};
use crate::relate::ontology::Trigger;
use crate::relate::subject::side_left;

/// Is the trigger at `items[first..=last]` a passive participle: after "be", or right before
/// "by" ("ZTE, banned by the US in 2018")?
pub(super) fn is_passive(
    text: &str,
    items: &[Item],
    first: usize,
    last: usize,
    trigger: &Trigger,
) -> bool {
    trigger.form.can_be_participle()
        && (preceded_by_be(items, first)
            || items
                .get(last + 1)
                .is_some_and(|it| is_word(text, it, "by")))
}

/// The agent after "by" and the patient before the participle: the relation's subject and
/// object.
pub(super) fn sides(text: &str, items: &[Item], first: usize, last: usize) -> Option<(Side, Side)> {
    if !items
        .get(last + 1)
        .is_some_and(|it| is_word(text, it, "by"))
    {
        return None;
    }
    // "Polychrome Corp, which was acquired by Dainippon": the relative's antecedent.
    let (left, antecedent) = side_left(text, items, first);
    let (Some(agent), Some(patient)) = (
        side_right(text, items, last + 2, 4, Reach::default()),
        left.or(antecedent),
    ) else {
        return None;
    };
    Some((agent, patient))
}

/// Is the trigger at `first` a participle after a form of "be" ("was banned", "has been
/// sanctioned", "was also banned")?
fn preceded_by_be(items: &[Item], first: usize) -> bool {
    let mut k = first;
    while k > 0 {
        k -= 1;
        let it = &items[k];
        if in_class(it, class::BE_FORMS) {
            return true;
        }
        if !in_class(it, class::ADVERBS) {
            return false;
        }
    }
    false
}

pub(crate) const BE_FORMS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "get", "got", "gets", "getting",
];
