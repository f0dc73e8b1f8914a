//! The role a country mention plays, read from the word right after it: "the US government",
//! "China's officials" name the state acting ([`Role::Government`]), "the US military" its
//! armed forces ([`Role::Military`]). The relation stage puts the same word lists among its
//! word classes.

/// A role a country mention plays, read from the word after it ("the US government").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Government,
    Military,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Government => "government",
            Role::Military => "military",
        }
    }
}

/// Words after a country mention that make it the state acting ("the US government").
pub(crate) const GOVERNMENT_WORDS: &[&str] = &[
    "government",
    "governments",
    "officials",
    "official",
    "administration",
    "authorities",
    "regulators",
    "lawmakers",
    "diplomats",
    "diplomat",
    "leaders",
    "leader",
    "president",
    "ministers",
    "minister",
    "ministry",
    "premier",
    "prime",
    "chancellor",
    "king",
    "foreign",
    "spokesman",
    "spokeswoman",
    "ambassador",
    "negotiators",
    "negotiator",
    "delegation",
    "envoy",
    "embassy",
    "state",
    "side",
    "sides",
    "parliament",
    "cabinet",
    "regime",
    "court",
    "police",
    "prosecutors",
    "agency",
    "agencies",
    "intelligence",
];

pub(crate) const MILITARY_WORDS: &[&str] = &[
    "military",
    "army",
    "navy",
    "forces",
    "troops",
    "soldiers",
    "warships",
    "jets",
    "warplanes",
    "aircraft",
    "helicopters",
    "tanks",
    "artillery",
    "defence",
    "defense",
    "security",
    "peacekeepers",
    "marines",
];

/// The role given by the word right after a country mention, if any.
pub(super) fn role_after(text: &str, end: usize) -> Option<Role> {
    let mut rest = &text[end..];
    for possessive in ["'s", "’s"] {
        if let Some(r) = rest.strip_prefix(possessive) {
            rest = r;
            break;
        }
    }
    let rest = rest.trim_start();
    let word: &str = rest
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    if word.is_empty() || word.len() > 16 {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    if GOVERNMENT_WORDS.contains(&lower.as_str()) {
        Some(Role::Government)
    } else if MILITARY_WORDS.contains(&lower.as_str()) {
        Some(Role::Military)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::DictionaryBuilder;
    use crate::matcher::Matcher;
    use crate::matcher::tests::DICT;

    #[test]
    fn roles() {
        let mut b = DictionaryBuilder::new();
        b.add_str("t.tsv", DICT).unwrap();
        let d = b.build();
        let m = Matcher::new(&d);
        for (text, want) in [
            ("The US government said", Some(Role::Government)),
            ("US officials", Some(Role::Government)),
            ("the US military", Some(Role::Military)),
            ("China's government", Some(Role::Government)),
            ("the US market", None),
        ] {
            let mut out = Vec::new();
            m.find_into(text, &mut out);
            assert_eq!(out[0].role, want, "{text:?}");
        }
    }
}
