//! `readout docs` and `readout show`: the documents in the store.

use crate::json::{name, DocJson};
use crate::output::{cell, Out};
use anyhow::{bail, Context, Result};
use readout_store::{DocRecord, OpenMode, Store};
use std::path::Path;

pub fn open(data: &Path) -> Result<Store> {
    Store::open(data, OpenMode::ReadOnly)
        .with_context(|| format!("cannot open the store in {}", data.display()))
}

pub fn list(data: &Path, json: bool) -> Result<()> {
    let store = open(data)?;
    let docs = store.list_docs().context("cannot list the documents")?;
    let out = Out::stdout();
    if json {
        let shaped: Vec<DocJson> = docs.iter().map(DocJson::new).collect();
        return out.json(&shaped);
    }
    let rows: Vec<Vec<String>> = docs
        .iter()
        .map(|d| {
            vec![
                d.id.clone(),
                name(&d.kind),
                name(&d.lang),
                name(&d.script),
                cell(d.title.as_deref().unwrap_or("-")),
            ]
        })
        .collect();
    out.table(&["ID", "KIND", "LANG", "SCRIPT", "TITLE"], &rows)?;
    if docs.is_empty() {
        crate::output::note("No documents yet: `readout ingest PATH` reads some.");
    }
    Ok(())
}

pub fn show(data: &Path, doc: &str, json: bool) -> Result<()> {
    let store = open(data)?;
    let d = find(&store, doc)?;
    let out = Out::stdout();
    if json {
        return out.json(&DocJson::new(&d));
    }
    let mut text = String::new();
    let mut field = |key: &str, value: Option<&str>| {
        if let Some(v) = value {
            text.push_str(&format!("{key:<10} {}\n", cell(v)));
        }
    };
    field("id", Some(&d.id));
    field("file", Some(&d.file));
    field("kind", Some(&name(&d.kind)));
    field("lang", Some(&name(&d.lang)));
    field("script", Some(&name(&d.script)));
    field("title", d.title.as_deref());
    let published = d
        .meta
        .published
        .as_deref()
        .map(|p| match d.meta.published_from {
            Some(from) => format!("{p} (from the {})", from.as_str()),
            None => p.to_string(),
        });
    field("published", published.as_deref());
    field("url", d.meta.url.as_deref());
    field("page", d.meta.page.as_deref());
    field("source", d.meta.source.as_deref());
    field("author", d.meta.author.as_deref());
    field("editor", d.meta.editor.as_deref());
    field("dateline", d.meta.dateline.as_deref());
    for b in &d.meta.boilerplate {
        field("site", Some(b));
    }
    if d.removed > 0 {
        field(
            "removed",
            Some(&format!(
                "{} code points (emoji, symbols, invisibles)",
                d.removed
            )),
        );
    }
    if !d.headlines.is_empty() {
        text.push('\n');
        for h in &d.headlines {
            text.push_str(&format!("# {}\n", h.text));
        }
    }
    for p in &d.body {
        text.push('\n');
        text.push_str(&p.text);
        text.push('\n');
    }
    out.text(&text)
}

/// The document `doc` names: an exact id, or a prefix that only one id starts with.
pub(crate) fn find(store: &Store, doc: &str) -> Result<DocRecord> {
    if let Some(d) = store.get_doc(doc)? {
        return Ok(d);
    }
    let ids = store.doc_ids_with_prefix(doc, 6)?;
    match ids.as_slice() {
        [] => bail!("no document `{doc}` in the store; `readout docs` lists them"),
        [one] => store
            .get_doc(one)?
            .with_context(|| format!("document {one} vanished while being read")),
        many => bail!(
            "`{doc}` is the start of several ids ({}{}); give more of the id",
            many[..many.len().min(5)].join(", "),
            if many.len() > 5 { ", …" } else { "" }
        ),
    }
}
