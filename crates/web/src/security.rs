//! Security by construction: random tokens, password hashing, the CSRF check that every form post passes
//! through, security headers on every response, and a limiter against password guessing.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::AppState;
use crate::error::AppError;

pub const CSRF_COOKIE: &str = "g1000_csrf";
pub const CSRF_FIELD: &str = "_csrf";
pub const SESSION_COOKIE: &str = "g1000_session";
pub const LANG_COOKIE: &str = "g1000_lang";
/// Largest form body accepted.
pub const MAX_FORM_BYTES: usize = 8 << 20;

/// 32 random bytes from the operating system's generator, hex-encoded.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::fill(&mut bytes);
    hex::encode(bytes)
}

pub fn sha256_hex(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}

pub fn sha256_hex_bytes(b: &[u8]) -> String {
    hex::encode(Sha256::digest(b))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// argon2id with the crate's defaults (19 MiB, 2 passes), run off the async runtime.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        use argon2::password_hash::PasswordHasher;
        argon2::Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(format!("password hashing: {e}")))
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
}

pub async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        use argon2::password_hash::PasswordVerifier;
        argon2::Argon2::default()
            .verify_password(password.as_bytes(), hash.as_str())
            .is_ok()
    })
    .await
    .unwrap_or(false)
}

/// Read one cookie from the request headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Whether cookies must carry `Secure`: always when configured, else when a TLS-terminating proxy says so.
pub fn is_https(state: &AppState, headers: &HeaderMap) -> bool {
    state.config.secure_cookies
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

pub fn set_cookie(name: &str, value: &str, max_age_s: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; Max-Age={max_age_s}; HttpOnly; SameSite=Lax{secure}"
    ))
    .expect("cookie values are ASCII")
}

/// The request's CSRF token (from its cookie, or fresh), available to every page that renders a form.
#[derive(Clone, Debug)]
pub struct CsrfToken(pub String);

/// Middleware: every state-changing request must carry the CSRF token of its cookie in the `_csrf` form field
/// (or the `x-csrf-token` header). GET, HEAD and OPTIONS never change state.
pub async fn csrf(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let existing = cookie(req.headers(), CSRF_COOKIE)
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_string);
    let changes_state = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if changes_state {
        let Some(expected) = existing.clone() else {
            return AppError::Csrf.into_response();
        };
        let header_token = req
            .headers()
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let (parts, body) = req.into_parts();
        let bytes = match to_bytes(body, MAX_FORM_BYTES).await {
            Ok(b) => b,
            Err(_) => return AppError::BadRequest("form too large".into()).into_response(),
        };
        let content_type = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let field = match crate::forms::multipart_boundary(content_type) {
            // A file upload: the token is one of the parts.
            Some(_) => crate::forms::multipart(content_type, &bytes).and_then(|parts| {
                parts
                    .into_iter()
                    .find(|p| p.name == CSRF_FIELD && p.filename.is_none())
                    .and_then(|p| String::from_utf8(p.data).ok())
            }),
            None => form_field(&bytes, CSRF_FIELD),
        };
        let given = field.or(header_token).unwrap_or_default();
        if !constant_time_eq(given.as_bytes(), expected.as_bytes()) {
            return AppError::Csrf.into_response();
        }
        req = Request::from_parts(parts, Body::from(bytes));
    }
    let fresh = existing.is_none();
    let token = existing.unwrap_or_else(random_token);
    req.extensions_mut().insert(CsrfToken(token.clone()));
    let secure = is_https(&state, req.headers());
    let mut res = next.run(req).await;
    if fresh {
        res.headers_mut().append(
            header::SET_COOKIE,
            set_cookie(CSRF_COOKIE, &token, 60 * 60 * 24 * 30, secure),
        );
    }
    res
}

/// One field of an `application/x-www-form-urlencoded` body.
fn form_field(body: &[u8], name: &str) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// Middleware: security headers on every response.
pub async fn headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let set = |h: &mut HeaderMap, k: &'static str, v: &'static str| {
        h.insert(k, HeaderValue::from_static(v));
    };
    set(
        h,
        "content-security-policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; \
         connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    set(h, "x-content-type-options", "nosniff");
    set(h, "referrer-policy", "same-origin");
    set(h, "x-frame-options", "DENY");
    set(h, "cross-origin-opener-policy", "same-origin");
    // A page may allow the camera for itself (the door page scans badges); no other page may use it.
    if !h.contains_key("permissions-policy") {
        set(
            h,
            "permissions-policy",
            "camera=(), microphone=(), geolocation=()",
        );
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        set(h, "cache-control", "no-store");
    }
    res
}

/// Counts failed attempts per key (e.g. e-mail address) in a sliding window and refuses after too many.
pub struct AttemptLimiter {
    max: usize,
    window: Duration,
    attempts: Mutex<HashMap<String, Vec<Instant>>>,
}

impl AttemptLimiter {
    pub fn new(max: usize, window: Duration) -> Self {
        Self {
            max,
            window,
            attempts: Mutex::new(HashMap::new()),
        }
    }

    /// True while `key` may try again.
    pub fn allowed(&self, key: &str) -> bool {
        let mut map = self.attempts.lock().expect("limiter lock");
        let now = Instant::now();
        let v = map.entry(key.to_string()).or_default();
        v.retain(|t| now.duration_since(*t) < self.window);
        v.len() < self.max
    }

    pub fn failed(&self, key: &str) {
        let mut map = self.attempts.lock().expect("limiter lock");
        map.entry(key.to_string()).or_default().push(Instant::now());
        if map.len() > 100_000 {
            let now = Instant::now();
            let window = self.window;
            map.retain(|_, v| v.iter().any(|t| now.duration_since(*t) < window));
        }
    }

    pub fn succeeded(&self, key: &str) {
        self.attempts.lock().expect("limiter lock").remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limiter_blocks_after_max() {
        let l = AttemptLimiter::new(3, Duration::from_secs(60));
        for _ in 0..3 {
            assert!(l.allowed("a"));
            l.failed("a");
        }
        assert!(!l.allowed("a"));
        assert!(l.allowed("b"));
        l.succeeded("a");
        assert!(l.allowed("a"));
    }

    #[test]
    fn reads_cookies_and_fields() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; g1000_csrf=xyz"),
        );
        assert_eq!(cookie(&h, "g1000_csrf"), Some("xyz"));
        assert_eq!(cookie(&h, "b"), None);
        assert_eq!(
            form_field(b"x=1&_csrf=ab%20c", "_csrf").as_deref(),
            Some("ab c")
        );
    }
}
