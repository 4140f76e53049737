//! Reading a register (population or business register) from a CSV file or from the first
//! sheet of a spreadsheet workbook (XLSX, XLSM, XLSB, XLS or ODS, read with calamine).
//!
//! Rows are numbered as in a spreadsheet: the header is row 1, the first person is row 2.
//! These row numbers are what the draw proof refers to. In both cases the register's SHA-256
//! is that of the file's bytes exactly as read (for a workbook: the .xlsx/.ods file itself,
//! not its cell values).

use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, Ods, Reader, Xls, Xlsb, Xlsx};
use sha2::{Digest, Sha256};

use crate::InviteError;

/// A register as read from its file: the header, the rows (as text), and the file's SHA-256.
#[derive(Debug, Clone)]
pub struct Register {
    pub path: PathBuf,
    /// Lower-case hex SHA-256 of the file's bytes, exactly as read.
    pub sha256: String,
    /// The sheet the rows come from (`None` for CSV).
    pub sheet: Option<String>,
    /// The field delimiter found in the header line (`,` or `;`); reused for the mail-merge
    /// file. `,` for workbooks.
    pub delimiter: u8,
    pub headers: Vec<String>,
    /// Data rows; `rows[i]` is spreadsheet row `i + 2`.
    pub rows: Vec<Vec<String>>,
}

/// Spreadsheet formats read with calamine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Workbook {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

impl Workbook {
    fn name(self) -> &'static str {
        match self {
            Workbook::Xlsx => "XLSX",
            Workbook::Xlsb => "XLSB",
            Workbook::Xls => "XLS",
            Workbook::Ods => "ODS",
        }
    }

    /// By extension; a file whose bytes start like a ZIP (XLSX, ODS) or an OLE compound file
    /// (XLS) is a workbook whatever its name (then the format is told from the contents).
    fn detect(path: &Path, bytes: &[u8]) -> Option<Option<Workbook>> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("xlsx" | "xlsm") => return Some(Some(Workbook::Xlsx)),
            Some("xlsb") => return Some(Some(Workbook::Xlsb)),
            Some("xls") => return Some(Some(Workbook::Xls)),
            Some("ods") => return Some(Some(Workbook::Ods)),
            _ => {}
        }
        (bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0")).then_some(None)
    }
}

/// Spreadsheet column letters of a 0-based column index (0 = A, 26 = AA).
pub fn column_letters(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII")
}

/// The text of a cell as the register uses it: strings as they are; whole numbers without a
/// decimal point (12.0 → "12"), other numbers in shortest form; booleans TRUE/FALSE; dates
/// as YYYY-MM-DD (with " HH:MM:SS" when there is a time of day); empty cells "". Error
/// values (#N/A, …) are refused by the caller.
fn cell_text(d: &Data) -> Result<String, String> {
    Ok(match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
            if (h, mi, s, ms) == (0, 0, 0, 0) {
                format!("{y:04}-{mo:02}-{d:02}")
            } else {
                format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
            }
        }
        Data::DateTime(dt) => dt.as_f64().to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => return Err(format!("holds the error value {e}")),
    })
}

impl Register {
    /// Read a register: a workbook (see [`Register::from_bytes`]) or a CSV file (UTF-8, with
    /// or without BOM; `,` or `;` as delimiter, detected from the header line).
    pub fn read(path: &Path) -> Result<Register, InviteError> {
        let bytes = std::fs::read(path).map_err(|e| InviteError::Io {
            path: path.to_path_buf(),
            what: "cannot read the register",
            source: e,
        })?;
        Register::from_bytes(path, &bytes)
    }

    /// Parse a register from bytes; `path` names it in error messages, and its extension
    /// (.xlsx, .xlsm, .xlsb, .xls, .ods) or the bytes (ZIP or OLE signature) mark a workbook,
    /// whose first sheet is read; anything else is read as CSV.
    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Register, InviteError> {
        match Workbook::detect(path, bytes) {
            Some(kind) => Register::from_workbook(path, bytes, kind),
            None => Register::from_csv(path, bytes),
        }
    }

    fn from_csv(path: &Path, bytes: &[u8]) -> Result<Register, InviteError> {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let first_line = body.split(|&b| b == b'\n').next().unwrap_or(&[]);
        let commas = first_line.iter().filter(|&&b| b == b',').count();
        let semicolons = first_line.iter().filter(|&&b| b == b';').count();
        let delimiter = if semicolons > commas { b';' } else { b',' };
        let bad = |row: u64, message: String| InviteError::Register {
            path: path.to_path_buf(),
            sheet: None,
            row,
            message,
        };

        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(body);
        let mut table: Vec<Vec<String>> = Vec::new();
        for (i, record) in reader.byte_records().enumerate() {
            let row = i as u64 + 1;
            let record = record.map_err(|e| bad(row, format!("unreadable CSV: {e}")))?;
            let mut fields = Vec::with_capacity(record.len());
            for (c, field) in record.iter().enumerate() {
                let text = std::str::from_utf8(field).map_err(|_| {
                    let column = table
                        .first()
                        .and_then(|h| h.get(c))
                        .map(|n| format!("column '{}'", n.trim()))
                        .unwrap_or_else(|| format!("column {}", c + 1));
                    bad(
                        row,
                        format!("{column} is not valid UTF-8 (save the file as CSV UTF-8)"),
                    )
                })?;
                fields.push(text.to_string());
            }
            table.push(fields);
        }
        Register::from_table(path, None, sha256(bytes), delimiter, table)
    }

    fn from_workbook(
        path: &Path,
        bytes: &[u8],
        kind: Option<Workbook>,
    ) -> Result<Register, InviteError> {
        let cursor = Cursor::new(bytes);
        let first = match kind {
            Some(Workbook::Xlsx) => first_sheet(path, "XLSX", Xlsx::new(cursor))?,
            Some(Workbook::Xlsb) => first_sheet(path, "XLSB", Xlsb::new(cursor))?,
            Some(Workbook::Xls) => first_sheet(path, "XLS", Xls::new(cursor))?,
            Some(Workbook::Ods) => first_sheet(path, "ODS", Ods::new(cursor))?,
            None => first_sheet(
                path,
                "spreadsheet",
                calamine::open_workbook_auto_from_rs(cursor),
            )?,
        };
        let Some((sheet, range)) = first else {
            return Err(InviteError::EmptyRegister {
                path: path.to_path_buf(),
                detail: format!(
                    "the {} workbook has no sheets",
                    kind.map_or("spreadsheet", Workbook::name)
                ),
            });
        };
        let at = |row: u64, column: Option<usize>, message: String| InviteError::Register {
            path: path.to_path_buf(),
            sheet: Some(sheet.clone()),
            row,
            message: match column {
                Some(c) => format!("column {} {message}", column_letters(c)),
                None => message,
            },
        };
        let mut table: Vec<Vec<String>> = Vec::new();
        if let Some((r0, c0)) = range.start() {
            if r0 > 0 {
                return Err(at(
                    1,
                    None,
                    format!(
                        "row 1 is empty: the header (the column names) must be in row 1 \
                         (the first filled row is row {})",
                        r0 + 1
                    ),
                ));
            }
            // Columns left of the used range are empty; keep them so positions match letters.
            let lead = c0 as usize;
            for (i, cells) in range.rows().enumerate() {
                let row = i as u64 + 1;
                let mut fields = vec![String::new(); lead];
                for (j, cell) in cells.iter().enumerate() {
                    let c = lead + j;
                    let text = cell_text(cell).map_err(|m| {
                        let name = table
                            .first()
                            .and_then(|h| h.get(c))
                            .filter(|n| !n.trim().is_empty())
                            .map(|n| format!("('{}') ", n.trim()))
                            .unwrap_or_default();
                        at(row, Some(c), format!("{name}{m}"))
                    })?;
                    fields.push(text);
                }
                table.push(fields);
            }
        }
        // Columns without a name and without any value (formatting only) are not columns.
        let width = table.iter().map(Vec::len).max().unwrap_or(0);
        let used: Vec<bool> = (0..width)
            .map(|c| {
                table
                    .iter()
                    .any(|r| r.get(c).is_some_and(|v| !v.trim().is_empty()))
            })
            .collect();
        if let Some(header) = table.first() {
            for (c, &u) in used.iter().enumerate() {
                if u && header.get(c).is_none_or(|h| h.trim().is_empty()) {
                    return Err(at(
                        1,
                        Some(c),
                        "has values but no name in the header (row 1)".into(),
                    ));
                }
            }
        }
        for r in &mut table {
            let mut c = 0;
            r.retain(|_| {
                c += 1;
                used[c - 1]
            });
        }
        Register::from_table(path, Some(sheet.clone()), sha256(bytes), b',', table)
    }

    /// Build a register from its rows of cells, row 1 (the header) first.
    fn from_table(
        path: &Path,
        sheet: Option<String>,
        sha256: String,
        delimiter: u8,
        table: Vec<Vec<String>>,
    ) -> Result<Register, InviteError> {
        let bad = |row: u64, message: String| InviteError::Register {
            path: path.to_path_buf(),
            sheet: sheet.clone(),
            row,
            message,
        };
        let mut table = table.into_iter();
        let Some(header) = table.next() else {
            return Err(InviteError::EmptyRegister {
                path: path.to_path_buf(),
                detail: "the file is empty (no header row)".into(),
            });
        };
        let headers: Vec<String> = header.iter().map(|f| f.trim().to_string()).collect();
        for (c, name) in headers.iter().enumerate() {
            if name.is_empty() {
                return Err(bad(
                    1,
                    format!("column {} has no name in the header", c + 1),
                ));
            }
            if let Some(first) = headers[..c].iter().position(|n| n == name) {
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
        let mut rows = Vec::new();
        for (i, mut fields) in table.enumerate() {
            let row = i as u64 + 2;
            if fields.iter().all(|f| f.trim().is_empty()) {
                // A blank row (e.g. `;;;` at the end of a spreadsheet export) is no person;
                // it keeps its row number so numbers match the spreadsheet.
                rows.push(Vec::new());
                continue;
            }
            if sheet.is_some() {
                // A workbook's rows are as wide as its used range.
                fields.resize(headers.len(), String::new());
            }
            if fields.len() != headers.len() {
                return Err(bad(
                    row,
                    format!(
                        "has {} fields but the header has {} columns",
                        fields.len(),
                        headers.len()
                    ),
                ));
            }
            rows.push(fields);
        }
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
            sheet,
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

fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Open a workbook and read its first sheet (name and cells), `None` if it has no sheets.
fn first_sheet<'a, R>(
    path: &Path,
    what: &str,
    opened: Result<R, R::Error>,
) -> Result<Option<(String, calamine::Range<Data>)>, InviteError>
where
    R: Reader<Cursor<&'a [u8]>>,
    R::Error: std::fmt::Display,
{
    let mut workbook = opened.map_err(|e| InviteError::Spreadsheet {
        path: path.to_path_buf(),
        message: format!("not a readable {what} workbook: {e}"),
    })?;
    let Some(name) = workbook.sheet_names().first().cloned() else {
        return Ok(None);
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| InviteError::Spreadsheet {
            path: path.to_path_buf(),
            message: format!("sheet '{name}' cannot be read: {e}"),
        })?;
    Ok(Some((name, range)))
}
