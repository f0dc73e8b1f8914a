//! Relations: who did what to whom, inside one sentence, without a parser.
//!
//! A sentence becomes a short list of items (words, punctuation, and entity mentions as single
//! items). A trigger from the [`Ontology`] ("banned", "spy on", "met with") anchors a relation;
//! the rules below look for the nearest group of entities on each side within a window, not
//! crossing a clause barrier (";", a dash, "while", "but" …). Coordinated entities ("China and
//! Russia", "Germany, Japan, and Italy") give one relation per pair.
//!
//! Rules (each id appears in the output as `rule`):
//!
//! - `svo` — active subject, verb, object. "China is using IT hardware to spy on the U.S." gives
//!   China spy_on United States. Counter-example: "Samsung and Apple reported results" has no
//!   trigger, so nothing.
//! - `passive-by` — "Huawei was banned by the United States" gives United States ban Huawei,
//!   and so does "Huawei, banned by the United States in 2018, …" (no "be").
//!   Counter-example: "Huawei was banned in May" names no agent, so nothing.
//! - `compound` — "The US imposed the Huawei ban": a company or agency before the noun of a
//!   measure is its object. Counter-example: "the US ban hurt China" (a country there is the
//!   measure's author, and names no object).
//! - `relative-object` — "ZTE, which the US banned, …" gives United States ban ZTE.
//!   Counter-example: "ZTE, which makes phones" has no trigger.
//! - `nominal` — "US sanctions against Russia", "Italy announced a suspension of air links
//!   with Serbia"; the author may be a name modifying the noun phrase ("Iraqi air attacks on
//!   Iran", "U.S. corn exports to Canada", see `noun_modifier_subject`), and a hostile act's
//!   object the owner of a state's assets ("attacks on Iranian oil facilities", `ASSETS`).
//!   Counter-examples: "the lifting of sanctions on Iran" undoes the measure; "the Chinese
//!   market for exports to Japan" (a preposition comes between the name and the noun).
//! - `reciprocal` — "China and Russia met", "Israel and Lebanon renewed talks" (a symmetric
//!   predicate with a coordinated subject and no object). Counter-example: "met with Germany,
//!   Japan, and Italy, and are considering offering …" (the group is not the next verb's subject).
//! - `said-must` — "Russia said on Tuesday that Sudan must return the helicopter" (a demand).
//!   Counter-example: "Russia said Sudan returned it".
//! - `give` — "Finland will give Tanzania a grant" (aid to the first object of a verb of
//!   giving, before money or aid). Counter-example: "gave China a warning".
//! - `repelled` — "Iraq repelled an Iranian attack" gives Iran attack Iraq: the author of a
//!   repelled attack attacked the subject (the verb, an `attack` trigger, also gives Iraq
//!   attack Iran). Counter-example: "Iraq repelled an attack on Kuwait" names no author.
//! - `trade` — "China bought 550,000 tonnes of U.S. corn" gives United States supply China:
//!   the seller is the country naming the goods, or the party after "from" ("bought soybeans
//!   from the U.S."); "Australia sells 180,000 tonnes of sugar to the USSR", "exports of U.S.
//!   corn to the Soviet Union", "Soviet purchases of U.S. corn". Counter-example: "Japan bought U.S. Treasury bonds" names no
//!   traded goods or unit of them.
//! - `contract-from` — "Memory Metals said it received a contract from NASA" gives NASA
//!   contract Memory Metals (the awarding party is the subject; "won a contract from",
//!   "received its first order from", "was awarded a contract by", and a name right before
//!   the noun: "received a U.S. Navy contract", "WINS NASA CONTRACT"). Counter-example:
//!   "received a letter from NASA".
//! - `received-from` — "Argentina received a loan from the World Bank" gives World Bank aid
//!   Argentina (a loan, credit or aid received). Counter-example: "received support from".
//! - `owner` — ownership by the shape of a noun phrase: "Maremont Corp subsidiary Gabriel",
//!   "Gabriel, a unit of Maremont", "Maremont's Gabriel unit", "Gabriel's parent, Maremont",
//!   "India's state owned NTPC", "X, 69.65 pct held by San Miguel", "Gates Corp owns 64.8 pct
//!   of Gates Learjet" give the owner `owns` the owned (a stated share below half: `stake_in`). Counter-examples: "British-owned Midland"
//!   (a people, not its state); "Maremont's unit sales rose" (no second entity).
//! - `rating` — a rating agency's act on a company's debt: "Moody's said it may downgrade
//!   Conseco" (`downgrade`), "VALERO ENERGY DEBT UPGRADED BY MOODY'S" (`upgrade`), "S and P
//!   affirmed the ratings on Republic" (`rate`). Counter-example: "Chrysler cut prices of cars
//!   sold by Hertz" ("cut", "raised", "affirmed" rate only with a word of debt or ratings).
//! - `sale` — a part of a company sold to another, named between the verb and "to": "agreed
//!   to sell its Globe Metallurgical Inc unit to Cyprus Minerals", "sold the lift truck
//!   business to AC Material Handling" (`sell_to`, seller → buyer); from the buyer's side,
//!   "acquired Utah from General Electric", "bought Borg-Warner Corp's Traffic Services
//!   business". Counter-examples: "sold 5,000 tonnes of wheat to Egypt" sells goods (`trade`);
//!   "acquired all of Di Giorgio's shares" buys from the holders.
//! - `between` — the noun of a symmetric predicate with its two parties after it: "talks
//!   between Iran and Iraq" (`meet`), "a joint venture between Chevron Corp and Texaco Inc",
//!   "the venture of GTE and United Telecommunications" (`joint_venture`; "of" for joint
//!   bodies only). Counter-example: "talks between Iran, Iraq and Syria" (no pair is said).
//!
//! What the rules do not take as an argument, each with its example in the tests:
//!
//! - an individual who does not act for the entity: out of office, a legislator, the
//!   opposition ("Sen. Bob Dole", "former President Carter"), see `offices`; an official
//!   who does ("President Reagan", "Israeli President Katsav", "a Russian official") is the
//!   state acting, with the person as the argument's `agent`;
//! - a name modifying another noun ("U.S. soybeans", "anti-American rebels"), except as the
//!   owner of what a hostile, judging or helping act is done to ("rejected a U.S. request",
//!   "expelled two Russian diplomats"), not of civilians, places, money or rebels
//!   (`owner_of`), and as the author of a nominal trigger's act ("Iraqi air attacks");
//! - for a trigger that takes a direct object, a name behind a preposition, an -ing verb or a
//!   comma ("evacuated the wounded from the Bosnian town"), or behind an infinitive's "to"
//!   ("would not meet demands to release prisoners in Iraq"); a predicate that takes a clause
//!   (the table's `clause` column: threaten, agree, urge, pressure …) finds its object inside
//!   that clause, and a relation in the clause is folded into it (`folded`);
//! - as a subject: the object of a preposition ("arrested in Lebanon for collaborating with
//!   Israel"), a name before a subject pronoun ("told the SEC it raised its stake"), the object
//!   of the verb before an infinitive or gerund ("would blockade Paris to demand");
//! - the parties of a business deal as agreeing with each other: "agreed to acquire Monfort",
//!   "offered to sell its unit to Trammell Crow" give no `agree`; the deal's own trigger
//!   tells it (`acquire`, `sell_to` …), see `svo::dealing_follows`;
//! - a trigger used as a noun ("North Korea's consistent demand", "mobilized pressure groups"),
//!   see `used_as_noun`.
//!
//! Every relation carries flags instead of being dropped: `negated` ("did not ban", "never",
//! "refused to") and a `modality` (attempted, planned, reported, hypothetical, asserted).
//! Refusing a cooperative act is rejecting it, as CAMEO codes it: "Israel refused to meet
//! Jordan" gives Israel reject Jordan, not a negated meet ("refused to sanction" stays a
//! negated sanction).
//!
//! Descriptions ("the company", "the Chinese manufacturer", "the President") become entity items
//! when the article gives them a referent: the most recent compatible mention before them (same
//! type, and the demonym's country when one is given), or for "the President", "the government"
//! and "the administration", the article's most-mentioned country. Relations through them say
//! `"via": "coreference"` and have lower confidence.
//!
//! The steps, in the order [`Relater::relate_into`] runs them, and the room of each:
//! `prefilter` (turn away a sentence that cannot name two entities); `items` (the sentence
//! as items, each word with its `classes` bits); `actors` and `offices` (which mentions can be
//! a party); `barriers` (where a clause ends); `coref` (descriptions become entities);
//! `triggers` (where a trigger starts); then `rules`, one room a rule family, which find the
//! sides with `subject` and `object`, flag with `negation` and `modality`, and score with
//! `confidence`. The types given out are in `relation`. The trigger table is built before any
//! of this: `ontology` from relation tables and from verb dictionaries read by `tabari`, their
//! CAMEO codes mapped to PLOVER by `crosswalk`.

mod actors;
mod barriers;
mod classes;
mod confidence;
mod coref;
pub mod crosswalk;
mod items;
mod lexicon;
mod modality;
mod negation;
mod object;
mod offices;
pub mod ontology;
mod prefilter;
mod relation;
mod rules;
mod subject;
pub mod tabari;
#[cfg(test)]
mod tests;
mod triggers;

pub use confidence::{confidence, event_codes, through_ambiguous, through_open_world};
pub use relation::{Arg, Context, Modality, Relation, Span};

use std::ops::Range;

use crate::dictionary::{Dictionary, EntityId, EntityType};
use crate::matcher::Mention;
use actors::{mark_anti_modifiers, mark_modifiers, share_demonym_roles};
use barriers::close_leading_clause;
use classes::Classes;
use coref::resolve_descriptions;
use items::{Item, drop_acronym_glosses, drop_name_brackets, tokens};
use offices::mark_office_holders;
use ontology::Ontology;
use prefilter::{may_relate, two_entities};
use triggers::trigger_at;

/// Finds relations. Built once, shared by all workers.
#[derive(Clone, Debug)]
pub struct Relater {
    ontology: Ontology,
    classes: Classes,
}

impl Relater {
    pub fn new(ontology: Ontology) -> Relater {
        Relater {
            classes: Classes::new(&lexicon::CLASSES, &ontology),
            ontology,
        }
    }

    pub fn ontology(&self) -> &Ontology {
        &self.ontology
    }

    /// Appends the relations of one sentence (`range` of `text`) to `out`. `mentions` are the
    /// field's mentions inside the sentence, in order.
    pub fn relate_into(
        &self,
        dict: &Dictionary,
        text: &str,
        range: Range<usize>,
        mentions: &[Mention],
        ctx: &Context<'_>,
        out: &mut Vec<Relation>,
    ) {
        if !may_relate(&text[range.clone()], mentions) {
            return;
        }
        let mut items = items(&self.classes, text, range.clone(), mentions);
        close_leading_clause(text, &mut items);
        mark_modifiers(&self.ontology, dict, text, &mut items);
        resolve_descriptions(dict, text, &mut items, ctx);
        if !two_entities(&items) {
            return;
        }
        let first_new = out.len();
        let mut lower = String::new();
        let mut i = 0;
        while i < items.len() {
            let Some((trigger, last)) = trigger_at(&self.ontology, text, &items, i, &mut lower)
            else {
                i += 1;
                continue;
            };
            rules::relate_trigger(&self.ontology, dict, text, &items, i, last, trigger, out);
            i = last + 1;
        }
        rules::said_must(&self.ontology, text, &items, out);
        rules::give(&self.ontology, text, &items, out);
        rules::repelled(&self.ontology, text, &items, out);
        rules::trade(&self.ontology, dict, text, &items, out);
        rules::contract_from(&self.ontology, text, &items, out);
        rules::owner(&self.ontology, dict, text, &items, out);
        rules::rating(&self.ontology, text, &items, out);
        rules::sale(&self.ontology, dict, text, &items, out);
        rules::between(&self.ontology, text, &items, out);
        // Refusing a cooperative act is rejecting it ("refused to meet"), as CAMEO codes it.
        if let Some(reject) = self.ontology.find("reject") {
            for r in &mut out[first_new..] {
                let cooperative = self.ontology.predicate(r.predicate).plover.as_deref();
                if r.negated
                    && cooperative.is_some_and(|p| negation::COOPERATIVE.contains(&p))
                    && negation::refused(text, &items, r.subject.end, r.trigger.start)
                {
                    r.predicate = reject;
                    r.negated = false;
                }
            }
        }
        // Selectional restrictions: "acquire" relates companies, not "Taiwan bought soybeans
        // from the U.S."; and a relation inside another's clause is its content.
        let found = out.split_off(first_new);
        out.extend(
            found
                .iter()
                .filter(|r| {
                    let p = self.ontology.predicate(r.predicate);
                    let fits = |types: &[EntityType], e: EntityId| {
                        types.is_empty() || types.contains(&dict.kind(e))
                    };
                    fits(&p.subject_types, r.subject.entity)
                        && fits(&p.object_types, r.object.entity)
                        && !rules::folded(&self.ontology, text, &items, &found, r)
                })
                .cloned(),
        );
    }
}

/// Splits a sentence into items: mentions whole, words (letters and digits, with inner
/// apostrophes), and single punctuation characters; then marks which mentions are actors.
fn items(classes: &Classes, text: &str, range: Range<usize>, mentions: &[Mention]) -> Vec<Item> {
    let mut out = tokens(classes, text, range, mentions);
    drop_acronym_glosses(text, &mut out);
    drop_name_brackets(text, &mut out);
    mark_anti_modifiers(text, &mut out);
    share_demonym_roles(text, &mut out);
    mark_office_holders(text, &mut out);
    out
}
