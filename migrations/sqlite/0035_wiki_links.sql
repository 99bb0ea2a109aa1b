-- The live wiki's links, aliases and search (issue 14). wiki_links: the pages each page's last
-- revision links to with `[[Page title]]`, by title key (types::title_key), whether such a
-- page exists or not: the backlinks of a page are the pages linking to its title or one of
-- its aliases. wiki_aliases: the former titles of renamed pages, so that links written with
-- an old title still lead to the page (a page's own title wins over another's alias).
-- wiki_page_terms: the search terms (French and English stems) of each page's title and last
-- revision, as forum_post_terms. Times are Unix seconds.
-- Mirrors migrations/postgres/0035_wiki_links.sql.

CREATE TABLE wiki_links (
    page_id BIGINT NOT NULL REFERENCES wiki_pages (id) ON DELETE CASCADE,
    target_key TEXT NOT NULL,
    PRIMARY KEY (page_id, target_key)
);
CREATE INDEX wiki_links_target ON wiki_links (target_key);

CREATE TABLE wiki_aliases (
    space_id BIGINT NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    title_key TEXT NOT NULL,
    page_id BIGINT NOT NULL REFERENCES wiki_pages (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (space_id, title_key)
);
CREATE INDEX wiki_aliases_page ON wiki_aliases (page_id);

CREATE TABLE wiki_page_terms (
    term TEXT NOT NULL,
    page_id BIGINT NOT NULL REFERENCES wiki_pages (id) ON DELETE CASCADE,
    PRIMARY KEY (term, page_id)
);
CREATE INDEX wiki_page_terms_page ON wiki_page_terms (page_id);
