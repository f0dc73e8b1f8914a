//! What the pipeline found in one article: its sentences, mentions and relations, as byte
//! spans of the article's title or text.
//!
//! These types sit between two stages: [`crate::pipeline`] fills an [`Extraction`] and
//! [`crate::record`] writes it out. Keeping them here, apart from both, lets data flow one way:
//! the writer takes the pipeline's result without reaching back into the pipeline.

use std::ops::Range;

use crate::dictionary::{Dictionary, Entity, EntityId};
use crate::matcher::Mention;
use crate::relate::Relation;

/// Which text of an article a span points into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Title,
    Text,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Text => "text",
        }
    }
}

/// A sentence: a byte range of one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub field: Field,
    pub range: Range<usize>,
}

/// A mention, with the field and sentence it is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub field: Field,
    pub sentence: u32,
    pub mention: Mention,
}

/// A relation, with the field and sentence it is in.
#[derive(Clone, Debug, PartialEq)]
pub struct FoundRelation {
    pub field: Field,
    pub sentence: u32,
    pub relation: Relation,
}

/// Everything found in one article. Reused between articles to save allocations.
#[derive(Clone, Debug, Default)]
pub struct Extraction {
    pub sentences: Vec<Sentence>,
    pub mentions: Vec<Found>,
    pub relations: Vec<FoundRelation>,
    /// The companies of this article that no dictionary lists, found by the form of their names
    /// ([`crate::open_world`]): the entity of id `dictionary.len() + i` is `open[i]`.
    pub open: Vec<Entity>,
    /// Sentences whose relations were not all sought or kept: over
    /// [`crate::pipeline::MAX_RELATION_SENTENCE_BYTES`], or with more than
    /// [`crate::pipeline::MAX_RELATIONS_PER_SENTENCE`].
    pub capped_sentences: u32,
    /// Working buffers, kept with the results so that a worker reusing an `Extraction`
    /// allocates nothing per article once they have grown.
    pub(crate) scratch: Scratch,
}

/// The pipeline's working buffers (see [`Extraction`]); only the pipeline looks inside.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scratch {
    /// Each field's mentions (title, text).
    pub(crate) field_mentions: [Vec<Mention>; 2],
    pub(crate) ranges: Vec<Range<usize>>,
    pub(crate) found: Vec<Relation>,
    pub(crate) entities: Vec<EntityId>,
    /// The field's text lowercased, for the matcher.
    pub(crate) lower: String,
    /// The dictionary's mentions of a field as the open-world grammar reads them, and the
    /// names it found there.
    pub(crate) known: Vec<crate::open_world::Known>,
    pub(crate) names: Vec<crate::open_world::Name>,
    pub(crate) anchors: Vec<usize>,
}

impl Extraction {
    pub fn clear(&mut self) {
        self.sentences.clear();
        self.mentions.clear();
        self.relations.clear();
        self.open.clear();
        self.capped_sentences = 0;
    }

    /// The entity an id names: the dictionary's, or one of this article's own companies.
    pub fn entity<'a>(&'a self, dict: &'a Dictionary, id: EntityId) -> &'a Entity {
        match dict.get(id) {
            Some(e) => e,
            None => &self.open[id as usize - dict.entities().len()],
        }
    }
}
