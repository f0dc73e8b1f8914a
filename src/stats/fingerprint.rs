//! The fingerprint that identifies a story by its text evidence, for `--dedup` (the rules are
//! in the [module docs](super)): a 128-bit FNV-1a hash, the same on every machine and version.

use crate::extracted::ArticleRecord;

/// A stable 128-bit FNV-1a hash identifying a story's text evidence (module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fingerprint(pub u128);

impl Fingerprint {
    /// The fingerprint of an article record.
    pub fn of(rec: &ArticleRecord) -> Fingerprint {
        let mut mentions: Vec<(&str, u64, u64)> = Vec::new();
        for e in &rec.entities {
            for m in &e.mentions {
                if m.field == "text" {
                    mentions.push((&e.id, m.start, m.end));
                }
            }
        }
        let mut h = Fnv::new();
        if mentions.is_empty() {
            h.bytes(b"id");
            h.str(&rec.id);
            h.str(&rec.date.as_ref().map(|d| d.to_string()).unwrap_or_default());
            h.str(
                &rec.source
                    .as_ref()
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            );
            return Fingerprint(h.0);
        }
        mentions.sort_unstable();
        h.bytes(b"text");
        for s in rec.sentences.iter().filter(|s| s.field == "text") {
            h.num(s.start);
            h.num(s.end);
        }
        h.bytes(b"mentions");
        for (id, start, end) in mentions {
            h.str(id);
            h.num(start);
            h.num(end);
        }
        let mut relations: Vec<_> = rec
            .relations
            .iter()
            .filter(|r| r.field == "text")
            .map(|r| {
                (
                    (&r.predicate, &r.subject, &r.object, r.negated, &r.modality),
                    (
                        r.sentence.start,
                        r.sentence.end,
                        r.trigger.start,
                        r.trigger.end,
                    ),
                )
            })
            .collect();
        relations.sort_unstable();
        h.bytes(b"relations");
        for ((p, s, o, neg, modality), (a, b, c, d)) in relations {
            for x in [p, s, o, modality] {
                h.str(x);
            }
            h.bytes(&[u8::from(neg)]);
            for n in [a, b, c, d] {
                h.num(n);
            }
        }
        Fingerprint(h.0)
    }
}

impl std::fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:032x}", self.0)
    }
}

/// FNV-1a, 128 bits: specified, so fingerprints are the same on every machine and version
/// (std's hashers promise neither).
struct Fnv(u128);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0x6c62272e07bb014262b821756295c58d)
    }
    fn bytes(&mut self, b: &[u8]) {
        for &x in b {
            self.0 ^= u128::from(x);
            self.0 = self.0.wrapping_mul(0x0000000001000000000000000000013B);
        }
    }
    /// A string and a terminator, so ("ab", "c") and ("a", "bc") differ.
    fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
        self.bytes(&[0xff]);
    }
    fn num(&mut self, n: u64) {
        self.bytes(&n.to_le_bytes());
    }
}
