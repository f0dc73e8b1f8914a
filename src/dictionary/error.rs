//! What can be wrong in a dictionary, and where: an [`Error`] stops loading before any article
//! is read; a [`Warning`] lets it go on, and a loaded dictionary keeps the first
//! [`MAX_KEPT_WARNINGS`] of them and counts the rest. Both print as `file:line:column: message`,
//! the line and column counted from 1 (and left out when 0: a whole file, or a whole line).

use std::fmt;

/// A loaded dictionary keeps the first this many warnings, and counts the rest.
pub const MAX_KEPT_WARNINGS: usize = 100;

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
        write_place(f, &self.file, self.line, self.column)?;
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// `file: `, `file:line: ` or `file:line:column: `.
fn write_place(f: &mut fmt::Formatter<'_>, file: &str, line: usize, column: usize) -> fmt::Result {
    match (line, column) {
        (0, _) => write!(f, "{file}: "),
        (l, 0) => write!(f, "{file}:{l}: "),
        (l, c) => write!(f, "{file}:{l}:{c}: "),
    }
}

/// Something a dictionary file holds that loads but is likely a mistake: where it is and what
/// newsgraph did about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_place(f, &self.file, self.line, self.column)?;
        f.write_str(&self.message)
    }
}

/// The first warnings and a count of all, so that a file with a problem on every one of a
/// million lines does not keep a million messages.
#[derive(Clone, Debug, Default)]
pub(super) struct Warnings {
    pub(super) kept: Vec<Warning>,
    pub(super) count: u64,
}

impl Warnings {
    pub(super) fn push(&mut self, w: Warning) {
        self.count += 1;
        if self.kept.len() < MAX_KEPT_WARNINGS {
            self.kept.push(w);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::tests::load;

    /// A warning on every line (and one for the alias they all claim): the first ones kept,
    /// all counted.
    #[test]
    fn warnings_are_counted_past_the_ones_kept() {
        let mut text = String::from("id\ttype\tname\n");
        for i in 0..1000 {
            text.push_str(&format!("e{i}\tcompany\tX\n"));
        }
        let d = load(&text).unwrap();
        assert_eq!(d.warnings().len(), MAX_KEPT_WARNINGS);
        assert_eq!(d.warning_count(), 1000 + 1);
    }
}
