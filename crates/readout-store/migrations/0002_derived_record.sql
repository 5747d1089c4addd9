-- v2: the record derived from the whole collection (readout-collection): which event
-- each document reports and in what role, the events, the translations aligned with
-- their originals, and the formulations' histories.
--
-- These tables are a function of the documents: every derive replaces all of them in
-- one transaction, and `derived_state` records which documents they were made from,
-- so a derive interrupted (or never run) is noticed and run again.

-- How each document stands in the collection. Fragments have no event.
CREATE TABLE doc_links (
    doc_id          TEXT    PRIMARY KEY REFERENCES documents(id),
    event_id        TEXT,
    role            TEXT    CHECK (role IN ('original', 'copy', 'translation')),
    translation_of  TEXT    REFERENCES documents(id),
    coverage        REAL
);
CREATE INDEX doc_links_by_event ON doc_links(event_id);

-- One row per event; `record` is the whole event as readout-collection gives it (JSON,
-- spans in characters of its documents' paragraphs). Date parts are the text's own:
-- null where the text does not state them.
CREATE TABLE events (
    id          TEXT    PRIMARY KEY,
    ordinal     INTEGER NOT NULL UNIQUE,    -- position in the derive's output
    kind        TEXT    NOT NULL,
    year        INTEGER,
    month       INTEGER,
    day         INTEGER,
    relative    TEXT,
    original    TEXT    NOT NULL REFERENCES documents(id),
    record      TEXT    NOT NULL
);

-- A translation aligned with its original, sentence by sentence (JSON `alignment`).
CREATE TABLE alignments (
    translation TEXT    PRIMARY KEY REFERENCES documents(id),
    original    TEXT    NOT NULL REFERENCES documents(id),
    coverage    REAL    NOT NULL,
    alignment   TEXT    NOT NULL
);
CREATE INDEX alignments_by_original ON alignments(original);

-- Formulations (in mainland simplified script) and their histories over events.
CREATE TABLE formulations (
    text        TEXT    PRIMARY KEY,
    ordinal     INTEGER NOT NULL UNIQUE,    -- most widespread first, as derived
    history     TEXT    NOT NULL
);

-- What the derived tables were made from: `input` is a digest of the sorted ids of
-- the documents the derive read (ids are content-derived, so equal digests mean
-- equal input).
CREATE TABLE derived_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    input       TEXT    NOT NULL,
    documents   INTEGER NOT NULL,
    derived_at  TEXT    NOT NULL
);
