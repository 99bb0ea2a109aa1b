//! What Innovation holds about one person, for their "my data" archive
//! (`accounts::server::data_export`): their member profile, fiches with every revision and the
//! editors' reviews of them, uploaded images (and the files), comments, threads, replies,
//! follows, notifications, digest choice, member messages, flags; for editors, the work their
//! account did (reviews, promotional terms, moderation).

use crate::server::{
    db::Db,
    personal_data::{array, arrays, list, nest, rows, Original, PersonalData},
};
use serde_json::{Map, Value};

/// A fiche's form is stored as JSON text (`working`, `content`): shown as JSON, not a string.
fn unfold_form(rows: &mut [Map<String, Value>], column: &str) {
    for row in rows {
        if let Some(Value::String(text)) = row.get(column) {
            if let Ok(form) = serde_json::from_str::<Value>(text) {
                row.insert(column.to_string(), form);
            }
        }
    }
}

/// Innovation's part of `account`'s archive, with the images the account uploaded.
pub async fn collect(db: &Db, account: i64) -> Result<PersonalData, sqlx::Error> {
    let mut data = PersonalData::default();

    let mut profile = rows(
        db,
        "SELECT job_title, organisation, city, country, languages, bio, updated_at FROM member_profiles WHERE user_id = $1",
        account,
    )
    .await?;
    let fields = array(
        db,
        "SELECT f.code, f.name_fr, f.name_en FROM member_fields m JOIN innovation_fields f ON f.id = m.field_id WHERE m.user_id = $1 ORDER BY f.code",
        account,
    )
    .await?;
    data.file(
        "member_profile.json",
        match profile.pop() {
            Some(mut p) => {
                p.insert("fields".into(), fields);
                Value::Object(p)
            }
            None => Value::Null,
        },
    );

    let mut fiches = rows(
        db,
        "SELECT id, state, working, translation_of, created_at, updated_at FROM fiches WHERE author_id = $1 ORDER BY id",
        account,
    )
    .await?;
    unfold_form(&mut fiches, "working");
    let mut revisions = rows(
        db,
        "SELECT r.fiche_id, r.number, u.display_name AS author, r.content, r.created_at, r.published_at FROM fiche_revisions r \
         JOIN fiches f ON f.id = r.fiche_id LEFT JOIN users u ON u.id = r.author_id \
         WHERE f.author_id = $1 ORDER BY r.fiche_id, r.number",
        account,
    )
    .await?;
    unfold_form(&mut revisions, "content");
    let reviews = rows(
        db,
        "SELECT v.fiche_id, u.display_name AS editor, v.action, v.comment, v.acknowledged, v.at FROM fiche_reviews v \
         JOIN fiches f ON f.id = v.fiche_id LEFT JOIN users u ON u.id = v.editor_id WHERE f.author_id = $1 ORDER BY v.at, v.id",
        account,
    )
    .await?;
    nest(&mut fiches, "revisions", "fiche_id", revisions);
    nest(&mut fiches, "reviews", "fiche_id", reviews);
    data.file("fiches.json", list(fiches));
    // Revisions written on fiches of other authors (an editor's correction, say).
    data.file(
        "fiche_revisions_on_others.json",
        array(
            db,
            "SELECT r.fiche_id, r.number, r.created_at, r.published_at FROM fiche_revisions r JOIN fiches f ON f.id = r.fiche_id \
             WHERE r.author_id = $1 AND f.author_id <> $1 ORDER BY r.fiche_id, r.number",
            account,
        )
        .await?,
    );

    let images = rows(
        db,
        "SELECT name, content_type, bytes, width, height, created_at FROM fiche_images WHERE owner_id = $1 ORDER BY id",
        account,
    )
    .await?;
    for image in &images {
        let name = image.get("name").and_then(Value::as_str);
        if let Some((name, key)) =
            name.and_then(|n| Some((n, super::image_widths::image_key(n).ok()?)))
        {
            data.originals.push(Original {
                name: format!("files/images/{name}"),
                key,
            });
        }
    }
    data.file("fiche_images.json", list(images));

    let parts: [(&'static str, &str); 8] = [
        (
            "comments.json",
            "SELECT id, fiche_id, body_md, created_at, hidden_at FROM fiche_comments WHERE author_id = $1 ORDER BY id",
        ),
        (
            "threads.json",
            "SELECT id, title, body_md, created_at, last_reply_at, hidden_at FROM threads WHERE author_id = $1 ORDER BY id",
        ),
        (
            "replies.json",
            "SELECT id, thread_id, body_md, created_at, hidden_at FROM thread_replies WHERE author_id = $1 ORDER BY id",
        ),
        (
            "follows.json",
            "SELECT kind, target FROM follows WHERE user_id = $1 ORDER BY kind, target",
        ),
        (
            "notifications.json",
            "SELECT kind, actor, subject, link, at, read_at, mailed_at FROM notifications WHERE user_id = $1 ORDER BY at, id",
        ),
        (
            "flags.json",
            "SELECT item_kind, item_id, reason, at FROM flags WHERE user_id = $1 ORDER BY at",
        ),
        (
            "member_messages.json",
            // Sent: to whom and when (the words went by mail and are not kept). Received: when
            // only; who wrote is the sender's own data.
            "SELECT 'sent' AS direction, u.display_name AS recipient, c.at FROM member_contacts c LEFT JOIN users u ON u.id = c.recipient_id \
             WHERE c.sender_id = $1 \
             UNION ALL SELECT 'received' AS direction, NULL AS recipient, c.at FROM member_contacts c WHERE c.recipient_id = $1 ORDER BY at",
        ),
        (
            "digest.json",
            "SELECT COUNT(*) AS turned_off FROM digest_optouts WHERE user_id = $1",
        ),
    ];
    for (name, sql) in parts {
        data.file(name, array(db, sql, account).await?);
    }

    let staff: [(&str, &str); 3] = [
        (
            "fiche_reviews",
            "SELECT fiche_id, action, at FROM fiche_reviews WHERE editor_id = $1 ORDER BY at, id",
        ),
        (
            "promotional_terms_added",
            "SELECT term, added_at FROM promo_terms WHERE added_by = $1 ORDER BY id",
        ),
        (
            "moderation",
            "SELECT item_kind, item_id, action, reason, at FROM moderation_log WHERE editor_id = $1 ORDER BY at, id",
        ),
    ];
    data.file(
        "innovation_editor_work.json",
        arrays(db, &staff, account).await?,
    );
    Ok(data)
}
