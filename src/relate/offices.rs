//! Officials act for their state: a name before a single office title ("German Foreign
//! Minister Oskar Fischer", "a Russian official", "Toshiba's president", "UN Secretary-General
//! Kofi Annan") is the state, organisation or company acting, with the person as its agent, as
//! event coders code it (PLOVER's `USAGOV`). A person who does not act for it (a senator, an
//! opposition leader, a former minister) is an individual, and not a party; the plural
//! ("Russian officials") is the body itself.

use super::actors::is_possessive;
use super::classes::class;
use super::items::{Item, Kind, in_class, is_plural, is_word, word_in};
use super::relation::Span;

/// Marks a name followed, after up to three modifiers ("Vice Foreign", "Defence", "new", a
/// possessive), by one of [`OFFICE_TITLES`] and the holder's name if given ("German Foreign
/// Minister Oskar Fischer"): the entity stays the actor, with the phrase as its agent, and the
/// title and name leave the items, so that the verb after them has the entity next to it. A
/// phrase with a word of [`NOT_ACTING`] ("opposition leader", "former President", "Senator")
/// marks the entity as an individual instead, neither actor nor owner. "The President" without
/// a name is a description of the state (see
/// [`resolve_descriptions`](super::coref::resolve_descriptions)) and not affected.
pub(crate) fn mark_office_holders(text: &str, items: &mut Vec<Item>) {
    let mut k = 0;
    while k < items.len() {
        if !matches!(items[k].kind, Kind::Entity { actor: true, .. }) {
            k += 1;
            continue;
        }
        if not_acting_before(items, k)
            && let Kind::Entity {
                actor,
                person,
                agent: agent @ Some(_),
                ..
            } = &mut items[k].kind
        {
            // "Sen. John Danforth", "former President Carter": a person of the people lists
            // out of the state's name.
            *actor = false;
            *person = true;
            *agent = None;
            k += 1;
            continue;
        }
        if let Some(p) = office_of(text, items, k) {
            // "the president of Armenia", "a senior official of Toshiba": the office phrase
            // before "of" is the agent, and leaves the items.
            let acting = !items[p..k].iter().any(|it| in_class(it, class::NOT_ACTING))
                && !not_acting_before(items, p);
            let (start, end) = (items[p].start, items[k].end);
            if let Kind::Entity {
                actor,
                person,
                agent,
                ..
            } = &mut items[k].kind
            {
                if acting {
                    *agent = Some(Span { start, end });
                } else {
                    *actor = false;
                    *person = true;
                }
            }
            if acting {
                items.drain(p..k);
                k = p;
            }
            k += 1;
            continue;
        }
        let mut j = k + 1;
        if is_possessive(text, items, j) {
            j += 2;
        }
        if let (
            Kind::Entity {
                entity,
                agent: None,
                ..
            },
            Some(Kind::Entity {
                entity: holder,
                agent: Some(person),
                ..
            }),
        ) = (items[k].kind, items.get(j).map(|it| it.kind))
            && holder == entity
        {
            // "Egyptian President Hosni Mubarak", "Jordan's King Hussein": a person of the
            // people lists after the state's name is its agent.
            let start = items[k].start;
            if let Kind::Entity { agent, .. } = &mut items[k].kind {
                *agent = Some(Span {
                    start,
                    end: person.end,
                });
            }
            items.drain(k + 1..=j);
            k += 1;
            continue;
        }
        let mut title = None;
        let mut acting = true;
        for (i, it) in items.iter().enumerate().skip(j).take(4) {
            if !matches!(it.kind, Kind::Word) {
                break;
            }
            acting &= !in_class(it, class::NOT_ACTING);
            if in_class(it, class::OFFICE_TITLES) {
                title = Some(i);
                break;
            }
            let w = &text[it.start..it.end];
            // A verb ("Tehran Radio quoted defence spokesman …") ends the phrase.
            let verb = w.ends_with("ed") && w != "elected" && !w.starts_with(char::is_uppercase);
            if !w.chars().all(|c| c.is_alphabetic() || c == '-')
                || in_class(it, class::FUNCTION_WORDS)
                || is_plural(w)
                || verb
            {
                break;
            }
        }
        let Some(title) = title.filter(|&t| !adjective_use(text, items, t)) else {
            k += 1;
            continue;
        };
        // "former" may come before the name: "former Israeli Prime Minister Shimon Peres".
        acting &= !not_acting_before(items, k);
        let last = holder_name_end(text, items, title);
        let (start, end) = (items[k].start, items[last].end);
        let Kind::Entity {
            actor,
            person,
            agent,
            ..
        } = &mut items[k].kind
        else {
            unreachable!("items[k] is an entity");
        };
        if acting {
            *agent = Some(Span {
                start: agent.map_or(start, |a| a.start),
                end,
            });
            items.drain(k + 1..=last);
            apposition(text, items, k);
        } else {
            *actor = false;
            *person = true;
        }
        k += 1;
    }
}

/// "the president of Armenia": where the entity at `k` follows "of" after a single office
/// title, with up to two modifiers and a determiner before it ("the former foreign minister
/// of"), the first item of that phrase.
fn office_of(text: &str, items: &[Item], k: usize) -> Option<usize> {
    if k < 2
        || !is_word(text, &items[k - 1], "of")
        || !in_class(&items[k - 2], class::OFFICE_TITLES)
    {
        return None;
    }
    let mut p = k - 2;
    for _ in 0..3 {
        let Some(it) = p.checked_sub(1).map(|q| &items[q]) else {
            break;
        };
        if !matches!(it.kind, Kind::Word) {
            break;
        }
        let w = &text[it.start..it.end];
        if word_in(text, it, &["the", "a", "an"]) {
            p -= 1;
            break;
        }
        if in_class(it, class::FUNCTION_WORDS) || !w.chars().all(|c| c.is_alphabetic() || c == '-')
        {
            break;
        }
        p -= 1;
    }
    Some(p)
}

/// "IBM's chief rival", "the bank's head office": a title that is also an adjective or a
/// modifier, before a lowercase noun, is not one. A verb after it ("Toshiba's chief said") is
/// told from the noun by the lists of verbs that come after a subject.
fn adjective_use(text: &str, items: &[Item], title: usize) -> bool {
    let w = &text[items[title].start..items[title].end];
    if !["chief", "head", "general", "representative", "delegate"]
        .iter()
        .any(|t| w.eq_ignore_ascii_case(t))
    {
        return false;
    }
    items.get(title + 1).is_some_and(|n| {
        let next = &text[n.start..n.end];
        matches!(n.kind, Kind::Word)
            && next.starts_with(|c: char| c.is_lowercase())
            && !in_class(
                n,
                class::AUXILIARIES | class::SAYING | class::BE_FORMS | class::ADVERBS,
            )
            && !next.ends_with("ed")
    })
}

/// The last item of an office phrase whose title is at `title`: the holder's name after it,
/// capitalised words or a person of the people lists ("Minister Oskar Fischer", "President
/// Todor Zhivkov"), else the title itself. A headline's capitalised verb can pass for a name;
/// that is the price of a name no list knows.
fn holder_name_end(text: &str, items: &[Item], title: usize) -> usize {
    let mut last = title;
    for (i, it) in items.iter().enumerate().skip(title + 1).take(8) {
        let name = match it.kind {
            // "Hans-Dietrich Genscher", "Secretary-General"
            Kind::Punct('-') => it.start == items[i - 1].end,
            Kind::Entity { agent, .. } => agent.is_some(),
            Kind::Word => {
                let w = &text[it.start..it.end];
                // "Javier Perez de Cuellar"
                let particle = i > title + 1
                    && matches!(w, "de" | "del" | "da" | "van" | "von" | "al" | "bin" | "la")
                    && items
                        .get(i + 1)
                        .is_some_and(|n| text[n.start..n.end].starts_with(char::is_uppercase));
                particle
                    || w.chars().next().is_some_and(char::is_uppercase)
                        && !in_class(
                            it,
                            class::FUNCTION_WORDS
                                | class::AUXILIARIES
                                | class::TIME_WORDS
                                | class::MONTHS
                                | class::SAYING,
                        )
            }
            _ => false,
        };
        if !name {
            break;
        }
        last = i;
    }
    if matches!(items[last].kind, Kind::Punct(_)) {
        last -= 1;
    }
    last
}

/// Does a word of [`NOT_ACTING`] come just before `items[k]`, or before the titles in front of
/// it ("Sen. Bob Dole", "former President Jimmy Carter", "opposition leader Kim Dae-jung")?
fn not_acting_before(items: &[Item], k: usize) -> bool {
    let mut words = 0;
    for it in items[..k].iter().rev() {
        match it.kind {
            Kind::Punct('.') => continue,
            Kind::Word if words < 3 => {
                if in_class(it, class::NOT_ACTING) {
                    return true;
                }
                if !in_class(it, class::OFFICE_TITLES) {
                    return false;
                }
                words += 1;
            }
            _ => return false,
        }
    }
    false
}

/// "Kenzo Oshima, the United Nations Emergency Relief Coordinator, demanded": a person of the
/// people lists followed by an office phrase in apposition acts in that office. `items[k]`
/// is the office phrase's entity, its title and name already gone; its agent grows to take
/// the person in, and the person and ", the" leave the items.
fn apposition(text: &str, items: &mut Vec<Item>, k: usize) {
    if k < 3
        || !matches!(items[k - 2].kind, Kind::Punct(','))
        || !is_word(text, &items[k - 1], "the")
    {
        return;
    }
    let Kind::Entity {
        agent: Some(person),
        ..
    } = items[k - 3].kind
    else {
        return;
    };
    if let Kind::Entity {
        agent: Some(office),
        ..
    } = &mut items[k].kind
    {
        office.start = person.start;
        items.drain(k - 3..k);
    }
}

/// Words of an office phrase that say the person does not act for the state, organisation or
/// company: out of office, against its government, or an office of their own (a legislator, a
/// governor of a province; PLOVER codes them apart and its gold sets leave them out).
pub(crate) const NOT_ACTING: &[&str] = &[
    "former",
    "ex",
    "late",
    "exiled",
    "deposed",
    "ousted",
    "retired",
    "opposition",
    "rebel",
    "guerrilla",
    "separatist",
    "dissident",
    "militia",
    "party",
    "republican",
    "democratic",
    "democrat",
    "senator",
    "congressman",
    "congresswoman",
    "legislator",
    "governor",
    "mayor",
    "founder",
    "sen",
    "rep",
];

/// Titles of one person's office. A name before one of them ("Israeli President Moshe Katsav",
/// "a Russian official", "Iran's religious leader", "Apple CEO Tim Cook") names an individual,
/// not the state, agency or company; the plural ("Russian officials") is the body itself.
pub(crate) const OFFICE_TITLES: &[&str] = &[
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
    "sen",
    "rep",
];
