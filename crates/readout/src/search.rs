//! `readout search`: query the search index, print hits with their matches marked.

use crate::cli::SearchArgs;
use crate::json::{SearchHitJson, SearchJson};
use crate::output::{cell, Out};
use crate::search_index;
use anyhow::{bail, Context, Result};
use readout_search::{Query, SearchError};
use std::io::IsTerminal;
use std::path::Path;

pub fn run(data: &Path, args: &SearchArgs) -> Result<()> {
    // The store must exist: a missing index then means it was never built.
    let store = crate::docs::open(data)?;
    // Documents stored but not yet in the index (an ingest killed before its index
    // commit): the results miss them, and the user is told.
    let behind = store
        .derived_status(readout_collection::DOC_STAGE_VERSION)
        .map(|s| s.to_index)
        .unwrap_or(0);
    if behind > 0 {
        crate::output::note(&format!(
            "note: the search index does not hold {behind} stored document{} yet; \
             `readout derive` (or the next ingest) adds them",
            if behind == 1 { "" } else { "s" }
        ));
    }
    let index = match search_index::open(data) {
        Ok(index) => index,
        Err(SearchError::Missing(_) | SearchError::Outdated { .. }) => bail!(
            "the store in {} has no current search index; `readout derive` builds it",
            data.display()
        ),
        Err(e) => {
            return Err(e).with_context(|| {
                format!(
                    "cannot open the search index in {} (`readout derive` rebuilds it)",
                    search_index::path(data).display()
                )
            })
        }
    };
    let query = Query {
        text: args.query.clone(),
        lang: args.lang.clone(),
        script: args.script.clone(),
        kind: args.kind.clone(),
        from: args.from.clone(),
        to: args.to.clone(),
        limit: args.limit,
        offset: args.offset,
        ..Query::default()
    };
    let mut results = index
        .search(&query)
        .with_context(|| format!("cannot search for `{}`", args.query))?;
    // The index holds documents; the events they report are the store's.
    crate::search_index::fill_events(&store, &mut results)?;
    let out = Out::stdout();
    let shaped = SearchJson::new(&results);
    if args.json {
        return out.json(&shaped);
    }
    let marks = if std::io::stdout().is_terminal() {
        ("\x1b[1;33m", "\x1b[0m")
    } else {
        ("«", "»")
    };
    out.text(&render(&shaped, args.offset, marks))
}

/// The readable form: a count, facets, then each hit with its snippet marked.
fn render(r: &SearchJson, offset: usize, marks: (&str, &str)) -> String {
    let mut text = match r.total {
        0 => "No document matches.\n".to_string(),
        1 => "1 document matches.\n".to_string(),
        n => format!("{n} documents match.\n"),
    };
    let facet = |name: &str, counts: &std::collections::BTreeMap<String, usize>| {
        let parts: Vec<String> = counts.iter().map(|(k, n)| format!("{k} {n}")).collect();
        (!parts.is_empty()).then(|| format!("{name}: {}", parts.join(", ")))
    };
    let facets: Vec<String> = [
        facet("language", &r.facets.lang),
        facet("script", &r.facets.script),
        facet("kind", &r.facets.kind),
        facet("year", &r.facets.year),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !facets.is_empty() {
        text.push_str(&format!("  {}\n", facets.join(" · ")));
    }
    for (i, h) in r.hits.iter().enumerate() {
        text.push('\n');
        let mut head = format!("{}. {}", offset + i + 1, h.doc);
        if let Some(e) = h.event {
            head.push_str(&format!("  {e}"));
        }
        if let Some(d) = h.date {
            head.push_str(&format!("  {d}"));
        }
        head.push_str(&format!("  [{} {}]", h.lang, h.script));
        if let Some(t) = h.title {
            head.push_str(&format!("  {}", cell(t)));
        }
        text.push_str(&head);
        text.push('\n');
        text.push_str("   ");
        text.push_str(&cell(&mark(h, marks)));
        text.push('\n');
    }
    if r.total > offset + r.hits.len() && !r.hits.is_empty() {
        text.push_str(&format!(
            "\n{} more: --offset {} shows the next.\n",
            r.total - offset - r.hits.len(),
            offset + r.hits.len()
        ));
    }
    text
}

/// The hit's snippet with every highlight inside it wrapped in `marks`.
fn mark(h: &SearchHitJson, (open, close): (&str, &str)) -> String {
    let start = h.snippet_start;
    let chars: Vec<char> = h.snippet.chars().collect();
    let end = start + chars.len();
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut at = start;
    for &[s, e] in h.highlights {
        let (s, e) = (s.max(at), e.min(end));
        if s >= e {
            continue;
        }
        out.extend(&chars[at - start..s - start]);
        out.push_str(open);
        out.extend(&chars[s - start..e - start]);
        out.push_str(close);
        at = e;
    }
    out.extend(&chars[at - start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_fall_on_the_highlighted_characters_of_the_snippet() {
        let hl = [[2, 4], [10, 12], [40, 41]];
        let h = SearchHitJson {
            doc: "d-0",
            event: None,
            title: None,
            score: 1.0,
            snippet: "长江经济带高质量发展，坚持共抓大保护",
            snippet_start: 1,
            highlights: &hl,
            lang: "zh",
            script: "Hans",
            kind: "symposium",
            date: None,
        };
        // Body chars 2..4 are snippet chars 1..3; 10..12 are 9..11; 40 is past the end.
        assert_eq!(
            mark(&h, ("[", "]")),
            "…长[江经]济带高质量发[展，]坚持共抓大保护"
        );
    }
}
