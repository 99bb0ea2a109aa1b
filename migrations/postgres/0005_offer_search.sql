-- Stages search: the offer's words, folded (lower case, no accents) and stemmed in French by
-- the application, so that accents and plurals do not defeat a search; title words apart
-- for relevance.
ALTER TABLE offers ADD COLUMN search_terms TEXT NOT NULL DEFAULT '';
ALTER TABLE offers ADD COLUMN title_terms TEXT NOT NULL DEFAULT '';
