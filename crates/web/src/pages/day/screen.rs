//! The projector `/s/{slug}/screen`: the round's title and question, the timer, live participation counters and
//! the word cloud. Read-only and without personal data, so it is public for a published summit (like the
//! summit's public page; before publication only its team sees it).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use g1000_store::{CloudWord, DayCounters, Summit};

use super::Now;
use crate::AppState;
use crate::auth::{Ctx, SummitAccess};
use crate::error::AppResult;
use crate::pages::render;

/// Words shown in the cloud (the most frequent).
pub const CLOUD_WORDS: usize = 60;

#[derive(Template)]
#[template(path = "day_screen.html")]
pub struct ScreenPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub now: Now,
    pub counters: DayCounters,
    /// The day's word cloud, most frequent first.
    pub cloud: Vec<CloudWord>,
    /// The themes in use, with how many visible keywords each holds, largest first.
    pub themes: Vec<(String, usize)>,
    /// The theme vote's count, shown once the vote is closed: (theme, dots, voters).
    pub results: Vec<(String, i64, i64)>,
    pub voters: i64,
    /// The open (or last closed) votes, from part B.
    pub votes: Vec<crate::pages::vote::ScreenVote>,
    /// During a statements round: the opinion map and the common ground (issue 7).
    pub opinion: Option<super::statements::OpinionView>,
    /// The last theme-table run: each theme's tables and how many got their 1st/2nd choice.
    pub theme_tables: Option<super::theme_tables::ThemeTablesView>,
}

impl ScreenPage {
    pub fn title(&self) -> String {
        self.now.title(&self.ctx)
    }
    /// Size class 1–6 of a word, by its count relative to the most frequent word.
    pub fn size(&self, w: &CloudWord) -> i64 {
        size_class(w.count, self.cloud.first().map_or(1, |w| w.count))
    }
    /// The cloud in alphabetical order (sizes carry the frequency; the table below lists the counts).
    pub fn alphabetical(&self) -> Vec<&CloudWord> {
        let mut v: Vec<&CloudWord> = self.cloud.iter().collect();
        v.sort_by_key(|w| g1000_store::keyword_key(&w.word));
        v
    }
}

/// 1 (least) to 6 (the most frequent word).
pub fn size_class(count: i64, max: i64) -> i64 {
    if max <= 1 {
        return if count >= 1 { 3 } else { 1 };
    }
    1 + (count.max(1) - 1) * 5 / (max - 1)
}

pub async fn page(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
) -> AppResult<Response> {
    let summit = access.summit;
    let now = Now::load(&state, summit.id).await?;
    let counters = state
        .store
        .day_counters(summit.id, now.current.as_ref().map(|r| r.id))
        .await?;
    let mut cloud = state.store.word_cloud(summit.id, None).await?;
    cloud.truncate(CLOUD_WORDS);
    let keywords = state.store.keywords(summit.id).await?;
    let mut themes: Vec<(String, usize)> =
        super::with_counts(state.store.themes(summit.id).await?, &keywords)
            .into_iter()
            .map(|(t, n)| (t.name, n))
            .collect();
    themes.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let (mut results, voters) = super::console::results(&state, summit.id).await?;
    if now.state.vote_status != "closed" {
        results.clear(); // hidden until the vote closes
    }
    let votes = crate::pages::vote::screen_votes(&state, &ctx, summit.id).await?;
    let opinion = if now.collects_statements() {
        let statements = state.store.statements(summit.id).await?;
        Some(super::statements::opinion_view(&state, &ctx, summit.id, &statements).await?)
    } else {
        None
    };
    let theme_tables = super::theme_tables::view(&state.store, summit.id)
        .await?
        .filter(|v| v.status == "ready");
    render(&ScreenPage {
        opinion,
        theme_tables,
        votes,
        results,
        voters,
        themes,
        ctx,
        summit,
        now,
        counters,
        cloud,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_span_one_to_six() {
        assert_eq!(super::size_class(1, 1), 3);
        assert_eq!(super::size_class(1, 11), 1);
        assert_eq!(super::size_class(11, 11), 6);
        assert_eq!(super::size_class(6, 11), 3);
    }
}
