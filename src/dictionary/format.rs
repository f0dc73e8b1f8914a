//! The dictionary file format (documented in `dictionaries/README.md`): a header naming the
//! columns, then an entity a line, its fields separated by tabs and its lists by `|`. This room
//! turns the text of a file into entries ([`Draft`]s): it finds the header, checks every field
//! as it reads it (an error or a warning names file, line and column, counted in characters),
//! and reads the lines after the header in runs of about [`RUN_BYTES`], side by side. Merging
//! the entries, in file order, is the builder's.

use std::path::Path;

use rayon::prelude::*;

use super::dates::Term;
use super::error::{Error, Warning};
use super::{CasePolicy, Entity, EntityType, Form};
use crate::hash::{WordMap, str_hash};

/// The longest alias (or name) accepted, in characters. The longest of the built-ins is 85; an
/// alias of thousands of characters is a broken line (a missing tab or newline, a description
/// in the wrong column), and the matcher's work at each word start grows with the longest
/// alias: a 10,000-character alias of repeated words made a text of those words take minutes.
pub const MAX_ALIAS_CHARS: usize = 256;

/// The columns a dictionary header may name.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Column {
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
pub(super) struct Origin {
    pub(super) file_index: usize,
    pub(super) line: usize,
    /// Column of the id.
    pub(super) column: usize,
}

/// An entity while loading: its alias lists are merged across files before the group table
/// is built.
#[derive(Clone, Debug)]
pub(super) struct Draft {
    pub(super) entity: Entity,
    pub(super) names: Vec<(String, Form)>,
    /// The terms of office of the names that have them (people written
    /// `Ronald Reagan[1981-01-20..1989-01-20]`), by index in `names`, in order.
    pub(super) terms: Vec<(u32, Box<[Term]>)>,
    pub(super) origin: Origin,
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
pub(super) fn line_runs(text: &str, lines_before: usize) -> Vec<Run<'_>> {
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

/// A file's bytes as text, or an error naming the file (and where its UTF-8 breaks).
pub(super) fn read_text(path: &Path) -> Result<String, Error> {
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
pub(super) fn header<'t>(
    name: &str,
    text: &'t str,
) -> Result<(Vec<Column>, &'t str, usize), Error> {
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
pub(super) struct Run<'t> {
    /// How many lines of the file precede them.
    before: usize,
    /// How many there are: what the vectors filled from them are sized by, rather than grown
    /// (growing them was a tenth of loading 100,000 entries, copies and page faults).
    pub(super) lines: usize,
    text: &'t str,
}

/// One line of a dictionary file read on its own: the warnings it gave, then its entry or the
/// error that stops the load.
pub(super) struct ReadLine {
    pub(super) warnings: Vec<Warning>,
    pub(super) entry: Result<ReadEntry, Error>,
}

/// An entry, with what [`DictionaryBuilder::merge`] needs to merge it into an earlier file's.
///
/// [`DictionaryBuilder::merge`]: super::DictionaryBuilder::merge
pub(super) struct ReadEntry {
    pub(super) draft: Draft,
    /// [`str_hash`] of the entry's id.
    pub(super) id_hash: u64,
    pub(super) kind_column: usize,
    /// The line sets a case policy (an empty field keeps an earlier file's).
    pub(super) case_given: bool,
    /// The entry names its entity (a PETRARCH actor file's people of a country do not: the
    /// country keeps an earlier file's name).
    pub(super) name_given: bool,
}

/// Reads the non-blank, non-comment lines of a run, up to and including the first that is an
/// error.
pub(super) fn read_run(name: &str, file_index: usize, cols: &[Column], run: Run) -> Vec<ReadLine> {
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
    terms: Vec<(u32, Box<[Term]>)>,
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
        terms,
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
    terms.clear();
    if !seen.is_empty() {
        seen.clear();
    }
    let mut repeats = 0usize;
    let mut first_repeat = None;
    let mut take = |col: usize, text: &'t str, form: Form, what: &str, dated: Option<Vec<Term>>| {
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
        if let Some(dated) = dated {
            terms.push((names.len() as u32, dated.into_boxed_slice()));
        }
        names.push((text, form));
        Ok(())
    };
    take(entry.name.0, entry.name.1, Form::Name, "name", None)?;
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
            } else if form == Form::Person {
                let (person, dated) = person_terms(item).map_err(|(c, m)| err(item_col + c, m))?;
                take(item_col, person, form, "alias", dated)?;
            } else {
                take(item_col, item, form, "alias", None)?;
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
            terms: std::mem::take(terms),
            origin: Origin {
                file_index,
                line: line_no,
                column: entry.id.0,
            },
        },
        id_hash: str_hash(id),
        kind_column: entry.kind.0,
        case_given: !entry.case.1.is_empty(),
        name_given: true,
    })
}

/// Where in an item (characters from its start) an error is, and what is wrong.
type ItemError = (usize, String);

/// A `people` item and its terms of office, if it has them: `Ronald Reagan[1981-01-20..1989-01-20]`
/// is the name "Ronald Reagan" in office from the one day to the other, both included (see
/// [`Term::parse_list`]). An error gives the character offset in the item and the message.
fn person_terms(item: &str) -> Result<(&str, Option<Vec<Term>>), ItemError> {
    let Some(open) = item.find('[') else {
        return match item.find(']') {
            Some(at) => Err((item[..at].chars().count(), "']' without '['".into())),
            None => Ok((item, None)),
        };
    };
    let inside = &item[open + 1..];
    let Some(inside) = inside.strip_suffix(']') else {
        return Err((
            item[..open].chars().count(),
            "terms of office must end the item: Name[FROM..TO]".into(),
        ));
    };
    let offset = item[..=open].chars().count();
    let terms = Term::parse_list(inside).map_err(|(c, m)| (offset + c, m))?;
    Ok((item[..open].trim_end(), Some(terms)))
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
    use crate::dictionary::DictionaryBuilder;
    use crate::dictionary::tests::load;

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
                "id\ttype\tname\tpeople\nx\tcountry\tX\tRonald Reagan[1981-01-20..89-01-20]\n",
                "t.tsv:2:27: date \"89-01-20\" is not YYYY-MM-DD",
            ),
            (
                "id\ttype\tname\tpeople\nx\tcountry\tX\tA B|Ronald Reagan[1981-01-20..1989-01-20\n",
                "t.tsv:2:30: terms of office must end the item: Name[FROM..TO]",
            ),
            (
                "id\ttype\tname\tpeople\nx\tcountry\tX\tRonald Reagan]\n",
                "t.tsv:2:26: ']' without '['",
            ),
            (
                "id\ttype\tname\tpeople\nx\tcountry\tX\tR R[1989-01-01..1981-01-01]\n",
                "t.tsv:2:17: term \"1989-01-01..1981-01-01\" ends before it starts",
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
}
