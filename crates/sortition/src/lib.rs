//! g1000 sortition engine: quotas, LEXIMIN/MAXIMIN/NASH/LEGACY, transparent lottery, verification.
//! Pure library: no I/O beyond parsing what it is given.

pub mod input;
pub mod leximin;
pub mod lp;
pub mod model;

pub use input::{InputError, PoolOptions, QuotaFormat, Quotas, parse_pool, parse_quotas};
pub use model::{Composition, InfeasibilityReport, Instance, SolveError};
