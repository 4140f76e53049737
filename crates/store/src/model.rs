//! The rows the store reads and writes, and the small vocabularies (roles, kinds) stored as text.

use serde::Serialize;

macro_rules! text_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

text_enum!(
    /// A person's role in one summit. The anonymous public has no row.
    Role {
        Organiser = "organiser",
        Facilitator = "facilitator",
        TableHost = "table_host",
        Participant = "participant",
    }
);

text_enum!(
    /// Which part of the "whole system" a stakeholder group stands for.
    GroupKind {
        Citizens = "citizens",
        Employers = "employers",
        Government = "government",
        FreeThinkers = "free_thinkers",
        Other = "other",
    }
);

text_enum!(
    /// How people of a stakeholder group come to the summit.
    JoinMethod {
        Lottery = "lottery",
        Invitation = "invitation",
        Open = "open",
    }
);

text_enum!(
    /// What happens in a round of the programme.
    RoundKind {
        Welcome = "welcome",
        Dialogue = "dialogue",
        Agenda = "agenda",
        Proposals = "proposals",
        Vote = "vote",
        Statements = "statements",
        Commitment = "commitment",
        Closing = "closing",
    }
);

text_enum!(
    /// Where a batch of codes came from.
    BatchKind {
        /// A `codes.txt` from `g1000 invite draw` (letters sent by the municipality).
        Letters = "letters",
        /// Personal invitation links made by the organisers.
        Links = "links",
    }
);

text_enum!(
    /// How a person came to register.
    Channel {
        Letter = "letter",
        Link = "link",
        Open = "open",
    }
);

text_enum!(
    /// Where a registration stands in the chain. Registration sets the first three; selection and confirmation
    /// the others.
    RegistrationStatus {
        /// In the pool for the draw (or, for groups without a draw, simply registered).
        Pool = "pool",
        /// Open registration past its cap: on the waiting list.
        Waiting = "waiting",
        /// Registered but cannot attend.
        Unavailable = "unavailable",
        Selected = "selected",
        Reserve = "reserve",
        NotSelected = "not_selected",
        Declined = "declined",
        Confirmed = "confirmed",
        CheckedIn = "checked_in",
        Withdrawn = "withdrawn",
    }
);

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: Option<String>,
    pub is_organiser: bool,
    pub created_at: i64,
}

/// A summit's own fields, as entered by the organisers.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct SummitFields {
    pub name: String,
    pub community: String,
    /// ISO date, YYYY-MM-DD.
    pub date: String,
    /// Local time the day starts, HH:MM.
    pub start_time: String,
    pub venue: String,
    pub capacity: i64,
    /// Language codes, e.g. `["nl", "en"]`.
    pub languages: Vec<String>,
    pub description: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summit {
    pub id: i64,
    pub slug: String,
    #[serde(flatten)]
    pub fields: SummitFields,
    pub published: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(sqlx::FromRow)]
pub(crate) struct SummitRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub community: String,
    pub date: String,
    pub start_time: String,
    pub venue: String,
    pub capacity: i64,
    pub languages: String,
    pub description: String,
    pub published: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

impl From<SummitRow> for Summit {
    fn from(r: SummitRow) -> Self {
        Summit {
            id: r.id,
            slug: r.slug,
            fields: SummitFields {
                name: r.name,
                community: r.community,
                date: r.date,
                start_time: r.start_time,
                venue: r.venue,
                capacity: r.capacity,
                languages: r
                    .languages
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
                description: r.description,
            },
            published: r.published,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupFields {
    pub name: String,
    pub kind: GroupKind,
    pub seat_target: i64,
    pub join_method: JoinMethod,
    /// Only for open registration: how many may register before the waiting list starts.
    pub open_cap: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StakeholderGroup {
    pub id: i64,
    pub summit_id: i64,
    pub position: i64,
    #[serde(flatten)]
    pub fields: GroupFields,
}

#[derive(sqlx::FromRow)]
pub(crate) struct GroupRow {
    pub id: i64,
    pub summit_id: i64,
    pub position: i64,
    pub name: String,
    pub kind: String,
    pub seat_target: i64,
    pub join_method: String,
    pub open_cap: Option<i64>,
}

impl From<GroupRow> for StakeholderGroup {
    fn from(r: GroupRow) -> Self {
        StakeholderGroup {
            id: r.id,
            summit_id: r.summit_id,
            position: r.position,
            fields: GroupFields {
                name: r.name,
                kind: GroupKind::parse(&r.kind).unwrap_or(GroupKind::Other),
                seat_target: r.seat_target,
                join_method: JoinMethod::parse(&r.join_method).unwrap_or(JoinMethod::Invitation),
                open_cap: r.open_cap,
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoundFields {
    pub kind: RoundKind,
    pub question: String,
    pub duration_min: i64,
    /// People per table; 0 for plenary rounds.
    pub table_size: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Round {
    pub id: i64,
    pub summit_id: i64,
    /// 1-based position in the programme.
    pub position: i64,
    #[serde(flatten)]
    pub fields: RoundFields,
}

#[derive(sqlx::FromRow)]
pub(crate) struct RoundRow {
    pub id: i64,
    pub summit_id: i64,
    pub position: i64,
    pub kind: String,
    pub question: String,
    pub duration_min: i64,
    pub table_size: i64,
}

impl From<RoundRow> for Round {
    fn from(r: RoundRow) -> Self {
        Round {
            id: r.id,
            summit_id: r.summit_id,
            position: r.position,
            fields: RoundFields {
                kind: RoundKind::parse(&r.kind).unwrap_or(RoundKind::Dialogue),
                question: r.question,
                duration_min: r.duration_min,
                table_size: r.table_size,
            },
        }
    }
}

/// A summit a user has a role in, for their overview page.
#[derive(Debug, Clone)]
pub struct MySummit {
    pub summit: Summit,
    pub roles: Vec<Role>,
}

text_enum!(
    /// Where a summit's stage 2 selection stands (see migration 0005).
    SelectionState {
        /// Quotas being set; no run yet (or the last run was invalidated by a change).
        Draft = "draft",
        /// The engine runs in the background.
        Running = "running",
        /// The last run stopped with an error (infeasible quotas, …).
        Failed = "failed",
        /// Distribution and lottery made; the commitment can be published.
        Ready = "ready",
        /// No more eligible people than seats: everyone is admitted, there is no lottery.
        Everyone = "everyone",
        /// The commitment is published: pool and quotas can no longer change.
        Committed = "committed",
        /// The ticket is entered; panel and reserves are stored.
        Drawn = "drawn",
    }
);

text_enum!(
    /// What the draw means for one person in the pool.
    Outcome {
        Selected = "selected",
        Reserve = "reserve",
        NotSelected = "not_selected",
    }
);
