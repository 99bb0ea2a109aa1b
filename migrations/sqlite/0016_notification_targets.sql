-- A notification names what it tells of (a comment, reply or thread: ItemKind codes; or a
-- fiche), so pages, counts and the e-mail digest show it only while its reader may see that
-- (src/innovation/server/notify.rs, VISIBLE). Earlier rows get theirs from their link.
-- Mirrors migrations/postgres/0016_notification_targets.sql.

ALTER TABLE notifications ADD COLUMN item_kind TEXT;
ALTER TABLE notifications ADD COLUMN item_id BIGINT;

UPDATE notifications SET item_kind = 'comment', item_id = CAST(substr(link, instr(link, '#commentaire-') + 13) AS BIGINT)
    WHERE instr(link, '#commentaire-') > 0;
UPDATE notifications SET item_kind = 'reply', item_id = CAST(substr(link, instr(link, '#reponse-') + 9) AS BIGINT)
    WHERE instr(link, '#reponse-') > 0;
UPDATE notifications SET item_kind = 'thread', item_id = CAST(substr(link, 25) AS BIGINT)
    WHERE item_kind IS NULL AND link LIKE '/innovation/discussions/%';
UPDATE notifications SET item_kind = 'fiche', item_id = CAST(substr(link, 20) AS BIGINT)
    WHERE item_kind IS NULL AND link LIKE '/innovation/fiches/%';
