//! g1000 sortition engine: quotas, LEXIMIN/MAXIMIN/NASH/LEGACY, transparent lottery, verification.
//! Pure library: no I/O beyond parsing what it is given.
