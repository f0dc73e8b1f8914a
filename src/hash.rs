//! The hash of the word tables (the matcher's alias index, the relation stage's triggers):
//! FxHash, rustc's, reading the tail of a short word in one step. Both tables are looked up for
//! every word of every article, and SipHash, the standard one, was a tenth of the pipeline's time
//! on the Reuters corpus; its resistance to chosen keys buys nothing for tables built from
//! dictionary files. Only lookups depend on it: nothing iterates these tables in hash order, so
//! output never depends on the hash.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`WordHasher`].
pub(crate) type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// The hash of `s` as a [`WordMap`] keyed by text hashes it: tables that keep hashes
/// computed beforehand (in parallel, or once for several tables) use this.
pub(crate) fn str_hash(s: &str) -> u64 {
    word_hash(s)
}

/// The hash of any value as a [`WordMap`] keyed by it hashes it.
pub(crate) fn word_hash<T: std::hash::Hash + ?Sized>(x: &T) -> u64 {
    use std::hash::BuildHasher;
    BuildHasherDefault::<WordHasher>::default().hash_one(x)
}

/// [`word_hash`] of a `u128`, in two steps instead of through [`Hasher::write`] (a test
/// checks they agree): the matcher hashes one for every word of every article.
#[inline]
pub(crate) fn u128_hash(x: u128) -> u64 {
    let mut h = WordHasher::default();
    h.add(x as u64);
    h.add((x >> 64) as u64);
    h.finish()
}

#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordHasher(u64);

impl WordHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        // The last 1 to 7 bytes in one step, not one step each (most words are shorter than
        // 8 bytes): two 4-byte reads that may overlap, or the first, middle and last byte.
        let rest = chunks.remainder();
        let n = rest.len();
        let word = match n {
            0 => return,
            4.. => {
                let lo = u32::from_le_bytes(rest[..4].try_into().expect("4 bytes"));
                let hi = u32::from_le_bytes(rest[n - 4..].try_into().expect("4 bytes"));
                u64::from(lo) | u64::from(hi) << 32
            }
            _ => u64::from(rest[0]) | u64::from(rest[n / 2]) << 8 | u64::from(rest[n - 1]) << 16,
        };
        self.add(word ^ (n as u64) << 59);
    }

    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }

    fn finish(&self) -> u64 {
        // A word of up to 7 bytes is now two steps (its bytes, then the end marker `str`
        // writes), and the low bits of a product depend on the low bits of its input only;
        // hashbrown picks the bucket from the low bits. Rotating brings the well-mixed high bits
        // down, as rustc-hash 2 does.
        self.0.rotate_left(26)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut gives the hash of the table's hasher, whatever the bits.
    #[test]
    fn u128_hash_is_word_hash() {
        for x in [
            0u128,
            1,
            u128::MAX,
            0x0123_4567_89ab_cdef_fedc_ba98_7654_3210,
            1 << 120 | 0x0065_6874,
        ] {
            assert_eq!(u128_hash(x), word_hash(&x), "{x:#x}");
        }
    }
}
