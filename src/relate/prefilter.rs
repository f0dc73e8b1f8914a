//! The cheap tests that turn a sentence away before its items are built, or before any rule
//! runs: a relation relates two different entities, and two sentences in three of news text
//! name no entity at all.

use super::coref::DESCRIPTION_HEADS;
use super::items::{Item, Kind};
use crate::hash::WordMap;
use crate::matcher::{ASCII_WORD, Mention, ascii_word_end};

/// Can `sentence`, with these `mentions`, hold a relation? Not unless it could have two
/// different entities (see [`two_entities`]): two mentions of different entities, or fewer and
/// enough description heads ([`DESCRIPTION_HEADS`]) to make up the difference. A word item
/// equal to a head noun is a run of ASCII letters and digits in the text, so counting those
/// runs counts at least the descriptions. Cheap, so it runs before the sentence is split into
/// items: two sentences in three of news text name no entity at all.
pub(crate) fn may_relate(sentence: &str, mentions: &[Mention]) -> bool {
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
pub(crate) fn two_entities(items: &[Item]) -> bool {
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
