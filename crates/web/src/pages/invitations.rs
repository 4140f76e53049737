//! Registration, the organisers' side: import the `codes.txt` of a draw, make personal invitation links, and
//! follow the registrations per group and per attribute band against the targets, live.

use askama::Template;
use axum::Form;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::Response;
use g1000_invite::{Code, CodesFile};
use g1000_store::{
    Attribute, BatchKind, CodeBatch, JoinMethod, RegistrationStatus, StakeholderGroup, StoreError,
    Summit,
};
use serde::Deserialize;

use super::{render, render_invalid};
use crate::AppState;
use crate::auth::{Ctx, SummitAccess, see_other};
use crate::error::{AppError, AppResult};
use crate::forms::{FieldErrors, FormData};

/// Links made at once, at most.
pub const MAX_LINKS: i64 = 500;

#[derive(Template)]
#[template(path = "invitations.html")]
pub struct InvitationsPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub groups: Vec<StakeholderGroup>,
    pub batches: Vec<CodeBatch>,
    pub errors: FieldErrors,
    /// The import form's group (kept after an error).
    pub import_group: String,
    pub links_group: String,
    pub links_count: String,
    /// What the last import did.
    pub notice: String,
    /// Links just made: shown this once, never stored.
    pub new_links: Vec<String>,
}

impl InvitationsPage {
    pub fn lottery_groups(&self) -> Vec<&StakeholderGroup> {
        self.groups
            .iter()
            .filter(|g| g.fields.join_method == JoinMethod::Lottery)
            .collect()
    }
    pub fn invitation_groups(&self) -> Vec<&StakeholderGroup> {
        self.groups
            .iter()
            .filter(|g| g.fields.join_method == JoinMethod::Invitation)
            .collect()
    }
    pub fn open_groups(&self) -> Vec<&StakeholderGroup> {
        self.groups
            .iter()
            .filter(|g| g.fields.join_method == JoinMethod::Open)
            .collect()
    }
    pub fn group_name(&self, id: &i64) -> String {
        self.groups
            .iter()
            .find(|g| g.id == *id)
            .map(|g| g.fields.name.clone())
            .unwrap_or_default()
    }
    pub fn kind_name(&self, b: &CodeBatch) -> String {
        self.ctx.t(&format!("batch-kind-{}", b.kind))
    }
    pub fn short(&self, hash: &str) -> String {
        hash.chars().take(12).collect()
    }
    pub fn is(&self, selected: &str, id: &i64) -> bool {
        selected == id.to_string()
    }
}

async fn page(ctx: Ctx, state: &AppState, summit: Summit) -> AppResult<InvitationsPage> {
    let groups = state.store.groups(summit.id).await?;
    let batches = state.store.code_batches(Some(summit.id)).await?;
    let first = |m: JoinMethod| {
        groups
            .iter()
            .find(|g| g.fields.join_method == m)
            .map(|g| g.id.to_string())
            .unwrap_or_default()
    };
    Ok(InvitationsPage {
        import_group: first(JoinMethod::Lottery),
        links_group: first(JoinMethod::Invitation),
        links_count: "1".into(),
        ctx,
        summit,
        groups,
        batches,
        errors: FieldErrors::default(),
        notice: String::new(),
        new_links: vec![],
    })
}

#[derive(Deserialize)]
pub struct ImportedQuery {
    added: Option<i64>,
    already: Option<i64>,
}

pub async fn list(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Query(q): Query<ImportedQuery>,
) -> AppResult<Response> {
    let mut p = page(ctx, &state, access.summit).await?;
    if let (Some(added), Some(already)) = (q.added, q.already) {
        p.notice = p
            .ctx
            .tns("import-done", &[("added", added), ("already", already)]);
    }
    render(&p)
}

/// Upload of a `codes.txt` (multipart form: `group`, `codes`). Only the hashes and the salt are stored.
pub async fn import(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let parts = crate::forms::multipart(content_type, &body)
        .ok_or_else(|| AppError::BadRequest("expected a multipart/form-data upload".into()))?;
    let field = |name: &str| parts.iter().find(|p| p.name == name);
    let group_s = field("group")
        .map(|p| String::from_utf8_lossy(&p.data).trim().to_string())
        .unwrap_or_default();
    let file = field("codes").map(|p| p.data.clone()).unwrap_or_default();

    let mut p = page(ctx, &state, access.summit).await?;
    p.import_group = group_s.clone();
    let group = p
        .lottery_groups()
        .into_iter()
        .find(|g| g.id.to_string() == group_s)
        .cloned();
    if group.is_none() {
        p.errors.add("group", p.ctx.t("error-choice"));
    }
    let parsed = if file.is_empty() {
        p.errors.add("codes", p.ctx.t("import-error-no-file"));
        None
    } else {
        match std::str::from_utf8(&file) {
            Err(_) => {
                p.errors.add("codes", p.ctx.t("import-error-not-text"));
                None
            }
            Ok(text) => match CodesFile::parse(text) {
                Ok(f) if f.hashes.is_empty() => {
                    p.errors.add("codes", p.ctx.t("import-error-empty"));
                    None
                }
                Ok(f) => Some(f),
                Err(msg) => {
                    let problem = parse_problem(&p.ctx, &msg);
                    p.errors
                        .add("codes", p.ctx.t1("import-error-parse", "problem", problem));
                    None
                }
            },
        }
    };
    let (Some(group), Some(codes)) = (group, parsed) else {
        return render_invalid(&p);
    };
    let file_sha256 = crate::security::sha256_hex_bytes(&file);
    let outcome = match state
        .store
        .import_codes(
            p.summit.id,
            group.id,
            BatchKind::Letters,
            &hex::encode(codes.salt),
            &file_sha256,
            &codes.hashes,
        )
        .await
    {
        Ok(o) => o,
        Err(StoreError::Conflict(_)) => {
            p.errors.add("codes", p.ctx.t("import-error-other-group"));
            return render_invalid(&p);
        }
        Err(e) => return Err(e.into()),
    };
    let detail = serde_json::json!({
        "group_id": group.id,
        "group": group.fields.name,
        "file_sha256": file_sha256,
        "codes": codes.hashes.len(),
        "added": outcome.added,
        "already": outcome.already,
    });
    super::audit(&state, &p.ctx, p.summit.id, "codes.imported", detail).await?;
    Ok(see_other(&format!(
        "/manage/{}/invitations?added={}&already={}",
        p.summit.slug, outcome.added, outcome.already
    )))
}

/// The reason `CodesFile::parse` gave, in the page's language (with its line number).
fn parse_problem(ctx: &Ctx, msg: &str) -> String {
    if let Some((line, what)) = msg
        .strip_prefix("line ")
        .and_then(|rest| rest.split_once(": "))
        && let Ok(line) = line.parse::<i64>()
    {
        let key = match what {
            "not a hash" => "import-problem-hash",
            "bad salt" | "the salt must be 32 bytes" => "import-problem-salt",
            "bad count" => "import-problem-count",
            _ => return msg.to_string(),
        };
        return ctx.tn(key, "line", line);
    }
    if msg.starts_with("no 'salt:'") {
        return ctx.t("import-problem-no-salt");
    }
    // "'count: N' but M hashes"
    let numbers: Vec<i64> = msg
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    if msg.starts_with("'count:") && numbers.len() == 2 {
        return ctx.tns(
            "import-problem-mismatch",
            &[("count", numbers[0]), ("found", numbers[1])],
        );
    }
    msg.to_string()
}

/// The site's own address, for links to hand out (from the request: the proxy's `X-Forwarded-Proto` and `Host`).
pub(crate) fn origin(state: &AppState, headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("localhost");
    let scheme = if crate::security::is_https(state, headers) {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

/// Make personal invitation links for a group that joins by invitation: fresh codes, only their hashes stored,
/// the links shown once.
pub async fn make_links(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let mut p = page(ctx, &state, access.summit).await?;
    p.links_group = form.get("group");
    p.links_count = form.get("count");
    let group = p
        .invitation_groups()
        .into_iter()
        .find(|g| g.id.to_string() == p.links_group)
        .cloned();
    if group.is_none() {
        p.errors.add("links_group", p.ctx.t("error-choice"));
    }
    let count = match p.links_count.parse::<i64>() {
        Ok(n) if (1..=MAX_LINKS).contains(&n) => Some(n),
        Ok(_) => {
            p.errors.add(
                "count",
                p.ctx.tns("error-range", &[("min", 1), ("max", MAX_LINKS)]),
            );
            None
        }
        Err(_) => {
            p.errors.add("count", p.ctx.t("error-whole-number"));
            None
        }
    };
    let (Some(group), Some(count)) = (group, count) else {
        return render_invalid(&p);
    };
    // One batch (one salt) per group for its links.
    let salt_hex = match p
        .batches
        .iter()
        .find(|b| b.group_id == group.id && b.kind() == BatchKind::Links)
    {
        Some(b) => b.salt.clone(),
        None => crate::security::random_token(),
    };
    let salt = hex::decode(&salt_hex).map_err(|e| AppError::Internal(e.to_string()))?;
    let mut codes = Vec::with_capacity(count as usize);
    while codes.len() < count as usize {
        let c = Code::generate().map_err(|e| AppError::Internal(e.to_string()))?;
        if !codes.contains(&c) {
            codes.push(c);
        }
    }
    let hashes: Vec<String> = codes
        .iter()
        .map(|c| g1000_invite::hash_code(&salt, c))
        .collect();
    state
        .store
        .import_codes(
            p.summit.id,
            group.id,
            BatchKind::Links,
            &salt_hex,
            "",
            &hashes,
        )
        .await?;
    let detail =
        serde_json::json!({"group_id": group.id, "group": group.fields.name, "count": count});
    super::audit(&state, &p.ctx, p.summit.id, "links.created", detail).await?;
    let base = origin(&state, &headers);
    p.new_links = codes
        .iter()
        .map(|c| g1000_invite::registration_url(&base, c))
        .collect();
    p.batches = state.store.code_batches(Some(p.summit.id)).await?;
    p.notice = p.ctx.tn("links-done", "count", count);
    render(&p)
}

// ---- the overview ----

/// One group's line in the overview.
pub struct GroupLine {
    pub group: StakeholderGroup,
    /// In the pool (or registered, for groups without a draw).
    pub pool: i64,
    pub waiting: i64,
    pub unavailable: i64,
    pub codes: i64,
    pub used: i64,
    /// Registrations in the pool per seat, in per cent.
    pub percent_of_target: i64,
}

/// One band's line: how many in the pool of the lottery groups declared it, against its share of their seats.
pub struct BandLine {
    pub label: String,
    pub share_permille: Option<i64>,
    pub target: Option<i64>,
    pub registered: i64,
}

pub struct AttributeLines {
    pub attribute: Attribute,
    pub bands: Vec<BandLine>,
}

#[derive(Template)]
#[template(path = "registrations.html")]
pub struct RegistrationsPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub groups: Vec<GroupLine>,
    pub attributes: Vec<AttributeLines>,
    pub lottery_seats: i64,
    pub total: i64,
}

impl RegistrationsPage {
    pub fn share(&self, p: &Option<i64>) -> String {
        match p {
            Some(p) if p % 10 == 0 => format!("{} %", p / 10),
            Some(p) => format!("{}.{} %", p / 10, p % 10),
            None => "–".into(),
        }
    }
    pub fn target(&self, t: &Option<i64>) -> String {
        t.map(|t| t.to_string()).unwrap_or_else(|| "–".into())
    }
    /// Bar width (0..=100) for a count against a target.
    pub fn bar(&self, n: &i64, target: &i64) -> i64 {
        if *target <= 0 {
            return 0;
        }
        (n * 100 / target).min(100)
    }
}

pub async fn overview(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
) -> AppResult<Response> {
    let summit = access.summit;
    let groups = state.store.groups(summit.id).await?;
    let attributes = state.store.attributes(summit.id).await?;
    let counts = state.store.registration_counts(summit.id).await?;
    let count = |gid: i64, st: RegistrationStatus| {
        counts
            .by_group
            .iter()
            .filter(|(g, s, _)| *g == gid && s == st.as_str())
            .map(|(_, _, n)| n)
            .sum::<i64>()
    };
    let lines: Vec<GroupLine> = groups
        .iter()
        .map(|g| {
            let pool = count(g.id, RegistrationStatus::Pool);
            let (codes, used) = counts
                .codes
                .iter()
                .find(|(gid, _, _)| *gid == g.id)
                .map(|(_, c, u)| (*c, *u))
                .unwrap_or((0, 0));
            GroupLine {
                group: g.clone(),
                pool,
                waiting: count(g.id, RegistrationStatus::Waiting),
                unavailable: count(g.id, RegistrationStatus::Unavailable),
                codes,
                used,
                percent_of_target: if g.fields.seat_target > 0 {
                    pool * 100 / g.fields.seat_target
                } else {
                    0
                },
            }
        })
        .collect();
    let lottery: Vec<i64> = groups
        .iter()
        .filter(|g| g.fields.join_method == JoinMethod::Lottery)
        .map(|g| g.id)
        .collect();
    let lottery_seats: i64 = groups
        .iter()
        .filter(|g| lottery.contains(&g.id))
        .map(|g| g.fields.seat_target)
        .sum();
    let attributes = attributes
        .into_iter()
        .map(|a| {
            let bands = a
                .fields
                .bands
                .iter()
                .map(|b| BandLine {
                    label: b.label.clone(),
                    share_permille: b.share_permille,
                    target: b.share_permille.map(|p| (p * lottery_seats + 500) / 1000),
                    registered: counts
                        .by_band
                        .iter()
                        .filter(|(g, aid, band, _)| {
                            lottery.contains(g) && *aid == a.id && *band == b.label
                        })
                        .map(|(_, _, _, n)| n)
                        .sum(),
                })
                .collect();
            AttributeLines {
                attribute: a,
                bands,
            }
        })
        .collect();
    let total = counts.by_group.iter().map(|(_, _, n)| n).sum();
    render(&RegistrationsPage {
        ctx,
        summit,
        groups: lines,
        attributes,
        lottery_seats,
        total,
    })
}
