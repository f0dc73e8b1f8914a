//! The built-in dictionaries, `dictionaries/*.tsv` as [`DEFAULT_FILES`], and the two ways to
//! load them: [`Dictionary::defaults`] alone, or [`DictionaryBuilder::add_defaults`] before a
//! user's files (which then take precedence).

use super::builder::Source;
use super::{Dictionary, DictionaryBuilder, Error};

/// The built-in dictionaries, compiled into the binary so that `newsgraph` needs no files
/// beside it. Order matters only for ties between entities claiming the same alias.
pub const DEFAULT_FILES: &[(&str, &str)] = &[
    (
        "<built-in>/countries.tsv",
        include_str!("../../dictionaries/countries.tsv"),
    ),
    (
        "<built-in>/agencies.tsv",
        include_str!("../../dictionaries/agencies.tsv"),
    ),
    (
        "<built-in>/companies.tsv",
        include_str!("../../dictionaries/companies.tsv"),
    ),
];

impl Dictionary {
    /// The built-in dictionaries only.
    pub fn defaults() -> Dictionary {
        let mut b = DictionaryBuilder::new();
        b.add_defaults()
            .expect("the built-in dictionaries are valid");
        b.build()
    }
}

impl DictionaryBuilder {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_load() {
        let d = Dictionary::defaults();
        assert!(d.find("USA").is_some());
        assert!(d.find("CHN").is_some());
    }

    #[test]
    fn the_built_ins_have_no_warnings() {
        let d = Dictionary::defaults();
        assert_eq!(d.warnings(), &[]);
    }
}
