-- v3: where a document lives and when it was published, as the reader found them:
-- its own url (a source-link line, a canonical link, a feed item's url), where its
-- publication date was read (text, meta, feed, url or path), and a newspaper page label.
ALTER TABLE documents ADD COLUMN url TEXT;
ALTER TABLE documents ADD COLUMN published_from TEXT
    CHECK (published_from IN ('text', 'meta', 'feed', 'url', 'path'));
ALTER TABLE documents ADD COLUMN page TEXT;
