//! Prints the record of a text file as JSON: one paragraph per line, lines before the
//! first blank line are headlines when `--headlines` is given.
//!
//! cargo run -p readout-record --example record_text -- [--en] [--published 2023-11-28] [--headlines] FILE

use readout_record::{record, CivilDate, DocInput, Lang};

fn main() {
    let mut lang = Lang::Other;
    let mut published = None;
    let mut headlines = false;
    let mut file = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--en" => lang = Lang::En,
            "--zh" => lang = Lang::Zh,
            "--headlines" => headlines = true,
            "--published" => {
                published = args.next().as_deref().and_then(CivilDate::parse_iso_prefix)
            }
            _ => file = Some(a),
        }
    }
    let Some(file) = file else {
        eprintln!("usage: record_text [--en|--zh] [--published YYYY-MM-DD] [--headlines] FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {file}: {e}");
            std::process::exit(1);
        }
    };
    let (heads, body) = if headlines {
        let mut parts = text.splitn(2, "\n\n");
        (parts.next().unwrap_or(""), parts.next().unwrap_or(""))
    } else {
        ("", text.as_str())
    };
    let lines = |s: &str| {
        s.lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let mut doc = DocInput::new(lang, lines(body)).with_headlines(lines(heads));
    doc.published = published;
    let r = record(&doc);
    println!("{}", serde_json::to_string_pretty(&r).unwrap_or_default());
}
