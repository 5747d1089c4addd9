//! `readout align` (a Chinese text and its English version, sentence by sentence, with
//! what the English leaves out) and `readout align-eval` (the aligner against gold).

use crate::cli::{AlignArgs, AlignEvalArgs};
use crate::guard::{self, Failure};
use crate::output::{char_width, Out};
use anyhow::{bail, Context, Result};
use readout_align::Aligner;
use readout_collection::prepare::Prepared;
use readout_collection::{align_pair, InputDoc, SentenceRef};
use readout_store::{OpenMode, Store};
use readout_text::{DocKind, Document, Lang, Limits, Script};
use serde::Serialize;
use std::path::Path;

/// One side of an alignment: a stored document or a file read for the occasion.
struct Side {
    /// The document id, or the file as given.
    source: String,
    doc: Document,
}

#[derive(Debug, Serialize)]
struct SideJson<'a> {
    /// The document id, or the file as given.
    source: &'a str,
    lang: Lang,
    script: Script,
    title: Option<&'a str>,
}

/// A sentence: characters `start..end` of body paragraph `para`, as written.
#[derive(Debug, Clone, Serialize)]
struct SentenceJson {
    para: usize,
    start: usize,
    end: usize,
    text: String,
}

#[derive(Debug, Serialize)]
struct PairJson {
    /// Indices of the Chinese and English sentences of this group (one side may be
    /// empty: a sentence without counterpart).
    zh: Vec<usize>,
    en: Vec<usize>,
    zh_text: String,
    en_text: String,
    evidence: f32,
}

#[derive(Debug, Serialize)]
struct OmittedJson {
    /// Index of the Chinese sentence.
    sentence: usize,
    text: String,
}

#[derive(Debug, Serialize)]
struct SentencesJson {
    zh: Vec<SentenceJson>,
    en: Vec<SentenceJson>,
}

#[derive(Debug, Serialize)]
struct AlignJson<'a> {
    zh: SideJson<'a>,
    en: SideJson<'a>,
    /// Share of the Chinese sentences the English renders.
    coverage: f32,
    pairs: Vec<PairJson>,
    /// Chinese sentences the English leaves out.
    omitted_sentences: Vec<OmittedJson>,
    /// Phrases of aligned Chinese sentences the English does not render.
    omitted_phrases: Vec<OmittedJson>,
    sentences: SentencesJson,
}

pub fn run(data: &Path, args: &AlignArgs) -> Result<()> {
    let mut store = None;
    let a = resolve(&args.a, data, &mut store)?;
    let b = resolve(&args.b, data, &mut store)?;
    let (zh, en) = match (a.doc.lang, b.doc.lang) {
        (Lang::Zh, Lang::En) => (a, b),
        (Lang::En, Lang::Zh) => (b, a),
        (x, y) => bail!(
            "`{}` is {} and `{}` is {}: align needs one Chinese and one English text",
            a.source,
            crate::json::name(&x),
            b.source,
            crate::json::name(&y)
        ),
    };
    let zp = Prepared::new(&InputDoc {
        id: &zh.source,
        doc: &zh.doc,
    });
    let ep = Prepared::new(&InputDoc {
        id: &en.source,
        doc: &en.doc,
    });
    // The collection's own pair alignment: the same sentences, spans and omissions as
    // the stored record.
    let pair = align_pair(&zp, &ep, &Aligner::default());
    let sentence = |r: &SentenceRef| SentenceJson {
        para: r.para,
        start: r.start,
        end: r.end,
        text: r.text.clone(),
    };
    let zh_sents: Vec<SentenceJson> = pair.original_sentences.iter().map(sentence).collect();
    let en_sents: Vec<SentenceJson> = pair.translation_sentences.iter().map(sentence).collect();
    let joined = |sents: &[SentenceJson], ids: &[usize], sep: &str| {
        ids.iter()
            .filter_map(|&i| sents.get(i).map(|s| s.text.as_str()))
            .collect::<Vec<_>>()
            .join(sep)
    };
    let pairs: Vec<PairJson> = pair
        .beads
        .iter()
        .map(|b| PairJson {
            zh_text: joined(&zh_sents, &b.zh, ""),
            en_text: joined(&en_sents, &b.en, " "),
            zh: b.zh.clone(),
            en: b.en.clone(),
            evidence: b.evidence,
        })
        .collect();
    let omitted_sentences = pair
        .omitted_sentences
        .iter()
        .filter_map(|&i| {
            Some(OmittedJson {
                sentence: i,
                text: zh_sents.get(i)?.text.clone(),
            })
        })
        .collect();
    let omitted_phrases = pair
        .omitted_phrases
        .iter()
        .map(|ph| OmittedJson {
            sentence: ph.sentence,
            text: ph.text.clone(),
        })
        .collect();
    let shaped = AlignJson {
        zh: side(&zh),
        en: side(&en),
        coverage: pair.coverage,
        pairs,
        omitted_sentences,
        omitted_phrases,
        sentences: SentencesJson {
            zh: zh_sents,
            en: en_sents,
        },
    };
    let out = Out::stdout();
    if args.json {
        return out.json(&shaped);
    }
    out.text(&render(&shaped, columns()))
}

fn side(s: &Side) -> SideJson<'_> {
    SideJson {
        source: &s.source,
        lang: s.doc.lang,
        script: s.doc.script,
        title: s.doc.title.as_deref(),
    }
}

/// Finds what `arg` names: a file (read like an ingest would, not stored) or a
/// document in the store.
fn resolve(arg: &str, data: &Path, store: &mut Option<Store>) -> Result<Side> {
    let path = Path::new(arg);
    if path.is_file() {
        return read_file(path);
    }
    if store.is_none() {
        match Store::open(data, OpenMode::ReadOnly) {
            Ok(s) => *store = Some(s),
            Err(readout_store::StoreError::Missing(_)) => bail!(
                "`{arg}` is not a file, and there is no store in {} to look it up as a \
                 document id (`readout ingest PATH` makes one)",
                data.display()
            ),
            Err(e) => {
                return Err(e)
                    .with_context(|| format!("cannot open the store in {}", data.display()))
            }
        }
    }
    let Some(store) = store.as_ref() else {
        bail!("the store could not be opened");
    };
    let d = crate::docs::find(store, arg)
        .with_context(|| format!("`{arg}` is not a file; as a document id it names nothing"))?;
    let doc = d.to_document();
    Ok(Side { source: d.id, doc })
}

fn read_file(path: &Path) -> Result<Side> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    guard::install();
    let reading = match guard::read(&bytes, name.as_deref(), &Limits::default()) {
        Ok(r) => r,
        Err(Failure::Rejected(r)) => bail!("cannot align {}: {r}", path.display()),
        Err(Failure::Panicked(m)) => bail!(
            "the reader failed on {}, a bug in readout (please report it with the file): {m}",
            path.display()
        ),
    };
    // The file's main text: its longest article (a page may carry stray fragments).
    let size = |d: &Document| d.body.iter().map(|p| p.text.len()).sum::<usize>();
    let doc = reading
        .documents
        .into_iter()
        .max_by_key(|d| (d.kind == DocKind::Article, size(d)))
        .with_context(|| format!("{} holds no text to align", path.display()))?;
    Ok(Side {
        source: path.display().to_string(),
        doc,
    })
}

/// Terminal width from `COLUMNS`, else 100.
fn columns() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&c: &usize| c >= 40)
        .unwrap_or(100)
}

/// `text` broken into lines of at most `width` columns (English at spaces where it
/// can, Chinese anywhere).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    let flush = |line: &mut String, used: &mut usize, lines: &mut Vec<String>| {
        if !line.trim().is_empty() {
            lines.push(line.trim_end().to_string());
        }
        line.clear();
        *used = 0;
    };
    for word in text.split_inclusive(' ') {
        let w: usize = word.trim_end().chars().map(char_width).sum();
        if used + w > width && used > 0 && w <= width {
            flush(&mut line, &mut used, &mut lines);
        }
        if used + w <= width {
            line.push_str(word);
            used += word.chars().map(char_width).sum::<usize>();
            continue;
        }
        // Longer than what is left (Chinese has no spaces): break anywhere.
        for c in word.chars() {
            let cw = char_width(c);
            if used + cw > width && used > 0 {
                flush(&mut line, &mut used, &mut lines);
            }
            if line.is_empty() && c == ' ' {
                continue;
            }
            line.push(c);
            used += cw;
        }
    }
    flush(&mut line, &mut used, &mut lines);
    lines
}

fn pad(s: &str, width: usize) -> String {
    let w: usize = s.chars().map(char_width).sum();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

fn render(a: &AlignJson, total: usize) -> String {
    let col = (total.saturating_sub(3) / 2).max(16);
    let describe = |s: &SideJson| {
        format!(
            "{}  ({}/{})  {}",
            s.source,
            crate::json::name(&s.lang),
            crate::json::name(&s.script),
            s.title.unwrap_or("")
        )
    };
    let rendered = a
        .pairs
        .iter()
        .filter(|p| !p.zh.is_empty() && !p.en.is_empty())
        .count();
    let mut text = format!(
        "zh  {}\nen  {}\n{} aligned pairs; coverage {:.2} of {} Chinese sentences\n\n",
        describe(&a.zh),
        describe(&a.en),
        rendered,
        a.coverage,
        a.sentences.zh.len()
    );
    for p in &a.pairs {
        let left = if p.zh.is_empty() {
            vec!["(not in the Chinese)".to_string()]
        } else {
            wrap(&p.zh_text, col)
        };
        let right = if p.en.is_empty() {
            vec!["(not in the English)".to_string()]
        } else {
            wrap(&p.en_text, col)
        };
        for i in 0..left.len().max(right.len()) {
            let l = left.get(i).map_or("", String::as_str);
            let r = right.get(i).map_or("", String::as_str);
            text.push_str(format!("{} │ {r}", pad(l, col)).trim_end());
            text.push('\n');
        }
        text.push('\n');
    }
    if !a.omitted_sentences.is_empty() {
        text.push_str("Chinese sentences the English leaves out:\n");
        for o in &a.omitted_sentences {
            text.push_str(&format!("  [{}] {}\n", o.sentence, o.text));
        }
    }
    if !a.omitted_phrases.is_empty() {
        text.push_str("Phrases of aligned sentences the English does not render:\n");
        for o in &a.omitted_phrases {
            text.push_str(&format!("  [{}] {}\n", o.sentence, o.text));
        }
    }
    text
}

/// `readout align-eval`: strict precision, recall and F1 of the aligner.
pub fn eval(args: &AlignEvalArgs) -> Result<()> {
    for (flag, dir) in [
        ("--src", &args.src),
        ("--tgt", &args.tgt),
        ("--gold", &args.gold),
    ] {
        if !dir.is_dir() {
            bail!("{flag} {} is not a directory", dir.display());
        }
    }
    let scores = readout_align::eval(&args.src, &args.tgt, &args.gold)
        .context("cannot evaluate the aligner (is this the aligner-eval layout?)")?;
    let out = Out::stdout();
    if args.json {
        return out.json(&scores);
    }
    out.line(&format!(
        "precision {:.4}  recall {:.4}  F1 {:.4}",
        scores.precision, scores.recall, scores.f1
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_counts_wide_characters_twice_and_keeps_every_character() {
        let zh = "推动长江经济带高质量发展";
        let lines = wrap(zh, 10);
        assert!(lines
            .iter()
            .all(|l| l.chars().map(char_width).sum::<usize>() <= 10));
        assert_eq!(lines.concat(), zh);
        let en = "The Political Bureau held a meeting";
        let lines = wrap(en, 12);
        assert_eq!(lines, ["The", "Political", "Bureau held", "a meeting"]);
    }
}
