//! The relation ontology as data: predicates, their CAMEO and PLOVER codes, and the trigger
//! words that express them, read from `dictionaries/relations.tsv` (compiled in) or a user's
//! file of the same format.
//!
//! A verb is written once as its lemma, with irregular forms after slashes
//! (`meet/met/met with`); the regular inflections (`bans`, `banned`, `banning`) are generated
//! here, so the table stays short and a user adds a verb in one word.

use std::collections::HashMap;

use crate::dictionary::Error;

/// The built-in relation table.
pub const DEFAULT_RELATIONS: (&str, &str) = (
    "<built-in>/relations.tsv",
    include_str!("../../dictionaries/relations.tsv"),
);

/// Index of a predicate in [`Ontology::predicates`].
pub type PredicateId = u16;

#[derive(Clone, Debug)]
pub struct Predicate {
    pub id: String,
    pub cameo: Option<String>,
    pub plover: Option<String>,
}

/// The grammatical form a trigger word was found in; passives need the participle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerbForm {
    Base,
    ThirdPerson,
    Past,
    Participle,
    PastOrParticiple,
    Gerund,
}

impl VerbForm {
    pub fn can_be_participle(self) -> bool {
        matches!(self, VerbForm::Participle | VerbForm::PastOrParticiple)
    }
}

/// One inflected trigger: its first word is the key of [`Ontology::triggers`].
#[derive(Clone, Debug)]
pub struct Trigger {
    pub predicate: PredicateId,
    /// The words after the first ("on" in "spy on"), lowercase.
    pub rest: Vec<String>,
    pub form: VerbForm,
}

/// Predicates and their triggers. Fixed once built.
#[derive(Clone, Debug)]
pub struct Ontology {
    predicates: Vec<Predicate>,
    /// First word (lowercase) → triggers starting with it, longest first.
    triggers: HashMap<String, Vec<Trigger>>,
    longest_first_word: usize,
}

impl Ontology {
    pub fn defaults() -> Ontology {
        Ontology::parse(DEFAULT_RELATIONS.0, DEFAULT_RELATIONS.1)
            .expect("the built-in relation table is valid")
    }

    pub fn predicates(&self) -> &[Predicate] {
        &self.predicates
    }

    pub fn predicate(&self, id: PredicateId) -> &Predicate {
        &self.predicates[id as usize]
    }

    /// Triggers whose first word is `lower` (already lowercase).
    pub fn triggers_for(&self, lower: &str) -> &[Trigger] {
        if lower.len() > self.longest_first_word {
            return &[];
        }
        self.triggers.get(lower).map_or(&[], Vec::as_slice)
    }

    /// Parses a relation table; `name` is used in errors.
    pub fn parse(name: &str, text: &str) -> Result<Ontology, Error> {
        let mut o = Ontology {
            predicates: Vec::new(),
            triggers: HashMap::new(),
            longest_first_word: 0,
        };
        o.extend(name, text)?;
        Ok(o)
    }

    /// Adds the predicates of another table; a predicate id seen again gains the new verbs.
    pub fn extend(&mut self, name: &str, text: &str) -> Result<(), Error> {
        let err = |line: usize, column: usize, message: String| Error {
            file: name.to_string(),
            line,
            column,
            message,
        };
        let mut header: Option<Vec<&str>> = None;
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            let Some(cols) = &header else {
                for (k, f) in fields.iter().enumerate() {
                    if !["predicate", "cameo", "plover", "verbs"].contains(f) {
                        return Err(err(line_no, k + 1, format!("unknown column {f:?}")));
                    }
                }
                if !fields.contains(&"predicate") || !fields.contains(&"verbs") {
                    return Err(err(line_no, 1, "header needs predicate and verbs".into()));
                }
                header = Some(fields);
                continue;
            };
            if fields.len() > cols.len() {
                return Err(err(line_no, 1, "more fields than the header names".into()));
            }
            let get = |c: &str| {
                cols.iter()
                    .position(|x| *x == c)
                    .and_then(|k| fields.get(k).copied())
                    .unwrap_or("")
            };
            let id = get("predicate");
            if id.is_empty() || !id.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
                return Err(err(
                    line_no,
                    1,
                    format!("predicate {id:?} must be lowercase letters and _"),
                ));
            }
            let non_empty = |s: &str| (!s.is_empty()).then(|| s.to_string());
            let p = match self.predicates.iter().position(|p| p.id == id) {
                Some(p) => p,
                None => {
                    self.predicates.push(Predicate {
                        id: id.to_string(),
                        cameo: non_empty(get("cameo")),
                        plover: non_empty(get("plover")),
                    });
                    self.predicates.len() - 1
                }
            } as PredicateId;
            for verb in get("verbs")
                .split('|')
                .map(str::trim)
                .filter(|v| !v.is_empty())
            {
                self.add_verb(p, verb)
                    .map_err(|m| err(line_no, 1, format!("verb {verb:?}: {m}")))?;
            }
        }
        for list in self.triggers.values_mut() {
            list.sort_by_key(|t| std::cmp::Reverse(t.rest.len()));
        }
        Ok(())
    }

    fn add_verb(&mut self, predicate: PredicateId, spec: &str) -> Result<(), String> {
        let mut words = spec.split_whitespace();
        let head = words.next().ok_or("empty")?.to_lowercase();
        let rest: Vec<String> = words.map(str::to_lowercase).collect();
        let mut parts = head.split('/');
        let lemma = parts.next().unwrap_or_default().to_string();
        if lemma.is_empty() || !lemma.chars().all(char::is_alphabetic) {
            return Err("the lemma must be letters".into());
        }
        let past = parts.next().map(str::to_string);
        let participle = parts.next().map(str::to_string).or_else(|| past.clone());
        for (word, form) in inflect(&lemma, past.as_deref(), participle.as_deref()) {
            self.longest_first_word = self.longest_first_word.max(word.len());
            let list = self.triggers.entry(word).or_default();
            let t = Trigger {
                predicate,
                rest: rest.clone(),
                form,
            };
            if !list
                .iter()
                .any(|x| x.predicate == predicate && x.rest == t.rest && x.form == form)
            {
                list.push(t);
            }
        }
        Ok(())
    }
}

/// The inflected forms of a verb: base, third person, past, participle and gerund.
/// Irregular past and participle replace the generated ones.
pub fn inflect(
    lemma: &str,
    past: Option<&str>,
    participle: Option<&str>,
) -> Vec<(String, VerbForm)> {
    let stem_ing;
    let regular_past;
    let third;
    let vowel = |c: char| "aeiou".contains(c);
    let chars: Vec<char> = lemma.chars().collect();
    let n = chars.len();
    let last = chars[n - 1];
    if lemma.ends_with('e') && !lemma.ends_with("ee") {
        stem_ing = format!("{}ing", &lemma[..lemma.len() - 1]);
        regular_past = format!("{lemma}d");
    } else if last == 'y' && n > 1 && !vowel(chars[n - 2]) {
        stem_ing = format!("{lemma}ing");
        regular_past = format!("{}ied", &lemma[..lemma.len() - 1]);
    } else if (3..=4).contains(&n)
        && !vowel(last)
        && !"wxy".contains(last)
        && vowel(chars[n - 2])
        && !vowel(chars[n - 3])
    {
        // One-syllable consonant-vowel-consonant verbs double the consonant: ban → banned.
        stem_ing = format!("{lemma}{last}ing");
        regular_past = format!("{lemma}{last}ed");
    } else {
        stem_ing = format!("{lemma}ing");
        regular_past = format!("{lemma}ed");
    }
    if last == 'y' && n > 1 && !vowel(chars[n - 2]) {
        third = format!("{}ies", &lemma[..lemma.len() - 1]);
    } else if ["s", "x", "z", "ch", "sh", "o"]
        .iter()
        .any(|e| lemma.ends_with(e))
    {
        third = format!("{lemma}es");
    } else {
        third = format!("{lemma}s");
    }
    let mut out = vec![
        (lemma.to_string(), VerbForm::Base),
        (third, VerbForm::ThirdPerson),
        (stem_ing, VerbForm::Gerund),
    ];
    match (past, participle) {
        (None, _) => out.push((regular_past, VerbForm::PastOrParticiple)),
        (Some(p), Some(pp)) if p == pp => out.push((p.to_string(), VerbForm::PastOrParticiple)),
        (Some(p), pp) => {
            out.push((p.to_string(), VerbForm::Past));
            if let Some(pp) = pp {
                out.push((pp.to_string(), VerbForm::Participle));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections() {
        let cases: &[(&str, Option<&str>, &[&str])] = &[
            ("ban", None, &["ban", "bans", "banning", "banned"]),
            ("sue", None, &["sue", "sues", "suing", "sued"]),
            ("spy", None, &["spy", "spies", "spying", "spied"]),
            (
                "pressure",
                None,
                &["pressure", "pressures", "pressuring", "pressured"],
            ),
            (
                "sanction",
                None,
                &["sanction", "sanctions", "sanctioning", "sanctioned"],
            ),
            (
                "accuse",
                None,
                &["accuse", "accuses", "accusing", "accused"],
            ),
            ("meet", Some("met"), &["meet", "meets", "meeting", "met"]),
            (
                "blacklist",
                None,
                &["blacklist", "blacklists", "blacklisting", "blacklisted"],
            ),
            ("push", None, &["push", "pushes", "pushing", "pushed"]),
            ("slap", None, &["slap", "slaps", "slapping", "slapped"]),
        ];
        for (lemma, past, want) in cases {
            let got: Vec<String> = inflect(lemma, *past, *past)
                .into_iter()
                .map(|x| x.0)
                .collect();
            assert_eq!(got, *want, "{lemma}");
        }
    }

    #[test]
    fn defaults_have_the_first_verbs() {
        let o = Ontology::defaults();
        for (word, pred) in [
            ("banned", "ban"),
            ("spying", "spy_on"),
            ("met", "meet"),
            ("sanctions", "sanction"),
            ("accused", "accuse"),
            ("sued", "sue"),
            ("pressured", "pressure"),
        ] {
            let t = o.triggers_for(word);
            assert!(
                t.iter().any(|t| o.predicate(t.predicate).id == pred),
                "{word}"
            );
        }
    }

    #[test]
    fn errors_name_the_line() {
        let e = Ontology::parse("r.tsv", "predicate\tverbs\nBan\tban\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "r.tsv:2:1: predicate \"Ban\" must be lowercase letters and _"
        );
    }
}
