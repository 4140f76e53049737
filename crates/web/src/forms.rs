//! Reading and validating the set-up forms. Each validator returns either the clean values or, per field, a
//! message for the person (translated), while the template shows the entered values again.

use g1000_store::{GroupFields, GroupKind, JoinMethod, RoundFields, RoundKind, SummitFields};

use crate::i18n::Tr;

/// A posted form as name/value pairs (repeated names allowed, e.g. check boxes).
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(transparent)]
pub struct FormData(pub Vec<(String, String)>);

impl FormData {
    pub fn get(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    }
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .collect()
    }
}

/// Messages per field name, in the order of the form (the error summary lists them in that order).
#[derive(Debug, Default, Clone)]
pub struct FieldErrors(pub Vec<(String, String)>);

impl FieldErrors {
    /// Record the first message for a field.
    pub fn add(&mut self, field: &str, msg: String) {
        if !self.has(field) {
            self.0.push((field.to_string(), msg));
        }
    }
    pub fn get(&self, field: &str) -> String {
        self.0
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.clone())
            .unwrap_or_default()
    }
    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|(f, _)| f == field)
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn count(&self) -> usize {
        self.0.len()
    }
    /// (field, message) pairs for the error summary at the top of a form.
    pub fn list(&self) -> Vec<(String, String)> {
        self.0.clone()
    }
}

/// Languages a summit can be held or interpreted in (codes; names come from the catalogue as `language-CODE`).
pub const SUMMIT_LANGUAGES: &[&str] =
    &["nl", "en", "fr", "de", "ar", "tr", "pl", "uk", "ngt", "vgt"];

fn required(e: &mut FieldErrors, tr: &Tr, field: &str, value: &str, max: usize) {
    if value.is_empty() {
        e.add(field, tr.t("error-required"));
    } else if value.chars().count() > max {
        e.add(field, tr.tn("error-too-long", "max", max as i64));
    }
}

fn integer(
    e: &mut FieldErrors,
    tr: &Tr,
    field: &str,
    value: &str,
    min: i64,
    max: i64,
) -> Option<i64> {
    if value.is_empty() {
        e.add(field, tr.t("error-required"));
        return None;
    }
    match value.parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Some(n),
        Ok(_) => {
            e.add(field, tr.tns("error-range", &[("min", min), ("max", max)]));
            None
        }
        Err(_) => {
            e.add(field, tr.t("error-whole-number"));
            None
        }
    }
}

/// The summit form's raw values, kept for re-display.
#[derive(Debug, Default, Clone)]
pub struct SummitInput {
    pub name: String,
    pub community: String,
    pub date: String,
    pub start_time: String,
    pub venue: String,
    pub capacity: String,
    pub languages: Vec<String>,
    pub description: String,
}

impl SummitInput {
    pub fn from_form(f: &FormData) -> Self {
        Self {
            name: f.get("name"),
            community: f.get("community"),
            date: f.get("date"),
            start_time: f.get("start_time"),
            venue: f.get("venue"),
            capacity: f.get("capacity"),
            languages: f.all("languages"),
            description: f.get("description"),
        }
    }

    pub fn from_fields(s: &SummitFields) -> Self {
        Self {
            name: s.name.clone(),
            community: s.community.clone(),
            date: s.date.clone(),
            start_time: s.start_time.clone(),
            venue: s.venue.clone(),
            capacity: s.capacity.to_string(),
            languages: s.languages.clone(),
            description: s.description.clone(),
        }
    }

    pub fn new_default() -> Self {
        Self {
            start_time: "09:30".into(),
            languages: vec!["nl".into()],
            ..Default::default()
        }
    }

    pub fn has_language(&self, code: &&str) -> bool {
        self.languages.iter().any(|l| l == code)
    }

    pub fn validate(&self, tr: &Tr) -> Result<SummitFields, FieldErrors> {
        let mut e = FieldErrors::default();
        required(&mut e, tr, "name", &self.name, 120);
        required(&mut e, tr, "community", &self.community, 120);
        if self.date.is_empty() {
            e.add("date", tr.t("error-required"));
        } else if !valid_date(&self.date) {
            e.add("date", tr.t("error-date"));
        }
        if !valid_time(&self.start_time) {
            e.add("start_time", tr.t("error-time"));
        }
        required(&mut e, tr, "venue", &self.venue, 200);
        let capacity = integer(&mut e, tr, "capacity", &self.capacity, 10, 100_000);
        if self.languages.is_empty() {
            e.add("languages", tr.t("error-languages"));
        } else if self
            .languages
            .iter()
            .any(|l| !SUMMIT_LANGUAGES.contains(&l.as_str()))
        {
            e.add("languages", tr.t("error-choice"));
        }
        if self.description.chars().count() > 4000 {
            e.add("description", tr.tn("error-too-long", "max", 4000));
        }
        if !e.is_empty() {
            return Err(e);
        }
        // Keep the catalogue's order, without duplicates.
        let languages = SUMMIT_LANGUAGES
            .iter()
            .filter(|c| self.languages.iter().any(|l| l == *c))
            .map(|c| c.to_string())
            .collect();
        Ok(SummitFields {
            name: self.name.clone(),
            community: self.community.clone(),
            date: self.date.clone(),
            start_time: self.start_time.clone(),
            venue: self.venue.clone(),
            capacity: capacity.unwrap_or_default(),
            languages,
            description: self.description.clone(),
        })
    }
}

pub fn valid_date(s: &str) -> bool {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s, &fmt).is_ok()
}

pub fn valid_time(s: &str) -> bool {
    let fmt = time::macros::format_description!("[hour]:[minute]");
    time::Time::parse(s, &fmt).is_ok()
}

#[derive(Debug, Default, Clone)]
pub struct GroupInput {
    pub name: String,
    pub kind: String,
    pub seat_target: String,
    pub join_method: String,
    pub open_cap: String,
}

impl GroupInput {
    pub fn from_form(f: &FormData) -> Self {
        Self {
            name: f.get("name"),
            kind: f.get("kind"),
            seat_target: f.get("seat_target"),
            join_method: f.get("join_method"),
            open_cap: f.get("open_cap"),
        }
    }

    pub fn from_fields(g: &GroupFields) -> Self {
        Self {
            name: g.name.clone(),
            kind: g.kind.as_str().into(),
            seat_target: g.seat_target.to_string(),
            join_method: g.join_method.as_str().into(),
            open_cap: g.open_cap.map(|c| c.to_string()).unwrap_or_default(),
        }
    }

    pub fn validate(&self, tr: &Tr) -> Result<GroupFields, FieldErrors> {
        let mut e = FieldErrors::default();
        required(&mut e, tr, "name", &self.name, 80);
        let kind = GroupKind::parse(&self.kind);
        if kind.is_none() {
            e.add("kind", tr.t("error-choice"));
        }
        let seat_target = integer(&mut e, tr, "seat_target", &self.seat_target, 0, 100_000);
        let join_method = JoinMethod::parse(&self.join_method);
        if join_method.is_none() {
            e.add("join_method", tr.t("error-choice"));
        }
        let mut open_cap = None;
        if join_method == Some(JoinMethod::Open) {
            open_cap = integer(&mut e, tr, "open_cap", &self.open_cap, 1, 100_000);
            if let (Some(cap), Some(target)) = (open_cap, seat_target)
                && cap < target
            {
                e.add("open_cap", tr.t("error-cap-below-target"));
            }
        }
        if !e.is_empty() {
            return Err(e);
        }
        Ok(GroupFields {
            name: self.name.clone(),
            kind: kind.expect("checked"),
            seat_target: seat_target.expect("checked"),
            join_method: join_method.expect("checked"),
            open_cap,
        })
    }
}

#[derive(Debug, Default, Clone)]
pub struct RoundInput {
    pub kind: String,
    pub question: String,
    pub duration_min: String,
    pub table_size: String,
}

/// Round kinds held at tables (need a table size of at least 2); the others are plenary.
pub fn at_tables(kind: RoundKind) -> bool {
    matches!(
        kind,
        RoundKind::Dialogue | RoundKind::Agenda | RoundKind::Proposals | RoundKind::Statements
    )
}

impl RoundInput {
    pub fn from_form(f: &FormData) -> Self {
        Self {
            kind: f.get("kind"),
            question: f.get("question"),
            duration_min: f.get("duration_min"),
            table_size: f.get("table_size"),
        }
    }

    pub fn from_fields(r: &RoundFields) -> Self {
        Self {
            kind: r.kind.as_str().into(),
            question: r.question.clone(),
            duration_min: r.duration_min.to_string(),
            table_size: r.table_size.to_string(),
        }
    }

    pub fn new_default() -> Self {
        Self {
            kind: "dialogue".into(),
            duration_min: "45".into(),
            table_size: "10".into(),
            ..Default::default()
        }
    }

    pub fn validate(&self, tr: &Tr) -> Result<RoundFields, FieldErrors> {
        let mut e = FieldErrors::default();
        let kind = RoundKind::parse(&self.kind);
        if kind.is_none() {
            e.add("kind", tr.t("error-choice"));
        }
        let needs_question =
            kind.is_some_and(|k| !matches!(k, RoundKind::Welcome | RoundKind::Closing));
        if needs_question {
            required(&mut e, tr, "question", &self.question, 500);
        } else if self.question.chars().count() > 500 {
            e.add("question", tr.tn("error-too-long", "max", 500));
        }
        let duration = integer(&mut e, tr, "duration_min", &self.duration_min, 1, 600);
        let table_size = if self.table_size.is_empty() && kind.is_some_and(|k| !at_tables(k)) {
            Some(0)
        } else {
            integer(&mut e, tr, "table_size", &self.table_size, 0, 30)
        };
        if let (Some(k), Some(size)) = (kind, table_size)
            && at_tables(k)
            && size < 2
        {
            e.add("table_size", tr.t("error-table-size"));
        }
        if !e.is_empty() {
            return Err(e);
        }
        Ok(RoundFields {
            kind: kind.expect("checked"),
            question: self.question.clone(),
            duration_min: duration.expect("checked"),
            table_size: table_size.expect("checked"),
        })
    }
}

/// The attribute form: a name, and one band a line (`label` or `label; share %`).
#[derive(Debug, Default, Clone)]
pub struct AttributeInput {
    pub name: String,
    pub bands: String,
}

impl AttributeInput {
    pub fn from_form(f: &FormData) -> Self {
        Self {
            name: f.get("name"),
            bands: f.get("bands"),
        }
    }

    pub fn from_fields(a: &g1000_store::AttributeFields) -> Self {
        let bands = a
            .bands
            .iter()
            .map(|b| match b.share_permille {
                Some(p) if p % 10 == 0 => format!("{}; {}", b.label, p / 10),
                Some(p) => format!("{}; {}.{}", b.label, p / 10, p % 10),
                None => b.label.clone(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        Self {
            name: a.name.clone(),
            bands,
        }
    }

    pub fn validate(&self, tr: &Tr) -> Result<g1000_store::AttributeFields, FieldErrors> {
        let mut e = FieldErrors::default();
        required(&mut e, tr, "name", &self.name, 80);
        let mut bands: Vec<g1000_store::Band> = vec![];
        for (i, line) in self.bands.lines().enumerate() {
            let line_no = i as i64 + 1;
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let (label, share) = match line.split_once(';') {
                Some((l, s)) => (l.trim(), Some(s.trim())),
                None => (line, None),
            };
            if label.is_empty() || label.chars().count() > 80 {
                e.add("bands", tr.tn("error-band-label", "line", line_no));
                break;
            }
            if bands.iter().any(|b| b.label.eq_ignore_ascii_case(label)) {
                e.add("bands", tr.tn("error-band-duplicate", "line", line_no));
                break;
            }
            let share_permille = match share {
                None | Some("") => None,
                Some(s) => {
                    let s = s.trim_end_matches('%').trim().replace(',', ".");
                    match s.parse::<f64>() {
                        Ok(v) if (0.0..=100.0).contains(&v) => Some((v * 10.0).round() as i64),
                        _ => {
                            e.add("bands", tr.tn("error-band-share", "line", line_no));
                            break;
                        }
                    }
                }
            };
            bands.push(g1000_store::Band {
                label: label.to_string(),
                share_permille,
            });
        }
        if !e.has("bands") {
            let with_share = bands.iter().filter(|b| b.share_permille.is_some()).count();
            let total: i64 = bands.iter().filter_map(|b| b.share_permille).sum();
            if bands.len() < 2 {
                e.add("bands", tr.t("error-bands-few"));
            } else if bands.len() > 30 {
                e.add("bands", tr.tn("error-too-many", "max", 30));
            } else if with_share != 0 && with_share != bands.len() {
                e.add("bands", tr.t("error-bands-some-shares"));
            } else if with_share > 0 && (total - 1000).abs() > 5 {
                e.add(
                    "bands",
                    tr.t1(
                        "error-bands-sum",
                        "sum",
                        format!("{:.1}", total as f64 / 10.0),
                    ),
                );
            }
        }
        if !e.is_empty() {
            return Err(e);
        }
        Ok(g1000_store::AttributeFields {
            name: self.name.clone(),
            bands,
        })
    }
}

/// Interpreter languages a registrant can ask for (names from the catalogue as `language-CODE`).
pub const INTERPRETER_LANGUAGES: &[&str] = &["en", "fr", "de", "ar", "tr", "pl", "uk"];
/// Diets a registrant can tick (names from the catalogue as `diet-CODE`).
pub const DIETS: &[&str] = &[
    "vegetarian",
    "vegan",
    "halal",
    "kosher",
    "gluten_free",
    "lactose_free",
    "nut_allergy",
];
/// The version of the privacy statement a registrant agrees to (stored with the consent).
pub const PRIVACY_VERSION: &str = "2026-1";

/// The registration form's raw values, kept for re-display. Bands are keyed `attr-ID`.
#[derive(Debug, Default, Clone)]
pub struct RegistrationInput {
    pub name: String,
    pub email: String,
    pub phone: String,
    /// (attribute id, chosen band label).
    pub bands: Vec<(i64, String)>,
    /// "yes", "no" or empty.
    pub attend: String,
    pub wheelchair: bool,
    pub hearing_loop: bool,
    pub sign_language: bool,
    pub interpreter: String,
    pub diet: Vec<String>,
    pub diet_other: String,
    pub needs_consent: bool,
    pub consent: bool,
}

/// A registration's clean values.
#[derive(Debug, Clone)]
pub struct RegistrationValues {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub bands: Vec<(i64, String)>,
    pub can_attend: bool,
    pub needs: g1000_store::AccessNeeds,
}

/// A phone number as people write it: digits with spaces, dashes, dots, brackets, a leading +; 8 to 15 digits.
pub fn valid_phone(s: &str) -> bool {
    let digits = s.chars().filter(|c| c.is_ascii_digit()).count();
    (8..=15).contains(&digits)
        && s.chars().enumerate().all(|(i, c)| {
            c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')') || (c == '+' && i == 0)
        })
}

impl RegistrationInput {
    pub fn from_form(f: &FormData, attributes: &[g1000_store::Attribute]) -> Self {
        let on = |name: &str| !f.get(name).is_empty();
        Self {
            name: f.get("name"),
            email: f.get("email"),
            phone: f.get("phone"),
            bands: attributes
                .iter()
                .map(|a| (a.id, f.get(&format!("attr-{}", a.id))))
                .collect(),
            attend: f.get("attend"),
            wheelchair: on("wheelchair"),
            hearing_loop: on("hearing_loop"),
            sign_language: on("sign_language"),
            interpreter: f.get("interpreter"),
            diet: f.all("diet"),
            diet_other: f.get("diet_other"),
            needs_consent: on("needs_consent"),
            consent: on("consent"),
        }
    }

    pub fn band(&self, attribute_id: &i64) -> String {
        self.bands
            .iter()
            .find(|(id, _)| id == attribute_id)
            .map(|(_, b)| b.clone())
            .unwrap_or_default()
    }

    pub fn has_diet(&self, code: &&str) -> bool {
        self.diet.iter().any(|d| d == code)
    }

    pub fn validate(
        &self,
        tr: &Tr,
        attributes: &[g1000_store::Attribute],
    ) -> Result<RegistrationValues, FieldErrors> {
        let mut e = FieldErrors::default();
        required(&mut e, tr, "name", &self.name, 100);
        if self.email.is_empty() && self.phone.is_empty() {
            e.add("email", tr.t("error-contact"));
        } else {
            if !self.email.is_empty() && !crate::pages::account::valid_email(&self.email) {
                e.add("email", tr.t("error-email"));
            }
            if !self.phone.is_empty() && !valid_phone(&self.phone) {
                e.add("phone", tr.t("error-phone"));
            }
        }
        let mut bands = vec![];
        for a in attributes {
            let chosen = self.band(&a.id);
            let field = format!("attr-{}", a.id);
            match a.fields.bands.iter().find(|b| b.label == chosen) {
                Some(b) => bands.push((a.id, b.label.clone())),
                None if chosen.is_empty() => e.add(&field, tr.t("error-choose-band")),
                None => e.add(&field, tr.t("error-choice")),
            }
        }
        let can_attend = match self.attend.as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => {
                e.add("attend", tr.t("error-attend"));
                None
            }
        };
        if !self.interpreter.is_empty()
            && !INTERPRETER_LANGUAGES.contains(&self.interpreter.as_str())
        {
            e.add("interpreter", tr.t("error-choice"));
        }
        if self.diet.iter().any(|d| !DIETS.contains(&d.as_str())) {
            e.add("diet", tr.t("error-choice"));
        }
        if self.diet_other.chars().count() > 200 {
            e.add("diet_other", tr.tn("error-too-long", "max", 200));
        }
        let needs = g1000_store::AccessNeeds {
            wheelchair: self.wheelchair,
            hearing_loop: self.hearing_loop,
            sign_language: self.sign_language,
            interpreter_language: Some(self.interpreter.clone()).filter(|s| !s.is_empty()),
            diet: DIETS
                .iter()
                .filter(|d| self.has_diet(d))
                .map(|d| d.to_string())
                .collect(),
            diet_other: Some(self.diet_other.clone()).filter(|s| !s.is_empty()),
        };
        if needs.any() && !self.needs_consent {
            e.add("needs_consent", tr.t("error-needs-consent"));
        }
        if !self.consent {
            e.add("consent", tr.t("error-consent"));
        }
        if !e.is_empty() {
            return Err(e);
        }
        Ok(RegistrationValues {
            name: self.name.clone(),
            email: Some(self.email.trim().to_lowercase()).filter(|s| !s.is_empty()),
            phone: Some(self.phone.clone()).filter(|s| !s.is_empty()),
            bands,
            can_attend: can_attend.expect("checked"),
            needs,
        })
    }
}

/// One part of a `multipart/form-data` body (a file upload form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    pub filename: Option<String>,
    pub data: Vec<u8>,
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from > haystack.len() {
        return None;
    }
    haystack[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// The boundary of a `multipart/form-data` content type.
pub fn multipart_boundary(content_type: &str) -> Option<String> {
    let (mime, params) = content_type.split_once(';')?;
    if !mime.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.split(';').find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| v.trim().trim_matches('"').to_string())
            .filter(|b| !b.is_empty() && b.len() <= 200)
    })
}

/// Split a `multipart/form-data` body into its parts (RFC 7578). `None` when it is not well-formed.
pub fn multipart(content_type: &str, body: &[u8]) -> Option<Vec<Part>> {
    let boundary = multipart_boundary(content_type)?;
    let delim = format!("--{boundary}").into_bytes();
    let next_delim = format!("\r\n--{boundary}").into_bytes();
    let mut pos = find(body, &delim, 0)? + delim.len();
    let mut parts = vec![];
    loop {
        if body.get(pos..pos + 2)? == b"--" {
            return Some(parts);
        }
        if body.get(pos..pos + 2)? != b"\r\n" {
            return None;
        }
        pos += 2;
        let head_end = find(body, b"\r\n\r\n", pos)?;
        let head = std::str::from_utf8(&body[pos..head_end]).ok()?;
        let data_start = head_end + 4;
        let data_end = find(body, &next_delim, data_start)?;
        let mut name = None;
        let mut filename = None;
        for line in head.split("\r\n") {
            let Some((k, v)) = line.split_once(':') else {
                continue;
            };
            if !k.trim().eq_ignore_ascii_case("content-disposition") {
                continue;
            }
            for param in v.split(';').skip(1) {
                let Some((pk, pv)) = param.trim().split_once('=') else {
                    continue;
                };
                let pv = pv.trim().trim_matches('"').to_string();
                match pk.trim() {
                    "name" => name = Some(pv),
                    "filename" => filename = Some(pv),
                    _ => {}
                }
            }
        }
        parts.push(Part {
            name: name?,
            filename,
            data: body[data_start..data_end].to_vec(),
        });
        pos = data_end + next_delim.len();
    }
}

#[cfg(test)]
mod multipart_tests {
    use super::*;

    #[test]
    fn splits_a_browser_upload() {
        let ct = "multipart/form-data; boundary=----WebKitFormBoundaryAbC";
        let body = b"------WebKitFormBoundaryAbC\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\ntok\r\n\
------WebKitFormBoundaryAbC\r\nContent-Disposition: form-data; name=\"codes\"; filename=\"codes.txt\"\r\n\
Content-Type: text/plain\r\n\r\nsalt: ab\r\nline two\r\n------WebKitFormBoundaryAbC--\r\n";
        let parts = multipart(ct, body).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(
            (parts[0].name.as_str(), parts[0].data.as_slice()),
            ("_csrf", &b"tok"[..])
        );
        assert_eq!(parts[1].filename.as_deref(), Some("codes.txt"));
        assert_eq!(parts[1].data, b"salt: ab\r\nline two");
        assert!(multipart("text/plain", body).is_none());
        assert!(multipart(ct, b"garbage").is_none());
    }

    #[test]
    fn phone_numbers() {
        assert!(valid_phone("06 12345678"));
        assert!(valid_phone("+31 (0)6-1234 5678"));
        assert!(!valid_phone("12345"));
        assert!(!valid_phone("06 1234 567x"));
        assert!(!valid_phone("06+12345678"));
    }
}
