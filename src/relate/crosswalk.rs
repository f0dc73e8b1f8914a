//! CAMEO event codes to PLOVER categories, by the PLOVER project's crosswalk
//! (`dictionaries/CAMEO2PLOVER-2021.txt`, compiled in; CC BY-SA 4.0): one line per code,
//! `CODE: EVENT, mode, context # CAMEO description`. A code missing from it uses the line of
//! its longest prefix that is there (a leaf its root's).

use std::collections::BTreeMap;

use crate::dictionary::Error;

/// The built-in crosswalk.
pub const DEFAULT_CROSSWALK: (&str, &str) = (
    "<built-in>/CAMEO2PLOVER-2021.txt",
    include_str!("../../dictionaries/CAMEO2PLOVER-2021.txt"),
);

/// One code's line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The PLOVER event category (REQUEST, ACCUSE, ASSAULT …).
    pub plover: String,
    /// CAMEO's description of the code ("Demand economic aid"), where the line has one.
    pub description: Option<String>,
}

/// The crosswalk. Fixed once read.
#[derive(Clone, Debug, Default)]
pub struct Crosswalk {
    codes: BTreeMap<String, Line>,
}

impl Crosswalk {
    pub fn defaults() -> &'static Crosswalk {
        static DEFAULTS: std::sync::LazyLock<Crosswalk> = std::sync::LazyLock::new(|| {
            Crosswalk::parse(DEFAULT_CROSSWALK.0, DEFAULT_CROSSWALK.1)
                .expect("the built-in crosswalk is valid")
        });
        &DEFAULTS
    }

    /// Reads a crosswalk; `name` is used in errors.
    pub fn parse(name: &str, text: &str) -> Result<Crosswalk, Error> {
        let mut codes = BTreeMap::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            // The file ends with a rule of `~`.
            if line.is_empty() || line.starts_with('#') || line.starts_with('~') {
                continue;
            }
            let (fields, description) = match line.split_once('#') {
                Some((f, d)) => (f, Some(d.trim().to_string()).filter(|d| !d.is_empty())),
                None => (line, None),
            };
            let bad = || Error {
                file: name.to_string(),
                line: i + 1,
                column: 1,
                message: "not CODE: EVENT, mode, context # description".into(),
            };
            let (code, rest) = fields.split_once(':').ok_or_else(bad)?;
            let plover = rest.split(',').next().unwrap_or_default().trim();
            if !code.bytes().all(|b| b.is_ascii_digit()) || plover.is_empty() {
                return Err(bad());
            }
            codes.insert(
                code.trim().to_string(),
                Line {
                    plover: plover.to_string(),
                    description,
                },
            );
        }
        Ok(Crosswalk { codes })
    }

    /// The line for `code`: its own, or its longest prefix's; with whether it is its own.
    pub fn line(&self, code: &str) -> Option<(&Line, bool)> {
        (2..=code.len())
            .rev()
            .filter_map(|n| code.get(..n))
            .find_map(|prefix| self.codes.get(prefix))
            .map(|l| (l, self.codes.contains_key(code)))
    }

    /// CAMEO's description of `code` (of "190" for the root "19", which has none).
    pub fn description(&self, code: &str) -> Option<&str> {
        let own = self.codes.get(code).and_then(|l| l.description.as_deref());
        own.or_else(|| {
            (code.len() == 2)
                .then(|| self.codes.get(&format!("{code}0")))
                .flatten()
                .and_then(|l| l.description.as_deref())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_map_by_prefix() {
        let c = Crosswalk::defaults();
        let cases: &[(&str, Option<(&str, bool)>)] = &[
            ("1031", Some(("REQUEST", true))),
            // PLOVER has no public statements (01) nor appeals (02).
            ("0231", None),
            ("112", Some(("ACCUSE", true))),
            ("19", Some(("ASSAULT", true))),
            ("1999", Some(("ASSAULT", false))),
            ("0", None),
            ("99", None),
        ];
        for (code, want) in cases {
            let got = c.line(code).map(|(l, own)| (l.plover.as_str(), own));
            assert_eq!(got, *want, "{code}");
        }
        assert_eq!(c.description("1031"), Some("Demand economic aid"));
        assert_eq!(c.description("19"), c.description("190"));
    }

    #[test]
    fn errors_name_the_line() {
        let e = Crosswalk::parse("c.txt", "# x\n01: AGREE\nxx\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "c.txt:3:1: not CODE: EVENT, mode, context # description"
        );
    }
}
