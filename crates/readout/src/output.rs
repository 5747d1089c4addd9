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

/// One line of free text fit for a table cell: tabs and line breaks become spaces,
/// any other control character is escaped ([`Safe`]).
pub fn cell(s: &str) -> String {
    let spaced: String = s
        .chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect();
    Safe(&spaced).to_string()
}

/// Text from outside (file names, titles, reasons naming them) as it may be shown on a
/// terminal: C0 and C1 controls, DEL and the bidirectional overrides and isolates are
/// written as `\u{..}`, so a name can neither send escape sequences (recolour, retitle,
/// move the cursor) nor forge a line or reorder what follows. A backslash is doubled, so
/// an escaped name cannot be mistaken for one that contains the escape literally.
/// The one home of this rule: everything printed for people goes through it.
pub struct Safe<'a>(pub &'a str);

/// Whether `c` must not reach a terminal raw.
fn unsafe_on_terminal(c: char) -> bool {
    c.is_control() // C0, DEL and C1
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

impl std::fmt::Display for Safe<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use std::fmt::Write as _;
        for c in self.0.chars() {
            if c == '\\' {
                f.write_str("\\\\")?;
            } else if unsafe_on_terminal(c) {
                write!(f, "\\u{{{:x}}}", c as u32)?;
            } else {
                f.write_char(c)?;
            }
        }
        Ok(())
    }
}

/// A path as [`Safe`] text (invalid UTF-8 shown as U+FFFD).
pub fn safe_path(path: &std::path::Path) -> String {
    Safe(&path.to_string_lossy()).to_string()
}

/// Writes `line` and a newline to standard error. A closed or full standard error is
/// not worth dying for (and `eprintln!` would panic): the error is dropped.
pub fn note(line: &str) {
    let mut w = std::io::stderr().lock();
    let _ = writeln!(w, "{line}");
    let _ = w.flush();
}

/// Makes sure descriptors 0, 1 and 2 are open (on /dev/null when they were closed), so
/// that no file this process opens later takes their place: with standard error closed,
/// the next file opened would otherwise receive every message meant for it.
#[cfg(unix)]
pub fn guard_standard_descriptors() {
    for fd in 0..=2 {
        // SAFETY: fcntl(F_GETFD) only queries the descriptor table.
        let closed = unsafe { libc::fcntl(fd, libc::F_GETFD) } == -1;
        if closed {
            let null = c"/dev/null";
            let flags = if fd == 0 {
                libc::O_RDONLY
            } else {
                libc::O_WRONLY
            };
            // SAFETY: a valid C string; open returns the lowest free descriptor, `fd`.
            let opened = unsafe { libc::open(null.as_ptr(), flags) };
            if opened != fd && opened >= 0 {
                // SAFETY: `opened` is a descriptor this function just opened.
                unsafe {
                    libc::dup2(opened, fd);
                    libc::close(opened);
                }
            }
        }
    }
}

#[cfg(not(unix))]
pub fn guard_standard_descriptors() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_are_escaped() {
        let name = "a\x1b]0;pwned\x07b\u{202E}txt.exe\u{9b}\x7f\\c.txt";
        let shown = Safe(name).to_string();
        assert_eq!(
            shown,
            "a\\u{1b}]0;pwned\\u{7}b\\u{202e}txt.exe\\u{9b}\\u{7f}\\\\c.txt"
        );
        assert!(shown.chars().all(|c| !unsafe_on_terminal(c)));
        assert_eq!(
            Safe("长江经济带 report.txt").to_string(),
            "长江经济带 report.txt"
        );
        assert_eq!(cell("a\tb\x1bc"), "a b\\u{1b}c");
    }

    #[test]
    fn chinese_takes_two_columns() {
        assert_eq!(width("习近平"), 6);
        assert_eq!(width("Xi"), 2);
        assert_eq!(width("《纲要》，"), 10);
        assert_eq!(width("a\tb"), 2);
    }
}
