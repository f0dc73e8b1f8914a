//! The PETRARCH/TABARI verb dictionary format (`CAMEO.2.0.txt`, and the dictionaries
//! event-data users already have), read as it is into triggers with CAMEO codes. The one
//! reader of the format: `extract --verbs FILE` and the built-in CAMEO selection both use it.
//!
//! A file has synonym sets (`&LABEL` and its `+member` lines) and verb blocks
//! (`--- NAME [code] ---`, then verbs and `-` patterns). A verb alone has its own `[code]` or
//! its block's; a pattern `- … * … [code]` refines the block's verbs with the words after
//! the verb (`*`). newsgraph has no parse, so a pattern is read only when it is a phrase that
//! starts at the verb: literal words, `{noun phrase}` and `(prepositional phrase)` words in
//! order, `&SET` members, the target `+` at the end (where the object is looked for anyway)
//! and the source `$` before the verb (where the subject is). What needs a parse is skipped
//! and counted by reason in [`Counts`]: words before the verb, a target inside the pattern,
//! a source after the verb, `^` and `%`, `~` transformations.
//!
//! Comments are `<!-- … -->` (across lines too), `#` and `;` to the end of a line, as
//! PETRARCH reads them. Errors name file and line; what PETRARCH skips with a warning (an
//! undefined synset, a multi-word verb without `+`) is skipped and counted here.

use std::collections::{BTreeMap, HashMap};

use super::ontology::{WordForm, inflect, plural_of};
use crate::dictionary::Error;

/// One trigger read from a verb dictionary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbTrigger {
    /// Lowercase words: the verb in one of its forms, then the words a pattern adds.
    pub words: Vec<String>,
    /// The form of the verb word.
    pub form: WordForm,
    /// The CAMEO (or other) event code, never the null code `---`.
    pub code: String,
    /// The verb line's first form, lowercase, words joined by `_` ("ask_for").
    pub verb: String,
    /// The line of the verb (for a verb alone) or of the pattern.
    pub line: usize,
    /// Whether a pattern gave it (else the verb alone).
    pub pattern: bool,
}

/// What a file held, read or skipped, by feature: the keys are the phrases the docs use.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub read: BTreeMap<&'static str, u64>,
    pub skipped: BTreeMap<&'static str, u64>,
}

impl Counts {
    fn read(&mut self, what: &'static str) {
        *self.read.entry(what).or_default() += 1;
    }
    fn skip(&mut self, why: &'static str) {
        *self.skipped.entry(why).or_default() += 1;
    }
}

/// A verb dictionary's triggers, in file order, and its counts.
#[derive(Clone, Debug, Default)]
pub struct VerbDictionary {
    pub triggers: Vec<VerbTrigger>,
    pub counts: Counts,
}

/// At most this many phrases come from one pattern's synonym sets (their product).
const MAX_PHRASES_PER_PATTERN: usize = 4096;

/// One verb line: its forms (words and the verb word's form) and its own code.
struct Verb {
    name: String,
    forms: Vec<(Vec<String>, WordForm)>,
    code: Option<String>,
    line: usize,
}

/// A verb block being read.
struct Block {
    code: Option<String>,
    verbs: Vec<Verb>,
    /// Each pattern's phrases (the words after the verb), code and line.
    patterns: Vec<(Vec<Vec<String>>, String, usize)>,
}

/// Reads a verb dictionary; `name` is used in errors.
pub fn read(name: &str, text: &str) -> Result<VerbDictionary, Error> {
    read_selected(name, text, |_| true)
}

/// Reads a verb dictionary, giving the triggers of the verbs `keep` keeps (by
/// [`VerbTrigger::verb`]) only: the whole file is read and checked, the rest not expanded.
pub fn read_selected(
    name: &str,
    text: &str,
    keep: impl Fn(&str) -> bool,
) -> Result<VerbDictionary, Error> {
    let err = |line: usize, message: String| Error {
        file: name.to_string(),
        line,
        column: 1,
        message,
    };
    let lines = clean_lines(text);
    let mut out = VerbDictionary::default();
    let sets = synsets(&lines, &mut out.counts);
    let mut block: Option<Block> = None;
    let mut in_set = false;
    for &(line_no, ref line) in &lines {
        let line = line.as_str();
        if line.starts_with('&') {
            in_set = true;
            continue;
        }
        if in_set && line.starts_with('+') {
            continue;
        }
        in_set = false;
        if line.starts_with('~') {
            out.counts.skip("transformations (~)");
        } else if line.starts_with("---") {
            if let Some(b) = block.take() {
                emit(b, &keep, &mut out);
            }
            let code = code_of(line).map_err(|m| err(line_no, m))?;
            out.counts.read("verb blocks");
            block = Some(Block {
                code: forward(code, &mut out.counts),
                verbs: Vec::new(),
                patterns: Vec::new(),
            });
        } else if let Some(p) = line.strip_prefix('-') {
            let b = block
                .as_mut()
                .ok_or_else(|| err(line_no, "a pattern before any --- verb block ---".into()))?;
            let Some(code) = code_of(p).map_err(|m| err(line_no, m))? else {
                return Err(err(line_no, "a pattern needs its [code]".into()));
            };
            let Some(code) = forward(Some(code), &mut out.counts) else {
                out.counts.skip("patterns with the null code ---");
                continue;
            };
            if !b.verbs.iter().any(|v| keep(&v.name)) {
                continue;
            }
            let body = p.split('[').next().unwrap_or_default();
            match pattern(body, &sets, &mut out.counts) {
                Ok(phrases) => {
                    out.counts.read("patterns");
                    b.patterns.push((phrases, code, line_no));
                }
                Err(why) => out.counts.skip(why),
            }
        } else {
            let b = block
                .as_mut()
                .ok_or_else(|| err(line_no, "a verb before any --- verb block ---".into()))?;
            let code = code_of(line).map_err(|m| err(line_no, m))?;
            let own = code.is_some();
            let code = forward(code, &mut out.counts);
            match verb(line, line_no).map_err(|m| err(line_no, m))? {
                Ok(mut v) => {
                    out.counts.read("verbs");
                    v.code = if own { code } else { b.code.clone() };
                    b.verbs.push(v);
                }
                Err(why) => out.counts.skip(why),
            }
        }
    }
    if let Some(b) = block.take() {
        emit(b, &keep, &mut out);
    }
    Ok(out)
}

/// The lines without comments and blank lines, trimmed, with their numbers.
fn clean_lines(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_comment = false;
    for (i, raw) in text.lines().enumerate() {
        let mut line = String::new();
        let mut rest = raw;
        loop {
            if in_comment {
                match rest.find("-->") {
                    Some(end) => {
                        rest = &rest[end + 3..];
                        in_comment = false;
                    }
                    None => break,
                }
            } else {
                match rest.find("<!--") {
                    Some(start) => {
                        line.push_str(&rest[..start]);
                        rest = &rest[start + 4..];
                        in_comment = true;
                    }
                    None => {
                        line.push_str(rest);
                        break;
                    }
                }
            }
        }
        let end = comment_start(&line).unwrap_or(line.len());
        let kept = line[..end].trim();
        if !kept.is_empty() {
            out.push((i + 1, kept.to_string()));
        }
    }
    out
}

/// Where a `#` or `;` comment starts, outside a `[code]` ("[###]" is a code).
fn comment_start(line: &str) -> Option<usize> {
    let mut in_code = false;
    line.char_indices().find_map(|(i, c)| {
        match c {
            '[' => in_code = true,
            ']' => in_code = false,
            '#' | ';' if !in_code => return Some(i),
            _ => {}
        }
        None
    })
}

/// The synonym sets of the file, wherever they are defined: label (without a final `_`) →
/// phrases. A member is a phrase of words; a plural of its last word is added unless the
/// label or the member ends with `_`.
fn synsets(lines: &[(usize, String)], counts: &mut Counts) -> HashMap<String, Vec<Vec<String>>> {
    let mut sets: HashMap<String, Vec<Vec<String>>> = HashMap::new();
    let mut current: Option<(String, bool)> = None;
    for (_, line) in lines {
        if let Some(label) = line.strip_prefix('&') {
            let label = label.split_whitespace().next().unwrap_or_default();
            let no_plural = label.ends_with('_');
            let label = label.trim_end_matches('_').to_ascii_uppercase();
            counts.read("synonym sets (&SET)");
            sets.entry(label.clone()).or_default();
            current = Some((label, no_plural));
            continue;
        }
        let Some((label, no_plural)) = &current else {
            continue;
        };
        let Some(member) = line.strip_prefix('+') else {
            current = None;
            continue;
        };
        let member = member.trim();
        if member.starts_with('&') {
            counts.skip("synonym set members that are sets");
            continue;
        }
        let singular = !no_plural && !member.ends_with('_');
        let words: Vec<String> = member
            .split(['_', ' '])
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        if words.is_empty() || !words.iter().all(|w| matchable(w)) {
            counts.skip("synonym set members with a word newsgraph cannot match");
            continue;
        }
        let list = sets.entry(label.clone()).or_default();
        if singular {
            let mut plural = words.clone();
            if let Some(last) = plural.last_mut() {
                *last = plural_of(last);
            }
            list.push(words);
            list.push(plural);
        } else {
            list.push(words);
        }
    }
    sets
}

/// A word the items of a sentence can equal: letters and digits, inner apostrophes.
fn matchable(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_alphanumeric)
        && w.chars().all(|c| c.is_alphanumeric() || c == '\'')
}

/// The code in a line's `[…]`, if it has one (`[042:043]` is kept whole, see [`forward`]).
fn code_of(line: &str) -> Result<Option<String>, String> {
    let Some(open) = line.find('[') else {
        return Ok(None);
    };
    let Some(len) = line[open..].find(']') else {
        return Err("an unclosed [".into());
    };
    let code = line[open + 1..open + len].trim();
    if code.is_empty() || code.contains(char::is_whitespace) {
        return Err(format!("{code:?} is not an event code"));
    }
    Ok(Some(code.to_string()))
}

/// The code of the event from source to target: `[042:043]` pairs it with an event from
/// target to source, which is not coded here (counted); `---` and `[:173]` give none.
fn forward(code: Option<String>, counts: &mut Counts) -> Option<String> {
    let code = code?;
    let first = match code.split_once(':') {
        Some((first, _)) => {
            counts.skip("second codes of pairs [a:b] (target to source)");
            first.to_string()
        }
        None => code,
    };
    (!first.is_empty() && first != "---").then_some(first)
}

/// Reads a verb line: `VERB`, `VERB {FORMS}`, `+MULTI_WORD {+FORMS}`, `PRE_+VERB`, with an
/// optional `[code]` (read by the caller). The outer error stops the file; the inner one says
/// why the verb is skipped.
fn verb(line: &str, line_no: usize) -> Result<Result<Verb, &'static str>, String> {
    let head = line.split('[').next().unwrap_or_default();
    let (phrase, forms) = match head.split_once('{') {
        Some((phrase, rest)) => {
            let Some((forms, _)) = rest.split_once('}') else {
                return Err("an unclosed {".into());
            };
            (
                phrase.trim(),
                Some(forms.split_whitespace().collect::<Vec<_>>()),
            )
        }
        None => (head.trim(), None),
    };
    if phrase.split_whitespace().count() != 1 {
        // PETRARCH stores "LASH OUT" as a word that never matches.
        return Ok(Err("verbs of several words not joined by _"));
    }
    let Some((lemma_words, at)) = split_verb(phrase) else {
        return Ok(Err("multi-word verbs without a + on the verb"));
    };
    if !lemma_words.iter().all(|w| matchable(w)) {
        return Ok(Err("verbs with a word newsgraph cannot match"));
    }
    let lemma = lemma_words[at].clone();
    let mut out = Vec::new();
    match forms {
        None => {
            for (word, form) in inflect(&lemma, None, None) {
                let mut words = lemma_words.clone();
                words[at] = word;
                out.push((words, form));
            }
        }
        Some(given) => {
            out.push((lemma_words.clone(), WordForm::Base));
            for f in given {
                let Some((words, k)) = split_verb(f) else {
                    continue;
                };
                if words.iter().all(|w| matchable(w)) {
                    let form = form_of(&lemma, &words[k]);
                    out.push((words, form));
                }
            }
        }
    }
    Ok(Ok(Verb {
        name: lemma_words.join("_"),
        forms: out,
        code: None,
        line: line_no,
    }))
}

/// A verb phrase's lowercase words and which is the verb: the one marked `+`, or the only one.
fn split_verb(phrase: &str) -> Option<(Vec<String>, usize)> {
    let parts: Vec<&str> = phrase.split('_').filter(|w| !w.is_empty()).collect();
    let at = match parts.iter().position(|w| w.starts_with('+')) {
        Some(k) => k,
        None if parts.len() == 1 => 0,
        None => return None,
    };
    let words = parts
        .iter()
        .map(|w| w.trim_start_matches('+').to_lowercase())
        .collect();
    Some((words, at))
}

/// The form of an irregular verb form given in `{…}`.
fn form_of(lemma: &str, word: &str) -> WordForm {
    if word == lemma {
        WordForm::Base
    } else if word.ends_with("ing") {
        WordForm::Gerund
    } else if word == plural_of(lemma) || (word.ends_with('s') && !lemma.ends_with('s')) {
        WordForm::ThirdPerson
    } else {
        WordForm::PastOrParticiple
    }
}

/// A pattern's element after the verb.
enum Element<'a> {
    Word(String),
    Set(&'a [Vec<String>]),
    Target,
}

/// Reads the body of a pattern (between `-` and `[code]`) into the phrases it stands for after
/// the verb, or says why it is skipped.
fn pattern(
    body: &str,
    sets: &HashMap<String, Vec<Vec<String>>>,
    counts: &mut Counts,
) -> Result<Vec<Vec<String>>, &'static str> {
    let spaced = body.replace('_', " ");
    let tokens = tokens(&spaced);
    let Some(star) = tokens.iter().position(|t| *t == "*") else {
        return Err("patterns without a verb *");
    };
    let (before, after) = (&tokens[..star], &tokens[star + 1..]);
    if before.contains(&"+") {
        return Err("patterns with the target before the verb");
    }
    if before.iter().any(|t| *t != "$") {
        return Err("patterns with words before the verb");
    }
    let mut elements = Vec::new();
    let mut features: Vec<&'static str> = Vec::new();
    for &t in after {
        match t {
            "(" => features.push("prepositional phrases ( )"),
            "{" => features.push("noun phrases { }"),
            ")" | "}" => {}
            "*" => return Err("patterns with two verbs *"),
            "$" => return Err("patterns with the source after the verb"),
            "^" => return Err("patterns with ^ (skip a noun phrase)"),
            "%" => return Err("patterns with % (compound actor)"),
            "+" => elements.push(Element::Target),
            w if w.starts_with('&') => {
                let label = w[1..].trim_end_matches('_').to_ascii_uppercase();
                let Some(set) = sets.get(&label) else {
                    return Err("patterns with an undefined synonym set");
                };
                features.push("synonym sets &SET");
                elements.push(Element::Set(set));
            }
            w => {
                let w = w.to_lowercase();
                if !matchable(&w) {
                    return Err("patterns with a word newsgraph cannot match");
                }
                elements.push(Element::Word(w));
            }
        }
    }
    match elements.iter().position(|e| matches!(e, Element::Target)) {
        Some(k) if k + 1 == elements.len() => {
            elements.pop();
            features.push("the target + after the words");
        }
        Some(_) => return Err("patterns with the target inside them"),
        None => {}
    }
    if elements.is_empty() {
        return Err("patterns with no words after the verb");
    }
    if before.contains(&"$") {
        features.push("the source $ before the verb");
    }
    let mut phrases: Vec<Vec<String>> = vec![Vec::new()];
    for e in &elements {
        match e {
            Element::Word(w) => phrases.iter_mut().for_each(|p| p.push(w.clone())),
            Element::Set(set) => {
                if phrases.len() * set.len() > MAX_PHRASES_PER_PATTERN {
                    return Err("patterns whose synonym sets make too many phrases");
                }
                phrases = phrases
                    .iter()
                    .flat_map(|p| set.iter().map(move |m| [p.as_slice(), m].concat()))
                    .collect();
            }
            Element::Target => return Err("patterns with the target inside them"),
        }
    }
    if elements.iter().any(|e| matches!(e, Element::Word(_))) {
        features.push("literal words");
    }
    features.sort_unstable();
    features.dedup();
    for f in features {
        counts.read(f);
    }
    Ok(phrases)
}

/// Splits a pattern into words and the one-character marks `( ) { } * + $ ^ %`.
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let mark = "(){}*+$^%".contains(c);
        if mark || c.is_whitespace() {
            if let Some(b) = start.take() {
                out.push(&s[b..i]);
            }
            if mark {
                out.push(&s[i..i + 1]);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(b) = start {
        out.push(&s[b..]);
    }
    out
}

/// The triggers of a block: each verb alone with its code, and each pattern on each verb.
fn emit(mut block: Block, keep: impl Fn(&str) -> bool, out: &mut VerbDictionary) {
    block.verbs.retain(|v| keep(&v.name));
    for v in &block.verbs {
        let Some(code) = &v.code else { continue };
        for (words, form) in &v.forms {
            out.triggers.push(VerbTrigger {
                words: words.clone(),
                form: *form,
                code: code.clone(),
                verb: v.name.clone(),
                line: v.line,
                pattern: false,
            });
        }
    }
    for (phrases, code, line) in &block.patterns {
        for v in &block.verbs {
            for (words, form) in &v.forms {
                for p in phrases {
                    out.triggers.push(VerbTrigger {
                        words: [words.as_slice(), p].concat(),
                        form: *form,
                        code: code.clone(),
                        verb: v.name.clone(),
                        line: *line,
                        pattern: true,
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SETS: &str = "&WEAPON\n+MISSILE\n+TANK\n\n&AUX_\n+WILL\n";

    /// The triggers of a file as "words code" strings.
    fn read_all(text: &str) -> Vec<String> {
        read("t.verbs", text)
            .unwrap()
            .triggers
            .iter()
            .map(|t| format!("{} {}", t.words.join(" "), t.code))
            .collect()
    }

    fn has(text: &str, want: &str) -> bool {
        read_all(text).iter().any(|t| t == want)
    }

    #[test]
    fn features() {
        let block = |lines: &str| format!("{SETS}--- ABANDON [---] ---\nABANDON\n{lines}\n");
        // (file, a trigger it must give, or None for none at all)
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "a verb alone",
                "--- BAN [163] ---\nBAN\n",
                Some("banned 163"),
            ),
            (
                "a verb's own code",
                "--- ASK [---] ---\nASK\nREQUEST [020]\n",
                Some("requested 020"),
            ),
            ("the null code", "--- ASK [---] ---\nASK\n", None),
            (
                "irregular forms",
                "--- SPEED [070] ---\nSPEED {SPEEDING SPEEDS SPED }\n",
                Some("sped 070"),
            ),
            (
                "a multi-word verb",
                "--- ASK [---] ---\n+ASK_FOR {+ASKED_FOR +ASKING_FOR} [020]\n",
                Some("asked for 020"),
            ),
            (
                "regular forms of a multi-word verb",
                "--- BEEF [150] ---\n+BEEF_UP\n",
                Some("beefing up 150"),
            ),
            (
                "literal words",
                &block("- * ATTEMPT [080]"),
                Some("abandon attempt 080"),
            ),
            (
                "a noun phrase",
                &block("- * {PEACE PLAN} [080]"),
                Some("abandons peace plan 080"),
            ),
            (
                "a prepositional phrase",
                &block("- * (FOR AID) [080]"),
                Some("abandoned for aid 080"),
            ),
            (
                "a synonym set with plurals",
                &block("- * &WEAPON [194]"),
                Some("abandoned missiles 194"),
            ),
            (
                "the target at the end",
                &block("- * (TO +) [042]"),
                Some("abandon to 042"),
            ),
            (
                "the source before the verb",
                &block("- $ * TALKS [046]"),
                Some("abandon talks 046"),
            ),
            (
                "the first code of a pair",
                &block("- * TALKS [046:047]"),
                Some("abandon talks 046"),
            ),
            (
                "a pattern under the null code",
                &block("- * TALKS [---]"),
                None,
            ),
            ("the target inside", &block("- * + TALKS [046]"), None),
            (
                "words before the verb",
                &block("- SAID * TALKS [046]"),
                None,
            ),
            (
                "the source after the verb",
                &block("- * (BY $) [046]"),
                None,
            ),
            ("an undefined set", &block("- * &NOPE [046]"), None),
            ("^", &block("- * ^ TALKS [046]"), None),
            ("no words", &block("- $ * [046]"), None),
            (
                "comments",
                "<!-- a\nb -->\n--- BAN [163] --- # x\nBAN ; y\n",
                Some("ban 163"),
            ),
            (
                "a code with # in it",
                "--- BAN [###] ---\nBAN # x\n",
                Some("ban ###"),
            ),
        ];
        for (what, text, want) in cases {
            match want {
                Some(w) => assert!(has(text, w), "{what}: {:?}", read_all(text)),
                None => assert!(read_all(text).is_empty(), "{what}: {:?}", read_all(text)),
            }
        }
    }

    #[test]
    fn skips_are_counted() {
        let text = format!(
            "{SETS}--- ABANDON [---] ---\nABANDON\n- SAID * TALKS [046]\n- * TALKS [046]\n~ a (a b Q) SAY = a b Q\n"
        );
        let d = read("t.verbs", &text).unwrap();
        assert_eq!(d.counts.skipped["patterns with words before the verb"], 1);
        assert_eq!(d.counts.skipped["transformations (~)"], 1);
        assert_eq!(d.counts.read["patterns"], 1);
        assert_eq!(d.counts.read["literal words"], 1);
    }

    #[test]
    fn errors_name_the_line() {
        for (text, want) in [
            ("BAN\n", "v.txt:1:1: a verb before any --- verb block ---"),
            (
                "--- BAN [163] ---\nBAN\n- * TALKS\n",
                "v.txt:3:1: a pattern needs its [code]",
            ),
            ("--- BAN [163] ---\n\nBAN [16\n", "v.txt:3:1: an unclosed ["),
            (
                "--- BAN [163] ---\nBAN {BANNED\n",
                "v.txt:2:1: an unclosed {",
            ),
            (
                "--- BAN [1 6] ---\n",
                "v.txt:1:1: \"1 6\" is not an event code",
            ),
            ("--- BAN [] ---\n", "v.txt:1:1: \"\" is not an event code"),
        ] {
            assert_eq!(read("v.txt", text).unwrap_err().to_string(), want);
        }
    }
}
