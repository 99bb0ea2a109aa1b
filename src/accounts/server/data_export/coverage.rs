//! Every column of the schema that points at an account, and what the "my data" archive does
//! with it: exported (in which files) or left out, with the reason. `tests/data_export.rs`
//! reads each engine's catalogue and fails when a column pointing at `users` (a foreign key,
//! or a name such as `user_id`, `*_by`, `author_id`, `email`) is missing here, so a new table
//! holding an account's id must be placed in this one list.

/// What the archive does with a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handling {
    /// Exported in these archive files (`; ` between names).
    Exported(&'static str),
    /// Left out, for this reason.
    Excluded(&'static str),
}

/// One column pointing at an account.
#[derive(Debug, Clone, Copy)]
pub struct Covered {
    pub table: &'static str,
    pub column: &'static str,
    pub handling: Handling,
}

const fn exported(table: &'static str, column: &'static str, files: &'static str) -> Covered {
    Covered {
        table,
        column,
        handling: Handling::Exported(files),
    }
}

const fn excluded(table: &'static str, column: &'static str, reason: &'static str) -> Covered {
    Covered {
        table,
        column,
        handling: Handling::Excluded(reason),
    }
}

/// The one list.
pub const COVERAGE: &[Covered] = &[
    // Accounts.
    exported("users", "id", "account.json"),
    exported("users", "email", "account.json"),
    exported("role_grants", "user_id", "account.json"),
    exported("role_grants", "granted_by", "account.json"),
    exported("password_resets", "user_id", "account.json"),
    exported("login_failures", "email", "sign_in_failures.json"),
    exported("sessions", "data", "sessions.json"),
    excluded(
        "data_exports",
        "user_id",
        "the archive requests themselves: shown on the account page, deleted with their archive",
    ),
    excluded(
        "erasure_requests",
        "user_id",
        "a pending confirmation of the account's own deletion: a token hash and times, deleted when used or expired",
    ),
    excluded(
        "jobs",
        "payload",
        "work queued for the account (a mail to send) holds only ids and the language of data \
         exported elsewhere; finished jobs are deleted after retention.finished_jobs_days",
    ),
    excluded(
        "jobs",
        "locked_by",
        "names the server process that claimed a job (its host and process id), not a person",
    ),
    excluded(
        "periodic_rounds",
        "last_run_by",
        "names the server process that last ran a round, not a person",
    ),
    // Stages.
    exported("candidate_profiles", "user_id", "candidate_profile.json"),
    exported("applications", "candidate_id", "applications.json"),
    exported(
        "application_events",
        "actor_id",
        "applications.json; stages_staff_work.json",
    ),
    exported(
        "application_messages",
        "author_id",
        "applications.json; stages_staff_work.json",
    ),
    exported(
        "application_notes",
        "author_id",
        "applications.json; stages_staff_work.json",
    ),
    exported("offers", "created_by", "stages_staff_work.json"),
    exported("answer_templates", "updated_by", "stages_staff_work.json"),
    exported("pool_handlers", "user_id", "stages_staff_work.json"),
    exported("saved_searches", "user_id", "saved_searches.json"),
    // Innovation.
    exported("member_profiles", "user_id", "member_profile.json"),
    exported("member_fields", "user_id", "member_profile.json"),
    exported("fiches", "author_id", "fiches.json"),
    exported(
        "fiche_revisions",
        "author_id",
        "fiches.json; fiche_revisions_on_others.json",
    ),
    exported(
        "fiche_reviews",
        "editor_id",
        "fiches.json; innovation_editor_work.json",
    ),
    exported("fiche_images", "owner_id", "fiche_images.json"),
    exported("fiche_comments", "author_id", "comments.json"),
    exported("threads", "author_id", "threads.json"),
    exported("thread_replies", "author_id", "replies.json"),
    exported("follows", "user_id", "follows.json"),
    exported("notifications", "user_id", "notifications.json"),
    exported("digest_optouts", "user_id", "digest.json"),
    exported("member_contacts", "sender_id", "member_messages.json"),
    exported("member_contacts", "recipient_id", "member_messages.json"),
    exported("flags", "user_id", "flags.json"),
    exported("promo_terms", "added_by", "innovation_editor_work.json"),
    exported("moderation_log", "editor_id", "innovation_editor_work.json"),
    // Espaces.
    exported("spaces", "created_by", "spaces.json"),
    exported("space_members", "user_id", "spaces.json"),
    exported("space_members", "added_by", "spaces.json"),
    exported("space_invitations", "email", "spaces.json"),
    exported("space_invitations", "invited_by", "spaces.json"),
    exported("space_invitations", "accepted_by", "spaces.json"),
    exported("space_sign_in_links", "user_id", "spaces.json"),
    exported("space_agents", "user_id", "spaces.json"),
    exported("space_agents", "granted_by", "spaces.json"),
    exported("space_activity", "actor_id", "spaces.json"),
    exported("space_mentions", "user_id", "spaces.json"),
    // Espaces: forum.
    exported("forum_threads", "author_id", "forum.json"),
    exported("forum_posts", "author_id", "forum.json"),
    exported("forum_reads", "user_id", "forum.json"),
    // Espaces' shared calendar.
    exported("space_events", "created_by", "calendar.json"),
    exported("space_event_attendees", "user_id", "calendar.json"),
    exported("space_calendar_feeds", "user_id", "calendar.json"),
    exported("space_folders", "created_by", "spaces.json"),
    exported("space_documents", "created_by", "spaces.json"),
    exported("space_documents", "deleted_by", "spaces.json"),
    exported("space_document_versions", "uploaded_by", "spaces.json"),
    exported("space_document_shares", "created_by", "spaces.json"),
    exported("space_document_shares", "revoked_by", "spaces.json"),
    // The live wiki.
    exported("wiki_pages", "created_by", "wiki.json"),
    exported("wiki_updates", "user_id", "wiki.json"),
    exported("wiki_revisions", "saved_by", "wiki.json"),
    exported("wiki_revision_authors", "user_id", "wiki.json"),
    exported("wiki_follows", "user_id", "wiki.json"),
    exported("wiki_page_shares", "created_by", "wiki.json"),
    exported("wiki_page_shares", "revoked_by", "wiki.json"),
    exported("wiki_revisions", "approved_by", "wiki.json"),
    exported("wiki_revisions", "changes_asked_by", "wiki.json"),
    Covered {
        table: "wiki_clients",
        column: "user_id",
        handling: Handling::Excluded("a Yjs client number the account wrote under: a technical key of the page's history, its edits are counted in wiki.json"),
    },
];

/// The archive files `COVERAGE` names, each once, sorted.
pub fn exported_files() -> Vec<&'static str> {
    let mut files: Vec<&'static str> = COVERAGE
        .iter()
        .filter_map(|c| match c.handling {
            Handling::Exported(files) => Some(files),
            Handling::Excluded(_) => None,
        })
        .flat_map(|files| files.split("; "))
        .collect();
    files.sort_unstable();
    files.dedup();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_column_is_listed_once_and_every_exclusion_says_why() {
        let mut seen = std::collections::BTreeSet::new();
        for c in COVERAGE {
            assert!(
                seen.insert((c.table, c.column)),
                "{}.{} listed twice",
                c.table,
                c.column
            );
            if let Handling::Excluded(reason) = c.handling {
                assert!(reason.len() > 20, "{}.{}: say why", c.table, c.column);
            }
        }
    }
}
