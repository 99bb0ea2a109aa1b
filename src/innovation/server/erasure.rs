//! Innovation's part of an account's erasure (`accounts::server::erasure`), on the erasure's
//! one transaction. What goes: the member profile and its fields, follows, the account's own
//! notifications, the digest opt-out, the flags it raised, its contact-form records (as sender
//! or recipient), and its fiches never published (private drafts). What stays: published
//! fiches and their revisions, comments, threads and replies, shown under the tombstone's
//! name ("ancien membre"), unless the person asked for their contributions to be removed too
//! (`remove_contributions`): then comments, replies and threads go (a thread with the replies
//! under it, as a moderator's deletion does). Notifications other people hold about the
//! account's contributions take the tombstone's name too, since they store the actor's name.

use sqlx::AnyConnection;

/// What Innovation erased or kept.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct InnovationErased {
    pub member_profiles: u64,
    pub follows: u64,
    pub notifications: u64,
    pub digest_optouts: u64,
    pub flags: u64,
    pub contacts: u64,
    /// Fiches never published, deleted with their revisions and reviews.
    pub unpublished_fiches: u64,
    /// Published fiches kept under the tombstone's name.
    pub fiches_kept: u64,
    /// Comments, threads and replies removed at the person's request.
    pub contributions_removed: u64,
    /// Comments, threads and replies kept under the tombstone's name.
    pub contributions_kept: u64,
    /// Other people's notifications renamed to the tombstone's name.
    pub notifications_renamed: u64,
}

async fn run(conn: &mut AnyConnection, sql: &str, account: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(sql)
        .bind(account)
        .execute(&mut *conn)
        .await?
        .rows_affected())
}

/// Items (`item_kind`, SQL of their ids with `$1` the account) the account wrote.
const AUTHORED: [(&str, &str); 4] = [
    (
        "comment",
        "SELECT id FROM fiche_comments WHERE author_id = $1",
    ),
    (
        "reply",
        "SELECT id FROM thread_replies WHERE author_id = $1",
    ),
    ("thread", "SELECT id FROM threads WHERE author_id = $1"),
    ("fiche", "SELECT id FROM fiches WHERE author_id = $1"),
];

/// Erases Innovation's data of `account` on `conn`; `former_name` is the tombstone's name.
pub async fn erase(
    conn: &mut AnyConnection,
    account: i64,
    remove_contributions: bool,
    former_name: &str,
) -> Result<InnovationErased, sqlx::Error> {
    let mut out = InnovationErased::default();
    for (kind, ids) in AUTHORED {
        out.notifications_renamed += sqlx::query(&format!(
            "UPDATE notifications SET actor = $2 WHERE user_id <> $1 AND item_kind = '{kind}' AND item_id IN ({ids})"
        ))
        .bind(account)
        .bind(former_name)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    }
    out.notifications = run(
        conn,
        "DELETE FROM notifications WHERE user_id = $1",
        account,
    )
    .await?;
    out.follows = run(conn, "DELETE FROM follows WHERE user_id = $1", account).await?;
    out.digest_optouts = run(
        conn,
        "DELETE FROM digest_optouts WHERE user_id = $1",
        account,
    )
    .await?;
    out.flags = run(conn, "DELETE FROM flags WHERE user_id = $1", account).await?;
    out.contacts = run(
        conn,
        "DELETE FROM member_contacts WHERE sender_id = $1 OR recipient_id = $1",
        account,
    )
    .await?;
    run(
        conn,
        "DELETE FROM member_fields WHERE user_id = $1",
        account,
    )
    .await?;
    out.member_profiles = run(
        conn,
        "DELETE FROM member_profiles WHERE user_id = $1",
        account,
    )
    .await?;

    // Fiches never published: private work, nobody else relies on them.
    let drafts = "SELECT id FROM fiches WHERE author_id = $1 AND published_revision_id IS NULL";
    run(conn, "DELETE FROM follows WHERE kind = 'fiche' AND target IN (SELECT CAST(id AS TEXT) FROM fiches WHERE author_id = $1 AND published_revision_id IS NULL)", account).await?;
    run(
        conn,
        &format!("DELETE FROM notifications WHERE item_kind = 'fiche' AND item_id IN ({drafts})"),
        account,
    )
    .await?;
    run(
        conn,
        &format!("UPDATE fiches SET translation_of = NULL WHERE translation_of IN ({drafts})"),
        account,
    )
    .await?;
    out.unpublished_fiches = run(
        conn,
        "DELETE FROM fiches WHERE author_id = $1 AND published_revision_id IS NULL",
        account,
    )
    .await?;
    out.fiches_kept = count(
        conn,
        "SELECT COUNT(*) FROM fiches WHERE author_id = $1",
        account,
    )
    .await?;

    let contributions = "SELECT (SELECT COUNT(*) FROM fiche_comments WHERE author_id = $1) + (SELECT COUNT(*) FROM threads WHERE author_id = $1) + (SELECT COUNT(*) FROM thread_replies WHERE author_id = $1)";
    if remove_contributions {
        out.contributions_removed = count(conn, contributions, account).await?;
        remove_contributions_of(conn, account).await?;
    } else {
        out.contributions_kept = count(conn, contributions, account).await?;
    }
    Ok(out)
}

async fn count(conn: &mut AnyConnection, sql: &str, account: i64) -> Result<u64, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(sql)
        .bind(account)
        .fetch_one(&mut *conn)
        .await?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Deletes the account's comments, replies and threads (with the replies under them), and
/// the flags, notifications and follows that point at them.
async fn remove_contributions_of(
    conn: &mut AnyConnection,
    account: i64,
) -> Result<(), sqlx::Error> {
    // Replies going away: the account's own, and every reply under the account's threads.
    let replies = "SELECT id FROM thread_replies WHERE author_id = $1 OR thread_id IN (SELECT id FROM threads WHERE author_id = $1)";
    let threads = "SELECT id FROM threads WHERE author_id = $1";
    let comments = "SELECT id FROM fiche_comments WHERE author_id = $1";
    for (kind, ids) in [
        ("reply", replies),
        ("thread", threads),
        ("comment", comments),
    ] {
        for table in ["flags", "notifications"] {
            run(
                conn,
                &format!("DELETE FROM {table} WHERE item_kind = '{kind}' AND item_id IN ({ids})"),
                account,
            )
            .await?;
        }
    }
    run(conn, "DELETE FROM follows WHERE kind = 'thread' AND target IN (SELECT CAST(id AS TEXT) FROM threads WHERE author_id = $1)", account).await?;
    run(
        conn,
        "DELETE FROM thread_replies WHERE author_id = $1",
        account,
    )
    .await?;
    run(conn, "DELETE FROM threads WHERE author_id = $1", account).await?;
    run(
        conn,
        "DELETE FROM fiche_comments WHERE author_id = $1",
        account,
    )
    .await?;
    Ok(())
}
