-- v1: files as they were given, what the reader made of them, and the documents found.
-- Rows are only ever added by an ingest; one file is one transaction.

-- The original bytes of every file, verbatim, addressed by their SHA-256.
-- `id` is the order in which contents were first ingested.
CREATE TABLE blobs (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT    NOT NULL UNIQUE CHECK (length(sha256) = 64),
    size        INTEGER NOT NULL CHECK (size >= 0),
    bytes       BLOB    NOT NULL,
    added_at    TEXT    NOT NULL
);

-- Every path a blob was ingested from. A path whose content changes gets a new row
-- for the new blob; the old row and blob stay (the store is an archive).
CREATE TABLE paths (
    id          INTEGER PRIMARY KEY,
    path        TEXT    NOT NULL,       -- as given to ingest, lossily decoded for display
    path_bytes  BLOB    NOT NULL,       -- the exact bytes of the path
    blob_id     INTEGER NOT NULL REFERENCES blobs(id),
    first_seen  TEXT    NOT NULL,
    last_seen   TEXT    NOT NULL,
    UNIQUE (path_bytes, blob_id)
);
CREATE INDEX paths_by_blob ON paths(blob_id);

-- What the reader made of a blob as a whole.
CREATE TABLE readings (
    blob_id         INTEGER PRIMARY KEY REFERENCES blobs(id),
    reader_version  TEXT    NOT NULL,
    encoding        TEXT    NOT NULL,
    format          TEXT    NOT NULL,
    had_errors      INTEGER NOT NULL,
    decoded_map     TEXT    NOT NULL,   -- JSON [{text, byte}], empty = identity
    headings        TEXT    NOT NULL,   -- JSON [[start, end]] in decoded text
    cleaned         TEXT    NOT NULL,   -- decoded text minus removals
    n_documents     INTEGER NOT NULL,
    n_removals      INTEGER NOT NULL
);

-- Removed spans: reinserting `text` at `offset` (in the cleaned text) in ordinal
-- order gives the decoded text back.
CREATE TABLE removals (
    blob_id     INTEGER NOT NULL REFERENCES blobs(id),
    ordinal     INTEGER NOT NULL,
    offset      INTEGER NOT NULL,
    text        TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    PRIMARY KEY (blob_id, ordinal)
) WITHOUT ROWID;

CREATE TABLE repairs (
    blob_id     INTEGER NOT NULL REFERENCES blobs(id),
    ordinal     INTEGER NOT NULL,
    src_start   INTEGER NOT NULL,
    src_end     INTEGER NOT NULL,
    replacement TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    PRIMARY KEY (blob_id, ordinal)
) WITHOUT ROWID;

CREATE TABLE diagnostics (
    blob_id     INTEGER NOT NULL REFERENCES blobs(id),
    ordinal     INTEGER NOT NULL,
    message     TEXT    NOT NULL,
    PRIMARY KEY (blob_id, ordinal)
) WITHOUT ROWID;

-- Documents found in a blob; `id` is content-derived: 12 hex of the blob's SHA-256,
-- '-', the document's position in the file.
CREATE TABLE documents (
    id          TEXT    PRIMARY KEY,
    blob_id     INTEGER NOT NULL REFERENCES blobs(id),
    ordinal     INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    lang        TEXT    NOT NULL,
    script      TEXT    NOT NULL,
    title       TEXT,
    published   TEXT,
    source      TEXT,
    author      TEXT,
    editor      TEXT,
    dateline    TEXT,
    boilerplate TEXT    NOT NULL,       -- JSON array of strings
    span_start  INTEGER NOT NULL,       -- cleaned-text byte range of the whole document
    span_end    INTEGER NOT NULL,
    removed     INTEGER NOT NULL,       -- code points removed within the span
    n_headlines INTEGER NOT NULL,
    n_body      INTEGER NOT NULL,
    UNIQUE (blob_id, ordinal)
);

-- A rowid table (not WITHOUT ROWID): rows are large, often kilobytes of text.
CREATE TABLE paragraphs (
    id          INTEGER PRIMARY KEY,
    doc_id      TEXT    NOT NULL REFERENCES documents(id),
    kind        TEXT    NOT NULL CHECK (kind IN ('headline', 'body')),
    ordinal     INTEGER NOT NULL,       -- position among the document's paragraphs of this kind
    text        TEXT    NOT NULL,
    lang        TEXT    NOT NULL,
    script      TEXT    NOT NULL,
    src_start   INTEGER NOT NULL,       -- cleaned-text byte range
    src_end     INTEGER NOT NULL,
    pieces      TEXT    NOT NULL,       -- JSON [{at, src: {start, end}}]
    UNIQUE (doc_id, kind, ordinal)
);
