//! What every keyword form shares: the random submission id that makes a retried post harmless, and the check
//! of the typed text.

use g1000_store::KEYWORD_MAX_CHARS;

use crate::auth::Ctx;
use crate::error::AppError;

/// A fresh submission id for a form (hidden field `submission`).
pub fn submission_id() -> String {
    crate::security::random_token()
}

/// The submission id a form sent back: the hex token [`submission_id`] made (anything else is refused).
pub fn check_submission(s: &str) -> Result<String, AppError> {
    if (16..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(s.to_ascii_lowercase())
    } else {
        Err(AppError::BadRequest(
            "field 'submission': the form's submission id is missing or malformed; reload the page"
                .into(),
        ))
    }
}

/// A typed keyword, trimmed with inner whitespace collapsed; or the message saying what is wrong.
pub fn check_keyword(ctx: &Ctx, text: &str) -> Result<String, String> {
    check_text(
        ctx,
        text,
        "day-keyword-empty",
        "day-keyword-long",
        KEYWORD_MAX_CHARS,
    )
}

/// A theme's name: the same rules as a keyword.
pub fn check_theme_name(ctx: &Ctx, text: &str) -> Result<String, String> {
    check_text(
        ctx,
        text,
        "day-theme-empty",
        "day-keyword-long",
        KEYWORD_MAX_CHARS,
    )
}

/// Typed text trimmed with inner whitespace collapsed, at most `max` characters; or the message (`empty_key`,
/// `long_key` with `$max` and `$count`) saying what is wrong.
pub fn check_text(
    ctx: &Ctx,
    text: &str,
    empty_key: &str,
    long_key: &str,
    max: usize,
) -> Result<String, String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return Err(ctx.t(empty_key));
    }
    let n = text.chars().count();
    if n > max {
        return Err(ctx.tns(long_key, &[("max", max as i64), ("count", n as i64)]));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn submission_ids_are_hex_tokens() {
        let id = submission_id();
        assert_eq!(check_submission(&id).unwrap(), id);
        assert!(check_submission("").is_err());
        assert!(check_submission("not hex at all, not hex at all").is_err());
        assert!(check_submission(&"a".repeat(65)).is_err());
    }
}
