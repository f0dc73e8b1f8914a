//! A blocked Bloom filter of 64-bit hashes: the matcher tests one before a table lookup that
//! most words would make in vain (a word that starts no alias, a text that continues none).

/// A Bloom filter of 64-bit hashes, blocked: a hash sets two bits of one 64-bit word, so a test
/// reads one cache line. 16 bits per expected entry: about 1.5% of absent hashes pass. Small
/// enough to stay in cache, where the tables it spares do not.
#[derive(Clone, Debug)]
pub(super) struct Bloom {
    words: Box<[u64]>,
    mask: u64,
}

impl Bloom {
    /// A filter every hash passes: one word, all bits set.
    pub(super) fn passing_all() -> Bloom {
        Bloom {
            words: vec![u64::MAX].into_boxed_slice(),
            mask: 0,
        }
    }

    pub(super) fn with_capacity(entries: usize) -> Bloom {
        let words = (entries.max(64) / 4).next_power_of_two();
        Bloom {
            words: vec![0; words].into_boxed_slice(),
            mask: words as u64 - 1,
        }
    }

    /// The word and its two bits: the word from the hash's low bits, the bits from its top.
    #[inline]
    fn place(&self, hash: u64) -> (usize, u64) {
        let bits = 1 << (hash >> 58) | 1 << ((hash >> 52) & 63);
        ((hash & self.mask) as usize, bits)
    }

    pub(super) fn insert(&mut self, hash: u64) {
        let (w, bits) = self.place(hash);
        self.words[w] |= bits;
    }

    #[inline]
    pub(super) fn may_contain(&self, hash: u64) -> bool {
        let (w, bits) = self.place(hash);
        self.words[w] & bits == bits
    }
}
