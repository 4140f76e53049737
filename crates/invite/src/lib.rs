//! Stage 1 of the g1000 lottery, run **offline at the municipality** (`g1000 invite draw`):
//! a seeded, reproducible draw of N people from a register, one secret invitation code per
//! person, the files for the print shop (mail-merge CSV and one PDF letter per invitee),
//! `codes.txt` (only salted hashes of the codes: the one file that goes to the platform) and a
//! public `draw-proof.json` that `g1000 invite verify` checks against the register.
//!
//! The people drawn follow from the register and the seed ([`draw`]); the codes do not: they
//! come from the operating system's random generator ([`code`]).
//!
//! The register is a CSV file or the first sheet of a workbook (.xlsx, .xlsm, .xlsb, .xls,
//! .ods; read with calamine, see [`register`]). The draw depends only on the cells' text, so
//! the same data as CSV or as XLSX draws the same people. The proof's `register_sha256` is
//! the SHA-256 of the file's bytes exactly as read: for a workbook, of the .xlsx/.ods file
//! itself (not of its cells), so verification needs that very file; saving the workbook again
//! changes its bytes (zip timestamps, compression) even when no cell changed. For a workbook
//! the proof also names the sheet read (`register_sheet`).

pub mod code;
pub mod draw;
pub mod letter;
pub mod pdf;
pub mod proof;
pub mod register;

use std::path::{Path, PathBuf};

pub use code::{Code, CodeError, hash_code, normalise, validate};
pub use draw::{DrawParams, DrawResult, StratumCount, draw};
pub use letter::LetterInfo;
pub use proof::{Check, DrawProof, VerifyReport, verify};
pub use register::Register;

/// The engine that made a draw, written into the proof.
pub const ENGINE_VERSION: &str = concat!("g1000-invite ", env!("CARGO_PKG_VERSION"));

/// Everything that can go wrong, with the file, row and column where it applies.
#[derive(Debug, thiserror::Error)]
pub enum InviteError {
    #[error("{}: {what}: {source}", path.display())]
    Io {
        path: PathBuf,
        what: &'static str,
        #[source]
        source: std::io::Error,
    },
    #[error("{}{}, row {row}: {message}", path.display(), sheet.as_ref().map(|s| format!(", sheet '{s}'")).unwrap_or_default())]
    Register {
        path: PathBuf,
        /// The sheet of a workbook register (`None` for CSV).
        sheet: Option<String>,
        row: u64,
        message: String,
    },
    #[error("{}: {message}", path.display())]
    Spreadsheet { path: PathBuf, message: String },
    #[error("{}: no column '{column}' in the header (columns: {available})", path.display())]
    MissingColumn {
        path: PathBuf,
        column: String,
        available: String,
    },
    #[error("{}: empty register: {detail}", path.display())]
    EmptyRegister { path: PathBuf, detail: String },
    #[error("{0}")]
    Params(String),
    #[error("{}: {message}", path.display())]
    Proof { path: PathBuf, message: String },
    #[error("the operating system's random generator failed: {0}")]
    Random(String),
}

/// `codes.txt`: the salt and the hashes of the codes. Format (UTF-8, `\n` line ends):
///
/// ```text
/// # comment lines start with '#'
/// salt: <64 hex digits: 32 random bytes, new for every draw>
/// count: <number of hashes>
/// <hash>            one per line, lower-case hex SHA-256(salt bytes ‖ normalised code), sorted
/// ```
///
/// The salt is not secret from the platform (it needs it to hash a typed code); it only makes
/// the hashes of one draw useless for any other. Guessing a code from its hash still takes
/// about 2^64 / N hash computations per code found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodesFile {
    pub salt: [u8; 32],
    pub hashes: Vec<String>,
}

impl CodesFile {
    pub fn new(salt: [u8; 32], codes: &[Code]) -> Self {
        let mut hashes: Vec<String> = codes.iter().map(|c| hash_code(&salt, c)).collect();
        hashes.sort();
        CodesFile { salt, hashes }
    }

    pub fn to_text(&self) -> String {
        let mut s = String::from(
            "# g1000 invitation code hashes: the only file of the draw that goes to the platform.\n\
             # hash = SHA-256(salt bytes || normalised code), lower-case hex, sorted.\n\
             # normalised code = the code in upper case without hyphens or spaces (14 characters).\n\
             # The salt is random per draw and not secret from the platform.\n",
        );
        s.push_str(&format!("salt: {}\n", hex::encode(self.salt)));
        s.push_str(&format!("count: {}\n", self.hashes.len()));
        for h in &self.hashes {
            s.push_str(h);
            s.push('\n');
        }
        s
    }

    /// Parse a `codes.txt` (for the platform's import).
    pub fn parse(text: &str) -> Result<CodesFile, String> {
        let mut salt = None;
        let mut count = None;
        let mut hashes = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            let n = i + 1;
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(v) = line.strip_prefix("salt:") {
                let bytes = hex::decode(v.trim()).map_err(|_| format!("line {n}: bad salt"))?;
                salt = Some(
                    <[u8; 32]>::try_from(bytes)
                        .map_err(|_| format!("line {n}: the salt must be 32 bytes"))?,
                );
            } else if let Some(v) = line.strip_prefix("count:") {
                count = Some(
                    v.trim()
                        .parse::<usize>()
                        .map_err(|_| format!("line {n}: bad count"))?,
                );
            } else if line.len() == 64 && line.bytes().all(|b| b.is_ascii_hexdigit()) {
                hashes.push(line.to_ascii_lowercase());
            } else {
                return Err(format!("line {n}: not a hash"));
            }
        }
        let salt = salt.ok_or("no 'salt:' line")?;
        if let Some(c) = count
            && c != hashes.len()
        {
            return Err(format!("'count: {c}' but {} hashes", hashes.len()));
        }
        Ok(CodesFile { salt, hashes })
    }

    /// Whether a typed code belongs to this draw.
    pub fn contains(&self, code: &Code) -> bool {
        self.hashes
            .binary_search(&hash_code(&self.salt, code))
            .is_ok()
    }
}

/// Options of a complete draw (`g1000 invite draw`).
#[derive(Debug, Clone)]
pub struct DrawOptions {
    pub register: PathBuf,
    pub params: DrawParams,
    pub out_dir: PathBuf,
    /// Registration base URL; each letter links to `{base_url}/r/{CODE}`.
    pub base_url: String,
    pub letter: LetterInfo,
    /// Skip the PDF letters (e.g. when the print shop merges its own letter).
    pub no_letters: bool,
}

/// What a draw wrote.
#[derive(Debug, Clone)]
pub struct DrawSummary {
    pub result: DrawResult,
    pub proof: DrawProof,
    pub mail_merge: PathBuf,
    pub codes_txt: PathBuf,
    pub proof_path: PathBuf,
    pub letters_dir: Option<PathBuf>,
}

fn io(path: &Path, what: &'static str) -> impl FnOnce(std::io::Error) -> InviteError {
    let path = path.to_path_buf();
    move |source| InviteError::Io { path, what, source }
}

/// The registration URL for a code.
pub fn registration_url(base_url: &str, code: &Code) -> String {
    format!("{}/r/{}", base_url.trim_end_matches('/'), code.grouped())
}

/// Run a complete draw: read the register, draw, make codes, write all files into `out_dir`
/// (which must be empty or not exist yet, so two draws never mix).
pub fn run_draw(opts: &DrawOptions) -> Result<DrawSummary, InviteError> {
    let reg = Register::read(&opts.register)?;
    let result = draw(&reg, &opts.params)?;

    let out = &opts.out_dir;
    if out.exists() {
        let mut entries =
            std::fs::read_dir(out).map_err(io(out, "cannot read the output directory"))?;
        if entries.next().is_some() {
            return Err(InviteError::Params(format!(
                "{}: the output directory is not empty; use a new directory for every draw",
                out.display()
            )));
        }
    }
    std::fs::create_dir_all(out).map_err(io(out, "cannot create the output directory"))?;

    // Secret codes from the OS generator; never from the seed.
    let mut codes: Vec<Code> = Vec::with_capacity(result.drawn.len());
    let mut seen = std::collections::HashSet::new();
    while codes.len() < result.drawn.len() {
        let c = Code::generate().map_err(|e| InviteError::Random(e.to_string()))?;
        if seen.insert(c.clone()) {
            codes.push(c);
        }
    }
    let mut salt = [0u8; 32];
    getrandom::fill(&mut salt).map_err(|e| InviteError::Random(e.to_string()))?;
    let codes_file = CodesFile::new(salt, &codes);
    let codes_text = codes_file.to_text();

    // Mail-merge CSV: the register's columns for each drawn person, plus code and url.
    let mail_merge = out.join("mail-merge.csv");
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(reg.delimiter)
            .from_path(&mail_merge)
            .map_err(|e| InviteError::Params(format!("{}: {e}", mail_merge.display())))?;
        let mut header: Vec<&str> = reg.headers.iter().map(String::as_str).collect();
        header.extend(["code", "url"]);
        let write_err =
            |e: csv::Error| InviteError::Params(format!("{}: {e}", mail_merge.display()));
        w.write_record(&header).map_err(write_err)?;
        for (&row, code) in result.drawn.iter().zip(&codes) {
            let mut rec: Vec<String> = reg.rows[row].clone();
            rec.push(code.grouped());
            rec.push(registration_url(&opts.base_url, code));
            w.write_record(&rec).map_err(write_err)?;
        }
        w.flush().map_err(io(&mail_merge, "cannot write"))?;
    }

    let letters_dir = if opts.no_letters {
        None
    } else {
        let dir = out.join("letters");
        std::fs::create_dir_all(&dir).map_err(io(&dir, "cannot create"))?;
        for (i, code) in codes.iter().enumerate() {
            let pdf =
                letter::letter_pdf(&opts.letter, code, &registration_url(&opts.base_url, code));
            let path = dir.join(format!("{:05}-{}.pdf", i + 1, code.grouped()));
            std::fs::write(&path, pdf).map_err(io(&path, "cannot write"))?;
        }
        Some(dir)
    };

    let codes_txt = out.join("codes.txt");
    std::fs::write(&codes_txt, &codes_text).map_err(io(&codes_txt, "cannot write"))?;

    let proof = DrawProof::new(&reg, &opts.params, &result, Some(&codes_text));
    let proof_path = out.join("draw-proof.json");
    std::fs::write(&proof_path, proof.to_json()).map_err(io(&proof_path, "cannot write"))?;

    Ok(DrawSummary {
        result,
        proof,
        mail_merge,
        codes_txt,
        proof_path,
        letters_dir,
    })
}
