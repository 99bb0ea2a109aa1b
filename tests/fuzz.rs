//! Arbitrary input through every public form and query parser, over real HTTP (issue 10, "in
//! general"): arbitrary Unicode, control characters, the bypass strings of `tests/data/`,
//! and oversized values go into sign-up, sign-in, password reset, the search parameters of
//! /stages, /innovation, the discussions and the member directory, the feeds, /langue, the
//! sign-in page's `suite`, and server functions' urlencoded bodies (search, browse, threads,
//! directory, comment, thread, saved search, profile). For every answer: never a 5xx, never a
//! dropped connection or a cut body, and a well-formed body — HTML without tokenizer errors
//! and with no more `<script>` elements than the same page with harmless input, XML (Atom,
//! sitemap) accepted by a real XML parser, JSON that parses. A bounded number of cases
//! (`CASES`), so the test stays well under a minute.

mod common;

use common::{
    fiches::{published_fiche, PASSWORD},
    hostile::open_redirects,
    TestApp,
};
use proptest::{
    prelude::*,
    test_runner::{Config, TestCaseError, TestRunner},
};
use std::{cell::RefCell, collections::HashMap};

/// Cases per run; each sends one value through every surface (thirty requests).
const CASES: u32 = 16;

/// Most distinct words in one generated value: past SQLite's expression-depth limit when
/// each word was one SQL condition (about 225 words answered 500 before queries were bounded).
const MOST_WORDS: usize = 1_200;

/// Most bytes of a GET's query once encoded: a longer URL is refused by the HTTP layer before
/// Parvis sees it (bounding text is finding 6's, another branch); POST bodies get it all.
const QUERY_BUDGET: usize = 24_000;

/// Values: arbitrary Unicode, control characters mixed into text, the bypass list, numbers at
/// the edges, markup, and oversized text.
fn hostile() -> impl Strategy<Value = String> {
    let bypass = open_redirects();
    let controls = proptest::collection::vec(
        prop_oneof![
            (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap_or('\0')),
            Just('\u{7f}'),
            Just('\u{85}'),
            Just('\u{2028}'),
            Just('\u{fffe}'),
            any::<char>()
        ],
        0..40,
    )
    .prop_map(|chars| chars.into_iter().collect::<String>());
    prop_oneof![
        3 => any::<String>(),
        3 => controls,
        2 => proptest::sample::select(bypass),
        1 => proptest::sample::select(vec![
            "9223372036854775807".to_string(),
            "-9223372036854775808".to_string(),
            "99999999999999999999999999".to_string(),
            "0".to_string(),
            "-1".to_string(),
            "NaN".to_string(),
            "1e308".to_string(),
            "".to_string(),
        ]),
        1 => proptest::sample::select(vec![
            "</script><script>alert(1)</script>".to_string(),
            "<!--<script>".to_string(),
            "]]><x/>&amp;&#0;&#x1;".to_string(),
            "\"'><img src=x onerror=alert(1)>".to_string(),
            "%00%01%0d%0a%ff%fe".to_string(),
        ]),
        1 => (any::<char>(), 1_000usize..20_000).prop_map(|(c, n)| std::iter::repeat(c).take(n).collect::<String>()),
        1 => (1usize..MOST_WORDS).prop_map(|n| (0..n).map(|i| format!("mot{i}")).collect::<Vec<_>>().join(" ")),
    ]
}

/// What a surface answers with.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Body {
    Html,
    Xml,
    Json,
    /// CSV, plain text, redirects: only the status and a complete body are checked.
    Other,
}

/// One request: a GET with query parameters or a POST with a urlencoded body.
struct Surface {
    name: &'static str,
    post: bool,
    path: String,
    signed_in: bool,
    /// Parameter names; each gets the case's value.
    params: Vec<&'static str>,
    /// Parameters with fixed values (ids, a valid password…).
    fixed: Vec<(&'static str, String)>,
}

fn get(name: &'static str, path: &str, params: &[&'static str]) -> Surface {
    Surface {
        name,
        post: false,
        path: path.into(),
        signed_in: false,
        params: params.to_vec(),
        fixed: vec![],
    }
}

fn post(name: &'static str, path: &str, params: &[&'static str]) -> Surface {
    Surface {
        name,
        post: true,
        path: path.into(),
        signed_in: false,
        params: params.to_vec(),
        fixed: vec![],
    }
}

impl Surface {
    fn member(mut self) -> Surface {
        self.signed_in = true;
        self
    }

    fn with(mut self, key: &'static str, value: &str) -> Surface {
        self.fixed.push((key, value.to_string()));
        self
    }
}

fn surfaces(fiche: i64, field: i64) -> Vec<Surface> {
    let search = [
        "q",
        "direction",
        "sauf_direction",
        "famille",
        "metier",
        "niveau",
        "arrondissement",
        "teletravail",
        "gratifie",
        "duree_min",
        "duree_max",
        "debut",
        "tri",
        "page",
    ];
    let browse = [
        "q", "champ", "pays", "ville", "maturite", "tag", "langue", "page",
    ];
    let prefixed = |names: &[&'static str]| -> Vec<&'static str> {
        names
            .iter()
            .map(|n| &*Box::leak(format!("query[{n}]").into_boxed_str()))
            .collect()
    };
    vec![
        get("offer search", "/stages", &["q"]),
        get("offer search, every parameter", "/stages", &search),
        get("offers feed", "/stages/flux.atom", &search),
        get("catalogue", "/innovation", &browse),
        get("fiches feed", "/innovation/flux.atom", &["champ"]),
        get(
            "discussions",
            "/innovation/discussions",
            &["q", "champ", "page"],
        ),
        get(
            "discussions feed",
            "/innovation/discussions.atom",
            &["champ"],
        ),
        get(
            "member directory",
            "/innovation/membres",
            &["q", "champ", "pays"],
        )
        .member(),
        get("open data", "/innovation/donnees.json", &["champ"]),
        get("sitemap", "/sitemap.xml", &["page"]),
        get("sign-in page", "/compte/connexion", &["suite"]),
        get("reset page", "/compte/reinitialiser", &["jeton"]),
        get(
            "fiche page",
            &format!("/innovation/fiches/{fiche}"),
            &["page"],
        ),
        get(
            "fiche comments feed",
            &format!("/innovation/fiches/{fiche}/commentaires.atom"),
            &[],
        ),
        post("language switch", "/langue", &["lang", "next"]),
        post("language switch, known language", "/langue", &["next"]).with("lang", "en"),
        post(
            "sign-up",
            "/api/accounts/sign_up",
            &["email", "display_name", "password"],
        ),
        post(
            "sign-up, valid password",
            "/api/accounts/sign_up",
            &["email", "display_name"],
        )
        .with("password", PASSWORD),
        post(
            "sign-in",
            "/api/accounts/sign_in",
            &["email", "password", "next"],
        ),
        post("sign-in, real account", "/api/accounts/sign_in", &["next"])
            .with("email", "other@example.org")
            .with("password", PASSWORD),
        post("password reset", "/api/accounts/request_reset", &["email"]),
        post("search function", "/api/stages/search", &prefixed(&search)),
        post(
            "browse function",
            "/api/innovation/browse",
            &prefixed(&browse),
        ),
        post(
            "threads function",
            "/api/innovation/threads",
            &prefixed(&["q", "champ", "page"]),
        ),
        post(
            "directory function",
            "/api/innovation/directory",
            &["q", "field", "country"],
        )
        .member(),
        post("offer function", "/api/stages/offer", &["id"]),
        post("comment", "/api/innovation/comment", &["body"])
            .with("fiche", &fiche.to_string())
            .member(),
        post(
            "new thread",
            "/api/innovation/thread_start",
            &["thread[title]", "thread[body]"],
        )
        .with("thread[fields][0]", &field.to_string())
        .member(),
        post(
            "saved search",
            "/api/stages/save_search",
            &prefixed(&search),
        )
        .member(),
        post(
            "profile",
            "/api/innovation/save_profile",
            &[
                "profile[job_title]",
                "profile[organisation]",
                "profile[city]",
                "profile[country]",
                "profile[languages]",
                "profile[bio]",
            ],
        )
        .member(),
    ]
}

/// The tokenizer's parse errors and the number of `<script>` elements of an HTML page.
fn html_shape(html: &str) -> (Vec<String>, usize) {
    use html5ever::{
        tendril::StrTendril,
        tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer},
    };
    #[derive(Default)]
    struct Sink {
        errors: RefCell<Vec<String>>,
        scripts: RefCell<usize>,
    }
    impl TokenSink for Sink {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            match token {
                // Leptos marks hydration points with the empty comment `<!>`, which the
                // tokenizer reports; user text is escaped, so it can never write one.
                Token::ParseError(error) if error == "Saw ! in state MarkupDeclarationOpen" => {}
                Token::ParseError(error) => self.errors.borrow_mut().push(error.to_string()),
                Token::TagToken(tag) if tag.kind == TagKind::StartTag && &*tag.name == "script" => {
                    *self.scripts.borrow_mut() += 1;
                    return TokenSinkResult::RawData(
                        html5ever::tokenizer::states::RawKind::ScriptData,
                    );
                }
                _ => {}
            }
            TokenSinkResult::Continue
        }
    }
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(Sink::default(), Default::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let sink = tokenizer.sink;
    (sink.errors.into_inner(), sink.scripts.into_inner())
}

/// `value` cut (at a character) so that `copies` of it, percent-encoded, fit `QUERY_BUDGET`.
fn fit_query(value: &str, copies: usize) -> &str {
    let budget = QUERY_BUDGET / copies.max(1) / 3;
    match value
        .char_indices()
        .map(|(at, c)| at + c.len_utf8())
        .take_while(|end| *end <= budget)
        .last()
    {
        _ if value.len() <= budget => value,
        Some(end) => &value[..end],
        None => "",
    }
}

fn kind_of(content_type: &str) -> Body {
    match content_type {
        t if t.starts_with("text/html") => Body::Html,
        t if t.contains("xml") => Body::Xml,
        t if t.starts_with("application/json") => Body::Json,
        _ => Body::Other,
    }
}

struct Fuzz {
    app: TestApp,
    visitor: reqwest::Client,
    member: reqwest::Client,
    surfaces: Vec<Surface>,
    /// `<script>` elements of each HTML surface with a harmless value.
    baseline_scripts: HashMap<&'static str, usize>,
}

impl Fuzz {
    async fn send(&self, surface: &Surface, value: &str) -> Result<(u16, Body, String), String> {
        let client = if surface.signed_in {
            &self.member
        } else {
            &self.visitor
        };
        let value = if surface.post {
            value
        } else {
            fit_query(value, surface.params.len())
        };
        let mut form: Vec<(&str, &str)> = surface.params.iter().map(|p| (*p, value)).collect();
        form.extend(surface.fixed.iter().map(|(k, v)| (*k, v.as_str())));
        let url = self.app.url(&surface.path);
        let request = if surface.post {
            client.post(&url).form(&form)
        } else {
            client.get(&url).query(&form)
        };
        let answer = request
            .send()
            .await
            .map_err(|e| format!("{}: no answer (connection dropped?): {e}", surface.name))?;
        let status = answer.status().as_u16();
        let body = kind_of(
            answer
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default(),
        );
        let text = answer
            .text()
            .await
            .map_err(|e| format!("{}: body cut: {e}", surface.name))?;
        Ok((status, body, text))
    }

    async fn check(&self, value: &str) -> Result<(), String> {
        for surface in &self.surfaces {
            let (status, body, text) = self.send(surface, value).await?;
            let at = || {
                format!(
                    "{} with {:?}",
                    surface.name,
                    value.chars().take(80).collect::<String>()
                )
            };
            if status >= 500 {
                return Err(format!("{}: answered {status}", at()));
            }
            match body {
                Body::Json => {
                    serde_json::from_str::<serde_json::Value>(&text).map_err(|e| {
                        format!(
                            "{}: bad JSON ({e}): {}",
                            at(),
                            text.chars().take(200).collect::<String>()
                        )
                    })?;
                }
                Body::Xml => {
                    roxmltree::Document::parse(&text)
                        .map_err(|e| format!("{}: malformed XML ({e})", at()))?;
                }
                Body::Html => {
                    let (errors, scripts) = html_shape(&text);
                    if !errors.is_empty() {
                        return Err(format!("{}: HTML tokenizer errors {errors:?}", at()));
                    }
                    let expected = self
                        .baseline_scripts
                        .get(surface.name)
                        .copied()
                        .unwrap_or(scripts);
                    if scripts > expected {
                        return Err(format!(
                            "{}: {scripts} <script> elements, {expected} with harmless input",
                            at()
                        ));
                    }
                }
                Body::Other => {}
            }
        }
        Ok(())
    }
}

#[test]
fn arbitrary_input_never_breaks_a_form_or_a_parser() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let mut fuzz = runtime.block_on(async {
        // Sign-in limits out of the way: failed sign-ins are most of what the fuzz sends.
        let app = TestApp::spawn_with(|c| {
            c.security.login_failures_per_account = 1_000_000;
            c.security.login_failures_per_address = 1_000_000;
        })
        .await;
        for email in [
            "author@example.org",
            "other@example.org",
            "editor@example.org",
        ] {
            app.sign_up(email, PASSWORD).await;
        }
        app.grant(
            "editor@example.org",
            parvis::accounts::types::Role::Editor,
            None,
        )
        .await;
        let field = parvis::reference::server::store::load(&app.state.db)
            .await
            .expect("reference")
            .fields[1]
            .id;
        let fiche = published_fiche(&app, field).await;
        let member = app.sign_in("author@example.org", PASSWORD).await;
        // No cookie jar: a visitor stays a visitor whatever a sign-in or /langue answers.
        let visitor = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Fuzz {
            visitor,
            member,
            surfaces: surfaces(fiche, field),
            baseline_scripts: HashMap::new(),
            app,
        }
    });
    let baseline: Vec<(&'static str, usize)> = runtime.block_on(async {
        let mut counts = vec![];
        for surface in &fuzz.surfaces {
            let (status, body, text) = fuzz
                .send(surface, "jardin")
                .await
                .expect("harmless input answered");
            assert!(
                status < 500,
                "{} with harmless input: {status}",
                surface.name
            );
            if body == Body::Html {
                let (errors, scripts) = html_shape(&text);
                assert!(
                    errors.is_empty(),
                    "{} with harmless input: {errors:?}",
                    surface.name
                );
                counts.push((surface.name, scripts));
            }
        }
        counts
    });
    fuzz.baseline_scripts = baseline.into_iter().collect();

    let config = Config {
        cases: CASES,
        failure_persistence: None,
        max_shrink_iters: 32,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let outcome = runner.run(&hostile(), |value| {
        runtime
            .block_on(fuzz.check(&value))
            .map_err(TestCaseError::fail)
    });
    if let Err(failure) = outcome {
        panic!("{failure}");
    }
}
