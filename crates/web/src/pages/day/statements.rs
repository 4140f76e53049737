//! Common ground (issue 7): the statements round.
//!
//! - participants (`/s/{slug}/statements`, from their phone): send short statements, and vote agree / disagree
//!   / pass on the others' approved statements, one at a time, in an order of their own (deterministic: sorted
//!   by a hash of their pseudonym and the statement), without JavaScript (each vote posts and redirects to the
//!   next statement); they can change a vote and see how many are left. Their own statements count as agreed
//!   (as in Polis), so they are never asked about them;
//! - facilitators (`/s/{slug}/console/statements`): add statements, approve / hide / edit them with a reason
//!   (the original is kept), see the opinion map and the common ground with counts, and make an agenda theme
//!   from a common-ground statement with one click;
//! - the projector (`/s/{slug}/screen`, during a statements round) and the public results page
//!   (`/s/{slug}/common-ground`) show the opinion map and the common-ground list, without personal data.
//!
//! The analysis (`g1000_opinion`) runs on demand and is cached per summit, keyed by [`OpinionVersion`]: the
//! screens re-fetch on every change (`live.js` coalesces the changes arriving while it fetches), and a fetch
//! recomputes only when votes or approved statements changed since the cached result.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::Response;
use g1000_opinion::{
    Analysis, COMMON_GROUND_THRESHOLD, CommonGround, Config, MapText, VoteMatrix, analyze,
    common_ground, map::group_letter, opinion_map_svg,
};
use g1000_store::{
    KEYWORD_MAX_CHARS, NewStatement, OpinionVersion, STATEMENT_MAX_CHARS, Statement,
    StatementModeration, StoreError, Summit,
};
use serde::Deserialize;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::Now;
use super::console::check_reason;
use super::keywords::{check_submission, submission_id};
use crate::AppState;
use crate::auth::{Ctx, Participant, SummitAccess, see_other};
use crate::error::{AppError, AppResult};
use crate::forms::{FieldErrors, FormData};
use crate::limiter::ClientAddr;
use crate::pages::{audit, render, render_invalid};

// ---- the analysis and its cache ----

/// The analysis of one version of a summit's votes.
pub struct Computed {
    pub analysis: Analysis,
    pub common: Vec<CommonGround>,
    pub votes: usize,
}

/// The last analysis per summit with the version it was made from.
#[derive(Default)]
pub struct OpinionCache(Mutex<HashMap<i64, (OpinionVersion, Arc<Computed>)>>);

/// One group's agreement with a common-ground statement.
pub struct Share {
    pub group: String,
    /// "75% agree (3 of 4 votes)".
    pub text: String,
    pub percent: i64,
    pub agree: u32,
    pub votes: u32,
}

/// A statement of common ground, for the screens.
pub struct CommonRow {
    pub id: i64,
    pub text: String,
    pub theme_id: Option<i64>,
    /// A theme name made from the text (at most a keyword's length), for the one-click form.
    pub theme_name: String,
    pub shares: Vec<Share>,
}

/// What the screens show of the analysis.
#[derive(Default)]
pub struct OpinionView {
    /// The opinion map (SVG, escaped by `g1000_opinion`); empty without votes.
    pub svg: String,
    /// (group letter, members).
    pub groups: Vec<(String, usize)>,
    pub common: Vec<CommonRow>,
    pub participants: usize,
    pub votes: usize,
    /// "8 participants in 2 opinion groups, 96 votes".
    pub counts_text: String,
    /// The facilitators' view: each common-ground statement with a form to make it a theme.
    pub carry: bool,
    /// Messages of those forms (`name-{statement}`).
    pub errors: FieldErrors,
    /// The themes in use: (id, name).
    pub themes: Vec<(i64, String)>,
}

impl OpinionView {
    pub fn has_map(&self) -> bool {
        !self.svg.is_empty()
    }
    pub fn err(&self, field: &str, id: &i64) -> String {
        self.errors.get(&format!("{field}-{id}"))
    }
    pub fn has_err(&self, field: &str, id: &i64) -> bool {
        self.errors.has(&format!("{field}-{id}"))
    }
    /// The name of the theme made from a statement ("" once that theme was merged away).
    pub fn theme_of(&self, id: &i64) -> String {
        self.themes
            .iter()
            .find(|(t, _)| t == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    }
}

/// The analysis of the summit's votes on approved statements, recomputed only when they changed.
pub async fn computed(state: &AppState, summit_id: i64) -> AppResult<Option<Arc<Computed>>> {
    let version = state.store.opinion_version(summit_id).await?;
    if version.votes == 0 {
        return Ok(None);
    }
    if let Some((v, c)) = state.opinion_cache.0.lock().unwrap().get(&summit_id)
        && *v == version
    {
        return Ok(Some(c.clone()));
    }
    let votes = state.store.statement_votes(summit_id).await?;
    let c = Arc::new(analyse(&votes));
    state
        .opinion_cache
        .0
        .lock()
        .unwrap()
        .insert(summit_id, (version, c.clone()));
    Ok(Some(c))
}

/// The Polis math on the votes: voters are numbered 1, 2, … in the order of their pseudonyms (the map shows
/// numbers, never pseudonyms or names).
pub fn analyse(votes: &[g1000_store::StatementVote]) -> Computed {
    let mut m = VoteMatrix::new();
    let mut pid: BTreeMap<&str, u64> = BTreeMap::new();
    for v in votes {
        let n = pid.len() as u64 + 1;
        let p = *pid.entry(v.voter.as_str()).or_insert(n);
        m.set_vote(p, v.statement_id as u64, v.vote as i8);
    }
    let analysis = analyze(&m, &Config::default());
    let common = common_ground(&m, &analysis, COMMON_GROUND_THRESHOLD);
    Computed {
        analysis,
        common,
        votes: m.n_votes(),
    }
}

/// The opinion map and common ground in the viewer's language.
pub async fn opinion_view(
    state: &AppState,
    ctx: &Ctx,
    summit_id: i64,
    statements: &[Statement],
) -> AppResult<OpinionView> {
    let Some(c) = computed(state, summit_id).await? else {
        return Ok(OpinionView::default());
    };
    let a = &c.analysis;
    let participants = a.projection.len();
    let groups: Vec<(String, usize)> = a
        .groups
        .iter()
        .map(|g| (group_letter(g.id), g.members.len()))
        .collect();
    let text = MapText {
        id: "opinion-map".into(),
        title: ctx.t("st-map-title"),
        description: ctx.tns(
            "st-map-desc",
            &[
                ("participants", participants as i64),
                ("groups", groups.len() as i64),
            ],
        ),
        group_names: groups
            .iter()
            .map(|(l, _)| ctx.t1("st-group", "letter", l))
            .collect(),
        unclustered: ctx.t("st-unclustered"),
        axis_x: ctx.t("st-axis-x"),
        axis_y: ctx.t("st-axis-y"),
    };
    let common = c
        .common
        .iter()
        .filter_map(|cg| {
            let s = statements.iter().find(|s| s.id as u64 == cg.tid)?;
            Some(CommonRow {
                id: s.id,
                text: s.shown.clone(),
                theme_id: s.theme_id,
                theme_name: theme_name(&s.shown),
                shares: cg
                    .groups
                    .iter()
                    .map(|g| Share {
                        text: ctx.tns(
                            "st-share",
                            &[
                                ("percent", (g.agree_share * 100.0).round() as i64),
                                ("agree", i64::from(g.agree)),
                                ("votes", i64::from(g.votes)),
                            ],
                        ),
                        group: group_letter(g.group),
                        percent: (g.agree_share * 100.0).round() as i64,
                        agree: g.agree,
                        votes: g.votes,
                    })
                    .collect(),
            })
        })
        .collect();
    Ok(OpinionView {
        svg: opinion_map_svg(a, &text),
        counts_text: ctx.tns(
            "st-counts",
            &[
                ("participants", participants as i64),
                ("groups", groups.len() as i64),
                ("votes", c.votes as i64),
            ],
        ),
        groups,
        common,
        participants,
        votes: c.votes,
        ..Default::default()
    })
}

/// A theme's name from a statement: its text, cut at a word to a keyword's length with "…" when longer.
pub fn theme_name(text: &str) -> String {
    if text.chars().count() <= KEYWORD_MAX_CHARS {
        return text.to_string();
    }
    let mut out = String::new();
    for w in text.split_whitespace() {
        if out.chars().count() + w.chars().count() + 2 > KEYWORD_MAX_CHARS {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    if out.is_empty() {
        out = text.chars().take(KEYWORD_MAX_CHARS - 1).collect();
    }
    out + "…"
}

/// The order in which a voter sees statements: by the SHA-256 of their pseudonym and the statement's id.
/// Deterministic per voter, different between voters, and stable when statements are added (a new one lands
/// somewhere in each voter's order).
pub fn vote_order(voter: &str, ids: &[i64]) -> Vec<i64> {
    let mut keyed: Vec<([u8; 8], i64)> = ids
        .iter()
        .map(|&id| {
            let h = Sha256::digest(format!("{voter}\n{id}").as_bytes());
            let mut k = [0u8; 8];
            k.copy_from_slice(&h[..8]);
            (k, id)
        })
        .collect();
    keyed.sort();
    keyed.into_iter().map(|(_, id)| id).collect()
}

/// A typed statement, trimmed with inner whitespace collapsed; or the message saying what is wrong.
pub fn check_statement(ctx: &Ctx, text: &str) -> Result<String, String> {
    super::keywords::check_text(ctx, text, "st-empty", "st-long", STATEMENT_MAX_CHARS)
}

fn parse_vote(s: &str) -> AppResult<i64> {
    match s {
        "agree" => Ok(1),
        "disagree" => Ok(-1),
        "pass" => Ok(0),
        other => Err(AppError::BadRequest(format!(
            "field 'vote': expected agree, disagree or pass, got {other:?}"
        ))),
    }
}

fn parse_id(s: &str, field: &str) -> AppResult<i64> {
    s.parse()
        .map_err(|_| AppError::BadRequest(format!("field '{field}': not a statement id: {s:?}")))
}

// ---- the participant's phone ----

#[derive(Template)]
#[template(path = "statements_participant.html")]
pub struct ParticipantPage {
    pub ctx: Ctx,
    pub summit: Summit,
    /// `/s/{slug}/statements` (the day) or `/s/{slug}/ideas` (online before it): where the forms post.
    pub base: String,
    pub online: bool,
    /// Statements can be sent and voted on now (a statements round; online: the page is open).
    pub open: bool,
    pub now: Now,
    /// The statement to vote on now (the next one, or the one chosen to change a vote).
    pub current: Option<Statement>,
    /// My vote on it, when changing a vote.
    pub current_vote: Option<i64>,
    /// Statements left to vote on (the current one included) and all I can vote on.
    pub left: usize,
    pub total: usize,
    /// My votes: (statement, vote), in my order.
    pub voted: Vec<(Statement, i64)>,
    /// My own statements, oldest first.
    pub mine: Vec<Statement>,
    pub submission: String,
    pub saved: Option<String>,
    pub vote_saved: bool,
    pub text: String,
    pub errors: FieldErrors,
}

impl ParticipantPage {
    pub fn title(&self) -> String {
        self.now.title(&self.ctx)
    }
    pub fn vote_name(&self, v: &i64) -> String {
        self.ctx.t(match v {
            1 => "st-agree",
            -1 => "st-disagree",
            _ => "st-pass",
        })
    }
    pub fn status_name(&self, s: &Statement) -> String {
        self.ctx.t(&format!("st-status-{}", s.status))
    }
    pub fn left_text(&self) -> String {
        self.ctx.tns(
            "st-left",
            &[("left", self.left as i64), ("total", self.total as i64)],
        )
    }
    pub fn is_vote(&self, v: i64) -> bool {
        self.current_vote == Some(v)
    }
}

#[derive(Deserialize, Default)]
pub struct ParticipantQuery {
    /// A statement to vote on again.
    s: Option<i64>,
    saved: Option<i64>,
    voted: Option<String>,
}

/// Who votes on the statements page: a participant on the day, or a browser online before it.
pub struct Voter {
    pub summit: Summit,
    /// `participant:PUBLIC_ID` or `online:HASH`.
    pub id: String,
    /// The online page (`/s/{slug}/ideas`) rather than the day's (`/s/{slug}/statements`).
    pub online: bool,
}

impl Voter {
    fn participant(me: &Participant) -> Voter {
        Voter {
            summit: me.summit.clone(),
            id: me.actor(),
            online: false,
        }
    }
    fn base(&self) -> String {
        let page = if self.online { "ideas" } else { "statements" };
        format!("/s/{}/{page}", self.summit.slug)
    }
}

async fn participant_page(
    ctx: Ctx,
    state: &AppState,
    voter: &Voter,
    choose: Option<i64>,
) -> AppResult<ParticipantPage> {
    let now = Now::load(state, voter.summit.id).await?;
    let open = if voter.online {
        state.store.online_statements_open(voter.summit.id).await?
    } else {
        now.collects_statements()
    };
    let me_actor = voter.id.clone();
    let all = state.store.statements(voter.summit.id).await?;
    let mine_votes: HashMap<i64, i64> = state
        .store
        .statement_votes_of(voter.summit.id, &me_actor)
        .await?
        .into_iter()
        .collect();
    let votable: Vec<&Statement> = all
        .iter()
        .filter(|s| s.approved() && s.author != me_actor)
        .collect();
    let order = vote_order(&me_actor, &votable.iter().map(|s| s.id).collect::<Vec<_>>());
    let by_id = |id: i64| votable.iter().find(|s| s.id == id).map(|s| (*s).clone());
    let voted: Vec<(Statement, i64)> = order
        .iter()
        .filter_map(|id| Some((by_id(*id)?, *mine_votes.get(id)?)))
        .collect();
    let left = order
        .iter()
        .filter(|id| !mine_votes.contains_key(id))
        .count();
    let chosen = choose.and_then(by_id);
    let current = chosen.clone().or_else(|| {
        order
            .iter()
            .find(|id| !mine_votes.contains_key(id))
            .and_then(|id| by_id(*id))
    });
    let current_vote = chosen.and_then(|s| mine_votes.get(&s.id).copied());
    Ok(ParticipantPage {
        ctx,
        summit: voter.summit.clone(),
        base: voter.base(),
        online: voter.online,
        open,
        now,
        current,
        current_vote,
        left,
        total: order.len(),
        voted,
        mine: all.into_iter().filter(|s| s.author == me_actor).collect(),
        submission: submission_id(),
        saved: None,
        vote_saved: false,
        text: String::new(),
        errors: FieldErrors::default(),
    })
}

pub async fn participant(
    ctx: Ctx,
    me: Participant,
    State(state): State<AppState>,
    Query(q): Query<ParticipantQuery>,
) -> AppResult<Response> {
    render(&shown_page(ctx, &state, &Voter::participant(&me), &q).await?)
}

/// The statements page after a redirect: the chosen statement, and what was just saved.
async fn shown_page(
    ctx: Ctx,
    state: &AppState,
    voter: &Voter,
    q: &ParticipantQuery,
) -> AppResult<ParticipantPage> {
    let mut p = participant_page(ctx, state, voter, q.s).await?;
    p.vote_saved = q.voted.is_some();
    if let Some(id) = q.saved
        && let Ok(s) = state.store.statement(voter.summit.id, id).await
        && s.author == voter.id
    {
        p.saved = Some(s.original);
    }
    Ok(p)
}

/// Whether this voter may send and vote now: a statements round on the day; online, while the page is open.
/// (Anything else is a stale form: refused plainly.) The day's statements carry the current round.
async fn open_round(state: &AppState, voter: &Voter) -> AppResult<Option<i64>> {
    if voter.online {
        if state.store.online_statements_open(voter.summit.id).await? {
            return Ok(None);
        }
        return Err(AppError::BadRequest(
            "the online statements page is closed: reload the page".into(),
        ));
    }
    let now = Now::load(state, voter.summit.id).await?;
    match &now.current {
        Some(r) if now.collects_statements() => Ok(Some(r.id)),
        _ => Err(AppError::BadRequest(
            "this is not a statements round (any more): reload the page".into(),
        )),
    }
}

/// Send a statement (during a statements round). Idempotent on the form's submission id. The author's own
/// statement counts as agreed with once it is shown (as in Polis).
pub async fn submit(
    ctx: Ctx,
    me: Participant,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    submit_as(ctx, &state, &Voter::participant(&me), &form).await
}

async fn submit_as(
    ctx: Ctx,
    state: &AppState,
    voter: &Voter,
    form: &FormData,
) -> AppResult<Response> {
    let submission = check_submission(&form.get("submission"))?;
    let round_id = open_round(state, voter).await?;
    let text = match check_statement(&ctx, &form.get("text")) {
        Ok(t) => t,
        Err(m) => {
            let mut p = participant_page(ctx, state, voter, None).await?;
            p.text = form.get("text");
            p.errors.add("text", m);
            return render_invalid(&p);
        }
    };
    let done = state
        .store
        .add_statement(
            voter.summit.id,
            &NewStatement {
                round_id,
                author: voter.id.clone(),
                text,
                submission_id: submission,
                approved: false,
            },
        )
        .await?;
    Ok(see_other(&format!(
        "{}?saved={}#st-send",
        voter.base(),
        done.id()
    )))
}

/// Agree, disagree or pass on an approved statement of someone else (during a statements round); a second
/// vote on it replaces the first. Then on to the next statement.
pub async fn vote(
    me: Participant,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    vote_as(&state, &Voter::participant(&me), &form).await
}

async fn vote_as(state: &AppState, voter: &Voter, form: &FormData) -> AppResult<Response> {
    let id = parse_id(&form.get("statement"), "statement")?;
    let vote = parse_vote(&form.get("vote"))?;
    open_round(state, voter).await?;
    let s = state.store.statement(voter.summit.id, id).await?;
    if s.author == voter.id {
        return Err(AppError::BadRequest(
            "field 'statement': your own statement counts as agreed with".into(),
        ));
    }
    state
        .store
        .cast_statement_vote(voter.summit.id, id, &voter.id, vote)
        .await?;
    Ok(see_other(&format!("{}?voted=1#st-vote", voter.base())))
}

// ---- online, before the day ----

/// The cookie that makes a browser one pseudonymous online voter (a random token; only its hash is used).
pub const VOICE_COOKIE: &str = "g1000_voice";
/// How long the cookie lasts: a year.
const VOICE_MAX_AGE_S: i64 = 365 * 24 * 3600;

/// The online voter of this browser, if it has the cookie.
fn online_voter(summit: &Summit, headers: &HeaderMap) -> Option<Voter> {
    let token = crate::security::cookie(headers, VOICE_COOKIE)?;
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    Some(Voter {
        summit: summit.clone(),
        id: format!("online:{}", &crate::security::sha256_hex(token)[..24]),
        online: true,
    })
}

/// `GET /s/{slug}/ideas`: the online statements page (public); gives the browser its pseudonymous cookie.
pub async fn online(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<ParticipantQuery>,
) -> AppResult<Response> {
    let (voter, fresh) = match online_voter(&access.summit, &headers) {
        Some(v) => (v, None),
        None => {
            let token = crate::security::random_token();
            let mut h = HeaderMap::new();
            h.insert(
                header::COOKIE,
                format!("{VOICE_COOKIE}={token}").parse().unwrap(),
            );
            let v = online_voter(&access.summit, &h).expect("a fresh token");
            (v, Some(token))
        }
    };
    let page = shown_page(ctx, &state, &voter, &q).await?;
    let mut res = render(&page)?;
    if let Some(token) = fresh {
        let secure = crate::security::is_https(&state, &headers);
        res.headers_mut().append(
            header::SET_COOKIE,
            crate::security::set_cookie(VOICE_COOKIE, &token, VOICE_MAX_AGE_S, secure),
        );
    }
    Ok(res)
}

/// The online voter of a post, within the rate limit (per client address).
fn online_post(
    state: &AppState,
    summit: &Summit,
    headers: &HeaderMap,
    client: &ClientAddr,
) -> AppResult<Voter> {
    let key = format!("ideas:{}", client.key());
    if !state.online_limiter.allowed(&key) {
        return Err(AppError::BadRequest(
            "too many statements and votes from this address in a short time: wait a few minutes"
                .into(),
        ));
    }
    state.online_limiter.failed(&key); // counts every action, not failures
    online_voter(summit, headers).ok_or_else(|| {
        AppError::BadRequest(format!(
            "cookie '{VOICE_COOKIE}': missing; open the statements page first (cookies must be allowed)"
        ))
    })
}

pub async fn online_submit(
    ctx: Ctx,
    access: SummitAccess,
    client: ClientAddr,
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let voter = online_post(&state, &access.summit, &headers, &client)?;
    submit_as(ctx, &state, &voter, &form).await
}

pub async fn online_vote(
    access: SummitAccess,
    client: ClientAddr,
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let voter = online_post(&state, &access.summit, &headers, &client)?;
    vote_as(&state, &voter, &form).await
}

/// Open (`open` = 1) or close (`open` = 0) the online statements page.
pub async fn set_online(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let summit = access.summit;
    let open = super::console::zero_or_one(&form, "open")?;
    if state.store.set_online_statements(summit.id, open).await? {
        audit(
            &state,
            &ctx,
            summit.id,
            "day.statement.online",
            json!({ "open": open }),
        )
        .await?;
    }
    Ok(see_other(&format!(
        "/s/{}/console/statements#st-online",
        summit.slug
    )))
}

// ---- the facilitators' console ----

#[derive(Template)]
#[template(path = "statements_console.html")]
pub struct ConsolePage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub now: Now,
    /// Newest first.
    pub statements: Vec<Statement>,
    pub opinion: OpinionView,
    pub pending: usize,
    pub approved: usize,
    pub hidden: usize,
    /// The online statements page is open.
    pub online_open: bool,
    pub submission: String,
    pub text: String,
    pub errors: FieldErrors,
}

impl ConsolePage {
    pub fn title(&self) -> String {
        self.now.title(&self.ctx)
    }
    pub fn err(&self, field: &str, id: &i64) -> String {
        self.errors.get(&format!("{field}-{id}"))
    }
    pub fn has_err(&self, field: &str, id: &i64) -> bool {
        self.errors.has(&format!("{field}-{id}"))
    }
    pub fn status_name(&self, s: &Statement) -> String {
        self.ctx.t(&format!("st-status-{}", s.status))
    }
    pub fn author(&self, s: &Statement) -> String {
        if s.author.starts_with("participant:") {
            self.ctx.t("day-by-participant")
        } else {
            self.ctx.t("st-by-facilitator")
        }
    }
}

async fn console_page(ctx: Ctx, state: &AppState, summit: Summit) -> AppResult<ConsolePage> {
    let now = Now::load(state, summit.id).await?;
    let mut statements = state.store.statements(summit.id).await?;
    let mut opinion = opinion_view(state, &ctx, summit.id, &statements).await?;
    statements.reverse();
    opinion.carry = true;
    opinion.themes = state
        .store
        .themes(summit.id)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    Ok(ConsolePage {
        online_open: state.store.online_statements_open(summit.id).await?,
        pending: statements.iter().filter(|s| s.pending()).count(),
        approved: statements.iter().filter(|s| s.approved()).count(),
        hidden: statements.iter().filter(|s| s.hidden()).count(),
        ctx,
        summit,
        now,
        statements,
        opinion,
        submission: submission_id(),
        text: String::new(),
        errors: FieldErrors::default(),
    })
}

pub async fn console(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
) -> AppResult<Response> {
    render(&console_page(ctx, &state, access.summit).await?)
}

/// A facilitator adds a statement (approved at once), e.g. to seed the conversation.
pub async fn add(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let summit = access.summit;
    let submission = check_submission(&form.get("submission"))?;
    let text = match check_statement(&ctx, &form.get("text")) {
        Ok(t) => t,
        Err(m) => {
            let mut p = console_page(ctx, &state, summit).await?;
            p.text = form.get("text");
            p.errors.add("text", m);
            return render_invalid(&p);
        }
    };
    let now = Now::load(&state, summit.id).await?;
    let done = state
        .store
        .add_statement(
            summit.id,
            &NewStatement {
                round_id: now.current.as_ref().map(|r| r.id),
                author: crate::pages::actor(&ctx),
                text: text.clone(),
                submission_id: submission,
                approved: true,
            },
        )
        .await?;
    if let g1000_store::Submitted::Saved(id) = done {
        audit(
            &state,
            &ctx,
            summit.id,
            "day.statement.add",
            json!({ "statement": id, "text": text }),
        )
        .await?;
    }
    Ok(see_other(&format!(
        "/s/{}/console/statements#st-add",
        summit.slug
    )))
}

/// The audit record of a moderation: its action name and detail (the original, the text before and after, the
/// reason).
pub fn moderation_record(
    action: &StatementModeration,
    before: &Statement,
    after: &Statement,
    reason: &str,
) -> (&'static str, serde_json::Value) {
    let name = match action {
        StatementModeration::Approve => "day.statement.approve",
        StatementModeration::Hide => "day.statement.hide",
        StatementModeration::Edit(_) => "day.statement.edit",
    };
    let detail = json!({
        "statement": before.id,
        "original": before.original,
        "from": before.shown,
        "to": after.shown,
        "reason": reason,
    });
    (name, detail)
}

/// Approve, hide or edit a statement, with a reason (required to hide or edit).
pub async fn moderate(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let summit = access.summit;
    let reason = form.get("reason").trim().to_string();
    let mut errors = FieldErrors::default();
    let action = match form.get("action").as_str() {
        "approve" => Some(StatementModeration::Approve),
        "hide" => Some(StatementModeration::Hide),
        "edit" => match check_statement(&ctx, &form.get("text")) {
            Ok(t) => Some(StatementModeration::Edit(t)),
            Err(m) => {
                errors.add(&format!("text-{id}"), m);
                None
            }
        },
        other => {
            return Err(AppError::BadRequest(format!(
                "field 'action': expected approve, hide or edit, got {other:?}"
            )));
        }
    };
    check_reason(
        &ctx,
        &reason,
        !matches!(action, Some(StatementModeration::Approve)),
        &format!("reason-{id}"),
        &mut errors,
    );
    let current = state.store.statement(summit.id, id).await?;
    let action = match action {
        Some(a) if errors.is_empty() => a,
        _ => {
            let mut p = console_page(ctx, &state, summit).await?;
            p.errors = errors;
            return render_invalid(&p);
        }
    };
    let done = state
        .store
        .moderate_statement(summit.id, id, &action, &reason)
        .await?;
    let (name, detail) = moderation_record(&action, &current, &done, &reason);
    audit(&state, &ctx, summit.id, name, detail).await?;
    Ok(see_other(&format!(
        "/s/{}/console/statements#st-{id}",
        summit.slug
    )))
}

/// Make an agenda theme from a statement (`name`: the theme's name, prefilled from the statement's text).
pub async fn carry(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let summit = access.summit;
    let name = match super::keywords::check_theme_name(&ctx, &form.get("name")) {
        Ok(n) => n,
        Err(m) => {
            let mut p = console_page(ctx, &state, summit).await?;
            p.errors.add(&format!("name-{id}"), m.clone());
            p.opinion.errors.add(&format!("name-{id}"), m);
            return render_invalid(&p);
        }
    };
    let statement = match state.store.statement(summit.id, id).await {
        Ok(s) if s.approved() => s,
        Ok(_) | Err(StoreError::NotFound(_)) => {
            return Err(AppError::BadRequest(
                "field 'statement': only an approved statement of this summit becomes a theme"
                    .into(),
            ));
        }
        Err(e) => return Err(e.into()),
    };
    if let Some(t) = statement.theme_id
        && state
            .store
            .themes(summit.id)
            .await?
            .iter()
            .any(|x| x.id == t)
    {
        // Already carried (a second click): nothing new.
        return Ok(see_other(&format!(
            "/s/{}/console/statements#cg-{id}",
            summit.slug
        )));
    }
    let theme = state.store.create_theme(summit.id, &name, &[]).await?;
    state
        .store
        .set_statement_theme(summit.id, id, theme.id)
        .await?;
    audit(
        &state,
        &ctx,
        summit.id,
        "day.statement.theme",
        json!({ "statement": id, "theme": theme.id, "name": name, "text": statement.shown }),
    )
    .await?;
    Ok(see_other(&format!(
        "/s/{}/console/statements#cg-{id}",
        summit.slug
    )))
}

// ---- the public results ----

#[derive(Template)]
#[template(path = "statements_results.html")]
pub struct ResultsPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub opinion: OpinionView,
    pub approved: usize,
}

/// The opinion map and the common ground, kept after the round: public, without personal data.
pub async fn results(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
) -> AppResult<Response> {
    let summit = access.summit;
    let statements = state.store.statements(summit.id).await?;
    let opinion = opinion_view(&state, &ctx, summit.id, &statements).await?;
    render(&ResultsPage {
        approved: statements.iter().filter(|s| s.approved()).count(),
        ctx,
        summit,
        opinion,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_voter_sees_every_statement_once_in_an_order_of_their_own() {
        let ids: Vec<i64> = (1..=12).collect();
        let a = vote_order("participant:a", &ids);
        let b = vote_order("participant:b", &ids);
        assert_eq!(a, vote_order("participant:a", &ids));
        assert_ne!(a, b);
        for o in [&a, &b] {
            let mut s = o.clone();
            s.sort();
            assert_eq!(s, ids);
        }
        // A new statement keeps the others' relative order.
        let mut more = ids.clone();
        more.push(13);
        let a13: Vec<i64> = vote_order("participant:a", &more)
            .into_iter()
            .filter(|&i| i != 13)
            .collect();
        assert_eq!(a13, a);
    }

    #[test]
    fn theme_names_fit_a_keyword() {
        assert_eq!(theme_name("Meer groen"), "Meer groen");
        let long = "word ".repeat(30);
        let t = theme_name(&long);
        assert!(t.chars().count() <= KEYWORD_MAX_CHARS, "{t}");
        assert!(t.ends_with('…'));
        let one = "x".repeat(100);
        assert_eq!(theme_name(&one).chars().count(), KEYWORD_MAX_CHARS);
    }
}
