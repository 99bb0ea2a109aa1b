//! What `wiki_load.rs` prints (a module of it): each figure as it is measured, then Markdown
//! tables with Parvis' ratio to each reference server.

use std::fmt::Write;

use super::{
    wiki_scenarios::{Latency, Pages, ServerFigures},
    wiki_servers::Kind,
    wiki_trace_server::ServerReplay,
    wiki_traces::Replay,
};

/// One server's figures.
pub struct Measured {
    pub kind: Kind,
    pub latency: Option<Latency>,
    pub pages: Option<Pages>,
}

/// One trace's figures.
pub struct TraceFigures {
    pub name: String,
    pub transactions: usize,
    /// The whole trace (its end text known).
    pub whole: bool,
    pub client_equal: bool,
    pub server_equal: bool,
    pub text_chars: usize,
    pub client: Replay,
    pub server: ServerReplay,
}

fn server_line(s: &ServerFigures) -> String {
    format!(
        "idle {:.1} MB, above idle: peak {:.1} MB, at the end {:.1} MB; CPU {:.1}% of one core",
        s.idle_mb, s.peak_above_idle_mb, s.held_above_idle_mb, s.cpu_percent
    )
}

fn failures(list: &[String]) {
    if !list.is_empty() {
        println!("  {} editors failed; first: {}", list.len(), list[0]);
    }
}

/// Prints the one-page load's figures.
pub fn print_latency(l: &Latency) {
    println!(
        "  latency p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms ({} edits, {} of {} deliveries seen)",
        l.p50_ms, l.p95_ms, l.p99_ms, l.max_ms, l.edits, l.deliveries, l.expected
    );
    println!("  server: {}", server_line(&l.server));
    failures(&l.failures);
}

/// Prints the many-pages load's figures.
pub fn print_pages(p: &Pages) {
    println!(
        "  {} pages opened and synced in {:.1} s, {} edits",
        p.pages, p.open_seconds, p.edits
    );
    println!("  server: {}", server_line(&p.server));
    failures(&p.failures);
}

fn yes(equal: bool) -> &'static str {
    if equal {
        "yes"
    } else {
        "NO"
    }
}

/// Prints a trace's replay through a client.
pub fn print_client(c: &Replay, equal: bool) {
    println!(
        "  client (yrs): {:.2} s, peak +{:.1} MB, held +{:.1} MB, state {} bytes; text equal: {}",
        c.seconds,
        c.peak_mb,
        c.held_mb,
        c.state_bytes,
        yes(equal)
    );
}

/// Prints a trace's replay through the server.
pub fn print_server(t: &TraceFigures) {
    let s = &t.server;
    println!(
        "  server (room + log): {:.2} s, peak +{:.1} MB; log {} rows, {} bytes; opened from the log in {:.2} s",
        s.seconds, s.peak_mb, s.log_rows, s.log_bytes, s.load_log_seconds
    );
    println!(
        "  compacted in {:.2} s: snapshot {} bytes, {} rows left, opened in {:.3} s; text equal: {}",
        s.compact_seconds,
        s.snapshot_bytes,
        s.rows_left,
        s.load_snapshot_seconds,
        yes(t.server_equal)
    );
}

/// `a / b` as a ratio (– when either is missing).
fn ratio(a: Option<f64>, b: Option<f64>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.2}×", a / b),
        _ => "–".into(),
    }
}

/// The load figures: one column per server, then Parvis' ratio to each other.
pub fn load_table(measured: &[Measured], heading: &str) -> String {
    type Row = (
        &'static str,
        fn(&Measured) -> Option<Vec<f64>>,
        &'static str,
    );
    let rows: [Row; 8] = [
        (
            "one page: latency p50 / p95 / p99",
            |m| {
                m.latency
                    .as_ref()
                    .map(|l| vec![l.p50_ms, l.p95_ms, l.p99_ms])
            },
            "ms",
        ),
        (
            "one page: deliveries seen / due",
            |m| {
                m.latency
                    .as_ref()
                    .map(|l| vec![l.deliveries as f64, l.expected as f64])
            },
            "",
        ),
        (
            "one page: server CPU",
            |m| m.latency.as_ref().map(|l| vec![l.server.cpu_percent]),
            "% of a core",
        ),
        (
            "one page: resident above idle, peak",
            |m| {
                m.latency
                    .as_ref()
                    .map(|l| vec![l.server.peak_above_idle_mb])
            },
            "MB",
        ),
        (
            "pages: resident above idle, held open",
            |m| m.pages.as_ref().map(|p| vec![p.server.held_above_idle_mb]),
            "MB",
        ),
        (
            "pages: resident above idle, peak",
            |m| m.pages.as_ref().map(|p| vec![p.server.peak_above_idle_mb]),
            "MB",
        ),
        (
            "pages: server CPU",
            |m| m.pages.as_ref().map(|p| vec![p.server.cpu_percent]),
            "% of a core",
        ),
        (
            "idle resident size (pages load)",
            |m| m.pages.as_ref().map(|p| vec![p.server.idle_mb]),
            "MB",
        ),
    ];
    let parvis = measured.iter().find(|m| m.kind == Kind::Parvis);
    let others: Vec<&Measured> = measured.iter().filter(|m| m.kind != Kind::Parvis).collect();
    let mut out = format!("Load ({heading}):\n\n| figure |");
    for m in measured {
        let _ = write!(out, " {} |", m.kind.label());
    }
    for m in &others {
        let _ = write!(out, " Parvis / {} |", m.kind.label());
    }
    let _ = write!(
        out,
        "\n|---|{}\n",
        "---|".repeat(measured.len() + others.len())
    );
    for (name, read, unit) in rows {
        let _ = write!(out, "| {name} |");
        for m in measured {
            let cell = read(m).map_or("–".into(), |values| {
                let joined: Vec<String> = values
                    .iter()
                    .map(|v| {
                        if v.fract() == 0.0 {
                            format!("{v:.0}")
                        } else {
                            format!("{v:.1}")
                        }
                    })
                    .collect();
                format!("{} {unit}", joined.join(" / "))
            });
            let _ = write!(out, " {} |", cell.trim());
        }
        for other in &others {
            let (ours, theirs) = (parvis.and_then(read), read(other));
            let cell = match (ours, theirs) {
                (Some(a), Some(b)) if a.len() == b.len() && !unit.is_empty() => a
                    .iter()
                    .zip(&b)
                    .map(|(x, y)| ratio(Some(*x), Some(*y)))
                    .collect::<Vec<_>>()
                    .join(" / "),
                _ => "–".into(),
            };
            let _ = write!(out, " {cell} |");
        }
        out.push('\n');
    }
    out
}

/// The trace figures: one row per trace.
pub fn trace_table(traces: &[TraceFigures]) -> String {
    let mut out = String::from(
        "Traces:\n\n| trace | transactions | client: time, peak / held memory, state | server (room + log): time, peak memory | log rows, bytes | snapshot bytes (compaction time) | open from log / snapshot | text equal (client, server) |\n|---|---|---|---|---|---|---|---|\n",
    );
    for t in traces {
        let (c, s) = (&t.client, &t.server);
        let _ = writeln!(
            out,
            "| {}{} | {} | {:.2} s, +{:.1} / +{:.1} MB, {} B | {:.2} s, +{:.1} MB | {}, {} B | {} B ({:.2} s) | {:.2} s / {:.3} s | {}, {} ({} chars{}) |",
            t.name,
            if t.whole { "" } else { " (cut)" },
            t.transactions,
            c.seconds,
            c.peak_mb,
            c.held_mb,
            c.state_bytes,
            s.seconds,
            s.peak_mb,
            s.log_rows,
            s.log_bytes,
            s.snapshot_bytes,
            s.compact_seconds,
            s.load_log_seconds,
            s.load_snapshot_seconds,
            yes(t.client_equal),
            yes(t.server_equal),
            t.text_chars,
            if t.whole { ", endContent" } else { ", the client's text" },
        );
    }
    out
}
