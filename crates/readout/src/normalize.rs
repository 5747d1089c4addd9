//! `readout normalize`: the mainland-simplified view of standard input, as readout
//! matches on it (or the character layer alone, with `--chars-only`).

use crate::cli::NormalizeArgs;
use crate::output::Out;
use anyhow::{bail, Context, Result};
use std::io::Read;

pub fn run(args: &NormalizeArgs) -> Result<()> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .context("cannot read standard input")?;
    let Ok(text) = String::from_utf8(bytes) else {
        bail!(
            "standard input is not UTF-8 text; convert it first (for instance \
             `iconv -f GBK -t UTF-8 file | readout normalize`)"
        );
    };
    let view = if args.chars_only {
        readout_normalize::chars_only(&text)
    } else {
        readout_normalize::normalize(&text)
    };
    Out::stdout().text(&view.text)
}
