-- v5: what the web's lists page by. Every list is read a page at a time by a key
-- (keyset pagination), so no request reads or sorts the whole archive.
--
-- `events.sort_key` places an event in time: the day number of its full date, else the
-- publication day of its original (the report's own date, when the text states no full
-- date), else 99999999 (undated events last). A trigger fills it when an event is
-- written, so the writers need not know it.
ALTER TABLE events ADD COLUMN sort_key INTEGER NOT NULL DEFAULT 99999999;

CREATE TRIGGER events_sort_key AFTER INSERT ON events
BEGIN
    UPDATE events SET sort_key = COALESCE(
        NEW.day_number,
        (SELECT s.published_day FROM doc_stage s WHERE s.doc_id = NEW.original),
        99999999)
    WHERE id = NEW.id;
END;

UPDATE events SET sort_key = COALESCE(
    day_number,
    (SELECT s.published_day FROM doc_stage s WHERE s.doc_id = events.original),
    99999999);

CREATE INDEX events_by_sort ON events(sort_key, id);
CREATE INDEX events_by_kind_sort ON events(kind, sort_key, id);
-- A formulation's mentions of one document, and the renderings of one formulation.
CREATE INDEX formulation_hits_by_text_doc ON formulation_hits(text, doc_id);

-- Formulations listed most widespread first without counting every occurrence per
-- request: per formulation, its occurrences and the events holding it, kept by
-- triggers as occurrences are written and removed.
CREATE TABLE formulation_event_hits (
    text        TEXT    NOT NULL,
    event_id    TEXT    NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (text, event_id)
) WITHOUT ROWID;
CREATE INDEX formulation_event_hits_by_event ON formulation_event_hits(event_id);

CREATE TABLE formulation_stats (
    text        TEXT    PRIMARY KEY,
    source      TEXT    NOT NULL,
    hits        INTEGER NOT NULL,
    events      INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX formulation_stats_by_reach ON formulation_stats(events DESC, hits DESC, text);

INSERT INTO formulation_event_hits (text, event_id, n)
    SELECT text, event_id, COUNT(*) FROM formulation_hits
    WHERE event_id IS NOT NULL GROUP BY text, event_id;
INSERT INTO formulation_stats (text, source, hits, events)
    SELECT text, MIN(source), COUNT(*), COUNT(DISTINCT event_id) FROM formulation_hits
    GROUP BY text;

CREATE TRIGGER formulation_hits_counted AFTER INSERT ON formulation_hits
BEGIN
    INSERT OR IGNORE INTO formulation_stats (text, source, hits, events)
        VALUES (NEW.text, NEW.source, 0, 0);
    UPDATE formulation_stats SET hits = hits + 1 WHERE text = NEW.text;
    UPDATE formulation_stats SET events = events + 1
        WHERE text = NEW.text AND NEW.event_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM formulation_event_hits f
                          WHERE f.text = NEW.text AND f.event_id = NEW.event_id);
    INSERT OR IGNORE INTO formulation_event_hits (text, event_id, n)
        SELECT NEW.text, NEW.event_id, 0 WHERE NEW.event_id IS NOT NULL;
    UPDATE formulation_event_hits SET n = n + 1
        WHERE text = NEW.text AND event_id = NEW.event_id;
END;

CREATE TRIGGER formulation_hits_uncounted AFTER DELETE ON formulation_hits
BEGIN
    UPDATE formulation_stats SET hits = hits - 1 WHERE text = OLD.text;
    UPDATE formulation_event_hits SET n = n - 1
        WHERE text = OLD.text AND event_id = OLD.event_id;
    UPDATE formulation_stats SET events = events - 1
        WHERE text = OLD.text AND OLD.event_id IS NOT NULL
          AND EXISTS (SELECT 1 FROM formulation_event_hits f
                      WHERE f.text = OLD.text AND f.event_id = OLD.event_id AND f.n <= 0);
    DELETE FROM formulation_event_hits
        WHERE text = OLD.text AND event_id = OLD.event_id AND n <= 0;
    DELETE FROM formulation_stats WHERE text = OLD.text AND hits <= 0;
END;
