//! Prints what the reader makes of files: one line per document (kind, language,
//! title, url, date and where it came from, paragraph count), for looking at real
//! archives while working on the reader. `cargo run --example read_file -- FILE…`
use readout_text::{read, Limits};

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("readable file");
        match read(&bytes, Some(&path), &Limits::default()) {
            Err(e) => println!("{path}: rejected: {e}"),
            Ok(r) => {
                println!(
                    "{path}: {:?}, {} documents",
                    r.decoded.format,
                    r.documents.len()
                );
                for d in &r.documents {
                    println!(
                        "  {:?} {:?} {:?} | {} | url={} | {} ({}) | page={} | body={}",
                        d.kind,
                        d.lang,
                        d.script,
                        d.title.as_deref().unwrap_or("-"),
                        d.meta.url.as_deref().unwrap_or("-"),
                        d.meta.published.as_deref().unwrap_or("-"),
                        d.meta.published_from.map_or("-", |f| f.as_str()),
                        d.meta.page.as_deref().unwrap_or("-"),
                        d.body.len()
                    );
                }
            }
        }
    }
}
