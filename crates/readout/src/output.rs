//! Writing results to standard output: text, tables and JSON.
//!
//! Every write goes through here so a closed pipe (`readout docs | head`) ends the
//! program quietly instead of panicking.

use anyhow::Result;
use serde::Serialize;
use std::io::Write;

/// Standard output for results (progress and errors go to standard error).
pub struct Out {
    _private: (),
}

impl Out {
    pub fn stdout() -> Out {
        Out { _private: () }
    }

    /// Writes `s` as is.
    pub fn text(&self, s: &str) -> Result<()> {
        let mut w = std::io::stdout().lock();
        w.write_all(s.as_bytes())?;
        w.flush()?;
        Ok(())
    }

    /// Writes `s` and a newline.
    pub fn line(&self, s: &str) -> Result<()> {
        self.text(&format!("{s}\n"))
    }

    /// Writes `value` as pretty JSON and a newline.
    pub fn json<T: Serialize + ?Sized>(&self, value: &T) -> Result<()> {
        let mut w = std::io::BufWriter::new(std::io::stdout().lock());
        serde_json::to_writer_pretty(&mut w, value)?;
        w.write_all(b"\n")?;
        w.flush()?;
        Ok(())
    }

    /// Writes rows as columns separated by two spaces, each as wide as its widest
    /// cell; the last column is not padded (it holds free text such as titles).
    pub fn table(&self, header: &[&str], rows: &[Vec<String>]) -> Result<()> {
        let columns = header.len();
        let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
        for row in rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(width(cell));
            }
        }
        let mut text = String::new();
        let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
        for row in std::iter::once(&header).chain(rows) {
            let mut line = String::new();
            for (i, cell) in row.iter().enumerate().take(columns) {
                if i + 1 == columns {
                    line.push_str(cell);
                } else {
                    line.push_str(cell);
                    let pad = widths[i] - width(cell) + 2;
                    line.extend(std::iter::repeat_n(' ', pad));
                }
            }
            text.push_str(line.trim_end());
            text.push('\n');
        }
        self.text(&text)
    }
}

/// Whether `err` is a write to a closed pipe, which ends output but is no failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || e.downcast_ref::<serde_json::Error>()
                .and_then(|j| j.io_error_kind())
                .is_some_and(|k| k == std::io::ErrorKind::BrokenPipe)
    })
}

/// Columns a character takes on a terminal: East Asian wide and fullwidth characters
/// take two, so that tables of Chinese text line up. (Display width, Hangul and kana
/// included: not the Han test `readout_lang::is_han`.)
pub fn char_width(c: char) -> usize {
    let wide = matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
    if wide {
        2
    } else if c.is_control() {
        0
    } else {
        1
    }
}

/// Columns `s` takes on a terminal.
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// One line of free text fit for a table cell: control characters become spaces.
pub fn cell(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_takes_two_columns() {
        assert_eq!(width("习近平"), 6);
        assert_eq!(width("Xi"), 2);
        assert_eq!(width("《纲要》，"), 10);
        assert_eq!(width("a\tb"), 2);
    }
}
