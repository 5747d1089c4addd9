//! Input that must not get into the store: each bad file is named in the summary with
//! a one-line reason, the exit code says something was rejected, and the store holds
//! nothing of it, while the good file beside it goes in.

mod common;

use common::*;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};

const MIB: u64 = 1 << 20;

/// A directory with one good file and one of each kind of bad input.
struct Zoo {
    dir: tempfile::TempDir,
    /// Whether this process (and so readout) cannot read a chmod-000 file.
    permissions_bite: bool,
}

impl Zoo {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

fn zoo() -> Zoo {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let seed = std::fs::read(&seed_files()[1]).unwrap();
    std::fs::write(d.join("good.txt"), &seed).unwrap();
    std::fs::write(d.join("empty.txt"), b"").unwrap();
    // A PNG's signature and IHDR chunk, then pixel-like bytes.
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa".to_vec();
    png.extend((0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
    std::fs::write(d.join("photo.png"), png).unwrap();
    // An ELF header: magic, 64-bit, little-endian, then mostly zeros.
    let mut elf = b"\x7fELF\x02\x01\x01\x00".to_vec();
    elf.resize(4096, 0);
    elf[16] = 2; // ET_EXEC
    elf[18] = 0x3e; // x86-64
    std::fs::write(d.join("program"), elf).unwrap();
    // 200 MiB, sparse: costs nothing on disk, must be refused before it is read.
    std::fs::File::create(d.join("huge.txt"))
        .unwrap()
        .set_len(200 * MIB)
        .unwrap();
    // One 50 MiB line: under the file limit, over the reader's line limit.
    let mut line = std::fs::File::create(d.join("one-line.txt")).unwrap();
    let chunk = vec![b'x'; MIB as usize];
    for _ in 0..50 {
        line.write_all(&chunk).unwrap();
    }
    drop(line);
    let unreadable = d.join("unreadable.txt");
    std::fs::write(&unreadable, "中共中央政治局召开会议\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&unreadable, std::fs::Permissions::from_mode(0o000)).unwrap();
        // A directory link back to its own ancestor, and a link to itself.
        std::fs::create_dir(d.join("sub")).unwrap();
        std::os::unix::fs::symlink(d, d.join("sub/back-to-top")).unwrap();
        std::os::unix::fs::symlink(d.join("self-link"), d.join("self-link")).unwrap();
    }
    let permissions_bite = std::fs::read(&unreadable).is_err();
    Zoo {
        dir,
        permissions_bite,
    }
}

fn reason_for<'a>(summary: &'a Value, name: &str) -> Option<&'a str> {
    summary["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["path"].as_str().unwrap().ends_with(name))
        .map(|r| r["reason"].as_str().unwrap())
}

fn stored_paths(data: &Path) -> Vec<String> {
    json(data, &["files", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn every_bad_file_is_rejected_with_a_reason_and_nothing_of_it_is_stored() {
    let zoo = zoo();
    let data = tempfile::tempdir().unwrap();
    let (code, summary) = ingest(data.path(), &[zoo.dir.path()]);
    assert_eq!(code, Some(1), "rejections make the exit code 1: {summary}");

    let expect = |name: &str, needles: &[&str]| {
        let reason = reason_for(&summary, name)
            .unwrap_or_else(|| panic!("{name} not rejected: {summary:#}"));
        for n in needles {
            assert!(reason.contains(n), "{name}: `{reason}` lacks `{n}`");
        }
    };
    expect("empty.txt", &["empty"]);
    expect("photo.png", &["binary"]);
    expect("program", &["binary"]);
    expect(
        "huge.txt",
        &["200.0 MiB", "over the limit", "--max-file-size"],
    );
    expect("one-line.txt", &["line of 50.0 MiB", "line limit"]);
    expect("back-to-top", &["symbolic link loop"]);
    expect("self-link", &["symbolic link loop"]);
    if zoo.permissions_bite {
        expect("unreadable.txt", &["permission denied"]);
    }

    // Only the good file (and, where this user can read anything, the chmod-000 one).
    let mut expected = vec![zoo.path("good.txt")];
    if !zoo.permissions_bite {
        expected.push(zoo.path("unreadable.txt"));
    }
    let expected: Vec<String> = expected.iter().map(|p| p.display().to_string()).collect();
    let mut stored = stored_paths(data.path());
    stored.sort();
    assert_eq!(stored, expected);
    let report = check(data.path());
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(report["blobs"].as_u64(), Some(expected.len() as u64));
}

#[test]
fn the_text_summary_names_each_rejected_file_on_its_own_line() {
    let zoo = zoo();
    let data = tempfile::tempdir().unwrap();
    let out = readout(data.path())
        .arg("ingest")
        .arg(zoo.dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("rejected"), "{text}");
    for name in [
        "empty.txt",
        "photo.png",
        "program",
        "huge.txt",
        "one-line.txt",
        "self-link",
    ] {
        let line = text
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} missing from:\n{text}"));
        let (_, reason) = line.split_once(": ").expect("path: reason");
        assert!(!reason.trim().is_empty(), "{line}");
    }
    // The progress bar stays off when stderr is not a terminal.
    assert!(!stderr(&out).contains("files"), "{}", stderr(&out));
}

#[test]
fn a_larger_limit_lets_a_large_file_through_to_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    let para = "会议强调，要坚持稳中求进工作总基调。\n".repeat(2000);
    std::fs::write(&big, &para).unwrap();
    let data = tempfile::tempdir().unwrap();
    let (code, summary) = {
        let out = readout(data.path())
            .args(["ingest", "--json", "--max-file-size", "10KiB"])
            .arg(&big)
            .output()
            .unwrap();
        (
            out.status.code(),
            serde_json::from_slice::<Value>(&out.stdout).unwrap(),
        )
    };
    assert_eq!(code, Some(1));
    assert!(reason_for(&summary, "big.txt")
        .unwrap()
        .contains("10.0 KiB"));
    let (code, summary) = ingest(data.path(), &[&big]);
    assert_eq!(code, Some(0), "{summary}");
    assert_eq!(summary["new"], 1);
}

#[test]
fn invalid_bytes_in_the_middle_are_never_silently_stored() {
    // Replacement of invalid bytes is the reader's choice; what ingest owes the user
    // is to say so, either as a rejection or as a file stored with replacements.
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = std::fs::read(&seed_files()[3]).unwrap();
    let mid = bytes.len() / 2;
    let mid = (mid..bytes.len()).find(|&i| bytes[i] == b'\n').unwrap() + 1;
    bytes.splice(mid..mid, *b"\xff\xfe\xc3\x28\x80\x80");
    let damaged = dir.path().join("damaged.txt");
    std::fs::write(&damaged, &bytes).unwrap();
    let data = tempfile::tempdir().unwrap();
    let (_, summary) = ingest(data.path(), &[&damaged]);
    let rejected = reason_for(&summary, "damaged.txt").is_some();
    let flagged = summary["replaced_bytes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p.as_str().unwrap().ends_with("damaged.txt"));
    assert!(
        rejected || flagged,
        "damaged.txt went in unremarked: {summary:#}"
    );
    if flagged {
        // Its original bytes are kept as they were, damage included.
        let files = json(data.path(), &["files", "--json"]);
        assert_eq!(files[0]["had_errors"], true);
        assert_eq!(files[0]["size"].as_u64(), Some(bytes.len() as u64));
    }
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_stored_and_shown_lossily() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"report-\xff\xfe.txt");
    let path = dir.path().join(name);
    std::fs::copy(&seed_files()[0], &path).unwrap();
    let data = tempfile::tempdir().unwrap();
    let (code, summary) = ingest(data.path(), &[dir.path()]);
    assert_eq!(code, Some(0), "{summary}");
    let stored = stored_paths(data.path());
    assert_eq!(stored.len(), 1);
    assert!(
        stored[0].ends_with("report-\u{fffd}\u{fffd}.txt"),
        "{stored:?}"
    );
    // The exact bytes of the name are kept, so ingesting again is recognised.
    let (_, again) = ingest(data.path(), &[dir.path()]);
    assert_eq!(again["unchanged"], 1, "{again}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_whose_size_changes_while_read_is_rejected() {
    // Files under /proc state a size of 0 and then yield content: what is read is not
    // what was measured, just as with a file still being written.
    let data = tempfile::tempdir().unwrap();
    let (code, summary) = ingest(data.path(), &[Path::new("/proc/version")]);
    assert_eq!(code, Some(1));
    let reason = reason_for(&summary, "/proc/version").expect("rejected");
    assert!(reason.contains("changed while being read"), "{reason}");
    assert!(stored_paths(data.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_rejected_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo unavailable; skipping");
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let (code, summary) = ingest(data.path(), &[dir.path()]);
    assert_eq!(code, Some(1));
    assert!(reason_for(&summary, "pipe").unwrap().contains("named pipe"));
}

#[test]
fn a_path_that_does_not_exist_is_rejected_and_the_rest_goes_in() {
    let data = tempfile::tempdir().unwrap();
    let seed = &seed_files()[0];
    let (code, summary) = ingest(data.path(), &[Path::new("/no/such/dir"), seed]);
    assert_eq!(code, Some(1));
    assert!(reason_for(&summary, "/no/such/dir")
        .unwrap()
        .contains("no such file"));
    assert_eq!(summary["new"], 1);
}

/// The documents stored from the file whose path ends with `name`.
fn docs_of(data: &Path, name: &str) -> Vec<Value> {
    json(data, &["docs", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"].as_str().unwrap().ends_with(name))
        .cloned()
        .collect()
}

/// All body paragraphs of `docs`, in order.
fn body_text(docs: &[Value]) -> String {
    docs.iter()
        .flat_map(|d| d["body"].as_array().unwrap().iter())
        .map(|p| p.as_str().unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn html_nested_a_hundred_thousand_deep_is_read_without_recursion() {
    let dir = tempfile::tempdir().unwrap();
    let mut html =
        String::from("<!DOCTYPE html><html><head><title>会议公报</title></head><body>\n");
    for i in 0..100_000 {
        html.push_str("<div class=\"wrap\">");
        if i % 100 == 99 {
            html.push('\n');
        }
    }
    html.push_str("<p>中共中央政治局召开会议，研究部署深化农村改革工作。</p>\n");
    html.push_str("<p>会议强调，要坚持农业农村优先发展，全面推进乡村振兴。</p>\n");
    for i in 0..100_000 {
        html.push_str("</div>");
        if i % 100 == 99 {
            html.push('\n');
        }
    }
    html.push_str("</body></html>\n");
    let path = dir.path().join("nested.html");
    std::fs::write(&path, &html).unwrap();
    let data = tempfile::tempdir().unwrap();
    let (code, summary) = ingest(data.path(), &[&path]);
    assert_eq!(code, Some(0), "{summary:#}");
    assert_eq!(summary["new"], 1);
    let files = json(data.path(), &["files", "--json"]);
    assert_eq!(files[0]["format"], "html", "{files}");
    let text = body_text(&docs_of(data.path(), "nested.html"));
    assert!(text.contains("研究部署深化农村改革工作"), "{text}");
    assert!(text.contains("全面推进乡村振兴"), "{text}");
    // Markup is gone from what a person reads.
    assert!(!text.contains("<div"), "{}", &text[..text.len().min(300)]);
    assert_eq!(check(data.path())["ok"], true);
}

#[test]
fn a_hundred_thousand_paragraphs_in_one_file_are_stored_and_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("国务院常务会议研究部署有关工作\n\n");
    const N: usize = 100_000;
    for i in 0..N {
        text.push_str(&format!(
            "第{i}条 会议要求，各地区各部门要抓好落实，确保取得实效。\n\n"
        ));
    }
    let path = dir.path().join("long.txt");
    std::fs::write(&path, &text).unwrap();
    let data = tempfile::tempdir().unwrap();
    let (code, summary) = ingest(data.path(), &[&path]);
    assert_eq!(code, Some(0), "stored, not rejected: {summary:#}");
    assert_eq!(summary["new"], 1);
    let docs = docs_of(data.path(), "long.txt");
    assert!(!docs.is_empty());
    // Every paragraph is in the store, in order, first to last.
    let paragraphs: Vec<&str> = docs
        .iter()
        .flat_map(|d| d["body"].as_array().unwrap().iter())
        .map(|p| p.as_str().unwrap())
        .collect();
    let numbered = paragraphs
        .iter()
        .filter(|p| p.starts_with('第') && p.contains("条 会议要求"))
        .count();
    assert_eq!(numbered, N);
    assert!(paragraphs.iter().any(|p| p.starts_with("第0条")));
    assert!(paragraphs
        .iter()
        .any(|p| p.starts_with(&format!("第{}条", N - 1))));
    // `show` prints a document of it, as text and as JSON.
    let id = docs[0]["id"].as_str().unwrap();
    let shown = json(data.path(), &["show", id, "--json"]);
    assert_eq!(shown["id"], id);
    assert_eq!(shown["body"], docs[0]["body"]);
    let out = run(data.path(), &["show", id]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("会议要求"));
    assert_eq!(check(data.path())["ok"], true);
}

#[test]
fn a_directory_of_mixed_encodings_is_decoded_file_by_file() {
    // Fixtures from testdata/encodings/make.py: the same kind of report in UTF-8,
    // UTF-8 with a BOM, UTF-16LE and UTF-16BE with BOMs, GBK, GB18030 (with a
    // character outside GBK) and Big5, ingested in one command.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/encodings");
    let dir = tempfile::tempdir().unwrap();
    let expected: [(&str, &str, &str); 7] = [
        ("utf8.txt", "UTF-8", "深化改革开放"),
        ("utf8-bom.txt", "UTF-8", "全面推进乡村振兴"),
        ("utf16le.txt", "UTF-16LE", "守住生态红线"),
        ("utf16be.txt", "UTF-16BE", "維護國家主權"),
        ("gbk.txt", "GB", "办好人民满意的教育"),
        ("gb18030.txt", "GB", "支持\u{20BB7}林科技创新"),
        ("big5.txt", "Big5", "繁榮發展文化事業"),
    ];
    for (name, _, _) in expected {
        std::fs::copy(fixtures.join(name), dir.path().join(name)).unwrap();
    }
    let data = tempfile::tempdir().unwrap();
    let (code, summary) = ingest(data.path(), &[dir.path()]);
    assert_eq!(code, Some(0), "{summary:#}");
    assert_eq!(summary["new"], 7, "{summary:#}");
    assert!(
        summary["replaced_bytes"].as_array().unwrap().is_empty(),
        "no byte was invalid: {summary:#}"
    );
    let files = json(data.path(), &["files", "--json"]);
    for (name, encoding, phrase) in expected {
        let file = files
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(&format!("/{name}")))
            .unwrap_or_else(|| panic!("{name} not stored"));
        let got = file["encoding"].as_str().unwrap();
        // GBK and GB18030 are one decoder (GB18030 is GBK's superset).
        assert!(
            got.to_ascii_uppercase()
                .starts_with(&encoding.to_ascii_uppercase()),
            "{name}: decoded as {got}, not {encoding}"
        );
        assert_eq!(file["had_errors"], false, "{name}");
        let text = body_text(&docs_of(data.path(), &format!("/{name}")));
        assert!(text.contains(phrase), "{name}: `{phrase}` not in {text}");
        assert!(
            text.contains("习近平") || text.contains("習近平"),
            "{name}: {text}"
        );
        // No byte order mark or mis-decoded pair shows in the text.
        assert!(
            !text.contains('\u{feff}') && !text.contains('\u{fffd}'),
            "{name}"
        );
    }
}

#[test]
fn a_file_appended_to_while_ingested_is_rejected_or_stored_whole() {
    // A writer keeps appending lines for as long as the ingest runs: the file is
    // rejected as changing, or what is stored is one consistent snapshot (its stated
    // size is its bytes, and they are a prefix of the file as it ends), never a mix.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("growing.txt");
    let head = "中共中央政治局召开会议\n\n会议强调，要坚持稳中求进。\n\n".repeat(20_000);
    std::fs::write(&path, &head).unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (path, stop) = (path.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut f = std::fs::OpenOptions::new()
                .append(true)
                .open(&path)
                .unwrap();
            let mut n = 0u64;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                writeln!(f, "会议指出，第{n}项工作要抓紧落实。\n").unwrap();
                n += 1;
                // Often enough to land inside any read, slowly enough to stay small.
                std::thread::sleep(std::time::Duration::from_micros(200));
            }
        })
    };
    let data = tempfile::tempdir().unwrap();
    let (code, summary) = ingest(data.path(), &[&path]);
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    writer.join().unwrap();
    let end = std::fs::read(&path).unwrap();
    match reason_for(&summary, "growing.txt") {
        Some(reason) => {
            assert_eq!(code, Some(1));
            assert!(reason.contains("changed while being read"), "{reason}");
            assert!(stored_paths(data.path()).is_empty());
        }
        None => {
            assert_eq!(code, Some(0), "{summary:#}");
            let files = json(data.path(), &["files", "--json"]);
            let size = files[0]["size"].as_u64().unwrap() as usize;
            assert!(size >= head.len() && size <= end.len(), "{size}");
            let sha = files[0]["sha256"].as_str().unwrap();
            assert_eq!(sha, readout_store::sha256_hex(&end[..size]), "a torn read");
        }
    }
    assert_eq!(check(data.path())["ok"], true);
}
