//! Invitation codes: secret, random, easy to type.
//!
//! - Alphabet of 31 characters: the digits 2–9 and the letters A–Z without I, L and O (so no
//!   0/O, 1/I/L confusion).
//! - 13 random characters from the operating system's generator (31^13 ≈ 2^64.4, so over 64
//!   bits of entropy), never derived from the seed or anything published.
//! - One check character: with values v_1..v_14 (the 13 characters and the check), the check
//!   makes Σ i·v_i ≡ 0 (mod 31). As 31 is prime and the weights 1..14 are distinct and non-zero
//!   mod 31, every single substitution and every swap of two adjacent (different) characters
//!   changes the sum, so it is detected.
//! - Written in groups of four: `K7QM-4XRT-9PWD-HX`. [`normalise`] accepts lower case, spaces,
//!   hyphens and dots, so a code can be typed, pasted or scanned.
//! - On the platform only SHA-256(salt ‖ normalised code) is stored ([`hash_code`]).

use std::fmt;

use sha2::{Digest, Sha256};

/// The code alphabet: 31 characters, none of 0, O, 1, I, L.
pub const ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// Random characters per code.
pub const RANDOM_CHARS: usize = 13;
/// Characters per code including the check character.
pub const CODE_CHARS: usize = RANDOM_CHARS + 1;

/// Bits of entropy of a code: 13 · log2(31).
pub fn entropy_bits() -> f64 {
    RANDOM_CHARS as f64 * (ALPHABET.len() as f64).log2()
}

/// A valid invitation code, stored normalised (14 characters, no separators).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Code(String);

impl Code {
    /// A fresh code from the operating system's random generator.
    pub fn generate() -> Result<Code, getrandom::Error> {
        let mut err = None;
        let code = Code::generate_with(|| {
            getrandom::u64().unwrap_or_else(|e| {
                err = Some(e);
                0
            })
        });
        match err {
            Some(e) => Err(e),
            None => Ok(code),
        }
    }

    /// A code from any source of uniform `u64`s (tests; production uses [`Code::generate`]).
    pub fn generate_with(mut next_u64: impl FnMut() -> u64) -> Code {
        let n = ALPHABET.len() as u64;
        let zone = u64::MAX - (u64::MAX - n + 1) % n;
        let mut values = Vec::with_capacity(CODE_CHARS);
        while values.len() < RANDOM_CHARS {
            let v = next_u64();
            if v <= zone {
                values.push((v % n) as u8);
            }
        }
        values.push(check_value(&values));
        Code(
            values
                .iter()
                .map(|&v| ALPHABET[v as usize] as char)
                .collect(),
        )
    }

    /// The normalised form (14 characters, no separators): what is hashed.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The grouped form for letters: `XXXX-XXXX-XXXX-XX`.
    pub fn grouped(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        chars
            .chunks(4)
            .map(|c| c.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("-")
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.grouped())
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Code({})", self.grouped())
    }
}

fn value_of(c: u8) -> Option<u8> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u8)
}

/// The check value v_14 for 13 values: makes Σ i·v_i ≡ 0 (mod 31) with weights 1..14.
fn check_value(values: &[u8]) -> u8 {
    let sum: u32 = values
        .iter()
        .enumerate()
        .map(|(i, &v)| (i as u32 + 1) * v as u32)
        .sum();
    // 14·c ≡ −sum (mod 31); the inverse of 14 mod 31 is 20 (14·20 = 280 = 9·31 + 1).
    ((31 - sum % 31) % 31 * 20 % 31) as u8
}

/// Why a typed code is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("a code has {expected} characters; this one has {found}")]
    WrongLength { expected: usize, found: usize },
    #[error("'{ch}' (character {position}) does not occur in codes")]
    BadCharacter { ch: char, position: usize },
    #[error("this code contains a typing error")]
    CheckFailed,
}

/// Upper-case and drop separators (spaces, hyphens, dots, underscores); nothing else.
pub fn normalise(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '.' | '_' | '\u{2010}'..='\u{2015}'))
        .flat_map(char::to_uppercase)
        .collect()
}

/// Normalise and check a typed code: length, alphabet, check character.
pub fn validate(input: &str) -> Result<Code, CodeError> {
    let n = normalise(input);
    let count = n.chars().count();
    if count != CODE_CHARS {
        return Err(CodeError::WrongLength {
            expected: CODE_CHARS,
            found: count,
        });
    }
    let mut sum = 0u32;
    for (i, ch) in n.chars().enumerate() {
        let v = u8::try_from(ch)
            .ok()
            .and_then(value_of)
            .ok_or(CodeError::BadCharacter {
                ch,
                position: i + 1,
            })?;
        sum += (i as u32 + 1) * v as u32;
    }
    if !sum.is_multiple_of(31) {
        return Err(CodeError::CheckFailed);
    }
    Ok(Code(n))
}

/// Lower-case hex SHA-256(salt ‖ normalised code as ASCII).
pub fn hash_code(salt: &[u8], code: &Code) -> String {
    let mut h = Sha256::new();
    h.update(salt);
    h.update(code.as_str().as_bytes());
    hex::encode(h.finalize())
}
