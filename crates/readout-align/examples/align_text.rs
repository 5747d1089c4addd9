//! Aligns two plain-text files (Chinese, English) and prints the beads, coverage and
//! omissions: a quick look at what the aligner does on any pair.
//!
//! ```text
//! cargo run --release -p readout-align --example align_text -- zh.txt en.txt
//! ```

use readout_align::{split_en, split_zh, Aligner};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() != 2 {
        eprintln!("usage: align_text ZH.txt EN.txt");
        std::process::exit(2);
    }
    let read = |p: &str| {
        std::fs::read_to_string(p).unwrap_or_else(|e| {
            eprintln!("cannot read {p}: {e}");
            std::process::exit(1)
        })
    };
    let (zh_text, en_text) = (read(&args[0]), read(&args[1]));
    let zh: Vec<&str> = split_zh(&zh_text).into_iter().map(|s| s.text).collect();
    let en: Vec<&str> = split_en(&en_text).into_iter().map(|s| s.text).collect();
    let aligner = Aligner::default();
    let a = aligner.align(&zh, &en);
    for b in &a.beads {
        println!("{:?} <-> {:?}  evidence {:.1}", b.zh, b.en, b.evidence);
        for s in b.zh.clone() {
            println!("   zh {s}: {}", zh[s]);
        }
        for t in b.en.clone() {
            println!("   en {t}: {}", en[t]);
        }
    }
    println!("coverage {:.2}, ratio {:.2}", a.coverage(), a.ratio);
    let om = aligner.omissions(&zh, &en, &a);
    println!("omitted sentences: {:?}", om.sentences);
    for p in &om.phrases {
        println!("omitted in {}: {}", p.sentence, p.text);
    }
}
