//! [`DictionaryBuilder`]: takes dictionary files (a path, a folder's `*.tsv` files, text, the
//! built-ins) and merges their entries by entity id, one after the other in file order, so that
//! errors, warnings and precedence are those of reading the files line by line, whatever the
//! number of threads that read them. A later file may extend an entity of an earlier one (more
//! names, a new name or country) but not change its type. [`DictionaryBuilder::build`] then
//! makes the alias table of the merged entries.

use std::borrow::Cow;
use std::path::Path;

use rayon::prelude::*;

use super::actors::{ActorCounts, is_actor_file, read_actor_file};
use super::aliases::groups;
use super::error::Warnings;
use super::format::{
    Column, Draft, ReadEntry, ReadLine, Run, header, line_runs, read_run, read_text,
};
use super::{Dictionary, Error};
use crate::hash::str_hash;

/// Collects dictionary files, then builds a [`Dictionary`].
#[derive(Debug, Default)]
pub struct DictionaryBuilder {
    pub(super) drafts: Vec<Draft>,
    /// Indices of `drafts` by the hash of their id ([`str_hash`]), each kept with its hash:
    /// the hashes are computed as lines are read, in parallel, and merging, one entry after
    /// the other, neither hashes nor copies an id, nor reads the ids to grow the table.
    by_id: hashbrown::HashTable<(u64, usize)>,
    pub(super) files: Vec<String>,
    warnings: Warnings,
    /// What each PETRARCH actor file added held, by file name.
    actor_counts: Vec<(String, ActorCounts)>,
}

impl DictionaryBuilder {
    pub fn new() -> DictionaryBuilder {
        DictionaryBuilder::default()
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
    pub(super) fn add_sources(&mut self, sources: Vec<Source<'_>>) -> Result<(), Error> {
        // PETRARCH actor files are read in their place, between runs of TSV files.
        let mut tsv = Vec::new();
        for source in sources {
            let actors = match &source.text {
                Ok(text) => is_actor_file(&source.name, text),
                Err(_) => false,
            };
            if !actors {
                tsv.push(source);
                continue;
            }
            self.add_tsv_sources(std::mem::take(&mut tsv))?;
            self.add_actor_file(&source)?;
        }
        self.add_tsv_sources(tsv)
    }

    /// What each PETRARCH actor file added so far held.
    pub fn actor_counts(&self) -> &[(String, ActorCounts)] {
        &self.actor_counts
    }

    /// Adds a PETRARCH/TABARI actor file (see `actors.rs`).
    fn add_actor_file(&mut self, source: &Source<'_>) -> Result<(), Error> {
        let file_index = self.files.len();
        self.files.push(source.name.clone());
        let text = source.text.as_ref().map_err(Clone::clone)?;
        let mut counts = ActorCounts::default();
        let mut warnings = Vec::new();
        let read = read_actor_file(&source.name, file_index, text, &mut counts, &mut warnings);
        for w in warnings {
            self.warnings.push(w);
        }
        for entry in read? {
            self.merge(&source.name, entry)?;
        }
        self.actor_counts.push((source.name.clone(), counts));
        Ok(())
    }

    /// Adds newsgraph (TSV) dictionary files: see [`DictionaryBuilder::add_sources`].
    fn add_tsv_sources(&mut self, sources: Vec<Source<'_>>) -> Result<(), Error> {
        if sources.is_empty() {
            return Ok(());
        }
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
            name_given,
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
                if name_given {
                    old.entity.name = draft.entity.name;
                }
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
                let base = old.names.len() as u32;
                (old.terms).extend(draft.terms.into_iter().map(|(n, t)| (base + n, t)));
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
    ///
    /// [`MAX_CLAIMS_PER_ALIAS`]: super::MAX_CLAIMS_PER_ALIAS
    pub fn build(self) -> Dictionary {
        let DictionaryBuilder {
            mut drafts,
            by_id,
            files,
            mut warnings,
            actor_counts,
        } = self;
        drop(by_id);
        // The terms of office, one table for the dictionary: a claim names its terms by their
        // place in it (see `Claim::office`), counted from each entry's first.
        let mut office_base = Vec::with_capacity(drafts.len());
        let mut offices = Vec::new();
        for d in &mut drafts {
            office_base.push(offices.len() as u32);
            offices.extend(d.terms.iter_mut().map(|(_, t)| std::mem::take(t)));
        }
        let (mut groups, firsts, over_claimed) = groups(&drafts, &office_base, &files, str_hash);
        // Each group's text is moved from the entry that first named it, not copied.
        for (group, (d, n)) in groups.iter_mut().zip(firsts) {
            group.text = std::mem::take(&mut drafts[d].names[n].0);
        }
        for w in over_claimed {
            warnings.push(w);
        }
        let entities: Vec<super::Entity> = drafts.into_par_iter().map(|d| d.entity).collect();
        let renamed = super::dates::RENAMED
            .iter()
            .filter_map(|r| {
                let find = |id: &str| entities.iter().position(|e| e.id == id);
                Some(super::RenamedState {
                    from: find(r.from)? as super::EntityId,
                    to: find(r.to)? as super::EntityId,
                    until: r.until,
                    forms: r.forms,
                })
            })
            .collect();
        Dictionary {
            actor_counts,
            offices,
            renamed,
            kinds: entities.iter().map(|e| e.kind).collect(),
            entities,
            groups,
            warnings,
        }
    }
}

/// A dictionary file to add: its name, and its text or the error that reading it gave.
pub(super) struct Source<'t> {
    pub(super) name: String,
    pub(super) text: Result<Cow<'t, str>, Error>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::EntityId;

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
