//! Lists read a page at a time, for the web and the API: every query here takes a
//! cursor (the key of the last row of the previous page) and a limit, and reads only
//! what one page shows, through an index (migration 5, `0005_pages.sql`). Nothing here
//! loads or sorts the whole archive.
//!
//! Orders:
//! - events by `sort_key` (the day number of the full date, else the publication day of
//!   the original, undated last: [`UNDATED`]), then id;
//! - documents in ingest order (file, then position in the file);
//! - formulations most widespread first (events, then occurrences, then text);
//! - a formulation's mentions by the date of their event or document, then document,
//!   then position.

use crate::codes::{parse, uint};
use crate::error::Result;
use crate::records::{EventRow, HitRecord, LinkRecord, ParagraphRecord};
use crate::Store;
use readout_text::{DocKind, Lang, Script};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

/// The sort key of an event or mention with no date at all.
pub const UNDATED: i64 = 99_999_999;

/// A page of a list: its rows, how many rows the whole list has, and the cursors of
/// the pages after and before it (`None` at either end).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageOf<T> {
    pub items: Vec<T>,
    pub total: usize,
    pub next: Option<String>,
    pub prev: Option<String>,
}

/// A document without its paragraphs: what a row of a list shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocSummary {
    pub id: String,
    /// The first path its file was ingested from.
    pub file: String,
    pub sha256: String,
    pub ordinal: usize,
    pub kind: DocKind,
    pub lang: Lang,
    pub script: Script,
    pub title: Option<String>,
    pub published: Option<String>,
    pub published_from: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub editor: Option<String>,
    pub dateline: Option<String>,
    pub url: Option<String>,
    pub page: Option<String>,
    pub removed: usize,
    pub headlines: usize,
    pub paragraphs: usize,
    /// The publication date as a day number, when the reader found one.
    pub published_day: Option<i64>,
    pub link: LinkRecord,
    /// Position in ingest order (the blob's row id), for cursors.
    #[serde(skip)]
    pub blob: i64,
}

const DOC_SUMMARY: &str = "
    SELECT d.id,
           (SELECT p.path FROM paths p WHERE p.blob_id = d.blob_id ORDER BY p.id LIMIT 1),
           b.sha256, d.ordinal, d.kind, d.lang, d.script, d.title, d.published,
           d.published_from, d.source, d.author, d.editor, d.dateline, d.url, d.page,
           d.removed, d.n_headlines, d.n_body, s.published_day,
           l.event_id, l.role, l.translation_of, l.coverage, d.blob_id
    FROM documents d JOIN blobs b ON b.id = d.blob_id
    LEFT JOIN doc_links l ON l.doc_id = d.id
    LEFT JOIN doc_stage s ON s.doc_id = d.id";

fn doc_summary(r: &Row) -> Result<DocSummary> {
    Ok(DocSummary {
        id: r.get(0)?,
        file: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
        sha256: r.get(2)?,
        ordinal: uint(r.get(3)?)?,
        kind: parse(&r.get::<_, String>(4)?)?,
        lang: parse(&r.get::<_, String>(5)?)?,
        script: parse(&r.get::<_, String>(6)?)?,
        title: r.get(7)?,
        published: r.get(8)?,
        published_from: r.get(9)?,
        source: r.get(10)?,
        author: r.get(11)?,
        editor: r.get(12)?,
        dateline: r.get(13)?,
        url: r.get(14)?,
        page: r.get(15)?,
        removed: uint(r.get(16)?)?,
        headlines: uint(r.get(17)?)?,
        paragraphs: uint(r.get(18)?)?,
        published_day: r.get(19)?,
        link: LinkRecord {
            event: r.get(20)?,
            role: r.get(21)?,
            translation_of: r.get(22)?,
            coverage: r.get(23)?,
        },
        blob: r.get(24)?,
    })
}

/// Where a page of documents starts: after this file and position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocCursor {
    pub blob: i64,
    pub ordinal: i64,
}

impl DocCursor {
    pub fn encode(&self) -> String {
        format!("{}.{}", self.blob, self.ordinal)
    }

    pub fn decode(s: &str) -> Option<DocCursor> {
        let (a, b) = s.split_once('.')?;
        Some(DocCursor {
            blob: a.parse().ok()?,
            ordinal: b.parse().ok()?,
        })
    }
}

/// Which documents a list wants, and which page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocListQuery {
    pub lang: Option<String>,
    pub kind: Option<String>,
    /// Rows after this cursor (forward), or before it when `backward`.
    pub after: Option<DocCursor>,
    pub backward: bool,
    pub limit: usize,
}

/// Where a page of events starts: after this sort key and id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventCursor {
    pub key: i64,
    pub id: String,
}

impl EventCursor {
    pub fn encode(&self) -> String {
        format!("{}.{}", self.key, self.id)
    }

    pub fn decode(s: &str) -> Option<EventCursor> {
        let (a, b) = s.split_once('.')?;
        let ok = !b.is_empty()
            && b.len() <= 200
            && b.bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_');
        ok.then(|| {
            Some(EventCursor {
                key: a.parse().ok()?,
                id: b.to_string(),
            })
        })
        .flatten()
    }
}

/// Which events a list wants, and which page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventListQuery {
    pub kind: Option<String>,
    /// Sort keys (day numbers), inclusive.
    pub from_day: Option<i64>,
    pub to_day: Option<i64>,
    pub after: Option<EventCursor>,
    /// Read the page before `after` (then in reverse order, turned back here).
    pub backward: bool,
    pub limit: usize,
}

/// An event as a list shows it: the row, where it sits in time, and its original's
/// outlet, publication date, address and language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventListRow {
    pub event: EventRow,
    pub sort_key: i64,
    pub published: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub lang: Lang,
    pub script: Script,
}

const EVENT_LIST: &str = "
    SELECT e.id, e.kind, e.year, e.month, e.day, e.relative, e.day_number, e.original,
           e.title, e.versions, e.payload, e.sort_key, d.published, d.source, d.url,
           d.lang, d.script
    FROM events e JOIN documents d ON d.id = e.original";

fn event_list_row(r: &Row) -> Result<EventListRow> {
    Ok(EventListRow {
        event: EventRow {
            id: r.get(0)?,
            kind: r.get(1)?,
            date: readout_lang::PartialDate {
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
        },
        sort_key: r.get(11)?,
        published: r.get(12)?,
        source: r.get(13)?,
        url: r.get(14)?,
        lang: parse(&r.get::<_, String>(15)?)?,
        script: parse(&r.get::<_, String>(16)?)?,
    })
}

/// Where a page of formulations starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormulationCursor {
    pub events: i64,
    pub hits: i64,
    pub text: String,
}

impl FormulationCursor {
    /// `events.hits.text` (the text percent-encoded by the caller where it goes in a URL).
    pub fn encode(&self) -> String {
        format!("{}.{}.{}", self.events, self.hits, self.text)
    }

    pub fn decode(s: &str) -> Option<FormulationCursor> {
        let mut it = s.splitn(3, '.');
        Some(FormulationCursor {
            events: it.next()?.parse().ok()?,
            hits: it.next()?.parse().ok()?,
            text: it.next().filter(|t| !t.is_empty())?.to_string(),
        })
    }
}

/// A formulation's place in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormulationRow {
    pub text: String,
    pub source: String,
    pub count: usize,
    pub events: usize,
    /// Sort keys of its first and last dated events.
    pub first_day: Option<i64>,
    pub last_day: Option<i64>,
}

/// Where a page of a formulation's mentions starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionCursor {
    pub key: i64,
    pub doc: String,
    /// 0 for a headline, 1 for the body (headlines first).
    pub part: i64,
    pub para: i64,
    pub start: i64,
}

impl MentionCursor {
    pub fn encode(&self) -> String {
        format!(
            "{}.{}.{}.{}.{}",
            self.key, self.doc, self.part, self.para, self.start
        )
    }

    pub fn decode(s: &str) -> Option<MentionCursor> {
        let p: Vec<&str> = s.split('.').collect();
        let [key, doc, part, para, start] = p.as_slice() else {
            return None;
        };
        let doc_ok = !doc.is_empty()
            && doc.len() <= 100
            && doc.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-');
        doc_ok
            .then(|| {
                Some(MentionCursor {
                    key: key.parse().ok()?,
                    doc: doc.to_string(),
                    part: part.parse().ok()?,
                    para: para.parse().ok()?,
                    start: start.parse().ok()?,
                })
            })
            .flatten()
    }
}

/// One mention of a formulation, with where it stands in time and the document it is in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentionRow {
    pub hit: HitRecord,
    /// The event's sort key, else the document's publication day, else [`UNDATED`].
    pub key: i64,
    pub event_kind: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub lang: Lang,
    pub script: Script,
}

impl MentionRow {
    pub fn cursor(&self) -> MentionCursor {
        MentionCursor {
            key: self.key,
            doc: self.hit.doc_id.clone(),
            part: i64::from(!self.hit.headline),
            para: self.hit.para as i64,
            start: self.hit.start as i64,
        }
    }
}

const MENTIONS: &str = "
    WITH m AS (
        SELECT h.text, h.source, h.doc_id, h.event_id, h.spelling, h.headline, h.para,
               h.start, h.end,
               COALESCE(e.sort_key, s.published_day, 99999999) AS k,
               1 - h.headline AS part,
               e.kind AS event_kind
        FROM formulation_hits h
        LEFT JOIN events e ON e.id = h.event_id
        LEFT JOIN doc_stage s ON s.doc_id = h.doc_id
        WHERE h.text = ?1)
    SELECT m.text, m.source, m.doc_id, m.event_id, m.spelling, m.headline, m.para, m.start,
           m.end, m.k, m.event_kind, d.title, d.published, d.source, d.url, d.lang, d.script,
           m.part
    FROM m JOIN documents d ON d.id = m.doc_id";

fn mention_row(r: &Row) -> Result<MentionRow> {
    Ok(MentionRow {
        hit: HitRecord {
            text: r.get(0)?,
            source: r.get(1)?,
            doc_id: r.get(2)?,
            event_id: r.get(3)?,
            spelling: r.get(4)?,
            headline: r.get(5)?,
            para: uint(r.get(6)?)?,
            start: uint(r.get(7)?)?,
            end: uint(r.get(8)?)?,
        },
        key: r.get(9)?,
        event_kind: r.get(10)?,
        title: r.get(11)?,
        published: r.get(12)?,
        source: r.get(13)?,
        url: r.get(14)?,
        lang: parse(&r.get::<_, String>(15)?)?,
        script: parse(&r.get::<_, String>(16)?)?,
    })
}

fn rows<T>(
    store: &Store,
    sql: &str,
    params: &[Value],
    f: impl Fn(&Row) -> Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = store.conn.prepare_cached(sql)?;
    let mut it = stmt.query(params_from_iter(params.iter()))?;
    let mut out = Vec::new();
    while let Some(r) = it.next()? {
        out.push(f(r)?);
    }
    Ok(out)
}

fn count(store: &Store, sql: &str, params: &[Value]) -> Result<usize> {
    let n: i64 = store
        .conn
        .prepare_cached(sql)?
        .query_row(params_from_iter(params.iter()), |r| r.get(0))?;
    uint(n)
}

fn lim(n: usize) -> i64 {
    i64::try_from(n.clamp(1, 10_000)).unwrap_or(10_000)
}

impl Store {
    // ---- documents ------------------------------------------------------------------

    /// A document without its paragraphs.
    pub fn doc_summary(&self, id: &str) -> Result<Option<DocSummary>> {
        self.conn
            .prepare_cached(&format!("{DOC_SUMMARY} WHERE d.id = ?1"))?
            .query_row([id], |r| Ok(doc_summary(r)))
            .optional()?
            .transpose()
    }

    /// Documents `ids` without their paragraphs, in the order asked (unknown ids left out).
    pub fn doc_summaries(&self, ids: &[String]) -> Result<Vec<DocSummary>> {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(d) = self.doc_summary(id)? {
                out.push(d);
            }
        }
        Ok(out)
    }

    fn doc_where(q: &DocListQuery) -> (Vec<String>, Vec<Value>) {
        let mut clauses = Vec::new();
        let mut params = Vec::new();
        if let Some(l) = &q.lang {
            params.push(Value::Text(l.clone()));
            clauses.push(format!("d.lang = ?{}", params.len()));
        }
        if let Some(k) = &q.kind {
            params.push(Value::Text(k.clone()));
            clauses.push(format!("d.kind = ?{}", params.len()));
        }
        (clauses, params)
    }

    /// A page of documents in ingest order.
    pub fn doc_page(&self, q: &DocListQuery) -> Result<PageOf<DocSummary>> {
        let (mut clauses, mut params) = Store::doc_where(q);
        let total = count(
            self,
            &format!("SELECT COUNT(*) FROM documents d {}", where_of(&clauses)),
            &params,
        )?;
        if let Some(c) = q.after {
            params.push(Value::Integer(c.blob));
            params.push(Value::Integer(c.ordinal));
            let op = if q.backward { "<" } else { ">" };
            clauses.push(format!(
                "(d.blob_id, d.ordinal) {op} (?{}, ?{})",
                params.len() - 1,
                params.len()
            ));
        }
        let dir = if q.backward { "DESC" } else { "ASC" };
        let limit = lim(q.limit);
        let sql = format!(
            "{DOC_SUMMARY} {} ORDER BY d.blob_id {dir}, d.ordinal {dir} LIMIT {}",
            where_of(&clauses),
            limit + 1
        );
        let mut items = rows(self, &sql, &params, doc_summary)?;
        let more = items.len() as i64 > limit;
        items.truncate(limit as usize);
        if q.backward {
            items.reverse();
        }
        let cur = |d: &DocSummary| {
            DocCursor {
                blob: d.blob,
                ordinal: d.ordinal as i64,
            }
            .encode()
        };
        let (has_next, has_prev) = if q.backward {
            (q.after.is_some(), more)
        } else {
            (more, q.after.is_some())
        };
        Ok(PageOf {
            next: has_next.then(|| items.last().map(cur)).flatten(),
            prev: has_prev.then(|| items.first().map(cur)).flatten(),
            items,
            total,
        })
    }

    /// Paragraphs `offset..offset + limit` of a document's body (or its headlines).
    pub fn paragraphs(
        &self,
        doc: &str,
        headlines: bool,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<ParagraphRecord>> {
        let kind = if headlines { "headline" } else { "body" };
        let mut stmt = self.conn.prepare_cached(
            "SELECT doc_id, kind, text, lang, script, src_start, src_end, pieces
             FROM paragraphs WHERE doc_id = ?1 AND kind = ?2 AND ordinal >= ?3
             ORDER BY ordinal LIMIT ?4",
        )?;
        let mut it = stmt.query((doc, kind, offset as i64, lim(limit)))?;
        let mut out = Vec::new();
        while let Some(r) = it.next()? {
            out.push(crate::query::paragraph_row(r)?.2);
        }
        Ok(out)
    }

    /// The versions of events `ids` as (event, document), original first.
    pub fn versions_of(&self, ids: &[String]) -> Result<Vec<(String, DocSummary)>> {
        let mut out = Vec::new();
        for id in ids {
            let sql = format!(
                "{DOC_SUMMARY} WHERE d.id IN (SELECT doc_id FROM doc_links WHERE event_id = ?1)
                 ORDER BY l.role != 'original', d.id LIMIT 200"
            );
            for d in rows(self, &sql, &[Value::Text(id.clone())], doc_summary)? {
                out.push((id.clone(), d));
            }
        }
        Ok(out)
    }

    // ---- events ---------------------------------------------------------------------

    fn event_where(q: &EventListQuery) -> (Vec<String>, Vec<Value>) {
        let mut clauses = Vec::new();
        let mut params = Vec::new();
        if let Some(k) = &q.kind {
            params.push(Value::Text(k.clone()));
            clauses.push(format!("e.kind = ?{}", params.len()));
        }
        if let Some(lo) = q.from_day {
            params.push(Value::Integer(lo));
            clauses.push(format!("e.sort_key >= ?{}", params.len()));
        }
        if let Some(hi) = q.to_day {
            params.push(Value::Integer(hi));
            clauses.push(format!("e.sort_key <= ?{}", params.len()));
        }
        (clauses, params)
    }

    /// How many events `q` selects (its cursor aside).
    pub fn count_event_page(&self, q: &EventListQuery) -> Result<usize> {
        let (clauses, params) = Store::event_where(q);
        count(
            self,
            &format!("SELECT COUNT(*) FROM events e {}", where_of(&clauses)),
            &params,
        )
    }

    /// A page of events in time order.
    pub fn event_page(&self, q: &EventListQuery) -> Result<PageOf<EventListRow>> {
        let total = self.count_event_page(q)?;
        let (mut clauses, mut params) = Store::event_where(q);
        if let Some(c) = &q.after {
            params.push(Value::Integer(c.key));
            params.push(Value::Text(c.id.clone()));
            let op = if q.backward { "<" } else { ">" };
            clauses.push(format!(
                "(e.sort_key, e.id) {op} (?{}, ?{})",
                params.len() - 1,
                params.len()
            ));
        }
        let dir = if q.backward { "DESC" } else { "ASC" };
        let limit = lim(q.limit);
        let sql = format!(
            "{EVENT_LIST} {} ORDER BY e.sort_key {dir}, e.id {dir} LIMIT {}",
            where_of(&clauses),
            limit + 1
        );
        let mut items = rows(self, &sql, &params, event_list_row)?;
        let more = items.len() as i64 > limit;
        items.truncate(limit as usize);
        if q.backward {
            items.reverse();
        }
        let cur = |e: &EventListRow| {
            EventCursor {
                key: e.sort_key,
                id: e.event.id.clone(),
            }
            .encode()
        };
        let (has_next, has_prev) = if q.backward {
            (q.after.is_some(), more)
        } else {
            (more, q.after.is_some())
        };
        Ok(PageOf {
            next: has_next.then(|| items.last().map(cur)).flatten(),
            prev: has_prev.then(|| items.first().map(cur)).flatten(),
            items,
            total,
        })
    }

    /// One event as a list shows it.
    pub fn event_list_row(&self, id: &str) -> Result<Option<EventListRow>> {
        Ok(rows(
            self,
            &format!("{EVENT_LIST} WHERE e.id = ?1"),
            &[Value::Text(id.to_string())],
            event_list_row,
        )?
        .into_iter()
        .next())
    }

    /// The sort keys of the first and last placed events `q` selects (its dates aside).
    pub fn event_key_range(&self, kind: Option<&str>) -> Result<Option<(i64, i64)>> {
        let (clause, params) = match kind {
            Some(k) => ("WHERE kind = ?1 AND", vec![Value::Text(k.to_string())]),
            None => ("WHERE", Vec::new()),
        };
        let lo: Option<i64> = self.conn.query_row(
            &format!("SELECT MIN(sort_key) FROM events {clause} sort_key < {UNDATED}"),
            params_from_iter(params.iter()),
            |r| r.get(0),
        )?;
        let hi: Option<i64> = self.conn.query_row(
            &format!("SELECT MAX(sort_key) FROM events {clause} sort_key < {UNDATED}"),
            params_from_iter(params.iter()),
            |r| r.get(0),
        )?;
        Ok(lo.zip(hi))
    }

    /// Up to `limit` events of `kind` placed before `key` (the latest first).
    pub fn events_of_kind_before(
        &self,
        kind: &str,
        key: i64,
        id: &str,
        limit: usize,
    ) -> Result<Vec<EventListRow>> {
        rows(
            self,
            &format!(
                "{EVENT_LIST} WHERE e.kind = ?1 AND (e.sort_key, e.id) < (?2, ?3)
                 AND e.sort_key < {UNDATED}
                 ORDER BY e.sort_key DESC, e.id DESC LIMIT ?4"
            ),
            &[
                Value::Text(kind.to_string()),
                Value::Integer(key),
                Value::Text(id.to_string()),
                Value::Integer(lim(limit)),
            ],
            event_list_row,
        )
    }

    /// The event of `kind` placed nearest to `key` within `key ± window` days, other
    /// than `id`.
    pub fn event_of_kind_near(
        &self,
        kind: &str,
        key: i64,
        window: i64,
        id: &str,
    ) -> Result<Option<EventListRow>> {
        Ok(rows(
            self,
            &format!(
                "{EVENT_LIST} WHERE e.kind = ?1 AND e.sort_key BETWEEN ?2 AND ?3 AND e.id != ?4
                 ORDER BY abs(e.sort_key - ?5), e.id LIMIT 1"
            ),
            &[
                Value::Text(kind.to_string()),
                Value::Integer(key - window),
                Value::Integer(key + window),
                Value::Text(id.to_string()),
                Value::Integer(key),
            ],
            event_list_row,
        )?
        .into_iter()
        .next())
    }

    /// The formulations occurring in the documents of event `id`.
    pub fn formulations_of_event(&self, id: &str) -> Result<Vec<String>> {
        rows(
            self,
            "SELECT text FROM formulation_event_hits WHERE event_id = ?1 ORDER BY text",
            &[Value::Text(id.to_string())],
            |r| Ok(r.get(0)?),
        )
    }

    /// Occurrences of formulations in the documents of event `id`, `offset..` (at
    /// most `limit`), and how many there are.
    pub fn event_hits(
        &self,
        id: &str,
        offset: usize,
        limit: usize,
    ) -> Result<(Vec<HitRecord>, usize)> {
        let total = count(
            self,
            "SELECT COUNT(*) FROM formulation_hits WHERE event_id = ?1",
            &[Value::Text(id.to_string())],
        )?;
        let items = rows(
            self,
            "SELECT text, source, doc_id, event_id, spelling, headline, para, start, end
             FROM formulation_hits WHERE event_id = ?1
             ORDER BY doc_id, headline DESC, para, start, text LIMIT ?2 OFFSET ?3",
            &[
                Value::Text(id.to_string()),
                Value::Integer(lim(limit)),
                Value::Integer(offset as i64),
            ],
            |r| {
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
            },
        )?;
        Ok((items, total))
    }

    // ---- formulations ---------------------------------------------------------------

    /// A page of formulations, the most widespread first, those in at least
    /// `min_events` events.
    pub fn formulation_page(
        &self,
        min_events: usize,
        after: Option<&FormulationCursor>,
        limit: usize,
    ) -> Result<PageOf<FormulationRow>> {
        let min = Value::Integer(min_events as i64);
        let total = count(
            self,
            "SELECT COUNT(*) FROM formulation_stats WHERE events >= ?1",
            std::slice::from_ref(&min),
        )?;
        let mut params = vec![min];
        let mut clause = String::new();
        if let Some(c) = after {
            params.push(Value::Integer(c.events));
            params.push(Value::Integer(c.hits));
            params.push(Value::Text(c.text.clone()));
            clause =
                "AND (events < ?2 OR (events = ?2 AND (hits < ?3 OR (hits = ?3 AND text > ?4))))"
                    .into();
        }
        let limit = lim(limit);
        let sql = format!(
            "SELECT text, source, hits, events FROM formulation_stats
             WHERE events >= ?1 {clause} ORDER BY events DESC, hits DESC, text LIMIT {}",
            limit + 1
        );
        let mut items: Vec<FormulationRow> = rows(self, &sql, &params, |r| {
            Ok(FormulationRow {
                text: r.get(0)?,
                source: r.get(1)?,
                count: uint(r.get(2)?)?,
                events: uint(r.get(3)?)?,
                first_day: None,
                last_day: None,
            })
        })?;
        let more = items.len() as i64 > limit;
        items.truncate(limit as usize);
        for f in &mut items {
            let (lo, hi) = self
                .conn
                .prepare_cached(&format!(
                    "SELECT MIN(e.sort_key), MAX(e.sort_key) FROM formulation_event_hits f
                 JOIN events e ON e.id = f.event_id
                 WHERE f.text = ?1 AND e.sort_key < {UNDATED}"
                ))?
                .query_row([&f.text], |r| {
                    Ok((r.get::<_, Option<i64>>(0)?, r.get::<_, Option<i64>>(1)?))
                })?;
            f.first_day = lo;
            f.last_day = hi;
        }
        let next = more
            .then(|| {
                items.last().map(|f| {
                    FormulationCursor {
                        events: f.events as i64,
                        hits: f.count as i64,
                        text: f.text.clone(),
                    }
                    .encode()
                })
            })
            .flatten();
        Ok(PageOf {
            items,
            total,
            next,
            prev: None,
        })
    }

    /// One formulation's counts (mainland simplified text), when it occurs at all.
    pub fn formulation_row(&self, text: &str) -> Result<Option<FormulationRow>> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT text, source, hits, events FROM formulation_stats WHERE text = ?1",
            )?
            .query_row([text], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            })
            .optional()?;
        let Some((text, source, hits, events)) = row else {
            return Ok(None);
        };
        let first = self
            .formulation_mentions(&text, None, 1)?
            .items
            .into_iter()
            .next();
        let last = rows(
            self,
            &format!("{MENTIONS} WHERE m.k < {UNDATED} ORDER BY m.k DESC LIMIT 1"),
            &[Value::Text(text.clone())],
            mention_row,
        )?
        .into_iter()
        .next();
        Ok(Some(FormulationRow {
            text,
            source,
            count: uint(hits)?,
            events: uint(events)?,
            first_day: first.map(|m| m.key).filter(|k| *k < UNDATED),
            last_day: last.map(|m| m.key),
        }))
    }

    /// A page of a formulation's mentions in date order.
    pub fn formulation_mentions(
        &self,
        text: &str,
        after: Option<&MentionCursor>,
        limit: usize,
    ) -> Result<PageOf<MentionRow>> {
        let total = count(
            self,
            "SELECT COUNT(*) FROM formulation_hits WHERE text = ?1",
            &[Value::Text(text.to_string())],
        )?;
        let mut params = vec![Value::Text(text.to_string())];
        let mut clause = String::new();
        if let Some(c) = after {
            params.extend([
                Value::Integer(c.key),
                Value::Text(c.doc.clone()),
                Value::Integer(c.part),
                Value::Integer(c.para),
                Value::Integer(c.start),
            ]);
            clause = "WHERE (m.k, m.doc_id, m.part, m.para, m.start) > (?2, ?3, ?4, ?5, ?6)".into();
        }
        let limit = lim(limit);
        let sql = format!(
            "{MENTIONS} {clause} ORDER BY m.k, m.doc_id, m.part, m.para, m.start LIMIT {}",
            limit + 1
        );
        let mut items = rows(self, &sql, &params, mention_row)?;
        let more = items.len() as i64 > limit;
        items.truncate(limit as usize);
        Ok(PageOf {
            next: more
                .then(|| items.last().map(|m| m.cursor().encode()))
                .flatten(),
            prev: None,
            items,
            total,
        })
    }

    /// The sort keys of every mention of a formulation (for a chart by year): one small
    /// integer per mention of this one formulation.
    pub fn formulation_mention_keys(&self, text: &str) -> Result<Vec<i64>> {
        rows(
            self,
            "SELECT COALESCE(e.sort_key, s.published_day, 99999999)
             FROM formulation_hits h
             LEFT JOIN events e ON e.id = h.event_id
             LEFT JOIN doc_stage s ON s.doc_id = h.doc_id
             WHERE h.text = ?1",
            &[Value::Text(text.to_string())],
            |r| Ok(r.get(0)?),
        )
    }

    /// The English renderings of a formulation with how many pairs gave each, the most
    /// frequent first (at most `limit`).
    pub fn rendering_counts(&self, text: &str, limit: usize) -> Result<Vec<(String, usize)>> {
        rows(
            self,
            "SELECT text, COUNT(*) FROM renderings WHERE formulation = ?1
             GROUP BY text ORDER BY COUNT(*) DESC, text LIMIT ?2",
            &[Value::Text(text.to_string()), Value::Integer(lim(limit))],
            |r| Ok((r.get(0)?, uint(r.get(1)?)?)),
        )
    }

    /// How documents write a formulation (at most 20 spellings).
    pub fn formulation_spellings(&self, text: &str) -> Result<Vec<String>> {
        rows(
            self,
            "SELECT spelling FROM formulation_hits WHERE text = ?1 AND spelling != ''
             GROUP BY spelling ORDER BY COUNT(*) DESC, spelling LIMIT 20",
            &[Value::Text(text.to_string())],
            |r| Ok(r.get(0)?),
        )
    }

    /// Up to `limit` formulations whose text contains `part` (for "did you mean").
    pub fn formulations_like(&self, part: &str, limit: usize) -> Result<Vec<String>> {
        let escaped = part
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        rows(
            self,
            "SELECT text FROM formulation_stats WHERE text LIKE ?1 ESCAPE '\\'
             ORDER BY events DESC, text LIMIT ?2",
            &[
                Value::Text(format!("%{escaped}%")),
                Value::Integer(lim(limit)),
            ],
            |r| Ok(r.get(0)?),
        )
    }
}

fn where_of(clauses: &[String]) -> String {
    if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_junk() {
        let c = EventCursor {
            key: 19_000,
            id: "ev-57ea68160e20-0".into(),
        };
        assert_eq!(EventCursor::decode(&c.encode()), Some(c));
        assert_eq!(EventCursor::decode("x.ev"), None);
        assert_eq!(EventCursor::decode("1.ev'--"), None);
        let d = DocCursor {
            blob: 3,
            ordinal: 1,
        };
        assert_eq!(DocCursor::decode(&d.encode()), Some(d));
        let m = MentionCursor {
            key: UNDATED,
            doc: "abc-0".into(),
            part: 1,
            para: 2,
            start: 7,
        };
        assert_eq!(MentionCursor::decode(&m.encode()), Some(m));
        assert_eq!(MentionCursor::decode("1.a b.0.0.0"), None);
        let f = FormulationCursor {
            events: 3,
            hits: 9,
            text: "高质量.发展".into(),
        };
        assert_eq!(FormulationCursor::decode(&f.encode()), Some(f));
    }
}
