//! Entities and their names: the dictionary file format, loading, and the table the matcher
//! is built from.
//!
//! A dictionary is a tab-separated file with a header (documented in `dictionaries/README.md`).
//! This module owns parsing, validation (every error names file, line and column, and loading
//! stops before any article is read), the merge of several files by entity id, and the flattened
//! alias table: one [`AliasGroup`] per distinct alias text, holding every entity that claims it.
//! Keeping all claimants is what lets the matcher say a mention is ambiguous instead of
//! guessing silently.

use std::fmt;
use std::path::Path;

use crate::hash::WordMap;

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
}

impl Form {
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Name => "name",
            Form::Demonym => "demonym",
            Form::Metonym => "metonym",
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
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        }
    }
}

impl std::error::Error for Error {}

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
    by_id: WordMap<String, usize>,
    files: Vec<String>,
}

impl DictionaryBuilder {
    pub fn new() -> DictionaryBuilder {
        DictionaryBuilder::default()
    }

    /// Adds the built-in dictionaries.
    pub fn add_defaults(&mut self) -> Result<&mut Self, Error> {
        for (name, text) in DEFAULT_FILES {
            self.add_str(name, text)?;
        }
        Ok(self)
    }

    /// Adds a file, or every `*.tsv` file of a folder in name order.
    pub fn add_path(&mut self, path: &Path) -> Result<&mut Self, Error> {
        let io_err = |e: std::io::Error| Error {
            file: path.display().to_string(),
            line: 0,
            column: 0,
            message: e.to_string(),
        };
        if path.is_dir() {
            let mut files: Vec<_> = std::fs::read_dir(path)
                .map_err(io_err)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
                .collect();
            files.sort();
            if files.is_empty() {
                return Err(io_err(std::io::Error::other("folder has no *.tsv file")));
            }
            for f in files {
                self.add_path(&f)?;
            }
            return Ok(self);
        }
        let bytes = std::fs::read(path).map_err(io_err)?;
        let name = path.display().to_string();
        let text = String::from_utf8(bytes).map_err(|e| {
            let (line, column) = line_col(e.as_bytes(), e.utf8_error().valid_up_to());
            Error {
                file: name.clone(),
                line,
                column,
                message: "invalid UTF-8".into(),
            }
        })?;
        self.add_str(&name, &text)
    }

    /// Adds a dictionary given as text; `name` is used in error messages.
    pub fn add_str(&mut self, name: &str, text: &str) -> Result<&mut Self, Error> {
        let file_index = self.files.len();
        self.files.push(name.to_string());
        let err = |line: usize, column: usize, message: String| Error {
            file: name.to_string(),
            line,
            column,
            message,
        };
        let mut header: Option<Vec<Column>> = None;
        for (i, raw) in text.lines().enumerate() {
            let line_no = i + 1;
            let line = raw.strip_prefix('\u{feff}').unwrap_or(raw);
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<(usize, &str)> = split_tabs(line);
            let Some(cols) = &header else {
                let mut cols = Vec::new();
                for &(col, f) in &fields {
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
                header = Some(cols);
                continue;
            };
            if fields.len() > cols.len() {
                let (col, _) = fields[cols.len()];
                return Err(err(
                    line_no,
                    col,
                    format!(
                        "{} fields, but the header names {} columns",
                        fields.len(),
                        cols.len()
                    ),
                ));
            }
            let mut entry = Entry::default();
            for (k, &(col, value)) in fields.iter().enumerate() {
                let value = value.trim();
                if value.contains('\u{0}') {
                    return Err(err(line_no, col, "NUL character in field".into()));
                }
                entry.set(cols[k], col, value);
            }
            let id = entry.id.1;
            if id.is_empty() {
                return Err(err(line_no, entry.id.0.max(1), "empty id".into()));
            }
            if id.chars().any(char::is_whitespace) {
                return Err(err(
                    line_no,
                    entry.id.0,
                    format!("id {id:?} contains a space"),
                ));
            }
            let kind = EntityType::parse(entry.kind.1).ok_or_else(|| {
                err(
                    line_no,
                    entry.kind.0.max(1),
                    format!(
                        "unknown type {:?} (expected country, company or agency)",
                        entry.kind.1
                    ),
                )
            })?;
            if entry.name.1.is_empty() {
                return Err(err(line_no, entry.name.0.max(1), "empty name".into()));
            }
            let case = CasePolicy::parse(entry.case.1).ok_or_else(|| {
                err(
                    line_no,
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
                    line_no,
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
                    line_no,
                    entry.wikidata.0,
                    format!("wikidata {wikidata:?} is not a QID like Q148"),
                ));
            }
            let refs = split_list(entry.refs.1);
            for r in &refs {
                if !r.contains(':') {
                    return Err(err(
                        line_no,
                        entry.refs.0,
                        format!("ref {r:?} is not scheme:value"),
                    ));
                }
            }
            let mut names = vec![(entry.name.1.to_string(), Form::Name)];
            for (list, form) in [
                (entry.aliases.1, Form::Name),
                (entry.demonyms.1, Form::Demonym),
                (entry.metonyms.1, Form::Metonym),
            ] {
                names.extend(split_list(list).into_iter().map(|a| (a.to_string(), form)));
            }
            // An id seen before in this same file (later files merge into earlier ones).
            if let Some(prev) = self.by_id.get(id).map(|&k| &self.drafts[k].origin)
                && prev.file_index == file_index
            {
                return Err(err(
                    line_no,
                    entry.id.0,
                    format!("id {id:?} already defined on line {}", prev.line),
                ));
            }
            let non_empty = |s: &str| (!s.is_empty()).then(|| s.to_string());
            let draft = Draft {
                entity: Entity {
                    id: id.to_string(),
                    kind,
                    name: entry.name.1.to_string(),
                    country: non_empty(country),
                    wikidata: non_empty(wikidata),
                    refs: refs.iter().map(|s| s.to_string()).collect(),
                    case,
                },
                names,
                origin: Origin {
                    file_index,
                    line: line_no,
                },
            };
            match self.by_id.get(id) {
                None => {
                    self.by_id.insert(id.to_string(), self.drafts.len());
                    self.drafts.push(draft);
                }
                Some(&k) => {
                    let old = &mut self.drafts[k];
                    if old.entity.kind != kind {
                        return Err(err(
                            line_no,
                            entry.kind.0,
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
                    if !entry.case.1.is_empty() {
                        old.entity.case = case;
                    }
                    old.names.extend(draft.names);
                    old.origin = draft.origin;
                }
            }
        }
        if header.is_none() {
            return Err(err(0, 0, "no header line (id, type, name, ...)".into()));
        }
        Ok(self)
    }

    /// Builds the alias table. Claims from later files come first in a group, so a user's
    /// dictionary takes precedence over the built-ins for a shared alias.
    pub fn build(&self) -> Dictionary {
        // A million-entry dictionary takes seconds here: the entities are copied while the
        // alias table is built.
        let (entities, groups) = rayon::join(
            || self.drafts.iter().map(|d| d.entity.clone()).collect(),
            || self.groups(),
        );
        Dictionary { entities, groups }
    }

    /// One group per distinct alias text, claims in precedence order.
    fn groups(&self) -> Vec<AliasGroup> {
        let mut groups: Vec<AliasGroup> = Vec::new();
        let mut index: WordMap<&str, usize> = WordMap::default();
        let mut order: Vec<usize> = (0..self.drafts.len()).collect();
        // Stable: later files first, then file order within a file.
        order.sort_by_key(|&i| std::cmp::Reverse(self.drafts[i].origin.file_index));
        for &i in &order {
            let d = &self.drafts[i];
            for (text, form) in &d.names {
                let claim = Claim {
                    entity: i as EntityId,
                    form: *form,
                    case: d.entity.case,
                };
                let g = *index.entry(text.as_str()).or_insert_with(|| {
                    groups.push(AliasGroup {
                        text: text.clone(),
                        claims: Vec::new(),
                    });
                    groups.len() - 1
                });
                let claims = &mut groups[g].claims;
                if !claims.iter().any(|c| c.entity == claim.entity) {
                    claims.push(claim);
                }
            }
        }
        groups
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
            Column::Refs => &mut self.refs,
        };
        *slot = (col, v);
    }
}

/// Splits a line at tabs, giving each field with its 1-based character column.
fn split_tabs(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut col = 1;
    for f in line.split('\t') {
        out.push((col, f));
        col += f.chars().count() + 1;
    }
    out
}

fn split_list(s: &str) -> Vec<&str> {
    s.split('|')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .collect()
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
        ];
        for (text, want) in cases {
            assert_eq!(load(text).unwrap_err().to_string(), *want, "{text:?}");
        }
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
