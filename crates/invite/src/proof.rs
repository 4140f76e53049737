//! `draw-proof.json`: the public record of a draw, and its verification.
//!
//! The proof holds no personal data: the register's SHA-256 and row count, the seed, N, the
//! stratification and household settings, counts per stratum, the engine and algorithm, the
//! SHA-256 of the drawn row numbers and the SHA-256 of `codes.txt`. Anyone holding the register
//! re-runs the draw and compares.

use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::draw::{ALGORITHM, DrawParams, DrawResult, StratumCount, draw};
use crate::register::Register;
use crate::{ENGINE_VERSION, InviteError};

pub const FORMAT: &str = "g1000-invite-draw-proof/1";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawProof {
    pub format: String,
    pub engine: String,
    pub algorithm: String,
    /// SHA-256 of the register file's bytes (for a workbook: of the .xlsx/.ods file itself).
    pub register_sha256: String,
    /// The sheet that was read, for a workbook register (absent for CSV).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub register_sheet: Option<String>,
    /// People (non-blank rows) in the register.
    pub register_people: usize,
    pub seed: String,
    pub count: usize,
    pub stratify_by: Option<String>,
    pub one_per_household: Vec<String>,
    pub households: usize,
    pub strata: Vec<StratumCount>,
    /// SHA-256 of the drawn spreadsheet row numbers (header = row 1), ascending, decimal,
    /// each followed by a newline.
    pub drawn_rows_sha256: String,
    /// SHA-256 of the `codes.txt` written with this draw (lets the platform check its import).
    pub codes_txt_sha256: Option<String>,
}

impl DrawProof {
    pub fn new(
        reg: &Register,
        params: &DrawParams,
        result: &DrawResult,
        codes_txt: Option<&str>,
    ) -> Self {
        DrawProof {
            format: FORMAT.into(),
            engine: ENGINE_VERSION.into(),
            algorithm: ALGORITHM.into(),
            register_sha256: reg.sha256.clone(),
            register_sheet: reg.sheet.clone(),
            register_people: result.people,
            seed: params.seed.clone(),
            count: params.count,
            stratify_by: params.stratify_by.clone(),
            one_per_household: params.one_per_household.clone(),
            households: result.households,
            strata: result.strata.clone(),
            drawn_rows_sha256: result.drawn_rows_sha256(),
            codes_txt_sha256: codes_txt.map(|t| hex::encode(Sha256::digest(t.as_bytes()))),
        }
    }

    /// Pretty JSON, fields in a fixed order, with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a proof serialises");
        s.push('\n');
        s
    }

    pub fn read(path: &Path) -> Result<DrawProof, InviteError> {
        let text = std::fs::read_to_string(path).map_err(|e| InviteError::Io {
            path: path.to_path_buf(),
            what: "cannot read the proof",
            source: e,
        })?;
        let proof: DrawProof = serde_json::from_str(&text).map_err(|e| InviteError::Proof {
            path: path.to_path_buf(),
            message: format!("not a draw proof: {e}"),
        })?;
        if proof.format != FORMAT {
            return Err(InviteError::Proof {
                path: path.to_path_buf(),
                message: format!("unknown format '{}' (expected '{FORMAT}')", proof.format),
            });
        }
        if proof.algorithm != ALGORITHM {
            return Err(InviteError::Proof {
                path: path.to_path_buf(),
                message: format!(
                    "made with algorithm '{}'; this g1000 replays '{ALGORITHM}' only",
                    proof.algorithm
                ),
            });
        }
        Ok(proof)
    }

    pub fn params(&self) -> DrawParams {
        DrawParams {
            seed: self.seed.clone(),
            count: self.count,
            stratify_by: self.stratify_by.clone(),
            one_per_household: self.one_per_household.clone(),
        }
    }
}

/// One check of a verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub name: &'static str,
    pub ok: bool,
    pub detail: String,
}

#[derive(Debug, Clone)]
pub struct VerifyReport {
    pub checks: Vec<Check>,
}

impl VerifyReport {
    pub fn ok(&self) -> bool {
        self.checks.iter().all(|c| c.ok)
    }

    pub fn failed(&self) -> Vec<&Check> {
        self.checks.iter().filter(|c| !c.ok).collect()
    }
}

/// Re-run the draw of `proof` on `reg` and compare; optionally check `codes.txt`'s hash.
pub fn verify(reg: &Register, proof: &DrawProof, codes_txt: Option<&[u8]>) -> VerifyReport {
    let mut checks = Vec::new();
    let mut check = |name, ok, detail: String| checks.push(Check { name, ok, detail });
    check(
        "register file",
        reg.sha256 == proof.register_sha256,
        if reg.sha256 == proof.register_sha256 {
            format!("SHA-256 {} matches", reg.sha256)
        } else {
            format!(
                "SHA-256 of {} is {}, the proof says {}: this is not the register that was drawn from",
                reg.path.display(),
                reg.sha256,
                proof.register_sha256
            )
        },
    );
    match draw(reg, &proof.params()) {
        Err(e) => check("re-run of the draw", false, format!("the draw failed: {e}")),
        Ok(result) => {
            let people_ok = result.people == proof.register_people;
            check(
                "people in the register",
                people_ok,
                format!("{} (proof: {})", result.people, proof.register_people),
            );
            let households_ok = result.households == proof.households;
            check(
                "households",
                households_ok,
                format!("{} (proof: {})", result.households, proof.households),
            );
            let strata_ok = result.strata == proof.strata;
            let detail = if strata_ok {
                format!("{} strata match", result.strata.len())
            } else {
                let diff: Vec<String> = result
                    .strata
                    .iter()
                    .map(|s| {
                        let p = proof.strata.iter().find(|p| p.stratum == s.stratum);
                        match p {
                            Some(p) if p == s => None,
                            Some(p) => Some(format!(
                                "'{}': {} people / {} households / {} drawn (proof: {} / {} / {})",
                                s.stratum,
                                s.people,
                                s.households,
                                s.drawn,
                                p.people,
                                p.households,
                                p.drawn
                            )),
                            None => Some(format!("'{}' is not in the proof", s.stratum)),
                        }
                    })
                    .chain(proof.strata.iter().map(|p| {
                        (!result.strata.iter().any(|s| s.stratum == p.stratum))
                            .then(|| format!("'{}' is not in the register", p.stratum))
                    }))
                    .flatten()
                    .collect();
                diff.join("; ")
            };
            check("counts per stratum", strata_ok, detail);
            let drawn = result.drawn_rows_sha256();
            let drawn_ok = drawn == proof.drawn_rows_sha256;
            check(
                "people drawn",
                drawn_ok,
                if drawn_ok {
                    format!("the same {} rows were drawn", result.drawn.len())
                } else {
                    format!(
                        "the re-run drew different rows (SHA-256 {drawn}, proof: {})",
                        proof.drawn_rows_sha256
                    )
                },
            );
        }
    }
    if let Some(bytes) = codes_txt {
        let h = hex::encode(Sha256::digest(bytes));
        let expected = proof.codes_txt_sha256.as_deref();
        check(
            "codes.txt",
            expected == Some(h.as_str()),
            match expected {
                Some(e) if e == h => "SHA-256 matches".to_string(),
                Some(e) => format!("SHA-256 {h}, the proof says {e}"),
                None => "the proof has no codes.txt hash".to_string(),
            },
        );
    }
    VerifyReport { checks }
}
