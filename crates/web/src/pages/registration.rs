//! Registration, the participant's side: enter (or follow the letter's link with) an invitation code, fill in the
//! form, and see that it arrived. Groups with open registration have their own form without a code.
//!
//! A typed code is checked against the hashes of the summit's codes (the platform never holds a code itself).
//! Checking goes through the [`CodeGuard`](crate::limiter::CodeGuard): wrong codes cost time, right ones never.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use g1000_invite::{Code, CodeError};
use g1000_store::{
    Attribute, Invitation, JoinMethod, NewRegistration, RegisterError, RegistrationStatus,
    StakeholderGroup, Summit, Via,
};
use serde::Deserialize;

use super::public::long_date;
use super::{render, render_invalid};
use crate::AppState;
use crate::auth::{Ctx, SummitAccess, see_other};
use crate::error::{AppError, AppResult};
use crate::forms::{
    DIETS, FieldErrors, FormData, INTERPRETER_LANGUAGES, PRIVACY_VERSION, RegistrationInput,
};
use crate::limiter::{Admission, ClientAddr, CodeClient};

// ---- checking a code ----

/// What a typed code turned out to be.
pub enum CodeCheck {
    Valid(Invitation, Code),
    /// It exists but registered someone already.
    Used,
    /// Well-formed, but no code of this summit (or of any summit, for the letter's link).
    Wrong,
    /// Not a code at all (length, character, check character): said at once, nothing looked up.
    Malformed(String),
    /// The client has to wait this many seconds before a code of theirs is checked again.
    Wait(u64),
}

fn malformed_message(ctx: &Ctx, e: &CodeError) -> String {
    match e {
        CodeError::WrongLength { expected, found } => ctx.tns(
            "code-error-length",
            &[("expected", *expected as i64), ("found", *found as i64)],
        ),
        CodeError::BadCharacter { ch, .. } => ctx.t1("code-error-character", "char", ch),
        CodeError::CheckFailed => ctx.t("code-error-typo"),
    }
}

/// Check a typed code against a summit's codes (or every summit's, for `/r/{code}`), through the guard.
pub async fn check_code(
    state: &AppState,
    ctx: &Ctx,
    client: &CodeClient,
    summit_id: Option<i64>,
    typed: &str,
) -> AppResult<CodeCheck> {
    let code = match g1000_invite::validate(typed) {
        Ok(c) => c,
        Err(e) => return Ok(CodeCheck::Malformed(malformed_message(ctx, &e))),
    };
    let guard = &state.code_guard;
    let ticket = match guard.admit(client) {
        Admission::Check(t) => t,
        Admission::Wait { retry_after_s } => return Ok(CodeCheck::Wait(retry_after_s)),
    };
    let lookup = async {
        let salts = state.store.code_salts(summit_id).await?;
        let hashes: Vec<String> = salts
            .iter()
            .filter_map(|(_, _, salt)| hex::decode(salt).ok())
            .map(|salt| g1000_invite::hash_code(&salt, &code))
            .collect();
        state.store.find_invitation(&hashes).await
    };
    let found = match lookup.await {
        Ok(f) => f,
        Err(e) => {
            guard.cancel(ticket);
            return Err(e.into());
        }
    };
    match found {
        Some(inv) => {
            guard.finish(ticket, true);
            Ok(if inv.used {
                CodeCheck::Used
            } else {
                CodeCheck::Valid(inv, code)
            })
        }
        None => {
            let delay = guard.finish(ticket, false);
            guard.hold(delay).await;
            Ok(CodeCheck::Wrong)
        }
    }
}

/// "3 minutes" / "20 seconds", for the waiting message.
fn wait_text(ctx: &Ctx, seconds: u64) -> String {
    if seconds >= 90 {
        ctx.tn("wait-minutes", "count", seconds.div_ceil(60) as i64)
    } else {
        ctx.tn("wait-seconds", "count", seconds as i64)
    }
}

fn with_retry_after(mut res: Response, seconds: u64) -> Response {
    *res.status_mut() = StatusCode::TOO_MANY_REQUESTS;
    if let Ok(v) = HeaderValue::from_str(&seconds.max(1).to_string()) {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}

// ---- the code page ----

#[derive(Template)]
#[template(path = "register_code.html")]
pub struct CodePage {
    pub ctx: Ctx,
    /// None on the general page `/r` (the code decides the summit).
    pub summit: Option<Summit>,
    pub code: String,
    pub errors: FieldErrors,
    /// Groups of this summit with an open form.
    pub open_groups: Vec<StakeholderGroup>,
}

impl CodePage {
    pub fn action(&self) -> String {
        match &self.summit {
            Some(s) => format!("/s/{}/register", s.slug),
            None => "/r".into(),
        }
    }
}

async fn code_page(
    state: &AppState,
    ctx: Ctx,
    summit: Option<Summit>,
    code: String,
    errors: FieldErrors,
) -> AppResult<CodePage> {
    let open_groups = match &summit {
        Some(s) => state
            .store
            .groups(s.id)
            .await?
            .into_iter()
            .filter(|g| g.fields.join_method == JoinMethod::Open)
            .collect(),
        None => vec![],
    };
    Ok(CodePage {
        ctx,
        summit,
        code,
        errors,
        open_groups,
    })
}

/// The answer to a code that did not lead to the form: the code page again with the reason, or the form's URL.
async fn answer_code(
    state: &AppState,
    ctx: Ctx,
    summit: Option<Summit>,
    typed: String,
    check: CodeCheck,
) -> AppResult<Response> {
    let mut errors = FieldErrors::default();
    let wait = match &check {
        CodeCheck::Valid(inv, code) => {
            let slug = match &summit {
                Some(s) => s.slug.clone(),
                None => {
                    state
                        .store
                        .summit_by_id(inv.summit_id)
                        .await?
                        .ok_or(AppError::NotFound)?
                        .slug
                }
            };
            return Ok(see_other(&format!("/s/{slug}/register/{}", code.grouped())));
        }
        CodeCheck::Used => {
            errors.add("code", ctx.t("code-error-used"));
            None
        }
        CodeCheck::Wrong => {
            errors.add("code", ctx.t("code-error-wrong"));
            None
        }
        CodeCheck::Malformed(msg) => {
            errors.add("code", msg.clone());
            None
        }
        CodeCheck::Wait(s) => {
            errors.add(
                "code",
                ctx.t1("code-error-wait", "wait", wait_text(&ctx, *s)),
            );
            Some(*s)
        }
    };
    let page = code_page(state, ctx, summit, typed, errors).await?;
    let res = render_invalid(&page)?;
    Ok(match wait {
        Some(s) => with_retry_after(res, s),
        None => res,
    })
}

/// `/s/{slug}/register`: the summit's code page.
pub async fn start(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
) -> AppResult<Response> {
    let page = code_page(
        &state,
        ctx,
        Some(access.summit),
        String::new(),
        FieldErrors::default(),
    );
    render(&page.await?)
}

pub async fn enter_code(
    ctx: Ctx,
    access: SummitAccess,
    client: CodeClient,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let typed = form.get("code");
    let check = check_code(&state, &ctx, &client, Some(access.summit.id), &typed).await?;
    answer_code(&state, ctx, Some(access.summit), typed, check).await
}

/// `/r`: the general code page (the code decides the summit).
pub async fn general_start(ctx: Ctx, State(state): State<AppState>) -> AppResult<Response> {
    render(&code_page(&state, ctx, None, String::new(), FieldErrors::default()).await?)
}

pub async fn general_enter(
    ctx: Ctx,
    client: CodeClient,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let typed = form.get("code");
    let check = check_code(&state, &ctx, &client, None, &typed).await?;
    answer_code(&state, ctx, None, typed, check).await
}

/// `/r/{code}`: the link (and QR code) in the letter.
pub async fn letter_link(
    ctx: Ctx,
    client: CodeClient,
    State(state): State<AppState>,
    Path(typed): Path<String>,
) -> AppResult<Response> {
    let check = check_code(&state, &ctx, &client, None, &typed).await?;
    answer_code(&state, ctx, None, typed, check).await
}

// ---- the form ----

#[derive(Template)]
#[template(path = "register_form.html")]
pub struct FormPage {
    pub ctx: Ctx,
    pub summit: Summit,
    /// The group the person registers for (unknown while a code waits to be checked).
    pub group: Option<StakeholderGroup>,
    pub attributes: Vec<Attribute>,
    pub input: RegistrationInput,
    pub errors: FieldErrors,
    /// Where the form posts.
    pub action: String,
    /// The code, shown so the person sees it was accepted (empty for the open form).
    pub code: String,
    /// For the open form: the places are taken, registering puts the person on the waiting list.
    pub full: bool,
    /// A message above the form (e.g. wait before sending again).
    pub notice: String,
}

impl FormPage {
    pub fn date_long(&self) -> String {
        long_date(&self.ctx, &self.summit.fields.date)
    }
    pub fn interpreter_languages(&self) -> &'static [&'static str] {
        INTERPRETER_LANGUAGES
    }
    pub fn diets(&self) -> &'static [&'static str] {
        DIETS
    }
    pub fn language_name(&self, code: &&str) -> String {
        self.ctx.t(&format!("language-{code}"))
    }
    pub fn attr_field(&self, id: &i64) -> String {
        format!("attr-{id}")
    }
    pub fn is_interpreter(&self, code: &&str) -> bool {
        self.input.interpreter == *code
    }
    pub fn diet_name(&self, code: &&str) -> String {
        self.ctx.t(&format!("diet-{code}"))
    }
    /// `aria-describedby` for a radio group or check box: its hint and, when there is one, its error.
    pub fn described(&self, field: &str, hint: bool) -> String {
        let mut ids = vec![];
        if hint {
            ids.push(format!("h-{field}"));
        }
        if self.errors.has(field) {
            ids.push(format!("e-{field}"));
        }
        ids.join(" ")
    }
}

async fn group_of(state: &AppState, summit_id: i64, group_id: i64) -> AppResult<StakeholderGroup> {
    state
        .store
        .groups(summit_id)
        .await?
        .into_iter()
        .find(|g| g.id == group_id)
        .ok_or(AppError::NotFound)
}

/// `GET /s/{slug}/register/{code}`: the form, once the code checks out.
pub async fn form(
    ctx: Ctx,
    access: SummitAccess,
    client: CodeClient,
    State(state): State<AppState>,
    Path((_, typed)): Path<(String, String)>,
) -> AppResult<Response> {
    let check = check_code(&state, &ctx, &client, Some(access.summit.id), &typed).await?;
    let CodeCheck::Valid(inv, code) = check else {
        return answer_code(&state, ctx, Some(access.summit), typed, check).await;
    };
    render(&code_form(&state, ctx, access.summit, &inv, &code).await?)
}

/// The empty form for a checked code.
async fn code_form(
    state: &AppState,
    ctx: Ctx,
    summit: Summit,
    inv: &Invitation,
    code: &Code,
) -> AppResult<FormPage> {
    let group = group_of(state, summit.id, inv.group_id).await?;
    let attributes = state.store.attributes(summit.id).await?;
    Ok(FormPage {
        action: format!("/s/{}/register/{}", summit.slug, code.grouped()),
        code: code.grouped(),
        ctx,
        summit,
        group: Some(group),
        attributes,
        input: RegistrationInput::default(),
        errors: FieldErrors::default(),
        full: false,
        notice: String::new(),
    })
}

fn new_public_id() -> String {
    // The same shape as a one-time password: 16 characters without look-alikes, 80 random bits.
    super::team::one_time_password()
}

/// Validate and store; the form comes back with the values and messages when something is missing.
async fn save(
    state: &AppState,
    mut page: FormPage,
    group_id: i64,
    via: Via,
    form: &FormData,
    base_url: &str,
) -> AppResult<Response> {
    page.input = RegistrationInput::from_form(form, &page.attributes);
    let values = match page.input.validate(&page.ctx.tr, &page.attributes) {
        Ok(v) => v,
        Err(errors) => {
            page.errors = errors;
            return render_invalid(&page);
        }
    };
    let mut r = NewRegistration {
        group_id,
        public_id: new_public_id(),
        language: page.ctx.lang().to_string(),
        can_attend: values.can_attend,
        name: values.name,
        email: values.email,
        phone: values.phone,
        bands: values.bands,
        needs: values.needs,
        privacy_version: PRIVACY_VERSION.into(),
    };
    let mut tries = 0;
    let row = loop {
        match state.store.register(page.summit.id, &via, &r).await {
            Ok(row) => break row,
            Err(RegisterError::Store(g1000_store::StoreError::Conflict(_))) if tries < 3 => {
                tries += 1;
                r.public_id = new_public_id();
            }
            Err(RegisterError::CodeUsed) => {
                let ctx = page.ctx.clone();
                let mut errors = FieldErrors::default();
                errors.add("code", ctx.t("code-error-used"));
                let p = code_page(state, ctx, Some(page.summit), page.code, errors).await?;
                return render_invalid(&p);
            }
            Err(RegisterError::NotOpen) => return Err(AppError::NotFound),
            Err(RegisterError::Store(e)) => return Err(e.into()),
        }
    };
    // The registration is stored; a message that cannot be queued is logged, not shown as a failure. Whoever
    // has a seat at once (personal link, open form within the cap) is asked to confirm it through their link.
    let kind = if row.status() == Some(RegistrationStatus::Selected) {
        crate::outbox::MessageKind::Selected
    } else {
        crate::outbox::MessageKind::RegistrationReceived
    };
    if let Err(e) = crate::outbox::enqueue(&state.store, &page.summit, row.id, kind, base_url).await
    {
        tracing::warn!(registration = %row.public_id, error = %e, "could not queue the confirmation message");
    }
    Ok(see_other(&format!(
        "/s/{}/registered?id={}",
        page.summit.slug, row.public_id
    )))
}

/// `POST /s/{slug}/register/{code}`.
pub async fn submit(
    ctx: Ctx,
    access: SummitAccess,
    client: CodeClient,
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    Path((_, typed)): Path<(String, String)>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let check = check_code(&state, &ctx, &client, Some(access.summit.id), &typed).await?;
    let (inv, code) = match check {
        CodeCheck::Valid(inv, code) => (inv, code),
        CodeCheck::Wait(s) => {
            // This browser (or its address) is over its wrong codes: keep what this person typed and ask them to wait.
            let attributes = state.store.attributes(access.summit.id).await?;
            let page = FormPage {
                action: format!("/s/{}/register/{}", access.summit.slug, typed),
                code: typed.clone(),
                notice: ctx.t1("code-error-wait", "wait", wait_text(&ctx, s)),
                input: RegistrationInput::from_form(&form, &attributes),
                ctx,
                summit: access.summit,
                group: None,
                attributes,
                errors: FieldErrors::default(),
                full: false,
            };
            return Ok(with_retry_after(render_invalid(&page)?, s));
        }
        other => return answer_code(&state, ctx, Some(access.summit), typed, other).await,
    };
    let page = code_form(&state, ctx, access.summit, &inv, &code).await?;
    let group_id = inv.group_id;
    save(
        &state,
        page,
        group_id,
        Via::Code {
            code_hash: inv.code_hash,
        },
        &form,
        &crate::outbox::base_url(&state, &headers),
    )
    .await
}

// ---- the open form ----

async fn open_page(
    state: &AppState,
    ctx: Ctx,
    summit: Summit,
    group_id: i64,
) -> AppResult<FormPage> {
    let group = group_of(state, summit.id, group_id).await?;
    if group.fields.join_method != JoinMethod::Open {
        return Err(AppError::NotFound);
    }
    let taken = state
        .store
        .registrations(summit.id)
        .await?
        .iter()
        .filter(|r| {
            r.group_id == group.id
                && !matches!(
                    r.status(),
                    Some(
                        RegistrationStatus::Waiting
                            | RegistrationStatus::Unavailable
                            | RegistrationStatus::Withdrawn
                            | RegistrationStatus::Declined
                    )
                )
        })
        .count() as i64;
    let full = group.fields.open_cap.is_some_and(|cap| taken >= cap);
    let attributes = state.store.attributes(summit.id).await?;
    Ok(FormPage {
        action: format!("/s/{}/join/{}", summit.slug, group.id),
        code: String::new(),
        ctx,
        summit,
        group: Some(group),
        attributes,
        input: RegistrationInput::default(),
        errors: FieldErrors::default(),
        full,
        notice: String::new(),
    })
}

/// `GET /s/{slug}/join/{id}`: the open form of a group with open registration.
pub async fn open_form(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    render(&open_page(&state, ctx, access.summit, id).await?)
}

pub async fn open_submit(
    ctx: Ctx,
    access: SummitAccess,
    client: ClientAddr,
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    Path((_, id)): Path<(String, i64)>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let mut page = open_page(&state, ctx, access.summit, id).await?;
    let key = format!("open:{}", client.key());
    if !state.open_limiter.allowed(&key) {
        page.input = RegistrationInput::from_form(&form, &page.attributes);
        page.notice = page
            .ctx
            .t1("code-error-wait", "wait", wait_text(&page.ctx, 3600));
        return Ok(with_retry_after(render_invalid(&page)?, 3600));
    }
    let base = crate::outbox::base_url(&state, &headers);
    let res = save(&state, page, id, Via::Open, &form, &base).await?;
    if res.status() == StatusCode::SEE_OTHER {
        state.open_limiter.failed(&key); // counts registrations, not failures
    }
    Ok(res)
}

// ---- afterwards ----

#[derive(Deserialize)]
pub struct RegisteredQuery {
    id: Option<String>,
}

#[derive(Template)]
#[template(path = "registered.html")]
pub struct RegisteredPage {
    pub ctx: Ctx,
    pub summit: Summit,
    /// The registration's pseudonym and status, when the link carries a known one.
    pub public_id: String,
    pub status: Option<RegistrationStatus>,
}

/// `GET /s/{slug}/registered?id=…`: confirmation, with the registration number and what happens next.
pub async fn registered(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Query(q): Query<RegisteredQuery>,
) -> AppResult<Response> {
    let row = match q.id.as_deref() {
        Some(id) => {
            state
                .store
                .registration_by_public_id(access.summit.id, id)
                .await?
        }
        None => None,
    };
    render(&RegisteredPage {
        ctx,
        summit: access.summit,
        public_id: row
            .as_ref()
            .map(|r| r.public_id.clone())
            .unwrap_or_default(),
        status: row.and_then(|r| r.status()),
    })
}

#[derive(Template)]
#[template(path = "privacy.html")]
pub struct PrivacyPage {
    pub ctx: Ctx,
    pub summit: Summit,
}

impl PrivacyPage {
    pub fn version(&self) -> &'static str {
        PRIVACY_VERSION
    }
}

/// `GET /s/{slug}/privacy`: the privacy statement for registrants.
pub async fn privacy(ctx: Ctx, access: SummitAccess) -> AppResult<Response> {
    render(&PrivacyPage {
        ctx,
        summit: access.summit,
    })
}
