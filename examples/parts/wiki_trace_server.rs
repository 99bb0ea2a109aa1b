//! A trace replayed through the server's own document code (a module of `wiki_load.rs`): the
//! app is built in this process on a fresh SQLite database, each of the trace's authors joins
//! the page's live room as a connection does (`wiki::server::rooms`), and every transaction's
//! update is handed to the room as that connection would after reading its frame: the room
//! checks it, applies it to the page's document, appends it to the page's log (one row per
//! update, one commit per batch) and relays it to the other author. The WebSocket itself is
//! left out: its flood limit (100 messages a second) would stretch 260,000 keystrokes over 45
//! minutes, and its work per message is the frame's decoding alone.
//!
//! Then the text is read back from the store and compared, the page's stored size is read
//! (log rows and bytes), a revision is cut and the log compacted (`compaction::compact_pages`),
//! and the page is read again from its snapshot.

use super::wiki_process::{own_memory_kb, reset_own_peak};
use parvis::{
    app_server,
    server::{config::Config, state::AppState},
    wiki::server::{
        checks::Identity,
        compaction, log, reading,
        revisions::{self, Cut},
        room::{Command, Kick, Peer, OUTGOING_CAPACITY},
        rooms::{self, Rooms},
    },
};
use std::time::Instant;
use tokio::sync::mpsc;
use yrs::{
    sync::{Message, MessageReader, SyncMessage},
    updates::decoder::DecoderV1,
    StateVector,
};

/// What the server's replay gave.
pub struct ServerReplay {
    /// Time from the first update handed to the room to the last one committed (s).
    pub seconds: f64,
    /// This process's peak resident size during it, above before (MB).
    pub peak_mb: f64,
    /// The text read back from the store, after the replay and after compaction.
    pub text: String,
    pub text_compacted: String,
    /// The page's log after the replay: rows and bytes of their bodies.
    pub log_rows: i64,
    pub log_bytes: i64,
    /// Time to load the page from its log (what opening it costs before compaction) (s).
    pub load_log_seconds: f64,
    /// Compaction's time (s), the snapshot's bytes, the log rows left.
    pub compact_seconds: f64,
    pub snapshot_bytes: i64,
    pub rows_left: i64,
    /// Time to load the page from its snapshot (s).
    pub load_snapshot_seconds: f64,
}

/// The app on a fresh SQLite database in a new folder (removed once the replay is read).
async fn fresh_app(name: &str) -> Result<(AppState, std::path::PathBuf), String> {
    let dir = std::env::temp_dir().join(format!("parvis-wiki-trace-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut config = Config::default();
    config.server.data_dir = dir.clone();
    config.database.url = format!("sqlite://{}/trace.db", dir.display());
    let (_, state) = app_server::build(config)
        .await
        .map_err(|e| format!("app: {e}"))?;
    Ok((state, dir))
}

/// `agents` accounts, a space and a page: (account ids, page id).
async fn page_with_authors(state: &AppState, agents: usize) -> Result<(Vec<i64>, i64), String> {
    let db = &state.db;
    let sql = |e: sqlx::Error| format!("seeding: {e}");
    let mut accounts = Vec::new();
    for a in 0..agents {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (email, display_name, password_hash, created_at, locale) VALUES ($1, $2, 'x', 0, 'fr') RETURNING id",
        )
        .bind(format!("auteur-{a}@traces.example"))
        .bind(format!("Auteur {a}"))
        .fetch_one(&db.pool)
        .await
        .map_err(sql)?;
        accounts.push(id);
    }
    let first = *accounts.first().ok_or("a trace without an author")?;
    let space: i64 = sqlx::query_scalar(
        "INSERT INTO spaces (name, description, template, visibility, time_zone, created_by, created_at, updated_at) \
         VALUES ('Traces', 'Rejeu des traces.', 'plan', 'private', 'Europe/Paris', $1, 0, 0) RETURNING id",
    )
    .bind(first)
    .fetch_one(&db.pool)
    .await
    .map_err(sql)?;
    let page = parvis::wiki::server::pages::create(
        db,
        space,
        "Trace",
        None,
        first,
        state.clock.now_seconds(),
    )
    .await
    .map_err(|e| format!("page: {e:?}"))?;
    Ok((accounts, page))
}

/// One author's connection to the room, without its socket.
struct Author {
    peer: u64,
    commands: mpsc::Sender<Command>,
    /// Sync step 2 answers the room sent this author.
    answers: mpsc::UnboundedReceiver<()>,
    kicked: tokio::sync::oneshot::Receiver<(u16, String)>,
}

/// Joins page `page`'s room as `account`; what the room sends is read by a task of its own.
async fn join(state: &AppState, rooms: &Rooms, page: i64, account: i64) -> Result<Author, String> {
    let (outgoing, mut queue) = mpsc::channel(OUTGOING_CAPACITY);
    let (kick, kicked) = Kick::new();
    let peer = rooms.next_id();
    let identity = Identity::new(account, "Auteur");
    let commands = rooms
        .join(state, page, || Peer {
            id: peer,
            identity: identity.clone(),
            can_write: true,
            outgoing: outgoing.clone(),
            kick: kick.clone(),
        })
        .await
        .map_err(|e| format!("room: {e}"))?;
    drop(outgoing);
    let (answer, answers) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Some(parvis::wiki::server::room::Outgoing::Frame(bytes)) = queue.recv().await {
            let mut decoder = DecoderV1::from(&bytes[..]);
            let step2 = MessageReader::new(&mut decoder)
                .any(|m| matches!(m, Ok(Message::Sync(SyncMessage::SyncStep2(_)))));
            if step2 && answer.send(()).is_err() {
                return;
            }
        }
    });
    Ok(Author {
        peer,
        commands,
        answers,
        kicked,
    })
}

async fn count(state: &AppState, sql: &str, page: i64) -> Result<i64, String> {
    sqlx::query_scalar(sql)
        .bind(page)
        .fetch_one(&state.db.pool)
        .await
        .map_err(|e| format!("{sql}: {e}"))
}

/// Cuts a revision of page `page` holding its whole log (compaction folds only rows a
/// revision holds). The app's own `wiki.revisions` round may be cutting one at the same time
/// once the page has been quiet for 10 s (SQLite then answers "database is locked" past its
/// busy timeout): tried again, up to five times.
async fn cut_revision(state: &AppState, page: i64) -> Result<(), String> {
    let mut attempt = 0;
    loop {
        let cut = Cut {
            page,
            saved_by: None,
            note: "",
            restored_from: None,
        };
        match revisions::cut(state, cut, state.clock.now_seconds()).await {
            Ok(_) => return Ok(()),
            Err(error) if attempt < 5 => {
                attempt += 1;
                println!("  (revision not cut yet: {error}; trying again)");
                tokio::time::sleep(std::time::Duration::from_secs(2)).await;
            }
            Err(error) => return Err(format!("revision: {error}")),
        }
    }
}

/// Replays `updates` (author, update, in trace order) through a fresh page's room.
pub async fn replay(
    name: &str,
    agents: usize,
    updates: &[(usize, Vec<u8>)],
) -> Result<ServerReplay, String> {
    let (state, dir) = fresh_app(name).await?;
    let (accounts, page) = page_with_authors(&state, agents).await?;
    let rooms = state
        .domains
        .get::<Rooms>()
        .map_err(|e| format!("rooms: {e}"))?
        .clone();
    let mut authors = Vec::new();
    for account in &accounts {
        authors.push(join(&state, &rooms, page, *account).await?);
    }
    let (before_kb, _) = own_memory_kb();
    reset_own_peak();
    let start = Instant::now();
    for (agent, update) in updates {
        let author = authors.get(*agent).ok_or("an update of no author")?;
        let message = Message::Sync(SyncMessage::Update(update.clone()));
        author
            .commands
            .send(Command::Message(author.peer, message))
            .await
            .map_err(|_| "the room closed during the replay")?;
    }
    // The room takes its commands in order: its answer to this comes after every update
    // before it is committed.
    let first = authors.first_mut().ok_or("no author")?;
    first
        .commands
        .send(Command::Message(
            first.peer,
            Message::Sync(SyncMessage::SyncStep1(StateVector::default())),
        ))
        .await
        .map_err(|_| "the room closed during the replay")?;
    first
        .answers
        .recv()
        .await
        .ok_or("the room ended before answering")?;
    let seconds = start.elapsed().as_secs_f64();
    let (_, peak_kb) = own_memory_kb();
    for author in &mut authors {
        if let Ok((code, reason)) = author.kicked.try_recv() {
            return Err(format!(
                "the room closed an author's connection: {code} {reason}"
            ));
        }
        rooms::leave(&author.commands, author.peer).await;
    }
    let log_rows = count(
        &state,
        "SELECT COUNT(*) FROM wiki_updates WHERE page_id = $1",
        page,
    )
    .await?;
    let log_bytes = count(
        &state,
        "SELECT COALESCE(SUM(LENGTH(body)), 0) FROM wiki_updates WHERE page_id = $1",
        page,
    )
    .await?;
    let loading = Instant::now();
    let text = reading::text(&state.db, page)
        .await
        .map_err(|e| format!("reading back: {e}"))?;
    let load_log_seconds = loading.elapsed().as_secs_f64();
    cut_revision(&state, page).await?;
    let compacting = Instant::now();
    compaction::compact_pages(&state, 1)
        .await
        .map_err(|e| format!("compaction: {e:?}"))?;
    let compact_seconds = compacting.elapsed().as_secs_f64();
    let snapshot_bytes = count(
        &state,
        "SELECT COALESCE(SUM(LENGTH(body)), 0) FROM wiki_snapshots WHERE page_id = $1",
        page,
    )
    .await?;
    let rows_left = count(
        &state,
        "SELECT COUNT(*) FROM wiki_updates WHERE page_id = $1",
        page,
    )
    .await?;
    let loading = Instant::now();
    let (doc, _) = log::load(&state.db, page)
        .await
        .map_err(|e| format!("reading the snapshot: {e}"))?;
    let load_snapshot_seconds = loading.elapsed().as_secs_f64();
    drop(doc);
    let text_compacted = reading::text(&state.db, page)
        .await
        .map_err(|e| format!("reading back: {e}"))?;
    state.shutdown.begin();
    let _ = std::fs::remove_dir_all(&dir);
    Ok(ServerReplay {
        seconds,
        peak_mb: peak_kb.saturating_sub(before_kb) as f64 / 1024.0,
        text,
        text_compacted,
        log_rows,
        log_bytes,
        load_log_seconds,
        compact_seconds,
        snapshot_bytes,
        rows_left,
        load_snapshot_seconds,
    })
}
