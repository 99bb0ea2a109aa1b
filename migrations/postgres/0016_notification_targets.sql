-- A notification names what it tells of (a comment, reply or thread: ItemKind codes; or a
-- fiche), so pages, counts and the e-mail digest show it only while its reader may see that
-- (src/innovation/server/notify.rs, VISIBLE). Earlier rows get theirs from their link.
-- Mirrors migrations/sqlite/0016_notification_targets.sql.

ALTER TABLE notifications ADD COLUMN item_kind TEXT;
ALTER TABLE notifications ADD COLUMN item_id BIGINT;

UPDATE notifications SET item_kind = 'comment', item_id = CAST(substring(link FROM '#commentaire-([0-9]+)$') AS BIGINT)
    WHERE link ~ '#commentaire-[0-9]+$';
UPDATE notifications SET item_kind = 'reply', item_id = CAST(substring(link FROM '#reponse-([0-9]+)$') AS BIGINT)
    WHERE link ~ '#reponse-[0-9]+$';
UPDATE notifications SET item_kind = 'thread', item_id = CAST(substring(link FROM '^/innovation/discussions/([0-9]+)$') AS BIGINT)
    WHERE item_kind IS NULL AND link ~ '^/innovation/discussions/[0-9]+$';
UPDATE notifications SET item_kind = 'fiche', item_id = CAST(substring(link FROM '^/innovation/fiches/([0-9]+)$') AS BIGINT)
    WHERE item_kind IS NULL AND link ~ '^/innovation/fiches/[0-9]+$';
