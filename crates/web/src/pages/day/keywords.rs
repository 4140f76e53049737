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
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return Err(ctx.t("day-keyword-empty"));
    }
    let n = text.chars().count();
    if n > KEYWORD_MAX_CHARS {
        return Err(ctx.tns(
            "day-keyword-long",
            &[("max", KEYWORD_MAX_CHARS as i64), ("count", n as i64)],
        ));
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
