//! `readout normalize`: the mainland-simplified view of standard input, as readout
//! matches on it (or the character layer alone, with `--chars-only`).

use crate::cli::NormalizeArgs;
use crate::output::Out;
use anyhow::{bail, Context, Result};
use std::io::{Read, Write};

pub fn run(args: &NormalizeArgs) -> Result<()> {
    let input = Input::read()?;
    let bytes = input.bytes();
    // simdutf8 validates Chinese text many times faster than the standard
    // library (which would otherwise take a tenth of the command's time).
    let Ok(text) = simdutf8::basic::from_utf8(bytes) else {
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

/// Standard input: mapped when it is a regular file (no copy, and the pages come from
/// the page cache as they are read), else read whole.
enum Input {
    Mapped(memmap2::Mmap),
    Read(Vec<u8>),
}

impl Input {
    fn read() -> Result<Input> {
        let stdin = std::io::stdin();
        let file = std::fs::File::open("/dev/stdin");
        if let Ok(f) = &file {
            if f.metadata().is_ok_and(|m| m.is_file() && m.len() > 0) {
                // SAFETY: the map is read-only and private to this process; a file
                // changed by another process while it is read gives changed text,
                // which is then validated as UTF-8 like any other input.
                if let Ok(map) = unsafe { memmap2::Mmap::map(f) } {
                    return Ok(Input::Mapped(map));
                }
            }
        }
        let mut bytes = Vec::new();
        stdin
            .lock()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        Ok(Input::Read(bytes))
    }

    fn bytes(&self) -> &[u8] {
        match self {
            Input::Mapped(m) => m,
            Input::Read(v) => v,
        }
    }
}
