//! Delivery over real HTTP: answers compressed as the client asks (pages on the fly, the
//! site's files from their precompressed siblings, live events never), how long each answer
//! may be cached, and the hashed files of an earlier build still served after the next build.

mod common;

use common::TestApp;
use parvis::{accounts::types::Role, server::site_build};
use std::{
    io::Read,
    path::{Path, PathBuf},
    time::{Duration, Instant, SystemTime},
};

const PASSWORD: &str = "correct horse battery";
const HASH_A: &str = "Aaaaaaaaaaaaaaaaaaaaa1";
const HASH_B: &str = "Bbbbbbbbbbbbbbbbbbbbb2";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// A page every visitor sees, well above the compression threshold.
const PAGE: &str = "/innovation/regles";

/// A site as cargo-leptos leaves it (emptied, then the bundle of the build named by `hash`
/// and the public files), prepared by the real build step.
fn build_site(site: &Path, hash: &str, now: SystemTime) -> site_build::Report {
    if site.exists() {
        std::fs::remove_dir_all(site).expect("empty the site");
    }
    std::fs::create_dir_all(site.join("pkg")).expect("pkg folder");
    std::fs::write(
        site.join(format!("pkg/parvis.{hash}.wasm")),
        wasm_bytes(hash),
    )
    .expect("wasm");
    std::fs::write(
        site.join(format!("pkg/parvis.{hash}.css")),
        "main { margin: 0 auto; max-width: 60rem; }\n".repeat(100),
    )
    .expect("css");
    std::fs::write(site.join("robots-like.txt"), "User-agent: *\n".repeat(200)).expect("text");
    site_build::prepare(site, Duration::from_secs(48 * 3600), now).expect("site prepared")
}

/// Bytes standing for a WASM module: compressible, and different per build.
fn wasm_bytes(hash: &str) -> Vec<u8> {
    format!("\0asm{hash}")
        .into_bytes()
        .into_iter()
        .chain((0..60_000u32).map(|i| (i % 251) as u8 / 4))
        .collect()
}

async fn app_serving(site: PathBuf) -> TestApp {
    TestApp::spawn_with(move |config| config.server.site_root = site).await
}

fn header<'a>(response: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    response.headers().get(name).and_then(|v| v.to_str().ok())
}

fn varies_on_encoding(response: &reqwest::Response) -> bool {
    response
        .headers()
        .get_all("vary")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.to_ascii_lowercase().contains("accept-encoding"))
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(bytes, 4096)
        .read_to_end(&mut out)
        .expect("valid brotli");
    out
}

fn ungzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("valid gzip");
    out
}

/// A page without its per-request nonce (in `nonce` and `crossorigin` attributes), to compare
/// two renderings.
fn without_nonce(html: &str) -> String {
    let nonce = regex::Regex::new(r#"nonce="([^"]+)""#)
        .expect("pattern")
        .captures(html)
        .map(|c| c[1].to_string())
        .expect("the page has a nonce");
    html.replace(&nonce, "NONCE")
}

async fn get(app: &TestApp, path: &str, accept_encoding: Option<&str>) -> reqwest::Response {
    let mut request = app.client().get(app.url(path));
    if let Some(encodings) = accept_encoding {
        request = request.header("accept-encoding", encodings);
    }
    request.send().await.expect("answer")
}

#[tokio::test]
async fn pages_come_compressed_as_asked_and_decode_to_the_same_html() {
    let app = TestApp::spawn().await;
    let plain = get(&app, PAGE, None).await;
    assert_eq!(plain.status(), 200);
    assert_eq!(header(&plain, "content-encoding"), None);
    let plain = plain.text().await.expect("html");
    assert!(plain.len() > 2000, "the page is worth compressing");

    let br = get(&app, PAGE, Some("br")).await;
    assert_eq!(br.status(), 200);
    assert_eq!(header(&br, "content-encoding"), Some("br"));
    assert!(varies_on_encoding(&br));
    let br = br.bytes().await.expect("body");
    assert!(br.len() * 2 < plain.len(), "{} → {}", plain.len(), br.len());
    let decoded = String::from_utf8(unbrotli(&br)).expect("utf-8");
    assert_eq!(without_nonce(&decoded), without_nonce(&plain));

    // Brotli preferred when both are accepted; gzip when only gzip is.
    let both = get(&app, PAGE, Some("gzip, deflate, br")).await;
    assert_eq!(header(&both, "content-encoding"), Some("br"));
    let gzip = get(&app, PAGE, Some("gzip")).await;
    assert_eq!(header(&gzip, "content-encoding"), Some("gzip"));
    let decoded = String::from_utf8(ungzip(&gzip.bytes().await.expect("body"))).expect("utf-8");
    assert_eq!(without_nonce(&decoded), without_nonce(&plain));
}

#[tokio::test]
async fn nothing_is_compressed_unless_asked_or_when_small() {
    let app = TestApp::spawn().await;
    for accept in [None, Some("identity")] {
        let page = get(&app, PAGE, accept).await;
        assert_eq!(page.status(), 200);
        assert_eq!(header(&page, "content-encoding"), None, "{accept:?}");
        assert!(page.text().await.expect("html").contains("<html"));
    }
    // A two-byte answer is not worth a compressor's framing.
    let health = get(&app, "/healthz", Some("br, gzip")).await;
    assert_eq!(header(&health, "content-encoding"), None);
    assert_eq!(health.text().await.expect("body").trim(), "ok");
}

#[tokio::test]
async fn server_function_json_is_compressed_and_never_stored() {
    let app = TestApp::spawn().await;
    let client = app.sign_up("ada@example.org", PASSWORD).await;
    // The reference data (directions, services, métiers): several kilobytes of JSON.
    let response = client
        .post(app.url("/api/reference/all"))
        .header("accept-encoding", "br")
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "cache-control"), Some("no-store"));
    assert_eq!(header(&response, "content-encoding"), Some("br"));
    let json = unbrotli(&response.bytes().await.expect("body"));
    let directions: serde_json::Value = serde_json::from_slice(&json).expect("JSON");
    assert!(directions.to_string().contains("DEVE"), "{directions}");
}

#[tokio::test]
async fn site_files_come_from_their_precompressed_siblings() {
    let dir = tempfile::tempdir().expect("dir");
    let site = dir.path().join("site");
    let report = build_site(&site, HASH_A, SystemTime::now());
    // The WASM, the CSS, the text file and both languages' messages, brotli and gzip each.
    assert_eq!(report.compressed, 10, "{report}");
    let app = app_serving(site.clone()).await;
    let path = format!("/pkg/parvis.{HASH_A}.wasm");
    let file = site.join(&path[1..]);
    let raw = std::fs::read(&file).expect("wasm");

    for (accept, encoding, sibling) in [
        ("br", "br", "br"),
        ("gzip", "gzip", "gz"),
        ("gzip, br", "br", "br"),
    ] {
        let response = get(&app, &path, Some(accept)).await;
        assert_eq!(response.status(), 200);
        assert_eq!(
            header(&response, "content-encoding"),
            Some(encoding),
            "{accept}"
        );
        assert_eq!(header(&response, "content-type"), Some("application/wasm"));
        assert_eq!(header(&response, "cache-control"), Some(IMMUTABLE));
        assert!(varies_on_encoding(&response));
        let body = response.bytes().await.expect("body");
        let stored = std::fs::read(site_build::sibling(&file, sibling)).expect("sibling");
        assert_eq!(
            body.as_ref(),
            stored.as_slice(),
            "served from the {sibling} file"
        );
        let decoded = if encoding == "br" {
            unbrotli(&body)
        } else {
            ungzip(&body)
        };
        assert_eq!(decoded, raw);
    }
    let plain = get(&app, &path, None).await;
    assert_eq!(header(&plain, "content-encoding"), None);
    assert_eq!(header(&plain, "cache-control"), Some(IMMUTABLE));
    assert_eq!(plain.bytes().await.expect("body").as_ref(), raw.as_slice());

    // A file without a hash in its name is revalidated; a revalidation is answered 304 (not
    // the 404 page).
    let text = get(&app, "/robots-like.txt", Some("br")).await;
    assert_eq!(header(&text, "cache-control"), Some("no-cache"));
    assert_eq!(header(&text, "content-encoding"), Some("br"));
    let modified = header(&text, "last-modified")
        .expect("last-modified")
        .to_string();
    let again = app
        .client()
        .get(app.url("/robots-like.txt"))
        .header("if-modified-since", modified)
        .send()
        .await
        .expect("answer");
    assert_eq!(again.status(), 304);
    assert_eq!(header(&again, "cache-control"), Some("no-cache"));

    // Folders are neither listed nor indexed; a missing file is the app's 404 page.
    for missing in ["/pkg", "/pkg/", "/pkg/parvis.Zzzzzzzzzzzzzzzzzzzzz9.wasm"] {
        let response = get(&app, missing, None).await;
        assert_eq!(response.status(), 404, "{missing}");
        assert_eq!(
            header(&response, "cache-control"),
            Some("no-cache"),
            "{missing}"
        );
    }
}

#[tokio::test]
async fn pages_are_revalidated_and_signed_in_pages_stay_private() {
    let app = TestApp::spawn().await;
    let page = get(&app, PAGE, None).await;
    assert_eq!(header(&page, "cache-control"), Some("no-cache"));
    let ada = app.sign_up("ada@example.org", PASSWORD).await;
    let account = ada.get(app.url("/compte")).send().await.expect("answer");
    assert_eq!(account.status(), 200);
    assert_eq!(header(&account, "cache-control"), Some("private, no-cache"));
}

#[tokio::test]
async fn live_events_are_sent_uncompressed_and_at_once() {
    let app = TestApp::spawn().await;
    let (_, service) = app.direction("DEVE").await;
    app.sign_up("agent@example.org", PASSWORD).await;
    app.grant("agent@example.org", Role::HostAgent, Some(service))
        .await;
    let agent = app.sign_in("agent@example.org", PASSWORD).await;
    let offer = app.publish_offer(&agent, service, "Stage en direct").await;
    let ada = app.sign_up("ada@example.org", PASSWORD).await;

    let mut events = agent
        .get(app.url("/stages/evenements"))
        .header("accept-encoding", "br, gzip")
        .send()
        .await
        .expect("subscribe");
    assert_eq!(header(&events, "content-type"), Some("text/event-stream"));
    assert_eq!(header(&events, "content-encoding"), None);

    let applied = Instant::now();
    let (_, application) = app
        .call_json::<i64>(
            &ada,
            "stages/apply",
            &[
                ("offer_id", &offer.to_string()),
                ("cover_letter", "Motivée."),
            ],
        )
        .await;
    application.expect("applied");
    let mut received = String::new();
    let arrived = tokio::time::timeout(Duration::from_secs(2), async {
        while let Ok(Some(chunk)) = events.chunk().await {
            received.push_str(&String::from_utf8_lossy(&chunk));
            if received.contains("event: application") {
                return true;
            }
        }
        false
    })
    .await;
    assert_eq!(arrived, Ok(true), "received so far: {received:?}");
    assert!(applied.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn an_earlier_builds_files_stay_served_until_the_kept_period_ends() {
    let dir = tempfile::tempdir().expect("dir");
    let site = dir.path().join("site");
    let first = SystemTime::now() - Duration::from_secs(3600);
    build_site(&site, HASH_A, first);
    let old_wasm = format!("/pkg/parvis.{HASH_A}.wasm");

    // The next build (cargo-leptos empties the site first): A's files come back with their
    // compressed siblings, B's are compressed.
    let second = build_site(&site, HASH_B, SystemTime::now());
    assert_eq!(second.restored, 2, "{second}");
    assert_eq!(second.pruned, 0, "{second}");
    let app = app_serving(site.clone()).await;
    for path in [old_wasm.clone(), format!("/pkg/parvis.{HASH_B}.wasm")] {
        let response = get(&app, &path, Some("br")).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(header(&response, "content-encoding"), Some("br"), "{path}");
        assert_eq!(
            header(&response, "cache-control"),
            Some(IMMUTABLE),
            "{path}"
        );
        let hash = if path.contains(HASH_A) {
            HASH_A
        } else {
            HASH_B
        };
        assert_eq!(
            unbrotli(&response.bytes().await.expect("body")),
            wasm_bytes(hash)
        );
    }

    // The same build again: nothing compressed twice for its hashed files.
    let same = build_site(&site, HASH_B, SystemTime::now());
    assert_eq!(same.reused, 4, "the bundle's two files and the two messages files: {same}");
    assert_eq!(same.compressed, 2, "only the unhashed text file: {same}");

    // Two days after A was last built, its files go.
    let later = SystemTime::now() + Duration::from_secs(48 * 3600);
    let third = build_site(&site, HASH_B, later);
    assert_eq!((third.pruned, third.restored), (2, 0), "{third}");
    assert_eq!(get(&app, &old_wasm, Some("br")).await.status(), 404);
    assert!(!site_build::kept_dir(&site)
        .join(format!("pkg/parvis.{HASH_A}.wasm.br"))
        .exists());
}

/// Serves the public files as cargo-leptos copies them into the site.
async fn app_serving_public_files() -> TestApp {
    app_serving(concat!(env!("CARGO_MANIFEST_DIR"), "/public").into()).await
}

#[tokio::test]
async fn the_favicon_and_the_manifest_are_served_with_their_types() {
    let app = app_serving_public_files().await;
    let favicon = get(&app, "/favicon.ico", None).await;
    assert_eq!(favicon.status(), 200);
    assert_eq!(header(&favicon, "content-type"), Some("image/x-icon"));
    let ico = favicon.bytes().await.expect("body");
    let decoded = image::load_from_memory_with_format(&ico, image::ImageFormat::Ico).expect("ICO");
    assert!(decoded.width() >= 32, "largest frame {}", decoded.width());

    let svg = get(&app, "/favicon.svg", None).await;
    assert_eq!(svg.status(), 200);
    assert_eq!(header(&svg, "content-type"), Some("image/svg+xml"));

    let manifest = get(&app, "/manifest.webmanifest", None).await;
    assert_eq!(manifest.status(), 200);
    assert_eq!(
        header(&manifest, "content-type"),
        Some("application/manifest+json")
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&manifest.bytes().await.expect("body")).expect("JSON manifest");
    assert_eq!(manifest["start_url"], "/stages");
    assert_eq!(manifest["display"], "standalone");
    assert_eq!(manifest["short_name"], "Parvis");
    assert_eq!(manifest["theme_color"], "#1d3f8f");
    // It opens straight onto the offer search.
    let start = get(&app, "/stages", None).await;
    assert_eq!(start.status(), 200);

    let icons = manifest["icons"].as_array().expect("icons");
    let mut sizes_seen = Vec::new();
    for icon in icons {
        let src = icon["src"].as_str().expect("src");
        let response = get(&app, src, None).await;
        assert_eq!(response.status(), 200, "{src}");
        assert_eq!(
            header(&response, "content-type"),
            icon["type"].as_str(),
            "{src}"
        );
        if icon["type"] == "image/png" {
            let png = image::load_from_memory(&response.bytes().await.expect("body")).expect("PNG");
            let sizes = format!("{}x{}", png.width(), png.height());
            assert_eq!(icon["sizes"], sizes.as_str(), "{src}");
            sizes_seen.push((sizes, icon["purpose"].as_str().unwrap_or("any").to_string()));
        }
    }
    for wanted in [
        ("192x192", "any"),
        ("512x512", "any"),
        ("512x512", "maskable"),
    ] {
        assert!(
            sizes_seen
                .iter()
                .any(|(s, p)| s == wanted.0 && p == wanted.1),
            "{wanted:?} in {sizes_seen:?}"
        );
    }
}

#[tokio::test]
async fn every_page_links_the_manifest_the_icons_and_the_theme_colour() {
    let app = app_serving_public_files().await;
    let html = get(&app, "/stages", None).await.text().await.expect("html");
    let page = scraper::Html::parse_document(&html);
    let select = |css: &str| {
        let selector = scraper::Selector::parse(css).expect("selector");
        page.select(&selector)
            .filter_map(|e| e.value().attr("href").or(e.value().attr("content")))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(select(r#"meta[name="theme-color"]"#), ["#1d3f8f"]);
    let linked = [
        select(r#"link[rel="manifest"]"#),
        select(r#"link[rel="icon"]"#),
        select(r#"link[rel="apple-touch-icon"]"#),
    ];
    assert_eq!(linked[0], ["/manifest.webmanifest"]);
    assert!(
        linked[1].contains(&"/favicon.ico".to_string()),
        "{:?}",
        linked[1]
    );
    assert!(
        linked[1].contains(&"/favicon.svg".to_string()),
        "{:?}",
        linked[1]
    );
    for href in linked.iter().flatten() {
        assert_eq!(get(&app, href, None).await.status(), 200, "{href}");
    }
    let touch = get(&app, &linked[2][0], None)
        .await
        .bytes()
        .await
        .expect("body");
    let touch = image::load_from_memory(&touch).expect("PNG");
    assert_eq!((touch.width(), touch.height()), (180, 180));
}

/// The bundle is fetched by the loader after the page's load, never preloaded from the head:
/// a preload starts the WASM's download while the server's page is painted, and Lighthouse's
/// mobile simulation then counts it into the largest paint (3.2 s on `/stages`, text at 0.8 s).
#[tokio::test]
async fn pages_start_the_bundle_after_their_load_and_preload_none_of_it() {
    let app = app_serving_public_files().await;
    for path in ["/", "/stages", "/innovation"] {
        let html = get(&app, path, None).await.text().await.expect("html");
        let page = scraper::Html::parse_document(&html);
        let selector = scraper::Selector::parse("link[rel=preload], link[rel=modulepreload]")
            .expect("selector");
        let preloaded: Vec<_> = page
            .select(&selector)
            .filter_map(|e| e.value().attr("href"))
            .filter(|href| href.ends_with(".wasm") || href.ends_with(".js"))
            .collect();
        assert!(preloaded.is_empty(), "{path} preloads {preloaded:?}");
        let selector = scraper::Selector::parse("script[type=module]").expect("selector");
        let loader: String = page
            .select(&selector)
            .map(|e| e.text().collect::<String>())
            .collect();
        assert!(
            loader.contains("addEventListener(\"load\"")
                && loader.contains("requestIdleCallback")
                && loader.contains("/pkg/parvis"),
            "{path}: {loader}"
        );
    }
}

/// A lazy page names its chunks (from the split build's manifest) on its `<body>` for the
/// loader, which preloads them after the page's load, beside the bundle; a page of the main
/// chunk names none, nothing is preloaded from the head, and the head holds the page's own
/// tags only (leptos_meta hydrates them in order).
#[tokio::test]
async fn a_lazy_page_names_its_chunks_for_the_loader_to_preload() {
    let root = tempfile::tempdir().expect("temp dir");
    let site = root.path().join("site");
    build_site(&site, HASH_A, SystemTime::now());
    // As cargo-leptos writes it: each lazy function's unique name to its chunks' file stems.
    std::fs::write(
        site.join("pkg/__wasm_split_manifest.json"),
        r#"{"account_pages_4629":["chunk_3","split_account_pages_4629"],"account_pages_extra_1":["chunk_9"],"legal_pages_77":["chunk_5"]}"#,
    )
    .expect("manifest");
    let app = app_serving(site).await;
    let named = |html: &str| -> (Vec<String>, usize, String) {
        let page = scraper::Html::parse_document(html);
        let meta = scraper::Selector::parse("body[data-parvis-chunks]").expect("selector");
        let preload = scraper::Selector::parse("link[rel=preload], link[rel=modulepreload]")
            .expect("selector");
        let script = scraper::Selector::parse("script[type=module]").expect("selector");
        (
            page.select(&meta)
                .filter_map(|e| e.value().attr("data-parvis-chunks").map(str::to_string))
                .collect(),
            page.select(&preload).count(),
            page.select(&script).map(|e| e.text().collect::<String>()).collect(),
        )
    };
    let html = get(&app, "/compte/connexion", None).await.text().await.expect("html");
    let (chunks, preloads, loader) = named(&html);
    assert_eq!(chunks, ["/pkg/chunk_3.wasm /pkg/split_account_pages_4629.wasm"]);
    assert_eq!(preloads, 0, "{html}");
    assert!(!html.contains("<meta name=\"parvis"), "{html}");
    assert!(
        loader.contains("data-parvis-chunks") && loader.contains("rel=\"preload\""),
        "{loader}"
    );
    let html = get(&app, "/stages", None).await.text().await.expect("html");
    let (chunks, preloads, _) = named(&html);
    assert!(chunks.is_empty() && preloads == 0, "{html}");
}

/// The browser is given its page's language only: the loader names that language's messages,
/// which the build step wrote into the site as a hashed file, served immutable and compressed
/// and kept across the next build like the bundle's files.
#[tokio::test]
async fn a_page_names_its_own_languages_messages_which_the_site_serves() {
    let root = tempfile::tempdir().expect("temp dir");
    let site = root.path().join("site");
    build_site(&site, HASH_A, SystemTime::now());
    let app = app_serving(site.clone()).await;
    let loader_of = |html: String| {
        let page = scraper::Html::parse_document(&html);
        let selector = scraper::Selector::parse("script[type=module]").expect("selector");
        let text: String = page
            .select(&selector)
            .map(|e| e.text().collect::<String>())
            .collect();
        text
    };
    let mut named = Vec::new();
    for (cookie, code, source) in [
        (None, "fr", include_str!("../locales/fr/main.ftl")),
        (Some("parvis_lang=en"), "en", include_str!("../locales/en/main.ftl")),
    ] {
        let mut request = app.client().get(app.url("/stages"));
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        let loader = loader_of(request.send().await.expect("page").text().await.expect("html"));
        let urls: Vec<&str> = loader
            .split('"')
            .filter(|part| part.starts_with("/pkg/messages/"))
            .collect();
        assert_eq!(urls.len(), 1, "{loader}");
        let url = urls[0].to_string();
        assert!(url.starts_with(&format!("/pkg/messages/{code}.")), "{url}");
        assert!(loader.contains(&format!("\"{code}\"")), "{loader}");

        let answer = get(&app, &url, Some("br, gzip")).await;
        assert_eq!(answer.status(), 200, "{url}");
        assert_eq!(header(&answer, "content-encoding"), Some("br"));
        assert_eq!(header(&answer, "cache-control"), Some(IMMUTABLE));
        assert_eq!(
            header(&answer, "content-type"),
            Some("text/plain; charset=utf-8")
        );
        let body = answer.bytes().await.expect("body");
        assert_eq!(String::from_utf8(unbrotli(&body)).expect("UTF-8"), source);
        named.push(url);
    }
    assert_ne!(named[0], named[1]);

    // A later build: the files are still there under the same names.
    build_site(&site, HASH_B, SystemTime::now());
    for url in &named {
        assert_eq!(get(&app, url, None).await.status(), 200, "{url}");
    }
    assert_eq!(
        get(&app, "/pkg/messages/de.0123456789abcdef012345.ftl", None)
            .await
            .status(),
        404
    );
}
