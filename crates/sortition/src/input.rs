//! Parsing of quota files and pool files (both the sortition-algorithms format and the
//! replication format of Flanigan et al.). Pure: works on strings handed in by the caller.

use std::collections::BTreeMap;
use std::fmt;

/// A precise input error: which file, which row (1-based line number, the header is line 1),
/// which column, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub file: String,
    pub row: Option<usize>,
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(r) = self.row {
            write!(f, ", row {r}")?;
        }
        if let Some(c) = &self.column {
            write!(f, ", column '{c}'")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for InputError {}

impl InputError {
    fn new(
        file: &str,
        row: Option<usize>,
        column: Option<&str>,
        message: impl Into<String>,
    ) -> Self {
        InputError {
            file: file.to_string(),
            row,
            column: column.map(str::to_string),
            message: message.into(),
        }
    }
}

/// Which header the quota file used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuotaFormat {
    /// `feature,value,min,max[,min_flex,max_flex]` (sortition-algorithms).
    FeatureValue,
    /// `category,name,min,max` (old sortition-algorithms header).
    CategoryName,
    /// `category,feature,min,max` (the paper's replication files: "feature" is the value).
    CategoryFeature,
}

/// Quota bounds for one value of one feature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueQuota {
    pub value: String,
    pub min: u32,
    pub max: u32,
    /// Lowest min a relaxation may suggest (default 0).
    pub min_flex: u32,
    /// Highest max a relaxation may suggest (default: unbounded, i.e. the panel size).
    pub max_flex: Option<u32>,
    /// Line of the quota file that defined it.
    pub row: usize,
}

/// One feature (demographic dimension) with its values in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feature {
    pub name: String,
    pub values: Vec<ValueQuota>,
}

/// All quotas, features and values in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotas {
    pub file: String,
    pub format: QuotaFormat,
    pub features: Vec<Feature>,
}

impl Quotas {
    /// Index of a value of feature `f` (exact match first, then case-insensitive, trimmed).
    pub fn value_index(&self, f: usize, value: &str) -> Option<usize> {
        let vals = &self.features[f].values;
        if let Some(i) = vals.iter().position(|v| v.value == value) {
            return Some(i);
        }
        let t = value.trim();
        vals.iter()
            .position(|v| v.value.trim().eq_ignore_ascii_case(t))
    }
}

/// One person of the pool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: String,
    /// For every feature (quota order), the index of the person's value.
    pub values: Vec<usize>,
    /// Line of the pool file.
    pub row: usize,
}

/// The pool, people in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pool {
    pub file: String,
    pub id_column: Option<String>,
    pub people: Vec<Person>,
    /// Groups (person indices, ascending) of two or more people sharing a household.
    pub households: Vec<Vec<usize>>,
}

fn parse_count(file: &str, row: usize, column: &str, s: &str) -> Result<u32, InputError> {
    let t = s.trim();
    if let Ok(v) = t.parse::<u32>() {
        return Ok(v);
    }
    // Accept "3.0" style integers written by spreadsheets.
    if let Ok(f) = t.parse::<f64>()
        && f >= 0.0
        && f.fract() == 0.0
        && f <= u32::MAX as f64
    {
        return Ok(f as u32);
    }
    Err(InputError::new(
        file,
        Some(row),
        Some(column),
        format!("'{s}' is not a non-negative integer"),
    ))
}

fn reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::None)
        .from_reader(text.strip_prefix('\u{feff}').unwrap_or(text).as_bytes())
}

fn csv_err(file: &str, e: csv::Error) -> InputError {
    let row = e.position().map(|p| p.line() as usize);
    InputError::new(file, row, None, format!("malformed CSV: {e}"))
}

/// Parse a quota file. `file` is the name used in error messages.
pub fn parse_quotas(file: &str, text: &str) -> Result<Quotas, InputError> {
    let mut rdr = reader(text);
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| csv_err(file, e))?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (format, fcol, vcol) = match (col("feature"), col("value"), col("category"), col("name")) {
        (Some(f), Some(v), _, _) => (QuotaFormat::FeatureValue, f, v),
        (_, _, Some(c), Some(n)) => (QuotaFormat::CategoryName, c, n),
        (Some(f), None, Some(c), _) => (QuotaFormat::CategoryFeature, c, f),
        _ => {
            return Err(InputError::new(
                file,
                Some(1),
                None,
                "unknown quota header: expected feature,value,min,max[,min_flex,max_flex] \
                 or category,feature,min,max (or category,name,min,max)",
            ));
        }
    };
    let mincol =
        col("min").ok_or_else(|| InputError::new(file, Some(1), Some("min"), "missing column"))?;
    let maxcol =
        col("max").ok_or_else(|| InputError::new(file, Some(1), Some("max"), "missing column"))?;
    let minflex = col("min_flex");
    let maxflex = col("max_flex");
    let names = |i: usize| headers[i].clone();

    let mut features: Vec<Feature> = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| csv_err(file, e))?;
        let row = rec.position().map(|p| p.line() as usize).unwrap_or(0);
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let get = |i: usize| -> Result<&str, InputError> {
            rec.get(i)
                .ok_or_else(|| InputError::new(file, Some(row), Some(&names(i)), "missing cell"))
        };
        let fname = get(fcol)?.trim().to_string();
        let vname = get(vcol)?.trim().to_string();
        if fname.is_empty() {
            return Err(InputError::new(
                file,
                Some(row),
                Some(&names(fcol)),
                "empty feature name",
            ));
        }
        if vname.is_empty() {
            return Err(InputError::new(
                file,
                Some(row),
                Some(&names(vcol)),
                "empty value name",
            ));
        }
        let min = parse_count(file, row, "min", get(mincol)?)?;
        let max = parse_count(file, row, "max", get(maxcol)?)?;
        if min > max {
            return Err(InputError::new(
                file,
                Some(row),
                Some("min"),
                format!("min {min} > max {max} for {fname} = {vname}"),
            ));
        }
        let min_flex = match minflex.and_then(|i| rec.get(i)).map(str::trim) {
            Some(s) if !s.is_empty() => parse_count(file, row, "min_flex", s)?,
            _ => 0,
        };
        let max_flex = match maxflex.and_then(|i| rec.get(i)).map(str::trim) {
            Some(s) if !s.is_empty() => Some(parse_count(file, row, "max_flex", s)?),
            _ => None,
        };
        if min_flex > min {
            return Err(InputError::new(
                file,
                Some(row),
                Some("min_flex"),
                format!("min_flex {min_flex} > min {min}"),
            ));
        }
        if let Some(mf) = max_flex
            && mf < max
        {
            return Err(InputError::new(
                file,
                Some(row),
                Some("max_flex"),
                format!("max_flex {mf} < max {max}"),
            ));
        }
        let fi = match features
            .iter()
            .position(|f| f.name.eq_ignore_ascii_case(&fname))
        {
            Some(i) => i,
            None => {
                features.push(Feature {
                    name: fname.clone(),
                    values: Vec::new(),
                });
                features.len() - 1
            }
        };
        if let Some(prev) = features[fi]
            .values
            .iter()
            .find(|v| v.value.eq_ignore_ascii_case(&vname))
        {
            return Err(InputError::new(
                file,
                Some(row),
                Some(&names(vcol)),
                format!(
                    "duplicate quota for {fname} = {vname} (first at row {})",
                    prev.row
                ),
            ));
        }
        features[fi].values.push(ValueQuota {
            value: vname,
            min,
            max,
            min_flex,
            max_flex,
            row,
        });
    }
    if features.is_empty() {
        return Err(InputError::new(file, None, None, "no quota rows"));
    }
    Ok(Quotas {
        file: file.to_string(),
        format,
        features,
    })
}

/// Options for reading a pool.
#[derive(Debug, Clone, Default)]
pub struct PoolOptions {
    /// Id column; `None` = `id`, else `nationbuilder_id`, else the 0-based row index.
    pub id_column: Option<String>,
    /// Columns that together identify a household (at most one member per panel).
    pub household_columns: Vec<String>,
}

/// Parse the pool CSV against the quotas.
pub fn parse_pool(
    file: &str,
    text: &str,
    quotas: &Quotas,
    opts: &PoolOptions,
) -> Result<Pool, InputError> {
    let mut rdr = reader(text);
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| csv_err(file, e))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let find = |name: &str| -> Option<usize> {
        headers
            .iter()
            .position(|h| h == name)
            .or_else(|| headers.iter().position(|h| h.eq_ignore_ascii_case(name)))
    };
    let id_col = match &opts.id_column {
        Some(c) => Some(find(c).ok_or_else(|| {
            InputError::new(file, Some(1), Some(c), "id column not found in the header")
        })?),
        None => find("id").or_else(|| find("nationbuilder_id")),
    };
    let mut fcols = Vec::with_capacity(quotas.features.len());
    for f in &quotas.features {
        let c = find(&f.name).ok_or_else(|| {
            InputError::new(
                file,
                Some(1),
                Some(&f.name),
                format!("no column for feature '{}' of {}", f.name, quotas.file),
            )
        })?;
        fcols.push(c);
    }
    let mut hcols = Vec::new();
    for h in &opts.household_columns {
        hcols.push(find(h).ok_or_else(|| {
            InputError::new(
                file,
                Some(1),
                Some(h),
                "household column not found in the header",
            )
        })?);
    }

    let mut people = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut house: BTreeMap<Vec<String>, Vec<usize>> = BTreeMap::new();
    for (index, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| csv_err(file, e))?;
        let row = rec
            .position()
            .map(|p| p.line() as usize)
            .unwrap_or(index + 2);
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let id = match id_col {
            Some(c) => {
                let s = rec.get(c).unwrap_or("").trim().to_string();
                if s.is_empty() {
                    return Err(InputError::new(
                        file,
                        Some(row),
                        Some(&headers[c]),
                        "empty id",
                    ));
                }
                s
            }
            None => index.to_string(),
        };
        if let Some(prev) = seen.get(&id) {
            return Err(InputError::new(
                file,
                Some(row),
                id_col.map(|c| headers[c].as_str()),
                format!("duplicate id '{id}' (first at row {prev})"),
            ));
        }
        seen.insert(id.clone(), row);
        let mut values = Vec::with_capacity(fcols.len());
        for (fi, &c) in fcols.iter().enumerate() {
            let cell = rec.get(c).unwrap_or("");
            match quotas.value_index(fi, cell) {
                Some(v) => values.push(v),
                None => {
                    return Err(InputError::new(
                        file,
                        Some(row),
                        Some(&headers[c]),
                        format!(
                            "value '{cell}' has no quota row for feature '{}' in {}",
                            quotas.features[fi].name, quotas.file
                        ),
                    ));
                }
            }
        }
        if !hcols.is_empty() {
            let key: Vec<String> = hcols
                .iter()
                .map(|&c| rec.get(c).unwrap_or("").trim().to_lowercase())
                .collect();
            if key.iter().any(|s| !s.is_empty()) {
                house.entry(key).or_default().push(people.len());
            }
        }
        people.push(Person { id, values, row });
    }
    if people.is_empty() {
        return Err(InputError::new(file, None, None, "the pool is empty"));
    }
    let mut households: Vec<Vec<usize>> = house.into_values().filter(|g| g.len() > 1).collect();
    households.sort();
    Ok(Pool {
        file: file.to_string(),
        id_column: id_col.map(|c| headers[c].clone()),
        people,
        households,
    })
}
