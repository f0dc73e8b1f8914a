//! The reference the matcher is held to (tests only): the matcher as it was first written, an
//! Aho–Corasick automaton of the aliases, and a property test that the word-start index finds
//! exactly what the automaton finds, on random dictionaries and texts.

use super::case::accepts;
use super::role::role_after;
use super::words::{is_boundary_after, is_boundary_before};
use super::{Matcher, Mention, Verdict};
use crate::dictionary::{Dictionary, DictionaryBuilder, EntityType};

/// The matcher as it was first written, kept as the reference: an Aho–Corasick automaton
/// of every alias (and its capitals) folding ASCII case, run overlapping over the whole
/// text, each candidate then checked for word boundaries and case, and the same leftmost,
/// longest choice.
fn reference(d: &Dictionary, m: &Matcher, text: &str) -> Vec<Mention> {
    let mut patterns = Vec::new();
    let mut pattern_group = Vec::new();
    for (g, group) in d.groups().iter().enumerate() {
        patterns.push(group.text.clone());
        pattern_group.push(g as u32);
        let upper = group.text.to_uppercase();
        if !group.text.is_ascii() && upper != group.text {
            patterns.push(upper);
            pattern_group.push(g as u32);
        }
    }
    let ac = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(&patterns)
        .unwrap();
    let mut out = Vec::new();
    for x in ac.find_overlapping_iter(text) {
        let (start, end) = (x.start(), x.end());
        if !is_boundary_before(text, start) || !is_boundary_after(text, end) {
            continue;
        }
        let g = pattern_group[x.pattern().as_usize()];
        let info = &m.groups[g as usize];
        let found = &text[start..end];
        if let Some(c) = info
            .claims
            .iter()
            .find(|c| accepts(info, c.case, found, text, start, end))
        {
            out.push(Mention {
                start,
                end,
                entity: c.entity,
                form: c.form,
                role: None,
                group: g,
                ambiguous: false,
            });
        }
    }
    out.sort_by(|a, b| (a.start, b.end, a.group).cmp(&(b.start, a.end, b.group)));
    out.dedup();
    let mut kept: Vec<Mention> = Vec::new();
    for x in out {
        if kept.last().is_none_or(|k| x.start >= k.end) {
            kept.push(x);
        }
    }
    for x in &mut kept {
        if m.entity_kinds[x.entity as usize] == EntityType::Country {
            x.role = role_after(text, x.end);
        }
    }
    kept
}

fn dictionary_and_text() -> impl proptest::strategy::Strategy<Value = (String, String)> {
    use proptest::prelude::*;
    let alias = prop::string::string_regex(r"[A-Za-zÉéÜüß0-9&.'\- ]{1,12}").unwrap();
    prop::collection::vec((alias, 0..3usize, 0..3usize), 1..8).prop_flat_map(|entries| {
        let mut tsv = String::from("id\ttype\tname\taliases\tcase\n");
        let mut names = Vec::new();
        for (i, (name, kind, case)) in entries.into_iter().enumerate() {
            let name = name.trim().to_string();
            if name.is_empty() {
                continue;
            }
            let kind = ["country", "company", "agency"][kind];
            let case = ["auto", "exact", "ignore"][case];
            tsv.push_str(&format!("e{i}\t{kind}\t{name}\t\t{case}\n"));
            names.push(name.clone());
            names.push(name.to_uppercase());
            names.push(name.to_lowercase());
        }
        names.push("x".into());
        let piece = prop_oneof![
            3 => prop::sample::select(names),
            2 => prop::string::string_regex(r"[ .,'\-a-zÉü0-9\n]{0,3}").unwrap(),
            1 => any::<String>(),
        ];
        (
            Just(tsv),
            prop::collection::vec(piece, 0..30).prop_map(|v| v.concat()),
        )
    })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    /// The word-start index finds exactly what the automaton finds.
    #[test]
    fn finds_what_an_automaton_finds((tsv, text) in dictionary_and_text()) {
        let mut b = DictionaryBuilder::new();
        if b.add_str("p.tsv", &tsv).is_err() {
            return Ok(());
        }
        let d = b.build();
        let m = Matcher::new(&d);
        let mut found = Vec::new();
        m.find_into(&text, &mut found);
        proptest::prop_assert_eq!(found, reference(&d, &m, &text));
        let explained: Vec<(usize, usize, u32)> = m
            .explain(&text)
            .into_iter()
            .filter(|c| c.verdict == Verdict::Kept)
            .map(|c| (c.start, c.end, c.group))
            .collect();
        let kept: Vec<(usize, usize, u32)> = reference(&d, &m, &text).iter().map(|x| (x.start, x.end, x.group)).collect();
        proptest::prop_assert_eq!(explained, kept);
    }
}
