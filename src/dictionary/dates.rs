//! Dates in dictionaries and articles: the [`Day`] an article was written, the [`Term`]s of
//! office written after a person's name (`Ronald Reagan[1981-01-20..1989-01-20]`, or PETRARCH's
//! `[USAGOV 810120-890120]`), and the table of states that were renamed or dissolved
//! ([`RENAMED`]: "Moscow" in 1987 is the Soviet Union). A day is a number, `yyyymmdd`, so an
//! article's date is read once and every later test is an integer comparison.

/// A calendar day as the number `yyyymmdd` (1987-03-02 is 19870302): days compare as numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub u32);

impl Day {
    /// The day of an article's `date` field: ISO (`1987-03-02`, `1987-03-02T15:01:01`,
    /// `1987-03-02 15:01`, `19870302`) or Reuters-21578's own (`2-MAR-1987 15:01:01.79`, any
    /// case of the month). None for anything else, which is then an undated article.
    pub fn parse_article(s: &str) -> Option<Day> {
        let s = s.trim();
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = b.get(r)?;
            part.iter()
                .all(u8::is_ascii_digit)
                .then(|| part.iter().fold(0, |n, &d| n * 10 + u32::from(d - b'0')))
        };
        let ends_at = |n: usize| b.len() == n || !b[n].is_ascii_digit();
        // 1987-03-02 and 19870302, each alone or followed by a time.
        if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && ends_at(10) {
            return Day::ymd(digits(0..4)?, digits(5..7)?, digits(8..10)?);
        }
        if b.len() >= 8
            && ends_at(8)
            && let Some(n) = digits(0..8)
        {
            return Day::ymd(n / 10_000, n / 100 % 100, n % 100);
        }
        // 2-MAR-1987 or 02-MAR-1987.
        let mut parts = s.splitn(3, '-');
        let (d, m, rest) = (parts.next()?, parts.next()?, parts.next()?);
        let y = rest.get(..4)?;
        // The year ends the text or is followed by what is not a digit (a time).
        let year_ends = rest.len() == 4 || !rest.as_bytes()[4].is_ascii_digit();
        if !(1..=2).contains(&d.len()) || !year_ends {
            return None;
        }
        const MONTHS: [&str; 12] = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        let month = MONTHS.iter().position(|n| n.eq_ignore_ascii_case(m))? as u32 + 1;
        Day::ymd(y.parse().ok()?, month, d.parse().ok()?)
    }

    /// A `YYYY-MM-DD` date, as dictionaries write the ends of a term.
    pub fn parse_iso(s: &str) -> Option<Day> {
        let b = s.as_bytes();
        (b.len() == 10 && b[4] == b'-' && b[7] == b'-')
            .then(|| Day::parse_article(s))
            .flatten()
    }

    /// A PETRARCH/TABARI date, `YYMMDD` or `YYYYMMDD`; a two-digit year up to 30 is 20YY,
    /// later ones 19YY, as PETRARCH2 reads them (`dictionaries.rst`).
    pub fn parse_petrarch(s: &str) -> Option<Day> {
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n: u32 = s.parse().ok()?;
        match s.len() {
            6 => {
                let yy = n / 10_000;
                let year = if yy <= 30 { 2000 + yy } else { 1900 + yy };
                Day::ymd(year, n / 100 % 100, n % 100)
            }
            8 => Day::ymd(n / 10_000, n / 100 % 100, n % 100),
            _ => None,
        }
    }

    fn ymd(y: u32, m: u32, d: u32) -> Option<Day> {
        ((1..=9999).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
            .then_some(Day(y * 10_000 + m * 100 + d))
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0;
        write!(f, "{:04}-{:02}-{:02}", n / 10_000, n / 100 % 100, n % 100)
    }
}

/// A span of days a person held a post, both ends included (PETRARCH reads its limits "or
/// equal to"); an open end is [`Term::EVER`]'s.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    pub from: Day,
    pub to: Day,
}

impl Term {
    /// Every day.
    pub const EVER: Term = Term {
        from: Day(0),
        to: Day(u32::MAX),
    };

    #[inline]
    pub fn contains(self, day: Day) -> bool {
        self.from <= day && day <= self.to
    }

    /// Reads the terms written after a name in a dictionary's `people` column, the text
    /// between `[` and `]`: `FROM..TO` ranges separated by commas, each end `YYYY-MM-DD` or
    /// empty for an open end (`1979-05-04..1990-11-28`, `..1989-01-20`, `2012-05-07..`). An
    /// error gives the character offset in `text` where it is, and what is wrong.
    pub(super) fn parse_list(text: &str) -> Result<Vec<Term>, (usize, String)> {
        let mut terms = Vec::new();
        let mut at = 0;
        for part in text.split(',') {
            let lead = part.len() - part.trim_start().len();
            let col = text[..at + lead].chars().count();
            let item = part.trim();
            at += part.len() + 1;
            let Some((from, to)) = item.split_once("..") else {
                return Err((
                    col,
                    format!("term {item:?} is not FROM..TO (1981-01-20..1989-01-20)"),
                ));
            };
            let end = |s: &str, open: Day| -> Result<Day, (usize, String)> {
                let s = s.trim();
                if s.is_empty() {
                    return Ok(open);
                }
                Day::parse_iso(s).ok_or_else(|| (col, format!("date {s:?} is not YYYY-MM-DD")))
            };
            let term = Term {
                from: end(from, Term::EVER.from)?,
                to: end(to, Term::EVER.to)?,
            };
            if term.from > term.to {
                return Err((col, format!("term {item:?} ends before it starts")));
            }
            terms.push(term);
        }
        Ok(terms)
    }

    /// Reads a PETRARCH date restriction, what follows the code in `[USAGOV 810120-890120]`:
    /// `<DATE` (up to the date), `>DATE` (from it), `DATE-DATE`; spaces allowed around the
    /// signs. None when it is none of these.
    pub fn parse_petrarch(restriction: &str) -> Option<Term> {
        let r = restriction.trim();
        if let Some(d) = r.strip_prefix('<') {
            return Some(Term {
                from: Term::EVER.from,
                to: Day::parse_petrarch(d.trim())?,
            });
        }
        if let Some(d) = r.strip_prefix('>') {
            return Some(Term {
                from: Day::parse_petrarch(d.trim())?,
                to: Term::EVER.to,
            });
        }
        let (a, b) = r.split_once('-')?;
        let term = Term {
            from: Day::parse_petrarch(a.trim())?,
            to: Day::parse_petrarch(b.trim())?,
        };
        (term.from <= term.to).then_some(term)
    }

    /// As a dictionary writes it: `1981-01-20..1989-01-20`, an open end left empty.
    pub fn to_dictionary_text(self) -> String {
        let end = |d: Day, open: Day| {
            if d == open {
                String::new()
            } else {
                d.to_string()
            }
        };
        format!(
            "{}..{}",
            end(self.from, Term::EVER.from),
            end(self.to, Term::EVER.to)
        )
    }
}

/// Which mentions of a state a [`Renamed`] row applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Forms {
    /// Every form: name, demonym, metonym, person.
    All,
    /// Metonyms only (a capital that stayed the seat of a larger state).
    Metonyms,
}

/// A state whose names, before a day, named another (former) state: mentions of `from` in an
/// article dated before `until` are mentions of `to`. Rows are tried in order; the first that
/// applies wins. Documented in `dictionaries/README.md` ("States by date").
#[derive(Clone, Copy, Debug)]
pub struct Renamed {
    pub from: &'static str,
    pub to: &'static str,
    /// The first day on which `from`'s names are its own again.
    pub until: Day,
    pub forms: Forms,
}

/// The built-in states by date. Germany needs no row: `DEU` is the Federal Republic's code
/// before and after 1990, and East Germany (`DDR`) has names of its own ("East German", "GDR",
/// "East Berlin").
pub const RENAMED: &[Renamed] = &[
    // The Soviet Union was dissolved on 26 December 1991: before, "Russia", "Russian",
    // "Moscow", "the Kremlin" and the Soviet leaders PETRARCH files under RUS are the USSR.
    Renamed {
        from: "RUS",
        to: "SUN",
        until: Day(19911226),
        forms: Forms::All,
    },
    // Czechoslovakia split on 1 January 1993: "Prague", "Czech", "Bratislava", "Slovak".
    Renamed {
        from: "CZE",
        to: "CSK",
        until: Day(19930101),
        forms: Forms::All,
    },
    Renamed {
        from: "SVK",
        to: "CSK",
        until: Day(19930101),
        forms: Forms::All,
    },
    // Belgrade was the seat of Yugoslavia until the Federal Republic of Yugoslavia became
    // Serbia and Montenegro on 4 February 2003; "Serbia", "Serbian" were Yugoslavia's until
    // the SFRY broke up (the FRY was proclaimed on 27 April 1992).
    Renamed {
        from: "SRB",
        to: "YUG",
        until: Day(20030204),
        forms: Forms::Metonyms,
    },
    Renamed {
        from: "SRB",
        to: "YUG",
        until: Day(19920427),
        forms: Forms::All,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_dates() {
        let cases: &[(&str, Option<u32>)] = &[
            ("1987-03-02", Some(19870302)),
            ("1987-02-26T15:01:01", Some(19870226)),
            ("2019-01-01 10:00", Some(20190101)),
            ("19870302", Some(19870302)),
            ("2-MAR-1987 15:01:01.79", Some(19870302)),
            ("26-feb-1987", Some(19870226)),
            ("1987-13-02", None),
            ("March 2, 1987", None),
            ("198703021", None),
            ("", None),
            ("yesterday", None),
        ];
        for &(s, want) in cases {
            assert_eq!(Day::parse_article(s), want.map(Day), "{s:?}");
        }
    }

    #[test]
    fn petrarch_dates_widen_two_digit_years() {
        let cases: &[(&str, Option<(u32, u32)>)] = &[
            ("810120-890120", Some((19810120, 19890120))),
            ("<911226", Some((0, 19911226))),
            ("> 990816", Some((19990816, u32::MAX))),
            ("19950601 - 19990815", Some((19950601, 19990815))),
            // 30 is 2030 and 31 is 1931: a term that ends before it starts is none.
            ("300101-310101", None),
            ("19290101-810120", Some((19290101, 19810120))),
            ("81012-890120", None),
            ("", None),
        ];
        for &(s, want) in cases {
            let got = Term::parse_petrarch(s).map(|t| (t.from.0, t.to.0));
            assert_eq!(got, want, "{s:?}");
        }
    }

    #[test]
    fn dictionary_terms() {
        let t = Term::parse_list("1981-01-20..1989-01-20, 2001-01-20..").unwrap();
        assert_eq!(t.len(), 2);
        assert!(t[0].contains(Day(19870302)) && !t[0].contains(Day(19930101)));
        assert_eq!(t[1].to, Term::EVER.to);
        assert_eq!(t[0].to_dictionary_text(), "1981-01-20..1989-01-20");
        assert_eq!(Term::parse_list("..1990-11-28").unwrap()[0].from, Day(0));
        let errors: &[(&str, (usize, &str))] = &[
            (
                "1981",
                (0, "term \"1981\" is not FROM..TO (1981-01-20..1989-01-20)"),
            ),
            (
                "1981-01-20..89-01-20",
                (0, "date \"89-01-20\" is not YYYY-MM-DD"),
            ),
            (
                "1981-01-20..1989-01-20, 1990-01-01..1989-01-01",
                (24, "term \"1990-01-01..1989-01-01\" ends before it starts"),
            ),
        ];
        for &(s, (col, msg)) in errors {
            assert_eq!(
                Term::parse_list(s).unwrap_err(),
                (col, msg.to_string()),
                "{s:?}"
            );
        }
    }
}
