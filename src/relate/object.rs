//! Finding a trigger's object: the nearest group of coordinated entities to its right, as far
//! as the trigger reaches ([`Reach`]): into a to-clause for a predicate that takes one, not
//! behind a preposition for one that takes a direct object, and to the country that owns
//! goods or assets ("tariffs on Japanese electronics", "attacks on Iranian oil facilities").

use super::actors::is_possessive;
use super::barriers::is_barrier;
use super::classes::class;
use super::items::{
    Item, Kind, Side, arg, in_class, is_bystander, is_conjunction, is_word, owner_arg, word_in,
};

pub(crate) const WINDOW_RIGHT: usize = 10;

/// People of an entity, before "of" ("workers of the United Bus Company"); not "members",
/// which of an organisation are its states ("warned members of ASEAN").
const PEOPLE_OF: &[&str] = &[
    "workers",
    "employees",
    "staff",
    "shareholders",
    "residents",
    "citizens",
    "nationals",
    "people",
    "civilians",
    "students",
    "villagers",
];

/// Nouns of an act a threat names, whose "against" leads to the threat's object.
const THREATENED_ACTS: &[&str] = &[
    "action",
    "actions",
    "measures",
    "steps",
    "retaliation",
    "reprisals",
    "sanctions",
];

/// How far [`side_right`] may look for an object.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Reach {
    /// The classes of nouns ([`GOODS`], [`ASSETS`]) whose owner, a country modifying them, is
    /// the object ("tariffs on Japanese electronics", "attacks on Iranian oil facilities").
    pub(crate) owned: u64,
    /// The object is in the noun phrase after a nominal trigger's preposition: a place phrase
    /// after it holds another entity ("talks with creditors in the United States", "an attack
    /// on a ship moored off Kuwait"), see [`LOCATIVES`].
    pub(crate) phrase: bool,
    /// A country modifying the object noun is the object ("rejected a U.S. request").
    pub(crate) owner: bool,
    /// The object may be inside a to-clause ("threatened to cut ties with Congo").
    pub(crate) chain: bool,
    /// The trigger takes a direct object (it ends in no preposition): a preposition or an
    /// -ing word before the entity means the entity is not that object.
    pub(crate) direct: bool,
    /// A threat's object may follow the act threatened: "threatened (further, legal,
    /// retaliatory) action against Russia", "threatened reprisals against".
    pub(crate) threatened_act: bool,
}

/// The nearest entity group right of `from`, within `window` words.
/// When the entity at `items[k]` starts a description of a company that a name follows
/// ("U.S. computer maker Apple", "Japanese electronics group Sony Corp", "Europe's largest copper
/// producer, Norddeutsche Affinerie"): the index of that name. The description is one to five
/// lowercase words, the last a noun of a company.
fn described_name(text: &str, items: &[Item], k: usize) -> Option<usize> {
    if !matches!(items[k].kind, Kind::Entity { .. }) {
        return None;
    }
    let mut j = k + 1;
    if is_possessive(text, items, j) {
        j += 2;
    }
    let start = j;
    while j < items.len()
        && j < start + 5
        && matches!(items[j].kind, Kind::Word)
        && !in_class(&items[j], class::FUNCTION_WORDS | class::BARRIER_WORDS)
        && text[items[j].start..].starts_with(|c: char| c.is_lowercase())
    {
        j += 1;
    }
    if j == start
        || !(in_class(&items[j - 1], class::COMPANY_NOUNS)
            || word_in(text, &items[j - 1], DESCRIBED_COMPANIES))
    {
        return None;
    }
    if items
        .get(j)
        .is_some_and(|it| matches!(it.kind, Kind::Punct(',')))
    {
        j += 1;
    }
    matches!(items.get(j)?.kind, Kind::Entity { .. }).then_some(j)
}

/// When the entity at `items[k]` is a possessive right before another entity ("Britain's
/// Dixons Group"): the index of that other entity.
fn possessed_name(text: &str, items: &[Item], k: usize) -> Option<usize> {
    let Kind::Entity { entity, .. } = items[k].kind else {
        return None;
    };
    if !is_possessive(text, items, k + 1) {
        return None;
    }
    match items.get(k + 3)?.kind {
        Kind::Entity { entity: other, .. } if other != entity => Some(k + 3),
        _ => None,
    }
}

/// Nouns of a company in a description before its name, besides `COMPANY_NOUNS`.
const DESCRIBED_COMPANIES: &[&str] = &["producer", "concern", "bank", "house", "publisher"];

pub(crate) fn side_right(
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
        // "acquired U.S. computer maker Apple", "sued Japanese electronics group Sony": the
        // name the description leads to is the object, not the country that modifies it.
        if let Some(n) = described_name(text, items, k) {
            k = n;
        }
        // "sued Britain's Dixons Group", "a unit of Japan's Sanwa Bank": a name right after a
        // possessive name is the object; the first locates or owns it.
        if let Some(n) = possessed_name(text, items, k) {
            k = n;
        }
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
        if k > 0 && is_word(text, it, "of") && word_in(text, &items[k - 1], PEOPLE_OF) {
            // "pressuring workers of the United Bus Company": an entity's people are not the
            // entity.
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
        // "threatened further action against Russia"
        let threatened = reach.threatened_act
            && k > 0
            && word_in(text, it, &["against", "on"])
            && word_in(text, &items[k - 1], THREATENED_ACTS);
        if !author
            && !threatened
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

/// Prepositions that end a direct object's search (see [`Reach::direct`]): "condemned the
/// attack on Japan" does not criticize Japan. Not "of" ("the inspectors of the IAEA").
pub(crate) const DIRECT_OBJECT_STOPS: &[&str] = &[
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
pub(crate) const PROPOSALS: &[&str] = &[
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

/// A participle or gerund of another verb ("carrying", "using"): lowercase, ending in "ing".
pub(crate) fn is_participle_word(text: &str, it: &Item) -> bool {
    let w = &text[it.start..it.end];
    matches!(it.kind, Kind::Word)
        && w.len() > 5
        && w.ends_with("ing")
        && w.chars().next().is_some_and(char::is_lowercase)
}

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

/// Nouns of traded goods: a country's name or demonym before them ("Japanese electronics",
/// "U.S. imports") names the country a trade measure is against.
pub(crate) const GOODS: &[&str] = &[
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
pub(crate) const ASSETS: &[&str] = &[
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

/// A country or demonym modifying the noun phrase at `k` ("a U.S. request", "Russian
/// diplomats", "the Azerbaijani republic"), not an individual who does not act for it ("Sen.
/// Bob Dole's proposal"; an official's, "Iraqi President Saddam Hussein's proposal", is the
/// state's: see [`super::offices`]).
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
pub(crate) const CIVILIANS_AND_PLACES: &[&str] = &[
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
