-- Images uploaded by fiche authors, stored under <data_dir>/images by a random name.
-- Mirrors migrations/postgres/0011_images.sql.

CREATE TABLE fiche_images (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    owner_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    content_type TEXT NOT NULL,
    bytes BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
