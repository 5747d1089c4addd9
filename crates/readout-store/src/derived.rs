//! The derived record: what readout-collection makes of all documents together (doc
//! links, events, alignments, formulations), stored and read back.
//!
//! The derived tables are a function of the set of documents. A derive reads every
//! document ([`Store::derive_input`]), the caller runs the pure collection stage, and
//! [`Store::replace_derived`] swaps all derived rows in one transaction, recording which
//! documents they came from, so [`Store::derived_is_current`] can tell when a derive is
//! due (new documents, or a derive that was interrupted).

use crate::codes::{code, int, uint};
use crate::error::Result;
use crate::records::{
    AlignmentRecord, DerivedState, DocRecord, EventRecord, FormulationRecord, LinkRecord,
    ParagraphRecord,
};
use crate::Store;
use readout_collection::Derived;
use readout_text::{Document, Paragraph};
use rusqlite::{OptionalExtension, Row, TransactionBehavior};
use sha2::{Digest, Sha256};

/// The key of a derive's input: a SHA-256 (hex) over the sorted document ids. Ids are
/// derived from content, so the same documents give the same key in any store.
pub fn input_key<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    let mut ids: Vec<&str> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    let mut h = Sha256::new();
    for id in ids {
        h.update((id.len() as u64).to_le_bytes());
        h.update(id.as_bytes());
    }
    hex::encode(h.finalize())
}

/// Rounds a share to three decimals, as it is shown (f32 → f64 without noise digits).
fn share(x: f32) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}

impl ParagraphRecord {
    /// The paragraph as the reader's model has it.
    pub fn to_paragraph(&self) -> Paragraph {
        Paragraph {
            text: self.text.clone(),
            pieces: self.pieces.clone(),
            lang: self.lang,
            script: self.script,
        }
    }
}

impl DocRecord {
    /// The document rebuilt as the reader made it: everything the later stages read
    /// (kind, language, script, title, headlines, body, metadata, span) is stored.
    pub fn to_document(&self) -> Document {
        Document {
            kind: self.kind,
            lang: self.lang,
            script: self.script,
            title: self.title.clone(),
            headlines: self.headlines.iter().map(|p| p.to_paragraph()).collect(),
            body: self.body.iter().map(|p| p.to_paragraph()).collect(),
            meta: self.meta.clone(),
            span: self.span.clone(),
        }
    }
}

const EVENT_SELECT: &str =
    "SELECT id, kind, year, month, day, relative, original, record FROM events";

fn event_row(r: &Row) -> Result<EventRecord> {
    let record: String = r.get(7)?;
    Ok(EventRecord {
        id: r.get(0)?,
        kind: r.get(1)?,
        year: r.get(2)?,
        month: r.get(3)?,
        day: r.get(4)?,
        relative: r.get(5)?,
        original: r.get(6)?,
        record: serde_json::from_str(&record)?,
    })
}

fn alignment_row(r: &Row) -> Result<AlignmentRecord> {
    let alignment: String = r.get(3)?;
    Ok(AlignmentRecord {
        translation: r.get(0)?,
        original: r.get(1)?,
        coverage: r.get(2)?,
        alignment: serde_json::from_str(&alignment)?,
    })
}

fn formulation_row(r: &Row) -> Result<FormulationRecord> {
    let history: String = r.get(1)?;
    Ok(FormulationRecord {
        text: r.get(0)?,
        history: serde_json::from_str(&history)?,
    })
}

/// Collects the rows of `sql` (with `params`) through `f`.
fn collect<T, P: rusqlite::Params>(
    store: &Store,
    sql: &str,
    params: P,
    f: impl Fn(&Row) -> Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = store.conn.prepare(sql)?;
    let mut rows = stmt.query(params)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(f(r)?);
    }
    Ok(out)
}

impl Store {
    /// Every document rebuilt as the reader's model, sorted by id: the input of a
    /// derive. Sorting makes the derive a function of the set of documents, whatever
    /// order their files were ingested in.
    pub fn derive_input(&self) -> Result<Vec<(String, Document)>> {
        let mut docs: Vec<(String, Document)> = self
            .list_docs()?
            .into_iter()
            .map(|d| {
                let doc = d.to_document();
                (d.id, doc)
            })
            .collect();
        docs.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(docs)
    }

    /// The input key of the documents stored now (see [`input_key`]).
    pub fn current_input_key(&self) -> Result<String> {
        let ids = collect(self, "SELECT id FROM documents", [], |r| {
            Ok(r.get::<_, String>(0)?)
        })?;
        Ok(input_key(ids.iter().map(String::as_str)))
    }

    /// What the derived tables were last made from; `None` before the first derive.
    pub fn derived_state(&self) -> Result<Option<DerivedState>> {
        let row = self
            .conn
            .query_row(
                "SELECT input, documents, derived_at FROM derived_state WHERE id = 1",
                [],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, String>(2)?,
                    ))
                },
            )
            .optional()?;
        row.map(|(input, n, derived_at)| {
            Ok(DerivedState {
                input,
                documents: uint(n)?,
                derived_at,
            })
        })
        .transpose()
    }

    /// True when the derived tables were made from exactly the documents stored now.
    /// An empty store needs no derive.
    pub fn derived_is_current(&self) -> Result<bool> {
        let key = self.current_input_key()?;
        Ok(match self.derived_state()? {
            Some(state) => state.input == key,
            None => key == input_key([]),
        })
    }

    /// Replaces every derived row with `derived`, made from the documents whose ids are
    /// `input_ids`, in one transaction: readers see the old record or the new one,
    /// never a mix, and a killed process leaves the old one.
    pub fn replace_derived(&mut self, input_ids: &[&str], derived: &Derived) -> Result<()> {
        let key = input_key(input_ids.iter().copied());
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(
            "DELETE FROM doc_links; DELETE FROM alignments; DELETE FROM events;
             DELETE FROM formulations; DELETE FROM derived_state;",
        )?;
        {
            let mut stmt = tx.prepare(
                "INSERT INTO doc_links (doc_id, event_id, role, translation_of, coverage)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for l in &derived.docs {
                let role = l.role.as_ref().map(code).transpose()?;
                stmt.execute((
                    &l.doc,
                    &l.event,
                    role,
                    &l.translation_of,
                    l.coverage.map(share),
                ))?;
            }
            let mut stmt = tx.prepare(
                "INSERT INTO events (id, ordinal, kind, year, month, day, relative, original,
                                     record)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            for (i, e) in derived.events.iter().enumerate() {
                let date = e.date.as_ref();
                stmt.execute(rusqlite::params![
                    e.id,
                    int(i)?,
                    code(&e.kind)?,
                    date.and_then(|d| d.year),
                    date.and_then(|d| d.month),
                    date.and_then(|d| d.day),
                    date.and_then(|d| d.relative.clone()),
                    e.original,
                    serde_json::to_string(e)?,
                ])?;
            }
            let mut stmt = tx.prepare(
                "INSERT INTO alignments (translation, original, coverage, alignment)
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            for a in &derived.alignments {
                stmt.execute((
                    &a.translation,
                    &a.original,
                    share(a.coverage),
                    serde_json::to_string(a)?,
                ))?;
            }
            let mut stmt = tx
                .prepare("INSERT INTO formulations (text, ordinal, history) VALUES (?1, ?2, ?3)")?;
            for (i, f) in derived.formulations.iter().enumerate() {
                stmt.execute((&f.text, int(i)?, serde_json::to_string(f)?))?;
            }
        }
        tx.execute(
            "INSERT INTO derived_state (id, input, documents, derived_at)
             VALUES (1, ?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
            (&key, int(input_ids.len())?),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Every event, in the order the derive gave them (by their first document).
    pub fn list_events(&self) -> Result<Vec<EventRecord>> {
        collect(
            self,
            &format!("{EVENT_SELECT} ORDER BY ordinal"),
            [],
            event_row,
        )
    }

    /// One event by its id.
    pub fn get_event(&self, id: &str) -> Result<Option<EventRecord>> {
        Ok(collect(
            self,
            &format!("{EVENT_SELECT} WHERE id = ?1"),
            [id],
            event_row,
        )?
        .pop())
    }

    /// Ids of the events whose id starts with `prefix` (at most `limit`).
    pub fn event_ids_with_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<String>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        collect(
            self,
            "SELECT id FROM events WHERE substr(id, 1, length(?1)) = ?1 ORDER BY ordinal LIMIT ?2",
            (prefix, limit),
            |r| Ok(r.get::<_, String>(0)?),
        )
    }

    /// How every document stands in the collection, by document id.
    pub fn doc_links(&self) -> Result<Vec<(String, LinkRecord)>> {
        collect(
            self,
            "SELECT doc_id, event_id, role, translation_of, coverage FROM doc_links
             ORDER BY doc_id",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    LinkRecord {
                        event: r.get(1)?,
                        role: r.get(2)?,
                        translation_of: r.get(3)?,
                        coverage: r.get(4)?,
                    },
                ))
            },
        )
    }

    /// Every alignment, ordered by original, then translation.
    pub fn list_alignments(&self) -> Result<Vec<AlignmentRecord>> {
        collect(
            self,
            "SELECT translation, original, coverage, alignment FROM alignments
             ORDER BY original, translation",
            [],
            alignment_row,
        )
    }

    /// The alignments `id` takes part in: `id` names an event (every translation of it)
    /// or a document (as original or as translation).
    pub fn alignments_for(&self, id: &str) -> Result<Vec<AlignmentRecord>> {
        collect(
            self,
            "SELECT a.translation, a.original, a.coverage, a.alignment FROM alignments a
             WHERE a.original = ?1 OR a.translation = ?1
                OR a.translation IN (SELECT doc_id FROM doc_links WHERE event_id = ?1)
             ORDER BY a.original, a.translation",
            [id],
            alignment_row,
        )
    }

    /// Every formulation, the most widespread first.
    pub fn list_formulations(&self) -> Result<Vec<FormulationRecord>> {
        collect(
            self,
            "SELECT text, history FROM formulations ORDER BY ordinal",
            [],
            formulation_row,
        )
    }

    /// One formulation by its text in mainland simplified script (normalize first).
    pub fn get_formulation(&self, text: &str) -> Result<Option<FormulationRecord>> {
        Ok(collect(
            self,
            "SELECT text, history FROM formulations WHERE text = ?1",
            [text],
            formulation_row,
        )?
        .pop())
    }

    /// The kinds of the stored events, sorted (for telling a user what `--kind` takes).
    pub fn event_kinds(&self) -> Result<Vec<String>> {
        collect(
            self,
            "SELECT DISTINCT kind FROM events ORDER BY kind",
            [],
            |r| Ok(r.get::<_, String>(0)?),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_key_ignores_order_and_repeats() {
        assert_eq!(input_key(["b-0", "a-1"]), input_key(["a-1", "b-0", "a-1"]));
        assert_ne!(input_key(["a-1"]), input_key(["a-1", "b-0"]));
        // Length-prefixed: ids cannot run into each other.
        assert_ne!(input_key(["ab", "c"]), input_key(["a", "bc"]));
    }

    #[test]
    fn shares_lose_float_noise() {
        assert_eq!(share(0.797_f32), 0.797);
        assert_eq!(share(1.0_f32), 1.0);
    }
}
