//! Test harness: start the real app on a random port, on SQLite or on PostgreSQL.
//!
//! Databases come from `g1000_store::testing` (PostgreSQL via `G1000_TEST_POSTGRES_URL`).
#![allow(dead_code)]

use std::net::SocketAddr;

use g1000_store::{Store, User};
use g1000_web::{AppState, Config};
use reqwest::redirect::Policy;

pub use g1000_store::testing::{Backend, fresh_database};

pub struct TestApp {
    pub addr: SocketAddr,
    pub store: Store,
    pub url: String,
    pub backend: Backend,
}

impl TestApp {
    /// Start the app on a fresh database. `None` when the backend is not available (skipped).
    pub async fn spawn(backend: Backend) -> Option<TestApp> {
        let url = fresh_database(backend).await?;
        Some(Self::spawn_on(backend, &url, Config::default()).await)
    }

    /// Start another instance on an existing database (for the multi-instance test).
    pub async fn spawn_on(backend: Backend, db_url: &str, config: Config) -> TestApp {
        let store = Store::open(db_url).await.expect("open store");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = AppState::new(store.clone(), config);
        tokio::spawn(async move {
            g1000_web::serve(listener, state, std::future::pending())
                .await
                .unwrap();
        });
        TestApp {
            addr,
            store,
            url: db_url.to_string(),
            backend,
        }
    }

    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A browser-like client: keeps cookies, does not follow redirects (so tests can see them).
    pub fn client(&self) -> Client {
        Client {
            http: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(Policy::none())
                .build()
                .unwrap(),
            base: self.base(),
            csrf: None,
        }
    }

    /// An account with a live session, without going through the (slow, argon2) login form.
    pub async fn user_client(&self, email: &str, organiser_account: bool) -> (User, Client) {
        let user = self
            .store
            .create_user(
                email,
                email.split('@').next().unwrap(),
                None,
                organiser_account,
            )
            .await
            .unwrap();
        let token = g1000_web::security::random_token();
        self.store
            .create_session(&sha256_hex(&token), user.id, 3_600_000)
            .await
            .unwrap();
        let mut client = self.client();
        client.set_cookie("g1000_session", &token);
        (user, client)
    }
}

pub fn sha256_hex(s: &str) -> String {
    g1000_web::security::sha256_hex(s)
}

/// A client that knows the CSRF token of its cookie.
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
    csrf: Option<String>,
}

impl Client {
    pub fn set_cookie(&mut self, name: &str, value: &str) {
        let jar_cookie = format!("{name}={value}; Path=/");
        // reqwest's cookie store is only reachable through a provider; rebuild the client with a jar.
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        jar.add_cookie_str(&jar_cookie, &self.base.parse().unwrap());
        self.http = reqwest::Client::builder()
            .cookie_provider(jar)
            .redirect(Policy::none())
            .build()
            .unwrap();
        self.csrf = None;
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
        let mut req = self.http.get(format!("{}{path}", self.base));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        req.send().await.unwrap()
    }

    pub async fn text(&self, path: &str) -> String {
        self.get(path).await.text().await.unwrap()
    }

    /// Load a page to obtain the CSRF token (from the hidden field of any form, or the cookie set).
    pub async fn csrf(&mut self) -> String {
        if let Some(t) = &self.csrf {
            return t.clone();
        }
        let res = self.get("/login").await;
        let set: Vec<String> = res
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect();
        let body = res.text().await.unwrap();
        let token = extract_csrf(&body)
            .or_else(|| {
                set.iter().find_map(|c| {
                    c.strip_prefix("g1000_csrf=")
                        .map(|v| v.split(';').next().unwrap().to_string())
                })
            })
            .expect("a CSRF token");
        self.csrf = Some(token.clone());
        token
    }

    /// Post a form with the CSRF token added.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let token = self.csrf().await;
        let mut form: Vec<(&str, &str)> = vec![("_csrf", token.as_str())];
        form.extend_from_slice(fields);
        self.post_raw(path, &form).await
    }

    /// Post a form exactly as given (no CSRF token added).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.http
            .post(format!("{}{path}", self.base))
            .form(fields)
            .send()
            .await
            .unwrap()
    }
}

pub fn extract_csrf(html: &str) -> Option<String> {
    let i = html.find("name=\"_csrf\" value=\"")?;
    let rest = &html[i + "name=\"_csrf\" value=\"".len()..];
    Some(rest.split('"').next()?.to_string())
}

pub fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

/// Reads `event:`/`data:` pairs from a server-sent-event response.
pub struct SseReader {
    res: reqwest::Response,
    buf: String,
}

impl SseReader {
    pub fn new(res: reqwest::Response) -> Self {
        Self {
            res,
            buf: String::new(),
        }
    }

    pub async fn next_event(&mut self) -> (String, String) {
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            if let Some(end) = self.buf.find("\n\n") {
                let block: String = self.buf.drain(..end + 2).collect();
                let mut event = String::new();
                let mut data = String::new();
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("event:") {
                        event = v.trim().to_string();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data = v.trim().to_string();
                    }
                }
                if !event.is_empty() {
                    return (event, data);
                }
                continue; // keep-alive comment
            }
            let chunk = tokio::time::timeout_at(deadline, self.res.chunk())
                .await
                .expect("an event within 10 s")
                .unwrap()
                .expect("stream open");
            self.buf.push_str(&String::from_utf8_lossy(&chunk));
        }
    }
}

/// Run an async test body on both backends.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(app) = $crate::common::TestApp::spawn($crate::common::Backend::Sqlite).await {
                        super::$name(app).await;
                    }
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(app) = $crate::common::TestApp::spawn($crate::common::Backend::Postgres).await {
                        super::$name(app).await;
                    }
                }
            )*
        }
    };
}

impl Client {
    /// Post a `multipart/form-data` form (a file upload) with the CSRF token added: text fields, then one file.
    pub async fn post_file(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        file: (&str, &str, &[u8]),
    ) -> reqwest::Response {
        let token = self.csrf().await;
        let boundary = "----g1000TestBoundary7MA4YWxkTrZu0gW";
        let mut body: Vec<u8> = vec![];
        let mut text = |name: &str, value: &str| {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        };
        text("_csrf", &token);
        for (k, v) in fields {
            text(k, v);
        }
        let (name, filename, data) = file;
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\n\
                 Content-Type: text/plain\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(data);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        self.http
            .post(format!("{}{path}", self.base))
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(body)
            .send()
            .await
            .unwrap()
    }
}

impl TestApp {
    /// Register a person through a group's open form and give them a status (no contact details, no bands).
    pub async fn person(
        &self,
        summit_id: i64,
        group_id: i64,
        public_id: &str,
        name: &str,
        status: g1000_store::RegistrationStatus,
    ) -> i64 {
        let r = self
            .store
            .register(
                summit_id,
                &g1000_store::Via::Open,
                &g1000_store::NewRegistration {
                    group_id,
                    public_id: public_id.into(),
                    language: "nl".into(),
                    can_attend: true,
                    name: name.into(),
                    email: None,
                    phone: None,
                    bands: vec![],
                    needs: Default::default(),
                    privacy_version: "1".into(),
                },
            )
            .await
            .unwrap();
        self.store
            .set_registration_status(r.id, status, None)
            .await
            .unwrap();
        r.id
    }
}
