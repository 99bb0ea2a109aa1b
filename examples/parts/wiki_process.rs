//! A server measured from outside (a module of `wiki_load.rs`): its resident size and the CPU
//! time it used, read from `/proc/<pid>/status` (`VmRSS`) and `/proc/<pid>/stat` (`utime` +
//! `stime`), and a sampler that keeps the largest resident size seen while a load runs.

use std::{
    sync::{
        atomic::{AtomicBool, AtomicU64, Ordering},
        Arc,
    },
    time::Duration,
};

/// What one look at a process gives.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    /// Resident size, in kB.
    pub rss_kb: u64,
    /// CPU time used so far (user and system), in seconds.
    pub cpu_seconds: f64,
}

/// The kernel's clock ticks per second (`getconf CLK_TCK`; 100 when it does not answer).
fn ticks_per_second() -> f64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|out| String::from_utf8_lossy(&out.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}

/// Reads process `pid` now.
pub fn sample(pid: u32) -> Result<Sample, String> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .map_err(|e| format!("process {pid}: {e}"))?;
    let rss_kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| format!("process {pid}: no VmRSS"))?;
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map_err(|e| format!("process {pid}: {e}"))?;
    // The command name may hold spaces: the fields are counted after its closing parenthesis,
    // where field 3 (state) comes first; utime and stime are fields 14 and 15.
    let after = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest)
        .ok_or_else(|| format!("process {pid}: unreadable stat"))?;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let tick = |i: usize| -> Result<u64, String> {
        fields
            .get(i)
            .and_then(|f| f.parse().ok())
            .ok_or_else(|| format!("process {pid}: stat field {} missing", i + 3))
    };
    let ticks = tick(11)? + tick(12)?;
    Ok(Sample {
        rss_kb,
        cpu_seconds: ticks as f64 / ticks_per_second(),
    })
}

/// Samples a process every 200 ms in a task of its own, keeping the largest resident size.
pub struct Sampler {
    peak_kb: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
    task: tokio::task::JoinHandle<()>,
}

impl Sampler {
    /// Starts sampling process `pid`.
    pub fn start(pid: u32) -> Sampler {
        let peak_kb = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let task = {
            let (peak_kb, stop) = (peak_kb.clone(), stop.clone());
            tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    if let Ok(now) = sample(pid) {
                        peak_kb.fetch_max(now.rss_kb, Ordering::Relaxed);
                    }
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            })
        };
        Sampler {
            peak_kb,
            stop,
            task,
        }
    }

    /// Stops sampling; the largest resident size seen, in kB.
    pub async fn stop(self) -> u64 {
        self.stop.store(true, Ordering::Relaxed);
        let _ = self.task.await;
        self.peak_kb.load(Ordering::Relaxed)
    }
}

pub use super::bench_common::own_memory_kb;

/// Resets this process's peak resident size to its current one (`clear_refs`, Linux ≥ 4.0),
/// so that [`own_memory_kb`]'s peak then tells the largest size from now on.
pub fn reset_own_peak() {
    if let Err(error) = std::fs::write("/proc/self/clear_refs", "5") {
        eprintln!("  (peak memory not reset: {error}; peaks count from the process's start)");
    }
}

/// A free local port (bound, then let go).
pub fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free port: {e}"))
}
