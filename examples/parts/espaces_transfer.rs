//! The Espaces documents' transfer benchmark (a module of bench_stages.rs): a 5 MB and a 50 MB
//! file uploaded and downloaded through real HTTP (the app served on a local port, `curl` as
//! the client in its own process, so the client's buffers never count), side by side with a
//! plain copy of the same file on the same disk followed by `sync` (each transfer ends with a
//! `sync` too, and the disk is synced before each), and the server's peak
//! memory during each transfer: the peak resident size (`VmHWM`) reset before the transfer
//! (`/proc/self/clear_refs`, Linux ≥ 4.0) and read after it, minus the resident size before.
//! A streamed transfer keeps that growth flat whatever the file's size.
//!
//! Beside both, the floor of any HTTP transfer here: the same `curl` commands against a bare
//! server on the same HTTP stack (axum, tower-http's `ServeFile`) that only moves the bytes
//! (the upload's request body written to a file as it comes, unparsed; the download a plain
//! file), so the figures tell what is the app's and what is the loopback's and `curl`'s.

use parvis::server::state::AppState;
use std::{
    path::{Path, PathBuf},
    process::Command,
    time::{Duration, Instant},
};

/// A bare HTTP server on a local port that only moves bytes: `POST /up` writes the request's
/// body to `dir/bare-up.bin` as it comes, `GET /down` sends `file`. Returns its address.
async fn bare_server(dir: &Path, file: PathBuf) -> Result<String, Box<dyn std::error::Error>> {
    use axum::{body::Body, routing::post, Router};
    use tokio::io::AsyncWriteExt;
    let target = dir.join("bare-up.bin");
    let up = move |body: Body| {
        let target = target.clone();
        async move {
            let mut out = tokio::fs::File::create(&target)
                .await
                .map_err(|e| e.to_string())?;
            let mut stream = body.into_data_stream();
            while let Some(chunk) = futures_util::StreamExt::next(&mut stream).await {
                out.write_all(&chunk.map_err(|e| e.to_string())?)
                    .await
                    .map_err(|e| e.to_string())?;
            }
            out.flush().await.map_err(|e| e.to_string())?;
            Ok::<_, String>("ok")
        }
    };
    let app = Router::new()
        .route("/up", post(up))
        .route_service("/down", tower_http::services::ServeFile::new(file))
        .layer(axum::extract::DefaultBodyLimit::disable());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(address)
}

/// Transfers per size.
const ROUNDS: usize = 5;
/// File sizes measured, in bytes.
const SIZES: [u64; 2] = [5_000_000, 50_000_000];

/// The server's peak memory growth for one size: (MB of the file, upload MB, download MB).
pub type Peak = (u64, f64, f64);

/// Runs `transfer`, returning its wall time and how far the server's resident size rose
/// above where it stood before (MB).
fn measured(transfer: impl FnOnce() -> Result<(), String>) -> Result<(Duration, f64), String> {
    // "5" resets the peak resident size to the current one (proc(5), clear_refs).
    std::fs::write("/proc/self/clear_refs", "5").map_err(|e| format!("clear_refs: {e}"))?;
    let (before, _) = super::bench_common::own_memory_kb();
    let start = Instant::now();
    transfer()?;
    let took = start.elapsed();
    let (_, peak) = super::bench_common::own_memory_kb();
    Ok((took, peak.saturating_sub(before) as f64 / 1000.0))
}

/// Runs `command`, failing with its stderr unless it succeeds.
fn run(command: &mut Command) -> Result<String, String> {
    let output = command.output().map_err(|e| format!("{command:?}: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "{command:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// `curl` sending `file` to `url` as the documents' upload form does (`dossier` empty,
/// `fichier` named `transfer-{mb}.pdf`) with `headers`, then `sync` (the server's written
/// file on disk as the copy is); fails unless the answer is 200.
fn upload(url: &str, headers: &[String], file: &Path, mb: u64) -> Result<(), String> {
    let mut curl = Command::new("curl");
    curl.args(["-sS", "-o", "/dev/null", "-w", "%{http_code}"]);
    for header in headers {
        curl.arg("-H").arg(header);
    }
    curl.args(["-F", "dossier="])
        .arg("-F")
        .arg(format!(
            "fichier=@{};filename=transfer-{mb}.pdf",
            file.display()
        ))
        .arg(url);
    let status = run(&mut curl)?;
    if status.trim() != "200" {
        return Err(format!("upload answered {status}"));
    }
    run(&mut Command::new("sync")).map(drop)
}

/// `curl` writing what `url` answers (with `headers`) into `to`, then `sync`.
fn download(url: &str, headers: &[String], to: &Path) -> Result<(), String> {
    let mut curl = Command::new("curl");
    curl.args(["-sS", "--fail", "-o"]).arg(to);
    for header in headers {
        curl.arg("-H").arg(header);
    }
    run(curl.arg(url)).map(drop)?;
    run(&mut Command::new("sync")).map(drop)
}

/// A file of `size` bytes under `dir` that reads as a PDF (random bytes after the header, so
/// nothing on the way compresses it).
fn sample_file(dir: &Path, size: u64) -> Result<PathBuf, Box<dyn std::error::Error>> {
    use rand::RngCore;
    use std::io::Write;
    let path = dir.join(format!("transfer-{size}.pdf"));
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path)?);
    file.write_all(b"%PDF-1.7\n")?;
    let mut block = vec![0u8; 1 << 20];
    let mut left = size.saturating_sub(9);
    while left > 0 {
        rand::thread_rng().fill_bytes(&mut block);
        let n = left.min(block.len() as u64) as usize;
        file.write_all(&block[..n])?;
        left -= n as u64;
    }
    file.flush()?;
    Ok(path)
}

/// A contributor's session cookie in space `space`: an account signed up over HTTP, made a
/// contributor.
async fn contributor_cookie(
    base: &str,
    state: &AppState,
    space: i64,
) -> Result<String, Box<dyn std::error::Error>> {
    let email = format!("bench-transfer-{}@example.org", std::process::id());
    let response = reqwest::Client::new()
        .post(format!("{base}/api/accounts/sign_up"))
        .form(&[
            ("email", email.as_str()),
            ("display_name", "Partenaire bench"),
            ("password", "un mot de passe assez long"),
        ])
        .send()
        .await?;
    let cookie = super::bench_common::session_cookie(&response);
    if cookie.is_empty() {
        return Err(format!("sign-up answered {} without a session", response.status()).into());
    }
    let account = parvis::accounts::server::store::by_email(&state.db, &email)
        .await?
        .ok_or("the signed-up account is missing")?
        .id;
    sqlx::query(
        "INSERT INTO space_members (space_id, user_id, role, joined_at) VALUES ($1, $2, 'contributor', 0)",
    )
    .bind(space)
    .bind(account)
    .execute(&state.db.pool)
    .await?;
    Ok(cookie)
}

/// Measures uploads and downloads of every size in [`SIZES`] against `cp` + `sync`, through
/// the app served at `base` (times reported as p50/p95 of [`ROUNDS`] transfers); prints the
/// ratios and returns the server's peak memory growth per size.
pub async fn run_transfers(
    base: &str,
    state: &AppState,
    space: i64,
) -> Result<Vec<Peak>, Box<dyn std::error::Error>> {
    let cookie = contributor_cookie(base, state, space).await?;
    let dir = std::env::temp_dir().join(format!("parvis-transfer-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let mut peaks = Vec::new();
    for size in SIZES {
        let file = sample_file(&dir, size)?;
        let copy = dir.join("copy.pdf");
        let fetched = dir.join("fetched.pdf");
        let mb = size / 1_000_000;
        let bare = bare_server(&dir, file.clone()).await?;
        let mut copies = Vec::new();
        let mut uploads = Vec::new();
        let mut downloads = Vec::new();
        let (mut bare_uploads, mut bare_downloads) = (Vec::new(), Vec::new());
        let (mut upload_peak, mut download_peak) = (0f64, 0f64);
        for _ in 0..ROUNDS {
            let (took, _) = measured(|| {
                run(Command::new("cp").arg(&file).arg(&copy))?;
                run(&mut Command::new("sync")).map(drop)
            })?;
            copies.push(took);
            let url = format!("{base}/espaces/{space}/documents/depot");
            let headers = [
                format!("Cookie: {cookie}"),
                "Accept: application/json".into(),
            ];
            let (took, peak) =
                tokio::task::block_in_place(|| measured(|| upload(&url, &headers, &file, mb)))?;
            uploads.push(took);
            upload_peak = upload_peak.max(peak);
            let (document, version): (i64, i64) = sqlx::query_as(
                "SELECT d.id, MAX(v.id) FROM space_documents d JOIN space_document_versions v ON v.document_id = d.id \
                 WHERE d.space_id = $1 AND d.name = $2 AND d.deleted_at IS NULL GROUP BY d.id",
            )
            .bind(space)
            .bind(format!("transfer-{mb}.pdf"))
            .fetch_one(&state.db.pool)
            .await?;
            let url =
                format!("{base}/espaces/{space}/documents/{document}/versions/{version}/fichier");
            // Nothing of the upload left to flush inside the download's time.
            run(&mut Command::new("sync"))?;
            let (took, peak) = tokio::task::block_in_place(|| {
                measured(|| download(&url, &[format!("Cookie: {cookie}")], &fetched))
            })?;
            downloads.push(took);
            download_peak = download_peak.max(peak);
            if std::fs::metadata(&fetched)?.len() != size {
                return Err(format!("the {mb} MB download is not the file sent").into());
            }
            // The same two transfers against the bare server.
            run(&mut Command::new("sync"))?;
            let (took, _) = tokio::task::block_in_place(|| {
                measured(|| upload(&format!("{bare}/up"), &[], &file, mb))
            })?;
            bare_uploads.push(took);
            run(&mut Command::new("sync"))?;
            let (took, _) = tokio::task::block_in_place(|| {
                measured(|| download(&format!("{bare}/down"), &[], &fetched))
            })?;
            bare_downloads.push(took);
        }
        let median = |v: &[Duration]| {
            let mut v = v.to_vec();
            v.sort();
            v[v.len() / 2].as_secs_f64()
        };
        println!(
            "  {mb} MB: upload {:.2}× cp + sync, server peak +{upload_peak:.1} MB; download {:.2}× cp + sync, server peak +{download_peak:.1} MB",
            median(&uploads) / median(&copies),
            median(&downloads) / median(&copies),
        );
        println!(
            "  {mb} MB, the bare server (the floor of any HTTP transfer here): upload {:.2}× cp + sync, download {:.2}×; the app above it: upload {:.2}×, download {:.2}×",
            median(&bare_uploads) / median(&copies),
            median(&bare_downloads) / median(&copies),
            median(&uploads) / median(&bare_uploads),
            median(&downloads) / median(&bare_downloads),
        );
        super::report(
            &format!("{mb} MB file: upload to a bare server + sync"),
            bare_uploads,
        );
        super::report(
            &format!("{mb} MB file: download from a bare server + sync"),
            bare_downloads,
        );
        super::report(&format!("{mb} MB file: cp + sync"), copies);
        super::report(&format!("{mb} MB file: upload through HTTP"), uploads);
        super::report(
            &format!("{mb} MB file: download through HTTP + sync"),
            downloads,
        );
        peaks.push((mb, upload_peak, download_peak));
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(peaks)
}
