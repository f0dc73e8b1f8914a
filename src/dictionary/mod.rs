//! Entities and their names: the dictionary file format, loading, and the table the matcher
//! is built from.
//!
//! A dictionary is a tab-separated file with a header (documented in `dictionaries/README.md`).
//! This module owns parsing, validation (every error names file, line and column, and loading
//! stops before any article is read), the merge of several files by entity id, and the flattened
//! alias table: one [`AliasGroup`] per distinct alias text, holding every entity that claims it.
//! Keeping the claimants is what lets the matcher say a mention is ambiguous instead of
//! guessing silently.
//!
//! Dictionaries come from users and generators, so loading is bounded whatever the file holds:
//! an alias longer than [`MAX_ALIAS_CHARS`] or without a letter or digit is an error; an
//! empty list item, a one-character alias, an alias repeated within an entry and an alias
//! claimed by more than [`MAX_CLAIMS_PER_ALIAS`] entities are [`Warning`]s, with file, line and
//! column, and loading goes on (repeats and extra claims are dropped). Time and memory are
//! linear in the size of the files.
//!
//! The rooms, in the order loading goes through them:
//!
//! - `format.rs`: the file format: the header, the fields of a line and their checks, a file's
//!   lines read in parallel runs into entries;
//! - `builder.rs`: [`DictionaryBuilder`], which takes files, folders and text and merges their
//!   entries by id, in file order;
//! - `aliases.rs`: the alias table built from the merged entries, one [`AliasGroup`] per alias
//!   text, at most [`MAX_CLAIMS_PER_ALIAS`] claims each;
//! - `builtin.rs`: the dictionaries compiled into the binary, [`DEFAULT_FILES`];
//! - `error.rs`: [`Error`] and [`Warning`], each with its file, line and column.
//!
//! This file holds the entity types they share and the [`Dictionary`] they build.

mod actors;
mod aliases;
mod builder;
mod builtin;
mod dates;
mod error;
mod format;

pub use actors::ActorCounts;
pub use aliases::{AliasGroup, Claim, MAX_CLAIMS_PER_ALIAS};
pub use builder::DictionaryBuilder;
pub use builtin::DEFAULT_FILES;
pub use dates::{Day, Forms, RENAMED, Renamed, Term};
pub use error::{Error, MAX_KEPT_WARNINGS, Warning};
pub use format::MAX_ALIAS_CHARS;

use error::Warnings;

/// What kind of actor an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityType {
    Country,
    Company,
    Agency,
}

impl EntityType {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Country => "country",
            EntityType::Company => "company",
            EntityType::Agency => "agency",
        }
    }

    pub fn parse(s: &str) -> Option<EntityType> {
        match s {
            "country" => Some(EntityType::Country),
            "company" => Some(EntityType::Company),
            "agency" => Some(EntityType::Agency),
            _ => None,
        }
    }
}

/// How the letter case of a text must relate to an alias for the text to match it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CasePolicy {
    /// Acronyms (no lowercase letter) as written; other names as written, title-cased or in
    /// capitals, never all lowercase.
    Auto,
    /// Only as written.
    Exact,
    /// Any case.
    Ignore,
}

impl CasePolicy {
    fn parse(s: &str) -> Option<CasePolicy> {
        match s {
            "" | "auto" => Some(CasePolicy::Auto),
            "exact" => Some(CasePolicy::Exact),
            "ignore" => Some(CasePolicy::Ignore),
            _ => None,
        }
    }
}

/// How a mention names its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Form {
    /// The name or an alias: "United States", "U.S.".
    Name,
    /// An adjective or demonym: "Chinese", "American".
    Demonym,
    /// A metonym such as a capital or a seat of government: "Beijing", "the Kremlin".
    Metonym,
    /// A person who holds or held a post of the entity ("President Reagan"): a mention of the
    /// entity, but an individual, so not an actor of relations.
    Person,
    /// A company that no dictionary lists, known by the form of its name ("Pennzoil Co",
    /// "Citicorp <CCI>"): see [`crate::open_world`].
    Pattern,
}

impl Form {
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Name => "name",
            Form::Demonym => "demonym",
            Form::Metonym => "metonym",
            Form::Person => "person",
            Form::Pattern => "pattern",
        }
    }
}

/// Index of an entity in [`Dictionary::entities`]. An id at or past the dictionary's length is
/// a company of one article found by the form of its name (see [`crate::open_world`]), kept with
/// that article's [`crate::extraction::Extraction`].
pub type EntityId = u32;

/// One canonical actor.
#[derive(Clone, Debug)]
pub struct Entity {
    pub id: String,
    pub kind: EntityType,
    pub name: String,
    pub country: Option<String>,
    pub wikidata: Option<String>,
    pub refs: Vec<String>,
    pub case: CasePolicy,
}

/// A loaded, validated set of entities and aliases. Fixed once built.
#[derive(Clone, Debug, Default)]
pub struct Dictionary {
    entities: Vec<Entity>,
    /// Each entity's type, apart: the later stages look a type up per mention, and a table of
    /// types stays in cache where the entities of a large dictionary do not.
    kinds: Vec<EntityType>,
    groups: Vec<AliasGroup>,
    /// The terms of office of dated people: a [`Claim::office`] `k` is `offices[k - 1]`.
    offices: Vec<Box<[Term]>>,
    /// The rows of [`RENAMED`] whose two states are both in the dictionary.
    renamed: Vec<RenamedState>,
    /// What each PETRARCH actor file held, by file name.
    actor_counts: Vec<(String, ActorCounts)>,
    warnings: Warnings,
}

/// A row of [`RENAMED`] with its states' ids in a dictionary: before `until`, mentions of
/// `from` (of `forms`) are mentions of `to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RenamedState {
    pub from: EntityId,
    pub to: EntityId,
    pub until: Day,
    pub forms: Forms,
}

impl Dictionary {
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id as usize]
    }

    /// The entity of a dictionary id; None for an article's own company (an id past the
    /// dictionary's entities, see [`EntityId`]).
    pub fn get(&self, id: EntityId) -> Option<&Entity> {
        self.entities.get(id as usize)
    }

    /// The type of any id: an article's own companies (past the dictionary's entities) are
    /// companies.
    #[inline]
    pub fn kind(&self, id: EntityId) -> EntityType {
        self.kinds
            .get(id as usize)
            .copied()
            .unwrap_or(EntityType::Company)
    }

    /// The terms of office of a claim's [`Claim::office`] (none for 0: any day).
    pub fn office(&self, office: u32) -> &[Term] {
        match office {
            0 => &[],
            k => &self.offices[k as usize - 1],
        }
    }

    /// What each PETRARCH actor file loaded held (records, and what they were read as).
    pub fn actor_counts(&self) -> &[(String, ActorCounts)] {
        &self.actor_counts
    }

    /// How many names carry terms of office.
    pub fn dated_names(&self) -> usize {
        self.offices.len()
    }

    /// The states whose names named another state before a day ([`RENAMED`]), by entity id.
    pub fn renamed(&self) -> &[RenamedState] {
        &self.renamed
    }

    /// One group per distinct alias text, in the order first seen.
    pub fn groups(&self) -> &[AliasGroup] {
        &self.groups
    }

    /// What loading found likely wrong: the first [`MAX_KEPT_WARNINGS`], in file order.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings.kept
    }

    /// How many warnings there were in all (more than [`Dictionary::warnings`] holds when
    /// there were over [`MAX_KEPT_WARNINGS`]).
    pub fn warning_count(&self) -> u64 {
        self.warnings.count
    }

    /// Looks an entity up by its canonical id (linear; for tools and tests, not the hot path).
    pub fn find(&self, id: &str) -> Option<EntityId> {
        self.entities
            .iter()
            .position(|e| e.id == id)
            .map(|i| i as EntityId)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Loads one dictionary text, named `t.tsv`: the rooms' tests share it.
    pub(super) fn load(text: &str) -> Result<Dictionary, Error> {
        let mut b = DictionaryBuilder::new();
        b.add_str("t.tsv", text)?;
        Ok(b.build())
    }
}
