//! Fuzzes the record stage on arbitrary documents: never panics, and every span the
//! record carries (kind cue, date, place, people, documents, strategies, directives,
//! formulations…) lies within the paragraph or headline it names.

#![no_main]

use libfuzzer_sys::fuzz_target;
use readout_record::{record, CivilDate, DocInput, Lang};
use serde_json::Value;

/// Collects every serialized `Span` (an object with `para`, `start`, `end`) in the record,
/// so spans added to the record later are checked too.
fn spans(v: &Value, out: &mut Vec<(bool, u64, u64, u64)>) {
    match v {
        Value::Object(m) => {
            if let (Some(p), Some(s), Some(e)) = (
                m.get("para").and_then(Value::as_u64),
                m.get("start").and_then(Value::as_u64),
                m.get("end").and_then(Value::as_u64),
            ) {
                let headline = m.get("headline").and_then(Value::as_bool).unwrap_or(false);
                out.push((headline, p, s, e));
            }
            m.values().for_each(|x| spans(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| spans(x, out)),
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let lang = match selector % 3 {
        0 => Lang::Zh,
        1 => Lang::En,
        _ => Lang::Other,
    };
    // Lines are paragraphs; with bit 2 set the lines up to the first blank one are
    // headlines; with bit 3 set the document carries a publication date.
    let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    let mut headlines = Vec::new();
    if selector & 4 != 0 {
        let n = lines
            .iter()
            .position(|l| l.trim().is_empty())
            .unwrap_or(1)
            .min(lines.len());
        headlines = lines.drain(..n).collect();
    }
    let mut doc = DocInput::new(lang, lines).with_headlines(headlines);
    if selector & 8 != 0 {
        let year = 1949 + i32::from(selector >> 4) * 5;
        doc = doc.with_published(CivilDate::from((
            year,
            1 + u32::from(selector >> 4) % 12,
            28,
        )));
    }
    let r = record(&doc);
    let value = serde_json::to_value(&r).expect("a record serializes");
    let mut found = Vec::new();
    spans(&value, &mut found);
    for (headline, para, start, end) in found {
        let texts = if headline {
            &doc.headlines
        } else {
            &doc.paragraphs
        };
        let Some(t) = texts.get(para as usize) else {
            panic!(
                "span names {} {para} of {}",
                if headline { "headline" } else { "paragraph" },
                texts.len()
            );
        };
        let n = t.chars().count() as u64;
        assert!(
            start <= end && end <= n,
            "span {start}..{end} outside {} {para} ({n} chars): {t:?}",
            if headline { "headline" } else { "paragraph" }
        );
    }
    assert!(
        r.paragraph_roles.len() <= doc.paragraphs.len(),
        "more roles than paragraphs"
    );
});
