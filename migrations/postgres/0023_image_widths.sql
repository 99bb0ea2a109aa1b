-- Fiche images in the widths pages offer (srcset), made on upload, or by the image-widths
-- round for images uploaded before; each image's own size, NULL until measured (0 when it
-- does not decode: served as uploaded, without widths).
-- Mirrors migrations/sqlite/0023_image_widths.sql.

ALTER TABLE fiche_images ADD COLUMN width BIGINT;
ALTER TABLE fiche_images ADD COLUMN height BIGINT;

CREATE TABLE fiche_image_widths (
    image_id BIGINT NOT NULL REFERENCES fiche_images (id) ON DELETE CASCADE,
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    name TEXT NOT NULL UNIQUE,
    content_type TEXT NOT NULL,
    bytes BIGINT NOT NULL,
    PRIMARY KEY (image_id, width)
);
