//! Clause barriers: the words and punctuation where the search for a trigger's subject or
//! object stops (";", a dash, "while", "but" …), and the comma that closes a leading
//! subordinate clause ("If Japan bans Huawei, China will sue Japan"), which becomes one.

use super::classes::class;
use super::items::{Item, Kind, in_class, word_in};

/// Words that start another clause: a side's search stops there.
pub(crate) const BARRIER_WORDS: &[&str] = &[
    "while", "but", "although", "though", "whereas", "because", "however", "when", "since", "said",
    "says", "say", "told", "which", "who", "whom", "whose", "unless", "until", "after", "before",
];

const BARRIER_PUNCT: &[char] = &[';', ':', '(', ')', '—', '–', '?', '!'];

pub(crate) fn is_barrier(item: &Item) -> bool {
    match item.kind {
        Kind::Punct(c) => BARRIER_PUNCT.contains(&c),
        Kind::Word => in_class(item, class::BARRIER_WORDS),
        Kind::Entity { .. } => false,
    }
}

/// Words that open a subordinate clause at the start of a sentence.
pub(crate) const SUBORDINATORS: &[&str] = &[
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
pub(crate) fn close_leading_clause(text: &str, items: &mut [Item]) {
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
