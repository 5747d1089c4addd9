//! Normalizes JSON lines from stdin for the evaluation scripts.
//!
//! Each input line is a JSON string; each output line is the JSON string of
//! its normalized view. The first argument picks the function: `normalize`
//! (default), `chars` (chars_only), `chars-opencc`, `chars-taiwan`,
//! `chars-hongkong`.

use readout_normalize::{chars_only, chars_only_as, normalize, Convention, Normalized};
use std::io::{BufRead, BufWriter, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mode = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "normalize".into());
    let f: fn(&str) -> Normalized = match mode.as_str() {
        "normalize" => normalize,
        "chars" => chars_only,
        "chars-opencc" => |t| chars_only_as(t, Convention::Opencc),
        "chars-taiwan" => |t| chars_only_as(t, Convention::Taiwan),
        "chars-hongkong" => |t| chars_only_as(t, Convention::HongKong),
        other => return Err(format!("unknown mode {other}").into()),
    };
    let stdin = std::io::stdin().lock();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in stdin.lines() {
        let line = line?;
        let text: String = serde_json::from_str(&line)?;
        let n = f(&text);
        serde_json::to_writer(&mut out, &n.text)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
