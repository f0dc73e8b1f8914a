//! The article's date applied to its mentions, after the scan: a person named with terms of
//! office stands for the state only on a day inside one of them, and the names of a state that
//! was renamed or dissolved name the former state before the day it ended ([`RENAMED`]).
//! The date is read once per article ([`Day::parse_article`]); only mentions of people with
//! terms and of the few renamed states are looked at, so an article pays a comparison or two
//! per such mention and nothing otherwise.
//!
//! [`RENAMED`]: crate::dictionary::RENAMED

use super::{Matcher, Mention};
use crate::dictionary::{Day, Form, Forms, RenamedState, Term};

/// What the date decided about one mention, for `dict explain`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dating {
    /// Nothing dated about it: a name, or a person with no terms of office.
    Undated,
    /// A person inside a term of office (the term).
    InOffice(Term),
    /// A person with terms of office, but none holds the day: not a mention of the state.
    OutOfOffice,
    /// A person with terms of office in an article without a (readable) date: kept, as if in
    /// office.
    NoArticleDate,
    /// A name of a renamed state, before the day it ended: now a mention of that state.
    Renamed(RenamedState),
}

impl Matcher {
    /// Applies an article's day (None: undated) to its mentions, in place: drops people out of
    /// office and gives renamed states' mentions to the former state. Mentions stay in order.
    pub fn date_mentions(&self, day: Option<Day>, mentions: &mut Vec<Mention>) {
        if self.offices.is_empty() && (day.is_none() || self.renamed.is_empty()) {
            return;
        }
        mentions.retain_mut(|m| match self.dating(day, m) {
            Dating::OutOfOffice => false,
            Dating::Renamed(r) => {
                m.entity = r.to;
                true
            }
            _ => true,
        });
    }

    /// What the day decides about one mention (see [`Dating`]).
    pub fn dating(&self, day: Option<Day>, m: &Mention) -> Dating {
        if m.form == Form::Person && !self.offices.is_empty() {
            let office = self
                .groups
                .get(m.group as usize)
                .and_then(|g| {
                    g.claims
                        .iter()
                        .find(|c| c.entity == m.entity && c.form == Form::Person)
                })
                .map_or(0, |c| c.office);
            if office != 0 {
                let Some(day) = day else {
                    return Dating::NoArticleDate;
                };
                let terms = &self.offices[office as usize - 1];
                match terms.iter().find(|t| t.contains(day)) {
                    Some(&t) => {
                        // In office: the person may also be of a renamed state (Gorbachev).
                        return match self.renamed_on(day, m) {
                            Some(r) => Dating::Renamed(r),
                            None => Dating::InOffice(t),
                        };
                    }
                    None => return Dating::OutOfOffice,
                }
            }
        }
        match day.and_then(|day| self.renamed_on(day, m)) {
            Some(r) => Dating::Renamed(r),
            None => Dating::Undated,
        }
    }

    /// The first row of the renamed states that applies to a mention on a day.
    fn renamed_on(&self, day: Day, m: &Mention) -> Option<RenamedState> {
        self.renamed.iter().copied().find(|r| {
            r.from == m.entity
                && day < r.until
                && (r.forms == Forms::All || m.form == Form::Metonym)
        })
    }

    /// Whether `alternative` is the state a mention of `entity` was renamed from: not an
    /// alternative of it ("Moscow" in 1987 is the Soviet Union, not possibly Russia).
    pub(super) fn renamed_from(&self, alternative: u32, entity: u32) -> bool {
        self.renamed
            .iter()
            .any(|r| r.from == alternative && r.to == entity)
    }
}

#[cfg(test)]
mod tests {
    use crate::dictionary::{Day, DictionaryBuilder};
    use crate::matcher::Matcher;

    const DICT: &str = "id\ttype\tname\tmetonyms\tpeople\n\
        USA\tcountry\tUnited States\tWashington\tRonald Reagan[1981-01-20..1989-01-20]|president Reagan[1981-01-20..1989-01-20]|Abe Lincoln\n\
        RUS\tcountry\tRussia\tMoscow\tMikhail Gorbachev[1985-03-11..1991-12-25]\n\
        SUN\tcountry\tSoviet Union\t\t\n";

    /// A probe: text, the article's day, the mentions as (text, entity id).
    type Probe<'a> = (&'a str, Option<u32>, &'a [(&'a str, &'a str)]);

    #[test]
    fn people_act_in_office_and_states_by_date() {
        let mut b = DictionaryBuilder::new();
        b.add_str("t.tsv", DICT).unwrap();
        let d = b.build();
        let m = Matcher::new(&d);
        let cases: &[Probe] = &[
            (
                "Ronald Reagan spoke",
                Some(19870302),
                &[("Ronald Reagan", "USA")],
            ),
            ("Ronald Reagan spoke", Some(19930101), &[]),
            (
                "Ronald Reagan spoke",
                Some(19810120),
                &[("Ronald Reagan", "USA")],
            ),
            ("Ronald Reagan spoke", Some(19890121), &[]),
            ("Ronald Reagan spoke", None, &[("Ronald Reagan", "USA")]),
            ("President Reagan spoke", Some(19770101), &[]),
            (
                "President Reagan spoke",
                Some(19880101),
                &[("President Reagan", "USA")],
            ),
            (
                "Abe Lincoln spoke",
                Some(19930101),
                &[("Abe Lincoln", "USA")],
            ),
            ("Moscow said", Some(19870302), &[("Moscow", "SUN")]),
            ("Moscow said", Some(19920101), &[("Moscow", "RUS")]),
            ("Moscow said", None, &[("Moscow", "RUS")]),
            (
                "Mikhail Gorbachev said",
                Some(19870302),
                &[("Mikhail Gorbachev", "SUN")],
            ),
            ("Mikhail Gorbachev said", Some(19950101), &[]),
            (
                "Washington and Moscow",
                Some(19870302),
                &[("Washington", "USA"), ("Moscow", "SUN")],
            ),
        ];
        for &(text, day, want) in cases {
            let mut found = Vec::new();
            m.find_into(text, &mut found);
            m.date_mentions(day.map(Day), &mut found);
            let got: Vec<(&str, &str)> = found
                .iter()
                .map(|x| (&text[x.start..x.end], d.entity(x.entity).id.as_str()))
                .collect();
            assert_eq!(got, want, "{text:?} on {day:?}");
            for x in &found {
                assert_eq!(m.alternatives(text, x).count(), 0, "{text:?}");
            }
        }
    }
}
