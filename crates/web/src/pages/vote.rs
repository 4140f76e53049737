//! Votes (issue 6): facilitators create a vote over the published proposals with one of the tally crate's
//! rules, open and close it, enter paper ballots, and see the count explained step by step; everyone sees the
//! live counter and, once visible, the results and (after closing) the anonymous ballots as open data.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::Response;
use g1000_store::{
    BallotOutcome, NewOption, NewVote, Proposal, Store, Summit, Vote, VoteMethod, VoteOption,
};

use super::proposals::{SavedQuery, submission};
use super::{audit, file_response, render, render_invalid};
use crate::AppState;
use crate::auth::{Ctx, Participant, SummitAccess, see_other};
use crate::ballot::{self, Choice, StepView};
use crate::error::{AppError, AppResult};
use crate::forms::{FieldErrors, FormData};
use crate::i18n::Tr;
use crate::security::{random_token, sha256_hex};
use serde::Deserialize;

/// One option as a ballot form shows it, with the voter's current choice.
pub struct OptionRow {
    pub position: i64,
    pub label: String,
    pub cost: i64,
    pub checked: bool,
    pub dots: i64,
    pub place: Option<usize>,
}

pub fn option_rows(options: &[VoteOption], choice: Option<&Choice>) -> Vec<OptionRow> {
    options
        .iter()
        .map(|o| OptionRow {
            position: o.position,
            label: o.label.clone(),
            cost: o.cost,
            checked: choice.is_some_and(|c| c.approves(o.position)),
            dots: choice.map_or(0, |c| c.dots(o.position)),
            place: choice.and_then(|c| c.place(o.position)),
        })
        .collect()
}

/// A vote's count as the pages show it.
pub struct ResultView {
    /// The chosen options' titles, in the order they were chosen.
    pub chosen: Vec<String>,
    pub steps: Vec<StepView>,
    /// Why there is no result (no ballots yet).
    pub problem: Option<String>,
    pub ballots: usize,
}

/// Counts a vote's stored ballots with its rule and explains the count in the reader's language.
pub async fn result(
    store: &Store,
    tr: &Tr,
    vote: &Vote,
    options: &[VoteOption],
) -> AppResult<ResultView> {
    let stored = store.ballots(vote.id).await?;
    let e = ballot::election(vote, options, &stored);
    Ok(match ballot::count(vote, &e) {
        Ok(out) => ResultView {
            chosen: out
                .selected
                .iter()
                .filter_map(|id| {
                    options
                        .iter()
                        .find(|o| ballot::option_id(o.position) == *id)
                        .map(|o| o.label.clone())
                })
                .collect(),
            steps: ballot::explain(tr, vote, options, &out.explanation),
            problem: None,
            ballots: stored.len(),
        },
        Err(g1000_tally::TallyError::NoBallots) => ResultView {
            chosen: vec![],
            steps: vec![],
            problem: Some(tr.t("vote-no-ballots")),
            ballots: 0,
        },
        Err(e) => ResultView {
            chosen: vec![],
            steps: vec![],
            problem: Some(e.to_string()),
            ballots: stored.len(),
        },
    })
}

/// "N of M voted" (M: people checked in; 0 when nobody is checked in).
pub struct Turnout {
    pub voted: i64,
    pub present: i64,
    pub paper: i64,
}

impl Turnout {
    pub fn text(&self, ctx: &Ctx) -> String {
        if self.present > 0 {
            ctx.tns(
                "vote-turnout-n-of-m",
                &[("n", self.voted), ("m", self.present)],
            )
        } else {
            ctx.tn("vote-turnout-n", "n", self.voted)
        }
    }
}

pub async fn turnout(store: &Store, vote: &Vote) -> AppResult<Turnout> {
    let (phones, _) = store.vote_counts(vote.id).await?;
    Ok(Turnout {
        voted: phones + vote.paper_ballots,
        present: store.present_count(vote.summit_id).await?,
        paper: vote.paper_ballots,
    })
}

/// The vote form's raw values.
#[derive(Debug, Clone)]
pub struct VoteInput {
    pub title: String,
    pub method: String,
    pub max_choices: String,
    pub seats: String,
    pub budget: String,
    pub hide_results: bool,
    pub proposals: Vec<String>,
}

impl VoteInput {
    fn new_default(proposals: &[Proposal]) -> Self {
        Self {
            title: String::new(),
            method: "approval".into(),
            max_choices: "10".into(),
            seats: "10".into(),
            budget: "0".into(),
            hide_results: true,
            proposals: proposals.iter().map(|p| p.id.to_string()).collect(),
        }
    }

    fn from_form(f: &FormData) -> Self {
        Self {
            title: f.get("title"),
            method: f.get("method"),
            max_choices: f.get("max_choices"),
            seats: f.get("seats"),
            budget: f.get("budget"),
            hide_results: f.get("hide_results") == "1",
            proposals: f.all("proposal"),
        }
    }

    fn validate(
        &self,
        tr: &Tr,
        published: &[Proposal],
    ) -> Result<(NewVote, Vec<NewOption>), FieldErrors> {
        let mut e = FieldErrors::default();
        if self.title.is_empty() {
            e.add("title", tr.t("error-required"));
        } else if self.title.chars().count() > 120 {
            e.add("title", tr.tn("error-too-long", "max", 120));
        }
        let method = VoteMethod::parse(&self.method);
        if method.is_none() {
            e.add("method", tr.t("error-choice"));
        }
        let mut int = |name: &str, v: &str, min: i64, max: i64| match v.parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => n,
            _ => {
                e.add(name, tr.tns("error-range", &[("min", min), ("max", max)]));
                min
            }
        };
        let max_choices = int("max_choices", &self.max_choices, 0, 1000);
        let seats = int("seats", &self.seats, 1, 1000);
        let budget = int("budget", &self.budget, 0, 1_000_000_000_000);
        let chosen: Vec<&Proposal> = published
            .iter()
            .filter(|p| self.proposals.contains(&p.id.to_string()))
            .collect();
        if chosen.len() < 2 {
            e.add("proposal", tr.t("vote-error-options"));
        }
        if let Some(m) = method {
            if m == VoteMethod::Dots && max_choices < 1 {
                e.add("max_choices", tr.t("vote-error-dots"));
            }
            if m.budgeted() {
                if budget < 1 {
                    e.add("budget", tr.t("vote-error-budget"));
                }
                if chosen.iter().any(|p| p.cost.is_none()) {
                    e.add("proposal", tr.t("vote-error-costs"));
                }
            }
        }
        if !e.is_empty() {
            return Err(e);
        }
        let options = chosen
            .iter()
            .map(|p| (p.title.clone(), Some(p.id), p.cost.unwrap_or(0)))
            .collect();
        Ok((
            NewVote {
                title: self.title.clone(),
                method: method.unwrap_or(VoteMethod::Approval),
                max_choices,
                seats,
                budget,
                hide_results: self.hide_results,
            },
            options,
        ))
    }

    pub fn has(&self, p: &Proposal) -> bool {
        self.proposals.contains(&p.id.to_string())
    }
}

pub struct VoteRow {
    pub vote: Vote,
    pub turnout: Turnout,
}

#[derive(Template)]
#[template(path = "vote_list.html")]
pub struct VoteListPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub votes: Vec<VoteRow>,
    pub published: Vec<Proposal>,
    pub input: VoteInput,
    pub errors: FieldErrors,
    pub submission: String,
    pub status: Option<&'static str>,
}

impl VoteListPage {
    pub fn methods(&self) -> &'static [VoteMethod] {
        VoteMethod::ALL
    }
    pub fn method_name(&self, m: &VoteMethod) -> String {
        method_name(&self.ctx, *m)
    }
    pub fn status_name(&self, v: &Vote) -> String {
        status_name(&self.ctx, v)
    }
}

/// A method's name and its status' name, for templates.
pub fn method_name(ctx: &Ctx, m: VoteMethod) -> String {
    ctx.t(&format!("vote-method-{}", m.as_str()))
}
pub fn status_name(ctx: &Ctx, v: &Vote) -> String {
    ctx.t(&format!("vote-status-{}", v.status.as_str()))
}

async fn list_page(
    ctx: Ctx,
    state: &AppState,
    summit: Summit,
    input: Option<VoteInput>,
    errors: FieldErrors,
    status: Option<&'static str>,
) -> AppResult<VoteListPage> {
    let published = state.store.published_proposals(summit.id).await?;
    let mut votes = vec![];
    for v in state.store.votes(summit.id).await? {
        votes.push(VoteRow {
            turnout: turnout(&state.store, &v).await?,
            vote: v,
        });
    }
    Ok(VoteListPage {
        input: input.unwrap_or_else(|| VoteInput::new_default(&published)),
        ctx,
        summit,
        votes,
        published,
        errors,
        submission: random_token(),
        status,
    })
}

pub async fn list(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Query(q): Query<SavedQuery>,
) -> AppResult<Response> {
    render(
        &list_page(
            ctx,
            &state,
            access.summit,
            None,
            FieldErrors::default(),
            q.key(),
        )
        .await?,
    )
}

pub async fn create(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let input = VoteInput::from_form(&form);
    let published = state.store.published_proposals(access.summit.id).await?;
    let (new, options) = match input.validate(&ctx.tr, &published) {
        Ok(v) => v,
        Err(errors) => {
            let page = list_page(ctx, &state, access.summit, Some(input), errors, None).await?;
            return render_invalid(&page);
        }
    };
    let sub = submission(&form)?;
    let slug = &access.summit.slug;
    match state
        .store
        .create_vote(access.summit.id, &new, &options, &sub)
        .await?
    {
        Some(v) => {
            audit(
                &state,
                &ctx,
                access.summit.id,
                "vote.created",
                serde_json::json!({"id": v.id, "vote": &new, "options": &options}),
            )
            .await?;
            Ok(see_other(&format!("/s/{slug}/votes/{}?saved=1", v.id)))
        }
        None => Ok(see_other(&format!("/s/{slug}/votes?saved=again"))),
    }
}

#[derive(Template)]
#[template(path = "vote_console.html")]
pub struct VoteConsolePage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub vote: Vote,
    pub options: Vec<OptionRow>,
    pub turnout: Turnout,
    pub result: Option<ResultView>,
    pub submission: String,
    pub status: Option<&'static str>,
    pub error: Option<String>,
}

impl VoteConsolePage {
    pub fn method_name(&self) -> String {
        method_name(&self.ctx, self.vote.method)
    }
    pub fn status_name(&self) -> String {
        status_name(&self.ctx, &self.vote)
    }
    pub fn places(&self) -> Vec<usize> {
        (1..=self.options.len()).collect()
    }
}

async fn console_page(
    ctx: Ctx,
    state: &AppState,
    summit: Summit,
    id: i64,
    status: Option<&'static str>,
    error: Option<String>,
) -> AppResult<VoteConsolePage> {
    let vote = state.store.vote(summit.id, id).await?;
    let options = state.store.vote_options(vote.id).await?;
    let result = if vote.results_visible() {
        Some(result(&state.store, &ctx.tr, &vote, &options).await?)
    } else {
        None
    };
    Ok(VoteConsolePage {
        turnout: turnout(&state.store, &vote).await?,
        options: option_rows(&options, None),
        ctx,
        summit,
        vote,
        result,
        submission: random_token(),
        status,
        error,
    })
}

pub async fn show(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
    Query(q): Query<SavedQuery>,
) -> AppResult<Response> {
    render(&console_page(ctx, &state, access.summit, id, q.key(), None).await?)
}

pub async fn open(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    state.store.vote(access.summit.id, id).await?;
    if state.store.open_vote(access.summit.id, id).await? {
        audit(
            &state,
            &ctx,
            access.summit.id,
            "vote.opened",
            serde_json::json!({"id": id}),
        )
        .await?;
    }
    Ok(see_other(&format!(
        "/s/{}/votes/{id}?saved=1",
        access.summit.slug
    )))
}

pub async fn close(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    state.store.vote(access.summit.id, id).await?;
    if state.store.close_vote(access.summit.id, id).await? {
        let vote = state.store.vote(access.summit.id, id).await?;
        let options = state.store.vote_options(id).await?;
        let (phones, ballots) = state.store.vote_counts(id).await?;
        let r = result(&state.store, &ctx.tr, &vote, &options).await?;
        audit(
            &state,
            &ctx,
            access.summit.id,
            "vote.closed",
            serde_json::json!({"id": id, "voters_by_phone": phones, "paper_ballots": vote.paper_ballots,
                "ballots": ballots, "chosen": r.chosen}),
        )
        .await?;
    }
    Ok(see_other(&format!(
        "/s/{}/votes/{id}?saved=1",
        access.summit.slug
    )))
}

/// A paper ballot, entered by a facilitator: counted like any other; only the number of paper ballots is kept.
pub async fn paper(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let vote = state.store.vote(access.summit.id, id).await?;
    let options = state.store.vote_options(id).await?;
    let choice = match Choice::from_form(&vote, &options, &form) {
        Ok(c) => c,
        Err(e) => {
            let msg = e.message(&ctx.tr);
            let page = console_page(ctx, &state, access.summit, id, None, Some(msg)).await?;
            return render_invalid(&page);
        }
    };
    let sub = submission(&form)?;
    // A key nobody holds: the paper ballot's row looks like every other ballot.
    let key_hash = sha256_hex(&random_token());
    let slug = &access.summit.slug;
    match state
        .store
        .add_paper_ballot(access.summit.id, id, &key_hash, &choice.encode(), &sub)
        .await?
    {
        Ok(true) => {
            // The audit record says a paper ballot was entered, not what it says.
            audit(
                &state,
                &ctx,
                access.summit.id,
                "vote.paper_ballot",
                serde_json::json!({"id": id}),
            )
            .await?;
            Ok(see_other(&format!("/s/{slug}/votes/{id}?saved=1#paper")))
        }
        Ok(false) => Ok(see_other(&format!(
            "/s/{slug}/votes/{id}?saved=again#paper"
        ))),
        Err(_) => {
            let msg = ctx.t("vote-not-open");
            let page = console_page(ctx, &state, access.summit, id, None, Some(msg)).await?;
            render_invalid(&page)
        }
    }
}

// ---- public results and open data ----

#[derive(Template)]
#[template(path = "vote_results.html")]
pub struct ResultsListPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub votes: Vec<Vote>,
}

impl ResultsListPage {
    pub fn status_name(&self, v: &Vote) -> String {
        status_name(&self.ctx, v)
    }
}

pub async fn results_list(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
) -> AppResult<Response> {
    let votes = state
        .store
        .votes(access.summit.id)
        .await?
        .into_iter()
        .filter(|v| !v.is_draft())
        .collect();
    render(&ResultsListPage {
        ctx,
        summit: access.summit,
        votes,
    })
}

#[derive(Template)]
#[template(path = "vote_result.html")]
pub struct ResultPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub vote: Vote,
    pub turnout: Turnout,
    pub result: Option<ResultView>,
}

impl ResultPage {
    pub fn method_name(&self) -> String {
        method_name(&self.ctx, self.vote.method)
    }
    pub fn status_name(&self) -> String {
        status_name(&self.ctx, &self.vote)
    }
}

async fn public_vote(state: &AppState, summit_id: i64, id: i64) -> AppResult<Vote> {
    let vote = state.store.vote(summit_id, id).await?;
    if vote.is_draft() {
        return Err(AppError::NotFound);
    }
    Ok(vote)
}

/// A vote for everyone and for the projector: the live counter while open; the result with its explanation
/// once visible.
pub async fn result_page(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let vote = public_vote(&state, access.summit.id, id).await?;
    let options = state.store.vote_options(id).await?;
    let result = if vote.results_visible() {
        Some(result(&state.store, &ctx.tr, &vote, &options).await?)
    } else {
        None
    };
    render(&ResultPage {
        turnout: turnout(&state.store, &vote).await?,
        ctx,
        summit: access.summit,
        vote,
        result,
    })
}

/// The anonymous ballots of a closed vote, in random (key) order, so anyone can recount.
async fn open_data(
    state: &AppState,
    summit_id: i64,
    id: i64,
) -> AppResult<(Vote, Vec<VoteOption>, Vec<String>)> {
    let vote = public_vote(state, summit_id, id).await?;
    if !vote.is_closed() {
        return Err(AppError::NotFound);
    }
    let options = state.store.vote_options(id).await?;
    let ballots = state.store.ballots(id).await?;
    Ok((vote, options, ballots))
}

pub async fn ballots_json(
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let (vote, options, ballots) = open_data(&state, access.summit.id, id).await?;
    let body = serde_json::json!({
        "vote": {"id": vote.id, "title": vote.title, "method": vote.method, "max_choices": vote.max_choices,
                 "seats": vote.seats, "budget": vote.budget, "paper_ballots": vote.paper_ballots},
        "options": options.iter().map(|o| serde_json::json!({"position": o.position, "title": o.label, "cost": o.cost})).collect::<Vec<_>>(),
        "format": match vote.method {
            VoteMethod::Dots => "position:dots,position:dots",
            VoteMethod::Schulze | VoteMethod::Stv => "position>position>position (most preferred first)",
            _ => "position,position (approved options)",
        },
        "ballots": ballots,
    });
    let text =
        serde_json::to_string_pretty(&body).map_err(|e| AppError::Internal(e.to_string()))?;
    file_response(
        "application/json",
        "attachment",
        &format!("ballots-{id}.json"),
        text,
    )
}

pub async fn ballots_csv(
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let (vote, options, ballots) = open_data(&state, access.summit.id, id).await?;
    let mut w = csv::Writer::from_writer(vec![]);
    let mut header = vec!["ballot".to_string()];
    header.extend(
        options
            .iter()
            .map(|o| format!("{}. {}", o.position, o.label)),
    );
    let io = |e: csv::Error| AppError::Internal(e.to_string());
    w.write_record(&header).map_err(io)?;
    for (i, b) in ballots.iter().enumerate() {
        let choice = Choice::decode(vote.method, b);
        let mut row = vec![(i + 1).to_string()];
        for o in &options {
            row.push(match &choice {
                Some(c) if vote.method.ranked() => c
                    .place(o.position)
                    .map(|p| p.to_string())
                    .unwrap_or_default(),
                Some(c) if vote.method == VoteMethod::Dots => c.dots(o.position).to_string(),
                Some(c) => u8::from(c.approves(o.position)).to_string(),
                None => String::new(),
            });
        }
        w.write_record(&row).map_err(io)?;
    }
    let body = w
        .into_inner()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    file_response(
        "text/csv; charset=utf-8",
        "attachment",
        &format!("ballots-{id}.csv"),
        body,
    )
}

// ---- the participant's ballot (the handlers with the participant extractor are in `participant_*`) ----

/// The cookie that holds a voter's ballot key for one vote. Only its SHA-256 is stored, with the ballot.
pub fn ballot_cookie(vote_id: i64) -> String {
    format!("g1000_ballot_{vote_id}")
}

/// The browser's ballot key for a vote, if it has a well-formed one.
fn ballot_key(headers: &HeaderMap, vote_id: i64) -> Option<String> {
    crate::security::cookie(headers, &ballot_cookie(vote_id))
        .filter(|k| k.len() == 64 && k.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_string)
}

#[derive(Template)]
#[template(path = "vote_ballot.html")]
pub struct BallotPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub vote: Vote,
    pub options: Vec<OptionRow>,
    /// The voter has a ballot in this browser.
    pub has_ballot: bool,
    /// The voter voted, but from another browser (no key here).
    pub voted_elsewhere: bool,
    pub submission: String,
    pub status: Option<&'static str>,
    pub error: Option<String>,
}

impl BallotPage {
    pub fn places(&self) -> Vec<usize> {
        (1..=self.options.len()).collect()
    }
    pub fn method_name(&self) -> String {
        method_name(&self.ctx, self.vote.method)
    }
}

#[derive(Deserialize, Default)]
pub struct DoneQuery {
    pub done: Option<String>,
}

fn done_key(q: &DoneQuery) -> Option<&'static str> {
    Some(match q.done.as_deref()? {
        "saved" => "ballot-saved",
        "changed" => "ballot-changed",
        "again" => "saved-again",
        "not_open" => "vote-not-open",
        "other_device" => "ballot-other-device",
        _ => return None,
    })
}

/// Builds the ballot page for a participant. `key` is the browser's ballot key (made when missing).
#[allow(clippy::too_many_arguments)]
async fn ballot_page(
    ctx: Ctx,
    state: &AppState,
    summit: Summit,
    registration_id: i64,
    vote_id: i64,
    key: &str,
    status: Option<&'static str>,
    error: Option<String>,
    entered: Option<Choice>,
) -> AppResult<BallotPage> {
    let vote = public_vote(state, summit.id, vote_id).await?;
    let options = state.store.vote_options(vote_id).await?;
    let mine = state
        .store
        .ballot(vote_id, &sha256_hex(key))
        .await?
        .and_then(|b| Choice::decode(vote.method, &b));
    let voted = state.store.has_voted(vote_id, registration_id).await?;
    let shown = entered.or_else(|| mine.clone());
    Ok(BallotPage {
        options: option_rows(&options, shown.as_ref()),
        has_ballot: mine.is_some(),
        voted_elsewhere: voted && mine.is_none(),
        ctx,
        summit,
        vote,
        submission: random_token(),
        status,
        error,
    })
}

/// A response with the ballot-key cookie set when the key was made for it.
fn with_key(
    mut res: Response,
    state: &AppState,
    headers: &HeaderMap,
    vote_id: i64,
    key: &str,
    fresh: bool,
) -> Response {
    if fresh {
        res.headers_mut().append(
            header::SET_COOKIE,
            crate::security::set_cookie(
                &ballot_cookie(vote_id),
                key,
                16 * 60 * 60,
                crate::security::is_https(state, headers),
            ),
        );
    }
    res
}

/// GET of a participant's ballot: the form with their current ballot (from this browser's key), or why not.
#[allow(clippy::too_many_arguments)]
pub async fn ballot_form(
    ctx: Ctx,
    state: &AppState,
    summit: Summit,
    registration_id: i64,
    vote_id: i64,
    headers: &HeaderMap,
    q: &DoneQuery,
) -> AppResult<Response> {
    let (key, fresh) = match ballot_key(headers, vote_id) {
        Some(k) => (k, false),
        None => (random_token(), true),
    };
    let page = ballot_page(
        ctx,
        state,
        summit,
        registration_id,
        vote_id,
        &key,
        done_key(q),
        None,
        None,
    )
    .await?;
    Ok(with_key(
        render(&page)?,
        state,
        headers,
        vote_id,
        &key,
        fresh,
    ))
}

/// POST of a participant's ballot: cast or changed under this browser's key; a retry is counted once.
pub async fn ballot_submit(
    ctx: Ctx,
    state: &AppState,
    summit: Summit,
    registration_id: i64,
    vote_id: i64,
    headers: &HeaderMap,
    form: &FormData,
) -> AppResult<Response> {
    let vote = public_vote(state, summit.id, vote_id).await?;
    let options = state.store.vote_options(vote_id).await?;
    let (mut key, mut fresh) = match ballot_key(headers, vote_id) {
        Some(k) => (k, false),
        None => (random_token(), true),
    };
    let choice = match Choice::from_form(&vote, &options, form) {
        Ok(c) => c,
        Err(e) => {
            let msg = e.message(&ctx.tr);
            let page = ballot_page(
                ctx,
                state,
                summit,
                registration_id,
                vote_id,
                &key,
                None,
                Some(msg),
                None,
            )
            .await?;
            return Ok(with_key(
                render_invalid(&page)?,
                state,
                headers,
                vote_id,
                &key,
                fresh,
            ));
        }
    };
    let sub = submission(form)?;
    let mut outcome = state
        .store
        .cast_ballot(
            vote_id,
            registration_id,
            &sha256_hex(&key),
            &choice.encode(),
            &sub,
        )
        .await?;
    if outcome == BallotOutcome::KeyTaken {
        // This browser's key holds someone else's ballot (a shared phone): this voter gets a key of their own.
        key = random_token();
        fresh = true;
        outcome = state
            .store
            .cast_ballot(
                vote_id,
                registration_id,
                &sha256_hex(&key),
                &choice.encode(),
                &sub,
            )
            .await?;
    }
    let done = match outcome {
        BallotOutcome::Saved => "saved",
        BallotOutcome::Changed => "changed",
        BallotOutcome::AlreadySaved => "again",
        BallotOutcome::NotOpen => "not_open",
        BallotOutcome::OtherDevice | BallotOutcome::KeyTaken => "other_device",
    };
    let res = see_other(&format!("/s/{}/ballot/{vote_id}?done={done}", summit.slug));
    Ok(with_key(res, state, headers, vote_id, &key, fresh))
}

#[derive(Template)]
#[template(path = "vote_ballots.html")]
pub struct MyVotesPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub votes: Vec<Vote>,
}

/// The participant's list of votes: open ones to vote in, closed ones with a link to their results.
pub async fn my_votes(ctx: Ctx, state: &AppState, summit: Summit) -> AppResult<Response> {
    let votes = state
        .store
        .votes(summit.id)
        .await?
        .into_iter()
        .filter(|v| !v.is_draft())
        .collect();
    render(&MyVotesPage { ctx, summit, votes })
}

/// The participant's votes (route with the participant extractor).
pub async fn participant_votes(
    ctx: Ctx,
    me: Participant,
    State(state): State<AppState>,
) -> AppResult<Response> {
    my_votes(ctx, &state, me.summit).await
}

pub async fn participant_ballot(
    ctx: Ctx,
    me: Participant,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
    Query(q): Query<DoneQuery>,
    headers: HeaderMap,
) -> AppResult<Response> {
    ballot_form(ctx, &state, me.summit, me.registration_id, id, &headers, &q).await
}

pub async fn participant_cast(
    ctx: Ctx,
    me: Participant,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
    headers: HeaderMap,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    ballot_submit(
        ctx,
        &state,
        me.summit,
        me.registration_id,
        id,
        &headers,
        &form,
    )
    .await
}
