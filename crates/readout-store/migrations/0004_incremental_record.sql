-- v4: the derived record made a piece at a time. What one document makes of itself is
-- computed once, when it is stored (`doc_stage`); what the collection makes of many
-- documents is kept as the links between documents (`link_edges`) and the events
-- they form, and is redone only where new documents arrive (`link_queue`). The search
-- index takes documents one by one (`index_queue`).
--
-- The derived tables of v2 are replaced: they were rebuilt whole by every derive.
DROP TABLE doc_links;
DROP TABLE alignments;
DROP TABLE events;
DROP TABLE formulations;
DROP TABLE derived_state;

-- The per-document stage's output (readout-collection's `DocDerived`, JSON in
-- `payload`), with the columns blocking reads: the document's language and event kind,
-- the date parts its text states, its event and publication dates as day numbers, and
-- its text signature (one-permutation MinHash, 128 bins of 32 bits).
CREATE TABLE doc_stage (
    doc_id          TEXT    PRIMARY KEY REFERENCES documents(id),
    version         INTEGER NOT NULL,
    reports_event   INTEGER NOT NULL,
    lang            TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    stated_year     INTEGER,
    stated_month    INTEGER,
    stated_day      INTEGER,
    event_day       INTEGER,
    published_day   INTEGER,
    signature       BLOB,
    payload         TEXT    NOT NULL
);
CREATE INDEX doc_stage_by_event_day ON doc_stage(event_day) WHERE event_day IS NOT NULL;
CREATE INDEX doc_stage_by_published_day ON doc_stage(published_day)
    WHERE published_day IS NOT NULL;
CREATE INDEX doc_stage_undated ON doc_stage(stated_day)
    WHERE event_day IS NULL AND published_day IS NULL;
CREATE INDEX doc_stage_by_stated_day ON doc_stage(stated_day, stated_month)
    WHERE event_day IS NOT NULL;

-- Links between documents: `copy` (a < b, copies or excerpts of one text) and
-- `translation` (a translates b).
CREATE TABLE link_edges (
    a       TEXT    NOT NULL REFERENCES documents(id),
    b       TEXT    NOT NULL REFERENCES documents(id),
    kind    TEXT    NOT NULL CHECK (kind IN ('copy', 'translation')),
    score   REAL    NOT NULL,
    support REAL    NOT NULL,
    PRIMARY KEY (a, b, kind)
) WITHOUT ROWID;
CREATE INDEX link_edges_by_b ON link_edges(b);

-- Documents whose links are still to be decided, and documents still to be indexed.
CREATE TABLE link_queue (doc_id TEXT PRIMARY KEY REFERENCES documents(id)) WITHOUT ROWID;
CREATE TABLE index_queue (doc_id TEXT PRIMARY KEY REFERENCES documents(id)) WITHOUT ROWID;

-- One row per event (readout-collection's `Event`, JSON in `payload`), with the columns
-- lists page and filter by: kind, the full date when known (`day_number`, for order and
-- ranges) and the parts the text states, the original and its title.
CREATE TABLE events (
    id          TEXT    PRIMARY KEY,
    kind        TEXT    NOT NULL,
    year        INTEGER,
    month       INTEGER,
    day         INTEGER,
    relative    TEXT,
    day_number  INTEGER,
    original    TEXT    NOT NULL REFERENCES documents(id),
    title       TEXT,
    versions    INTEGER NOT NULL,
    payload     TEXT    NOT NULL
);
CREATE INDEX events_by_day ON events(day_number, id);
CREATE INDEX events_by_kind ON events(kind, day_number, id);

-- How each document of an event stands in it.
CREATE TABLE doc_links (
    doc_id          TEXT    PRIMARY KEY REFERENCES documents(id),
    event_id        TEXT    NOT NULL REFERENCES events(id),
    role            TEXT    NOT NULL CHECK (role IN ('original', 'copy', 'translation')),
    translation_of  TEXT    REFERENCES documents(id),
    coverage        REAL
);
CREATE INDEX doc_links_by_event ON doc_links(event_id);

-- A translation aligned with its original (readout-collection's `PairAlignment`).
CREATE TABLE alignments (
    translation TEXT    PRIMARY KEY REFERENCES documents(id),
    original    TEXT    NOT NULL REFERENCES documents(id),
    event_id    TEXT    NOT NULL REFERENCES events(id),
    coverage    REAL    NOT NULL,
    payload     TEXT    NOT NULL
);
CREATE INDEX alignments_by_original ON alignments(original);
CREATE INDEX alignments_by_event ON alignments(event_id);

-- Every occurrence of a formulation, with its document and event.
CREATE TABLE formulation_hits (
    text        TEXT    NOT NULL,
    source      TEXT    NOT NULL,
    doc_id      TEXT    NOT NULL REFERENCES documents(id),
    event_id    TEXT,
    spelling    TEXT    NOT NULL,
    headline    INTEGER NOT NULL,
    para        INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL
);
CREATE INDEX formulation_hits_by_text ON formulation_hits(text, event_id);
CREATE INDEX formulation_hits_by_doc ON formulation_hits(doc_id);
CREATE INDEX formulation_hits_by_event ON formulation_hits(event_id);

-- English renderings of formulations read off aligned pairs.
CREATE TABLE renderings (
    formulation TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    translation TEXT    NOT NULL REFERENCES documents(id),
    event_id    TEXT    NOT NULL REFERENCES events(id),
    source      TEXT    NOT NULL
);
CREATE INDEX renderings_by_formulation ON renderings(formulation);
CREATE INDEX renderings_by_event ON renderings(event_id);

-- Every document stored before this version is still to be staged, linked and indexed.
INSERT INTO link_queue (doc_id) SELECT id FROM documents;
INSERT INTO index_queue (doc_id) SELECT id FROM documents;
