//! Turning the paths given to ingest into the list of files to read.
//!
//! Directories are walked recursively in name order (so the same tree is always
//! ingested in the same order, and gets the same listing order). Symbolic links are
//! followed; a link that leads back into its own ancestry is reported, not followed.

use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A path that will not be read, and why, in one line.
#[derive(Debug, Clone)]
pub struct Rejected {
    pub path: PathBuf,
    pub reason: String,
}

/// What walking the given paths found.
#[derive(Debug, Default)]
pub struct Walk {
    /// Regular files, in the order to ingest them.
    pub files: Vec<PathBuf>,
    pub rejected: Vec<Rejected>,
    /// Hidden files and directories skipped inside directories.
    pub skipped_hidden: usize,
}

/// Walks `roots` in order. Hidden entries inside a directory are skipped unless
/// `hidden`; a root is always taken, since the user named it.
pub fn walk(roots: &[PathBuf], hidden: bool) -> Walk {
    let mut out = Walk::default();
    for root in roots {
        let mut skipped = 0;
        let entries = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let keep =
                    hidden || e.depth() == 0 || !e.file_name().as_encoded_bytes().starts_with(b".");
                if !keep {
                    skipped += 1;
                }
                keep
            });
        for entry in entries {
            match entry {
                Ok(e) if e.file_type().is_file() => out.files.push(e.into_path()),
                Ok(e) if e.file_type().is_dir() => {}
                Ok(e) => out.rejected.push(Rejected {
                    reason: format!("not a regular file ({})", special_kind(e.path())),
                    path: e.into_path(),
                }),
                Err(err) => {
                    let path = err.path().unwrap_or(root).to_path_buf();
                    let reason = if let Some(ancestor) = err.loop_ancestor() {
                        format!(
                            "symbolic link loop: leads back to {}, not followed",
                            ancestor.display()
                        )
                    } else if let Some(io) = err.io_error() {
                        io_reason(&path, io)
                    } else {
                        err.to_string()
                    };
                    out.rejected.push(Rejected { path, reason });
                }
            }
        }
        out.skipped_hidden += skipped;
    }
    out
}

/// A one-line reason for an I/O error on `path`, saying what to do where there is
/// something to do.
pub fn io_reason(path: &Path, err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let is_link = path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink());
    match err.kind() {
        ErrorKind::NotFound if is_link => "broken symbolic link (its target does not exist)".into(),
        ErrorKind::NotFound => "no such file or directory".into(),
        ErrorKind::PermissionDenied => {
            "permission denied (check the file's permissions or run as a user who can read it)"
                .into()
        }
        _ if is_loop(err) => {
            "symbolic link loop (too many levels of symbolic links), not followed".into()
        }
        _ => err.to_string(),
    }
}

/// ELOOP: a link that points (through others) at itself.
fn is_loop(err: &std::io::Error) -> bool {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    const ELOOP: i32 = 40;
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    const ELOOP: i32 = 62;
    err.raw_os_error() == Some(ELOOP)
}

fn special_kind(path: &Path) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if let Ok(m) = std::fs::metadata(path) {
            let t = m.file_type();
            if t.is_fifo() {
                return "a named pipe";
            }
            if t.is_socket() {
                return "a socket";
            }
            if t.is_block_device() || t.is_char_device() {
                return "a device";
            }
        }
    }
    let _ = path;
    "not a file or directory"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_are_walked_in_name_order_without_hidden_entries() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("b/.git")).unwrap();
        for f in [
            "b/2.txt",
            "b/1.txt",
            "a.txt",
            ".hidden.txt",
            "b/.git/config",
        ] {
            std::fs::write(d.join(f), "x").unwrap();
        }
        let w = walk(&[d.to_path_buf()], false);
        let names: Vec<_> = w
            .files
            .iter()
            .map(|p| p.strip_prefix(d).unwrap().to_owned())
            .collect();
        assert_eq!(names, ["a.txt", "b/1.txt", "b/2.txt"].map(PathBuf::from));
        assert_eq!(w.skipped_hidden, 2);
        let all = walk(&[d.to_path_buf()], true);
        assert_eq!(all.files.len(), 5);
    }

    #[test]
    fn a_named_hidden_file_is_taken() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join(".notes.txt");
        std::fs::write(&f, "x").unwrap();
        assert_eq!(walk(std::slice::from_ref(&f), false).files, vec![f]);
    }

    #[cfg(unix)]
    #[test]
    fn link_loops_and_missing_paths_are_rejected_with_reasons() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("sub")).unwrap();
        std::os::unix::fs::symlink(d, d.join("sub/up")).unwrap();
        std::os::unix::fs::symlink(d.join("self"), d.join("self")).unwrap();
        std::os::unix::fs::symlink(d.join("gone"), d.join("dangling")).unwrap();
        let w = walk(&[d.to_path_buf(), d.join("absent")], false);
        let reasons: Vec<String> = w
            .rejected
            .iter()
            .map(|r| format!("{}: {}", r.path.display(), r.reason))
            .collect();
        let has = |needle: &str| reasons.iter().any(|r| r.contains(needle));
        assert!(has("sub/up: symbolic link loop"), "{reasons:?}");
        assert!(has("self: symbolic link loop"), "{reasons:?}");
        assert!(has("dangling: broken symbolic link"), "{reasons:?}");
        assert!(has("absent: no such file"), "{reasons:?}");
    }
}
