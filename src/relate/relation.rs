//! What the relation stage gives out ([`Relation`], [`Arg`], [`Modality`]) and what it needs
//! to know about the whole article ([`Context`]).

use std::ops::Range;

use crate::dictionary::EntityId;
use crate::matcher::Mention;
use crate::relate::ontology::PredicateId;

/// How sure a relation is meant to be, as a statement of the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Modality {
    Asserted,
    Attempted,
    Planned,
    Reported,
    Hypothetical,
}

impl Modality {
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Attempted => "attempted",
            Modality::Planned => "planned",
            Modality::Reported => "reported",
            Modality::Hypothetical => "hypothetical",
        }
    }
}

/// One side of a relation: an entity and the span that names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arg {
    pub entity: EntityId,
    pub start: usize,
    pub end: usize,
    /// The span is a description resolved by coreference, not a dictionary mention.
    pub coreference: bool,
    /// The official who acts for the entity, when one does: "German Foreign Minister Oskar
    /// Fischer" for Germany, "President Reagan" for the United States. Event coders code the
    /// state acting (PLOVER's `USAGOV`), and so does newsgraph, keeping the person as evidence.
    pub agent: Option<Span>,
}

/// A byte range of the field's text that, unlike `Range`, is `Copy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A relation found in one sentence. Spans are byte ranges into the field's text.
#[derive(Clone, Debug, PartialEq)]
pub struct Relation {
    pub predicate: PredicateId,
    pub subject: Arg,
    pub object: Arg,
    pub trigger: Range<usize>,
    /// In a verb chain, the words between the trigger and the object's clause ("allies" in
    /// "persuade allies to stop using Huawei equipment").
    pub intermediary: Option<Range<usize>>,
    pub negated: bool,
    pub modality: Modality,
    pub rule: &'static str,
    /// In 0..=1, two decimals; see [`confidence`](super::confidence()).
    pub confidence: f32,
}

/// What the relation stage needs to know about the whole article.
pub struct Context<'a> {
    /// All mentions of the field, in text order (descriptions look back through them).
    pub mentions: &'a [Mention],
    /// The article's most-mentioned country, the referent of "the President".
    pub dominant_country: Option<EntityId>,
}

impl Context<'_> {
    /// Can a sentence of the field hold a relation at all? Not unless the field's mentions and
    /// the dominant country name two different entities: a relation relates two, each a
    /// mention of the sentence or a description, and descriptions refer to the field's
    /// mentions or to the dominant country. Half the Reuters stories name one entity or none.
    pub fn may_relate(&self) -> bool {
        let mut first = self.dominant_country;
        for m in self.mentions {
            match first {
                None => first = Some(m.entity),
                Some(e) if e != m.entity => return true,
                Some(_) => {}
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::Form;

    /// One line per case: the entities of a field's mentions, the dominant country, and
    /// whether `Context::may_relate` lets the field through.
    #[test]
    fn context_may_relate_table() {
        let cases: &[(&[EntityId], Option<EntityId>, bool)] = &[
            (&[], None, false),
            (&[], Some(1), false),
            (&[1, 1, 1], None, false),
            (&[1, 1], Some(1), false),
            (&[1], Some(2), true),
            (&[1, 1, 2], None, true),
        ];
        for &(entities, dominant_country, want) in cases {
            let mentions: Vec<Mention> = entities
                .iter()
                .map(|&entity| Mention {
                    start: 0,
                    end: 1,
                    entity,
                    form: Form::Name,
                    role: None,
                    group: 0,
                    ambiguous: false,
                })
                .collect();
            let ctx = Context {
                mentions: &mentions,
                dominant_country,
            };
            assert_eq!(ctx.may_relate(), want, "{entities:?} {dominant_country:?}");
        }
    }
}
