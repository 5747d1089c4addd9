//! Times queries against an existing index (a store's `DATA/index`): wall and process
//! CPU per query, median and worst of `rounds` runs after one warm-up. CPU time keeps
//! comparisons honest on a shared machine; wall time is what a user waits.
//!
//! `cargo run --release -p readout-search --example query_index -- DATA/index ROUNDS Q...`

use readout_search::{Query, SearchIndex};
use std::time::Instant;

fn process_cpu_ms() -> f64 {
    // SAFETY: getrusage fills a zeroed rusage struct through a valid pointer.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    let tv = |t: libc::timeval| t.tv_sec as f64 * 1e3 + t.tv_usec as f64 / 1e3;
    tv(ru.ru_utime) + tv(ru.ru_stime)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(rounds)) = (args.next(), args.next()) else {
        eprintln!("usage: query_index DATA/index ROUNDS QUERY...");
        std::process::exit(2);
    };
    let rounds: usize = rounds.parse().unwrap_or(10).max(1);
    let index = match SearchIndex::open(dir.as_ref()) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("cannot open {dir}: {e}");
            std::process::exit(1);
        }
    };
    for q in args {
        let query = Query {
            text: q.clone(),
            ..Query::default()
        };
        let total = index.search(&query).map(|r| r.total).unwrap_or(0);
        let (mut wall, mut cpu) = (Vec::new(), Vec::new());
        for _ in 0..rounds {
            let (t, c) = (Instant::now(), process_cpu_ms());
            let _ = index.search(&query);
            wall.push(t.elapsed().as_secs_f64() * 1e3);
            cpu.push(process_cpu_ms() - c);
        }
        wall.sort_by(f64::total_cmp);
        cpu.sort_by(f64::total_cmp);
        println!(
            "{q}\t{total} docs\twall median {:.1} ms, max {:.1} ms\tcpu median {:.1} ms",
            wall[rounds / 2],
            wall[rounds - 1],
            cpu[rounds / 2]
        );
    }
}
