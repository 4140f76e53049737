//! Exact rationals (the reference counts with exact fractions too: ties decide outcomes) and their display.

use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};

/// An exact rational number.
pub type Rat = num_rational::BigRational;

pub fn rat(n: i64) -> Rat {
    Rat::from_integer(BigInt::from(n))
}

pub fn to_f64(r: &Rat) -> f64 {
    r.to_f64().unwrap_or(f64::NAN)
}

/// A readable decimal: integers as such, other values rounded to 4 decimals (exact value in `exact`).
pub fn show(r: &Rat) -> String {
    if r.is_integer() {
        r.to_integer().to_string()
    } else {
        let v = to_f64(r);
        let s = format!("{v:.4}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        if s.is_empty() || s == "-" {
            "0".into()
        } else {
            s.to_string()
        }
    }
}

pub fn sum<'a>(it: impl IntoIterator<Item = &'a Rat>) -> Rat {
    it.into_iter().fold(Rat::zero(), |a, b| a + b)
}
