//! The store as its users see it: files in through `touch_known`/`add_file`, plain
//! records out, and `check` telling whether the store is whole.

use readout_store::{doc_id, sha256_hex, OpenMode, Outcome, Store, DB_FILE};
use readout_text::{read, Limits};
use std::path::{Path, PathBuf};

fn seeds() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 5, "the five seed files");
    files
}

/// Ingests one file the way the binary does: known content is only touched.
fn ingest(store: &mut Store, path: &Path) -> Outcome {
    let bytes = std::fs::read(path).unwrap();
    let sha = sha256_hex(&bytes);
    if let Some(outcome) = store.touch_known(path, &sha).unwrap() {
        return outcome;
    }
    let reading = read(&bytes, path.to_str(), &Limits::default()).unwrap();
    store.add_file(path, &bytes, &reading).unwrap()
}

#[test]
fn seeds_go_in_once_and_come_out_in_file_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), OpenMode::Create).unwrap();
    for f in seeds() {
        assert!(matches!(ingest(&mut store, &f), Outcome::New { documents } if documents > 0));
    }
    let digest = store.digest().unwrap();
    let docs = store.list_docs().unwrap();
    for f in seeds() {
        assert_eq!(
            ingest(&mut store, &f),
            Outcome::Unchanged,
            "{}",
            f.display()
        );
    }
    assert_eq!(store.digest().unwrap(), digest, "re-ingest changed content");
    assert_eq!(store.list_docs().unwrap(), docs);

    // Documents follow the files' order, then their position in the file, and
    // their ids are derived from the file's bytes.
    let mut expected_ids = Vec::new();
    for f in seeds() {
        let sha = sha256_hex(&std::fs::read(&f).unwrap());
        let n = docs.iter().filter(|d| d.sha256 == sha).count();
        assert!(n > 0);
        expected_ids.extend((0..n).map(|i| doc_id(&sha, i)));
    }
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, expected_ids);
    for d in &docs {
        assert!(d.file.ends_with(".txt"), "{}", d.file);
        assert!(
            !d.body.is_empty() || !d.headlines.is_empty(),
            "{} is empty",
            d.id
        );
        assert_eq!(store.get_doc(&d.id).unwrap().as_ref(), Some(d));
    }
    let report = store.check().unwrap();
    assert!(report.ok(), "{:?}", report.problems);
    assert_eq!(report.documents, docs.len() as u64);
    assert_eq!(report.blobs, 5);
}

#[test]
fn original_bytes_come_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), OpenMode::Create).unwrap();
    for f in seeds() {
        ingest(&mut store, &f);
        let bytes = std::fs::read(&f).unwrap();
        let blob = store.get_blob(&sha256_hex(&bytes)).unwrap().unwrap();
        assert_eq!(blob.bytes, bytes);
        assert_eq!(blob.size, bytes.len() as u64);
    }
    assert!(store
        .get_blob(&sha256_hex(b"never stored"))
        .unwrap()
        .is_none());
}

#[test]
fn the_cleaned_text_plus_removals_is_the_decoded_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), OpenMode::Create).unwrap();
    for f in seeds() {
        ingest(&mut store, &f);
        let bytes = std::fs::read(&f).unwrap();
        let reading = read(&bytes, None, &Limits::default()).unwrap();
        let stored = store.get_reading(&sha256_hex(&bytes)).unwrap().unwrap();
        assert_eq!(stored.cleaned, reading.cleaned);
        assert_eq!(stored.removals, reading.removals);
        assert_eq!(stored.repairs, reading.repairs);
        // Put every removal back, last first, and the decoded text reappears.
        let mut text = stored.cleaned.clone();
        for r in stored.removals.iter().rev() {
            text.insert_str(r.offset, &r.text);
        }
        assert_eq!(text, reading.decoded.text, "{}", f.display());
    }
}

#[test]
fn same_bytes_under_two_paths_are_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), OpenMode::Create).unwrap();
    let seed = &seeds()[0];
    let copy = dir.path().join("copy.txt");
    std::fs::copy(seed, &copy).unwrap();
    assert!(matches!(ingest(&mut store, seed), Outcome::New { .. }));
    let docs = store.list_docs().unwrap();
    assert_eq!(ingest(&mut store, &copy), Outcome::KnownContent);
    assert_eq!(ingest(&mut store, &copy), Outcome::Unchanged);
    let report = store.check().unwrap();
    assert_eq!((report.blobs, report.paths), (1, 2));
    // The documents keep the path that first brought them.
    assert_eq!(store.list_docs().unwrap(), docs);
    let files = store.list_files().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0].sha256, files[1].sha256);
}

#[test]
fn check_finds_bytes_that_no_longer_match_their_address() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), OpenMode::Create).unwrap();
    ingest(&mut store, &seeds()[1]);
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
    conn.execute("UPDATE blobs SET bytes = X'00'", []).unwrap();
    drop(conn);
    let store = Store::open(dir.path(), OpenMode::Existing).unwrap();
    let report = store.check().unwrap();
    assert!(!report.ok());
    let all = report.problems.join("\n");
    assert!(all.contains("do not hash to their address"), "{all}");
    assert!(all.contains("size differs"), "{all}");
}

#[test]
fn a_document_missing_paragraphs_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), OpenMode::Create).unwrap();
    ingest(&mut store, &seeds()[2]);
    let victim = store.list_docs().unwrap()[0].id.clone();
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
    let n = conn
        .execute(
            "DELETE FROM paragraphs WHERE doc_id = ?1 AND ordinal = 0",
            [&victim],
        )
        .unwrap();
    assert!(n > 0);
    drop(conn);
    let report = Store::open(dir.path(), OpenMode::Existing)
        .unwrap()
        .check()
        .unwrap();
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("misses paragraphs") && p.contains(&victim)),
        "{:?}",
        report.problems
    );
}

#[test]
fn reopening_keeps_everything_and_the_schema_version() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), OpenMode::Create).unwrap();
    for f in seeds() {
        ingest(&mut store, &f);
    }
    let (docs, digest) = (store.list_docs().unwrap(), store.digest().unwrap());
    drop(store);
    let store = Store::open(dir.path(), OpenMode::Existing).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        readout_store::schema::latest_version()
    );
    assert_eq!(store.list_docs().unwrap(), docs);
    assert_eq!(store.digest().unwrap(), digest);
}

#[test]
fn doc_ids_can_be_found_by_prefix() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), OpenMode::Create).unwrap();
    for f in seeds() {
        ingest(&mut store, &f);
    }
    let first = store.list_docs().unwrap()[0].id.clone();
    assert_eq!(
        store.doc_ids_with_prefix(&first, 10).unwrap(),
        vec![first.clone()]
    );
    assert!(store
        .doc_ids_with_prefix(&first[..12], 10)
        .unwrap()
        .contains(&first));
    assert!(store.doc_ids_with_prefix("zz", 10).unwrap().is_empty());
    assert!(store.get_doc("zz").unwrap().is_none());
}

/// Derives the record the way the binary does: every document, sorted by id.
fn derive(store: &mut Store) -> readout_collection::Derived {
    let docs = store.derive_input().unwrap();
    let input: Vec<readout_collection::InputDoc<'_>> = docs
        .iter()
        .map(|(id, doc)| readout_collection::InputDoc { id, doc })
        .collect();
    let derived = readout_collection::derive(&input);
    let ids: Vec<&str> = docs.iter().map(|(id, _)| id.as_str()).collect();
    store.replace_derived(&ids, &derived).unwrap();
    derived
}

#[test]
fn documents_rebuild_as_the_reader_made_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), OpenMode::Create).unwrap();
    let f = &seeds()[0];
    ingest(&mut store, f);
    let bytes = std::fs::read(f).unwrap();
    let reading = read(&bytes, f.to_str(), &Limits::default()).unwrap();
    let rebuilt: Vec<readout_text::Document> = store
        .derive_input()
        .unwrap()
        .into_iter()
        .map(|(_, d)| d)
        .collect();
    let mut expected = reading.documents.clone();
    // derive_input sorts by id; ids of one file sort by position up to 10 documents.
    expected.truncate(rebuilt.len());
    assert_eq!(rebuilt, expected);
}

#[test]
fn the_derived_record_is_replaced_whole_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), OpenMode::Create).unwrap();
    assert!(
        store.derived_is_current().unwrap(),
        "an empty store needs no derive"
    );
    for f in seeds() {
        ingest(&mut store, &f);
    }
    assert!(!store.derived_is_current().unwrap());
    assert!(store.list_events().unwrap().is_empty());

    let derived = derive(&mut store);
    assert!(store.derived_is_current().unwrap());
    let state = store.derived_state().unwrap().unwrap();
    assert_eq!(state.documents, store.list_docs().unwrap().len());
    assert_eq!(state.input, store.current_input_key().unwrap());

    let events = store.list_events().unwrap();
    assert_eq!(events.len(), derived.events.len());
    assert_eq!(events.len(), 5, "the seeds report five events");
    for (e, d) in events.iter().zip(&derived.events) {
        assert_eq!(e.id, d.id);
        assert_eq!(e.record["versions"], serde_json::json!(d.versions));
        assert_eq!(store.get_event(&e.id).unwrap().as_ref(), Some(e));
    }
    // Every document carries its link; translations name a stored original.
    let docs = store.list_docs().unwrap();
    let translations: Vec<&readout_store::DocRecord> = docs
        .iter()
        .filter(|d| d.link.translation_of.is_some())
        .collect();
    assert_eq!(translations.len(), 3, "000-en, 001-en and 002-en");
    for t in &translations {
        let of = t.link.translation_of.as_deref().unwrap();
        let original = store.get_doc(of).unwrap().unwrap();
        assert_eq!(original.link.event, t.link.event);
        assert_eq!(original.link.role.as_deref(), Some("original"));
        let c = t.link.coverage.unwrap();
        assert!((0.0..=1.0).contains(&c), "{c}");
        // Its alignment can be found from either document and from the event.
        for key in [t.id.as_str(), of, t.link.event.as_deref().unwrap()] {
            let found = store.alignments_for(key).unwrap();
            assert!(found.iter().any(|a| a.translation == t.id), "{key}");
        }
    }
    assert_eq!(store.list_alignments().unwrap().len(), 3);
    let f = store
        .get_formulation("共抓大保护、不搞大开发")
        .unwrap()
        .unwrap();
    assert!(f.history["events"].as_array().unwrap().len() >= 2);
    assert!(!store.list_formulations().unwrap().is_empty());

    // The same documents derived again: the same rows (the digest covers them).
    let digest = store.digest().unwrap();
    derive(&mut store);
    assert_eq!(store.digest().unwrap(), digest);
    let report = store.check().unwrap();
    assert!(report.ok(), "{:?}", report.problems);
    assert!(report.derived_current);
    assert_eq!(report.events, 5);
}

#[test]
fn a_new_document_makes_the_derived_record_stale() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), OpenMode::Create).unwrap();
    let seeds = seeds();
    ingest(&mut store, &seeds[0]);
    derive(&mut store);
    assert!(store.derived_is_current().unwrap());
    ingest(&mut store, &seeds[1]);
    assert!(!store.derived_is_current().unwrap());
    assert!(!store.check().unwrap().derived_current);
}
