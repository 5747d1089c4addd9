//! Throughput of the normalizer on one text file, for bench/normalize.sh.
//!
//! Usage: normalize_throughput FILE [MODE] [ROUNDS]; MODE is `normalize`,
//! `chars` or `chars-opencc`. Prints `MODE MB/s` on one line; the
//! untimed first round builds the dictionaries.

use readout_normalize::{chars_only, chars_only_as, normalize, Convention, Normalized};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: normalize_throughput FILE [MODE] [ROUNDS]")?;
    let mode = args.next().unwrap_or_else(|| "normalize".into());
    let rounds: usize = args.next().map_or(Ok(5), |r| r.parse())?;
    let text = std::fs::read_to_string(path)?;
    let f: fn(&str) -> Normalized = match mode.as_str() {
        "normalize" => normalize,
        "chars" => chars_only,
        "chars-opencc" => |t| chars_only_as(t, Convention::Opencc),
        other => return Err(format!("unknown mode {other}").into()),
    };
    let warm = f(&text);
    let mut best = f64::MAX;
    for _ in 0..rounds {
        let t0 = Instant::now();
        let n = f(&text);
        let dt = t0.elapsed().as_secs_f64();
        assert_eq!(n.text.len(), warm.text.len());
        best = best.min(dt);
    }
    println!("{mode} {:.1}", text.len() as f64 / best / 1e6);
    Ok(())
}
