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

use std::borrow::Cow;
use std::fmt;
use std::path::Path;

use rayon::prelude::*;

use crate::hash::{WordMap, str_hash};

/// The built-in dictionaries, compiled into the binary so that `newsgraph` needs no files
/// beside it. Order matters only for ties between entities claiming the same alias.
pub const DEFAULT_FILES: &[(&str, &str)] = &[
    (
        "<built-in>/countries.tsv",
        include_str!("../dictionaries/countries.tsv"),
    ),
    (
        "<built-in>/agencies.tsv",
        include_str!("../dictionaries/agencies.tsv"),
    ),
    (
        "<built-in>/companies.tsv",
        include_str!("../dictionaries/companies.tsv"),
    ),
];

/// The longest alias (or name) accepted, in characters. The longest of the built-ins is 85; an
/// alias of thousands of characters is a broken line (a missing tab or newline, a description
/// in the wrong column), and the matcher's work at each word start grows with the longest
/// alias: a 10,000-character alias of repeated words made a text of those words take minutes.
pub const MAX_ALIAS_CHARS: usize = 256;

/// At most this many entities keep a claim on one alias text (the first, in precedence order);
/// the others are dropped with a warning. Every mention of an alias lists its other claimants as
/// alternatives, so a million entities sharing one name would put a million alternatives in
/// every mention of it (and building the table took quadratic time). The built-ins have at most
/// 3 claimants per alias.
pub const MAX_CLAIMS_PER_ALIAS: usize = 32;

/// A loaded dictionary keeps the first this many warnings, and counts the rest.
pub const MAX_KEPT_WARNINGS: usize = 100;

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
}

impl Form {
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Name => "name",
            Form::Demonym => "demonym",
            Form::Metonym => "metonym",
            Form::Person => "person",
        }
    }
}

/// Index of an entity in [`Dictionary::entities`].
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

/// One entity's claim on an alias text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Claim {
    pub entity: EntityId,
    pub form: Form,
    pub case: CasePolicy,
}

/// Every claim on one alias text, in precedence order (the first claim whose case policy
/// accepts a text wins; the others are reported as alternatives).
#[derive(Clone, Debug)]
pub struct AliasGroup {
    pub text: String,
    pub claims: Vec<Claim>,
}

/// A loaded, validated set of entities and aliases. Fixed once built.
#[derive(Clone, Debug, Default)]
pub struct Dictionary {
    entities: Vec<Entity>,
    groups: Vec<AliasGroup>,
    warnings: Warnings,
}

impl Dictionary {
    /// The built-in dictionaries only.
    pub fn defaults() -> Dictionary {
        let mut b = DictionaryBuilder::new();
        b.add_defaults()
            .expect("the built-in dictionaries are valid");
        b.build()
    }

    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id as usize]
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

/// A dictionary error: where it is and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_place(f, &self.file, self.line, self.column)?;
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// `file: `, `file:line: ` or `file:line:column: `.
fn write_place(f: &mut fmt::Formatter<'_>, file: &str, line: usize, column: usize) -> fmt::Result {
    match (line, column) {
        (0, _) => write!(f, "{file}: "),
        (l, 0) => write!(f, "{file}:{l}: "),
        (l, c) => write!(f, "{file}:{l}:{c}: "),
    }
}

/// Something a dictionary file holds that loads but is likely a mistake: where it is and what
/// newsgraph did about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_place(f, &self.file, self.line, self.column)?;
        f.write_str(&self.message)
    }
}

/// The first warnings and a count of all, so that a file with a problem on every one of a
/// million lines does not keep a million messages.
#[derive(Clone, Debug, Default)]
struct Warnings {
    kept: Vec<Warning>,
    count: u64,
}

impl Warnings {
    fn push(&mut self, w: Warning) {
        self.count += 1;
        if self.kept.len() < MAX_KEPT_WARNINGS {
            self.kept.push(w);
        }
    }
}

/// The columns a dictionary header may name.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Column {
    Id,
    Type,
    Name,
    Aliases,
    Country,
    Wikidata,
    Case,
    Demonyms,
    Metonyms,
    People,
    Refs,
}

impl Column {
    fn parse(s: &str) -> Option<Column> {
        Some(match s {
            "id" => Column::Id,
            "type" => Column::Type,
            "name" => Column::Name,
            "aliases" => Column::Aliases,
            "country" => Column::Country,
            "wikidata" => Column::Wikidata,
            "case" => Column::Case,
            "demonyms" => Column::Demonyms,
            "metonyms" => Column::Metonyms,
            "people" => Column::People,
            "refs" => Column::Refs,
            _ => return None,
        })
    }
}

/// Where an entity came from, to name both places in a duplicate-id error.
#[derive(Clone, Debug)]
struct Origin {
    file_index: usize,
    line: usize,
    /// Column of the id.
    column: usize,
}

/// An entity while loading: its alias lists are merged across files before the group table
/// is built.
#[derive(Clone, Debug)]
struct Draft {
    entity: Entity,
    names: Vec<(String, Form)>,
    origin: Origin,
}

/// Collects dictionary files, then builds a [`Dictionary`].
#[derive(Debug, Default)]
pub struct DictionaryBuilder {
    drafts: Vec<Draft>,
    /// Indices of `drafts` by the hash of their id ([`str_hash`]), each kept with its hash:
    /// the hashes are computed as lines are read, in parallel, and merging, one entry after
    /// the other, neither hashes nor copies an id, nor reads the ids to grow the table.
    by_id: hashbrown::HashTable<(u64, usize)>,
    files: Vec<String>,
    warnings: Warnings,
}

impl DictionaryBuilder {
    pub fn new() -> DictionaryBuilder {
        DictionaryBuilder::default()
    }

    /// Adds the built-in dictionaries.
    pub fn add_defaults(&mut self) -> Result<&mut Self, Error> {
        let sources = DEFAULT_FILES
            .iter()
            .map(|&(name, text)| Source {
                name: name.to_string(),
                text: Ok(text.into()),
            })
            .collect();
        self.add_sources(sources)?;
        Ok(self)
    }

    /// Adds a file, or every `*.tsv` file of a folder in name order.
    pub fn add_path(&mut self, path: &Path) -> Result<&mut Self, Error> {
        self.add_paths(std::slice::from_ref(&path.to_path_buf()))
    }

    /// Adds files, or every `*.tsv` file of each folder in name order, in the order given: the
    /// same as [`DictionaryBuilder::add_path`] for each, but the files are read side by side
    /// (added one after the other, a small file kept most cores idle while it was read).
    pub fn add_paths(&mut self, paths: &[std::path::PathBuf]) -> Result<&mut Self, Error> {
        // Each file's name, or the error that listing a folder gave in its place.
        let mut files: Vec<Result<std::path::PathBuf, Error>> = Vec::new();
        for path in paths {
            let io_err = |e: std::io::Error| Error {
                file: path.display().to_string(),
                line: 0,
                column: 0,
                message: e.to_string(),
            };
            if !path.is_dir() {
                files.push(Ok(path.clone()));
                continue;
            }
            let listed: Result<Vec<_>, _> = std::fs::read_dir(path).map(|dir| {
                let mut tsv: Vec<_> = dir
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
                    .collect();
                tsv.sort();
                tsv
            });
            match listed {
                Ok(tsv) if tsv.is_empty() => files.push(Err(io_err(std::io::Error::other(
                    "folder has no *.tsv file",
                )))),
                Ok(tsv) => files.extend(tsv.into_iter().map(Ok)),
                Err(e) => files.push(Err(io_err(e))),
            }
        }
        let sources = files
            .into_par_iter()
            .map(|file| match file {
                Ok(path) => Source {
                    name: path.display().to_string(),
                    text: read_text(&path).map(Cow::Owned),
                },
                Err(e) => Source {
                    name: e.file.clone(),
                    text: Err(e),
                },
            })
            .collect();
        self.add_sources(sources)?;
        Ok(self)
    }

    /// Adds a dictionary given as text; `name` is used in error messages.
    pub fn add_str(&mut self, name: &str, text: &str) -> Result<&mut Self, Error> {
        self.add_sources(vec![Source {
            name: name.to_string(),
            text: Ok(text.into()),
        }])?;
        Ok(self)
    }

    /// Adds dictionary files in order, with errors, warnings and precedence those of reading
    /// them line by line, one after the other: the first error in that order stops the load
    /// (a file that could not be read, or has no header, stops it after the lines of the
    /// files before it).
    ///
    /// The lines after the headers, of all the files, are read in parallel, in runs of about
    /// 64 KiB, and merged in order. (A 100,000-entry dictionary took a third of a second on one
    /// thread here, with every other core idle.)
    fn add_sources(&mut self, sources: Vec<Source<'_>>) -> Result<(), Error> {
        let mut plans = Vec::with_capacity(sources.len());
        let mut stop = None;
        for source in &sources {
            let file_index = self.files.len();
            self.files.push(source.name.clone());
            let header = match &source.text {
                Ok(text) => header(&source.name, text),
                Err(e) => Err(e.clone()),
            };
            match header {
                Ok((cols, rest, line_no)) => plans.push((file_index, cols, rest, line_no)),
                Err(e) => {
                    stop = Some(e);
                    break;
                }
            }
        }
        // Every run of every file, with its file and columns.
        let runs: Vec<(usize, &[Column], Run)> = plans
            .iter()
            .flat_map(|(file_index, cols, rest, line_no)| {
                line_runs(rest, *line_no)
                    .into_iter()
                    .map(move |run| (*file_index, cols.as_slice(), run))
            })
            .collect();
        let lines = runs.iter().map(|(_, _, r)| r.lines).sum();
        self.drafts.reserve(lines);
        self.by_id.reserve(lines, |&(hash, _)| hash);
        // A few runs per core at a time, so that memory stays bounded when an early line
        // is an error (a file of a million lines with one id stops at its second line). The
        // next window is read while one is merged: merging takes one entry after the other,
        // and the other cores would wait for it.
        let mut windows = runs.chunks(4 * rayon::current_num_threads());
        let names = self.files.clone();
        let read = |window: &[(usize, &[Column], Run)]| -> Vec<(usize, Vec<ReadLine>)> {
            window
                .par_iter()
                .map(|&(file_index, cols, run)| {
                    let name = names[file_index].as_str();
                    (file_index, read_run(name, file_index, cols, run))
                })
                .collect()
        };
        let mut current = windows.next().map(read);
        while let Some(lines) = current {
            let (merged, next) = rayon::join(|| self.merge_all(lines), || windows.next().map(read));
            merged?;
            current = next;
        }
        match stop {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Merges the lines of a window in order, up to the first error.
    fn merge_all(&mut self, runs: Vec<(usize, Vec<ReadLine>)>) -> Result<(), Error> {
        for (file_index, lines) in runs {
            let name = self.files[file_index].clone();
            for line in lines {
                for w in line.warnings {
                    self.warnings.push(w);
                }
                self.merge(&name, line.entry?)?;
            }
        }
        Ok(())
    }

    /// Adds one entry read from a file: a new entity, or more names for one of an earlier file.
    fn merge(&mut self, name: &str, read: ReadEntry) -> Result<(), Error> {
        let ReadEntry {
            draft,
            id_hash: hash,
            kind_column,
            case_given,
        } = read;
        let err = |column: usize, message: String| Error {
            file: name.to_string(),
            line: draft.origin.line,
            column,
            message,
        };
        let id = draft.entity.id.as_str();
        let drafts = &self.drafts;
        match self
            .by_id
            .find(hash, |&(h, k)| h == hash && drafts[k].entity.id == id)
            .map(|&(_, k)| k)
        {
            None => {
                self.by_id
                    .insert_unique(hash, (hash, drafts.len()), |&(hash, _)| hash);
                self.drafts.push(draft);
            }
            Some(k) => {
                let old = &mut self.drafts[k];
                // An id seen before in this same file (later files merge into earlier ones).
                if old.origin.file_index == draft.origin.file_index {
                    return Err(err(
                        draft.origin.column,
                        format!("id {id:?} already defined on line {}", old.origin.line),
                    ));
                }
                let kind = draft.entity.kind;
                if old.entity.kind != kind {
                    return Err(err(
                        kind_column,
                        format!(
                            "id {id:?} has type {} in {}:{}, not {}",
                            old.entity.kind.as_str(),
                            self.files[old.origin.file_index],
                            old.origin.line,
                            kind.as_str()
                        ),
                    ));
                }
                old.entity.name = draft.entity.name;
                if draft.entity.country.is_some() {
                    old.entity.country = draft.entity.country;
                }
                if draft.entity.wikidata.is_some() {
                    old.entity.wikidata = draft.entity.wikidata;
                }
                if !draft.entity.refs.is_empty() {
                    old.entity.refs = draft.entity.refs;
                }
                if case_given {
                    old.entity.case = draft.entity.case;
                }
                old.names.extend(draft.names);
                old.origin = draft.origin;
            }
        }
        Ok(())
    }

    /// Builds the alias table. Claims from later files come first in a group, so a user's
    /// dictionary takes precedence over the built-ins for a shared alias. An alias keeps at
    /// most [`MAX_CLAIMS_PER_ALIAS`] claims; the warnings of loading and of this are the
    /// dictionary's [`Dictionary::warnings`].
    pub fn build(self) -> Dictionary {
        let DictionaryBuilder {
            mut drafts,
            by_id,
            files,
            mut warnings,
        } = self;
        drop(by_id);
        let (mut groups, firsts, over_claimed) = groups(&drafts, &files, str_hash);
        // Each group's text is moved from the entry that first named it, not copied.
        for (group, (d, n)) in groups.iter_mut().zip(firsts) {
            group.text = std::mem::take(&mut drafts[d].names[n].0);
        }
        for w in over_claimed {
            warnings.push(w);
        }
        Dictionary {
            entities: drafts.into_par_iter().map(|d| d.entity).collect(),
            groups,
            warnings,
        }
    }
}

/// One group per distinct alias text, claims in precedence order, with its text left empty
/// and, for each group, the entry and name it was first seen at; and a warning for each alias
/// over [`MAX_CLAIMS_PER_ALIAS`].
#[allow(clippy::type_complexity)]
fn groups(
    drafts: &[Draft],
    files: &[String],
    hash: fn(&str) -> u64,
) -> (Vec<AliasGroup>, Vec<(usize, usize)>, Vec<Warning>) {
    // The names of each file's entries in order (an entry is of the last file that named it),
    // as (entry, name), found a block of entries at a time in parallel (one after the other,
    // with the other cores idle, this was 5 ms of loading 100,000 entries on 2 threads).
    const BLOCK: usize = 8192;
    let blocks: Vec<Vec<Vec<(usize, usize)>>> = drafts
        .par_chunks(BLOCK)
        .enumerate()
        .map(|(b, block)| {
            let mut by_file = vec![Vec::new(); files.len()];
            for (i, d) in block.iter().enumerate() {
                let i = b * BLOCK + i;
                by_file[d.origin.file_index].extend((0..d.names.len()).map(|n| (i, n)));
            }
            by_file
        })
        .collect();
    // Every name, later files first, then in file order within a file.
    let mut names: Vec<(usize, usize)> =
        Vec::with_capacity(blocks.iter().flatten().map(Vec::len).sum());
    for f in (0..files.len()).rev() {
        for block in &blocks {
            names.extend_from_slice(&block[f]);
        }
    }
    drop(blocks);
    // Every name with its hash and claim, sorted by hash and place: the names of one text are
    // next to each other, in order. A run of one hash is then grouped on its own, all runs in
    // parallel, and the groups put in the order of their first name: the same groups, claims
    // and order as one pass over all names, whatever the number of threads.
    let mut keys: Vec<NameKey> = names
        .par_iter()
        .enumerate()
        .map(|(at, &(i, n))| {
            let d = &drafts[i];
            let (text, form) = &d.names[n];
            NameKey {
                hash: hash(text),
                at,
                claim: Claim {
                    entity: i as EntityId,
                    form: *form,
                    case: d.entity.case,
                },
            }
        })
        .collect();
    keys.par_sort_unstable_by_key(|k| (k.hash, k.at));
    let runs: Vec<usize> = (0..keys.len())
        .into_par_iter()
        .filter(|&j| j == 0 || keys[j].hash != keys[j - 1].hash)
        .collect();
    let text = |k: &NameKey| {
        let (i, n) = names[k.at];
        drafts[i].names[n].0.as_str()
    };
    // Each run's first group (of most runs, the only one) in the run's place, so the groups
    // are written in parallel straight into one vector; the other groups of a run, texts of one
    // hash that differ, are rare and put aside.
    let others = std::sync::Mutex::new(Vec::new());
    let mut all: Vec<NameGroup> = runs
        .par_iter()
        .enumerate()
        .map(|(r, &from)| {
            let run = &keys[from..runs.get(r + 1).copied().unwrap_or(keys.len())];
            // One name, or names of one text: the text is read only when a hash is shared
            // (reading it is three steps through memory, most of the time here otherwise).
            if run.len() == 1 || run[1..].iter().all(|k| text(k) == text(&run[0])) {
                return NameGroup::of(run.iter());
            }
            // Texts of one hash that differ: each its own group.
            let mut rest: Vec<&NameKey> = run.iter().collect();
            let mut out = Vec::new();
            while let Some(&k) = rest.first() {
                let t = text(k);
                let (same, other): (Vec<&NameKey>, Vec<&NameKey>) =
                    rest.iter().partition(|&&o| text(o) == t);
                out.push(NameGroup::of(same.into_iter()));
                rest = other;
            }
            let head = out.remove(0);
            others.lock().expect("no panic holds it").append(&mut out);
            head
        })
        .collect();
    all.append(&mut others.into_inner().expect("no panic held it"));
    // In the order of their first names, then each turned into an alias group in parallel (one
    // after the other, turning them was a tenth of loading 100,000 entries on 2 threads).
    all.par_sort_unstable_by_key(|g| g.first);
    // Aliases over the cap: claims dropped, and the first entity dropped.
    let over: Vec<(usize, (usize, usize))> = (all.iter().enumerate())
        .filter(|(_, g)| g.dropped.0 > 0)
        .map(|(i, g)| (i, g.dropped))
        .collect();
    let firsts: Vec<(usize, usize)> = all.par_iter().map(|g| names[g.first]).collect();
    let groups: Vec<AliasGroup> = all
        .into_par_iter()
        .map(|g| AliasGroup {
            text: String::new(),
            claims: g.claims,
        })
        .collect();
    let warnings = over
        .into_iter()
        .map(|(g, (count, first))| {
            let d = &drafts[first];
            let (by, n) = firsts[g];
            Warning {
                file: files[d.origin.file_index].clone(),
                line: d.origin.line,
                column: d.origin.column,
                message: format!(
                    "alias {:?} is claimed by {} entities; the first {MAX_CLAIMS_PER_ALIAS} \
                     keep it, the other {count} (from {:?} on) do not",
                    drafts[by].names[n].0,
                    MAX_CLAIMS_PER_ALIAS + count,
                    d.entity.id,
                ),
            }
        })
        .collect();
    (groups, firsts, warnings)
}

/// A name as [`groups`] sorts them: the hash of its text, its place in the order of all
/// names, and its entity's claim.
struct NameKey {
    hash: u64,
    at: usize,
    claim: Claim,
}

/// A group as [`groups`] finds it: the place of its first name in the order of all names, its
/// claims, and how many claims the cap dropped with the first entity dropped.
struct NameGroup {
    first: usize,
    claims: Vec<Claim>,
    dropped: (usize, usize),
}

impl NameGroup {
    /// The group of `names`, names of one text in order: an entity claims an alias once, and
    /// at most [`MAX_CLAIMS_PER_ALIAS`] entities do.
    fn of<'k>(mut names: impl Iterator<Item = &'k NameKey>) -> NameGroup {
        let first = names.next().expect("a group has a name");
        let mut group = NameGroup {
            first: first.at,
            claims: vec![first.claim],
            dropped: (0, 0),
        };
        for k in names {
            let claim = k.claim;
            if group.claims.iter().any(|c| c.entity == claim.entity) {
                continue;
            }
            if group.claims.len() < MAX_CLAIMS_PER_ALIAS {
                group.claims.push(claim);
            } else {
                if group.dropped.0 == 0 {
                    group.dropped.1 = claim.entity as usize;
                }
                group.dropped.0 += 1;
            }
        }
        group
    }
}

/// The fields of one dictionary line, each with the column it started at.
#[derive(Default)]
struct Entry<'a> {
    id: (usize, &'a str),
    kind: (usize, &'a str),
    name: (usize, &'a str),
    aliases: (usize, &'a str),
    country: (usize, &'a str),
    wikidata: (usize, &'a str),
    case: (usize, &'a str),
    demonyms: (usize, &'a str),
    metonyms: (usize, &'a str),
    people: (usize, &'a str),
    refs: (usize, &'a str),
}

impl<'a> Entry<'a> {
    fn set(&mut self, c: Column, col: usize, v: &'a str) {
        let slot = match c {
            Column::Id => &mut self.id,
            Column::Type => &mut self.kind,
            Column::Name => &mut self.name,
            Column::Aliases => &mut self.aliases,
            Column::Country => &mut self.country,
            Column::Wikidata => &mut self.wikidata,
            Column::Case => &mut self.case,
            Column::Demonyms => &mut self.demonyms,
            Column::Metonyms => &mut self.metonyms,
            Column::People => &mut self.people,
            Column::Refs => &mut self.refs,
        };
        *slot = (col, v);
    }
}

/// Splits a line at tabs, giving each field with its 1-based character column.
fn split_tabs(line: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut col = 1;
    line.split('\t').map(move |f| {
        let at = col;
        col += f.chars().count() + 1;
        (at, f)
    })
}

fn split_list(s: &str) -> Vec<&str> {
    s.split('|')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .collect()
}

/// The items of a `|` list that starts at column `col`, trimmed, each with its column; empty
/// items included (an empty list has none).
fn split_list_at(col: usize, s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut c = col;
    s.split('|')
        .filter(move |_| !s.is_empty())
        .map(move |item| {
            let trimmed = item.trim_start();
            let lead = if trimmed.is_empty() {
                0
            } else {
                item[..item.len() - trimmed.len()].chars().count()
            };
            let at = c + lead;
            c += item.chars().count() + 1;
            (at, item.trim())
        })
}

/// The body of a dictionary file is read in runs of lines of about this many bytes, in
/// parallel: enough runs to share among the cores, each long enough to be worth a task.
const RUN_BYTES: usize = 64 << 10;

fn is_blank_or_comment(line: &str) -> bool {
    line.trim().is_empty() || line.starts_with('#')
}

/// Cuts `text` after line ends into runs of about [`RUN_BYTES`], each as a [`Run`]. The lines
/// of the runs are counted in parallel: counted one run after the other, they kept all cores
/// but one idle for 3 ms of loading 100,000 entries.
fn line_runs(text: &str, lines_before: usize) -> Vec<Run<'_>> {
    let mut texts = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let mut cut = RUN_BYTES.min(rest.len());
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let len = rest[cut..].find('\n').map_or(rest.len(), |p| cut + p + 1);
        let (text, after) = rest.split_at(len);
        texts.push(text);
        rest = after;
    }
    // A last line without its line end is a line too.
    let counts: Vec<usize> = texts
        .par_iter()
        .map(|t| memchr::memchr_iter(b'\n', t.as_bytes()).count() + usize::from(!t.ends_with('\n')))
        .collect();
    let mut before = lines_before;
    texts
        .into_iter()
        .zip(counts)
        .map(|(text, lines)| {
            let run = Run {
                before,
                lines,
                text,
            };
            before += lines;
            run
        })
        .collect()
}

/// A dictionary file to add: its name, and its text or the error that reading it gave.
struct Source<'t> {
    name: String,
    text: Result<Cow<'t, str>, Error>,
}

/// A file's bytes as text, or an error naming the file (and where its UTF-8 breaks).
fn read_text(path: &Path) -> Result<String, Error> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Error {
        file: name.clone(),
        line: 0,
        column: 0,
        message: e.to_string(),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_col(e.as_bytes(), e.utf8_error().valid_up_to());
        Error {
            file: name,
            line,
            column,
            message: "invalid UTF-8".into(),
        }
    })
}

/// A file's header, the first line that is neither blank nor a comment: its columns, the text
/// after it, and how many lines that text follows.
fn header<'t>(name: &str, text: &'t str) -> Result<(Vec<Column>, &'t str, usize), Error> {
    let err = |line: usize, column: usize, message: String| Error {
        file: name.to_string(),
        line,
        column,
        message,
    };
    let mut line_no = 0;
    let mut rest = text;
    while !rest.is_empty() {
        let len = rest.find('\n').map_or(rest.len(), |p| p + 1);
        let raw = rest[..len].lines().next().unwrap_or("");
        rest = &rest[len..];
        line_no += 1;
        let line = raw.strip_prefix('\u{feff}').unwrap_or(raw);
        if is_blank_or_comment(line) {
            continue;
        }
        let mut cols = Vec::new();
        for (col, f) in split_tabs(line) {
            let f = f.trim();
            let c = Column::parse(f)
                .ok_or_else(|| err(line_no, col, format!("unknown column {f:?}")))?;
            if cols.contains(&c) {
                return Err(err(line_no, col, format!("column {f:?} appears twice")));
            }
            cols.push(c);
        }
        for need in [Column::Id, Column::Type, Column::Name] {
            if !cols.contains(&need) {
                return Err(err(
                    line_no,
                    1,
                    format!("header lacks the required column {need:?}").to_lowercase(),
                ));
            }
        }
        return Ok((cols, rest, line_no));
    }
    Err(err(0, 0, "no header line (id, type, name, ...)".into()))
}

/// Lines of a dictionary file read as one task.
#[derive(Clone, Copy)]
struct Run<'t> {
    /// How many lines of the file precede them.
    before: usize,
    /// How many there are: what the vectors filled from them are sized by, rather than grown
    /// (growing them was a tenth of loading 100,000 entries, copies and page faults).
    lines: usize,
    text: &'t str,
}

/// One line of a dictionary file read on its own: the warnings it gave, then its entry or the
/// error that stops the load.
struct ReadLine {
    warnings: Vec<Warning>,
    entry: Result<ReadEntry, Error>,
}

/// An entry, with what [`DictionaryBuilder::merge`] needs to merge it into an earlier file's.
struct ReadEntry {
    draft: Draft,
    /// [`str_hash`] of the entry's id.
    id_hash: u64,
    kind_column: usize,
    /// The line sets a case policy (an empty field keeps an earlier file's).
    case_given: bool,
}

/// Reads the non-blank, non-comment lines of a run, up to and including the first that is an
/// error.
fn read_run(name: &str, file_index: usize, cols: &[Column], run: Run) -> Vec<ReadLine> {
    let Run {
        before,
        lines,
        text,
    } = run;
    let mut out = Vec::with_capacity(lines);
    let mut bufs = LineBuffers::default();
    for (i, raw) in text.lines().enumerate() {
        let line_no = before + i + 1;
        let line = raw.strip_prefix('\u{feff}').unwrap_or(raw);
        if is_blank_or_comment(line) {
            continue;
        }
        let mut warnings = Vec::new();
        let entry = read_entry(
            name,
            file_index,
            cols,
            line_no,
            line,
            &mut bufs,
            &mut warnings,
        );
        let failed = entry.is_err();
        out.push(ReadLine { warnings, entry });
        if failed {
            break;
        }
    }
    out
}

/// Working buffers of [`read_entry`], reused from line to line.
#[derive(Default)]
struct LineBuffers<'t> {
    fields: Vec<(usize, &'t str)>,
    names: Vec<(&'t str, Form)>,
    seen: WordMap<&'t str, ()>,
}

/// Reads one entry line.
fn read_entry<'t>(
    name: &str,
    file_index: usize,
    cols: &[Column],
    line_no: usize,
    line: &'t str,
    bufs: &mut LineBuffers<'t>,
    warnings: &mut Vec<Warning>,
) -> Result<ReadEntry, Error> {
    let LineBuffers {
        fields,
        names,
        seen,
    } = bufs;
    let err = |column: usize, message: String| Error {
        file: name.to_string(),
        line: line_no,
        column,
        message,
    };
    let warning = |column: usize, message: String| Warning {
        file: name.to_string(),
        line: line_no,
        column,
        message,
    };
    fields.clear();
    fields.extend(split_tabs(line));
    if fields.len() > cols.len() {
        let (col, _) = fields[cols.len()];
        return Err(err(
            col,
            format!(
                "{} fields, but the header names {} columns",
                fields.len(),
                cols.len()
            ),
        ));
    }
    let mut entry = Entry::default();
    for (k, &(col, raw_value)) in fields.iter().enumerate() {
        let value = raw_value.trim();
        if value.contains('\u{0}') {
            return Err(err(col, "NUL character in field".into()));
        }
        // The column where the trimmed value starts (an empty one: the field's).
        let lead = raw_value.len() - raw_value.trim_start().len();
        let col = if value.is_empty() {
            col
        } else {
            col + raw_value[..lead].chars().count()
        };
        entry.set(cols[k], col, value);
    }
    let id = entry.id.1;
    if id.is_empty() {
        return Err(err(entry.id.0.max(1), "empty id".into()));
    }
    if id.chars().any(char::is_whitespace) {
        return Err(err(entry.id.0, format!("id {id:?} contains a space")));
    }
    let kind = EntityType::parse(entry.kind.1).ok_or_else(|| {
        err(
            entry.kind.0.max(1),
            format!(
                "unknown type {:?} (expected country, company or agency)",
                entry.kind.1
            ),
        )
    })?;
    if entry.name.1.is_empty() {
        return Err(err(entry.name.0.max(1), "empty name".into()));
    }
    let case = CasePolicy::parse(entry.case.1).ok_or_else(|| {
        err(
            entry.case.0,
            format!(
                "unknown case policy {:?} (expected auto, exact or ignore)",
                entry.case.1
            ),
        )
    })?;
    let country = entry.country.1;
    let iso3 = country.len() == 3 && country.bytes().all(|b| b.is_ascii_uppercase());
    if !(country.is_empty() || iso3) {
        return Err(err(
            entry.country.0,
            format!("country {country:?} is not an ISO 3166-1 alpha-3 code"),
        ));
    }
    let wikidata = entry.wikidata.1;
    let qid = wikidata.starts_with('Q')
        && wikidata.len() > 1
        && wikidata[1..].bytes().all(|b| b.is_ascii_digit());
    if !(wikidata.is_empty() || qid) {
        return Err(err(
            entry.wikidata.0,
            format!("wikidata {wikidata:?} is not a QID like Q148"),
        ));
    }
    let refs = split_list(entry.refs.1);
    for r in &refs {
        if !r.contains(':') {
            return Err(err(entry.refs.0, format!("ref {r:?} is not scheme:value")));
        }
    }
    // The name and every list item, each checked once as it is read; repeats within the entry
    // dropped (so a line listing one alias a million times costs one). Most entries have a few
    // names, compared with each other; a long list is checked in a hash set instead.
    const FEW_NAMES: usize = 16;
    names.clear();
    if !seen.is_empty() {
        seen.clear();
    }
    let mut repeats = 0usize;
    let mut first_repeat = None;
    let mut take = |col: usize, text: &'t str, form: Form, what: &str| {
        let repeated = if names.len() < FEW_NAMES {
            names.iter().any(|&(n, _)| n == text)
        } else {
            if seen.is_empty() {
                seen.extend(names.iter().map(|&(n, _)| (n, ())));
            }
            seen.insert(text, ()).is_some()
        };
        if repeated {
            repeats += 1;
            first_repeat.get_or_insert((col, text));
            return Ok(());
        }
        let chars = text.chars().count();
        if chars > MAX_ALIAS_CHARS {
            return Err(err(
                col,
                format!(
                    "{what} of {chars} characters is over the limit of {MAX_ALIAS_CHARS} \
                     (a missing tab or line end?)"
                ),
            ));
        }
        if !text.chars().any(char::is_alphanumeric) {
            return Err(err(
                col,
                format!("{what} {text:?} has no letter or digit: it cannot name anything"),
            ));
        }
        if chars == 1 {
            warnings.push(warning(
                col,
                format!(
                    "one-character {what} {text:?} will match every {text:?} that stands \
                     alone (initials, list labels)"
                ),
            ));
        }
        names.push((text, form));
        Ok(())
    };
    take(entry.name.0, entry.name.1, Form::Name, "name")?;
    let mut empties = Vec::new();
    for (what, (col, list), form) in [
        ("aliases", entry.aliases, Form::Name),
        ("demonyms", entry.demonyms, Form::Demonym),
        ("metonyms", entry.metonyms, Form::Metonym),
        ("people", entry.people, Form::Person),
    ] {
        let mut empty = None;
        for (item_col, item) in split_list_at(col, list) {
            if item.is_empty() {
                empty.get_or_insert(item_col);
            } else {
                take(item_col, item, form, "alias")?;
            }
        }
        if let Some(c) = empty {
            empties.push((c, what));
        }
    }
    for (col, what) in empties {
        warnings.push(warning(
            col,
            format!(
                "empty item in the {what} list (two '|' in a row, or one at an end): \
                 skipped"
            ),
        ));
    }
    if let Some((col, text)) = first_repeat {
        let times = if repeats == 1 {
            "once".to_string()
        } else {
            format!("{repeats} times")
        };
        warnings.push(warning(
            col,
            format!("{text:?} repeats a name of this entry; {times} in all, ignored"),
        ));
    }
    let non_empty = |s: &str| (!s.is_empty()).then(|| s.to_string());
    Ok(ReadEntry {
        draft: Draft {
            entity: Entity {
                id: id.to_string(),
                kind,
                name: entry.name.1.to_string(),
                country: non_empty(country),
                wikidata: non_empty(wikidata),
                refs: refs.iter().map(|s| s.to_string()).collect(),
                case,
            },
            names: names.iter().map(|&(n, f)| (n.to_string(), f)).collect(),
            origin: Origin {
                file_index,
                line: line_no,
                column: entry.id.0,
            },
        },
        id_hash: str_hash(id),
        kind_column: entry.kind.0,
        case_given: !entry.case.1.is_empty(),
    })
}

fn line_col(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Dictionary, Error> {
        let mut b = DictionaryBuilder::new();
        b.add_str("t.tsv", text)?;
        Ok(b.build())
    }

    /// Lines are read in parallel runs: the first error and the line numbers are those of
    /// reading line by line, across runs.
    #[test]
    fn long_file_errors_and_warnings_in_file_order() {
        let line = |i: usize| format!("e{i}\tcompany\tName {i} Holdings\tName {i}\n");
        let mut text = "# many lines\n\nid\ttype\tname\taliases\n".to_string();
        for i in 0..20_000 {
            text += &line(i);
        }
        let clean = load(&text).unwrap();
        assert_eq!(clean.entities().len(), 20_000);
        assert_eq!(clean.entity(19_999).id, "e19999");
        assert_eq!(clean.groups()[1].text, "Name 0");
        // A warning far into the file, then a repeated id, then a line of too many fields:
        // the repeated id comes first in the file, so it is the error.
        let mut lines: Vec<String> = text.lines().map(|l| format!("{l}\n")).collect();
        lines[9_000] = "w\tcompany\tW\tX\n".into();
        lines[15_000] = "e5\tcompany\tAgain\t\n".into();
        lines[18_000] = "bad\tcompany\tBad\t\tmore\n".into();
        let e = load(&lines.concat()).unwrap_err();
        assert_eq!((e.line, e.column), (15_001, 1), "{e}");
        assert_eq!(e.message, "id \"e5\" already defined on line 9");
        lines[15_000] = "e5b\tcompany\tAgain\t\n".into();
        let mut b = DictionaryBuilder::new();
        let e = b.add_str("t.tsv", &lines.concat()).unwrap_err();
        assert_eq!((e.line, e.column), (18_001, 18), "{e}");
        let d = b.build();
        let w = &d.warnings()[0];
        assert_eq!((w.line, w.column), (9_001, 11), "{w}");
        assert_eq!(d.warning_count(), 2);
    }

    #[test]
    fn defaults_load() {
        let d = Dictionary::defaults();
        assert!(d.find("USA").is_some());
        assert!(d.find("CHN").is_some());
    }

    #[test]
    fn header_in_any_order_and_lists() {
        let d =
            load("# c\nname\tid\ttype\taliases\nAcme Corp\tacme\tcompany\tAcme | ACME\n").unwrap();
        assert_eq!(d.entities().len(), 1);
        let texts: Vec<_> = d.groups().iter().map(|g| g.text.as_str()).collect();
        assert_eq!(texts, ["Acme Corp", "Acme", "ACME"]);
    }

    #[test]
    fn errors_name_line_and_column() {
        let cases: &[(&str, &str)] = &[
            ("id\ttype\tnam\n", "t.tsv:1:9: unknown column \"nam\""),
            (
                "id\ttype\n",
                "t.tsv:1:1: header lacks the required column name",
            ),
            (
                "id\ttype\tname\nx\tfirm\tX\n",
                "t.tsv:2:3: unknown type \"firm\" (expected country, company or agency)",
            ),
            ("id\ttype\tname\n\tcompany\tX\n", "t.tsv:2:1: empty id"),
            (
                "id\ttype\tname\nx\tcompany\tX\nx\tcompany\tY\n",
                "t.tsv:3:1: id \"x\" already defined on line 2",
            ),
            (
                "id\ttype\tname\tcountry\nx\tcompany\tX\tUS\n",
                "t.tsv:2:13: country \"US\" is not an ISO 3166-1 alpha-3 code",
            ),
            (
                "id\ttype\tname\nx\tcompany\tX\textra\n",
                "t.tsv:2:13: 4 fields, but the header names 3 columns",
            ),
            (
                "# only a comment\n",
                "t.tsv: no header line (id, type, name, ...)",
            ),
            (
                &format!(
                    "id\ttype\tname\taliases\nx\tcompany\tX Co\tX|{}\n",
                    "ab ".repeat(100)
                ),
                "t.tsv:2:18: alias of 299 characters is over the limit of 256 (a missing tab or \
                 line end?)",
            ),
            (
                "id\ttype\tname\taliases\nx\tcompany\tX Co\t--\n",
                "t.tsv:2:16: alias \"--\" has no letter or digit: it cannot name anything",
            ),
            (
                "id\ttype\tname\nx\tcompany\t\u{200b}\n",
                "t.tsv:2:11: name \"\\u{200b}\" has no letter or digit: it cannot name anything",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(load(text).unwrap_err().to_string(), *want, "{text:?}");
        }
    }

    #[test]
    fn the_built_ins_have_no_warnings() {
        let d = Dictionary::defaults();
        assert_eq!(d.warnings(), &[]);
    }

    /// Each abuse, one line of the table: the dictionary loads, says where and what, and keeps
    /// what is usable.
    #[test]
    fn warnings_name_line_and_column() {
        let h = "id\ttype\tname\taliases\tdemonyms\n";
        let cases: &[(&str, &[&str], &[&str])] = &[
            (
                "x\tcompany\tX Co\tXC||X Corp|\t\n",
                &[
                    "t.tsv:2:19: empty item in the aliases list (two '|' in a row, or one at an \
                   end): skipped",
                ],
                &["X Co", "XC", "X Corp"],
            ),
            (
                "x\tcompany\tX Co\t \u{a0} | XC\t\n",
                &[
                    "t.tsv:2:19: empty item in the aliases list (two '|' in a row, or one at an \
                   end): skipped",
                ],
                &["X Co", "XC"],
            ),
            (
                "x\tcompany\tX\tXC\tx\n",
                &[
                    "t.tsv:2:11: one-character name \"X\" will match every \"X\" that stands \
                     alone (initials, list labels)",
                    "t.tsv:2:16: one-character alias \"x\" will match every \"x\" that stands \
                     alone (initials, list labels)",
                ],
                &["X", "XC", "x"],
            ),
            (
                "x\tcompany\tX Co\tX Co|XC|XC|XC\t\n",
                &["t.tsv:2:16: \"X Co\" repeats a name of this entry; 3 times in all, ignored"],
                &["X Co", "XC"],
            ),
        ];
        for (line, want, names) in cases {
            let d = load(&format!("{h}{line}")).unwrap();
            let got: Vec<String> = d.warnings().iter().map(|w| w.to_string()).collect();
            assert_eq!(got, *want, "{line:?}");
            let texts: Vec<&str> = d.groups().iter().map(|g| g.text.as_str()).collect();
            assert_eq!(texts, *names, "{line:?}");
        }
    }

    /// A million repeats of one alias in one entry cost one alias, and a warning; more entities
    /// on one alias than the cap keep the first ones, and a warning naming the first dropped.
    #[test]
    fn repeated_and_over_claimed_aliases_are_bounded() {
        let line = format!(
            "x\tcompany\tAcme\t{}\n",
            vec!["Acme Co"; 1_000_000].join("|")
        );
        let d = load(&format!("id\ttype\tname\taliases\n{line}")).unwrap();
        assert_eq!(d.groups().len(), 2);
        assert_eq!(d.warning_count(), 1);

        let n = MAX_CLAIMS_PER_ALIAS + 1000;
        let mut text = String::from("id\ttype\tname\n");
        for i in 0..n {
            text.push_str(&format!("e{i}\tcompany\tAcme\n"));
        }
        let d = load(&text).unwrap();
        assert_eq!(d.entities().len(), n);
        assert_eq!(d.groups()[0].claims.len(), MAX_CLAIMS_PER_ALIAS);
        let got: Vec<String> = d.warnings().iter().map(|w| w.to_string()).collect();
        assert_eq!(
            got,
            [format!(
                "t.tsv:{}:1: alias \"Acme\" is claimed by {n} entities; the first \
                 {MAX_CLAIMS_PER_ALIAS} keep it, the other 1000 (from \"e{MAX_CLAIMS_PER_ALIAS}\" \
                 on) do not",
                MAX_CLAIMS_PER_ALIAS + 2
            )]
        );
    }

    /// A dictionary of `n` companies with shared aliases: "Alias {i % a}" (a few claims each)
    /// and "Common {i % c}" (over the cap when `n / c` is over it).
    fn shared_aliases(n: usize, a: usize, c: usize) -> String {
        let mut text = String::from("id\ttype\tname\taliases\n");
        for i in 0..n {
            text.push_str(&format!(
                "e{i}\tcompany\tName {i}\tAlias {}|Common {}\n",
                i % a,
                i % c
            ));
        }
        text
    }

    /// Aliases are grouped in parallel, a run of one hash at a time: the groups, their claims
    /// and order, and the warnings are the same with one thread as with several.
    #[test]
    fn groups_do_not_depend_on_the_number_of_threads() {
        let text = shared_aliases(5_000, 700, 97);
        let build = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let d = pool.install(|| load(&text).unwrap());
            let groups: Vec<(String, Vec<Claim>)> = d
                .groups()
                .iter()
                .map(|g| (g.text.clone(), g.claims.clone()))
                .collect();
            let warnings: Vec<String> = d.warnings().iter().map(|w| w.to_string()).collect();
            (groups, warnings, d.warning_count())
        };
        let one = build(1);
        assert_eq!(one.0.len(), 5_000 + 700 + 97);
        assert_eq!(one.0[1].0, "Alias 0");
        assert!(one.2 > 0, "some alias is over the cap");
        assert_eq!(build(3), one);
        assert_eq!(build(8), one);
    }

    /// Names whose hashes are equal but whose texts differ are grouped apart: with every hash
    /// the same, the groups, claims and warnings are those of the real hash.
    #[test]
    fn names_of_one_hash_are_grouped_by_text() {
        let text = shared_aliases(300, 70, 7);
        let mut b = DictionaryBuilder::new();
        b.add_str("t", &text).unwrap();
        let real = groups(&b.drafts, &b.files, str_hash);
        let same = groups(&b.drafts, &b.files, |_| 7);
        let claims = |g: &[AliasGroup]| g.iter().map(|g| g.claims.clone()).collect::<Vec<_>>();
        let warnings = |w: &[Warning]| w.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        assert_eq!(real.0.len(), 300 + 70 + 7);
        assert_eq!(claims(&same.0), claims(&real.0));
        assert_eq!(same.1, real.1);
        assert_eq!(warnings(&same.2), warnings(&real.2));
        assert!(!real.2.is_empty(), "\"Common 0\" is over the cap");
    }

    /// A warning on every line (and one for the alias they all claim): the first ones kept,
    /// all counted.
    #[test]
    fn warnings_are_counted_past_the_ones_kept() {
        let mut text = String::from("id\ttype\tname\n");
        for i in 0..1000 {
            text.push_str(&format!("e{i}\tcompany\tX\n"));
        }
        let d = load(&text).unwrap();
        assert_eq!(d.warnings().len(), MAX_KEPT_WARNINGS);
        assert_eq!(d.warning_count(), 1000 + 1);
    }

    /// The files of a folder are read side by side, but loaded as one after the other: the
    /// first error in file order stops the load, whether in a line, in the UTF-8 or in the
    /// header of a file, and a clean folder gives what loading its files one by one gives.
    #[test]
    fn files_of_a_folder_fail_and_load_in_order() {
        let dir = std::env::temp_dir().join(format!("newsgraph-dict-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let a = "id\ttype\tname\taliases\nx\tcompany\tAcme\tAcme Co\n";
        let b_good = "id\ttype\tname\taliases\ny\tcompany\tBolt\tAcme Co\n";
        let c_good = "# c\nid\ttype\tname\nz\tagency\tZed\n";
        let d_good = "id\ttype\tname\nw\tcountry\tWest\n";
        let write = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
        write("a.tsv", a.as_bytes());
        write(
            "b.tsv",
            b"id\ttype\tname\ny\tcompany\tBolt\ny\tcompany\tAgain\n",
        );
        write("c.tsv", b"# c\nid\ttype\tname\nz\tagency\tZ\xffd\n");
        write("d.tsv", b"# no header\n");
        write("notes.txt", b"not a dictionary");
        let load = || {
            DictionaryBuilder::new()
                .add_path(&dir)
                .map(|_| ())
                .unwrap_err()
        };
        let e = load();
        assert!(e.file.ends_with("b.tsv") && e.line == 3, "{e}");
        write("b.tsv", b_good.as_bytes());
        let e = load();
        assert!(e.file.ends_with("c.tsv"), "{e}");
        assert_eq!(
            (e.line, e.column, e.message.as_str()),
            (3, 11, "invalid UTF-8")
        );
        write("c.tsv", c_good.as_bytes());
        let e = load();
        assert!(
            e.file.ends_with("d.tsv") && e.message.starts_with("no header"),
            "{e}"
        );
        write("d.tsv", d_good.as_bytes());
        let mut folder = DictionaryBuilder::new();
        folder.add_path(&dir).unwrap();
        let folder = folder.build();
        let mut one_by_one = DictionaryBuilder::new();
        for (name, text) in [("a", a), ("b", b_good), ("c", c_good), ("d", d_good)] {
            one_by_one.add_str(name, text).unwrap();
        }
        let one_by_one = one_by_one.build();
        let ids = |d: &Dictionary| {
            d.entities()
                .iter()
                .map(|e| e.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&folder), ["x", "y", "z", "w"]);
        assert_eq!(ids(&folder), ids(&one_by_one));
        let groups = |d: &Dictionary| {
            (d.groups().iter())
                .map(|g| (g.text.clone(), g.claims.iter().map(|c| c.entity).collect()))
                .collect::<Vec<(String, Vec<EntityId>)>>()
        };
        assert_eq!(groups(&folder), groups(&one_by_one));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn later_file_extends_an_entity_and_takes_precedence() {
        let mut b = DictionaryBuilder::new();
        b.add_str(
            "a.tsv",
            "id\ttype\tname\nx\tcompany\tAcme\ny\tcompany\tBolt\n",
        )
        .unwrap();
        b.add_str(
            "b.tsv",
            "id\ttype\tname\taliases\nx\tcompany\tAcme\tAcme Co\nz\tcompany\tZed\tBolt\n",
        )
        .unwrap();
        let d = b.build();
        assert_eq!(d.entities().len(), 3);
        let bolt = d.groups().iter().find(|g| g.text == "Bolt").unwrap();
        let ids: Vec<_> = bolt
            .claims
            .iter()
            .map(|c| d.entity(c.entity).id.as_str())
            .collect();
        assert_eq!(ids, ["z", "y"]);
        assert!(d.groups().iter().any(|g| g.text == "Acme Co"));
        let err = DictionaryBuilder::new()
            .add_str("a.tsv", "id\ttype\tname\nx\tcompany\tAcme\n")
            .unwrap()
            .add_str("b.tsv", "id\ttype\tname\nx\tagency\tAcme\n")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "b.tsv:2:3: id \"x\" has type company in a.tsv:2, not agency"
        );
    }
}
