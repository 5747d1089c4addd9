//! `readout export`: the aligned sentence pairs of every translation in the store, as
//! a TMX 1.4b translation memory, JSON Lines or CSV.

use crate::cli::{ExportArgs, ExportFormat};
use crate::docs::open;
use anyhow::{Context, Result};
use readout_store::Store;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

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

/// Every pair of aligned sentence groups in the store (groups with both sides), by
/// original, then translation, then position.
pub fn pairs(store: &Store) -> Result<Vec<PairRow>> {
    let mut rows = Vec::new();
    for a in store
        .list_alignments()
        .context("cannot read the alignments")?
    {
        let stored = crate::record_io::alignment(&a)?;
        let original = store.get_doc(&a.original)?;
        let zh_lang = match original.as_ref().map(|d| d.script) {
            Some(readout_text::Script::Hans) => "zh-Hans",
            Some(readout_text::Script::Hant) => "zh-Hant",
            _ => "zh",
        };
        let text = |sents: &[readout_collection::SentenceRef], ids: &[usize], sep: &str| {
            ids.iter()
                .filter_map(|&i| sents.get(i).map(|s| s.text.as_str()))
                .collect::<Vec<_>>()
                .join(sep)
        };
        for b in &stored.beads {
            if b.zh.is_empty() || b.en.is_empty() {
                continue;
            }
            rows.push(PairRow {
                event: Some(a.event_id.clone()),
                original: a.original.clone(),
                translation: a.translation.clone(),
                zh: text(&stored.original_sentences, &b.zh, ""),
                en: text(&stored.translation_sentences, &b.en, " "),
                zh_lang,
            });
        }
    }
    Ok(rows)
}

pub fn run(data: &Path, args: &ExportArgs) -> Result<()> {
    let store = open(data)?;
    let rows = pairs(&store)?;
    let body = match args.format {
        ExportFormat::Tmx => tmx(&rows),
        ExportFormat::Jsonl => jsonl(&rows)?,
        ExportFormat::Csv => csv(&rows),
    };
    match &args.out {
        Some(path) => write_file(path, body.as_bytes()),
        None => crate::output::Out::stdout().text(&body),
    }?;
    if rows.is_empty() {
        eprintln!("No aligned pairs: the store holds no translation linked to its original yet.");
    }
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file renamed into place, so a failed
/// export never leaves half a file where a whole one was.
fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let tmp = dir.join(format!(".{name}.partial"));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.with_context(|| format!("cannot write {}", path.display()))
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
pub fn jsonl(rows: &[PairRow]) -> Result<String> {
    let mut s = String::new();
    for r in rows {
        s.push_str(&serde_json::to_string(r)?);
        s.push('\n');
    }
    Ok(s)
}

/// RFC 4180 CSV with a header line; fields with commas, quotes or line breaks quoted.
pub fn csv(rows: &[PairRow]) -> String {
    fn field(s: &str) -> String {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    }
    let mut s = String::from("event,original,translation,zh,en\r\n");
    for r in rows {
        let cols = [
            field(r.event.as_deref().unwrap_or("")),
            field(&r.original),
            field(&r.translation),
            field(&r.zh),
            field(&r.en),
        ];
        s.push_str(&cols.join(","));
        s.push_str("\r\n");
    }
    s
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
        assert!(t.contains("srclang=\"zh\""));
        assert_eq!(t.matches("<tu>").count(), 1);
        assert!(t.contains("<tuv xml:lang=\"zh-Hant\">"));
        assert!(t.contains("<tuv xml:lang=\"en\">"));
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
        assert_eq!(v["event"], "ev-a-0");
        assert_eq!(v["original"], "a-0");
    }
}
