//! Live wiki load (issue 14): WebSocket editors speaking the Yjs protocol against Parvis and,
//! with the same load in the same run, against the reference Yjs servers (y-websocket 2.x's
//! `bin/server.cjs`; `@hocuspocus/server` 4 when installed), each started here as its own
//! process; then the real editing traces replayed through a client's document and through
//! the server's. `scripts/bench-wiki` builds it in release and runs it.
//!
//! Parts (`PARVIS_WIKI_PARTS`, comma-separated, all by default):
//! - `latency`: `PARVIS_WIKI_EDITORS` (50) editors on one page, 2 edits a second each for
//!   `PARVIS_WIKI_SECONDS` (60): p50/p95/p99 of the time from an edit's send to each other
//!   editor applying it, the server's CPU and its resident size above its idle size;
//! - `pages`: `PARVIS_WIKI_PAGES` (1,000) pages open, one editor each typing
//!   `PARVIS_WIKI_PAGE_EDITS` (10) edits: the server's resident size above idle, held open;
//! - `traces`: the sequential and the concurrent trace of `PARVIS_WIKI_TRACES`
//!   (`../shared/data/editing-traces`), their first `PARVIS_WIKI_TRACE_EDITS` transactions
//!   (all by default), through a yrs client and through the server's room and store.
//!
//! `PARVIS_WIKI_SERVERS` (`parvis,y-websocket,hocuspocus` by default) chooses the servers; one
//! that is not installed is skipped with the reason. It prints each figure as it goes, then
//! Markdown tables with Parvis' ratio to each reference.

#[path = "parts/bench_common.rs"]
mod bench_common;
#[path = "parts/wiki_editor.rs"]
mod wiki_editor;
#[path = "parts/wiki_process.rs"]
mod wiki_process;
#[path = "parts/wiki_report.rs"]
mod wiki_report;
#[path = "parts/wiki_scenarios.rs"]
mod wiki_scenarios;
#[path = "parts/wiki_servers.rs"]
mod wiki_servers;
#[path = "parts/wiki_trace_server.rs"]
mod wiki_trace_server;
#[path = "parts/wiki_traces.rs"]
mod wiki_traces;

use std::path::PathBuf;
use wiki_report::{Measured, TraceFigures};
use wiki_servers::{Kind, Running};

/// What the run measures, from the environment.
struct Settings {
    parts: Vec<String>,
    servers: Vec<Kind>,
    editors: usize,
    seconds: u64,
    pages: usize,
    page_edits: usize,
    traces: PathBuf,
    trace_edits: usize,
}

fn number<T: std::str::FromStr>(name: &str, default: T) -> T {
    match std::env::var(name) {
        Ok(value) => value
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={value:?} is not a number")),
        Err(_) => default,
    }
}

impl Settings {
    fn from_env() -> Settings {
        let list = |name: &str, default: &str| -> Vec<String> {
            std::env::var(name)
                .unwrap_or_else(|_| default.to_string())
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        };
        let servers = list("PARVIS_WIKI_SERVERS", "parvis,y-websocket,hocuspocus")
            .iter()
            .map(|code| {
                [Kind::Parvis, Kind::YWebsocket, Kind::Hocuspocus]
                    .into_iter()
                    .find(|k| k.code() == code)
                    .unwrap_or_else(|| panic!("PARVIS_WIKI_SERVERS: no server {code:?}"))
            })
            .collect();
        let traces = std::env::var("PARVIS_WIKI_TRACES").map_or_else(
            |_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/editing-traces"),
            PathBuf::from,
        );
        Settings {
            parts: list("PARVIS_WIKI_PARTS", "latency,pages,traces"),
            servers,
            editors: number("PARVIS_WIKI_EDITORS", 50),
            seconds: number("PARVIS_WIKI_SECONDS", 60),
            pages: number("PARVIS_WIKI_PAGES", 1_000),
            page_edits: number("PARVIS_WIKI_PAGE_EDITS", 10),
            traces,
            trace_edits: number("PARVIS_WIKI_TRACE_EDITS", usize::MAX),
        }
    }

    fn part(&self, name: &str) -> bool {
        self.parts.iter().any(|p| p == name)
    }
}

/// Runs the loads against each server in turn, a fresh process for each load.
async fn loads(settings: &Settings) -> Result<Vec<Measured>, String> {
    let mut measured = Vec::new();
    for &kind in &settings.servers {
        if let Err(missing) = wiki_servers::available(kind) {
            println!("{}: skipped ({missing})", kind.label());
            continue;
        }
        let mut figures = Measured {
            kind,
            latency: None,
            pages: None,
        };
        if settings.part("latency") {
            println!(
                "{}: {} editors on one page, 2 edits/s each, {} s",
                kind.label(),
                settings.editors,
                settings.seconds
            );
            let server = Running::start(kind, 1).await?;
            let latency =
                wiki_scenarios::one_page(&server, settings.editors, settings.seconds).await?;
            server.stop();
            wiki_report::print_latency(&latency);
            figures.latency = Some(latency);
        }
        if settings.part("pages") {
            println!(
                "{}: {} pages, one editor each, {} edits each",
                kind.label(),
                settings.pages,
                settings.page_edits
            );
            let server = Running::start(kind, settings.pages).await?;
            let pages =
                wiki_scenarios::many_pages(&server, settings.pages, settings.page_edits).await?;
            server.stop();
            wiki_report::print_pages(&pages);
            figures.pages = Some(pages);
        }
        measured.push(figures);
    }
    Ok(measured)
}

/// Replays both traces through a client and through the server.
async fn traces(settings: &Settings) -> Result<Vec<TraceFigures>, String> {
    let mut figures = Vec::new();
    for (name, file) in [
        ("automerge-paper (sequential)", "automerge-paper.json.gz"),
        (
            "friendsforever (concurrent, 2 authors)",
            "friendsforever.json.gz",
        ),
    ] {
        let trace = wiki_traces::Trace::load(&settings.traces.join(file))?;
        let (trace, whole) = trace.cut(settings.trace_edits);
        println!(
            "trace {name}: {} transactions, {} patches{}",
            trace.txns.len(),
            trace.patches(),
            if whole {
                ""
            } else {
                " (cut short: PARVIS_WIKI_TRACE_EDITS)"
            }
        );
        // Measured without keeping the updates; then again, keeping them for the server.
        let client = wiki_traces::replay(&trace, false)?;
        let expected = if whole { &trace.end } else { &client.text };
        wiki_report::print_client(&client, &client.text == expected);
        let kept = wiki_traces::replay(&trace, true)?;
        let label = file.split('.').next().unwrap_or(file);
        let server = wiki_trace_server::replay(label, trace.agents(), &kept.updates).await?;
        let expected = if whole { &trace.end } else { &kept.text };
        let one = TraceFigures {
            name: name.to_string(),
            transactions: trace.txns.len(),
            whole,
            client_equal: &client.text == expected,
            server_equal: &server.text == expected && &server.text_compacted == expected,
            text_chars: expected.chars().count(),
            client,
            server,
        };
        wiki_report::print_server(&one);
        figures.push(one);
    }
    Ok(figures)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let settings = Settings::from_env();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let measured = if settings.part("latency") || settings.part("pages") {
            loads(&settings).await?
        } else {
            Vec::new()
        };
        let traces = if settings.part("traces") {
            traces(&settings).await?
        } else {
            Vec::new()
        };
        println!();
        if !measured.is_empty() {
            println!(
                "{}",
                wiki_report::load_table(&measured, &settings_line(&settings))
            );
        }
        if !traces.is_empty() {
            println!("{}", wiki_report::trace_table(&traces));
        }
        Ok::<_, String>(())
    })?;
    Ok(())
}

/// The load's settings, for the table's heading.
fn settings_line(settings: &Settings) -> String {
    format!(
        "{} editors on one page for {} s; {} pages with {} edits each",
        settings.editors, settings.seconds, settings.pages, settings.page_edits
    )
}
