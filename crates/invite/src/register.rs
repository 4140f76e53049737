//! Reading a register (population or business register) from a CSV file.
//!
//! Rows are numbered as in a spreadsheet: the header is row 1, the first person is row 2.
//! These row numbers are what the draw proof refers to.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::InviteError;

/// A register as read from its file: the header, the rows (as text), and the file's SHA-256.
#[derive(Debug, Clone)]
pub struct Register {
    pub path: PathBuf,
    /// Lower-case hex SHA-256 of the file's bytes, exactly as read.
    pub sha256: String,
    /// The field delimiter found in the header line (`,` or `;`); reused for the mail-merge file.
    pub delimiter: u8,
    pub headers: Vec<String>,
    /// Data rows; `rows[i]` is spreadsheet row `i + 2`.
    pub rows: Vec<Vec<String>>,
}

impl Register {
    /// Read a register CSV (UTF-8, with or without BOM; `,` or `;` as delimiter, detected from
    /// the header line).
    pub fn read(path: &Path) -> Result<Register, InviteError> {
        let bytes = std::fs::read(path).map_err(|e| InviteError::Io {
            path: path.to_path_buf(),
            what: "cannot read the register",
            source: e,
        })?;
        Register::from_bytes(path, &bytes)
    }

    /// Parse a register from bytes; `path` is only used in error messages.
    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Register, InviteError> {
        let sha256 = hex::encode(Sha256::digest(bytes));
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let first_line = body.split(|&b| b == b'\n').next().unwrap_or(&[]);
        let commas = first_line.iter().filter(|&&b| b == b',').count();
        let semicolons = first_line.iter().filter(|&&b| b == b';').count();
        let delimiter = if semicolons > commas { b';' } else { b',' };
        let bad = |row: u64, message: String| InviteError::Register {
            path: path.to_path_buf(),
            row,
            message,
        };

        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(body);
        let mut headers: Option<Vec<String>> = None;
        let mut rows = Vec::new();
        for (i, record) in reader.byte_records().enumerate() {
            let row = i as u64 + 1;
            let record = record.map_err(|e| bad(row, format!("unreadable CSV: {e}")))?;
            let mut fields = Vec::with_capacity(record.len());
            for (c, field) in record.iter().enumerate() {
                let text = std::str::from_utf8(field).map_err(|_| {
                    let column = headers
                        .as_ref()
                        .and_then(|h| h.get(c))
                        .map(|n| format!("column '{n}'"))
                        .unwrap_or_else(|| format!("column {}", c + 1));
                    bad(
                        row,
                        format!("{column} is not valid UTF-8 (save the file as CSV UTF-8)"),
                    )
                })?;
                fields.push(text.to_string());
            }
            match &headers {
                None => {
                    let names: Vec<String> = fields.iter().map(|f| f.trim().to_string()).collect();
                    for (c, name) in names.iter().enumerate() {
                        if name.is_empty() {
                            return Err(bad(
                                1,
                                format!("column {} has no name in the header", c + 1),
                            ));
                        }
                        if let Some(first) = names[..c].iter().position(|n| n == name) {
                            return Err(bad(
                                1,
                                format!(
                                    "duplicate column '{name}' in the header (columns {} and {})",
                                    first + 1,
                                    c + 1
                                ),
                            ));
                        }
                    }
                    headers = Some(names);
                }
                Some(h) => {
                    if fields.iter().all(|f| f.trim().is_empty()) {
                        // A blank row (e.g. `;;;` at the end of a spreadsheet export) is no
                        // person; it keeps its row number so numbers match the spreadsheet.
                        rows.push(Vec::new());
                        continue;
                    }
                    if fields.len() != h.len() {
                        return Err(bad(
                            row,
                            format!(
                                "has {} fields but the header has {} columns",
                                fields.len(),
                                h.len()
                            ),
                        ));
                    }
                    rows.push(fields);
                }
            }
        }
        let Some(headers) = headers else {
            return Err(InviteError::EmptyRegister {
                path: path.to_path_buf(),
                detail: "the file is empty (no header row)".into(),
            });
        };
        while rows.last().is_some_and(|r| r.is_empty()) {
            rows.pop();
        }
        if rows.iter().all(|r| r.is_empty()) {
            return Err(InviteError::EmptyRegister {
                path: path.to_path_buf(),
                detail: "the file has a header but no rows".into(),
            });
        }
        Ok(Register {
            path: path.to_path_buf(),
            sha256,
            delimiter,
            headers,
            rows,
        })
    }

    /// Index of a column by its header name (exact match after trimming).
    pub fn column(&self, name: &str) -> Result<usize, InviteError> {
        let name = name.trim();
        self.headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| InviteError::MissingColumn {
                path: self.path.clone(),
                column: name.to_string(),
                available: self.headers.join(", "),
            })
    }

    /// Spreadsheet row number of `rows[index]`.
    pub fn row_number(index: usize) -> u64 {
        index as u64 + 2
    }

    /// Number of people (non-blank rows).
    pub fn people(&self) -> usize {
        self.rows.iter().filter(|r| !r.is_empty()).count()
    }
}
