//! Coreference of descriptions: "the company", "the Chinese manufacturer", "the President"
//! become entity items when the article gives them a referent, the most recent compatible
//! mention before them or the article's most-mentioned country. Relations through them say
//! `"via": "coreference"` and have lower confidence. The "it" of "Japan said it …" is
//! resolved where subjects are found ([`super::subject`]).

use super::classes::class;
use super::items::{Item, Kind, in_class, is_word};
use super::relation::Context;
use crate::dictionary::{Dictionary, EntityId, EntityType, Form};

/// Replaces "the [Demonym] noun" descriptions with the entity they refer to, when the article
/// gives one; leaves them as words otherwise.
pub(crate) fn resolve_descriptions(
    dict: &Dictionary,
    text: &str,
    items: &mut Vec<Item>,
    ctx: &Context<'_>,
) {
    let mut k = 0;
    while k + 1 < items.len() {
        if !is_word(text, &items[k], "the") {
            k += 1;
            continue;
        }
        let mut head = k + 1;
        let mut country: Option<EntityId> = None;
        if let Kind::Entity {
            entity,
            form: Form::Demonym,
            ..
        } = items[head].kind
        {
            country = Some(entity);
            head += 1;
        }
        let Some(h) = items.get(head) else { break };
        let wanted = if in_class(h, class::COMPANY_NOUNS) {
            Some(EntityType::Company)
        } else if in_class(h, class::AGENCY_NOUNS) {
            Some(EntityType::Agency)
        } else if country.is_none() && in_class(h, class::COUNTRY_NOUNS) {
            Some(EntityType::Country)
        } else {
            None
        };
        let resolved = if let Some(kind) = wanted {
            let country_code = country.and_then(|c| dict.entity(c).country.as_deref());
            ctx.mentions
                .iter()
                .rev()
                .filter(|m| m.end <= items[k].start)
                .find(|m| {
                    // An article's own company (found by its form) has no country: "the
                    // company" can be it, "the Chinese company" cannot.
                    let e_country = dict.get(m.entity).and_then(|e| e.country.as_deref());
                    dict.kind(m.entity) == kind
                        && (country_code.is_none() || e_country == country_code)
                })
                .map(|m| m.entity)
        } else if country.is_none() && in_class(h, class::STATE_NOUNS) {
            ctx.dominant_country
        } else {
            None
        };
        if let Some(entity) = resolved {
            let item = Item {
                start: items[k].start,
                end: items[head].end,
                class: 0,
                kind: Kind::Entity {
                    entity,
                    form: Form::Name,
                    coreference: true,
                    actor: true,
                    role: false,
                    person: false,
                    agent: None,
                },
            };
            items.splice(k..=head, [item]);
        }
        k += 1;
    }
}

pub(crate) const COMPANY_NOUNS: &[&str] = &[
    "company",
    "firm",
    "manufacturer",
    "maker",
    "carrier",
    "giant",
    "group",
    "conglomerate",
    "operator",
    "supplier",
    "retailer",
    "lender",
    "insurer",
    "automaker",
    "carmaker",
    "chipmaker",
    "startup",
    "vendor",
    "corporation",
    "business",
];

pub(crate) const AGENCY_NOUNS: &[&str] = &[
    "agency",
    "regulator",
    "ministry",
    "department",
    "commission",
    "watchdog",
    "bureau",
    "organisation",
    "organization",
    "alliance",
    "bloc",
];

pub(crate) const COUNTRY_NOUNS: &[&str] = &["country", "nation"];

pub(crate) const STATE_NOUNS: &[&str] = &["president", "government", "administration"];

/// The head nouns of the descriptions [`resolve_descriptions`] can turn into entities, all
/// kinds together.
pub(crate) const DESCRIPTION_HEADS: [&[&str]; 4] =
    [COMPANY_NOUNS, AGENCY_NOUNS, COUNTRY_NOUNS, STATE_NOUNS];
