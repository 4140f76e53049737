//! g1000 sortition engine: quotas, LEXIMIN/MAXIMIN/NASH/LEGACY, transparent lottery, verification.
//! Pure library: no I/O beyond parsing what it is given. See `docs/sortition.md`.

pub mod api;
pub mod input;
pub mod legacy;
pub mod leximin;
pub mod lottery;
pub mod lp;
pub mod model;
pub mod nash;
pub mod output;
pub mod panels;
pub mod relax;
pub mod replacement;
pub mod reserves;
pub mod rng;
pub mod sample;
pub mod simplex;

pub use api::{Algorithm, Request, certify, distribution, load, recompute, request_for, verify};
pub use input::{InputError, PoolOptions, QuotaFormat, Quotas, parse_pool, parse_quotas};
pub use leximin::{ProgressInfo, Stats};
pub use lottery::{LotteryFile, make_lottery};
pub use model::{Composition, InfeasibilityReport, Instance, SolveError};
pub use output::{DistributionFile, ENGINE};
pub use replacement::{
    PanelSource, PoolInput, ReplaceRequest, ReplacementFile, ReserveFile, ReservesRequest,
    replacement_file, reserve_file,
};
