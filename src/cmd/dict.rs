//! `newsgraph dict`: look at dictionaries. `check` validates dictionary files and reports
//! what is likely to go wrong when matching with them (the loader's warnings, ids repeated
//! across files, aliases claimed by several entities, aliases that are common English words)
//! with counts by type;
//! `explain` shows, for a piece of text, every candidate alias, the boundary and case decisions
//! taken on it, the match kept and its alternatives. Both only read and print: the checks are
//! the loader's (`newsgraph::dictionary`) and the matcher's own (`Matcher::explain`).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use newsgraph::dictionary::{Day, Dictionary, DictionaryBuilder, EntityType, Form};
use newsgraph::matcher::{Dating, Matcher, Mention, is_english_word};

/// Lower-case English words (SCOWL size 35; notice in the file's header): an alias that is one
/// of them, capitalised, is also an ordinary word at the start of a sentence or in a headline.

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: DictCommand,
}

#[derive(clap::Subcommand, Debug)]
pub enum DictCommand {
    /// Validate dictionary files and report duplicates, shared aliases, common words and counts.
    #[command(after_help = "\
An error (bad header, unknown type, bad country code …) is printed as file:line:column and the
exit status is 2, as `extract --dict` would stop. Warnings do not change the exit status.

EXAMPLES:
    newsgraph dict check my-companies.tsv
    newsgraph dict check dicts/ extra.tsv --all
    newsgraph dict check                      the built-in dictionaries")]
    Check(CheckArgs),
    /// Show which dictionary entries match a piece of text, and why.
    #[command(after_help = "\
EXAMPLES:
    newsgraph dict explain \"Bank of China lends to China\"
    newsgraph dict explain --dict my.tsv \"Acme Rockets said\"
    newsgraph dict explain --date 1993-01-01 \"Ronald Reagan arrived in Moscow\"")]
    Explain(ExplainArgs),
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Dictionary files or folders of *.tsv files. None: the built-in dictionaries.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Check the built-in dictionaries (also what no PATH means).
    #[arg(long)]
    pub builtin: bool,
    /// List every finding instead of the first 20 of each kind.
    #[arg(long)]
    pub all: bool,
}

#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// The text to explain.
    #[arg(value_name = "TEXT")]
    pub text: String,
    /// Add a dictionary file or folder (repeatable).
    #[arg(long = "dict", value_name = "PATH")]
    pub dicts: Vec<PathBuf>,
    /// Leave the built-in dictionaries out.
    #[arg(long)]
    pub no_default_dict: bool,
    /// The article's date (1987-03-02, or 2-MAR-1987): people count only in office, renamed
    /// states by date. None: an undated article.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

pub fn run(args: Args) -> Result<i32> {
    match args.command {
        DictCommand::Check(a) => check(a),
        DictCommand::Explain(a) => explain(a),
    }
}

/// One source of entries being checked: a file (or folder) given, or the built-ins.
struct Source {
    label: String,
    dict: Dictionary,
}

fn check(args: CheckArgs) -> Result<i32> {
    let out = std::io::stdout();
    let mut out = out.lock();
    // Load each source alone first: an error names its file, and ids repeated across sources
    // (a merge, not an error) can be told apart.
    let mut sources = Vec::new();
    let mut combined = DictionaryBuilder::new();
    if args.builtin || args.paths.is_empty() {
        let mut b = DictionaryBuilder::new();
        b.add_defaults()?;
        combined.add_defaults()?;
        sources.push(Source {
            label: "<built-in>".into(),
            dict: b.build(),
        });
    }
    for p in &args.paths {
        let mut b = DictionaryBuilder::new();
        if let Err(e) = b.add_path(p) {
            writeln!(out, "error: {e}")?;
            return Ok(2);
        }
        combined.add_path(p)?;
        sources.push(Source {
            label: p.display().to_string(),
            dict: b.build(),
        });
    }
    let dict = combined.build();
    let limit = if args.all { usize::MAX } else { 20 };

    for s in &sources {
        writeln!(out, "{}: ok", s.label)?;
        // A PETRARCH actor file: its records, and what newsgraph read them as.
        for (_, c) in s.dict.actor_counts() {
            writeln!(
                out,
                "  PETRARCH actor file: {} entries (records): {} country names, {} people with \
                 terms of office, {} state bodies as metonyms, {} companies, {} agencies; {} \
                 skipped (no newsgraph actor)",
                c.records, c.countries, c.people, c.metonyms, c.companies, c.agencies, c.skipped
            )?;
        }
    }
    writeln!(out)?;
    write_counts(&mut out, &dict)?;

    // What loads but is likely wrong (empty list items, one-character aliases, repeats, an
    // alias claimed by too many entities); the dictionary keeps the first ones.
    let warnings: Vec<String> = dict.warnings().iter().map(|w| w.to_string()).collect();
    writeln!(out, "\nwarnings: {}", dict.warning_count())?;
    for w in warnings.iter().take(limit) {
        writeln!(out, "  {w}")?;
    }
    let shown = warnings.len().min(limit) as u64;
    if dict.warning_count() > shown {
        writeln!(out, "  … and {} more", dict.warning_count() - shown)?;
    }

    // Ids that several sources define: the later ones extend the earlier entity.
    let mut seen: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for s in &sources {
        for e in s.dict.entities() {
            seen.entry(&e.id).or_default().push(&s.label);
        }
    }
    let repeated: Vec<String> = seen
        .iter()
        .filter(|(_, v)| v.len() > 1)
        .map(|(id, v)| {
            format!(
                "{id}: defined in {} (merged: later files extend it)",
                v.join(", ")
            )
        })
        .collect();
    section(&mut out, "ids defined in several files", &repeated, limit)?;

    // Aliases with several claimants: the first is the mention's entity, the others its
    // alternatives (docs/output.md).
    let shared: Vec<String> = dict
        .groups()
        .iter()
        .filter(|g| g.claims.len() > 1)
        .map(|g| {
            let ids: Vec<String> = g
                .claims
                .iter()
                .map(|c| {
                    let e = dict.entity(c.entity);
                    format!("{} ({}, {})", e.id, e.kind.as_str(), c.form.as_str())
                })
                .collect();
            format!(
                "{:?}: {} first; alternatives: {}",
                g.text,
                ids[0],
                ids[1..].join(", ")
            )
        })
        .collect();
    section(
        &mut out,
        "aliases claimed by several entities (mentions will carry alternatives)",
        &shared,
        limit,
    )?;

    let common: Vec<String> = dict
        .groups()
        .iter()
        .filter(|g| is_english_name(&g.text))
        .map(|g| {
            let e = dict.entity(g.claims[0].entity);
            let case = format!("{:?}", g.claims[0].case).to_lowercase();
            format!(
                "{:?} ({}, case {}): the word {:?}",
                g.text,
                e.id,
                case,
                g.text.to_lowercase()
            )
        })
        .collect();
    section(
        &mut out,
        "aliases that are common English words (case auto: never matched in lower case, but \
         matched at a sentence start or in a headline)",
        &common,
        limit,
    )?;
    Ok(0)
}

fn write_counts(out: &mut impl Write, dict: &Dictionary) -> std::io::Result<()> {
    #[derive(Default)]
    struct Row {
        entities: usize,
        with_qid: usize,
        aliases: usize,
        demonyms: usize,
        metonyms: usize,
        people: usize,
    }
    let mut rows: BTreeMap<EntityType, Row> = BTreeMap::new();
    for e in dict.entities() {
        let r = rows.entry(e.kind).or_default();
        r.entities += 1;
        r.with_qid += usize::from(e.wikidata.is_some());
    }
    for g in dict.groups() {
        for c in &g.claims {
            let r = rows.entry(dict.entity(c.entity).kind).or_default();
            match c.form {
                Form::Name => r.aliases += 1,
                Form::Demonym => r.demonyms += 1,
                Form::Metonym => r.metonyms += 1,
                Form::Person => r.people += 1,
                // Found in articles by their form, never a dictionary's claim.
                Form::Pattern => {}
            }
        }
    }
    writeln!(
        out,
        "{:<10} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "type", "entities", "with QID", "aliases", "demonyms", "metonyms", "people"
    )?;
    let mut total = Row::default();
    for (kind, r) in &rows {
        writeln!(
            out,
            "{:<10} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
            kind.as_str(),
            r.entities,
            r.with_qid,
            r.aliases,
            r.demonyms,
            r.metonyms,
            r.people
        )?;
        total.entities += r.entities;
        total.with_qid += r.with_qid;
        total.aliases += r.aliases;
        total.demonyms += r.demonyms;
        total.metonyms += r.metonyms;
        total.people += r.people;
    }
    writeln!(
        out,
        "{:<10} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "total",
        total.entities,
        total.with_qid,
        total.aliases,
        total.demonyms,
        total.metonyms,
        total.people
    )?;
    writeln!(
        out,
        "(aliases count every name form, the canonical name included; {} distinct alias texts)",
        dict.groups().len()
    )
}

fn section(out: &mut impl Write, title: &str, items: &[String], limit: usize) -> Result<()> {
    writeln!(out, "\n{title}: {}", items.len())?;
    for item in items.iter().take(limit) {
        writeln!(out, "  {item}")?;
    }
    if items.len() > limit {
        writeln!(
            out,
            "  … and {} more (--all lists them)",
            items.len() - limit
        )?;
    }
    Ok(())
}

fn is_english_name(alias: &str) -> bool {
    alias.chars().all(char::is_alphabetic)
        && alias.chars().any(char::is_lowercase)
        && is_english_word(&alias.to_lowercase())
}

fn explain(args: ExplainArgs) -> Result<i32> {
    let day = match &args.date {
        Some(d) => Some(Day::parse_article(d).ok_or_else(|| {
            anyhow::anyhow!("--date {d:?} is not a date (1987-03-02 or 2-MAR-1987)")
        })?),
        None => None,
    };
    let mut b = DictionaryBuilder::new();
    if !args.no_default_dict {
        b.add_defaults()?;
    }
    for p in &args.dicts {
        b.add_path(p)?;
    }
    let dict = b.build();
    let matcher = Matcher::new(&dict);
    let text = &args.text;
    let out = std::io::stdout();
    let mut out = out.lock();
    let candidates = matcher.explain(text);
    if candidates.is_empty() {
        writeln!(out, "no alias of the dictionaries occurs in the text")?;
    }
    for c in &candidates {
        let (alias, claims) = matcher.group(c.group);
        let (line, col) = char_pos(text, c.start);
        writeln!(
            out,
            "{:?} at {line}:{col} (chars {}..{}): alias {alias:?} — {}",
            &text[c.start..c.end],
            text[..c.start].chars().count(),
            text[..c.end].chars().count(),
            c.verdict.as_str()
        )?;
        // The entities the text could also name: the claims other than the chosen one whose
        // case policy accepts the text (what a mention reports as `alternatives`).
        let alts: Vec<u32> = match c.claim {
            Some(k) => {
                let as_mention = Mention {
                    start: c.start,
                    end: c.end,
                    entity: k.entity,
                    form: k.form,
                    role: None,
                    group: c.group,
                    ambiguous: false,
                };
                matcher.alternatives(text, &as_mention).collect()
            }
            None => Vec::new(),
        };
        for claim in claims.iter() {
            let e = dict.entity(claim.entity);
            let chosen = c.claim.is_some_and(|k| k.entity == claim.entity);
            let accepted = alts.contains(&claim.entity);
            let mark = if chosen {
                "->"
            } else if accepted {
                "alt"
            } else {
                "  "
            };
            let terms: Vec<String> = dict
                .office(claim.office)
                .iter()
                .map(|t| t.to_dictionary_text())
                .collect();
            writeln!(
                out,
                "    {mark:<3} {} {:?} ({}, {}, case {}{}{})",
                e.id,
                e.name,
                e.kind.as_str(),
                claim.form.as_str(),
                format!("{:?}", claim.case).to_lowercase(),
                e.wikidata
                    .as_deref()
                    .map(|q| format!(", {q}"))
                    .unwrap_or_default(),
                if terms.is_empty() {
                    String::new()
                } else {
                    format!(", in office {}", terms.join(", "))
                }
            )?;
        }
    }
    let mut mentions = Vec::new();
    matcher.find_into(text, &mut mentions);
    // The date's decision on each mention, as the pipeline takes it (`Matcher::date_mentions`).
    let on = day.map_or("an undated article".to_string(), |d| d.to_string());
    let mut dated = Vec::new();
    for m in &mentions {
        let why = match matcher.dating(day, m) {
            Dating::Undated => None,
            Dating::InOffice(t) => Some(format!("in office {} on {on}", t.to_dictionary_text())),
            Dating::NoArticleDate => Some(format!(
                "kept: a person with terms of office in {on} (any term counts)"
            )),
            Dating::OutOfOffice => {
                writeln!(
                    out,
                    "\n{:?} -> {}: out of office on {on}: no mention",
                    &text[m.start..m.end],
                    dict.entity(m.entity).id
                )?;
                continue;
            }
            Dating::Renamed(r) => Some(format!(
                "{} before {} (was {})",
                dict.entity(r.to).id,
                r.until,
                dict.entity(r.from).id
            )),
        };
        dated.push((*m, why));
    }
    matcher.date_mentions(day, &mut mentions);
    writeln!(out, "\nmentions: {}", mentions.len())?;
    for (m, (_, why)) in mentions.iter().zip(&dated) {
        let e = dict.entity(m.entity);
        let alts: Vec<&str> = matcher
            .alternatives(text, m)
            .map(|a| dict.entity(a).id.as_str())
            .collect();
        write!(
            out,
            "  {:?} -> {} ({}, {})",
            &text[m.start..m.end],
            e.id,
            e.kind.as_str(),
            m.form.as_str()
        )?;
        if let Some(r) = m.role {
            write!(out, ", role {}", r.as_str())?;
        }
        if !alts.is_empty() {
            write!(out, ", ambiguous: alternatives {}", alts.join(", "))?;
        }
        if let Some(why) = why {
            write!(out, ", {why}")?;
        }
        writeln!(out)?;
    }
    Ok(0)
}

/// 1-based line and character column of a byte offset.
fn char_pos(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |p| p + 1);
    (line, before[start..].chars().count() + 1)
}
