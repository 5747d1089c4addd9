//! The write path: documents in, paragraphs indexed. The ingest calls
//! [`Writer::replace`] for each document of a file and [`Writer::commit`]
//! after the file (or a batch of files); a rebuild is [`Writer::clear`],
//! every document again, and one commit.
//!
//! A document's body is its paragraphs joined by `"\n"`; each paragraph is
//! indexed with the character offset where it starts in that body, so hits
//! can be reported in characters of the body.

use crate::date::date_key;
use crate::error::Result;
use crate::han::is_han;
use crate::index::SearchIndex;
use crate::schema::{PART_BODY, PART_TITLE};
#[cfg(test)]
use readout_text::{DocKind, Document, Meta, Paragraph};
use readout_text::{Lang, Script};
use serde::{Deserialize, Serialize};
use tantivy::indexer::UserOperation;
use tantivy::{TantivyDocument, Term};

/// One document to index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexDoc {
    /// The store's document id; indexing an id again replaces the old entry.
    pub id: String,
    /// The event the document reports, when linked.
    pub event: Option<String>,
    pub title: Option<String>,
    pub lang: Lang,
    pub script: Script,
    /// The caller's category (document kind or event kind), a facet.
    pub kind: String,
    /// Published or event date, ISO 8601 (`2023-11-28`, `2023-11`, a full
    /// date-time); only its date part is used.
    pub date: Option<String>,
    /// Body paragraphs in order; the body is these joined by `"\n"`.
    pub paragraphs: Vec<String>,
}

impl IndexDoc {
    /// The entry for a document as the reader made it: its body paragraphs,
    /// title, language and script, its kind (`article`, `fragment`) and its
    /// publication date; no event until linking gives one.
    pub fn from_document(id: impl Into<String>, doc: &readout_text::Document) -> IndexDoc {
        IndexDoc {
            id: id.into(),
            event: None,
            title: doc.title.clone(),
            lang: doc.lang,
            script: doc.script,
            kind: serde_code(&doc.kind),
            date: doc.meta.published.clone(),
            paragraphs: doc.body.iter().map(|p| p.text.clone()).collect(),
        }
    }
}

/// The code a language has in facets and filters (`zh`, `en`, …): its
/// serde name in the document model.
pub fn lang_code(lang: Lang) -> String {
    serde_code(&lang)
}

/// The code a script has in facets and filters (`Hans`, `Hant`, …).
pub fn script_code(script: Script) -> String {
    serde_code(&script)
}

fn serde_code<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The number a document is grouped and ranked by: its id's order, so results of equal
/// score come in id order, in any store holding the same documents whatever the order
/// they were indexed in. Store ids (`<12 hex digits>-<n>`) map to their file's 48 bits
/// and the position; any other id to a hash of it.
pub fn doc_num(id: &str) -> u64 {
    if let Some((file, n)) = id.split_once('-') {
        if let (Ok(f), Ok(n)) = (u64::from_str_radix(file, 16), n.parse::<u64>()) {
            if file.len() == 12 && n < 1 << 16 && file.bytes().all(|b| !b.is_ascii_uppercase()) {
                return f << 16 | n;
            }
        }
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// How the writer works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriterOptions {
    /// Indexing threads (each builds its own segment).
    pub threads: usize,
    /// Memory for all threads together, in bytes (at least 15 MB a thread).
    pub memory_bytes: usize,
}

impl Default for WriterOptions {
    fn default() -> Self {
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .clamp(1, 4);
        WriterOptions {
            threads,
            memory_bytes: threads * 48_000_000,
        }
    }
}

/// The index's single writer (tantivy locks the directory while it lives).
pub struct Writer<'a> {
    index: &'a SearchIndex,
    writer: tantivy::IndexWriter<TantivyDocument>,
}

impl SearchIndex {
    /// Opens the writer. Only one may be open on a directory at a time, in
    /// any process.
    pub fn writer(&self, options: WriterOptions) -> Result<Writer<'_>> {
        let threads = options.threads.max(1);
        let memory = options.memory_bytes.max(threads * 16_000_000);
        let writer = self.index.writer_with_num_threads(threads, memory)?;
        Ok(Writer {
            index: self,
            writer,
        })
    }
}

impl Writer<'_> {
    /// Indexes `doc`, replacing any document indexed under the same id.
    /// Visible to searches after [`commit`](Self::commit).
    pub fn replace(&mut self, doc: &IndexDoc) -> Result<()> {
        let f = self.index.fields;
        let num = doc_num(&doc.id);
        let mut ops = vec![UserOperation::Delete(Term::from_field_text(f.doc, &doc.id))];
        let lang = lang_code(doc.lang);
        let script = script_code(doc.script);
        let date = doc.date.as_deref().and_then(date_key);
        let entry = |part: u64, ordinal: u64, at: u64, text: &str| {
            let mut d = TantivyDocument::new();
            d.add_text(f.doc, &doc.id);
            d.add_u64(f.doc_num, num);
            d.add_u64(f.part, part);
            d.add_u64(f.ordinal, ordinal);
            d.add_u64(f.at, at);
            d.add_text(f.lang, &lang);
            d.add_text(f.script, &script);
            d.add_text(f.kind, &doc.kind);
            if let Some(k) = date {
                d.add_i64(f.date, k);
            }
            if let Some(e) = &doc.event {
                d.add_text(f.event, e);
            }
            if let Some(t) = &doc.title {
                d.add_text(f.title, t);
            }
            d.add_text(f.text, text);
            if text.chars().any(is_han) {
                d.add_text(f.zh, text);
                d.add_text(f.bigram, text);
            }
            d.add_text(f.en, text);
            d
        };
        if let Some(t) = doc.title.as_deref().filter(|t| !t.trim().is_empty()) {
            ops.push(UserOperation::Add(entry(PART_TITLE, 0, 0, t)));
        }
        let mut at = 0u64;
        for (i, p) in doc.paragraphs.iter().enumerate() {
            if !p.trim().is_empty() {
                ops.push(UserOperation::Add(entry(PART_BODY, i as u64, at, p)));
            }
            at += p.chars().count() as u64 + 1;
        }
        // One batch: the delete precedes the adds, and the paragraphs of one
        // document are indexed together.
        self.writer.run(ops)?;
        Ok(())
    }

    /// Removes the document `id` (at the next commit).
    pub fn delete(&mut self, id: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.index.fields.doc, id));
    }

    /// Removes every document (at the next commit): the start of a rebuild.
    pub fn clear(&mut self) -> Result<()> {
        self.writer.delete_all_documents()?;
        Ok(())
    }

    /// Makes everything since the last commit durable and visible.
    pub fn commit(&mut self) -> Result<()> {
        self.writer.commit()?;
        self.index.reader.reload()?;
        Ok(())
    }

    /// Drops everything since the last commit.
    pub fn rollback(&mut self) -> Result<()> {
        self.writer.rollback()?;
        Ok(())
    }

    /// Waits for background merges to finish (call before exiting after a
    /// large rebuild so the index is left in few segments).
    pub fn wait_merging(self) -> Result<()> {
        self.writer.wait_merging_threads()?;
        Ok(())
    }
}

impl SearchIndex {
    /// Replaces the whole content of the index by `docs`, in place and in
    /// one commit: searches see the old content until the new one is
    /// complete, and an error leaves the old content. Returns the number of
    /// documents indexed.
    pub fn rebuild<I>(&self, docs: I, options: WriterOptions) -> Result<usize>
    where
        I: IntoIterator<Item = IndexDoc>,
    {
        let mut w = self.writer(options)?;
        w.clear()?;
        let mut n = 0;
        for d in docs {
            if let Err(e) = w.replace(&d) {
                w.rollback()?;
                return Err(e);
            }
            n += 1;
        }
        w.commit()?;
        w.wait_merging()?;
        Ok(n)
    }

    /// Number of documents indexed (as of the last reload).
    pub fn doc_count(&self) -> Result<usize> {
        Ok(self.doc_ids()?.len())
    }

    /// Ids of the documents indexed, sorted (for consistency checks against
    /// the store).
    pub fn doc_ids(&self) -> Result<Vec<String>> {
        let searcher = self.reader.searcher();
        let mut ids = std::collections::BTreeSet::new();
        for seg in searcher.segment_readers() {
            let inv = seg.inverted_index(self.fields.doc)?;
            let mut terms = inv.terms().stream()?;
            let alive = seg.alive_bitset();
            while terms.advance() {
                let info = terms.value();
                let mut postings = inv
                    .read_postings_from_terminfo(info, tantivy::schema::IndexRecordOption::Basic)?;
                let any_alive = loop {
                    let d = tantivy::DocSet::doc(&postings);
                    if d == tantivy::TERMINATED {
                        break false;
                    }
                    if alive.is_none_or(|a| a.is_alive(d)) {
                        break true;
                    }
                    tantivy::DocSet::advance(&mut postings);
                };
                if any_alive {
                    if let Ok(s) = std::str::from_utf8(terms.key()) {
                        ids.insert(s.to_owned());
                    }
                }
            }
        }
        Ok(ids.into_iter().collect())
    }
}

#[cfg(test)]
mod doc_num_tests {
    use super::doc_num;

    #[test]
    fn numbers_follow_the_order_of_store_ids() {
        let mut ids = [
            "57ea68160e20-10",
            "57ea68160e20-2",
            "0a0000000000-1",
            "ffffffffffff-0",
        ];
        let mut by_num = ids;
        ids.sort_by_key(|i| {
            let (f, n) = i.split_once('-').unwrap();
            (f.to_string(), n.parse::<u32>().unwrap())
        });
        by_num.sort_by_key(|i| doc_num(i));
        assert_eq!(ids, by_num);
        assert_ne!(doc_num("a-0"), doc_num("b-0"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_from_reader_documents() {
        let para = |t: &str| Paragraph {
            text: t.into(),
            pieces: Vec::new(),
            lang: Lang::Zh,
            script: Script::Hans,
        };
        let doc = Document {
            kind: DocKind::Fragment,
            lang: Lang::Zh,
            script: Script::Hans,
            title: Some("标题".into()),
            headlines: vec![para("标题")],
            body: vec![para("一"), para("二")],
            meta: Meta {
                published: Some("2023-11-28T08:50:00+08:00".into()),
                ..Meta::default()
            },
            span: 0..0,
        };
        let e = IndexDoc::from_document("abc-0", &doc);
        assert_eq!(e.kind, "fragment");
        assert_eq!(e.paragraphs, ["一", "二"]);
        assert_eq!(e.date.as_deref(), Some("2023-11-28T08:50:00+08:00"));
        assert_eq!(
            (lang_code(Lang::Zh), script_code(Script::Hant)),
            ("zh".into(), "Hant".into())
        );
    }
}
