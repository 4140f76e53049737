//! `g1000 purge`: delete the personal data of every summit past its retention date (names, contact details,
//! access needs, personal links, badges, the addresses and texts of messages), keeping the pseudonymous
//! registrations, aggregates and the audit record, in which the purge itself is logged. Idempotent.

use anyhow::{Context, bail};
use clap::Args;
use g1000_store::Store;

#[derive(Args)]
pub struct PurgeArgs {
    /// The database: a file path (SQLite) or postgres://USER@HOST:PORT/DB.
    #[arg(long, env = "DATABASE_URL", default_value = "g1000.db")]
    database: String,
    /// Act as if today were this date (YYYY-MM-DD); summits whose retention date lies before it are purged.
    #[arg(long, value_name = "DATE")]
    now: Option<String>,
}

fn today() -> String {
    let t = time::OffsetDateTime::now_utc();
    format!("{:04}-{:02}-{:02}", t.year(), t.month() as u8, t.day())
}

fn valid_date(s: &str) -> bool {
    time::Date::parse(s, time::macros::format_description!("[year]-[month]-[day]")).is_ok()
}

pub async fn run(args: PurgeArgs) -> anyhow::Result<()> {
    let today = match args.now {
        Some(d) if valid_date(d.trim()) => d.trim().to_string(),
        Some(d) => bail!("--now '{d}' is not a date as YYYY-MM-DD"),
        None => today(),
    };
    let store = Store::open(&args.database).await?;
    let due = store
        .summits_past_retention(&today)
        .await
        .context("finding summits past their retention date")?;
    if due.is_empty() {
        println!("no summit is past its retention date on {today}; nothing to delete");
        store.close().await;
        return Ok(());
    }
    let mut deleted_any = false;
    for s in &due {
        let counts = store.purge_summit(s.summit_id).await?;
        let first = s.purged_at.is_none();
        if counts.total() > 0 || first {
            store
                .record(
                    s.summit_id,
                    "system",
                    "personal-data.purged",
                    serde_json::json!({
                        "retention_date": s.retention_date,
                        "run_on": today,
                        "deleted": counts,
                    }),
                )
                .await?;
        }
        if counts.total() > 0 {
            deleted_any = true;
            println!(
                "{}: retention date {} passed; deleted {} contact records, {} access-needs records, \
                 {} personal links, {} badges, and emptied {} messages",
                s.slug,
                s.retention_date,
                counts.contacts,
                counts.access_needs,
                counts.personal_links,
                counts.badges,
                counts.messages
            );
        } else {
            println!(
                "{}: retention date {} passed; no personal data left to delete",
                s.slug, s.retention_date
            );
        }
    }
    if deleted_any {
        store.compact().await.context("compacting the database")?;
    }
    store.close().await;
    Ok(())
}
