//! The one specified random source: ChaCha20 keyed by SHA-256 of a purpose label and the
//! seed. All draws are built here from `next_u64`, so replays never depend on `rand`'s
//! distribution code.

use rand_chacha::ChaCha20Rng;
use rand_core::{Rng, SeedableRng};
use sha2::{Digest, Sha256};

pub struct Draws(ChaCha20Rng);

impl Draws {
    /// Key = SHA-256("g1000-sortition/" + purpose + "/" + seed in decimal).
    pub fn new(purpose: &str, seed: u64) -> Self {
        let key: [u8; 32] = Sha256::digest(format!("g1000-sortition/{purpose}/{seed}")).into();
        Draws(ChaCha20Rng::from_seed(key))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// Uniform integer in 0..n (rejection sampling, no modulo bias). `n` must be > 0.
    pub fn below(&mut self, n: u64) -> u64 {
        assert!(n > 0);
        let zone = u64::MAX - (u64::MAX - n + 1) % n;
        loop {
            let v = self.next_u64();
            if v <= zone {
                return v % n;
            }
        }
    }

    /// Uniform float in [0, 1) with 53 random bits.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Fisher–Yates shuffle (from the last position down).
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            v.swap(i, j);
        }
    }
}

/// Lower-case hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}
