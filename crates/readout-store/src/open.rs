//! Opening the database: what is a store, who may write it, and how a new one is made.
//!
//! A missing `readout.db` is the only thing a writer creates; anything else in its
//! place must already be a readout store (SQLite with `schema_migrations`), or it is
//! refused untouched, so an empty or foreign file is never taken for a new store.
//! Readers open the database read-only and never migrate or change its journal mode;
//! in a directory they cannot write, they open it immutable, which needs no `-wal` or
//! `-shm` file.

use crate::error::{Result, StoreError};
use crate::schema;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The first 16 bytes of every SQLite database file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// How a store is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// For writers such as ingest: create the directory and the database when absent.
    Create,
    /// For writers of an existing store (derive, repair): fail with
    /// [`StoreError::Missing`] when there is no store yet.
    Existing,
    /// For readers: the database opened read-only, never migrated or changed.
    ReadOnly,
}

/// Opens the database at `path` in data directory `dir`.
pub(crate) fn open(dir: &Path, path: &Path, mode: OpenMode) -> Result<Connection> {
    if mode == OpenMode::Create && !exists(path)? {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
            path: dir.to_path_buf(),
            source,
        })?;
        if !writable(dir) {
            return Err(StoreError::ReadOnly(dir.to_path_buf()));
        }
        create_fresh(dir, path)?;
    }
    if !path.is_file() {
        return Err(StoreError::Missing(path.to_path_buf()));
    }
    refuse_non_sqlite(path)?;
    let conn = match mode {
        OpenMode::ReadOnly => open_read_only(dir, path)?,
        OpenMode::Create | OpenMode::Existing => open_read_write(dir, path)?,
    };
    Ok(conn)
}

fn exists(path: &Path) -> Result<bool> {
    match std::fs::symlink_metadata(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(source) => Err(StoreError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Refuses, by its first bytes, a file that is not an SQLite database at all.
fn refuse_non_sqlite(path: &Path) -> Result<()> {
    use std::io::Read;
    let not_a_store = |why: &str| StoreError::NotAStore {
        path: path.to_path_buf(),
        why: why.to_string(),
    };
    let mut head = Vec::with_capacity(16);
    let file = std::fs::File::open(path).map_err(|source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    file.take(16)
        .read_to_end(&mut head)
        .map_err(|source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    if head.is_empty() {
        return Err(not_a_store("the file is empty"));
    }
    if head.as_slice() != SQLITE_MAGIC {
        return Err(not_a_store("the file is not an SQLite database"));
    }
    Ok(())
}

/// Refuses an SQLite database that holds no readout schema, and says which tables it
/// holds instead.
fn refuse_foreign_schema(conn: &Connection, path: &Path) -> Result<()> {
    let ours: Option<String> = conn
        .query_row(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
            [],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| damaged(path, e))?;
    if ours.is_some() {
        return Ok(());
    }
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name LIMIT 5")
        .map_err(|e| damaged(path, e))?;
    let tables: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(|e| damaged(path, e))?;
    let why = if tables.is_empty() {
        "an SQLite database without tables".to_string()
    } else {
        format!(
            "an SQLite database of another schema (tables {})",
            tables.join(", ")
        )
    };
    Err(StoreError::NotAStore {
        path: path.to_path_buf(),
        why,
    })
}

/// An SQLite error met while reading what should be a store: a damaged database file is
/// said to be one.
fn damaged(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
            StoreError::Damaged {
                path: path.to_path_buf(),
                detail: e.to_string(),
            }
        }
        _ => StoreError::Sql(e),
    }
}

/// SQLite's quick check, for the rare moments an open must know the file is sound
/// (before a migration); a failure is [`StoreError::Damaged`].
fn refuse_damaged(conn: &Connection, path: &Path) -> Result<()> {
    let first: String = conn
        .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        .map_err(|e| damaged(path, e))?;
    if first == "ok" {
        return Ok(());
    }
    Err(StoreError::Damaged {
        path: path.to_path_buf(),
        detail: first.replace('\n', "; "),
    })
}

fn open_read_write(dir: &Path, path: &Path) -> Result<Connection> {
    if !writable(dir) {
        return Err(StoreError::ReadOnly(dir.to_path_buf()));
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let mut conn = Connection::open_with_flags(path, flags).map_err(|e| damaged(path, e))?;
    if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
        // SQLite fell back to read-only: the file itself cannot be written.
        return Err(StoreError::ReadOnly(dir.to_path_buf()));
    }
    // Another process may be ingesting: wait for its transaction rather than fail.
    conn.busy_timeout(Duration::from_secs(30))?;
    refuse_foreign_schema(&conn, path)?;
    // WAL: readers never block the writer, and a killed writer leaves the last
    // committed state. NORMAL sync loses at most the last commits on power loss,
    // never consistency.
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(|e| damaged(path, e))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    if schema::current_version(&conn)? < schema::latest_version() {
        // Never migrate a damaged database: an unreadable schema_migrations looks old.
        refuse_damaged(&conn, path)?;
    }
    schema::migrate(&mut conn, path)?;
    Ok(conn)
}

fn open_read_only(dir: &Path, path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    // Immutable only where no writer can be at work (nobody may write the directory)
    // and no committed transaction waits in the -wal file, which immutable would skip.
    let wal = wal_path(path);
    let pending_wal = std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0);
    let conn = if !writable(dir) && !pending_wal {
        Connection::open_with_flags(immutable_uri(path), flags)
    } else {
        Connection::open_with_flags(path, flags)
    }
    .map_err(|e| damaged(path, e))?;
    conn.busy_timeout(Duration::from_secs(30))?;
    refuse_foreign_schema(&conn, path)?;
    let found = schema::current_version(&conn).map_err(|e| match e {
        StoreError::Sql(e) => damaged(path, e),
        other => other,
    })?;
    let latest = schema::latest_version();
    if found > latest {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found,
            known: latest,
        });
    }
    if found < latest {
        refuse_damaged(&conn, path)?;
        return Err(StoreError::NeedsMigration {
            path: path.to_path_buf(),
            found,
            latest,
        });
    }
    conn.pragma_update(None, "query_only", true)?;
    Ok(conn)
}

fn wal_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push("-wal");
    PathBuf::from(s)
}

/// `file:PATH?immutable=1`, the path percent-encoded (SQLite decodes `%XX` in URIs).
fn immutable_uri(path: &Path) -> String {
    let raw = path.to_string_lossy();
    let mut uri = String::from("file:");
    for b in raw.bytes() {
        if b.is_ascii_alphanumeric() || b"/._-~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Whether this process may create files in `dir` (permissions, owner, read-only
/// mounts: what the system says, not the mode bits alone).
#[cfg(unix)]
pub(crate) fn writable(dir: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: `c` is a valid NUL-terminated string that outlives the call.
    unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
}

#[cfg(not(unix))]
pub(crate) fn writable(dir: &Path) -> bool {
    std::fs::metadata(dir).is_ok_and(|m| !m.permissions().readonly())
}

/// Makes a new store at `path`: built and migrated under a temporary name, then linked
/// into place, so a killed first ingest never leaves an empty `readout.db` behind (which
/// would be refused as not a store).
fn create_fresh(dir: &Path, path: &Path) -> Result<()> {
    let tmp = dir.join(format!(".{}.new.{}", crate::DB_FILE, std::process::id()));
    remove_with_sidecars(&tmp);
    {
        let mut conn = Connection::open_with_flags(
            &tmp,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        // Recorded in the file's header, so the store is in WAL mode from the start.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        schema::migrate(&mut conn, path)?;
        // Everything into the main file before it is linked: the link carries it all.
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    }
    let placed = match std::fs::hard_link(&tmp, path) {
        Ok(()) => Ok(()),
        // Another process made the store first: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        // No hard links on this file system: a rename, unless a store appeared meanwhile.
        Err(_) if !path.exists() => std::fs::rename(&tmp, path),
        Err(_) => Ok(()),
    };
    remove_with_sidecars(&tmp);
    placed.map_err(|source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn remove_with_sidecars(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut s = path.as_os_str().to_owned();
        s.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(s));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn immutable_uris_escape_what_sqlite_would_read_as_syntax() {
        assert_eq!(
            immutable_uri(Path::new("/a b/x?y#z%/readout.db")),
            "file:/a%20b/x%3Fy%23z%25/readout.db?immutable=1"
        );
    }
}
