//! Parsing of the participants, tables, pairs and plan CSV files (formats of
//! `../shared/data/g1000-tables/README.md`). Errors name the file, the row (line) and the column.

use crate::{Pair, PairKind, Participant, SeatingError, Table};

/// One row of a plan CSV `round,table,participant`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRow {
    pub round: usize,
    pub table: String,
    pub participant: String,
}

pub(crate) struct Sheet {
    file: String,
    header: Vec<String>,
    pub(crate) rows: Vec<(usize, Vec<String>)>,
}

impl Sheet {
    pub(crate) fn read(file: &str, text: &str) -> Result<Sheet, SeatingError> {
        let mut rd = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let err = |e: csv::Error| {
            let row = e.position().map(|p| p.line() as usize).unwrap_or(0);
            SeatingError::Input {
                file: file.to_string(),
                row,
                column: "-".into(),
                message: e.to_string(),
            }
        };
        let header: Vec<String> = rd
            .headers()
            .map_err(err)?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').to_string())
            .collect();
        let mut rows = Vec::new();
        for rec in rd.records() {
            let rec = rec.map_err(err)?;
            let line = rec.position().map(|p| p.line() as usize).unwrap_or(0);
            if rec.iter().all(|f| f.is_empty()) {
                continue;
            }
            rows.push((line, rec.iter().map(str::to_string).collect()));
        }
        Ok(Sheet {
            file: file.to_string(),
            header,
            rows,
        })
    }

    pub(crate) fn col(&self, name: &str) -> Result<usize, SeatingError> {
        self.opt_col(name)
            .ok_or_else(|| SeatingError::MissingColumn {
                file: self.file.clone(),
                column: name.to_string(),
            })
    }

    pub(crate) fn opt_col(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    pub(crate) fn bad(&self, row: usize, column: &str, message: String) -> SeatingError {
        SeatingError::Input {
            file: self.file.clone(),
            row,
            column: column.to_string(),
            message,
        }
    }

    pub(crate) fn nonempty<'a>(
        &self,
        row: usize,
        rec: &'a [String],
        c: usize,
    ) -> Result<&'a str, SeatingError> {
        let v = rec[c].as_str();
        if v.is_empty() {
            return Err(self.bad(row, &self.header[c], "empty".into()));
        }
        Ok(v)
    }

    fn flag(&self, row: usize, rec: &[String], c: Option<usize>) -> Result<bool, SeatingError> {
        let Some(c) = c else { return Ok(false) };
        match rec[c].to_ascii_lowercase().as_str() {
            "" | "0" | "false" | "no" | "n" => Ok(false),
            "1" | "true" | "yes" | "y" => Ok(true),
            v => Err(self.bad(row, &self.header[c], format!("expected 0 or 1, got {v:?}"))),
        }
    }
}

fn check_unique(
    sheet: &Sheet,
    column: &str,
    ids: impl Iterator<Item = (usize, String)>,
) -> Result<(), SeatingError> {
    let mut seen = std::collections::BTreeMap::new();
    for (row, id) in ids {
        if let Some(first) = seen.insert(id.clone(), row) {
            return Err(sheet.bad(
                row,
                column,
                format!("{id} appears twice (also row {first})"),
            ));
        }
    }
    Ok(())
}

/// Participants: a column `id`, one column per attribute, optional `wheelchair` (0/1) and `language`.
pub fn parse_participants(
    file: &str,
    text: &str,
    attributes: &[String],
) -> Result<Vec<Participant>, SeatingError> {
    let sh = Sheet::read(file, text)?;
    let id = sh.col("id")?;
    let cols = attributes
        .iter()
        .map(|a| sh.col(a))
        .collect::<Result<Vec<_>, _>>()?;
    let wheel = sh.opt_col("wheelchair");
    let lang = sh.opt_col("language");
    let mut out = Vec::with_capacity(sh.rows.len());
    for (row, rec) in &sh.rows {
        let values = cols
            .iter()
            .map(|&c| sh.nonempty(*row, rec, c).map(str::to_string))
            .collect::<Result<Vec<_>, _>>()?;
        out.push(Participant {
            id: sh.nonempty(*row, rec, id)?.to_string(),
            values,
            wheelchair: sh.flag(*row, rec, wheel)?,
            language: lang.map(|c| rec[c].clone()).unwrap_or_default(),
        });
    }
    check_unique(
        &sh,
        "id",
        sh.rows
            .iter()
            .zip(&out)
            .map(|((r, _), p)| (*r, p.id.clone())),
    )?;
    Ok(out)
}

/// Tables: columns `table`, `capacity`, optional `accessible` (0/1), `language`, `host`.
pub fn parse_tables(file: &str, text: &str) -> Result<Vec<Table>, SeatingError> {
    let sh = Sheet::read(file, text)?;
    let id = sh.col("table")?;
    let cap = sh.col("capacity")?;
    let acc = sh.opt_col("accessible");
    let lang = sh.opt_col("language");
    let host = sh.opt_col("host");
    let mut out = Vec::with_capacity(sh.rows.len());
    for (row, rec) in &sh.rows {
        let capacity = sh
            .nonempty(*row, rec, cap)?
            .parse::<usize>()
            .map_err(|e| sh.bad(*row, "capacity", format!("{:?}: {e}", rec[cap])))?;
        out.push(Table {
            id: sh.nonempty(*row, rec, id)?.to_string(),
            capacity,
            accessible: sh.flag(*row, rec, acc)?,
            language: lang.map(|c| rec[c].clone()).unwrap_or_default(),
            host: host.map(|c| rec[c].clone()).filter(|h| !h.is_empty()),
        });
    }
    check_unique(
        &sh,
        "table",
        sh.rows
            .iter()
            .zip(&out)
            .map(|((r, _), t)| (*r, t.id.clone())),
    )?;
    Ok(out)
}

/// Pairs: columns `kind` (together | apart), `a`, `b`.
pub fn parse_pairs(file: &str, text: &str) -> Result<Vec<Pair>, SeatingError> {
    let sh = Sheet::read(file, text)?;
    let (k, a, b) = (sh.col("kind")?, sh.col("a")?, sh.col("b")?);
    let mut out = Vec::new();
    for (row, rec) in &sh.rows {
        let kind = match sh.nonempty(*row, rec, k)? {
            "together" => PairKind::Together,
            "apart" => PairKind::Apart,
            v => {
                return Err(sh.bad(
                    *row,
                    "kind",
                    format!("expected together or apart, got {v:?}"),
                ));
            }
        };
        let (a, b) = (sh.nonempty(*row, rec, a)?, sh.nonempty(*row, rec, b)?);
        if a == b {
            return Err(sh.bad(*row, "b", format!("{a} paired with themselves")));
        }
        out.push(Pair {
            kind,
            a: a.to_string(),
            b: b.to_string(),
        });
    }
    Ok(out)
}

/// A plan: columns `round` (from 1), `table`, `participant`.
pub fn parse_plan(file: &str, text: &str) -> Result<Vec<PlanRow>, SeatingError> {
    let sh = Sheet::read(file, text)?;
    let (r, t, p) = (sh.col("round")?, sh.col("table")?, sh.col("participant")?);
    let mut out = Vec::new();
    for (row, rec) in &sh.rows {
        let round = sh
            .nonempty(*row, rec, r)?
            .parse::<usize>()
            .ok()
            .filter(|&x| x >= 1)
            .ok_or_else(|| {
                sh.bad(
                    *row,
                    "round",
                    format!("expected a round number from 1, got {:?}", rec[r]),
                )
            })?;
        out.push(PlanRow {
            round,
            table: sh.nonempty(*row, rec, t)?.to_string(),
            participant: sh.nonempty(*row, rec, p)?.to_string(),
        });
    }
    Ok(out)
}
