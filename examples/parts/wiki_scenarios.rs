//! The two loads (a module of `wiki_load.rs`), run the same way against each server:
//!
//! - one page, many editors typing at once (2 edits a second each): the time from an edit's
//!   send to each other editor applying it, p50/p95/p99 over every delivery;
//! - many pages, one editor each: every page opened, a few edits typed on each, then held
//!   open: the server's resident size above its own idle size.
//!
//! Around each, the server's idle resident size (before any connection), its peak, and the
//! CPU time it used during the load, from `/proc`.

use super::{
    wiki_editor::{Editor, Typing},
    wiki_process::{self, Sampler},
    wiki_servers::Running,
};
use std::{collections::HashMap, sync::Arc, time::Duration};
use tokio::time::Instant;

/// Mean time between two edits of one editor: 2 edits a second.
const INTERVAL: Duration = Duration::from_millis(500);
/// How long the server is left alone before its idle size is read.
const SETTLE: Duration = Duration::from_secs(3);
/// Connections opened at once.
const CONNECTING_AT_ONCE: usize = 50;

/// What the server did under a load.
#[derive(Debug, Clone, Copy, Default)]
pub struct ServerFigures {
    /// Resident size before any connection (MB).
    pub idle_mb: f64,
    /// Largest resident size during the load, above idle (MB).
    pub peak_above_idle_mb: f64,
    /// Resident size at the end of the load, above idle (MB).
    pub held_above_idle_mb: f64,
    /// CPU used during the measured window, in percent of one core.
    pub cpu_percent: f64,
}

/// The one-page load's figures.
#[derive(Debug, Clone, Default)]
pub struct Latency {
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub edits: usize,
    /// Edits seen by another editor, and how many sightings were due.
    pub deliveries: usize,
    pub expected: usize,
    pub server: ServerFigures,
    /// Editors whose connection failed, and why.
    pub failures: Vec<String>,
}

/// The many-pages load's figures.
#[derive(Debug, Clone, Default)]
pub struct Pages {
    pub pages: usize,
    pub edits: usize,
    /// Time to open and sync every page (s).
    pub open_seconds: f64,
    pub server: ServerFigures,
    pub failures: Vec<String>,
}

/// The value at percentile `p` (nearest rank) of sorted `samples`.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

/// A random Yjs client id (53 bits at most, as Yjs makes them).
fn client_id() -> u64 {
    1 + rand::random::<u64>() % ((1 << 53) - 2)
}

/// Connects `count` editors, editor `n` to page `page(n)`, each synced; `CONNECTING_AT_ONCE`
/// at a time.
async fn connect_all(
    server: &Running,
    count: usize,
    page: impl Fn(usize) -> usize,
) -> Result<Vec<Editor>, String> {
    let gate = Arc::new(tokio::sync::Semaphore::new(CONNECTING_AT_ONCE));
    let mut tasks = Vec::with_capacity(count);
    for n in 0..count {
        let target = server.target(page(n))?;
        let gate = gate.clone();
        let id = u32::try_from(n).map_err(|_| "too many editors")?;
        tasks.push(tokio::spawn(async move {
            let _turn = gate.acquire_owned().await.map_err(|e| e.to_string())?;
            let mut editor = Editor::connect(&target, id, client_id()).await?;
            editor.until_synced(Duration::from_secs(30)).await?;
            Ok::<_, String>(editor)
        }));
    }
    let mut editors = Vec::with_capacity(count);
    for task in tasks {
        editors.push(task.await.map_err(|e| e.to_string())??);
    }
    Ok(editors)
}

/// Runs every editor's typing in a task of its own; the editors back, with the error of
/// each that failed.
async fn run_all(
    editors: Vec<Editor>,
    typing: impl Fn(usize) -> Typing,
) -> (Vec<Editor>, Vec<String>) {
    let tasks: Vec<_> = editors
        .into_iter()
        .enumerate()
        .map(|(n, mut editor)| {
            let typing = typing(n);
            tokio::spawn(async move {
                let result = editor.type_and_read(typing).await;
                (editor, result)
            })
        })
        .collect();
    let (mut back, mut failures) = (Vec::new(), Vec::new());
    for task in tasks {
        match task.await {
            Ok((editor, result)) => {
                if let Err(error) = result {
                    failures.push(error);
                }
                back.push(editor);
            }
            Err(error) => failures.push(format!("editor task: {error}")),
        }
    }
    (back, failures)
}

/// The server's idle size, once it has been left alone for [`SETTLE`].
async fn idle(server: &Running) -> Result<wiki_process::Sample, String> {
    tokio::time::sleep(SETTLE).await;
    wiki_process::sample(server.pid())
}

/// `editors` editors on one page, each typing 2 edits a second for `seconds`.
pub async fn one_page(server: &Running, editors: usize, seconds: u64) -> Result<Latency, String> {
    let idle = idle(server).await?;
    let connected = connect_all(server, editors, |_| 0).await?;
    let start = Instant::now() + Duration::from_secs(1);
    let stop_typing = start + Duration::from_secs(seconds);
    let stop_reading = stop_typing + Duration::from_secs(5);
    let sampler = Sampler::start(server.pid());
    let run = tokio::spawn(run_all(connected, move |_| Typing {
        first: start + INTERVAL.mul_f64(rand::random::<f64>()),
        stop_typing,
        stop_reading,
        interval: INTERVAL,
        max_edits: usize::MAX,
    }));
    tokio::time::sleep_until(start).await;
    let before = wiki_process::sample(server.pid())?;
    tokio::time::sleep_until(stop_typing).await;
    let after = wiki_process::sample(server.pid())?;
    let (editors, failures) = run.await.map_err(|e| e.to_string())?;
    let peak = sampler.stop().await;
    let mut delays = Vec::new();
    let sent: HashMap<u32, &Vec<Instant>> = editors.iter().map(|e| (e.id(), &e.sent)).collect();
    for editor in &editors {
        for receipt in &editor.received {
            let sent_at = sent
                .get(&receipt.from)
                .and_then(|s| s.get(receipt.seq as usize));
            if let Some(sent_at) = sent_at {
                delays.push(receipt.at.duration_since(*sent_at).as_secs_f64() * 1000.0);
            }
        }
    }
    delays.sort_by(f64::total_cmp);
    let edits: usize = sent.values().map(|s| s.len()).sum();
    let figures = Latency {
        p50_ms: percentile(&delays, 50.0),
        p95_ms: percentile(&delays, 95.0),
        p99_ms: percentile(&delays, 99.0),
        max_ms: delays.last().copied().unwrap_or(f64::NAN),
        edits,
        deliveries: delays.len(),
        expected: edits * editors.len().saturating_sub(1),
        server: ServerFigures {
            idle_mb: mb(idle.rss_kb),
            peak_above_idle_mb: mb(peak.max(after.rss_kb).saturating_sub(idle.rss_kb)),
            held_above_idle_mb: mb(after.rss_kb.saturating_sub(idle.rss_kb)),
            cpu_percent: 100.0 * (after.cpu_seconds - before.cpu_seconds) / seconds as f64,
        },
        failures,
    };
    for editor in editors {
        editor.close().await;
    }
    Ok(figures)
}

/// `pages` pages, one editor each: all opened, `edits` edits typed on each (2 a second,
/// starting within the first 5 s), then held open for 10 s more.
pub async fn many_pages(server: &Running, pages: usize, edits: usize) -> Result<Pages, String> {
    let idle = idle(server).await?;
    let sampler = Sampler::start(server.pid());
    let opening = Instant::now();
    let connected = connect_all(server, pages, |n| n).await?;
    let open_seconds = opening.elapsed().as_secs_f64();
    let start = Instant::now() + Duration::from_secs(1);
    let typed = start + Duration::from_secs(5) + INTERVAL.mul_f64(edits as f64 * 1.3);
    let stop_reading = typed + Duration::from_secs(10);
    let run = tokio::spawn(run_all(connected, move |_| Typing {
        first: start + Duration::from_secs(5).mul_f64(rand::random::<f64>()),
        stop_typing: typed,
        stop_reading,
        interval: INTERVAL,
        max_edits: edits,
    }));
    tokio::time::sleep_until(start).await;
    let before = wiki_process::sample(server.pid())?;
    tokio::time::sleep_until(stop_reading - Duration::from_secs(1)).await;
    let held = wiki_process::sample(server.pid())?;
    let (editors, failures) = run.await.map_err(|e| e.to_string())?;
    let peak = sampler.stop().await;
    let window = (stop_reading - Duration::from_secs(1))
        .duration_since(start)
        .as_secs_f64();
    let figures = Pages {
        pages,
        edits: editors.iter().map(|e| e.sent.len()).sum(),
        open_seconds,
        server: ServerFigures {
            idle_mb: mb(idle.rss_kb),
            peak_above_idle_mb: mb(peak.max(held.rss_kb).saturating_sub(idle.rss_kb)),
            held_above_idle_mb: mb(held.rss_kb.saturating_sub(idle.rss_kb)),
            cpu_percent: 100.0 * (held.cpu_seconds - before.cpu_seconds) / window,
        },
        failures,
    };
    for editor in editors {
        editor.close().await;
    }
    Ok(figures)
}
