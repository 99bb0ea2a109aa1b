//! What both benchmark programs (`bench_stages`, `wiki_load`) read the same way: this
//! process's memory from `/proc`, and the session cookie a sign-up answered with.

/// This process's resident size and peak resident size, in kB (`VmRSS`, `VmHWM`).
pub fn own_memory_kb() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// The cookies `response` set, as a `Cookie` header sends them back (empty when none).
pub fn session_cookie(response: &reqwest::Response) -> String {
    response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .collect::<Vec<_>>()
        .join("; ")
}
