//! Prints a file converted character by character to simplified script with the
//! lexicon's CC-CEDICT pairs (a stand-in for the normalizer when trying things out).

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: to_simplified FILE");
        std::process::exit(2);
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => print!("{}", readout_align::Lexicon::bundled().to_simplified(&text)),
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(1);
        }
    }
}
