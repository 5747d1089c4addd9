//! `readout normalize`: the mainland-simplified view of standard input, as readout
//! matches on it (or the character layer alone, with `--chars-only`).

use crate::cli::NormalizeArgs;
use crate::output::Out;
use anyhow::{bail, Context, Result};
use std::io::{Read, Write};

pub fn run(args: &NormalizeArgs) -> Result<()> {
    // Sized from the file when standard input is one (no regrowing).
    let size = std::fs::metadata("/dev/stdin").map_or(0, |m| m.len() as usize);
    let mut bytes = Vec::with_capacity(size.saturating_add(1));
    std::io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .context("cannot read standard input")?;
    // simdutf8 validates Chinese text many times faster than the standard
    // library (which would otherwise take a tenth of the command's time).
    let Ok(text) = simdutf8::basic::from_utf8(&bytes) else {
        bail!(
            "standard input is not UTF-8 text; convert it first (for instance \
             `iconv -f GBK -t UTF-8 file | readout normalize`)"
        );
    };
    if args.chars_only {
        return Out::stdout().text(&readout_normalize::chars_only(text).text);
    }
    // Written as it comes: the view of a long text is never held whole.
    let mut out = std::io::stdout().lock();
    readout_normalize::normalize_to(text, |piece| out.write_all(piece.as_bytes()))?;
    out.flush()?;
    Ok(())
}
