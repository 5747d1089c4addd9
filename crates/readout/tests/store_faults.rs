//! A store you can trust: each fault is done to a real store (real SQLite, real
//! tantivy, the real binary) and what readout says about it afterwards is checked.
//! A store that is not one is refused; damage to a row or an index file is found by
//! `check` and mended by `repair` where the original bytes allow; a rebuild that runs
//! out of disk is not served as current; `backup` copies what a plain copy loses; a
//! read-only store is read without a byte written; names never reach the terminal raw;
//! a closed or full output ends with status 2, never a panic.

#![cfg(unix)]

mod common;
mod serve_support;

use common::{ingest, readout, run, seed_files, stderr, stdout};
use serve_support::Server;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A store made from the seeds, in a fresh directory.
fn seeded() -> tempfile::TempDir {
    let data = tempfile::tempdir().unwrap();
    let seeds = seed_files();
    let paths: Vec<&Path> = seeds.iter().map(PathBuf::as_path).collect();
    let (code, summary) = ingest(data.path(), &paths);
    assert_eq!(code, Some(0), "{summary}");
    data
}

/// Everything committed moved into `readout.db`, and the `-wal`/`-shm` files gone, so
/// the database file alone is the store (as after the last connection closes).
fn checkpoint(data: &Path) {
    let db = data.join("readout.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    drop(conn);
    for side in ["readout.db-wal", "readout.db-shm"] {
        let _ = std::fs::remove_file(data.join(side));
    }
}

/// Copies a data directory, symbolic links as links.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        let kind = entry.file_type().unwrap();
        if kind.is_symlink() {
            let link = std::fs::read_link(entry.path()).unwrap();
            std::os::unix::fs::symlink(link, &target).unwrap();
        } else if kind.is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every offset of `needle` in `haystack`.
fn offsets(haystack: &[u8], needle: &[u8]) -> Vec<usize> {
    haystack
        .windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect()
}

/// The files of the current index generation.
fn index_files(data: &Path) -> Vec<PathBuf> {
    let dir = std::fs::canonicalize(data.join("index")).unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

fn code(out: &Output) -> Option<i32> {
    out.status.code()
}

fn said(out: &Output) -> String {
    format!("stdout: {}\nstderr: {}", stdout(out), stderr(out))
}

#[test]
fn an_empty_readout_db_is_refused_by_every_command_and_the_index_is_kept() {
    let data = seeded();
    checkpoint(data.path());
    let index_before: Vec<(PathBuf, Vec<u8>)> = index_files(data.path())
        .into_iter()
        .map(|f| (f.clone(), std::fs::read(&f).unwrap()))
        .collect();
    std::fs::write(data.path().join("readout.db"), b"").unwrap();

    let check = run(data.path(), &["check"]);
    assert_eq!(code(&check), Some(1), "{}", said(&check));
    assert!(
        stdout(&check).contains("not a readout store"),
        "{}",
        said(&check)
    );
    let json = run(data.path(), &["check", "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["ok"], false);

    for args in [&["derive"][..], &["docs"], &["search", "长江"], &["repair"]] {
        let out = run(data.path(), args);
        assert_eq!(code(&out), Some(2), "{args:?}: {}", said(&out));
        assert!(
            stderr(&out).contains("not a readout store"),
            "{args:?}: {}",
            said(&out)
        );
    }
    let seeds = seed_files();
    let out = readout(data.path())
        .arg("ingest")
        .args(&seeds)
        .output()
        .unwrap();
    assert_eq!(code(&out), Some(2), "{}", said(&out));
    assert!(stderr(&out).contains("the file is empty"), "{}", said(&out));

    // Nothing was initialised, and the index is the one that was there.
    assert_eq!(
        std::fs::metadata(data.path().join("readout.db"))
            .unwrap()
            .len(),
        0
    );
    for (file, bytes) in index_before {
        assert_eq!(std::fs::read(&file).unwrap(), bytes, "{}", file.display());
    }
}

#[test]
fn a_database_of_another_schema_or_no_database_at_all_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("readout.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        .unwrap();
    drop(conn);
    let before = std::fs::read(&db).unwrap();
    let out = readout(data.path())
        .arg("ingest")
        .arg(&seed_files()[0])
        .output()
        .unwrap();
    assert_eq!(code(&out), Some(2), "{}", said(&out));
    assert!(
        stderr(&out).contains("another schema (tables invoices)"),
        "{}",
        said(&out)
    );
    let check = run(data.path(), &["check"]);
    assert_eq!(code(&check), Some(1), "{}", said(&check));
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the foreign database was changed"
    );

    std::fs::write(&db, b"these are my notes, not a database\n").unwrap();
    let check = run(data.path(), &["check"]);
    assert_eq!(code(&check), Some(1), "{}", said(&check));
    assert!(
        stdout(&check).contains("not an SQLite database"),
        "{}",
        said(&check)
    );
    let out = run(data.path(), &["docs"]);
    assert_eq!(code(&out), Some(2), "{}", said(&out));

    // A missing database in a fresh directory is the one thing that makes a store.
    let fresh = tempfile::tempdir().unwrap();
    let (code, summary) = ingest(&fresh.path().join("new"), &[&seed_files()[0]]);
    assert_eq!(code, Some(0), "{summary}");
}

/// A file whose text appears nowhere else: every copy of its words in the database
/// is one of its own rows.
const MARKER_FILE: &str = "\
Quinquagenarian gardeners convene in Zqxvilleborough

Zqxvilleborough, June 3. The quinquagenarian gardeners of Zqxvilleborough met on Tuesday \
to discuss the watering schedule, the compost heap and the long-disputed hedge.

The meeting agreed that the hedge stays, the compost heap moves, and the watering \
schedule follows the rain gauge rather than the calendar.
";

#[test]
fn a_flipped_byte_in_any_copy_of_a_text_is_found_and_repair_mends_all_but_the_original() {
    let input = tempfile::tempdir().unwrap();
    let file = input.path().join("gardeners.txt");
    std::fs::write(&file, MARKER_FILE).unwrap();
    let good = tempfile::tempdir().unwrap();
    let (status, summary) = ingest(good.path(), &[&file]);
    assert_eq!(status, Some(0), "{summary}");
    // No stale copies in free pages: every copy of the marker left is a live row.
    let conn = rusqlite::Connection::open(good.path().join("readout.db")).unwrap();
    conn.execute_batch("VACUUM").unwrap();
    drop(conn);
    checkpoint(good.path());
    let ok = run(good.path(), &["check"]);
    assert_eq!(code(&ok), Some(0), "{}", said(&ok));

    let db = std::fs::read(good.path().join("readout.db")).unwrap();
    let found = offsets(&db, b"Zqxvilleborough");
    // The original bytes, the cleaned text, the document's title and paragraphs.
    assert!(found.len() >= 3, "{} copies of the marker", found.len());
    let mut repaired = 0;
    for (n, at) in found.iter().enumerate() {
        // A letter for a letter (still valid UTF-8), or a byte that is no UTF-8.
        {
            let flipped = if n % 2 == 0 { b'W' } else { 0xFF };
            let copy = tempfile::tempdir().unwrap();
            copy_tree(good.path(), copy.path());
            let mut bytes = db.clone();
            bytes[at + 3] = flipped;
            std::fs::write(copy.path().join("readout.db"), &bytes).unwrap();
            let what = format!(
                "copy {n} of {} at byte {at}, flipped to {flipped:#x}",
                found.len()
            );

            let check = run(copy.path(), &["check", "--json"]);
            assert_eq!(code(&check), Some(1), "{what}: {}", said(&check));
            let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
            assert_eq!(report["ok"], false, "{what}");
            assert_ne!(
                report["problems"],
                serde_json::json!([]),
                "{what}: {report}"
            );

            let repair = run(copy.path(), &["repair"]);
            let after = run(copy.path(), &["check"]);
            if code(&repair) == Some(0) {
                assert_eq!(
                    code(&after),
                    Some(0),
                    "{what}: repair said ok, check: {}",
                    said(&after)
                );
                repaired += 1;
            } else {
                // Only damage to the original bytes is beyond repair, and it says so.
                assert_eq!(code(&repair), Some(1), "{what}: {}", said(&repair));
                assert!(
                    stdout(&repair).contains("do not hash to their address"),
                    "{what}: {}",
                    said(&repair)
                );
                assert_eq!(code(&after), Some(1), "{what}");
            }
        }
    }
    assert!(repaired > 0, "no damage was repairable");
}

#[test]
fn a_flipped_byte_in_an_index_file_is_found_and_repair_builds_the_index_anew() {
    let good = seeded();
    for suffix in [".fast", ".idx", ".term"] {
        let copy = tempfile::tempdir().unwrap();
        copy_tree(good.path(), copy.path());
        let file = index_files(copy.path())
            .into_iter()
            .find(|f| f.to_string_lossy().ends_with(suffix))
            .unwrap_or_else(|| panic!("no {suffix} file"));
        let mut bytes = std::fs::read(&file).unwrap();
        let at = bytes.len() / 2;
        bytes[at] ^= 0x5A;
        std::fs::write(&file, &bytes).unwrap();

        let check = run(copy.path(), &["check"]);
        assert_eq!(code(&check), Some(1), "{suffix}: {}", said(&check));
        assert!(
            stdout(&check).contains("search index file") && stdout(&check).contains("damaged"),
            "{suffix}: {}",
            said(&check)
        );
        // The server does not vouch for it either.
        let server = Server::start(copy.path());
        let health = server.get("/healthz").json();
        drop(server);
        assert_ne!(health["status"], "ok", "{suffix}: {health}");
        let repair = run(copy.path(), &["repair"]);
        assert_eq!(code(&repair), Some(0), "{suffix}: {}", said(&repair));
        let after = run(copy.path(), &["check"]);
        assert_eq!(code(&after), Some(0), "{suffix}: {}", said(&after));
    }
}

#[test]
fn a_malformed_database_is_a_finding_of_check_not_a_usage_error() {
    let data = seeded();
    checkpoint(data.path());
    let db = data.path().join("readout.db");
    for page in [1usize, 5] {
        let copy = tempfile::tempdir().unwrap();
        copy_tree(data.path(), copy.path());
        let mut bytes = std::fs::read(&db).unwrap();
        let at = page * 4096 + 16;
        bytes[at..at + 256].fill(0x41);
        std::fs::write(copy.path().join("readout.db"), &bytes).unwrap();
        let check = run(copy.path(), &["check"]);
        assert_eq!(code(&check), Some(1), "page {page}: {}", said(&check));
        assert!(
            stdout(&check).contains("malformed"),
            "page {page}: {}",
            said(&check)
        );
    }
}

#[test]
fn a_record_behind_the_documents_is_printed_and_exits_1() {
    let data = seeded();
    // The state an ingest killed before its derive leaves: documents queued.
    let conn = rusqlite::Connection::open(data.path().join("readout.db")).unwrap();
    conn.execute_batch("INSERT OR IGNORE INTO link_queue (doc_id) SELECT id FROM documents")
        .unwrap();
    drop(conn);
    let check = run(data.path(), &["check"]);
    assert_eq!(code(&check), Some(1), "{}", said(&check));
    assert!(
        stdout(&check).contains("derived record is behind"),
        "{}",
        said(&check)
    );
    let report: serde_json::Value =
        serde_json::from_slice(&run(data.path(), &["check", "--json"]).stdout).unwrap();
    assert_eq!(report["ok"], false);
    assert_eq!(
        report["problems"],
        serde_json::json!([]),
        "behind is not damage"
    );
    let derive = run(data.path(), &["derive"]);
    assert_eq!(code(&derive), Some(0), "{}", said(&derive));
    assert_eq!(code(&run(data.path(), &["check"])), Some(0));
}

/// Mounts a tmpfs of `bytes` at `dir` (root only); false when this system will not.
fn mount_tmpfs(dir: &Path, bytes: u64) -> bool {
    Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={bytes}")])
        .arg("tmpfs")
        .arg(dir)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn unmount(dir: &Path) {
    let _ = Command::new("umount").arg(dir).status();
}

/// A tmpfs mounted for a test, unmounted when dropped (also when the test fails).
struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        unmount(&self.0);
    }
}

/// Bytes under `dir` as a file system with 4 KiB blocks counts them.
fn used(dir: &Path) -> u64 {
    let mut n = 4096;
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let m = e.path().symlink_metadata().unwrap();
        n += if m.is_dir() {
            used(&e.path())
        } else {
            m.len().div_ceil(4096) * 4096
        };
    }
    n
}

/// Runs `readout ARGS` on `data` where files cannot grow past `limit` bytes (a
/// per-process file size limit; SIGXFSZ ignored so a write fails with EFBIG, as on a
/// full disk).
fn run_with_file_limit(data: &Path, args: &[&str], limit: u64) -> Output {
    use std::os::unix::process::CommandExt;
    let mut cmd = readout(data);
    cmd.args(args);
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let lim = libc::rlimit {
                rlim_cur: limit as libc::rlim_t,
                rlim_max: limit as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.output().unwrap()
}

#[test]
fn a_rebuild_that_runs_out_of_disk_is_never_served_as_current() {
    let good = seeded();
    checkpoint(good.path());
    let size = used(good.path());
    let tmpfs = geteuid_is_root() && {
        let probe = tempfile::tempdir().unwrap();
        let ok = mount_tmpfs(probe.path(), 1 << 20);
        unmount(probe.path());
        ok
    };
    if !tmpfs {
        eprintln!("no tmpfs can be mounted here: disk full simulated by RLIMIT_FSIZE");
    }
    // Room for the store and a little more: the rebuild stops at different points.
    let mut failures = 0;
    for extra in [16u64 << 10, 64 << 10, 256 << 10, 512 << 10, 1 << 20] {
        let mount = tempfile::tempdir().unwrap();
        let data = mount.path().join("data");
        let mut mounted = None;
        let out = if tmpfs {
            assert!(mount_tmpfs(mount.path(), size + extra), "mount");
            mounted = Some(Mounted(mount.path().to_path_buf()));
            copy_tree(good.path(), &data);
            run(&data, &["derive"])
        } else {
            copy_tree(good.path(), &data);
            run_with_file_limit(&data, &["derive"], 1_200_000 + extra / 4)
        };
        let what = format!("{} bytes to spare", extra);
        assert_ne!(code(&out), Some(101), "{what}: a panic: {}", said(&out));
        // Look at the state left on a disk with room again (check needs a little).
        let after = tempfile::tempdir().unwrap();
        copy_tree(&data, after.path());
        drop(mounted);
        if code(&out) == Some(0) {
            let check = run(after.path(), &["check"]);
            assert_eq!(
                code(&check),
                Some(0),
                "{what}: derive said ok: {}",
                said(&check)
            );
            continue;
        }
        failures += 1;
        let check = run(after.path(), &["check", "--json"]);
        let report: serde_json::Value = serde_json::from_slice(&check.stdout)
            .unwrap_or_else(|_| panic!("{what}: {}", said(&check)));
        let index = &report["index"];
        let complete = index["documents"] == report["documents"]
            && index["damaged_files"] == serde_json::json!([])
            && report["ok"] == true;
        if !complete {
            assert_eq!(
                code(&check),
                Some(1),
                "{what}: an incomplete index passed: {report}"
            );
            // The server says so too.
            let server = Server::start(after.path());
            let health = server.get("/healthz").json();
            drop(server);
            assert_ne!(
                health["status"], "ok",
                "{what}: healthz ok on an incomplete index: {health}\ncheck: {report}"
            );
        }
        // The next ingest brings it up to date (nothing new to store).
        let (code_again, summary) = ingest(after.path(), &[&seed_files()[0]]);
        assert_eq!(code_again, Some(0), "{what}: {summary}");
        let check = run(after.path(), &["check"]);
        assert_eq!(
            code(&check),
            Some(0),
            "{what}: after the next ingest: {}",
            said(&check)
        );
    }
    assert!(
        failures > 0,
        "the disk never ran out: the test tested nothing"
    );
}

fn geteuid_is_root() -> bool {
    // SAFETY: geteuid cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// Small files, each its own document.
fn more_files(dir: &Path, n: usize) {
    for i in 0..n {
        std::fs::write(
            dir.join(format!("note-{i:03}.txt")),
            format!(
                "Committee note {i}\n\nThe committee of district {i} met on day {i} and \
                 agreed on item {i} of the plan for orchard number {i}.\n"
            ),
        )
        .unwrap();
    }
}

#[test]
fn a_copy_of_readout_db_taken_while_serve_runs_loses_commits_and_backup_does_not() {
    let data = seeded();
    let server = Server::start(data.path());
    // Ingested while the server holds its connection: the commits stay in -wal.
    let input = tempfile::tempdir().unwrap();
    more_files(input.path(), 12);
    let (status, summary) = ingest(data.path(), &[input.path()]);
    assert_eq!(status, Some(0), "{summary}");
    let docs = |d: &Path| -> usize {
        common::json(d, &["docs", "--json"])
            .as_array()
            .unwrap()
            .len()
    };
    let want = docs(data.path());

    // The copy a user would make by hand: the database file, the index beside it.
    let plain = tempfile::tempdir().unwrap();
    std::fs::copy(
        data.path().join("readout.db"),
        plain.path().join("readout.db"),
    )
    .unwrap();
    let generation = std::fs::canonicalize(data.path().join("index")).unwrap();
    copy_tree(&generation, &plain.path().join("index"));
    let got = docs(plain.path());
    assert!(
        got < want,
        "the plain copy holds {got} of {want} documents: no commit was in -wal"
    );
    let check = run(plain.path(), &["check"]);
    assert_eq!(
        code(&check),
        Some(1),
        "check on a copy that lost documents: {}",
        said(&check)
    );

    // readout backup, with the server still running.
    let dest = tempfile::tempdir().unwrap();
    let backup = run(data.path(), &["backup", dest.path().to_str().unwrap()]);
    assert_eq!(code(&backup), Some(0), "{}", said(&backup));
    assert_eq!(docs(dest.path()), want);
    let check = run(dest.path(), &["check"]);
    assert_eq!(code(&check), Some(0), "{}", said(&check));
    let search = |d: &Path| common::json(d, &["search", "orchard", "--json", "--limit", "50"]);
    assert_eq!(search(dest.path())["total"], search(data.path())["total"]);
    drop(server);

    // A backup goes into a new place only.
    let again = run(data.path(), &["backup", dest.path().to_str().unwrap()]);
    assert_eq!(code(&again), Some(2), "{}", said(&again));
}

/// Every file under `dir` with its bytes, links as their targets.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let kind = e.file_type().unwrap();
        if kind.is_symlink() {
            let target = std::fs::read_link(e.path()).unwrap();
            out.push((e.path(), target.to_string_lossy().as_bytes().to_vec()));
        } else if kind.is_dir() {
            out.extend(snapshot(&e.path()));
        } else {
            out.push((e.path(), std::fs::read(e.path()).unwrap()));
        }
    }
    out.sort();
    out
}

/// `chmod -R a-w` (or `u+w` back): the read permissions stay as readout made them.
fn chmod_tree(dir: &Path, writable: bool) {
    use std::os::unix::fs::PermissionsExt;
    let set = |p: &Path| {
        let mode = std::fs::metadata(p).unwrap().permissions().mode();
        let mode = if writable {
            mode | 0o200
        } else {
            mode & !0o222
        };
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let kind = e.file_type().unwrap();
        if kind.is_symlink() {
            continue;
        }
        if kind.is_dir() {
            chmod_tree(&e.path(), writable);
        }
        set(&e.path());
    }
    set(dir);
}

#[test]
fn a_read_only_store_is_read_by_every_reading_command_without_a_byte_written() {
    use std::os::unix::process::CommandExt;
    let parent = tempfile::tempdir().unwrap();
    let data = parent.path().join("data");
    let seeds = seed_files();
    let paths: Vec<&Path> = seeds.iter().map(PathBuf::as_path).collect();
    let (status, summary) = ingest(&data, &paths);
    assert_eq!(status, Some(0), "{summary}");
    checkpoint(&data);
    chmod_tree(&data, false);
    // Root writes anywhere whatever the modes: the commands then run as nobody.
    let root = geteuid_is_root();
    if root {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(parent.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    // The build's own directory may be closed to nobody (a checkout under a 0700
    // directory): nobody runs a copy of the binary beside the store.
    let bin = parent.path().join("readout");
    if root {
        use std::os::unix::fs::PermissionsExt;
        std::fs::copy(env!("CARGO_BIN_EXE_readout"), &bin).unwrap();
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let as_reader = |args: &[&str]| -> Output {
        let mut cmd = if root {
            let mut c = std::process::Command::new(&bin);
            c.env_remove("READOUT_DATA").arg("--data").arg(&data);
            c.uid(65534).gid(65534);
            c
        } else {
            readout(&data)
        };
        cmd.args(args).output().unwrap()
    };
    let before = snapshot(&data);
    let doc = "57ea68160e20-0";
    for args in [
        &["docs"][..],
        &["docs", "--json"],
        &["show", doc],
        &["files"],
        &["check"],
        &["check", "--json"],
        &["search", "长江经济带"],
        &["events"],
        &["formulations"],
        &["export", "--format", "jsonl"],
    ] {
        let out = as_reader(args);
        assert_eq!(code(&out), Some(0), "{args:?}: {}", said(&out));
    }
    let mut cmd = Command::new(if root {
        bin.as_path()
    } else {
        Path::new(env!("CARGO_BIN_EXE_readout"))
    });
    if root {
        cmd.uid(65534).gid(65534);
    }
    let server = Server::start_with(cmd, &data);
    let health = server.get("/healthz").json();
    assert_eq!(health["status"], "ok", "{health}");
    assert_eq!(server.get(&format!("/api/docs/{doc}")).status, 200);
    assert_eq!(server.get("/api/search?q=长江").status, 200);
    drop(server);
    assert!(
        snapshot(&data) == before,
        "a reading command wrote to the read-only store (no -wal, -shm or lock file may appear)"
    );

    // A writer is told what to do.
    // (a copy of the file nobody can read, wherever the checkout is).
    let file = parent.path().join("seed.txt");
    std::fs::copy(&seeds[0], &file).unwrap();
    let out = as_reader(&["ingest", file.to_str().unwrap()]);
    assert_eq!(code(&out), Some(2), "{}", said(&out));
    let err = stderr(&out);
    assert!(
        err.contains("cannot write the store") && err.contains("backup"),
        "{err}"
    );
    chmod_tree(&data, true);
}

#[test]
fn escape_sequences_in_file_names_never_reach_the_terminal_raw() {
    let input = tempfile::tempdir().unwrap();
    let evil = "x\x1b]0;owned\x07\x1b[31mred\u{202e}txt.md\u{9b}2J";
    std::fs::write(input.path().join(format!("{evil}.txt")), MARKER_FILE).unwrap();
    // Rejected (empty), and stored with invalid bytes: the other two lists of names.
    std::fs::write(input.path().join(format!("{evil}-empty.txt")), b"").unwrap();
    let mut broken = std::fs::read(&seed_files()[3]).unwrap();
    let mid = broken.len() / 2;
    let mid = (mid..broken.len()).find(|&i| broken[i] == b'\n').unwrap() + 1;
    broken.splice(mid..mid, *b"\xff\xfe\xc3\x28\x80\x80");
    std::fs::write(input.path().join(format!("{evil}-broken.txt")), broken).unwrap();

    let data = tempfile::tempdir().unwrap();
    let raw = |out: &Output| -> bool {
        let all = [&out.stdout[..], &out.stderr[..]].concat();
        let text = String::from_utf8_lossy(&all);
        all.contains(&0x1b)
            || all.contains(&0x07)
            || text.contains('\u{202e}')
            || text.contains('\u{9b}')
    };
    let out = readout(data.path())
        .arg("ingest")
        .arg("-v")
        .arg(input.path())
        .output()
        .unwrap();
    assert_eq!(code(&out), Some(1), "{}", said(&out));
    assert!(!raw(&out), "raw control characters: {:?}", stdout(&out));
    let text = stdout(&out);
    assert!(text.contains("x\\u{1b}]0;owned\\u{7}"), "{text}");
    assert!(text.contains("rejected"), "{text}");
    // The file with invalid bytes is listed (stored with replacements, or rejected).
    let listed = text
        .lines()
        .filter(|l| l.starts_with("  ") && l.contains("-broken.txt"))
        .count();
    assert_eq!(listed, 1, "{text}");
    // The JSON keeps the name itself (JSON escapes it).
    let (_, summary) = ingest(data.path(), &[input.path()]);
    assert!(summary["rejected"][0]["path"]
        .as_str()
        .unwrap()
        .contains(evil));

    for args in [&["files"][..], &["docs"], &["check"]] {
        let out = run(data.path(), args);
        assert!(
            !raw(&out),
            "{args:?}: raw control characters: {}",
            said(&out)
        );
    }
    // An error naming the path escapes it too.
    let out = run(&input.path().join(evil), &["docs"]);
    assert_eq!(code(&out), Some(2));
    assert!(!raw(&out), "error: raw control characters: {}", said(&out));
}

#[test]
fn a_closed_or_full_output_ends_with_status_2_not_a_panic() {
    let data = seeded();
    let missing = data.path().join("nowhere");
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    for (dir, args) in [
        (data.path(), &["docs"][..]),
        (data.path(), &["check"]),
        (data.path(), &["search", "长江"]),
        (data.path(), &["events", "--json"]),
        (missing.as_path(), &["docs"]),
    ] {
        // Standard output on a full disk (and standard error too).
        let out = readout(dir)
            .args(args)
            .stdout(full())
            .stderr(full())
            .status()
            .unwrap();
        assert_eq!(out.code(), Some(2), "{args:?} with a full output");
        // Standard error closed: `2>&-`.
        let out = Command::new("sh")
            .arg("-c")
            .arg("exec \"$0\" --data \"$1\" \"$@\" 2>&- >/dev/full")
            .arg(env!("CARGO_BIN_EXE_readout"))
            .arg(dir)
            .args(args)
            .env_remove("READOUT_DATA")
            .status()
            .unwrap();
        assert_eq!(out.code(), Some(2), "{args:?} with standard error closed");
    }
    // An ingest that cannot say what it did still stores, and says so by its status.
    let fresh = tempfile::tempdir().unwrap();
    let out = readout(fresh.path())
        .arg("ingest")
        .arg("-v")
        .args(seed_files())
        .stdout(full())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(out.code(), Some(2));
}
