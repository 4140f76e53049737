//! At the door: badges for the confirmed participants (a PDF sheet for all, or one person's), and check-in by
//! scanning a badge's QR code or typing its code, with the attendance per stakeholder group, live.
//!
//! A badge carries the person's name, their stakeholder group in the group's colour and a QR code of the
//! check-in URL `/s/{slug}/door/{code}`. The code is random (the invitation-code format: ≥ 60 bits, a check
//! character, grouped for typing) and is all a badge gives away.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use g1000_invite::Code;
use g1000_invite::pdf::{Document, Font, PAGE_HEIGHT, PAGE_WIDTH, Page, text_width, wrap};
use g1000_store::{Attendance, BadgeRow, CheckIn, GroupKind, StakeholderGroup, Summit};
use serde::Deserialize;

use super::render;
use crate::AppState;
use crate::auth::{Ctx, SummitAccess};
use crate::error::{AppError, AppResult};
use crate::forms::{FieldErrors, FormData};

/// "YYYY-MM-DD HH:MM UTC" for a timestamp in milliseconds.
pub fn when(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
        .map(|t| {
            format!(
                "{:04}-{:02}-{:02} {:02}:{:02} UTC",
                t.year(),
                t.month() as u8,
                t.day(),
                t.hour(),
                t.minute()
            )
        })
        .unwrap_or_default()
}

/// A group's colour on badges (the same as the charts' colours in `style.css`), as RGB 0..=1.
pub fn group_rgb(kind: GroupKind) -> [f32; 3] {
    let hex = match kind {
        GroupKind::Citizens => 0x0b5cad,
        GroupKind::Employers => 0x7a3e9d,
        GroupKind::Government => 0x16652d,
        GroupKind::FreeThinkers => 0xb34700,
        GroupKind::Other => 0x4a4a55,
    };
    [
        ((hex >> 16) & 0xff) as f32 / 255.0,
        ((hex >> 8) & 0xff) as f32 / 255.0,
        (hex & 0xff) as f32 / 255.0,
    ]
}

/// The check-in URL in a badge's QR code.
pub fn checkin_url(base: &str, slug: &str, code: &str) -> String {
    let grouped = g1000_invite::validate(code)
        .map(|c| c.grouped())
        .unwrap_or_else(|_| code.to_string());
    format!("{}/s/{slug}/door/{grouped}", base.trim_end_matches('/'))
}

fn new_code() -> String {
    Code::generate()
        .map(|c| c.as_str().to_string())
        .unwrap_or_else(|_| crate::security::random_token())
}

// ---- badges ----

const COLS: usize = 2;
const ROWS: usize = 4;
const BADGE_W: f32 = 270.0;
const BADGE_H: f32 = 195.0;

/// What one badge shows.
pub struct BadgeText<'a> {
    pub name: &'a str,
    pub group: &'a str,
    pub kind: GroupKind,
    pub summit: &'a str,
    pub code: String,
    pub url: String,
    /// The person's table numbers, one per table round ("Table 3 · 7 · 12"); empty before seating.
    pub tables: String,
}

/// One badge with its bottom-left corner at (x, y).
fn draw_badge(page: &mut Page, b: &BadgeText<'_>, x: f32, y: f32) {
    let pad = 12.0;
    // Cutting lines.
    page.line(x, y, x + BADGE_W, y);
    page.line(x, y + BADGE_H, x + BADGE_W, y + BADGE_H);
    page.line(x, y, x, y + BADGE_H);
    page.line(x + BADGE_W, y, x + BADGE_W, y + BADGE_H);
    // The group's colour band with its name in white (every group colour has ≥ 4.5:1 contrast with white).
    let band = 34.0;
    page.rect(x + 1.0, y + BADGE_H - band - 1.0, BADGE_W - 2.0, band);
    page.fill_rgb(group_rgb(b.kind));
    page.text_rgb(
        Font::Bold,
        15.0,
        x + pad,
        y + BADGE_H - band + 10.0,
        b.group,
        [1.0, 1.0, 1.0],
    );
    // The name in large print: as big as fits on two lines.
    let qr = 84.0;
    let width = BADGE_W - 2.0 * pad;
    let mut size = 26.0;
    let mut lines = wrap(Font::Bold, size, b.name, width);
    while size > 12.0
        && (lines.len() > 2
            || lines
                .iter()
                .any(|l| text_width(Font::Bold, size, l) > width))
    {
        size -= 2.0;
        lines = wrap(Font::Bold, size, b.name, width);
    }
    let mut ty = y + BADGE_H - band - 8.0 - size;
    for l in lines.iter().take(2) {
        page.text(Font::Bold, size, x + pad, ty, l);
        ty -= size + 4.0;
    }
    if !b.tables.is_empty() {
        page.text(Font::Bold, 13.0, x + pad, y + pad + 38.0, &b.tables);
    }
    page.text(Font::Regular, 10.0, x + pad, y + pad + 22.0, b.summit);
    page.text(Font::Bold, 11.0, x + pad, y + pad + 6.0, &b.code);
    page.qr(&b.url, x + BADGE_W - qr - 4.0, y + qr + 4.0, qr);
}

/// Badges on A4 sheets, eight a page.
pub fn badges_pdf(title: &str, lang: &str, badges: &[BadgeText<'_>]) -> Vec<u8> {
    let mut doc = Document::new(title, lang);
    doc.producer = "g1000".into();
    let left = (PAGE_WIDTH - COLS as f32 * BADGE_W) / 2.0;
    let top = PAGE_HEIGHT - (PAGE_HEIGHT - ROWS as f32 * BADGE_H) / 2.0;
    for chunk in badges.chunks(COLS * ROWS) {
        let mut page = Page::default();
        for (i, b) in chunk.iter().enumerate() {
            let (col, row) = (i % COLS, i / COLS);
            draw_badge(
                &mut page,
                b,
                left + col as f32 * BADGE_W,
                top - (row + 1) as f32 * BADGE_H,
            );
        }
        doc.pages.push(page);
    }
    if doc.pages.is_empty() {
        doc.pages.push(Page::default());
    }
    doc.to_bytes()
}

#[derive(Template)]
#[template(path = "badges.html")]
pub struct BadgesPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub groups: Vec<StakeholderGroup>,
    pub badges: Vec<BadgeRow>,
}

impl BadgesPage {
    pub fn group_name(&self, id: &i64) -> String {
        group_name(&self.groups, *id)
    }
    pub fn grouped(&self, code: &Option<String>) -> String {
        code.as_deref()
            .and_then(|c| g1000_invite::validate(c).ok())
            .map(|c| c.grouped())
            .unwrap_or_else(|| "–".into())
    }
    pub fn when(&self, at: &Option<i64>) -> String {
        at.map(when).unwrap_or_default()
    }
}

fn group_name(groups: &[StakeholderGroup], id: i64) -> String {
    groups
        .iter()
        .find(|g| g.id == id)
        .map(|g| g.fields.name.clone())
        .unwrap_or_default()
}

pub async fn badges(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
) -> AppResult<Response> {
    let summit = access.summit;
    state.store.ensure_badge_codes(summit.id, new_code).await?;
    render(&BadgesPage {
        ctx,
        groups: state.store.groups(summit.id).await?,
        badges: state.store.badge_rows(summit.id).await?,
        summit,
    })
}

#[derive(Deserialize)]
pub struct BadgeQuery {
    /// One person's pseudonym; all confirmed participants without it.
    person: Option<String>,
}

pub async fn badges_pdf_route(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<BadgeQuery>,
) -> AppResult<Response> {
    let summit = access.summit;
    state.store.ensure_badge_codes(summit.id, new_code).await?;
    let groups = state.store.groups(summit.id).await?;
    let mut rows = state.store.badge_rows(summit.id).await?;
    if let Some(p) = q.person.as_deref().filter(|p| !p.is_empty()) {
        rows.retain(|r| r.public_id == p);
        if rows.is_empty() {
            return Err(AppError::NotFound);
        }
    }
    let base = crate::outbox::base_url(&state, &headers);
    let mut seats: std::collections::BTreeMap<i64, Vec<String>> = Default::default();
    for s in state.store.seat_numbers(summit.id, None).await? {
        seats
            .entry(s.registration_id)
            .or_default()
            .push(s.table_number.to_string());
    }
    let texts: Vec<BadgeText<'_>> = rows
        .iter()
        .filter_map(|r| {
            let code = r.code.clone()?;
            let group = groups.iter().find(|g| g.id == r.group_id)?;
            Some(BadgeText {
                name: r.name.as_deref().unwrap_or(""),
                group: &group.fields.name,
                kind: group.fields.kind,
                summit: &summit.fields.name,
                url: checkin_url(&base, &summit.slug, &code),
                tables: seats
                    .get(&r.registration_id)
                    .map(|t| ctx.t1("badge-tables", "tables", t.join(" · ")))
                    .unwrap_or_default(),
                code: g1000_invite::validate(&code)
                    .map(|c| c.grouped())
                    .unwrap_or(code),
            })
        })
        .collect();
    let title = format!("{}: {}", ctx.t("badges-title"), summit.fields.name);
    let pdf = badges_pdf(&title, ctx.lang(), &texts);
    let file = match &q.person {
        Some(p) if !p.is_empty() => format!("badge-{}-{p}.pdf", summit.slug),
        _ => format!("badges-{}.pdf", summit.slug),
    };
    super::file_response("application/pdf", "inline", &file, pdf)
}

// ---- check-in ----

/// One group's line on the door page.
pub struct AttendanceLine {
    pub group: StakeholderGroup,
    pub expected: i64,
    pub checked_in: i64,
}

/// What the last check-in said.
pub enum Outcome {
    None,
    Done(String, String),
    Already(String, String, String),
    Unknown,
    NotConfirmed(String),
}

#[derive(Template)]
#[template(path = "door.html")]
pub struct DoorPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub lines: Vec<AttendanceLine>,
    pub total_expected: i64,
    pub total_checked_in: i64,
    pub code: String,
    pub errors: FieldErrors,
    pub outcome: Outcome,
    /// Who a scanned badge belongs to, before checking in: (name, group).
    pub preview: Option<(String, String)>,
}

impl DoorPage {
    pub fn total_text(&self) -> String {
        self.ctx.tns(
            "door-attendance-total",
            &[
                ("in", self.total_checked_in),
                ("expected", self.total_expected),
            ],
        )
    }
    pub fn percent(&self, l: &AttendanceLine) -> i64 {
        if l.expected <= 0 {
            0
        } else {
            (l.checked_in * 100 / l.expected).min(100)
        }
    }
}

async fn door_page(ctx: Ctx, state: &AppState, summit: Summit) -> AppResult<DoorPage> {
    let groups = state.store.groups(summit.id).await?;
    let attendance: Vec<Attendance> = state.store.attendance(summit.id).await?;
    let lines: Vec<AttendanceLine> = groups
        .into_iter()
        .map(|g| {
            let a = attendance.iter().find(|a| a.group_id == g.id);
            AttendanceLine {
                expected: a.map(|a| a.expected).unwrap_or(0),
                checked_in: a.map(|a| a.checked_in).unwrap_or(0),
                group: g,
            }
        })
        .collect();
    Ok(DoorPage {
        total_expected: lines.iter().map(|l| l.expected).sum(),
        total_checked_in: lines.iter().map(|l| l.checked_in).sum(),
        lines,
        ctx,
        summit,
        code: String::new(),
        errors: FieldErrors::default(),
        outcome: Outcome::None,
        preview: None,
    })
}

/// The door page may use the camera (for scanning badges); every other page may not.
fn with_camera(res: AppResult<Response>) -> AppResult<Response> {
    res.map(|mut r| {
        r.headers_mut().insert(
            "permissions-policy",
            HeaderValue::from_static("camera=(self), microphone=(), geolocation=()"),
        );
        r
    })
}

pub async fn door(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
) -> AppResult<Response> {
    let p = door_page(ctx, &state, access.summit).await?;
    with_camera(render(&p))
}

/// A typed or scanned code: a code, or a whole check-in URL (the last part of its path).
pub fn code_from_input(input: &str) -> Result<Code, g1000_invite::CodeError> {
    let input = input.trim();
    let last = input
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(input);
    g1000_invite::validate(last)
}

/// The roles that check people in at the door (the route table's `DOOR`).
pub const DOOR_ROLES: &[g1000_store::Role] =
    &[g1000_store::Role::Organiser, g1000_store::Role::Facilitator];

/// A badge's QR code opened with a phone's own camera app: the door page with the code filled in and whose badge
/// it is; checking in takes one more tap (a link never changes anything by itself). Anyone who is not door crew
/// (a participant scanning their own badge) is offered to open their phone screen instead (see `day::session`).
pub async fn door_scanned(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, code)): Path<(String, String)>,
) -> AppResult<Response> {
    if !access.roles.iter().any(|r| DOOR_ROLES.contains(r)) {
        return super::day::session::my_badge(ctx, access.summit, &code);
    }
    let mut p = door_page(ctx, &state, access.summit).await?;
    p.code = code.clone();
    match code_from_input(&code) {
        Ok(c) => {
            let rows = state.store.badge_rows(p.summit.id).await?;
            let groups = state.store.groups(p.summit.id).await?;
            match rows.iter().find(|r| r.code.as_deref() == Some(c.as_str())) {
                Some(r) => {
                    p.code = c.grouped();
                    p.preview = Some((
                        r.name.clone().unwrap_or_default(),
                        group_name(&groups, r.group_id),
                    ))
                }
                None => p.outcome = Outcome::Unknown,
            }
        }
        Err(_) => p.outcome = Outcome::Unknown,
    }
    with_camera(render(&p))
}

pub async fn check_in(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let mut p = door_page(ctx, &state, access.summit).await?;
    let typed = form.get("code");
    p.code = typed.clone();
    let code = match code_from_input(&typed) {
        Ok(c) => c,
        Err(_) if typed.trim().is_empty() => {
            p.errors.add("code", p.ctx.t("door-error-empty"));
            return with_camera(super::render_invalid(&p));
        }
        Err(_) => {
            p.errors.add("code", p.ctx.t("door-error-format"));
            return with_camera(super::render_invalid(&p));
        }
    };
    let by = p
        .ctx
        .user
        .as_ref()
        .map(|u| format!("user#{}", u.id))
        .unwrap_or_default();
    let groups = state.store.groups(p.summit.id).await?;
    let outcome = state
        .store
        .check_in(p.summit.id, code.as_str(), &by)
        .await?;
    let status = match outcome {
        CheckIn::Done { group_id, name, .. } => {
            p.outcome = Outcome::Done(name.unwrap_or_default(), group_name(&groups, group_id));
            p.code = String::new();
            StatusCode::OK
        }
        CheckIn::Already {
            group_id, name, at, ..
        } => {
            p.outcome = Outcome::Already(
                name.unwrap_or_default(),
                group_name(&groups, group_id),
                when(at),
            );
            p.code = String::new();
            StatusCode::OK
        }
        CheckIn::Unknown => {
            p.outcome = Outcome::Unknown;
            StatusCode::UNPROCESSABLE_ENTITY
        }
        CheckIn::NotConfirmed { status, .. } => {
            p.outcome = Outcome::NotConfirmed(p.ctx.t(&format!("reg-status-{status}")));
            StatusCode::UNPROCESSABLE_ENTITY
        }
    };
    // The counts after this check-in.
    let fresh = door_page(p.ctx.clone(), &state, p.summit.clone()).await?;
    p.lines = fresh.lines;
    p.total_expected = fresh.total_expected;
    p.total_checked_in = fresh.total_checked_in;
    let html = p.render()?;
    with_camera(Ok((status, axum::response::Html(html)).into_response()))
}
