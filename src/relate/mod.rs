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
//!
//! What the rules do not take as an argument, each with its example in the tests:
//!
//! - an individual: a person ("President Reagan") or a name before a single office title
//!   ("Israeli President Katsav", "a Russian official"), see `mark_office_holders`;
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
//! - a trigger used as a noun ("North Korea's consistent demand", "mobilized pressure groups"),
//!   see `used_as_noun`.
//!
//! Every relation carries flags instead of being dropped: `negated` ("did not ban", "never",
//! "refused to") and a `modality` (attempted, planned, reported, hypothetical, asserted).
//!
//! Descriptions ("the company", "the Chinese manufacturer", "the President") become entity items
//! when the article gives them a referent: the most recent compatible mention before them (same
//! type, and the demonym's country when one is given), or for "the President", "the government"
//! and "the administration", the article's most-mentioned country. Relations through them say
//! `"via": "coreference"` and have lower confidence.

pub mod ontology;

use std::ops::Range;

use crate::dictionary::{Dictionary, EntityId, EntityType, Form};
use crate::hash::WordMap;
use crate::matcher::{ASCII_WORD, Mention, ascii_word_end, char_at};
use ontology::{Ontology, PredicateId, WordForm};

/// How sure a relation is meant to be, as a statement of the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Modality {
    Asserted,
    Attempted,
    Planned,
    Reported,
    Hypothetical,
}

impl Modality {
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Attempted => "attempted",
            Modality::Planned => "planned",
            Modality::Reported => "reported",
            Modality::Hypothetical => "hypothetical",
        }
    }
}

/// One side of a relation: an entity and the span that names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arg {
    pub entity: EntityId,
    pub start: usize,
    pub end: usize,
    /// The span is a description resolved by coreference, not a dictionary mention.
    pub coreference: bool,
}

/// A relation found in one sentence. Spans are byte ranges into the field's text.
#[derive(Clone, Debug, PartialEq)]
pub struct Relation {
    pub predicate: PredicateId,
    pub subject: Arg,
    pub object: Arg,
    pub trigger: Range<usize>,
    /// In a verb chain, the words between the trigger and the object's clause ("allies" in
    /// "persuade allies to stop using Huawei equipment").
    pub intermediary: Option<Range<usize>>,
    pub negated: bool,
    pub modality: Modality,
    pub rule: &'static str,
    /// In 0..=1, two decimals; see [`confidence`].
    pub confidence: f32,
}

/// What the relation stage needs to know about the whole article.
pub struct Context<'a> {
    /// All mentions of the field, in text order (descriptions look back through them).
    pub mentions: &'a [Mention],
    /// The article's most-mentioned country, the referent of "the President".
    pub dominant_country: Option<EntityId>,
}

impl Context<'_> {
    /// Can a sentence of the field hold a relation at all? Not unless the field's mentions and
    /// the dominant country name two different entities: a relation relates two, each a
    /// mention of the sentence or a description, and descriptions refer to the field's
    /// mentions or to the dominant country. Half the Reuters stories name one entity or none.
    pub fn may_relate(&self) -> bool {
        let mut first = self.dominant_country;
        for m in self.mentions {
            match first {
                None => first = Some(m.entity),
                Some(e) if e != m.entity => return true,
                Some(_) => {}
            }
        }
        false
    }
}

/// Finds relations. Built once, shared by all workers.
#[derive(Clone, Debug)]
pub struct Relater {
    ontology: Ontology,
    classes: Classes,
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    Word,
    Punct(char),
    Entity {
        entity: EntityId,
        form: Form,
        coreference: bool,
        /// Can be a relation's subject or object. A demonym is an actor only as a state
        /// ("Chinese officials", "the Israeli army"), not in "Chinese consumers" or "Iraqi
        /// towns".
        actor: bool,
        /// The mention plays a state role ("the US government"): never a mere modifier.
        role: bool,
        /// It names an individual ("President Reagan", "Israeli President Katsav"): not an
        /// actor, and not the owner of what it modifies either.
        person: bool,
    },
}

#[derive(Clone, Copy, Debug)]
struct Item {
    start: usize,
    end: usize,
    kind: Kind,
    /// For a word, the [`class`] bits of the lists it is in; 0 otherwise.
    class: u64,
}

/// A group of coordinated entities found on one side of a trigger.
#[derive(Debug, Default)]
struct Side {
    args: Vec<Arg>,
    /// Words between the trigger and the nearest member of the group.
    distance: usize,
    /// On the right: the index of a "to" crossed on the way to the group (a verb chain).
    chain_to: Option<usize>,
}

impl Side {
    fn new(a: Arg, distance: usize) -> Side {
        Side {
            args: vec![a],
            distance,
            chain_to: None,
        }
    }

    /// Adds a coordinated member, unless the entity is already in the group (an appositive
    /// description next to its own name).
    fn add(&mut self, a: Arg, front: bool) {
        if self.args.iter().any(|x| x.entity == a.entity) {
            return;
        }
        if front {
            self.args.insert(0, a);
        } else {
            self.args.push(a);
        }
    }
}

const WINDOW_LEFT: usize = 12;
const WINDOW_RIGHT: usize = 10;

/// Words that start another clause: a side's search stops there.
const BARRIER_WORDS: &[&str] = &[
    "while", "but", "although", "though", "whereas", "because", "however", "when", "since", "said",
    "says", "say", "told", "which", "who", "whom", "whose", "unless", "until", "after", "before",
];
const BARRIER_PUNCT: &[char] = &[';', ':', '(', ')', '—', '–', '?', '!'];

/// Verbs that put a nominal trigger to work: "X imposed a ban on Y".
const LIGHT_VERBS: &[&str] = &[
    "impose",
    "imposed",
    "imposes",
    "imposing",
    "announce",
    "announced",
    "announces",
    "slap",
    "slapped",
    "slaps",
    "place",
    "placed",
    "places",
    "put",
    "puts",
    "extend",
    "extended",
    "extends",
    "introduce",
    "introduced",
    "issue",
    "issued",
    "issues",
    "file",
    "filed",
    "files",
    "launch",
    "launched",
    "launches",
    "open",
    "opened",
    "opens",
    "level",
    "levelled",
    "leveled",
    "bring",
    "brought",
    "lodge",
    "lodged",
    "tighten",
    "tightened",
    "expand",
    "expanded",
    "step",
    "stepped",
    "make",
    "made",
    "makes",
    "hold",
    "held",
    "holds",
    "began",
    "begin",
    "start",
    "started",
    "mount",
    "mounted",
    "unveil",
    "unveiled",
    "renew",
    "renewed",
    "keep",
    "kept",
    "maintain",
    "maintained",
    "want",
    "wants",
    "seek",
    "seeks",
    "sought",
    // Going on with one's own act: "France was continuing negotiations with Iran", "is
    // conducting an inquiry into the company".
    "continue",
    "continued",
    "continues",
    "conduct",
    "conducted",
    "conducts",
    "resume",
    "resumed",
    "resumes",
];
/// Words before a nominal trigger that undo it: "lifted a ban on" is not a ban.
const UNDOING: &[&str] = &[
    "lift",
    "lifted",
    "lifts",
    "lifting",
    "ease",
    "eased",
    "eases",
    "easing",
    "end",
    "ended",
    "ends",
    "scrap",
    "scrapped",
    "scraps",
    "drop",
    "dropped",
    "drops",
    "remove",
    "removed",
    "removes",
    "relax",
    "relaxed",
    "relaxes",
    "suspend",
    "suspended",
    "overturn",
    "overturned",
    "waive",
    "waived",
    "halt",
    "halted",
    "halts",
    "stop",
    "stopped",
    "stops",
    "freeze",
    "froze",
    "frozen",
];

const BE_FORMS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "get", "got", "gets", "getting",
];
const ADVERBS: &[&str] = &[
    "also",
    "reportedly",
    "allegedly",
    "recently",
    "already",
    "not",
    "never",
    "just",
    "formally",
    "officially",
    "effectively",
    "repeatedly",
    "again",
    "now",
    "later",
    "first",
];
const NEGATIONS: &[&str] = &[
    "not", "never", "no", "refused", "refuses", "refuse", "declined", "declines", "decline",
    "failed", "fails", "without", "neither", "nor",
    // "Iran denied attacks on Kuwaiti tankers": a denial negates what it denies.
    "denied", "denies", "deny", "denying",
];
const ATTEMPTED: &[&str] = &[
    "attempting",
    "attempt",
    "attempts",
    "attempted",
    "trying",
    "try",
    "tries",
    "tried",
    "seeking",
    "seek",
    "seeks",
    "sought",
    "working",
    "struggling",
    "aiming",
];
const PLANNED: &[&str] = &[
    "will",
    "would",
    "could",
    "may",
    "might",
    "shall",
    "plans",
    "plan",
    "planning",
    "planned",
    "intends",
    "intend",
    "intended",
    "considering",
    "consider",
    "considers",
    "considered",
    "mulling",
    "weighing",
    "expected",
    "proposed",
    "proposes",
    "propose",
    "vowed",
    "vows",
    "pledged",
    "pledges",
    "threatened",
    "threatens",
    "preparing",
    "prepares",
    "poised",
    "set",
    "wants",
    "want",
    "wanted",
    "hopes",
    "hope",
    "aims",
    "going",
    "willing",
    "ready",
    "prepared",
    "offered",
    "offers",
    "promised",
    "promises",
];
const HYPOTHETICAL: &[&str] = &["if", "unless", "whether", "should"];
/// Cues of reported speech anywhere in the sentence.
const REPORTED: &[&str] = &[
    "according",
    "reportedly",
    "allegedly",
    "said",
    "says",
    "say",
    "told",
    "claim",
    "claims",
    "claimed",
    "alleged",
    "alleges",
    "reported",
    "sources",
];
/// Nouns that report what follows them ("a story about China and Russia spying").
const REPORT_NOUNS: &[&str] = &["story", "stories", "report", "reports", "rumours", "rumors"];

const COMPANY_NOUNS: &[&str] = &[
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
const AGENCY_NOUNS: &[&str] = &[
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
const COUNTRY_NOUNS: &[&str] = &["country", "nation"];
const STATE_NOUNS: &[&str] = &["president", "government", "administration"];

impl Relater {
    pub fn new(ontology: Ontology) -> Relater {
        Relater {
            classes: Classes::new(&ontology),
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
            if !in_class(&items[i], class::TRIGGER) {
                i += 1;
                continue;
            }
            // "fine-tune", "supply-side": a word joined to the next by a hyphen is part of a
            // compound, not a trigger.
            if items
                .get(i + 1)
                .is_some_and(|n| matches!(n.kind, Kind::Punct('-')) && n.start == items[i].end)
            {
                i += 1;
                continue;
            }
            let word = &text[items[i].start..items[i].end];
            lowercase_into(word, &mut lower);
            let candidates = self.ontology.triggers_for(&lower);
            // "Brazilian coffee exports to Japan": a word that is both a verb and a noun
            // trigger, in a place where the verb would be a noun, is the noun.
            let as_noun = candidates.iter().any(|t| t.form == WordForm::Noun)
                && used_as_noun(text, &items, i);
            let matched = |t: &ontology::Trigger| match_rest(text, &items, i, &t.rest);
            let found = candidates
                .iter()
                .filter(|t| !(as_noun && matches!(t.form, WordForm::Base | WordForm::ThirdPerson)))
                .find_map(|t| Some((t, matched(t)?)))
                .or_else(|| candidates.iter().find_map(|t| Some((t, matched(t)?))));
            let Some((trigger, last)) = found else {
                i += 1;
                continue;
            };
            self.relate_trigger(dict, text, &items, i, last, trigger, out);
            i = last + 1;
        }
        said_must(&self.ontology, text, &items, out);
        give(&self.ontology, text, &items, out);
        repelled(&self.ontology, text, &items, out);
        // Selectional restrictions: "acquire" relates companies, not "Taiwan bought soybeans
        // from the U.S."; and a relation inside another's clause is its content.
        let found = out.split_off(first_new);
        out.extend(
            found
                .iter()
                .filter(|r| {
                    let p = self.ontology.predicate(r.predicate);
                    let fits = |types: &[EntityType], e: EntityId| {
                        types.is_empty() || types.contains(&dict.entity(e).kind)
                    };
                    fits(&p.subject_types, r.subject.entity)
                        && fits(&p.object_types, r.object.entity)
                        && !folded(&self.ontology, text, &items, &found, r)
                })
                .cloned(),
        );
    }

    /// "The US imposed the Huawei ban", "China's Apple boycott": a company or agency right
    /// before the noun of a measure, after a determiner or a possessive, is its object; the
    /// subject is the name before that, within three words (rule `compound`). A country there
    /// is the measure's author ("the US ban"), not its object, so nothing.
    fn compound(
        &self,
        dict: &Dictionary,
        text: &str,
        items: &[Item],
        first: usize,
        trigger: &ontology::Trigger,
    ) -> Option<(Side, Side)> {
        if !matches!(trigger.form, WordForm::Base | WordForm::ThirdPerson)
            || !trigger.rest.is_empty()
            || first < 2
        {
            return None;
        }
        let mut lower = String::new();
        lowercase_into(&text[items[first].start..items[first].end], &mut lower);
        let is_noun = self
            .ontology
            .triggers_for(&lower)
            .iter()
            .any(|t| t.form == WordForm::Noun && t.predicate == trigger.predicate);
        let object = arg(&items[first - 1])?;
        let owner_before = word_in(text, &items[first - 2], &["the", "a", "its", "their"])
            || is_word(text, &items[first - 2], "s");
        if !is_noun || !owner_before {
            return None;
        }
        if dict.entity(object.entity).kind == EntityType::Country {
            return None;
        }
        let subject = side_left(text, items, first - 1).0?;
        (subject.distance <= 3).then(|| (subject, Side::new(object, 0)))
    }

    #[allow(clippy::too_many_arguments)]
    fn relate_trigger(
        &self,
        dict: &Dictionary,
        text: &str,
        items: &[Item],
        first: usize,
        last: usize,
        trigger: &ontology::Trigger,
        out: &mut Vec<Relation>,
    ) {
        // A participle after "be", or right before "by" ("ZTE, banned by the US in 2018").
        let passive = trigger.form.can_be_participle()
            && (preceded_by_be(items, first)
                || items
                    .get(last + 1)
                    .is_some_and(|it| is_word(text, it, "by")));
        // A trade measure's object may be a country's goods ("tariffs on Japanese electronic
        // goods"): the measure is against the country. A hostile act's object may be a
        // state's assets ("attacks on Iranian oil facilities", "the expulsion of Soviet
        // diplomats"): the act is against the state.
        let plover = self.ontology.predicate(trigger.predicate).plover.as_deref();
        let goods = if plover == Some("SANCTION") {
            class::GOODS
        } else {
            0
        };
        let assets = if plover.is_some_and(|p| HOSTILE.contains(&p)) {
            class::ASSETS
        } else {
            0
        };
        let (subject, object, rule);
        let symmetric = self.ontology.predicate(trigger.predicate).symmetric;
        if trigger.form == WordForm::Noun && trigger.rest.is_empty() {
            // A bare noun of a symmetric predicate: only "A and B renewed talks".
            let Some(left) = side_left(text, items, first).0 else {
                return;
            };
            if left.distance > 3 || left.args.len() < 2 {
                return;
            }
            emit_reciprocal(text, items, first, last, trigger.predicate, &left, out);
            return;
        }
        if trigger.form == WordForm::Noun {
            // "US sanctions against Russia", "China's ban on Apple", "X imposed a ban on Y".
            if preceded_by_undoing(items, first) {
                return;
            }
            // "Iraqi air attacks on Iran": a name modifying the noun phrase is its author.
            let left = side_left(text, items, first)
                .0
                .or_else(|| noun_modifier_subject(text, items, first));
            let (Some(left), Some(right)) = (
                left,
                side_right(
                    text,
                    items,
                    last + 1,
                    4,
                    Reach {
                        owned: goods | assets,
                        phrase: true,
                        ..Reach::default()
                    },
                ),
            ) else {
                return;
            };
            let between = || {
                items[..first]
                    .iter()
                    .rev()
                    .take_while(|it| it.start >= left.args.last().map_or(0, |a| a.end))
            };
            let light_verb = between().any(|it| in_class(it, class::LIGHT_VERBS));
            if left.distance > 3 && !light_verb {
                return;
            }
            // "blamed Washington for obstructing talks with the IMF": the noun is the object
            // of another verb's gerund, whose subject is not the noun's author ("holding talks
            // with", "considering sanctions against" are).
            let gerund = between().any(|it| {
                is_participle_word(text, it)
                    && !in_class(it, class::PLANNED)
                    && !in_class(it, class::ATTEMPTED)
            });
            if gerund && !between().any(|it| is_light_verb(text, it)) {
                return;
            }
            // "The Security Council condemned the attack on the UN mission": the noun is the
            // object of another trigger (a judgement), whose subject is not the measure's
            // author ("speeded up the withdrawal" is the author's own act).
            let mut lower = String::new();
            let other_verb = between().any(|it| {
                if !in_class(it, class::TRIGGER) || in_class(it, class::LIGHT_VERBS) {
                    return false;
                }
                lowercase_into(&text[it.start..it.end], &mut lower);
                self.ontology
                    .triggers_for(&lower)
                    .iter()
                    .any(|t| t.form != WordForm::Noun)
            });
            if other_verb && !light_verb {
                return;
            }
            (subject, object, rule) = (left, right, "nominal");
        } else if let Some((left, right)) = self.compound(dict, text, items, first, trigger) {
            (subject, object, rule) = (left, right, "compound");
        } else if passive {
            if !items
                .get(last + 1)
                .is_some_and(|it| is_word(text, it, "by"))
            {
                return;
            }
            let (Some(agent), Some(patient)) = (
                side_right(text, items, last + 2, 4, Reach::default()),
                side_left(text, items, first).0,
            ) else {
                return;
            };
            (subject, object, rule) = (agent, patient, "passive-by");
        } else {
            if matches!(trigger.form, WordForm::Base | WordForm::ThirdPerson)
                && used_as_noun(text, items, first)
            {
                return;
            }
            // "meet U.S. demands": a word of the predicate's `unless` column gives the verb
            // another sense.
            let unless = &self.ontology.predicate(trigger.predicate).unless;
            if trigger.rest.is_empty()
                && !unless.is_empty()
                && items[last + 1..].iter().take(4).any(|it| {
                    matches!(it.kind, Kind::Word)
                        && unless
                            .iter()
                            .any(|u| text[it.start..it.end].eq_ignore_ascii_case(u))
                })
            {
                return;
            }
            let (left, relative) = side_left(text, items, first);
            if infinitive_after_object(text, items, first, left.as_ref()) {
                return;
            }
            let predicate = self.ontology.predicate(trigger.predicate);
            let reach = Reach {
                owned: goods,
                phrase: false,
                chain: predicate.clause,
                owner: predicate
                    .plover
                    .as_deref()
                    .is_some_and(|p| OWNED_OBJECT.contains(&p)),
                direct: !predicate.clause
                    && !trigger
                        .rest
                        .last()
                        .is_some_and(|w| FUNCTION_WORDS.contains(&w.as_str())),
            };
            // A clause may hold its object further on ("agreed in principle on Saturday to
            // provide about 70 million dollars of aid for Romania").
            let window = if reach.chain {
                WINDOW_RIGHT + 4
            } else {
                WINDOW_RIGHT
            };
            let mut right = side_right(text, items, last + 1, window, reach);
            // A gerund right after a name is often a noun ("the Group of Seven meeting in
            // Washington"): then the object must follow at once ("China and Russia spying on
            // the President").
            let gerund_as_noun = trigger.form == WordForm::Gerund
                && first > 0
                && matches!(items[first - 1].kind, Kind::Entity { .. });
            if gerund_as_noun && let Some(r) = &right {
                let start = r.args[0].start;
                let direct = items[last + 1..]
                    .iter()
                    .take_while(|it| it.start < start)
                    .all(|it| word_in(text, it, &["the", "a", "an", "its", "their"]));
                if !direct {
                    right = None;
                }
            }
            match (left, right, relative) {
                // "Japan and South Korea agreed to cooperate on North Korea": a coordinated
                // subject of a symmetric predicate relates its members, not the clause's
                // topic.
                (Some(l), Some(r), _) if symmetric && l.args.len() >= 2 && r.chain_to.is_some() => {
                    emit_reciprocal(text, items, first, last, trigger.predicate, &l, out);
                    return;
                }
                (Some(l), Some(r), _) => (subject, object, rule) = (l, r, "svo"),
                (Some(l), None, Some(antecedent)) => {
                    (subject, object, rule) = (l, antecedent, "relative-object")
                }
                (Some(l), None, None) if symmetric && l.args.len() >= 2 => {
                    emit_reciprocal(text, items, first, last, trigger.predicate, &l, out);
                    return;
                }
                _ => return,
            }
        }
        let subject_end = subject.args.iter().map(|a| a.end).max().unwrap_or(0);
        let negated = negated(text, items, first, subject_end);
        let modality = modality(items, first, subject.args[0].start);
        let trigger_span = items[first].start..items[last].end;
        // A verb chain ("persuade allies to stop using Huawei"): the words between the trigger
        // and the "to" that leads on to the object are the intermediary.
        let intermediary = match (rule, object.chain_to) {
            ("svo", Some(to)) if to > last + 1 => Some(items[last + 1].start..items[to - 1].end),
            _ => None,
        };
        for (si, s) in subject.args.iter().enumerate() {
            for (oi, o) in object.args.iter().enumerate() {
                if s.entity == o.entity {
                    continue;
                }
                out.push(Relation {
                    predicate: trigger.predicate,
                    subject: *s,
                    object: *o,
                    trigger: trigger_span.clone(),
                    intermediary: intermediary.clone(),
                    negated,
                    modality,
                    rule,
                    confidence: confidence(
                        rule,
                        subject.distance,
                        object.distance,
                        si + oi,
                        s.coreference || o.coreference,
                    ),
                });
            }
        }
    }
}

/// "China and Russia met", "Israel and Lebanon renewed talks": the first member of a
/// coordinated subject relates to each of the others (rule `reciprocal`).
fn emit_reciprocal(
    text: &str,
    items: &[Item],
    first: usize,
    last: usize,
    predicate: PredicateId,
    group: &Side,
    out: &mut Vec<Relation>,
) {
    // The group must be the clause's subject, right before its verb: not "met with Germany,
    // Japan, and Italy, and are considering offering …".
    let group_end = group.args.iter().map(|a| a.end).max().unwrap_or(0);
    let between = items[..first].iter().filter(|it| it.start >= group_end);
    let mut words = 0;
    for it in between {
        match it.kind {
            Kind::Punct(_) => return,
            Kind::Word => words += 1,
            Kind::Entity { .. } => {}
        }
    }
    if words > 3 {
        return;
    }
    let head = group.args[0];
    let subject_end = group.args.iter().map(|a| a.end).max().unwrap_or(0);
    let negated = negated(text, items, first, subject_end);
    let modality = modality(items, first, head.start);
    for (k, other) in group.args.iter().enumerate().skip(1) {
        out.push(Relation {
            predicate,
            subject: head,
            object: *other,
            trigger: items[first].start..items[last].end,
            intermediary: None,
            negated,
            modality,
            rule: "reciprocal",
            confidence: confidence(
                "reciprocal",
                group.distance,
                0,
                k - 1,
                head.coreference || other.coreference,
            ),
        });
    }
}

const PARTICLES: &[&str] = &["off", "out", "up", "down"];

/// Matches the words of a trigger after its first (at `items[first]`), and gives the index of
/// the last. Before a content word of the trigger (not one of [`FUNCTION_WORDS`], nor "off",
/// "out", "up", "down") up to two modifiers may come in between:
/// "halted economic aid to", "broke off diplomatic relations with", "imposed new sanctions on".
fn match_rest(text: &str, items: &[Item], first: usize, rest: &[String]) -> Option<usize> {
    let mut k = first;
    for w in rest {
        k += 1;
        if !FUNCTION_WORDS.contains(&w.as_str()) && !PARTICLES.contains(&w.as_str()) {
            let mut skipped = 0;
            while skipped < 2
                && items.get(k).is_some_and(|it| {
                    matches!(it.kind, Kind::Word)
                        && !is_word(text, it, w)
                        && (!in_class(it, class::FUNCTION_WORDS)
                            || word_in(
                                text,
                                it,
                                &["its", "their", "the", "his", "her", "all", "some"],
                            ))
                        && !in_class(it, class::PARTICLES)
                        && !is_barrier(it)
                })
            {
                k += 1;
                skipped += 1;
            }
        }
        let matches = |it: &Item| is_word(text, it, w) || (w == "a" && is_word(text, it, "an"));
        if !items.get(k).is_some_and(matches) {
            return None;
        }
    }
    Some(k)
}

/// "Pakistan threatened to break off relations with Congo", "Greece demanded that its partners
/// refuse to recognize Macedonia": a relation inside the clause of a predicate that takes one
/// (the `clause` column) is that relation's content, not an event of its own. Is `b` such a
/// relation of one of `found`? It must share a party with the outer relation (the outer subject, or the outer object as
/// the clause's subject), and its trigger must follow within eight words with a "to" or
/// "that" and no comma in between.
fn folded(
    ontology: &Ontology,
    text: &str,
    items: &[Item],
    found: &[Relation],
    b: &Relation,
) -> bool {
    found.iter().any(|a| {
        if !ontology.predicate(a.predicate).clause
            || a.trigger.end > b.trigger.start
            || a.trigger == b.trigger
            || !(b.subject.entity == a.subject.entity || b.subject.entity == a.object.entity)
        {
            return false;
        }
        let between = || {
            items
                .iter()
                .filter(|it| it.start >= a.trigger.end && it.end <= b.trigger.start)
        };
        between().filter(|it| matches!(it.kind, Kind::Word)).count() <= 8
            && between().any(|it| word_in(text, it, &["to", "that"]))
            && !between().any(|it| matches!(it.kind, Kind::Punct(',')) || is_barrier(it))
    })
}

/// "Russia said that Sudan must return the helicopter": a demand without a demand verb (rule
/// `said-must`), as the `urge` predicate when the table has it.
fn said_must(ontology: &Ontology, text: &str, items: &[Item], out: &mut Vec<Relation>) {
    let Some(urge) = ontology.find("urge") else {
        return;
    };
    for k in 1..items.len() {
        if !word_in(text, &items[k], &["must", "should"]) {
            continue;
        }
        let Some(target) = arg(&items[k - 1]) else {
            continue;
        };
        // Back over an optional "that" and words of time ("said on Tuesday that") to a
        // speech verb with its subject.
        let mut v = k - 1;
        if v > 0 && is_word(text, &items[v - 1], "that") {
            v -= 1;
        }
        while v > 1 && in_class(&items[v - 1], class::TIME_WORDS) {
            v -= 1;
        }
        if v == 0 || !in_class(&items[v - 1], class::SPEECH_VERBS) {
            continue;
        }
        let Some(speaker) = side_left(text, items, v - 1).0 else {
            continue;
        };
        if speaker.distance > 4 {
            continue;
        }
        for s in &speaker.args {
            if s.entity == target.entity {
                continue;
            }
            out.push(Relation {
                predicate: urge,
                subject: *s,
                object: target,
                trigger: items[v - 1].start..items[k].end,
                intermediary: None,
                negated: false,
                modality: Modality::Asserted,
                rule: "said-must",
                confidence: confidence("said-must", speaker.distance, 0, 0, s.coreference),
            });
        }
    }
}

/// Verbs of giving, whose first object is the recipient ("gave the Ivory Coast 5.1 million
/// dollars").
const GIVE_VERBS: &[&str] = &[
    "give", "gives", "gave", "given", "giving", "grant", "grants", "granted", "lend", "lends",
    "lent", "offer", "offers", "offered", "promise", "promised", "pledge", "pledged",
];

/// What is given as aid, after the recipient: "a grant", "aid", "$5 million".
const GIVEN_THINGS: &[&str] = &[
    "aid",
    "assistance",
    "grant",
    "grants",
    "loan",
    "loans",
    "credit",
    "credits",
    "arms",
    "weapons",
    "money",
    "funds",
    "support",
    "relief",
    "food",
    "troops",
];

/// "Finland will give Tanzania a grant", "The European Community gave the Ivory Coast 5.1
/// million dollars of aid": a verb of giving, a name right after it as the recipient, then
/// money or aid (rule `give`, the `aid` predicate). Counter-example: "gave China a warning"
/// gives no aid.
fn give(ontology: &Ontology, text: &str, items: &[Item], out: &mut Vec<Relation>) {
    let Some(aid) = ontology.find("aid") else {
        return;
    };
    for v in 0..items.len() {
        if !in_class(&items[v], class::GIVE_VERBS) {
            continue;
        }
        let mut o = v + 1;
        if items.get(o).is_some_and(|it| is_word(text, it, "the")) {
            o += 1;
        }
        let Some(recipient) = items.get(o).and_then(arg) else {
            continue;
        };
        // Then the thing given: a number or "$", or (after "a"/"an") a word of aid.
        let mut t = o + 1;
        if items
            .get(t)
            .is_some_and(|it| word_in(text, it, &["a", "an", "more", "new", "further"]))
        {
            t += 1;
        }
        let given = items.get(t).is_some_and(|it| {
            let w = &text[it.start..it.end];
            matches!(it.kind, Kind::Punct('$'))
                || w.starts_with(|c: char| c.is_ascii_digit())
                || in_class(it, class::GIVEN_THINGS)
        });
        let present = word_in(
            text,
            &items[v],
            &[
                "give", "gives", "grant", "grants", "lend", "lends", "offer", "offers", "promise",
                "pledge",
            ],
        );
        if !given || (present && used_as_noun(text, items, v)) {
            continue;
        }
        let Some((giver, negated, modality)) = near_subject(text, items, v) else {
            continue;
        };
        for (k, s) in giver.args.iter().enumerate() {
            if s.entity == recipient.entity {
                continue;
            }
            out.push(Relation {
                predicate: aid,
                subject: *s,
                object: recipient,
                trigger: items[v].start..items[v].end,
                intermediary: None,
                negated,
                modality,
                rule: "give",
                confidence: confidence("give", giver.distance, 0, k, s.coreference),
            });
        }
    }
}

/// The subject group of the verb at `items[v]` when it is near (at most four words before), with
/// the verb's negation and modality: the verb rules `give` and `repelled` need no more.
fn near_subject(text: &str, items: &[Item], v: usize) -> Option<(Side, bool, Modality)> {
    let side = side_left(text, items, v).0.filter(|s| s.distance <= 4)?;
    let negated = negated(text, items, v, side.args.last().map_or(0, |a| a.end));
    let modality = modality(items, v, side.args[0].start);
    Some((side, negated, modality))
}

/// Verbs of driving back an attack; "fought" and "beat(en)" only with their particle.
const REPELLING: &[&str] = &[
    "repel",
    "repels",
    "repelled",
    "repelling",
    "repulse",
    "repulses",
    "repulsed",
    "repulsing",
    "fought",
    "beat",
    "beaten",
];

/// Nouns of an armed attack, the object of a verb of [`REPELLING`].
const ATTACK_NOUNS: &[&str] = &[
    "attack",
    "attacks",
    "assault",
    "assaults",
    "offensive",
    "raid",
    "raids",
    "incursion",
    "push",
    "thrust",
    "thrusts",
    "offensives",
    "incursions",
];

/// "Iraq repelled an Iranian attack", "Egypt fought off an attack by Libyan troops": the
/// author of the repelled attack (a name modifying it, or after "by") attacked the subject of
/// the verb of repelling (rule `repelled`, the `attack` predicate). The verb itself is an
/// `attack` trigger too: the subject used force against the attacker. Counter-example:
/// "Iraq repelled an attack on Kuwait" names no author, and the attack's object is another
/// country.
fn repelled(ontology: &Ontology, text: &str, items: &[Item], out: &mut Vec<Relation>) {
    let Some(attack) = ontology.find("attack") else {
        return;
    };
    for v in 0..items.len() {
        if !in_class(&items[v], class::REPELLING) {
            continue;
        }
        let mut n = v + 1;
        if word_in(text, &items[v], &["fought", "beat", "beaten"]) {
            if !items
                .get(n)
                .is_some_and(|it| word_in(text, it, &["off", "back"]))
            {
                continue;
            }
            n += 1;
        }
        // The attack's noun phrase: a determiner, then up to three words (the author among
        // them) before the noun.
        if items
            .get(n)
            .is_some_and(|it| in_class(it, class::DETERMINERS))
        {
            n += 1;
        }
        let Some(noun) = (n..items.len().min(n + 4))
            .take_while(|&k| !matches!(items[k].kind, Kind::Punct(_)))
            .find(|&k| in_class(&items[k], class::ATTACK_NOUNS))
        else {
            continue;
        };
        let by = items
            .get(noun + 1)
            .is_some_and(|it| is_word(text, it, "by"));
        let attacker = if by {
            let mut a = noun + 2;
            if items.get(a).is_some_and(|it| is_word(text, it, "the")) {
                a += 1;
            }
            items
                .get(a)
                .and_then(|it| arg(it).or_else(|| owner_arg(it)))
        } else {
            noun_modifier_subject(text, items, noun).map(|side| side.args[0])
        };
        let Some(attacker) = attacker else {
            continue;
        };
        let Some((defender, negated, modality)) = near_subject(text, items, v) else {
            continue;
        };
        for (k, o) in defender.args.iter().enumerate() {
            if o.entity == attacker.entity {
                continue;
            }
            out.push(Relation {
                predicate: attack,
                subject: attacker,
                object: *o,
                trigger: items[noun].start..items[noun].end,
                intermediary: None,
                negated,
                modality,
                rule: "repelled",
                confidence: confidence("repelled", 0, defender.distance, k, o.coreference),
            });
        }
    }
}

/// Words of time that may come between a verb and its clause ("said on Tuesday that").
const TIME_WORDS: &[&str] = &[
    "on",
    "today",
    "yesterday",
    "tonight",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "again",
    "also",
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Verbs that report what an actor says.
const SPEECH_VERBS: &[&str] = &[
    "said", "says", "insisted", "insists", "declared", "declares", "stated", "states", "demanded",
    "warned", "argued", "argues",
];

/// Cooperative PLOVER categories: announcing one of these ("will support", "is ready to
/// send aid", "offered to withdraw") is CAMEO's 03 "express intent to cooperate", which PLOVER
/// files under AGREE.
const COOPERATIVE: &[&str] = &[
    "SUPPORT",
    "AID",
    "COOPERATE",
    "CONSULT",
    "RETREAT",
    "CONCEDE",
];

/// Hostile PLOVER categories: announcing one of these ("would tighten the blockade", "will
/// impose sanctions") is CAMEO's 13 "threaten" (1312 threaten with sanctions, 1381 with a
/// blockade, 138 with force), which PLOVER files under THREATEN.
const HOSTILE: &[&str] = &["SANCTION", "COERCE", "ASSAULT", "FIGHT"];

/// The CAMEO code and PLOVER category of a relation: its predicate's, except that a planned
/// act is coded as the announcement it is, as event coders do: a cooperative one as an intent
/// to cooperate (CAMEO 03, PLOVER AGREE), a hostile one as a threat (CAMEO 13, THREATEN).
pub fn event_codes(
    predicate: &ontology::Predicate,
    modality: Modality,
) -> (Option<&str>, Option<&str>) {
    let plover = predicate.plover.as_deref();
    if modality == Modality::Planned && plover.is_some_and(|p| COOPERATIVE.contains(&p)) {
        return (Some("03"), Some("AGREE"));
    }
    if modality == Modality::Planned && plover.is_some_and(|p| HOSTILE.contains(&p)) {
        return (Some("13"), Some("THREATEN"));
    }
    (predicate.cameo.as_deref(), plover)
}

/// The documented confidence: a rule's base, less 0.03 for each word beyond two between the
/// trigger and each side, 0.05 for each coordinated member beyond the first, and a quarter off
/// through coreference; clamped to 0.05..=0.99 and rounded to two decimals.
pub fn confidence(
    rule: &str,
    subject_distance: usize,
    object_distance: usize,
    member: usize,
    coreference: bool,
) -> f32 {
    let base = match rule {
        "svo" => 0.9,
        "passive-by" => 0.85,
        "nominal" => 0.8,
        "reciprocal" => 0.8,
        "said-must" => 0.7,
        "give" => 0.8,
        _ => 0.75,
    };
    let far = subject_distance.saturating_sub(2) + object_distance.saturating_sub(2);
    let mut c = base - 0.03 * far as f32 - 0.05 * member as f32;
    if coreference {
        c *= 0.75;
    }
    (c.clamp(0.05, 0.99) * 100.0).round() / 100.0
}

/// `word` in lower case, into a reused buffer. Most words are ASCII, and Unicode lowercasing
/// char by char was the largest single cost of the relation stage (a fifth of the pipeline on
/// the Reuters corpus), so ASCII takes a byte-wise path that gives the same result.
fn lowercase_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
    } else {
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
}

fn is_word(text: &str, item: &Item, w: &str) -> bool {
    matches!(item.kind, Kind::Word) && text[item.start..item.end].eq_ignore_ascii_case(w)
}

fn word_in(text: &str, item: &Item, list: &[&str]) -> bool {
    matches!(item.kind, Kind::Word)
        && list
            .iter()
            .any(|w| text[item.start..item.end].eq_ignore_ascii_case(w))
}

fn is_barrier(item: &Item) -> bool {
    match item.kind {
        Kind::Punct(c) => BARRIER_PUNCT.contains(&c),
        Kind::Word => in_class(item, class::BARRIER_WORDS),
        Kind::Entity { .. } => false,
    }
}

fn arg(item: &Item) -> Option<Arg> {
    match item.kind {
        Kind::Entity {
            entity,
            coreference,
            actor: true,
            ..
        } => Some(Arg {
            entity,
            start: item.start,
            end: item.end,
            coreference,
        }),
        _ => None,
    }
}

/// The head nouns of the descriptions [`resolve_descriptions`] can turn into entities, all
/// kinds together.
const DESCRIPTION_HEADS: [&[&str]; 4] = [COMPANY_NOUNS, AGENCY_NOUNS, COUNTRY_NOUNS, STATE_NOUNS];

/// Can `sentence`, with these `mentions`, hold a relation? Not unless it could have two
/// different entities (see [`two_entities`]): two mentions of different entities, or fewer and
/// enough description heads ([`DESCRIPTION_HEADS`]) to make up the difference. A word item
/// equal to a head noun is a run of ASCII letters and digits in the text, so counting those
/// runs counts at least the descriptions. Cheap, so it runs before the sentence is split into
/// items: two sentences in three of news text name no entity at all.
fn may_relate(sentence: &str, mentions: &[Mention]) -> bool {
    /// The head nouns, and which lengths (bit `len`, or 15 for longer) each first letter has.
    struct Heads {
        words: WordMap<&'static [u8], ()>,
        lengths: [u16; 128],
    }
    static HEADS: std::sync::LazyLock<Heads> = std::sync::LazyLock::new(|| {
        let mut heads = Heads {
            words: WordMap::default(),
            lengths: [0; 128],
        };
        for w in DESCRIPTION_HEADS.iter().flat_map(|l| l.iter()) {
            heads.words.insert(w.as_bytes(), ());
            heads.lengths[usize::from(w.as_bytes()[0] & 0x7f)] |= 1 << w.len().min(15);
        }
        heads
    });
    let mut entities = 0;
    if let Some(m) = mentions.first() {
        if mentions.iter().any(|x| x.entity != m.entity) {
            return true;
        }
        entities = 1;
    }
    let heads = &*HEADS;
    let bytes = sentence.as_bytes();
    let mut buf = [0u8; 32];
    let mut i = 0;
    while i < bytes.len() {
        if !ASCII_WORD[usize::from(bytes[i])] {
            i += 1;
            continue;
        }
        let start = i;
        i = ascii_word_end(bytes, i, bytes.len());
        let word = &bytes[start..i];
        // Most words differ from every head in their first letter or their length.
        let first = usize::from(word[0].to_ascii_lowercase());
        if heads.lengths[first] & (1 << word.len().min(15)) == 0 {
            continue;
        }
        let head = match buf.get_mut(..word.len()) {
            Some(lower) => {
                lower.copy_from_slice(word);
                lower.make_ascii_lowercase();
                heads.words.contains_key(&*lower)
            }
            None => heads.words.keys().any(|h| h.eq_ignore_ascii_case(word)),
        };
        if head {
            entities += 1;
            if entities >= 2 {
                return true;
            }
        }
    }
    false
}

/// Are there two different entities among the items? Every relation's subject and object are
/// entity items (mentions, or descriptions resolved to an entity) naming different entities,
/// so a sentence with fewer has none; most sentences of news are like that.
fn two_entities(items: &[Item]) -> bool {
    let mut first = None;
    for it in items {
        if let Kind::Entity { entity, .. } = it.kind {
            match first {
                None => first = Some(entity),
                Some(e) if e != entity => return true,
                Some(_) => {}
            }
        }
    }
    false
}

/// An entity mention that is not an actor: a demonym or name modifying another noun.
fn is_bystander(item: &Item) -> bool {
    matches!(item.kind, Kind::Entity { actor: false, .. })
}

/// Nouns of traded goods: a country's name or demonym before them ("Japanese electronics",
/// "U.S. imports") names the country a trade measure is against.
const GOODS: &[&str] = &[
    "goods",
    "imports",
    "exports",
    "products",
    "electronics",
    "chips",
    "microchips",
    "semiconductors",
    "cars",
    "steel",
    "textiles",
    "beef",
    "rice",
    "wheat",
    "grain",
    "lumber",
    "companies",
    "firms",
    "exporters",
    "airlines",
    "ships",
    "vessels",
    "banks",
];

/// What a state owns or fields: a country's name or demonym before them ("Iranian oil
/// facilities", "Kuwaiti tankers", "the Libyan embassy", "Soviet diplomats") names the
/// country a hostile act on them is against. Not its people, towns or firms
/// ([`CIVILIANS_AND_PLACES`]), which event coders code apart from the state.
const ASSETS: &[&str] = &[
    "facilities",
    "facility",
    "installations",
    "installation",
    "plants",
    "plant",
    "reactor",
    "refinery",
    "refineries",
    "oilfields",
    "fields",
    "terminal",
    "terminals",
    "platforms",
    "platform",
    "pipeline",
    "port",
    "ports",
    "airport",
    "airfield",
    "airfields",
    "ship",
    "ships",
    "vessel",
    "vessels",
    "tanker",
    "tankers",
    "warship",
    "warships",
    "frigate",
    "gunboats",
    "aircraft",
    "plane",
    "planes",
    "jet",
    "jets",
    "helicopter",
    "helicopters",
    "airliner",
    "positions",
    "position",
    "targets",
    "target",
    "lines",
    "troops",
    "forces",
    "soldiers",
    "units",
    "patrol",
    "patrols",
    "convoy",
    "convoys",
    "base",
    "bases",
    "outpost",
    "outposts",
    "embassy",
    "embassies",
    "consulate",
    "diplomats",
    "diplomat",
    "territory",
    "interests",
];

/// Is `items[k]` a country that only modifies a noun, with a noun of the `owned` classes
/// ([`GOODS`], [`ASSETS`]) among the next two words ("Japanese electronic goods", "Iranian
/// oil facilities")?
fn owned_by(items: &[Item], k: usize, owned: u64) -> bool {
    owned != 0
        && is_bystander(&items[k])
        && items[k + 1..]
            .iter()
            .take(2)
            .take_while(|it| matches!(it.kind, Kind::Word))
            .any(|it| in_class(it, owned))
}

/// "Iraqi air attacks on Iran", "U.S. corn exports to Canada", "the Japanese ban on China":
/// the subject of a nominal trigger may be a name or demonym modifying its noun phrase, right
/// before the noun or before at most two modifiers of it. A modifier is a lowercase word (in a
/// headline in capitals, where a verb looks the same, there is none: "U.S., BRITAIN BAR
/// SANCTIONS AGAINST SOUTH AFRICA") that is not a function word, a participle ("U.S.-led",
/// "Soviet-made" have a hyphen, which also ends the phrase) or a noun of people, places or
/// firms ("Chinese students' protest", "the Chinese market for exports to Japan", "Afghan rebel
/// attacks"): the noun phrase must read as the name's own act. Coordinated names before it
/// ("U.S. and Canadian wheat exports") are subjects too.
fn noun_modifier_subject(text: &str, items: &[Item], first: usize) -> Option<Side> {
    let mut k = first;
    let mut words = 0;
    loop {
        k = k.checked_sub(1)?;
        let it = &items[k];
        match it.kind {
            Kind::Entity { person: false, .. } => break,
            Kind::Word if words < 2 => {
                let w = &text[it.start..it.end];
                if !w.chars().next().is_some_and(char::is_lowercase)
                    || !w.chars().all(char::is_alphabetic)
                    || w.len() < 2
                    || w.to_ascii_lowercase().ends_with("ed")
                    || in_class(it, class::FUNCTION_WORDS)
                    || in_class(it, class::CIVILIANS_AND_PLACES)
                    || in_class(it, class::IRREGULAR_VERBS)
                {
                    return None;
                }
                words += 1;
            }
            _ => return None,
        }
    }
    if k >= 2
        && matches!(items[k - 1].kind, Kind::Punct('-'))
        && word_in(text, &items[k - 2], &["anti", "pro", "non"])
    {
        // "anti-American attacks" are not America's.
        return None;
    }
    let mut side = Side::new(owner_arg(&items[k])?, words);
    let mut j = k;
    while j >= 2 && is_conjunction(text, &items[j - 1]) {
        match owner_arg(&items[j - 2]) {
            Some(a) if !matches!(items[j - 2].kind, Kind::Entity { person: true, .. }) => {
                side.add(a, true);
                j -= 2;
            }
            _ => break,
        }
    }
    Some(side)
}

/// An entity mention as an argument, whether or not it is an actor.
fn owner_arg(item: &Item) -> Option<Arg> {
    match item.kind {
        Kind::Entity {
            entity,
            coreference,
            ..
        } => Some(Arg {
            entity,
            start: item.start,
            end: item.end,
            coreference,
        }),
        _ => None,
    }
}

/// Is `items[k]` a conjunction between coordinated entities ("," "and" "or" "&")?
fn is_conjunction(text: &str, item: &Item) -> bool {
    matches!(item.kind, Kind::Punct(',') | Kind::Punct('&')) || word_in(text, item, &["and", "or"])
}

/// Prepositions whose object is not the subject of a verb after it.
const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "from",
    "into",
    "near",
    "inside",
    "across",
    "throughout",
    "within",
    "on",
    "against",
    "over",
    "for",
    "with",
    "to",
    "toward",
    "towards",
    "between",
    "among",
    "under",
];

/// The nearest entity group left of the trigger at `first`, and, when the search stopped at a
/// relative pronoun after ", Entity" ("ZTE, which the US banned"), that antecedent.
fn side_left(text: &str, items: &[Item], first: usize) -> (Option<Side>, Option<Side>) {
    if unknown_subject(text, items, first) {
        return (None, None);
    }
    let mut words = 0;
    let mut k = first;
    let mut found: Option<Side> = None;
    while k > 0 && words <= WINDOW_LEFT {
        k -= 1;
        let it = &items[k];
        if found.is_none()
            && let Some(side) = reported_pronoun(text, items, k, words)
        {
            return (Some(side), None);
        }
        if found.is_none()
            && word_in(text, it, &["it", "they", "he", "she", "we"])
            && text[it.start..it.end]
                .chars()
                .skip(1)
                .all(char::is_lowercase)
        {
            // "told the SEC it raised its stake": the pronoun is the subject, and it does
            // not refer to the name before it.
            return (None, None);
        }
        if found.is_none() && is_bystander(it) {
            // The nearest noun phrase is about something else ("Iraqi lines", "U.S.
            // soybeans"): no subject here.
            return (None, None);
        }
        if found.is_none()
            && let Some(a) = arg(it)
        {
            let mut side = Side::new(a, words);
            // Extend to coordinated members further left.
            let mut j = k;
            loop {
                let mut m = j;
                let mut saw_conjunction = false;
                // "Israel and the Palestinians": a determiner after the conjunction.
                if m > 1
                    && is_word(text, &items[m - 1], "the")
                    && is_conjunction(text, &items[m - 2])
                {
                    m -= 1;
                }
                while m > 0 && is_conjunction(text, &items[m - 1]) {
                    m -= 1;
                    saw_conjunction = true;
                }
                match (
                    saw_conjunction,
                    m.checked_sub(1).and_then(|p| arg(&items[p])),
                ) {
                    (true, Some(a)) => {
                        side.add(a, true);
                        j = m - 1;
                    }
                    _ => break,
                }
            }
            // "arrested in Lebanon for collaborating with Israel": a place or the object of a
            // preposition is not the subject.
            let mut p = j;
            if p > 0 && is_word(text, &items[p - 1], "the") {
                p -= 1;
            }
            if p > 0 && in_class(&items[p - 1], class::PLACE_PREPOSITIONS) {
                return (None, None);
            }
            found = Some(side);
            k = j;
            continue;
        }
        if is_barrier(it) {
            return (found, relative_antecedent(text, items, k, words));
        }
        if found.is_some() {
            // Only a relative pronoun a word or two further left matters now.
            let stop = k.saturating_sub(2);
            let antecedent = (stop..=k)
                .rev()
                .find_map(|j| relative_antecedent(text, items, j, words));
            return (found, antecedent);
        }
        if matches!(it.kind, Kind::Word) {
            words += 1;
        }
    }
    (found, None)
}

/// "officials told Reuters that Baldrige opposed the sale", "the director of the agency James
/// Miller warned": a capitalised word that is no entity right before the verb (past
/// auxiliaries and adverbs) is a name the dictionaries do not know, a person or a company, and
/// the clause's subject; an entity further left is not. Not at the start of a sentence, in a
/// headline, or for a word of time ("Monday"), a state body ("Ministry") or a title.
fn unknown_subject(text: &str, items: &[Item], first: usize) -> bool {
    let starts_upper = |it: &Item| {
        text[it.start..it.end]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    };
    if items.get(first).is_some_and(starts_upper) {
        // A headline in capitals or in title case.
        return false;
    }
    let mut k = first;
    while k > 0 {
        k -= 1;
        let it = &items[k];
        if !matches!(it.kind, Kind::Word) {
            return false;
        }
        let w = &text[it.start..it.end];
        // Wire copy capitalises some auxiliaries ("The U.S. Has offered").
        if in_class(
            it,
            class::BE_FORMS | class::ADVERBS | class::NEGATIONS | class::AUXILIARIES,
        ) || (!starts_upper(it) && w.len() > 4 && w.ends_with("ly"))
        {
            continue;
        }
        if k == 0 || !starts_upper(it) || all_caps(text, it) {
            return false;
        }
        // "Cooper Industries Inc asked", "the U.S. Federal Reserve Board have agreed": the
        // legal form of a company or the head of a body named before it.
        if in_class(it, class::COMPANY_FORMS | class::BODY_HEADS)
            && matches!(items[k - 1].kind, Kind::Entity { .. })
        {
            return false;
        }
        return !in_class(
            it,
            class::TIME_WORDS
                | class::MONTHS
                | class::OFFICE_TITLES
                | class::AGENCY_NOUNS
                | class::STATE_NOUNS
                | class::COMPANY_NOUNS
                | class::GOVERNMENT_WORDS
                | class::MILITARY_WORDS,
        );
    }
    false
}

/// Verbs that come between a subject and its verb.
const AUXILIARIES: &[&str] = &[
    "has", "have", "had", "will", "would", "could", "can", "may", "might", "did", "does", "do",
    "must", "shall",
];

/// Legal forms written after a company's name.
const COMPANY_FORMS: &[&str] = &[
    "inc",
    "corp",
    "co",
    "ltd",
    "plc",
    "ag",
    "sa",
    "nv",
    "bv",
    "llc",
    "lp",
    "gmbh",
    "spa",
    "group",
    "holdings",
    "corporation",
    "company",
    "limited",
    "incorporated",
    "bhd",
    "pty",
    "kk",
    "se",
];

/// Heads of the names of public bodies, which a dictionary may name without them.
const BODY_HEADS: &[&str] = &[
    "board",
    "council",
    "committee",
    "office",
    "department",
    "service",
    "authority",
    "bureau",
    "institute",
    "bank",
    "fund",
    "union",
    "organisation",
    "organization",
    "association",
    "federation",
    "commission",
    "court",
    "congress",
    "senate",
    "house",
    "agency",
    "ministry",
];

/// Words that open a subordinate clause at the start of a sentence.
const SUBORDINATORS: &[&str] = &[
    "if", "unless", "when", "while", "although", "though", "because", "since", "after", "before",
    "once", "whether",
];

/// "If Japan bans Huawei, China will sue Japan": the comma that closes a leading subordinate
/// clause separates two clauses, not the members of a list ("Huawei, China"), so it becomes a
/// barrier. It is the first comma with a word other than "and"/"or" (the clause's verb) before
/// it: in "If Germany, Japan and Italy ban Huawei, …" the first comma is the list's. A list
/// that ends the clause ends with the comma that closes it: in "After visits to France, Germany
/// and Italy, Brazil's minister …" the barrier is the comma after "Italy", or Italy would be
/// the main clause's subject; in "If Japan bans Huawei, China and Russia will …" the list goes
/// on into the main clause, and the first comma is the barrier.
fn close_leading_clause(text: &str, items: &mut [Item]) {
    if !items
        .first()
        .is_some_and(|it| in_class(it, class::SUBORDINATORS))
    {
        return;
    }
    let mut saw_word = false;
    for k in 1..items.len() {
        match items[k].kind {
            Kind::Punct(',') if saw_word => {
                let at = list_end(text, items, k).unwrap_or(k);
                items[at].kind = Kind::Punct(';');
                return;
            }
            Kind::Word if !word_in(text, &items[k], &["and", "or"]) => saw_word = true,
            _ => {}
        }
    }
}

/// When the comma `items[k]` is followed by a list of entities ("France, Germany and Italy")
/// that ends with a comma, that comma.
fn list_end(text: &str, items: &[Item], k: usize) -> Option<usize> {
    let is_entity = |j: usize| {
        items
            .get(j)
            .is_some_and(|it| matches!(it.kind, Kind::Entity { .. }))
    };
    let mut j = k + 1;
    let mut last = false;
    loop {
        if !is_entity(j) {
            return None;
        }
        j += 1;
        match items.get(j) {
            Some(it) if matches!(it.kind, Kind::Punct(',')) && last => return Some(j),
            Some(it) if matches!(it.kind, Kind::Punct(',')) => {
                j += 1;
                if items
                    .get(j)
                    .is_some_and(|it| word_in(text, it, &["and", "or"]))
                {
                    last = true;
                    j += 1;
                }
            }
            Some(it) if word_in(text, it, &["and", "or"]) => {
                last = true;
                j += 1;
            }
            _ => return None,
        }
    }
}

/// Verbs of saying after which "it" or "they" is the speaker: "Japan said it had halted aid".
const SAYING: &[&str] = &[
    "said",
    "says",
    "announced",
    "announces",
    "stated",
    "declared",
    "confirmed",
    "added",
];

/// "Japan said (on Tuesday) (that) it …": when `items[k]` is "it" or "they" a few words after a
/// verb of saying, the speaker, as a coreference on the pronoun's span (rule of the trigger it
/// serves; the relation says it went through coreference).
fn reported_pronoun(text: &str, items: &[Item], k: usize, words: usize) -> Option<Side> {
    if !word_in(text, &items[k], &["it", "they"]) {
        return None;
    }
    let mut j = k;
    let mut between = 0;
    loop {
        j = j.checked_sub(1)?;
        let it = &items[j];
        if in_class(it, class::SAYING) {
            break;
        }
        if !matches!(it.kind, Kind::Word) || between == 3 {
            return None;
        }
        between += 1;
    }
    let speaker = side_left(text, items, j).0?;
    if speaker.distance > 3 || (speaker.args.len() > 1 && is_word(text, &items[k], "it")) {
        return None;
    }
    let mut side = Side::new(
        Arg {
            coreference: true,
            start: items[k].start,
            end: items[k].end,
            ..speaker.args[0]
        },
        words,
    );
    for a in &speaker.args[1..] {
        side.args.push(Arg {
            coreference: true,
            start: items[k].start,
            end: items[k].end,
            ..*a
        });
    }
    Some(side)
}

/// "X, which …": when `items[k]` is a relative pronoun after ", Entity", that entity.
fn relative_antecedent(text: &str, items: &[Item], k: usize, words: usize) -> Option<Side> {
    let relative = word_in(text, &items[k], &["which", "that", "who", "whom"])
        && k >= 2
        && matches!(items[k - 1].kind, Kind::Punct(','));
    let a = arg(items.get(k.wrapping_sub(2))?)?;
    relative.then(|| Side::new(a, words + 2))
}

/// The nearest entity group right of `from`, within `window` words.
/// How far [`side_right`] may look for an object.
#[derive(Clone, Copy, Debug, Default)]
struct Reach {
    /// The classes of nouns ([`GOODS`], [`ASSETS`]) whose owner, a country modifying them, is
    /// the object ("tariffs on Japanese electronics", "attacks on Iranian oil facilities").
    owned: u64,
    /// The object is in the noun phrase after a nominal trigger's preposition: a place phrase
    /// after it holds another entity ("talks with creditors in the United States", "an attack
    /// on a ship moored off Kuwait"), see [`LOCATIVES`].
    phrase: bool,
    /// A country modifying the object noun is the object ("rejected a U.S. request").
    owner: bool,
    /// The object may be inside a to-clause ("threatened to cut ties with Congo").
    chain: bool,
    /// The trigger takes a direct object (it ends in no preposition): a preposition or an
    /// -ing word before the entity means the entity is not that object.
    direct: bool,
}

/// Prepositions that end a direct object's search (see [`Reach::direct`]): "condemned the
/// attack on Japan" does not criticize Japan. Not "of" ("the inspectors of the IAEA").
const DIRECT_OBJECT_STOPS: &[&str] = &[
    "on",
    "against",
    "from",
    "in",
    "at",
    "into",
    "by",
    "during",
    "after",
    "before",
    "near",
    "under",
    "through",
    "since",
    "until",
    "without",
    "within",
    "across",
    "around",
    "despite",
    "including",
    "over",
    "between",
    "among",
    "amid",
];

/// Prepositions of place that end a nominal trigger's object phrase (see [`Reach::phrase`]).
/// Measured on the Reuters corpus, every object found across one was another phrase's.
const LOCATIVES: &[&str] = &["in", "at", "off", "near"];

/// Is the "to" at `k` a preposition ("grants 47 mln dlrs to Bangladesh") rather than the
/// start of an infinitive ("to release prisoners")? It is before a name, a determiner or a
/// number.
fn preposition_to(text: &str, items: &[Item], k: usize) -> bool {
    items.get(k + 1).is_some_and(|it| match it.kind {
        Kind::Entity { .. } => true,
        Kind::Word => {
            in_class(it, class::DETERMINERS)
                || text[it.start..it.end]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit())
        }
        Kind::Punct(_) => false,
    })
}

/// Nouns of what one party puts to another or decides: "rejected calls by the African Union",
/// "welcomed the decision by Poland".
const PROPOSALS: &[&str] = &[
    "call",
    "calls",
    "demand",
    "demands",
    "request",
    "requests",
    "proposal",
    "proposals",
    "offer",
    "offers",
    "plan",
    "appeal",
    "appeals",
    "bid",
    "initiative",
    "ultimatum",
    "decision",
    "move",
    "announcement",
    "statement",
];

/// A light verb ("imposed", "launched", "holds") or its gerund ("holding", "stepping",
/// "imposing"): the noun after it is the subject's own act.
fn is_light_verb(text: &str, it: &Item) -> bool {
    if in_class(it, class::LIGHT_VERBS) {
        return true;
    }
    let w = &text[it.start..it.end];
    let Some(stem) = w.strip_suffix("ing").filter(|s| s.len() > 1) else {
        return false;
    };
    let mut lower = String::new();
    lowercase_into(stem, &mut lower);
    // "hold" → "holding", "make" → "making", "step" → "stepping".
    let undoubled = lower
        .len()
        .checked_sub(2)
        .filter(|&n| lower.as_bytes()[n] == lower.as_bytes()[n + 1])
        .map(|n| &lower[..=n]);
    let with_e = format!("{lower}e");
    [Some(lower.as_str()), Some(with_e.as_str()), undoubled]
        .into_iter()
        .flatten()
        .any(|s| LIGHT_VERBS.contains(&s))
}

/// A participle or gerund of another verb ("carrying", "using"): lowercase, ending in "ing".
fn is_participle_word(text: &str, it: &Item) -> bool {
    let w = &text[it.start..it.end];
    matches!(it.kind, Kind::Word)
        && w.len() > 5
        && w.ends_with("ing")
        && w.chars().next().is_some_and(char::is_lowercase)
}

/// PLOVER categories whose target is the owner of what they act on, as event coders code it:
/// "rejected a U.S. request" (REJECT United States), "expelled two Russian diplomats"
/// (SANCTION Russia), "shelled Palestinian positions" (FIGHT), "lifted a blockade on
/// Palestinian lorries". Not meetings or cooperation: "met Japanese students" is no meeting
/// with Japan.
const OWNED_OBJECT: &[&str] = &[
    "MOBILIZE",
    "SANCTION",
    "THREATEN",
    "REJECT",
    "AGREE",
    "DISAPPROVE",
    "DEMAND",
    "FIGHT",
    "ASSAULT",
    "COERCE",
    "SUPPORT",
    "AID",
    "RETREAT",
    "CONCEDE",
    "INVESTIGATE",
];

/// A country or demonym modifying the noun phrase at `k` ("a U.S. request", "Russian
/// diplomats", "the Azerbaijani republic"), not an individual ("Iraqi President Saddam
/// Hussein's proposal" names a person, whom the gold sets leave out).
fn owner_of(text: &str, items: &[Item], k: usize) -> bool {
    let Kind::Entity {
        actor: false,
        person: false,
        ..
    } = items[k].kind
    else {
        return false;
    };
    if k >= 2
        && matches!(items[k - 1].kind, Kind::Punct('-'))
        && word_in(text, &items[k - 2], &["anti", "pro", "non"])
    {
        // "anti-Baghdad guerrillas" are not Iraq's.
        return false;
    }
    // The modified noun follows: a lowercase word, not civilians or a place.
    items.get(k + 1).is_some_and(|it| {
        matches!(it.kind, Kind::Word)
            && text[it.start..it.end]
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
            && !in_class(it, class::FUNCTION_WORDS)
            && !in_class(it, class::CIVILIANS_AND_PLACES)
    })
}

/// Nouns a country's name or demonym may modify without the country being the target:
/// its people, places, money, firms and non-state groups ("shell Iraqi towns", "Chinese
/// tourists", "Albanian rebels"), which event coders code apart from the state.
const CIVILIANS_AND_PLACES: &[&str] = &[
    "people",
    "civilians",
    "citizens",
    "nationals",
    "residents",
    "refugees",
    "migrants",
    "workers",
    "students",
    "tourists",
    "consumers",
    "farmers",
    "fishermen",
    "villagers",
    "protesters",
    "demonstrators",
    "prisoners",
    "children",
    "women",
    "town",
    "towns",
    "city",
    "cities",
    "village",
    "villages",
    "province",
    "region",
    "areas",
    "area",
    "market",
    "markets",
    "dlrs",
    "dollars",
    "dollar",
    "currency",
    "yen",
    "francs",
    "marks",
    "pounds",
    "lire",
    "pesos",
    "crowns",
    "guilders",
    "schillings",
    "rupees",
    "dinars",
    // Singulars, as modifiers: "a German mark loan".
    "mark",
    "franc",
    "pound",
    "peso",
    "lira",
    "crown",
    "guilder",
    "schilling",
    "rupee",
    "dinar",
    "rebels",
    "insurgents",
    "militants",
    "guerrillas",
    "separatists",
    "fighters",
    "opposition",
    "dissidents",
    "groups",
    "businessmen",
    "companies",
    "firms",
    "banks",
    // Singulars, as modifiers: "Afghan rebel attacks", "a Japanese company bid".
    "civilian",
    "student",
    "worker",
    "farmer",
    "rebel",
    "insurgent",
    "militant",
    "guerrilla",
    "separatist",
    "terrorist",
    "terrorists",
    "company",
    "firm",
    "bank",
];

/// Determiners and possessive pronouns: a trigger word right after one is a noun ("a visit",
/// "its support").
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "its", "their", "his", "her", "our", "this", "these", "those", "any", "no",
    "every", "each", "such", "further", "more",
];

/// Words after which a trigger's base or -s form is a verb: a subject pronoun, an auxiliary or
/// modal, "to", a negation or a coordinating "and"/"or".
const BEFORE_VERB: &[&str] = &[
    "to", "will", "would", "can", "could", "may", "might", "must", "shall", "should", "do", "does",
    "did", "not", "never", "and", "or", "it", "they", "we", "he", "she", "i", "you", "who", "that",
    "which", "also", "jointly", "now", "still", "often", "again", "today", "help", "helps",
    "helped", "helping", "let", "lets",
];

/// Is the base or -s form of a verb trigger at `first` a noun here? "North Korea's consistent
/// demand", "mobilized pressure groups", "tighten sanctions", "a US offer", "a visit": the
/// word before it is not one that can come before a verb (a subject, an auxiliary, "to", an
/// adverb, a plural noun such as "officials").
fn used_as_noun(text: &str, items: &[Item], first: usize) -> bool {
    let Some(prev) = first.checked_sub(1).map(|p| &items[p]) else {
        return false;
    };
    match prev.kind {
        // "a US offer": a name after an indefinite article modifies the trigger ("the
        // Palestinians reject" is a verb after its subject). So does one singular name before
        // a base form ("the US ban hurt China"; a verb would be "bans"): not a plural
        // ("Palestinians", "US officials") or coordinated one ("China and Russia spy").
        Kind::Entity { role, .. } => {
            let before = first.checked_sub(2).map(|p| &items[p]);
            if before.is_some_and(|it| word_in(text, it, &["a", "an"])) {
                return true;
            }
            let name = &text[prev.start..prev.end];
            let coordinated = before.is_some_and(|it| is_conjunction(text, it));
            let base = !text[items[first].start..items[first].end]
                .bytes()
                .last()
                .is_some_and(|b| b.eq_ignore_ascii_case(&b's'));
            base && !role && !is_plural(name) && !coordinated && !all_caps(text, &items[first])
        }
        Kind::Punct(_) => false,
        Kind::Word => {
            let w = &text[prev.start..prev.end];
            if in_class(prev, class::DETERMINERS) {
                return true;
            }
            if in_class(prev, class::BEFORE_VERB)
                || in_class(prev, class::ADVERBS)
                || w.ends_with("ly")
                || w.ends_with("n't")
                || w.ends_with("n’t")
                || w.chars().next().is_some_and(char::is_uppercase)
            {
                return false;
            }
            // "officials demand", "leaders pressure": a plural subject; else an adjective,
            // a verb or a possessive "s" before a noun.
            !(is_plural(w) && w.len() > 2)
        }
    }
}

/// A word in capitals (a headline: "U.S. BAN HUAWEI" may be either).
fn all_caps(text: &str, it: &Item) -> bool {
    !text[it.start..it.end].chars().any(char::is_lowercase)
}

/// "would blockade Paris from Monday night to demand an end …", "told Reuters the counsels
/// probing the episode": the entity before an infinitive or a gerund trigger is the object of
/// the verb before it, not the subject of the trigger.
fn infinitive_after_object(text: &str, items: &[Item], first: usize, left: Option<&Side>) -> bool {
    let Some(left) = left else { return false };
    let infinitive = first
        .checked_sub(1)
        .is_some_and(|p| is_word(text, &items[p], "to"));
    let gerund = {
        let w = &text[items[first].start..items[first].end];
        w.len() > 5 && w.ends_with("ing")
    };
    if !infinitive && !gerund {
        return false;
    }
    let start = left.args[0].start;
    let Some(k) = items.iter().position(|it| it.start == start) else {
        return false;
    };
    let Some(before) = k.checked_sub(1).map(|p| &items[p]) else {
        return false;
    };
    let w = &text[before.start..before.end];
    matches!(before.kind, Kind::Word)
        && (w.len() > 2 && w[w.len() - 2..].eq_ignore_ascii_case("ed")
            || word_in(text, before, &["told", "tells", "tell"])
            || in_class(before, class::TRIGGER))
}

fn side_right(
    text: &str,
    items: &[Item],
    from: usize,
    window: usize,
    reach: Reach,
) -> Option<Side> {
    let mut words = 0;
    let mut k = from;
    let mut chain_to = None;
    while k < items.len() && words <= window {
        let it = &items[k];
        let owner = || {
            (owned_by(items, k, reach.owned) || (reach.owner && owner_of(text, items, k)))
                .then(|| owner_arg(it))
                .flatten()
        };
        if let Some(a) = arg(it).or_else(owner) {
            let mut side = Side::new(a, words);
            side.chain_to = chain_to;
            let mut j = k;
            loop {
                let mut m = j + 1;
                let mut saw_conjunction = false;
                while m < items.len() && is_conjunction(text, &items[m]) {
                    m += 1;
                    saw_conjunction = true;
                }
                if saw_conjunction && items.get(m).is_some_and(|it| is_word(text, it, "the")) {
                    m += 1;
                }
                match (saw_conjunction, items.get(m).and_then(arg)) {
                    (true, Some(a)) => {
                        side.add(a, false);
                        j = m;
                    }
                    _ => break,
                }
            }
            return Some(side);
        }
        if is_barrier(it) || is_bystander(it) {
            return None;
        }
        if matches!(it.kind, Kind::Punct(',')) {
            // "declined to accept the plan today, the U.S. had reverted": a comma before any
            // name ends the object's phrase.
            return None;
        }
        // A predicate that takes a clause may cross a preposition once in the clause
        // ("agreed to set up a centre in Tokyo"), not before it ("is offering in the debt
        // market", "agreed in Brussels that"), and never an agent's "by".
        let stops = reach.direct || (reach.chain && chain_to.is_none());
        // "rejected calls by the African Union": "by" after a proposal names its author,
        // the target of a judgement; otherwise it names an agent, not an object.
        let author = reach.owner
            && k > 0
            && is_word(text, it, "by")
            && word_in(text, &items[k - 1], PROPOSALS);
        if !author
            && (is_word(text, it, "by")
                || ((stops && in_class(it, class::DIRECT_OBJECT_STOPS)
                    || reach.phrase && word_in(text, it, LOCATIVES))
                    && !items.get(k + 1).is_some_and(|n| {
                        // A phrase of time or manner: "on Saturday", "in March", "in principle".
                        in_class(n, class::TIME_WORDS)
                            || in_class(n, class::MONTHS)
                            || is_word(text, n, "principle")
                            || text[n.start..n.end].starts_with(|c: char| c.is_ascii_digit())
                    })))
        {
            return None;
        }
        if reach.direct && is_participle_word(text, it) {
            // "evacuated the wounded from the Bosnian town", "mobilized pressure groups in the
            // United States", "shot down a helicopter carrying EC monitors": the entity
            // belongs to another preposition or verb, not to this one's direct object.
            return None;
        }
        if is_word(text, it, "to") && (reach.chain || !preposition_to(text, items, k)) {
            // "to" leads into another clause ("meet demands to release prisoners in Iraq"):
            // only a predicate that takes a clause finds its object there.
            if !reach.chain {
                return None;
            }
            chain_to.get_or_insert(k);
        }
        if matches!(it.kind, Kind::Word) {
            words += 1;
        }
        k += 1;
    }
    None
}

/// Is the trigger at `first` a participle after a form of "be" ("was banned", "has been
/// sanctioned", "was also banned")?
fn preceded_by_be(items: &[Item], first: usize) -> bool {
    let mut k = first;
    while k > 0 {
        k -= 1;
        let it = &items[k];
        if in_class(it, class::BE_FORMS) {
            return true;
        }
        if !in_class(it, class::ADVERBS) {
            return false;
        }
    }
    false
}

/// Is a nominal trigger undone by a word just before it ("lifted the ban on")?
fn preceded_by_undoing(items: &[Item], first: usize) -> bool {
    items[first.saturating_sub(3)..first]
        .iter()
        .any(|it| in_class(it, class::UNDOING))
}

/// A negation between the subject and the trigger, or right before the trigger.
fn negated(text: &str, items: &[Item], first: usize, subject_end: usize) -> bool {
    let mut k = first;
    let mut words = 0;
    while k > 0 && words < 6 {
        k -= 1;
        let it = &items[k];
        if it.end <= subject_end || !matches!(it.kind, Kind::Word) {
            if it.end <= subject_end {
                break;
            }
            continue;
        }
        let w = &text[it.start..it.end];
        if in_class(it, class::NEGATIONS) || w.ends_with("n't") || w.ends_with("n’t") {
            return true;
        }
        words += 1;
    }
    false
}

/// The modality of a trigger: cues between the subject and the trigger for attempted and
/// planned, "if" before the trigger for hypothetical ("If China bans Huawei, …", not "Russia
/// threatened to walk out if …", where the condition is on the threatened act), reporting cues
/// in the sentence (or a report noun just before the subject) for reported.
fn modality(items: &[Item], first: usize, subject_start: usize) -> Modality {
    if items[..first]
        .iter()
        .any(|it| in_class(it, class::HYPOTHETICAL))
    {
        return Modality::Hypothetical;
    }
    let between = items[..first]
        .iter()
        .filter(|it| it.start >= subject_start && matches!(it.kind, Kind::Word));
    let mut planned = false;
    for it in between {
        if in_class(it, class::ATTEMPTED) {
            return Modality::Attempted;
        }
        planned |= in_class(it, class::PLANNED);
    }
    if planned {
        return Modality::Planned;
    }
    if items.iter().any(|it| in_class(it, class::REPORTED)) {
        return Modality::Reported;
    }
    let before_subject = items
        .iter()
        .filter(|it| it.end <= subject_start && matches!(it.kind, Kind::Word))
        .rev()
        .take(6);
    for it in before_subject {
        if in_class(it, class::REPORT_NOUNS) {
            return Modality::Reported;
        }
    }
    Modality::Asserted
}

/// Splits a sentence into items: mentions whole, words (letters and digits, with inner
/// apostrophes), and single punctuation characters.
fn items(classes: &Classes, text: &str, range: Range<usize>, mentions: &[Mention]) -> Vec<Item> {
    let mut out = tokens(classes, text, range, mentions);
    drop_acronym_glosses(text, &mut out);
    // "anti-Baghdad", "pro-Western": a modifier, never an actor.
    for k in 2..out.len() {
        if matches!(out[k - 1].kind, Kind::Punct('-'))
            && word_in(text, &out[k - 2], &["anti", "pro", "non"])
            && let Kind::Entity { actor, .. } = &mut out[k].kind
        {
            *actor = false;
        }
    }
    share_demonym_roles(text, &mut out);
    mark_office_holders(text, &mut out);
    out
}

/// The items of [`items`] as the text gives them, before the passes over them. Read byte by
/// byte, a character decoded only where a byte is not ASCII: going through `char_indices` was
/// half the time of this, itself a tenth of the pipeline.
fn tokens(classes: &Classes, text: &str, range: Range<usize>, mentions: &[Mention]) -> Vec<Item> {
    let mut out = Vec::with_capacity(32);
    let mut lower = String::new();
    let mut next_mention = mentions.iter().peekable();
    let bytes = text.as_bytes();
    let mut pos = range.start;
    while pos < range.end {
        while next_mention.peek().is_some_and(|m| m.end <= pos) {
            next_mention.next();
        }
        if let Some(m) = next_mention.peek()
            && m.start <= pos
        {
            out.push(Item {
                start: m.start,
                end: m.end,
                class: 0,
                kind: Kind::Entity {
                    entity: m.entity,
                    form: m.form,
                    coreference: false,
                    // A demonym or a person is an actor only in a role ("Chinese officials",
                    // "the Reagan administration"), a demonym also as a plural noun ("the
                    // Palestinians reject", "killed four Iraqis").
                    actor: !matches!(m.form, Form::Demonym | Form::Person)
                        || m.role.is_some()
                        || (m.form == Form::Demonym
                            && is_plural(&text[m.start..m.end])
                            && !counted(text, out.last())),
                    role: m.role.is_some(),
                    person: m.form == Form::Person && m.role.is_none(),
                },
            });
            pos = m.end.min(range.end);
            next_mention.next();
            continue;
        }
        let (c, len) = char_at(text, pos);
        if c.is_whitespace() {
            pos += len;
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = pos + len;
            while end < range.end {
                if next_mention.peek().is_some_and(|m| m.start == end) {
                    break;
                }
                if bytes[end].is_ascii_alphanumeric() {
                    // To the end of the ASCII run, or to the next mention's start.
                    let stop = next_mention.peek().map_or(range.end, |m| m.start.max(end));
                    end = ascii_word_end(bytes, end, stop.min(range.end));
                    continue;
                }
                let (d, len) = char_at(text, end);
                // An inner apostrophe joins ("didn't"), except a possessive ("firm's").
                let inner_apostrophe = matches!(d, '\'' | '’') && {
                    let after = &text[end + len..range.end];
                    after.chars().next().is_some_and(char::is_alphanumeric)
                        && !after.starts_with(['s', 'S'])
                };
                if !(d.is_alphanumeric() || inner_apostrophe) {
                    break;
                }
                end += len;
            }
            out.push(Item {
                start: pos,
                end,
                kind: Kind::Word,
                class: classes.of(&text[pos..end], &mut lower),
            });
            pos = end;
            continue;
        }
        out.push(Item {
            start: pos,
            end: pos + len,
            kind: Kind::Punct(c),
            class: 0,
        });
        pos += len;
    }
    out
}

/// Is `prev` a number or a quantifier ("100 Palestinians", "many Americans"): people, not
/// the state ("the Palestinians").
fn counted(text: &str, prev: Option<&Item>) -> bool {
    prev.is_some_and(|it| {
        matches!(it.kind, Kind::Word)
            && (text[it.start..it.end].bytes().all(|b| b.is_ascii_digit())
                || in_class(it, class::QUANTIFIERS))
    })
}

const QUANTIFIERS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "dozen",
    "dozens",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "many",
    "some",
    "several",
    "few",
    "more",
    "other",
    "fellow",
    "ordinary",
    "young",
    "ethnic",
];

/// "The Asia-Pacific Economic Cooperation (APEC) forum has agreed": an acronym in parentheses
/// right after a name glosses it; its parentheses are no clause barrier.
fn drop_acronym_glosses(text: &str, items: &mut Vec<Item>) {
    let mut k = 1;
    while k + 2 < items.len() {
        let gloss = matches!(items[k - 1].kind, Kind::Entity { .. })
            && matches!(items[k].kind, Kind::Punct('('))
            && matches!(items[k + 2].kind, Kind::Punct(')'))
            && match items[k + 1].kind {
                Kind::Entity { .. } => true,
                Kind::Word => {
                    let w = &text[items[k + 1].start..items[k + 1].end];
                    w.chars().any(char::is_uppercase) && !w.chars().any(char::is_lowercase)
                }
                Kind::Punct(_) => false,
            };
        if gloss {
            items.drain(k..k + 3);
        } else {
            k += 1;
        }
    }
}

/// Titles of one person's office. A name before one of them ("Israeli President Moshe Katsav",
/// "a Russian official", "Iran's religious leader", "Apple CEO Tim Cook") names an individual,
/// not the state, agency or company; the plural ("Russian officials") is the body itself.
const OFFICE_TITLES: &[&str] = &[
    "president",
    "vice-president",
    "leader",
    "minister",
    "official",
    "diplomat",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "negotiator",
    "envoy",
    "king",
    "queen",
    "prince",
    "emperor",
    "premier",
    "chancellor",
    "secretary",
    "secretary-general",
    "chief",
    "head",
    "commander",
    "general",
    "coordinator",
    "representative",
    "delegate",
    "ayatollah",
    "dictator",
    "ruler",
    "monarch",
    "senator",
    "governor",
    "mayor",
    "chairman",
    "chairwoman",
    "ceo",
    "founder",
];

/// A plural noun, roughly: "troops", "officials"; not "religious", "Congress", "Paris".
fn is_plural(w: &str) -> bool {
    w.ends_with('s') && !["ss", "us", "is", "ous"].iter().any(|e| w.ends_with(e))
}

/// An individual is not an actor of relations: newsgraph relates states, agencies and
/// companies, as its gold sets do (a named person or a single office holder is not the state;
/// "US officials", "the Israeli government" are). Marks a name followed, after up to three
/// modifiers ("Vice Foreign", "Defence", "religious", a possessive), by one of
/// [`OFFICE_TITLES`] as not an actor. "The President" without a name is a description of the
/// state (see [`resolve_descriptions`]) and not affected.
fn mark_office_holders(text: &str, items: &mut [Item]) {
    for k in 0..items.len() {
        if !matches!(items[k].kind, Kind::Entity { actor: true, .. }) {
            continue;
        }
        let mut j = k + 1;
        if is_possessive(text, items, j) {
            j += 2;
        }
        let mut person = false;
        for it in items.iter().skip(j).take(4) {
            if !matches!(it.kind, Kind::Word) {
                break;
            }
            if in_class(it, class::OFFICE_TITLES) {
                person = true;
                break;
            }
            let w = &text[it.start..it.end];
            if !w.chars().all(|c| c.is_alphabetic() || c == '-')
                || in_class(it, class::FUNCTION_WORDS)
                || is_plural(w)
            {
                break;
            }
        }
        if person
            && let Kind::Entity {
                actor,
                person: individual,
                ..
            } = &mut items[k].kind
        {
            *actor = false;
            *individual = true;
        }
    }
}

/// Words that follow an actor's name without making it a modifier: auxiliaries, prepositions,
/// conjunctions, determiners and other closed-class words.
const FUNCTION_WORDS: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "must",
    "shall",
    "should",
    "do",
    "does",
    "did",
    "to",
    "and",
    "or",
    "but",
    "nor",
    "of",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "from",
    "as",
    "into",
    "over",
    "under",
    "about",
    "against",
    "after",
    "before",
    "since",
    "than",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "this",
    "these",
    "those",
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "said",
    "says",
    "say",
    "told",
    "also",
    "not",
    "never",
    "now",
    "then",
    "today",
    "yesterday",
    "tomorrow",
    "last",
    "next",
    "earlier",
    "later",
    "still",
    "yet",
    "alone",
    "itself",
    "both",
    "all",
    "too",
    "again",
    "instead",
    "there",
    "here",
    "while",
    "when",
    "if",
    "so",
];

/// Irregular verb forms that follow a subject ("China grew", "Japan fell"): not nouns.
const IRREGULAR_VERBS: &[&str] = &[
    "grew", "grows", "rose", "rises", "fell", "falls", "made", "makes", "took", "takes", "gave",
    "gives", "went", "goes", "came", "comes", "saw", "sees", "sold", "sells", "bought", "buys",
    "won", "wins", "lost", "loses", "held", "holds", "kept", "keeps", "left", "leaves", "led",
    "leads", "began", "begins", "became", "becomes", "brought", "brings", "found", "finds", "paid",
    "pays", "put", "puts", "set", "sets", "sent", "sends", "spent", "spends", "stood", "stands",
    "thought", "thinks", "wrote", "writes", "ran", "runs", "hit", "hits", "cut", "cuts", "let",
    "lets", "got", "gets", "knew", "knows", "meant", "means", "seems", "remains", "needs", "looks",
    "appears", "expects", "faces", "plays", "moves", "uses", "calls", "asks", "tells", "shows",
    "imports", "exports", "produces", "accounts", "beat", "beats",
];

/// Marks a country name used as a modifier ("U.S. soybeans", "the Japan market") as not
/// an actor: the noun after it is what the clause is about. A name followed by a verb,
/// a function word, punctuation or a capitalised word stays an actor.
fn mark_modifiers(ontology: &Ontology, dict: &Dictionary, text: &str, items: &mut [Item]) {
    let mut lower = String::new();
    for k in 0..items.len().saturating_sub(1) {
        let Kind::Entity {
            entity,
            form: Form::Name | Form::Metonym,
            coreference: false,
            actor: true,
            role: false,
            ..
        } = items[k].kind
        else {
            continue;
        };
        // A company before a noun is still the party that matters ("stop using Huawei
        // equipment", "bought IBM shares"); a country before one is a place of origin.
        if dict.entity(entity).kind != EntityType::Country {
            continue;
        }
        if possessive_of_other(text, items, k) {
            if let Kind::Entity { actor, .. } = &mut items[k].kind {
                *actor = false;
            }
            continue;
        }
        let next = &items[k + 1];
        if !matches!(next.kind, Kind::Word) {
            continue;
        }
        let word = &text[next.start..next.end];
        let entity_caps = !text[items[k].start..items[k].end]
            .chars()
            .any(char::is_lowercase);
        let word_caps = !word.chars().any(char::is_lowercase);
        // In a headline in capitals, case says nothing: judge the word as if lowercase.
        let lowercase_start = word.chars().next().is_some_and(char::is_lowercase)
            || (entity_caps && word_caps && word.chars().count() > 2);
        if !lowercase_start || !word.chars().all(char::is_alphabetic) || word.len() < 3 {
            continue;
        }
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        let verb_like = lower.ends_with("ed")
            || lower.ends_with("ly")
            || lower.ends_with("ing")
            || [
                PLANNED,
                ATTEMPTED,
                NEGATIONS,
                REPORTED,
                SPEECH_VERBS,
                IRREGULAR_VERBS,
            ]
            .iter()
            .any(|list| list.contains(&lower.as_str()));
        if verb_like
            || FUNCTION_WORDS.contains(&lower.as_str())
            || !ontology.triggers_for(&lower).is_empty()
        {
            continue;
        }
        if let Kind::Entity { actor, .. } = &mut items[k].kind {
            *actor = false;
        }
    }
}

/// "Japan's biggest carmaker", "Switzerland's three major banks": a country in the possessive
/// before a noun phrase of lowercase words that names no state body, no act of the state and
/// no trigger is the owner of something else, which is what the clause is about. "Japan's
/// foreign ministry", "China's top officials", "Japan's decision to ban …", "Iran's offensive
/// against Iraq" and "China's Huawei" keep the country.
fn possessive_of_other(text: &str, items: &[Item], k: usize) -> bool {
    if !is_possessive(text, items, k + 1) {
        return false;
    }
    let mut words = 0;
    let mut hyphen = false;
    for it in items.iter().skip(k + 3).take(6) {
        match it.kind {
            Kind::Word => {}
            // "tight-fisted", "state-owned": one word, an adjective.
            Kind::Punct('-') => {
                hyphen = true;
                continue;
            }
            _ => break,
        }
        let after_hyphen = std::mem::take(&mut hyphen);
        let w = &text[it.start..it.end];
        if !w.chars().next().is_some_and(char::is_lowercase)
            || !w.chars().all(|c| c.is_alphabetic() || c == '-')
        {
            // A name, a number or a title ("Japan's Prime Minister") ends the phrase.
            break;
        }
        if in_class(it, class::FUNCTION_WORDS)
            || (!after_hyphen && (w.ends_with("ed") || w.ends_with("ing")))
        {
            break;
        }
        if in_class(
            it,
            class::GOVERNMENT_WORDS | class::MILITARY_WORDS | class::PROPOSALS | class::TRIGGER,
        ) || is_act_noun(w)
        {
            return false;
        }
        words += 1;
    }
    words > 0
}

/// Is `items[j]` the start of a possessive ("'" or "’", then "s")?
fn is_possessive(text: &str, items: &[Item], j: usize) -> bool {
    items
        .get(j)
        .is_some_and(|it| matches!(it.kind, Kind::Punct('\'' | '’')))
        && items.get(j + 1).is_some_and(|it| is_word(text, it, "s"))
}

/// A noun of what a state does or holds rather than of a thing it owns: "Turkey's efforts",
/// "Serbia's suppression of …", "Japan's refusal", "China's policy". By ending, with the common
/// ones that have none of these endings.
fn is_act_noun(lower: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ion", "ions", "ment", "ments", "ance", "ence", "ure", "al", "als", "cy", "cies",
    ];
    const NOUNS: &[&str] = &[
        "efforts",
        "effort",
        "attempt",
        "attempts",
        "actions",
        "action",
        "stance",
        "position",
        "role",
        "claim",
        "claims",
        "bid",
        "policy",
        "policies",
        "behavior",
        "behaviour",
        "conduct",
        "record",
        "response",
        "plans",
        "demands",
        "interests",
        "help",
    ];
    ENDINGS
        .iter()
        .any(|e| lower.len() > e.len() + 2 && lower.ends_with(e))
        || NOUNS.contains(&lower)
}

/// "Hungarian and Romanian officials": a demonym coordinated with one that has a state role
/// is an actor too.
fn share_demonym_roles(text: &str, items: &mut [Item]) {
    for k in (0..items.len().saturating_sub(2)).rev() {
        let next_is_actor = matches!(
            items[k + 2].kind,
            Kind::Entity {
                form: Form::Demonym,
                actor: true,
                ..
            }
        );
        if next_is_actor
            && is_conjunction(text, &items[k + 1])
            && let Kind::Entity {
                form: Form::Demonym,
                actor,
                ..
            } = &mut items[k].kind
        {
            *actor = true;
        }
    }
}

/// Replaces "the [Demonym] noun" descriptions with the entity they refer to, when the article
/// gives one; leaves them as words otherwise.
fn resolve_descriptions(dict: &Dictionary, text: &str, items: &mut Vec<Item>, ctx: &Context<'_>) {
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
                    let e = dict.entity(m.entity);
                    e.kind == kind
                        && (country_code.is_none() || e.country.as_deref() == country_code)
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
                },
            };
            items.splice(k..=head, [item]);
        }
        k += 1;
    }
}

/// The word lists as bits, so that a word is looked up once (in [`items`]) instead of
/// compared with every list that a rule asks about: list membership was a tenth of the
/// pipeline's instructions.
mod class {
    pub const ADVERBS: u64 = 1 << 0;
    pub const AGENCY_NOUNS: u64 = 1 << 1;
    pub const ATTEMPTED: u64 = 1 << 2;
    pub const BARRIER_WORDS: u64 = 1 << 3;
    pub const BEFORE_VERB: u64 = 1 << 4;
    pub const BE_FORMS: u64 = 1 << 5;
    pub const CIVILIANS_AND_PLACES: u64 = 1 << 6;
    pub const COMPANY_NOUNS: u64 = 1 << 7;
    pub const COUNTRY_NOUNS: u64 = 1 << 8;
    pub const DETERMINERS: u64 = 1 << 9;
    pub const DIRECT_OBJECT_STOPS: u64 = 1 << 10;
    pub const FUNCTION_WORDS: u64 = 1 << 11;
    pub const GIVEN_THINGS: u64 = 1 << 12;
    pub const GIVE_VERBS: u64 = 1 << 13;
    pub const GOODS: u64 = 1 << 14;
    pub const HYPOTHETICAL: u64 = 1 << 15;
    pub const IRREGULAR_VERBS: u64 = 1 << 16;
    pub const LIGHT_VERBS: u64 = 1 << 17;
    pub const MONTHS: u64 = 1 << 19;
    pub const NEGATIONS: u64 = 1 << 20;
    pub const OFFICE_TITLES: u64 = 1 << 21;
    pub const PARTICLES: u64 = 1 << 22;
    pub const PLACE_PREPOSITIONS: u64 = 1 << 23;
    pub const PLANNED: u64 = 1 << 24;
    pub const QUANTIFIERS: u64 = 1 << 25;
    pub const REPORTED: u64 = 1 << 26;
    pub const REPORT_NOUNS: u64 = 1 << 27;
    pub const SAYING: u64 = 1 << 28;
    pub const SPEECH_VERBS: u64 = 1 << 29;
    pub const STATE_NOUNS: u64 = 1 << 30;
    pub const SUBORDINATORS: u64 = 1 << 31;
    pub const TIME_WORDS: u64 = 1 << 32;
    pub const UNDOING: u64 = 1 << 33;
    pub const ASSETS: u64 = 1 << 34;
    pub const REPELLING: u64 = 1 << 35;
    pub const ATTACK_NOUNS: u64 = 1 << 36;
    pub const GOVERNMENT_WORDS: u64 = 1 << 37;
    pub const MILITARY_WORDS: u64 = 1 << 38;
    pub const PROPOSALS: u64 = 1 << 39;
    pub const AUXILIARIES: u64 = 1 << 40;
    pub const COMPANY_FORMS: u64 = 1 << 41;
    pub const BODY_HEADS: u64 = 1 << 42;
    /// A trigger of the relation table starts with the word (set from the ontology, not from
    /// a list).
    pub const TRIGGER: u64 = 1 << 63;

    /// Each list with its bit.
    pub const LISTS: &[(&[&str], u64)] = &[
        (super::ADVERBS, ADVERBS),
        (super::AGENCY_NOUNS, AGENCY_NOUNS),
        (super::ATTEMPTED, ATTEMPTED),
        (super::BARRIER_WORDS, BARRIER_WORDS),
        (super::BEFORE_VERB, BEFORE_VERB),
        (super::BE_FORMS, BE_FORMS),
        (super::CIVILIANS_AND_PLACES, CIVILIANS_AND_PLACES),
        (super::COMPANY_NOUNS, COMPANY_NOUNS),
        (super::COUNTRY_NOUNS, COUNTRY_NOUNS),
        (super::DETERMINERS, DETERMINERS),
        (super::DIRECT_OBJECT_STOPS, DIRECT_OBJECT_STOPS),
        (super::FUNCTION_WORDS, FUNCTION_WORDS),
        (super::GIVEN_THINGS, GIVEN_THINGS),
        (super::GIVE_VERBS, GIVE_VERBS),
        (super::GOODS, GOODS),
        (super::REPELLING, REPELLING),
        (super::ATTACK_NOUNS, ATTACK_NOUNS),
        (super::ASSETS, ASSETS),
        (super::HYPOTHETICAL, HYPOTHETICAL),
        (super::IRREGULAR_VERBS, IRREGULAR_VERBS),
        (super::LIGHT_VERBS, LIGHT_VERBS),
        (super::MONTHS, MONTHS),
        (super::NEGATIONS, NEGATIONS),
        (super::OFFICE_TITLES, OFFICE_TITLES),
        (super::PARTICLES, PARTICLES),
        (super::PLACE_PREPOSITIONS, PLACE_PREPOSITIONS),
        (super::PLANNED, PLANNED),
        (super::QUANTIFIERS, QUANTIFIERS),
        (super::REPORTED, REPORTED),
        (super::REPORT_NOUNS, REPORT_NOUNS),
        (super::SAYING, SAYING),
        (super::SPEECH_VERBS, SPEECH_VERBS),
        (super::STATE_NOUNS, STATE_NOUNS),
        (super::SUBORDINATORS, SUBORDINATORS),
        (super::TIME_WORDS, TIME_WORDS),
        (super::UNDOING, UNDOING),
        (crate::matcher::GOVERNMENT_WORDS, GOVERNMENT_WORDS),
        (crate::matcher::MILITARY_WORDS, MILITARY_WORDS),
        (super::PROPOSALS, PROPOSALS),
        (super::AUXILIARIES, AUXILIARIES),
        (super::COMPANY_FORMS, COMPANY_FORMS),
        (super::BODY_HEADS, BODY_HEADS),
    ];
}

/// Lowercase word → the bits of the lists it is in.
static CLASSES: std::sync::LazyLock<WordMap<&'static str, u64>> = std::sync::LazyLock::new(|| {
    let mut map: WordMap<&'static str, u64> = WordMap::default();
    for (list, bit) in class::LISTS {
        for w in *list {
            *map.entry(w).or_default() |= bit;
        }
    }
    map
});

/// Lowercase word → its class bits: those of [`CLASSES`], and [`class::TRIGGER`] for the first
/// word of a trigger of the ontology. One lookup for each word of a sentence where there were
/// two (the lists, then the triggers), which was a twentieth of the pipeline's time.
#[derive(Clone, Debug)]
struct Classes {
    words: WordMap<Box<str>, u64>,
    /// The longest word, in bytes: a longer one is in no class, and is not hashed.
    longest: usize,
}

impl Classes {
    fn new(ontology: &Ontology) -> Classes {
        let mut words: WordMap<Box<str>, u64> =
            CLASSES.iter().map(|(&w, &bits)| (w.into(), bits)).collect();
        for w in ontology.trigger_words() {
            *words.entry(w.into()).or_default() |= class::TRIGGER;
        }
        let longest = words.keys().map(|w| w.len()).max().unwrap_or(0);
        Classes { words, longest }
    }

    /// The class bits of `word` (any case); `lower` is a reused buffer.
    fn of(&self, word: &str, lower: &mut String) -> u64 {
        lowercase_into(word, lower);
        if lower.len() > self.longest {
            return 0;
        }
        self.words.get(lower.as_str()).copied().unwrap_or(0)
    }
}

/// Is `item` a word of the list whose bit is `bit`?
fn in_class(item: &Item, bit: u64) -> bool {
    item.class & bit != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::DictionaryBuilder;
    use crate::matcher::Matcher;

    const DICT: &str = "id\ttype\tname\taliases\tdemonyms\tcountry\tpeople\n\
        USA\tcountry\tUnited States\tU.S.|US\tAmerican\tUSA\tPresident Reagan\n\
        CHN\tcountry\tChina\t\tChinese\tCHN\n\
        RUS\tcountry\tRussia\t\tRussian|Russians\tRUS\n\
        DEU\tcountry\tGermany\t\tGermans\tDEU\n\
        JPN\tcountry\tJapan\t\t\tJPN\n\
        ITA\tcountry\tItaly\t\t\tITA\n\
        HUN\tcountry\tHungary\t\tHungarian\tHUN\n\
        hw\tcompany\tHuawei\t\t\tCHN\n\
        zte\tcompany\tZTE\t\t\tCHN\n\
        sam\tcompany\tSamsung\t\t\tKOR\n\
        g7\tagency\tGroup of Seven\t\t\tINT\n\
        apl\tcompany\tApple\t\t\tUSA\n";

    /// Runs the relation stage on one text and renders its relations as
    /// "subject predicate object [flags] rule".
    fn relate(text: &str) -> Vec<String> {
        let mut b = DictionaryBuilder::new();
        b.add_str("t.tsv", DICT).unwrap();
        let d = b.build();
        let m = Matcher::new(&d);
        let r = Relater::new(Ontology::defaults());
        let mut mentions = Vec::new();
        m.find_into(text, &mut mentions);
        let mut sentences = Vec::new();
        crate::segment::sentences_into(text, &mut sentences);
        let ctx = Context {
            mentions: &mentions,
            dominant_country: d.find("USA"),
        };
        let mut out = Vec::new();
        for s in sentences {
            let inside: Vec<_> = mentions
                .iter()
                .copied()
                .filter(|x| x.start >= s.start && x.end <= s.end)
                .collect();
            r.relate_into(&d, text, s, &inside, &ctx, &mut out);
        }
        out.iter()
            .map(|x| {
                let mut flags = String::new();
                if x.negated {
                    flags.push_str(" negated");
                }
                if x.modality != Modality::Asserted {
                    flags.push(' ');
                    flags.push_str(x.modality.as_str());
                }
                if x.subject.coreference || x.object.coreference {
                    flags.push_str(" coref");
                }
                format!(
                    "{} {} {}{} {}",
                    d.entity(x.subject.entity).id,
                    r.ontology().predicate(x.predicate).id,
                    d.entity(x.object.entity).id,
                    flags,
                    x.rule
                )
            })
            .collect()
    }

    /// One line per case, built from the rule docs' examples and counter-examples.
    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            (
                "China is using IT hardware from its “independent” companies to spy on the U.S.",
                &["CHN spy_on USA svo"],
            ),
            (
                "There was another story about China and Russia spying on the President’s iPhone.",
                &[
                    "CHN spy_on USA reported coref svo",
                    "RUS spy_on USA reported coref svo",
                ],
            ),
            (
                "The US government is attempting to persuade allies to stop using Huawei equipment.",
                &["USA pressure hw attempted svo"],
            ),
            (
                "Sources claim that US officials have met with counterparts in Germany, Japan, and Italy.",
                &[
                    "USA meet DEU reported svo",
                    "USA meet JPN reported svo",
                    "USA meet ITA reported svo",
                ],
            ),
            (
                "Huawei was banned by the United States.",
                &["USA ban hw passive-by"],
            ),
            ("Huawei was banned in May.", &[]),
            // Individuals are not parties to relations; bodies of officials are.
            ("President Reagan imposed tariffs on China.", &[]),
            ("Russian President Putin criticized Germany.", &[]),
            ("A Russian official met China's foreign minister.", &[]),
            (
                "Russia's religious leader condemned the US government.",
                &[],
            ),
            (
                "Russian officials met Chinese officials.",
                &["RUS meet CHN svo"],
            ),
            ("Russian troops attacked China.", &["RUS attack CHN svo"]),
            (
                "ZTE, which the US banned, fell.",
                &["USA ban zte relative-object"],
            ),
            ("ZTE, which makes phones, fell.", &[]),
            ("Samsung and Apple reported results.", &[]),
            ("Samsung and Apple both sell phones in China.", &[]),
            ("The US did not ban Huawei.", &["USA ban hw negated svo"]),
            (
                "The US never sanctioned Huawei.",
                &["USA sanction hw negated svo"],
            ),
            (
                "The US refused to sanction China.",
                &["USA sanction CHN negated svo"],
            ),
            ("The US plans to sue Huawei.", &["USA sue hw planned svo"]),
            (
                "If China bans Apple, prices rise.",
                &["CHN ban apl hypothetical svo"],
            ),
            (
                "Apple sued Samsung while China met Russia.",
                &["apl sue sam svo", "CHN meet RUS svo"],
            ),
            (
                "Huawei said on Monday. The Chinese manufacturer sued Apple.",
                &["hw sue apl coref svo"],
            ),
            (
                "China accused the US of banning Huawei.",
                &["CHN accuse USA svo", "USA ban hw svo"],
            ),
            ("US pressure on China grew.", &["USA pressure CHN nominal"]),
            ("China's ban on Apple hurt sales.", &["CHN ban apl nominal"]),
            (
                "US sanctions against Russia and China",
                &["USA sanction RUS nominal", "USA sanction CHN nominal"],
            ),
            (
                "Japan imposed a new ban on Samsung.",
                &["JPN ban sam nominal"],
            ),
            ("Japan lifted its ban on Samsung.", &[]),
            ("A ban on Samsung was debated in Japan.", &[]),
            (
                "China and Russia met on Monday.",
                &["CHN meet RUS reciprocal"],
            ),
            (
                "Germany and Italy renewed talks.",
                &["DEU meet ITA reciprocal"],
            ),
            ("China met on Monday.", &[]),
            (
                "Russia said that Japan must return the ship.",
                &["RUS urge JPN said-must"],
            ),
            ("Russia said Japan returned the ship.", &[]),
            ("Chinese officials accused Japan.", &["CHN accuse JPN svo"]),
            ("Chinese consumers accused Japan.", &[]),
            ("Iran threatened to shell Iraqi towns.", &[]),
            // A measure on a country's goods or request is against the country, as event
            // coders code it.
            (
                "Japan sanctioned U.S. soybeans from China.",
                &["JPN sanction USA svo"],
            ),
            ("Japan rejected a U.S. request.", &["JPN reject USA svo"]),
            // A relation inside a clause is the content of the one that takes the clause.
            (
                "Russia threatened to cut ties with China.",
                &["RUS threaten CHN svo"],
            ),
            (
                "Russia demanded that Germany refuse to support Japan.",
                &["RUS urge DEU svo"],
            ),
            // Otherwise "to" ends the search for an object.
            (
                "The US would not meet demands to release prisoners in China.",
                &[],
            ),
            // A base form after a determiner, an adjective or a possessive is a noun.
            (
                "Germany rejected China's consistent demand to cut ties with Japan.",
                &["DEU reject CHN svo"],
            ),
            ("Russia funded pressure groups in Germany.", &[]),
            // The object of a preposition is not the subject.
            (
                "A missionary was arrested in Russia for collaborating with China.",
                &[],
            ),
            (
                "Germany lodged an official protest with Japan.",
                &["DEU complain JPN svo"],
            ),
            (
                "Japan is willing to support Germany.",
                &["JPN support DEU planned svo"],
            ),
            // Giving: aid to the first object, before money or aid.
            (
                "Japan will give Russia a grant.",
                &["JPN aid RUS planned give"],
            ),
            (
                "The US gave China 5 million dollars.",
                &["USA aid CHN give"],
            ),
            ("The US gave China a warning.", &[]),
            // Meeting a demand is no meeting.
            ("Germany took steps to meet U.S. demands.", &[]),
            // A company's name before the noun of a measure is its object.
            (
                "The US imposed the Huawei ban last year.",
                &["USA ban hw compound"],
            ),
            ("The US ban hurt China.", &[]),
            (
                "Germany and Japan signed a peace treaty.",
                &["DEU agree JPN reciprocal"],
            ),
            (
                "Russia withdrew its ambassador from Japan.",
                &["RUS cut_ties JPN svo"],
            ),
            // A measure's noun as the object of a judging trigger: its author is not that
            // trigger's subject.
            ("Germany condemned the attack on Japan.", &[]),
            (
                "Russia and the Germans resumed negotiations.",
                &["RUS meet DEU reciprocal"],
            ),
            (
                "Japan rejected calls by the Group of Seven for a ceasefire.",
                &["JPN reject g7 svo"],
            ),
            (
                "Japan and Germany agreed to cooperate on China.",
                &["JPN agree DEU reciprocal"],
            ),
            // A participle before "by" is passive without "be".
            (
                "ZTE, banned by the US in 2018, recovered.",
                &["USA ban zte passive-by"],
            ),
            // A direct object does not sit behind a preposition, an -ing verb or a comma.
            ("Russia evacuated the wounded from Germany.", &[]),
            ("Russia shot down a plane carrying Japanese officials.", &[]),
            (
                "Germany declined to accept the plan today, the US said.",
                &[],
            ),
            // A subject pronoun between: the name before it is not the subject.
            ("Apple told the US it will acquire Samsung.", &[]),
            // An acronym in parentheses glosses the name before it.
            (
                "The Group of Seven (G7) forum has criticized Russia.",
                &["g7 criticize RUS svo"],
            ),
            // A plural demonym is its people; counted, civilians.
            (
                "The Russians rejected a Chinese proposal.",
                &["RUS reject CHN svo"],
            ),
            ("Japan arrested 100 Russians.", &[]),
            // "anti-" makes a name a modifier.
            ("Russia supported anti-American rebels.", &[]),
            ("The Group of Seven meeting in Germany ended.", &[]),
            (
                "Samsung will acquire Apple.",
                &["sam acquire apl planned svo"],
            ),
            ("Japan will acquire Samsung.", &[]),
            (
                "Apple said that Samsung sued China.",
                &["sam sue CHN reported svo"],
            ),
            (
                "Hungarian and Russian officials sued Apple.",
                &["HUN sue apl svo", "RUS sue apl svo"],
            ),
            // "agree" inflects as "agreed", a symmetric verb with a coordinated subject.
            ("Hungary and Russia agreed.", &["HUN agree RUS reciprocal"]),
            // The speaker of "said" is the "it" after it.
            (
                "Japan said on Tuesday it had banned Huawei.",
                &["JPN ban hw reported coref svo"],
            ),
            (
                "China and Russia said they would sue Apple.",
                &[
                    "CHN sue apl planned coref svo",
                    "RUS sue apl planned coref svo",
                ],
            ),
            // Counter-example: "it" is not two speakers.
            ("China and Russia said it would sue Apple.", &[]),
            // Modifiers inside a multi-word trigger.
            (
                "Japan halted economic aid to Russia.",
                &["JPN sanction RUS svo"],
            ),
            (
                "Japan broke off diplomatic relations with Russia.",
                &["JPN cut_ties RUS svo"],
            ),
            // Counter-example: a function word is never skipped, and "halted" undoes "aid to".
            ("Japan halted talks on aid to Russia.", &[]),
            // A trade measure on a country's goods is against the country.
            (
                "Japan announced tariffs on American electronic goods.",
                &["JPN sanction USA nominal"],
            ),
            (
                "Japan imposed duties on Chinese steel.",
                &["JPN sanction CHN svo"],
            ),
            // Counter-examples: goods without a trade measure; a demonym before other nouns
            // of a predicate whose object is not an owner (a meeting).
            ("Japanese consumers bought American cars.", &[]),
            ("Japan met Chinese students.", &[]),
            // "if" after the trigger conditions the threatened act, not the threat.
            (
                "Russia threatened to sue Apple if Japan banned Huawei.",
                &["RUS threaten apl svo", "JPN ban hw hypothetical svo"],
            ),
            (
                "If Japan bans Huawei, China will sue Japan.",
                &[
                    "JPN ban hw hypothetical svo",
                    "CHN sue JPN hypothetical svo",
                ],
            ),
            // A country's possessive before what it owns is no actor; before a state body or
            // an act of its own it is.
            ("Japan's biggest carmaker criticized China.", &[]),
            ("Germany's three largest banks sued Italy.", &[]),
            (
                "Japan's foreign ministry criticized China.",
                &["JPN criticize CHN svo"],
            ),
            (
                "Italy will support Japan's efforts to join the club.",
                &["ITA support JPN planned svo"],
            ),
            (
                "Russia condemned Japan's tight-fisted fiscal policy.",
                &["RUS criticize JPN svo"],
            ),
            // A capitalised word that is no entity before the verb is the subject the
            // dictionaries do not know; a day, an auxiliary, a legal form are not.
            ("Officials told Italy that Smith criticized Japan.", &[]),
            ("The head of ZTE John Smith criticized Japan.", &[]),
            (
                "Russia on Monday criticized Japan.",
                &["RUS criticize JPN svo"],
            ),
            ("The U.S. Has criticized Japan.", &["USA criticize JPN svo"]),
            ("Huawei Ltd criticized Japan.", &["hw criticize JPN svo"]),
            // A list that ends a leading clause ends at the comma that closes it.
            (
                "After visits to Germany, Italy and Russia, the minister will meet Japan.",
                &[],
            ),
            (
                "If Japan bans Huawei, China and Russia will sue Japan.",
                &[
                    "JPN ban hw hypothetical svo",
                    "CHN sue JPN hypothetical svo",
                    "RUS sue JPN hypothetical svo",
                ],
            ),
            // A name modifying a nominal trigger's noun phrase is its author.
            (
                "Russian naval attacks on Japan continued.",
                &["RUS attack JPN nominal"],
            ),
            (
                "Chinese steel exports to Italy rose.",
                &["CHN supply ITA nominal"],
            ),
            (
                "The American ban on Huawei hurt sales.",
                &["USA ban hw nominal"],
            ),
            (
                "American and Hungarian grain sales to Russia fell.",
                &["USA supply RUS nominal", "HUN supply RUS nominal"],
            ),
            // Counter-examples: a preposition, people or a market between; a verb in a
            // headline in capitals; another verb's gerund before the noun; a place phrase
            // after the object's noun.
            ("The Chinese market for exports to Italy grew.", &[]),
            ("Russian rebel attacks on Japan continued.", &[]),
            ("RUSSIA BARS SANCTIONS AGAINST JAPAN", &[]),
            (
                "Germany blamed Russia for obstructing talks with Japan.",
                &["DEU accuse RUS svo"],
            ),
            ("Germany's talks with bankers in Japan stalled.", &[]),
            (
                "Russia was continuing negotiations with Japan.",
                &["RUS meet JPN nominal"],
            ),
            // A hostile act on a state's assets is against the state; not on its people, and
            // not a friendly one.
            (
                "Russian attacks on Chinese oil facilities continued.",
                &["RUS attack CHN nominal"],
            ),
            (
                "Japan announced the expulsion of Russian diplomats.",
                &["JPN expel RUS nominal"],
            ),
            ("Russia launched attacks on Chinese villages.", &[]),
            ("Japan announced support for Chinese oil facilities.", &[]),
            // A denial negates.
            (
                "Russia denied attacks on Chinese ships.",
                &["RUS attack CHN negated nominal"],
            ),
            // Fines; not the adjective, nor a word of a hyphenated compound.
            ("Japan fined Samsung.", &["JPN sanction sam svo"]),
            (
                "Japan imposed a fine on Samsung.",
                &["JPN sanction sam nominal"],
            ),
            ("The deal is fine with Japan and China.", &[]),
            ("Japan will fine-tune its policy toward China.", &[]),
            // Competitors are companies.
            (
                "Samsung is a competitor of Apple.",
                &["sam compete apl nominal"],
            ),
            ("Japan is a competitor of China.", &[]),
            ("Russia repelled Chinese troops.", &["RUS attack CHN svo"]),
            // Repelling an attack: force against the attacker, and the attacker's attack.
            (
                "Russia repelled a Chinese attack.",
                &["RUS attack CHN svo", "CHN attack RUS repelled"],
            ),
            (
                "Russia fought off an attack by China.",
                &["CHN attack RUS repelled"],
            ),
            ("Russia repelled an attack on Japan.", &[]),
            // A passive's agents: a long list, members with "the".
            (
                "Japan was supported by Russia, the Germans, Italy, Hungary and China.",
                &[
                    "RUS support JPN passive-by",
                    "DEU support JPN passive-by",
                    "ITA support JPN passive-by",
                    "HUN support JPN passive-by",
                    "CHN support JPN passive-by",
                ],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(relate(text), *want, "{text:?}");
        }
    }

    #[test]
    fn verb_chain_keeps_the_intermediary() {
        let mut b = DictionaryBuilder::new();
        b.add_str("t.tsv", DICT).unwrap();
        let d = b.build();
        let m = Matcher::new(&d);
        let r = Relater::new(Ontology::defaults());
        let text = "The US government is attempting to persuade allies to stop using Huawei gear.";
        let mut mentions = Vec::new();
        m.find_into(text, &mut mentions);
        let ctx = Context {
            mentions: &mentions,
            dominant_country: None,
        };
        let mut out = Vec::new();
        r.relate_into(&d, text, 0..text.len(), &mentions, &ctx, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(&text[out[0].intermediary.clone().unwrap()], "allies");
    }

    /// "West Germany" is one name (Germany's, as it was before 1990): the word "West" left
    /// before "Germany" broke a list of agents in two.
    #[test]
    fn west_germany_keeps_a_list_of_agents_whole() {
        let dict = Dictionary::defaults();
        let m = Matcher::new(&dict);
        let r = Relater::new(Ontology::defaults());
        let text = "Egypt was supported by Britain, the Netherlands, West Germany, Japan, \
                    Australia and New Zealand.";
        let mut mentions = Vec::new();
        m.find_into(text, &mut mentions);
        let ctx = Context {
            mentions: &mentions,
            dominant_country: None,
        };
        let mut out = Vec::new();
        r.relate_into(&dict, text, 0..text.len(), &mentions, &ctx, &mut out);
        let subjects: Vec<&str> = out
            .iter()
            .map(|x| dict.entity(x.subject.entity).id.as_str())
            .collect();
        assert_eq!(subjects, ["GBR", "NLD", "DEU", "JPN", "AUS", "NZL"]);
    }

    /// The ASCII fast path of `lowercase_into` must agree with Unicode lowercasing.
    #[test]
    fn lowercase_into_agrees_with_to_lowercase() {
        let mut buf = String::from("left over");
        for word in [
            "Banned",
            "SANCTIONS",
            "spy",
            "Ünal",
            "İstanbul",
            "ΣΟΦΊΑ",
            "U.S.",
            "",
        ] {
            lowercase_into(word, &mut buf);
            assert_eq!(buf, word.to_lowercase(), "{word:?}");
        }
    }

    #[test]
    fn confidence_orders_by_distance_and_coreference() {
        assert_eq!(confidence("svo", 0, 0, 0, false), 0.9);
        assert!(confidence("svo", 8, 0, 0, false) < confidence("svo", 1, 0, 0, false));
        assert!(confidence("svo", 0, 0, 0, true) < confidence("svo", 0, 0, 0, false));
    }

    /// One line per case: a sentence, and whether `may_relate` lets it through.
    #[test]
    fn may_relate_table() {
        let cases: &[(&str, bool)] = &[
            ("The company sued the agency.", true),
            ("THE COMPANY SUED THE AGENCY.", true),
            ("The company said profits rose.", false),
            ("Apple said profits rose.", false),
            ("Apple sued the firm.", true),
            ("Apple sued the Chinese manufacturer.", true),
            ("Apple and Samsung rose.", true),
            ("Apple said Apple shares rose.", false),
            ("Prices rose 3.5 pct in the quarter, traders said.", false),
        ];
        let mut b = DictionaryBuilder::new();
        b.add_str("t.tsv", DICT).unwrap();
        let d = b.build();
        let m = Matcher::new(&d);
        for &(text, want) in cases {
            let mut mentions = Vec::new();
            m.find_into(text, &mut mentions);
            assert_eq!(may_relate(text, &mentions), want, "{text:?}");
        }
    }

    /// One line per case: the entities of a field's mentions, the dominant country, and
    /// whether `Context::may_relate` lets the field through.
    #[test]
    fn context_may_relate_table() {
        let cases: &[(&[EntityId], Option<EntityId>, bool)] = &[
            (&[], None, false),
            (&[], Some(1), false),
            (&[1, 1, 1], None, false),
            (&[1, 1], Some(1), false),
            (&[1], Some(2), true),
            (&[1, 1, 2], None, true),
        ];
        for &(entities, dominant_country, want) in cases {
            let mentions: Vec<Mention> = entities
                .iter()
                .map(|&entity| Mention {
                    start: 0,
                    end: 1,
                    entity,
                    form: Form::Name,
                    role: None,
                    group: 0,
                })
                .collect();
            let ctx = Context {
                mentions: &mentions,
                dominant_country,
            };
            assert_eq!(ctx.may_relate(), want, "{entities:?} {dominant_country:?}");
        }
    }

    /// What [`tokens`] replaced: the sentence read through `char_indices`, as the reference.
    fn reference_tokens(
        classes: &Classes,
        text: &str,
        range: Range<usize>,
        mentions: &[Mention],
    ) -> Vec<Item> {
        let mut out = Vec::new();
        let mut lower = String::new();
        let mut next_mention = mentions.iter().peekable();
        let mut iter = text[range.clone()].char_indices().peekable();
        let base = range.start;
        while let Some(&(off, c)) = iter.peek() {
            let pos = base + off;
            while next_mention.peek().is_some_and(|m| m.end <= pos) {
                next_mention.next();
            }
            if let Some(m) = next_mention.peek()
                && m.start <= pos
            {
                out.push(Item {
                    start: m.start,
                    end: m.end,
                    class: 0,
                    kind: Kind::Entity {
                        entity: m.entity,
                        form: m.form,
                        coreference: false,
                        actor: !matches!(m.form, Form::Demonym | Form::Person)
                            || m.role.is_some()
                            || (m.form == Form::Demonym
                                && is_plural(&text[m.start..m.end])
                                && !counted(text, out.last())),
                        role: m.role.is_some(),
                        person: m.form == Form::Person && m.role.is_none(),
                    },
                });
                while iter.peek().is_some_and(|&(o, _)| base + o < m.end) {
                    iter.next();
                }
                next_mention.next();
                continue;
            }
            if c.is_whitespace() {
                iter.next();
                continue;
            }
            if c.is_alphanumeric() {
                let mut end = pos + c.len_utf8();
                iter.next();
                while let Some(&(o, d)) = iter.peek() {
                    let p = base + o;
                    if next_mention.peek().is_some_and(|m| m.start == p) {
                        break;
                    }
                    let inner_apostrophe = matches!(d, '\'' | '’') && {
                        let after = &text[p + d.len_utf8()..range.end];
                        after.chars().next().is_some_and(char::is_alphanumeric)
                            && !after.starts_with(['s', 'S'])
                    };
                    if !(d.is_alphanumeric() || inner_apostrophe) {
                        break;
                    }
                    end = p + d.len_utf8();
                    iter.next();
                }
                out.push(Item {
                    start: pos,
                    end,
                    kind: Kind::Word,
                    class: classes.of(&text[pos..end], &mut lower),
                });
                continue;
            }
            out.push(Item {
                start: pos,
                end: pos + c.len_utf8(),
                kind: Kind::Punct(c),
                class: 0,
            });
            iter.next();
        }
        out
    }

    proptest::proptest! {
        /// Sentences made of mentions (names, demonyms, "U.S."), words with apostrophes inner
        /// and possessive, non-ASCII letters and spaces, punctuation: the byte-wise reading
        /// gives the items the character-wise one gave.
        #[test]
        fn tokens_agree_with_the_reading_by_characters(pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "China", "U.S.", "Huawei", "Huawei’s", "Huawei's", "Chinese", "Russians",
                "the", "didn't", "won’t", "firm's", "O'Neill", "Zürich", "Ünal", "İstanbul",
                "東京", " ", "  ", "\u{a0}", "\u{2009}", "\n", ",", ".", "-", "’", "'", "\"",
                "“", "banned", "spy", "on", "3.5", "anti-", "ZTE", "Group of Seven", "s",
            ]),
            0..30,
        ), cut in 0usize..4) {
            let mut b = DictionaryBuilder::new();
            b.add_str("t.tsv", DICT).unwrap();
            let d = b.build();
            let m = Matcher::new(&d);
            let r = Relater::new(Ontology::defaults());
            let text = pieces.concat();
            let mut mentions = Vec::new();
            m.find_into(&text, &mut mentions);
            // The whole text, or a range that starts and ends inside it.
            let mut start = cut.min(text.len());
            while !text.is_char_boundary(start) {
                start += 1;
            }
            let mut end = text.len().saturating_sub(cut).max(start);
            while !text.is_char_boundary(end) {
                end += 1;
            }
            let inside: Vec<Mention> = mentions
                .into_iter()
                .filter(|x| x.start >= start && x.end <= end)
                .collect();
            let got = tokens(&r.classes, &text, start..end, &inside);
            let want = reference_tokens(&r.classes, &text, start..end, &inside);
            proptest::prop_assert_eq!(format!("{got:?}"), format!("{want:?}"), "{:?}", text);
        }
    }

    /// `may_relate` and `Context::may_relate` turn away only sentences whose items,
    /// descriptions resolved, hold fewer than two entities (and so no relation): checked on
    /// every sentence of the sample corpus with the built-in dictionaries, and on sentences
    /// made to be resolved by description.
    #[test]
    fn may_relate_turns_away_only_sentences_without_two_entities() {
        let dict = Dictionary::defaults();
        let matcher = Matcher::new(&dict);
        let relater = Relater::new(Ontology::defaults());
        let mut texts: Vec<String> = include_str!("../../corpus/articles.jsonl")
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["text"].as_str().unwrap().to_string()
            })
            .collect();
        texts.push(
            "Huawei said on Monday. The Chinese manufacturer sued the company. The firm sued \
             the government. The President met the agency. The country banned the group."
                .into(),
        );
        // Only the dominant country to refer to: no sentence can relate.
        texts.push(
            "The U.S. said the government banned the company. The President met the agency.".into(),
        );
        let (mut sentences_seen, mut turned_away) = (0, 0);
        for text in &texts {
            let mut mentions = Vec::new();
            matcher.find_into(text, &mut mentions);
            let mut sentences = Vec::new();
            crate::segment::sentences_into(text, &mut sentences);
            let ctx = Context {
                mentions: &mentions,
                dominant_country: dict.find("USA"),
            };
            let field_may_relate = ctx.may_relate();
            for s in sentences {
                let inside: Vec<Mention> = mentions
                    .iter()
                    .copied()
                    .filter(|x| x.start >= s.start && x.end <= s.end)
                    .collect();
                let mut items = items(&relater.classes, text, s.clone(), &inside);
                close_leading_clause(text, &mut items);
                mark_modifiers(relater.ontology(), &dict, text, &mut items);
                resolve_descriptions(&dict, text, &mut items, &ctx);
                sentences_seen += 1;
                if !field_may_relate || !may_relate(&text[s.clone()], &inside) {
                    turned_away += 1;
                    assert!(!two_entities(&items), "{:?}", &text[s]);
                }
            }
        }
        // The check must see both kinds of sentence to mean anything.
        assert!(
            turned_away > 10 && turned_away < sentences_seen,
            "{turned_away}/{sentences_seen}"
        );
    }
}
