//! The alias table: one [`AliasGroup`] per distinct alias text, holding the [`Claim`] of every
//! entity that names it so, in precedence order (later files first, so a user's dictionary
//! wins over the built-ins). Keeping the claimants is what lets the matcher say a mention is
//! ambiguous instead of guessing silently; keeping at most [`MAX_CLAIMS_PER_ALIAS`] of them
//! bounds what a name shared by a million entries costs. The table is built in parallel, with
//! the same groups, claims and order whatever the number of threads.

use rayon::prelude::*;

use super::format::Draft;
use super::{CasePolicy, EntityId, Form, Warning};

/// At most this many entities keep a claim on one alias text (the first, in precedence order);
/// the others are dropped with a warning. Every mention of an alias lists its other claimants as
/// alternatives, so a million entities sharing one name would put a million alternatives in
/// every mention of it (and building the table took quadratic time). The built-ins have at most
/// 3 claimants per alias.
pub const MAX_CLAIMS_PER_ALIAS: usize = 32;

/// One entity's claim on an alias text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Claim {
    pub entity: EntityId,
    pub form: Form,
    pub case: CasePolicy,
    /// The terms of office of a person: 0 when the name stands for the entity on any day,
    /// otherwise `k`, the terms [`Dictionary::office`]`(k)` (a person written with them,
    /// `Ronald Reagan[1981-01-20..1989-01-20]`).
    ///
    /// [`Dictionary::office`]: super::Dictionary::office
    pub office: u32,
}

/// Every claim on one alias text, in precedence order (the first claim whose case policy
/// accepts a text wins; the others are reported as alternatives).
#[derive(Clone, Debug)]
pub struct AliasGroup {
    pub text: String,
    pub claims: Vec<Claim>,
}

/// One group per distinct alias text, claims in precedence order, with its text left empty
/// and, for each group, the entry and name it was first seen at; and a warning for each alias
/// over [`MAX_CLAIMS_PER_ALIAS`].
#[allow(clippy::type_complexity)]
pub(super) fn groups(
    drafts: &[Draft],
    office_base: &[u32],
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
            let office = match d.terms.binary_search_by_key(&(n as u32), |t| t.0) {
                Ok(k) => office_base[i] + k as u32 + 1,
                Err(_) => 0,
            };
            NameKey {
                hash: hash(text),
                at,
                claim: Claim {
                    entity: i as EntityId,
                    form: *form,
                    case: d.entity.case,
                    office,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::DictionaryBuilder;
    use crate::dictionary::tests::load;
    use crate::hash::str_hash;

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
        let real = groups(&b.drafts, &vec![0; b.drafts.len()], &b.files, str_hash);
        let same = groups(&b.drafts, &vec![0; b.drafts.len()], &b.files, |_| 7);
        let claims = |g: &[AliasGroup]| g.iter().map(|g| g.claims.clone()).collect::<Vec<_>>();
        let warnings = |w: &[Warning]| w.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        assert_eq!(real.0.len(), 300 + 70 + 7);
        assert_eq!(claims(&same.0), claims(&real.0));
        assert_eq!(same.1, real.1);
        assert_eq!(warnings(&same.2), warnings(&real.2));
        assert!(!real.2.is_empty(), "\"Common 0\" is over the cap");
    }
}
