//! Exports, the one code path of the pages' downloads and the command line's
//! `readout export`: a translation's aligned sentence pairs as TMX 1.4b, JSON Lines or
//! CSV; events, search results and a formulation's mentions as CSV and JSON.
//!
//! CSV is RFC 4180 (a header line, CRLF, fields with commas, quotes or line breaks
//! quoted). JSON is an array of the same rows.

use readout_collection::{PairAlignment, SentenceRef};
use readout_store::{AlignmentRow, Store, StoreError};
use readout_text::Script;
use serde::Serialize;

/// One aligned pair, as JSON Lines and CSV have it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairRow {
    /// The event both documents report.
    pub event: Option<String>,
    /// The Chinese original's document id.
    pub original: String,
    /// The English translation's document id.
    pub translation: String,
    /// The Chinese sentences as the original writes them (its own script).
    pub zh: String,
    pub en: String,
    /// `zh-Hans` or `zh-Hant` (`zh` when the script is not decided).
    #[serde(skip)]
    pub zh_lang: &'static str,
}

/// The pairs of one alignment (groups with both sides), in order.
pub fn alignment_pairs(
    event: Option<&str>,
    a: &PairAlignment,
    original_script: Option<Script>,
) -> Vec<PairRow> {
    let zh_lang = match original_script {
        Some(Script::Hans) => "zh-Hans",
        Some(Script::Hant) => "zh-Hant",
        _ => "zh",
    };
    let text = |sents: &[SentenceRef], ids: &[usize], sep: &str| {
        ids.iter()
            .filter_map(|&i| sents.get(i).map(|s| s.text.as_str()))
            .collect::<Vec<_>>()
            .join(sep)
    };
    a.beads
        .iter()
        .filter(|b| !b.zh.is_empty() && !b.en.is_empty())
        .map(|b| PairRow {
            event: event.map(str::to_string),
            original: a.original.clone(),
            translation: a.translation.clone(),
            zh: text(&a.original_sentences, &b.zh, ""),
            en: text(&a.translation_sentences, &b.en, " "),
            zh_lang,
        })
        .collect()
}

/// The pairs of stored alignments, in the order given.
pub fn pairs(store: &Store, rows: &[AlignmentRow]) -> Result<Vec<PairRow>, StoreError> {
    let mut out = Vec::new();
    for a in rows {
        let Ok(stored) = serde_json::from_str::<PairAlignment>(&a.payload) else {
            return Err(StoreError::Range(format!(
                "the stored alignment of {} does not read; `readout derive` makes it again",
                a.translation
            )));
        };
        let script = store.doc_summary(&a.original)?.map(|d| d.script);
        out.extend(alignment_pairs(Some(&a.event_id), &stored, script));
    }
    Ok(out)
}

/// Text fit for XML 1.0 content and attribute values: markup characters escaped,
/// characters XML cannot hold (most C0 controls, U+FFFE, U+FFFF) left out.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A TMX 1.4b document: Chinese as the source language, one `tu` per pair with the
/// event as `x-event` and each variant's document as `x-doc`.
pub fn tmx(rows: &[PairRow]) -> String {
    let mut s = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<tmx version=\"1.4\">\n",
        "  <header creationtool=\"readout\" creationtoolversion=\"",
        env!("CARGO_PKG_VERSION"),
        "\" segtype=\"sentence\" o-tmf=\"readout\" adminlang=\"en\" srclang=\"zh\" ",
        "datatype=\"plaintext\"/>\n",
        "  <body>\n",
    ));
    for r in rows {
        s.push_str("    <tu>\n");
        if let Some(e) = &r.event {
            s.push_str(&format!(
                "      <prop type=\"x-event\">{}</prop>\n",
                xml_escape(e)
            ));
        }
        for (lang, doc, seg) in [
            (r.zh_lang, &r.original, &r.zh),
            ("en", &r.translation, &r.en),
        ] {
            s.push_str(&format!(
                "      <tuv xml:lang=\"{lang}\">\n        <prop type=\"x-doc\">{}</prop>\n        <seg>{}</seg>\n      </tuv>\n",
                xml_escape(doc),
                xml_escape(seg)
            ));
        }
        s.push_str("    </tu>\n");
    }
    s.push_str("  </body>\n</tmx>\n");
    s
}

/// One JSON object per line.
pub fn jsonl<T: Serialize>(rows: &[T]) -> Result<String, serde_json::Error> {
    let mut s = String::new();
    for r in rows {
        s.push_str(&serde_json::to_string(r)?);
        s.push('\n');
    }
    Ok(s)
}

/// A JSON array of rows.
pub fn json<T: Serialize>(rows: &[T]) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(rows)
}

/// Rows that know their CSV columns.
pub trait CsvRow {
    const HEADER: &'static [&'static str];
    fn fields(&self) -> Vec<String>;
}

fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// RFC 4180 CSV with a header line.
pub fn csv<T: CsvRow>(rows: &[T]) -> String {
    let mut s = T::HEADER.join(",");
    s.push_str("\r\n");
    for r in rows {
        let cols: Vec<String> = r.fields().iter().map(|f| field(f)).collect();
        s.push_str(&cols.join(","));
        s.push_str("\r\n");
    }
    s
}

impl CsvRow for PairRow {
    const HEADER: &'static [&'static str] = &["event", "original", "translation", "zh", "en"];
    fn fields(&self) -> Vec<String> {
        vec![
            self.event.clone().unwrap_or_default(),
            self.original.clone(),
            self.translation.clone(),
            self.zh.clone(),
            self.en.clone(),
        ]
    }
}

/// One event as exported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventExport {
    pub id: String,
    pub kind: String,
    /// `YYYY-MM-DD` where the event is placed, or the date as written.
    pub date: String,
    /// `event` (the text's full date), `published` (its original's publication date)
    /// or `stated` (only what the text states, as written).
    pub date_from: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub place: Option<String>,
    pub chair: Option<String>,
    pub original: String,
    pub versions: usize,
    pub formulations: Vec<String>,
}

impl CsvRow for EventExport {
    const HEADER: &'static [&'static str] = &[
        "id",
        "kind",
        "date",
        "date_from",
        "title",
        "outlet",
        "url",
        "place",
        "chair",
        "original",
        "versions",
        "formulations",
    ];
    fn fields(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.kind.clone(),
            self.date.clone(),
            self.date_from.clone(),
            self.title.clone().unwrap_or_default(),
            self.outlet.clone().unwrap_or_default(),
            self.url.clone().unwrap_or_default(),
            self.place.clone().unwrap_or_default(),
            self.chair.clone().unwrap_or_default(),
            self.original.clone(),
            self.versions.to_string(),
            self.formulations.join("; "),
        ]
    }
}

/// One search hit as exported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HitExport {
    pub rank: usize,
    pub doc: String,
    pub event: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub lang: String,
    pub script: String,
    pub kind: String,
    pub score: f32,
    pub snippet: String,
}

impl CsvRow for HitExport {
    const HEADER: &'static [&'static str] = &[
        "rank", "doc", "event", "title", "date", "outlet", "url", "lang", "script", "kind",
        "score", "snippet",
    ];
    fn fields(&self) -> Vec<String> {
        vec![
            self.rank.to_string(),
            self.doc.clone(),
            self.event.clone().unwrap_or_default(),
            self.title.clone().unwrap_or_default(),
            self.date.clone().unwrap_or_default(),
            self.outlet.clone().unwrap_or_default(),
            self.url.clone().unwrap_or_default(),
            self.lang.clone(),
            self.script.clone(),
            self.kind.clone(),
            format!("{:.3}", self.score),
            self.snippet.clone(),
        ]
    }
}

/// One mention of a formulation as exported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentionExport {
    pub formulation: String,
    pub date: Option<String>,
    /// `event` or `published` (see [`EventExport::date_from`]).
    pub date_from: Option<String>,
    pub first: bool,
    pub doc: String,
    pub event: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub spelling: String,
    pub headline: bool,
    pub para: usize,
    pub start: usize,
    pub end: usize,
    /// The sentence around it, as written.
    pub context: String,
}

impl CsvRow for MentionExport {
    const HEADER: &'static [&'static str] = &[
        "formulation",
        "date",
        "date_from",
        "first",
        "doc",
        "event",
        "title",
        "outlet",
        "spelling",
        "headline",
        "para",
        "start",
        "end",
        "context",
    ];
    fn fields(&self) -> Vec<String> {
        vec![
            self.formulation.clone(),
            self.date.clone().unwrap_or_default(),
            self.date_from.clone().unwrap_or_default(),
            self.first.to_string(),
            self.doc.clone(),
            self.event.clone().unwrap_or_default(),
            self.title.clone().unwrap_or_default(),
            self.outlet.clone().unwrap_or_default(),
            self.spelling.clone(),
            self.headline.to_string(),
            self.para.to_string(),
            self.start.to_string(),
            self.end.to_string(),
            self.context.clone(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(zh: &str, en: &str) -> PairRow {
        PairRow {
            event: Some("ev-a-0".into()),
            original: "a-0".into(),
            translation: "a-1".into(),
            zh: zh.into(),
            en: en.into(),
            zh_lang: "zh-Hant",
        }
    }

    #[test]
    fn xml_escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            xml_escape("a<b>&\"c'\u{1}\u{FFFF}d"),
            "a&lt;b&gt;&amp;&quot;c&apos;d"
        );
    }

    #[test]
    fn tmx_has_one_tu_per_pair_with_languages_and_props() {
        let t = tmx(&[row("會議指出：<要>", "The meeting said & more")]);
        assert!(t.contains("<tmx version=\"1.4\">"));
        assert_eq!(t.matches("<tu>").count(), 1);
        assert!(t.contains("<tuv xml:lang=\"zh-Hant\">"));
        assert!(t.contains("<prop type=\"x-event\">ev-a-0</prop>"));
        assert!(t.contains("<seg>會議指出：&lt;要&gt;</seg>"));
        assert!(t.contains("<seg>The meeting said &amp; more</seg>"));
    }

    #[test]
    fn csv_quotes_fields_that_need_it() {
        let c = csv(&[row("甲，乙", "He said \"yes\", then\nleft")]);
        let lines: Vec<&str> = c.split("\r\n").collect();
        assert_eq!(lines[0], "event,original,translation,zh,en");
        assert_eq!(
            lines[1],
            "ev-a-0,a-0,a-1,甲，乙,\"He said \"\"yes\"\", then\nleft\""
        );
    }

    #[test]
    fn jsonl_is_one_object_per_line() {
        let j = jsonl(&[row("一", "one"), row("二", "two\nlines")]).unwrap();
        let lines: Vec<&str> = j.lines().collect();
        assert_eq!(lines.len(), 2);
        let v: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
        assert_eq!(v["en"], "two\nlines");
        assert_eq!(v["original"], "a-0");
    }
}
