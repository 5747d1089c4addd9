//! The derived record, kept a piece at a time.
//!
//! - What one document makes of itself (`doc_stage`) is stored with it, once.
//! - The links between documents (`link_edges`) and the events they form (`events`,
//!   `doc_links`, `alignments`, `formulation_hits`, `renderings`) are replaced only
//!   where documents were added, in three steps that each leave a consistent store:
//!   [`Store::replace_edges`], [`Store::clear_events`] (which queues the members of the
//!   cleared events again) and [`Store::write_components`] (which takes them off the
//!   queue with their new events). A killed derive leaves the queue to be worked off by
//!   the next, which ends where an uninterrupted one would.
//! - `index_queue` lists the documents the search index has yet to take.
//!
//! The store keeps records as data: the collection's types travel as JSON payloads
//! beside the typed columns that lists sort and filter by; nothing here knows those
//! types.

use crate::codes::{int, uint};
use crate::error::Result;
use crate::records::{
    AlignmentRow, ComponentRows, DerivedStatus, EdgeRecord, EventFilter, EventRow,
    FormulationSummary, HitRecord, LinkRecord, RenderingRecord, StageKeys, StageRecord,
};
use crate::Store;
use readout_lang::PartialDate;
use rusqlite::{params_from_iter, OptionalExtension, Row, Transaction, TransactionBehavior};

/// A count limit as SQLite's integer (`usize::MAX` meaning no limit).
fn cap(limit: usize) -> i64 {
    i64::try_from(limit).unwrap_or(i64::MAX)
}

/// Rounds a share to three decimals, as it is shown (f32 → f64 without noise digits).
pub fn share(x: f32) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}

/// Collects the rows of `sql` (with `params`) through `f`.
fn collect<T, P: rusqlite::Params>(
    conn: &rusqlite::Connection,
    sql: &str,
    params: P,
    f: impl Fn(&Row) -> Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(f(r)?);
    }
    Ok(out)
}

/// Runs `sql` once per chunk of `ids`, with the chunk in place of the `(?)` list
/// written as `IN_LIST` (SQLite limits the number of parameters).
fn per_chunk<T>(
    conn: &rusqlite::Connection,
    sql: &str,
    ids: &[String],
    f: impl Fn(&Row) -> Result<T> + Copy,
) -> Result<Vec<T>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        let list = vec!["?"; chunk.len()].join(",");
        let q = sql.replace("IN_LIST", &format!("({list})"));
        out.extend(collect(conn, &q, params_from_iter(chunk.iter()), f)?);
    }
    Ok(out)
}

/// `execute` once per chunk of `ids` (see [`per_chunk`]).
fn exec_chunks(tx: &Transaction, sql: &str, ids: &[String]) -> Result<()> {
    for chunk in ids.chunks(500) {
        let list = vec!["?"; chunk.len()].join(",");
        let q = sql.replace("IN_LIST", &format!("({list})"));
        tx.execute(&q, params_from_iter(chunk.iter()))?;
    }
    Ok(())
}

const STAGE_KEYS: &str = "SELECT s.doc_id, s.lang, s.kind, s.stated_year, s.stated_month,
    s.stated_day, s.event_day, s.published_day, s.signature FROM doc_stage s";

fn stage_keys_row(r: &Row) -> Result<StageKeys> {
    Ok(StageKeys {
        doc_id: r.get(0)?,
        lang: r.get(1)?,
        kind: r.get(2)?,
        stated: PartialDate {
            year: r.get(3)?,
            month: r.get(4)?,
            day: r.get(5)?,
        },
        event_day: r.get(6)?,
        published_day: r.get(7)?,
        signature: r.get(8)?,
    })
}

const EVENT_SELECT: &str = "SELECT id, kind, year, month, day, relative, day_number, original,
    title, versions, payload FROM events";

fn event_row(r: &Row) -> Result<EventRow> {
    Ok(EventRow {
        id: r.get(0)?,
        kind: r.get(1)?,
        date: PartialDate {
            year: r.get(2)?,
            month: r.get(3)?,
            day: r.get(4)?,
        },
        relative: r.get(5)?,
        day_number: r.get(6)?,
        original: r.get(7)?,
        title: r.get(8)?,
        versions: uint(r.get(9)?)?,
        payload: r.get(10)?,
    })
}

fn edge_row(r: &Row) -> Result<EdgeRecord> {
    Ok(EdgeRecord {
        a: r.get(0)?,
        b: r.get(1)?,
        kind: r.get(2)?,
        score: r.get(3)?,
        support: r.get(4)?,
    })
}

fn hit_row(r: &Row) -> Result<HitRecord> {
    Ok(HitRecord {
        text: r.get(0)?,
        source: r.get(1)?,
        doc_id: r.get(2)?,
        event_id: r.get(3)?,
        spelling: r.get(4)?,
        headline: r.get(5)?,
        para: uint(r.get(6)?)?,
        start: uint(r.get(7)?)?,
        end: uint(r.get(8)?)?,
    })
}

fn alignment_row(r: &Row) -> Result<AlignmentRow> {
    Ok(AlignmentRow {
        translation: r.get(0)?,
        original: r.get(1)?,
        event_id: r.get(2)?,
        coverage: r.get(3)?,
        payload: r.get(4)?,
    })
}

const ALIGNMENT_SELECT: &str =
    "SELECT translation, original, event_id, coverage, payload FROM alignments";

const HIT_SELECT: &str = "SELECT text, source, doc_id, event_id, spelling, headline, para,
    start, end FROM formulation_hits";

impl Store {
    // ---- the per-document stage -------------------------------------------------

    /// Stores per-document stage results (replacing older ones) and queues the
    /// documents for linking: used when documents are staged again (`readout derive`,
    /// a new stage version).
    pub fn put_stage(&mut self, rows: &[StageRecord]) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        for r in rows {
            insert_stage(&tx, r)?;
            tx.execute(
                "INSERT OR IGNORE INTO link_queue (doc_id) VALUES (?1)",
                [&r.keys.doc_id],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Ids of documents whose stage is missing or older than `version`, at most `limit`.
    pub fn unstaged_docs(&self, version: u32, limit: usize) -> Result<Vec<String>> {
        collect(
            &self.conn,
            "SELECT d.id FROM documents d LEFT JOIN doc_stage s ON s.doc_id = d.id
             WHERE s.doc_id IS NULL OR s.version < ?1 ORDER BY d.id LIMIT ?2",
            (i64::from(version), cap(limit)),
            |r| Ok(r.get(0)?),
        )
    }

    /// The stage payloads (JSON) of documents `ids`, as (id, payload).
    pub fn stage_payloads(&self, ids: &[String]) -> Result<Vec<(String, String)>> {
        per_chunk(
            &self.conn,
            "SELECT doc_id, payload FROM doc_stage WHERE doc_id IN IN_LIST",
            ids,
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    /// The blocking keys of documents `ids` that report an event.
    pub fn stage_keys_of(&self, ids: &[String]) -> Result<Vec<StageKeys>> {
        per_chunk(
            &self.conn,
            &format!("{STAGE_KEYS} WHERE s.reports_event = 1 AND s.doc_id IN IN_LIST"),
            ids,
            stage_keys_row,
        )
    }

    /// The blocking keys of every document that reports an event and is dated within
    /// `lo..=hi` (event or publication day).
    pub fn stage_keys_between(&self, lo: i64, hi: i64) -> Result<Vec<StageKeys>> {
        let mut out = collect(
            &self.conn,
            &format!("{STAGE_KEYS} WHERE s.reports_event = 1 AND s.event_day BETWEEN ?1 AND ?2"),
            (lo, hi),
            stage_keys_row,
        )?;
        out.extend(collect(
            &self.conn,
            &format!(
                "{STAGE_KEYS} WHERE s.reports_event = 1 AND s.published_day BETWEEN ?1 AND ?2
                 AND (s.event_day IS NULL OR s.event_day NOT BETWEEN ?1 AND ?2)"
            ),
            (lo, hi),
            stage_keys_row,
        )?);
        Ok(out)
    }

    /// The blocking keys of the documents that report an event with a full date falling
    /// on day `day` (of month `month`, when given): the candidates of an undated
    /// document that states that much.
    pub fn stage_keys_on_day(&self, month: Option<u32>, day: u32) -> Result<Vec<StageKeys>> {
        match month {
            Some(m) => collect(
                &self.conn,
                &format!(
                    "{STAGE_KEYS} WHERE s.reports_event = 1 AND s.event_day IS NOT NULL
                     AND s.stated_day = ?1 AND s.stated_month = ?2"
                ),
                (day, m),
                stage_keys_row,
            ),
            None => collect(
                &self.conn,
                &format!(
                    "{STAGE_KEYS} WHERE s.reports_event = 1 AND s.event_day IS NOT NULL
                     AND s.stated_day = ?1"
                ),
                [day],
                stage_keys_row,
            ),
        }
    }

    /// The blocking keys of every undated document that reports an event.
    pub fn stage_keys_undated(&self) -> Result<Vec<StageKeys>> {
        collect(
            &self.conn,
            &format!(
                "{STAGE_KEYS} WHERE s.reports_event = 1 AND s.event_day IS NULL
                 AND s.published_day IS NULL"
            ),
            [],
            stage_keys_row,
        )
    }

    /// The blocking keys of the documents that report an event and stand in the files
    /// whose SHA-256 starts with one of `prefixes` (12 hex digits: a document id's
    /// file part).
    pub fn stage_keys_of_files(&self, prefixes: &[String]) -> Result<Vec<StageKeys>> {
        let mut out = Vec::new();
        for p in prefixes {
            out.extend(collect(
                &self.conn,
                &format!(
                    "{STAGE_KEYS} WHERE s.reports_event = 1
                     AND s.doc_id >= ?1 AND s.doc_id < ?2"
                ),
                // Ids `<file>-<n>`: the range from `<file>-` to `<file>.` ('.' follows '-').
                [format!("{p}-"), format!("{p}.")],
                stage_keys_row,
            )?);
        }
        Ok(out)
    }

    /// The blocking keys of every document that reports an event.
    pub fn stage_keys_all(&self) -> Result<Vec<StageKeys>> {
        collect(
            &self.conn,
            &format!("{STAGE_KEYS} WHERE s.reports_event = 1"),
            [],
            stage_keys_row,
        )
    }

    // ---- queues -------------------------------------------------------------------

    /// Up to `limit` documents whose links are still to be decided, in id order.
    pub fn link_queue(&self, limit: usize) -> Result<Vec<String>> {
        collect(
            &self.conn,
            "SELECT doc_id FROM link_queue ORDER BY doc_id LIMIT ?1",
            [cap(limit)],
            |r| Ok(r.get(0)?),
        )
    }

    /// Up to `limit` documents the search index has yet to take, in id order.
    pub fn index_queue(&self, limit: usize) -> Result<Vec<String>> {
        collect(
            &self.conn,
            "SELECT doc_id FROM index_queue ORDER BY doc_id LIMIT ?1",
            [cap(limit)],
            |r| Ok(r.get(0)?),
        )
    }

    /// Takes documents off the index queue (after the index committed them).
    pub fn dequeue_indexed(&mut self, ids: &[String]) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        exec_chunks(&tx, "DELETE FROM index_queue WHERE doc_id IN IN_LIST", ids)?;
        tx.commit()?;
        Ok(())
    }

    /// Queues every document for the search index (when the index is built anew).
    pub fn queue_all_for_index(&mut self) -> Result<()> {
        self.conn.execute(
            "INSERT OR IGNORE INTO index_queue (doc_id) SELECT id FROM documents",
            [],
        )?;
        Ok(())
    }

    /// Forgets every derived row and queues every document to be staged, linked and
    /// indexed again (`readout derive`).
    pub fn reset_derived(&mut self) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(
            "DELETE FROM renderings; DELETE FROM formulation_hits; DELETE FROM alignments;
             DELETE FROM doc_links; DELETE FROM events; DELETE FROM link_edges;
             DELETE FROM doc_stage;
             INSERT OR IGNORE INTO link_queue (doc_id) SELECT id FROM documents;
             INSERT OR IGNORE INTO index_queue (doc_id) SELECT id FROM documents;",
        )?;
        tx.commit()?;
        Ok(())
    }

    /// How far the derived record and the index are behind the documents.
    pub fn derived_status(&self, version: u32) -> Result<DerivedStatus> {
        let count = |sql: &str| -> Result<usize> {
            let n: i64 = self.conn.query_row(sql, [], |r| r.get(0))?;
            uint(n)
        };
        let unstaged: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM documents d LEFT JOIN doc_stage s ON s.doc_id = d.id
             WHERE s.doc_id IS NULL OR s.version < ?1",
            [i64::from(version)],
            |r| r.get(0),
        )?;
        Ok(DerivedStatus {
            documents: count("SELECT COUNT(*) FROM documents")?,
            unstaged: uint(unstaged)?,
            to_link: count("SELECT COUNT(*) FROM link_queue")?,
            to_index: count("SELECT COUNT(*) FROM index_queue")?,
        })
    }

    // ---- links and events -----------------------------------------------------------

    /// Every edge that touches one of `ids`.
    pub fn edges_touching(&self, ids: &[String]) -> Result<Vec<EdgeRecord>> {
        let mut out = per_chunk(
            &self.conn,
            "SELECT a, b, kind, score, support FROM link_edges WHERE a IN IN_LIST",
            ids,
            edge_row,
        )?;
        out.extend(per_chunk(
            &self.conn,
            "SELECT a, b, kind, score, support FROM link_edges WHERE b IN IN_LIST",
            ids,
            edge_row,
        )?);
        out.sort_by(|x, y| (&x.a, &x.b, &x.kind).cmp(&(&y.a, &y.b, &y.kind)));
        out.dedup();
        Ok(out)
    }

    /// The events documents `ids` belong to, as (document, event).
    pub fn events_of_docs(&self, ids: &[String]) -> Result<Vec<(String, String)>> {
        per_chunk(
            &self.conn,
            "SELECT doc_id, event_id FROM doc_links WHERE doc_id IN IN_LIST",
            ids,
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    /// Every (document, event) membership, event by event: what corpus-wide passes over
    /// the events (formulation discovery) read.
    pub fn event_memberships(&self) -> Result<Vec<(String, String)>> {
        collect(
            &self.conn,
            "SELECT doc_id, event_id FROM doc_links ORDER BY event_id, doc_id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    /// The documents of events `ids`.
    pub fn docs_of_events(&self, ids: &[String]) -> Result<Vec<String>> {
        per_chunk(
            &self.conn,
            "SELECT doc_id FROM doc_links WHERE event_id IN IN_LIST",
            ids,
            |r| Ok(r.get(0)?),
        )
    }

    /// Replaces the edges of the documents decided again (all copy edges touching
    /// `copies`, the translation edges of `translations`) with `edges`, in one
    /// transaction.
    pub fn replace_edges(
        &mut self,
        copies: &[String],
        translations: &[String],
        edges: &[EdgeRecord],
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        exec_chunks(
            &tx,
            "DELETE FROM link_edges WHERE kind = 'copy' AND a IN IN_LIST",
            copies,
        )?;
        exec_chunks(
            &tx,
            "DELETE FROM link_edges WHERE kind = 'copy' AND b IN IN_LIST",
            copies,
        )?;
        exec_chunks(
            &tx,
            "DELETE FROM link_edges WHERE kind = 'translation' AND a IN IN_LIST",
            translations,
        )?;
        {
            let mut stmt = tx.prepare(
                "INSERT OR REPLACE INTO link_edges (a, b, kind, score, support)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for e in edges {
                stmt.execute((&e.a, &e.b, &e.kind, e.score, e.support))?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Removes events `events` with everything written for them, and the formulation
    /// occurrences of documents `members`, and queues `members` for linking: until
    /// their components are written again, the queue says they are owed (so a derive
    /// killed halfway is finished by the next).
    pub fn clear_events(&mut self, events: &[String], members: &[String]) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        for table in ["renderings", "formulation_hits", "alignments", "doc_links"] {
            exec_chunks(
                &tx,
                &format!("DELETE FROM {table} WHERE event_id IN IN_LIST"),
                events,
            )?;
        }
        exec_chunks(&tx, "DELETE FROM events WHERE id IN IN_LIST", events)?;
        exec_chunks(
            &tx,
            "DELETE FROM formulation_hits WHERE doc_id IN IN_LIST",
            members,
        )?;
        {
            let mut stmt = tx.prepare("INSERT OR IGNORE INTO link_queue (doc_id) VALUES (?1)")?;
            for m in members {
                stmt.execute([m])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Writes events with their rows, and the occurrences of documents that report no
    /// event, and takes `done` off the link queue, in one transaction.
    pub fn write_components(
        &mut self,
        components: &[ComponentRows],
        eventless_hits: &[HitRecord],
        done: &[String],
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        for c in components {
            insert_component(&tx, c)?;
        }
        insert_hits(&tx, eventless_hits)?;
        exec_chunks(&tx, "DELETE FROM link_queue WHERE doc_id IN IN_LIST", done)?;
        tx.commit()?;
        Ok(())
    }

    /// Events that `filter` selects, in date order (undated last), then by id.
    pub fn list_events(&self, filter: &EventFilter) -> Result<Vec<EventRow>> {
        let (clause, params) = event_where(filter);
        let limit = filter
            .limit
            .map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
        let offset = i64::try_from(filter.offset).unwrap_or(i64::MAX);
        let sql = format!(
            "{EVENT_SELECT} {clause} ORDER BY day_number IS NULL, day_number, id
             LIMIT {limit} OFFSET {offset}"
        );
        collect(&self.conn, &sql, params_from_iter(params.iter()), event_row)
    }

    /// How many events `filter` selects (ignoring its limit and offset).
    pub fn count_events(&self, filter: &EventFilter) -> Result<usize> {
        let (clause, params) = event_where(filter);
        let n: i64 = self.conn.query_row(
            &format!("SELECT COUNT(*) FROM events {clause}"),
            params_from_iter(params.iter()),
            |r| r.get(0),
        )?;
        uint(n)
    }

    /// One event by its id.
    pub fn get_event(&self, id: &str) -> Result<Option<EventRow>> {
        self.conn
            .prepare_cached(&format!("{EVENT_SELECT} WHERE id = ?1"))?
            .query_row([id], |r| Ok(event_row(r)))
            .optional()?
            .transpose()
    }

    /// Ids of the events whose id starts with `prefix` (at most `limit`).
    pub fn event_ids_with_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<String>> {
        collect(
            &self.conn,
            "SELECT id FROM events WHERE id >= ?1 AND substr(id, 1, length(?1)) = ?1
             ORDER BY id LIMIT ?2",
            (prefix, cap(limit)),
            |r| Ok(r.get::<_, String>(0)?),
        )
    }

    /// The documents of one event with their roles, the original first.
    pub fn event_links(&self, event: &str) -> Result<Vec<(String, LinkRecord)>> {
        collect(
            &self.conn,
            "SELECT doc_id, event_id, role, translation_of, coverage FROM doc_links
             WHERE event_id = ?1 ORDER BY role != 'original', doc_id",
            [event],
            |r| Ok((r.get(0)?, link_record(r)?)),
        )
    }

    /// How every document stands in the collection, by document id.
    pub fn doc_links(&self) -> Result<Vec<(String, LinkRecord)>> {
        collect(
            &self.conn,
            "SELECT doc_id, event_id, role, translation_of, coverage FROM doc_links
             ORDER BY doc_id",
            [],
            |r| Ok((r.get(0)?, link_record(r)?)),
        )
    }

    /// How documents `ids` stand in the collection.
    pub fn links_of(&self, ids: &[String]) -> Result<Vec<(String, LinkRecord)>> {
        per_chunk(
            &self.conn,
            "SELECT doc_id, event_id, role, translation_of, coverage FROM doc_links
             WHERE doc_id IN IN_LIST",
            ids,
            |r| Ok((r.get(0)?, link_record(r)?)),
        )
    }

    /// Every alignment, ordered by original, then translation.
    pub fn list_alignments(&self) -> Result<Vec<AlignmentRow>> {
        collect(
            &self.conn,
            &format!("{ALIGNMENT_SELECT} ORDER BY original, translation"),
            [],
            alignment_row,
        )
    }

    /// The alignments `id` takes part in: `id` names an event (every translation of it)
    /// or a document (as original or as translation).
    pub fn alignments_for(&self, id: &str) -> Result<Vec<AlignmentRow>> {
        collect(
            &self.conn,
            &format!(
                "{ALIGNMENT_SELECT} WHERE original = ?1 OR translation = ?1 OR event_id = ?1
                 ORDER BY original, translation"
            ),
            [id],
            alignment_row,
        )
    }

    /// The kinds of the stored events, sorted (for telling a user what `--kind` takes).
    pub fn event_kinds(&self) -> Result<Vec<String>> {
        collect(
            &self.conn,
            "SELECT DISTINCT kind FROM events ORDER BY kind",
            [],
            |r| Ok(r.get::<_, String>(0)?),
        )
    }

    // ---- formulations -----------------------------------------------------------------

    /// Every formulation with its counts and first and last dated events, the most
    /// widespread first.
    pub fn formulation_summaries(&self) -> Result<Vec<FormulationSummary>> {
        collect(
            &self.conn,
            "SELECT h.text, MIN(h.source), COUNT(*), COUNT(DISTINCT h.doc_id),
                    COUNT(DISTINCT h.event_id), MIN(e.day_number), MAX(e.day_number)
             FROM formulation_hits h LEFT JOIN events e ON e.id = h.event_id
             GROUP BY h.text
             ORDER BY COUNT(DISTINCT h.event_id) DESC, COUNT(*) DESC, h.text",
            [],
            |r| {
                Ok(FormulationSummary {
                    text: r.get(0)?,
                    source: r.get(1)?,
                    count: uint(r.get(2)?)?,
                    docs: uint(r.get(3)?)?,
                    events: uint(r.get(4)?)?,
                    first_day: r.get(5)?,
                    last_day: r.get(6)?,
                })
            },
        )
    }

    /// Every occurrence of formulation `text` (mainland simplified).
    pub fn formulation_hits(&self, text: &str) -> Result<Vec<HitRecord>> {
        collect(
            &self.conn,
            &format!("{HIT_SELECT} WHERE text = ?1 ORDER BY doc_id, headline DESC, para, start"),
            [text],
            hit_row,
        )
    }

    /// The renderings read of formulation `text`.
    pub fn renderings_of(&self, text: &str) -> Result<Vec<RenderingRecord>> {
        collect(
            &self.conn,
            "SELECT formulation, text, translation, event_id, source FROM renderings
             WHERE formulation = ?1 ORDER BY translation, source",
            [text],
            |r| {
                Ok(RenderingRecord {
                    formulation: r.get(0)?,
                    text: r.get(1)?,
                    translation: r.get(2)?,
                    event_id: r.get(3)?,
                    source: r.get(4)?,
                })
            },
        )
    }

    /// The full dates (day numbers) of events `ids` that have one.
    pub fn event_days(&self, ids: &[String]) -> Result<Vec<(String, i64)>> {
        per_chunk(
            &self.conn,
            "SELECT id, day_number FROM events WHERE day_number IS NOT NULL AND id IN IN_LIST",
            ids,
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }
}

fn link_record(r: &Row) -> Result<LinkRecord> {
    Ok(LinkRecord {
        event: r.get(1)?,
        role: r.get(2)?,
        translation_of: r.get(3)?,
        coverage: r.get(4)?,
    })
}

/// The WHERE clause and parameters of an event filter.
fn event_where(f: &EventFilter) -> (String, Vec<rusqlite::types::Value>) {
    use rusqlite::types::Value;
    let mut clauses = Vec::new();
    let mut params: Vec<Value> = Vec::new();
    if let Some(k) = &f.kind {
        params.push(Value::Text(k.clone()));
        clauses.push(format!("kind = ?{}", params.len()));
    }
    if let Some(lo) = f.from_day {
        params.push(Value::Integer(lo));
        clauses.push(format!("day_number >= ?{}", params.len()));
    }
    if let Some(hi) = f.to_day {
        params.push(Value::Integer(hi));
        clauses.push(format!("day_number <= ?{}", params.len()));
    }
    let clause = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    (clause, params)
}

pub(crate) fn insert_stage(tx: &Transaction, r: &StageRecord) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR REPLACE INTO doc_stage (doc_id, version, reports_event, lang, kind,
             stated_year, stated_month, stated_day, event_day, published_day, signature,
             payload)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(rusqlite::params![
        r.keys.doc_id,
        i64::from(r.version),
        r.reports_event,
        r.keys.lang,
        r.keys.kind,
        r.keys.stated.year,
        r.keys.stated.month,
        r.keys.stated.day,
        r.keys.event_day,
        r.keys.published_day,
        r.keys.signature,
        r.payload,
    ])?;
    Ok(())
}

fn insert_component(tx: &Transaction, c: &ComponentRows) -> Result<()> {
    let e = &c.event;
    tx.execute(
        "INSERT OR REPLACE INTO events (id, kind, year, month, day, relative, day_number,
             original, title, versions, payload)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        rusqlite::params![
            e.id,
            e.kind,
            e.date.year,
            e.date.month,
            e.date.day,
            e.relative,
            e.day_number,
            e.original,
            e.title,
            int(e.versions)?,
            e.payload,
        ],
    )?;
    {
        let mut stmt = tx.prepare_cached(
            "INSERT OR REPLACE INTO doc_links (doc_id, event_id, role, translation_of, coverage)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (doc, l) in &c.links {
            stmt.execute((doc, &e.id, &l.role, &l.translation_of, l.coverage))?;
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT OR REPLACE INTO alignments (translation, original, event_id, coverage, payload)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for a in &c.alignments {
            stmt.execute((&a.translation, &a.original, &e.id, a.coverage, &a.payload))?;
        }
    }
    insert_hits(tx, &c.hits)?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO renderings (formulation, text, translation, event_id, source)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for r in &c.renderings {
        stmt.execute((&r.formulation, &r.text, &r.translation, &e.id, &r.source))?;
    }
    Ok(())
}

fn insert_hits(tx: &Transaction, hits: &[HitRecord]) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO formulation_hits (text, source, doc_id, event_id, spelling, headline,
             para, start, end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for h in hits {
        stmt.execute(rusqlite::params![
            h.text,
            h.source,
            h.doc_id,
            h.event_id,
            h.spelling,
            h.headline,
            int(h.para)?,
            int(h.start)?,
            int(h.end)?,
        ])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_lose_float_noise() {
        assert_eq!(share(0.797_f32), 0.797);
        assert_eq!(share(1.0_f32), 1.0);
    }
}
