//! Mentions of people by "@" followed by their display name, as Innovation's comments and
//! threads and Espaces' forum write them: [`candidates`] reads the names a text may mean (one
//! to three words after each "@", compared folded like `users.name_key`), [`resolve`] finds
//! the accounts among those a caller's query allows (everyone for Innovation, a space's
//! current members for the forum), [`mentioned`] among every account.

use super::{db::Db, text};
use sqlx::AnyConnection;

/// For each "@" of `body`, the folded keys ([`text::key`]) of the one to three words after it,
/// longest first, trailing punctuation dropped: "@Émile Öztürk, merci" gives
/// `["emile ozturk merci", "emile ozturk", "emile"]`. "@" with nothing after gives nothing.
pub fn candidates(body: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (at, _) in body.match_indices('@') {
        let words: Vec<&str> = body[at + 1..].split_whitespace().take(3).collect();
        let keys: Vec<String> = (1..=words.len())
            .rev()
            .map(|n| {
                text::key(
                    words[..n]
                        .join(" ")
                        .trim_end_matches(|c: char| !c.is_alphanumeric()),
                )
            })
            .filter(|key| !key.is_empty())
            .collect();
        if !keys.is_empty() {
            out.push(keys);
        }
    }
    out
}

/// The accounts `body` mentions, each once, in the order of the text: for each "@", the
/// first of its [`candidates`] that `lookup` finds. `lookup` is one SQL query answering an
/// account id (or nothing) for the name key bound as `$1`, with `scope` bound as `$2`, `$3`…
pub async fn resolve(
    conn: &mut AnyConnection,
    body: &str,
    lookup: &str,
    scope: &[i64],
) -> Result<Vec<i64>, sqlx::Error> {
    let mut found = Vec::new();
    for keys in candidates(body) {
        for key in keys {
            let mut query = sqlx::query_scalar::<_, i64>(lookup).bind(key);
            for value in scope {
                query = query.bind(*value);
            }
            if let Some(id) = query.fetch_optional(&mut *conn).await? {
                if !found.contains(&id) {
                    found.push(id);
                }
                break;
            }
        }
    }
    Ok(found)
}

/// The members a text names with "@" followed by their display name (one to three words),
/// compared folded (`users.name_key`): "@émile öztürk", "@Emile Ozturk" and "@ÉMILE ÖZTÜRK"
/// all name "Émile Öztürk". Among every account (the first one of a shared name).
pub async fn mentioned(db: &Db, body: &str) -> Result<Vec<i64>, sqlx::Error> {
    let mut conn = db.pool.acquire().await?;
    resolve(
        &mut conn,
        body,
        "SELECT id FROM users WHERE name_key = $1 ORDER BY id LIMIT 1",
        &[],
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::candidates;

    #[test]
    fn each_at_gives_its_names_longest_first() {
        assert_eq!(
            candidates("Merci @Émile Öztürk, et @ada!"),
            vec![
                vec!["emile ozturk et".to_string(), "emile ozturk".into(), "emile".into()],
                vec!["ada".to_string()],
            ]
        );
        assert!(candidates("an @ alone").iter().all(|keys| !keys.is_empty()));
        assert!(candidates("no mention here").is_empty());
        assert!(candidates("trailing @").is_empty());
    }
}
