//! The store as its users see it: files in through `touch_known`/`add_file`, plain
//! records out, and `check` telling whether the store is whole.

use readout_store::{
    doc_id, sha256_hex, AlignmentRow, ComponentRows, EventFilter, EventRow, HitRecord, LinkRecord,
    OpenMode, Outcome, Scratch, StageKeys, StageRecord, Store, StoreError, DB_FILE,
};
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
    store.add_file(path, &bytes, &reading, &[]).unwrap()
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
    let report = store.check(1).unwrap();
    // Whole, though behind: nothing here derives the record.
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert!(!report.stale.is_empty());
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
    let report = store.check(1).unwrap();
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
    let report = store.check(1).unwrap();
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
        .check(1)
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

#[test]
fn documents_rebuild_as_the_reader_made_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), OpenMode::Create).unwrap();
    let f = &seeds()[0];
    ingest(&mut store, f);
    let bytes = std::fs::read(f).unwrap();
    let reading = read(&bytes, f.to_str(), &Limits::default()).unwrap();
    let rebuilt: Vec<readout_text::Document> = store
        .list_docs()
        .unwrap()
        .iter()
        .map(|d| d.to_document())
        .collect();
    assert_eq!(rebuilt, reading.documents);
}

fn stage(doc: &str, day: Option<i64>) -> StageRecord {
    StageRecord {
        keys: StageKeys {
            doc_id: doc.to_string(),
            lang: "zh".into(),
            kind: "symposium".into(),
            stated: Default::default(),
            event_day: day,
            published_day: None,
            signature: Some(vec![1, 2, 3]),
        },
        version: 3,
        reports_event: true,
        payload: format!("{{\"id\":\"{doc}\"}}"),
    }
}

fn event(id: &str, original: &str, kind: &str, day: Option<i64>) -> EventRow {
    EventRow {
        id: id.into(),
        kind: kind.into(),
        day_number: day,
        original: original.into(),
        versions: 1,
        payload: format!("{{\"id\":\"{id}\"}}"),
        ..EventRow::default()
    }
}

fn hit(text: &str, doc: &str, event: Option<&str>) -> HitRecord {
    HitRecord {
        text: text.into(),
        source: "curated".into(),
        doc_id: doc.into(),
        event_id: event.map(str::to_string),
        spelling: text.into(),
        headline: false,
        para: 0,
        start: 0,
        end: 2,
    }
}

fn link(event: &str, role: &str) -> LinkRecord {
    LinkRecord {
        event: Some(event.into()),
        role: Some(role.into()),
        translation_of: None,
        coverage: None,
    }
}

#[test]
fn new_documents_are_owed_to_linking_and_the_index_until_done() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), OpenMode::Create).unwrap();
    assert!(store.derived_status(3).unwrap().record_current());
    for f in seeds() {
        ingest(&mut store, &f);
    }
    let ids: Vec<String> = store
        .list_docs()
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    let status = store.derived_status(3).unwrap();
    assert_eq!(status.documents, ids.len());
    assert_eq!(
        (status.unstaged, status.to_link, status.to_index),
        (ids.len(), ids.len(), ids.len())
    );
    assert!(!status.record_current());
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(store.link_queue(usize::MAX).unwrap(), sorted);
    assert_eq!(store.unstaged_docs(3, 2).unwrap(), sorted[..2].to_vec());
    // Staged: no longer owed a stage; an older version is owed one again.
    let rows: Vec<StageRecord> = ids.iter().map(|id| stage(id, Some(19000))).collect();
    store.put_stage(&rows).unwrap();
    assert_eq!(store.derived_status(3).unwrap().unstaged, 0);
    assert_eq!(store.derived_status(4).unwrap().unstaged, ids.len());
    store.dequeue_indexed(&sorted[..3]).unwrap();
    assert_eq!(store.derived_status(3).unwrap().to_index, ids.len() - 3);
    // Blocking finds them by day.
    assert_eq!(
        store.stage_keys_between(18990, 19010).unwrap().len(),
        ids.len()
    );
    assert!(store.stage_keys_between(1, 2).unwrap().is_empty());
    assert!(store.stage_keys_undated().unwrap().is_empty());
    let file = ids[0].split('-').next().unwrap().to_string();
    let in_file = store
        .stage_keys_of_files(std::slice::from_ref(&file))
        .unwrap();
    assert!(!in_file.is_empty() && in_file.iter().all(|k| k.doc_id.starts_with(&file)));
    // Derive again from scratch: everything owed again.
    store.reset_derived().unwrap();
    let status = store.derived_status(3).unwrap();
    assert_eq!(
        (status.unstaged, status.to_link, status.to_index),
        (ids.len(), ids.len(), ids.len())
    );
}

#[test]
fn events_are_written_by_component_listed_by_date_and_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), OpenMode::Create).unwrap();
    for f in seeds() {
        ingest(&mut store, &f);
    }
    let ids: Vec<String> = store
        .list_docs()
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    let (a, b, c) = (&ids[0], &ids[1], &ids[2]);
    let ev = |id: &str| format!("ev-{id}");
    let comp1 = ComponentRows {
        event: event(&ev(a), a, "politburo_meeting", Some(19700)),
        links: vec![
            (a.clone(), link(&ev(a), "original")),
            (b.clone(), link(&ev(a), "translation")),
        ],
        alignments: vec![AlignmentRow {
            translation: b.clone(),
            original: a.clone(),
            event_id: ev(a),
            coverage: 0.8,
            payload: "{}".into(),
        }],
        hits: vec![hit("高质量发展", a, Some(&ev(a)))],
        renderings: vec![],
    };
    let comp2 = ComponentRows {
        event: event(&ev(c), c, "symposium", Some(19600)),
        links: vec![(c.clone(), link(&ev(c), "original"))],
        hits: vec![
            hit("高质量发展", c, Some(&ev(c))),
            hit("新质生产力", c, Some(&ev(c))),
        ],
        ..ComponentRows::default()
    };
    let undated = ComponentRows {
        event: event(&ev(&ids[3]), &ids[3], "message", None),
        links: vec![(ids[3].clone(), link(&ev(&ids[3]), "original"))],
        ..ComponentRows::default()
    };
    let done: Vec<String> = ids[..4].to_vec();
    store
        .write_components(
            &[comp1, comp2, undated],
            &[hit("高质量发展", &ids[4], None)],
            &done,
        )
        .unwrap();
    assert_eq!(store.derived_status(3).unwrap().to_link, ids.len() - 4);
    // By date, undated last; filters by kind and by day; counts.
    let all = store.list_events(&EventFilter::default()).unwrap();
    let order: Vec<&str> = all.iter().map(|e| e.original.as_str()).collect();
    assert_eq!(order, vec![c.as_str(), a.as_str(), ids[3].as_str()]);
    let f = EventFilter {
        from_day: Some(19650),
        ..EventFilter::default()
    };
    assert_eq!(store.count_events(&f).unwrap(), 1);
    let f = EventFilter {
        kind: Some("symposium".into()),
        ..EventFilter::default()
    };
    assert_eq!(store.list_events(&f).unwrap()[0].original, *c);
    let page = EventFilter {
        limit: Some(1),
        offset: 1,
        ..EventFilter::default()
    };
    assert_eq!(store.list_events(&page).unwrap()[0].original, *a);
    assert_eq!(
        store.event_kinds().unwrap(),
        vec!["message", "politburo_meeting", "symposium"]
    );
    assert_eq!(
        store.event_links(&ev(a)).unwrap()[0].0,
        *a,
        "the original first"
    );
    for key in [a.as_str(), b.as_str(), ev(a).as_str()] {
        assert_eq!(store.alignments_for(key).unwrap().len(), 1, "{key}");
    }
    // Formulations: counted over documents and events, dated by their events.
    let f = store.formulation_summaries().unwrap();
    assert_eq!(f[0].text, "高质量发展");
    assert_eq!((f[0].count, f[0].docs, f[0].events), (3, 3, 2));
    assert_eq!((f[0].first_day, f[0].last_day), (Some(19600), Some(19700)));
    assert_eq!(store.formulation_hits("新质生产力").unwrap().len(), 1);
    // Clearing an event takes its rows and owes its members a link again.
    let digest = store.digest().unwrap();
    store
        .clear_events(&[ev(a)], &[a.clone(), b.clone()])
        .unwrap();
    assert!(store.get_event(&ev(a)).unwrap().is_none());
    assert!(store.alignments_for(a).unwrap().is_empty());
    assert_eq!(store.formulation_summaries().unwrap()[0].events, 1);
    let queue = store.link_queue(usize::MAX).unwrap();
    assert!(queue.contains(a) && queue.contains(b));
    assert_ne!(store.digest().unwrap(), digest);
}

#[test]
fn only_a_missing_database_makes_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DB_FILE);
    std::fs::write(&db, b"").unwrap();
    for mode in [OpenMode::Create, OpenMode::Existing, OpenMode::ReadOnly] {
        let err = Store::open(dir.path(), mode).err().unwrap();
        assert!(
            matches!(err, StoreError::NotAStore { .. }),
            "{mode:?}: {err}"
        );
        assert!(err.is_damage());
    }
    assert_eq!(std::fs::metadata(&db).unwrap().len(), 0, "initialised");

    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("CREATE TABLE notes (text TEXT)")
        .unwrap();
    drop(conn);
    let err = Store::open(dir.path(), OpenMode::Create).err().unwrap();
    assert!(err.to_string().contains("tables notes"), "{err}");

    std::fs::remove_file(&db).unwrap();
    let store = Store::open(dir.path(), OpenMode::Create).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        readout_store::schema::latest_version()
    );
    // No temporary database is left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".new."))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn a_reader_neither_migrates_nor_writes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), OpenMode::Create).unwrap();
    ingest(&mut store, &seeds()[0]);
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
    conn.execute("DELETE FROM schema_migrations WHERE version = 5", [])
        .unwrap();
    drop(conn);
    let err = Store::open(dir.path(), OpenMode::ReadOnly).err().unwrap();
    assert!(
        matches!(err, StoreError::NeedsMigration { found: 4, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("write access"), "{err}");
    let conn = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
    conn.execute(
        "INSERT INTO schema_migrations VALUES (5, 'pages', 'then')",
        [],
    )
    .unwrap();
    drop(conn);
    let mut store = Store::open(dir.path(), OpenMode::ReadOnly).unwrap();
    assert!(store.read_only());
    assert!(!store.list_docs().unwrap().is_empty());
    assert!(store.reset_derived().is_err(), "a reader wrote");
}

#[test]
fn a_reading_is_compared_with_its_bytes_and_put_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), OpenMode::Create).unwrap();
    let path = &seeds()[2];
    ingest(&mut store, path);
    let bytes = std::fs::read(path).unwrap();
    let reading = read(&bytes, path.to_str(), &Limits::default()).unwrap();
    let mut scratch = Scratch::new().unwrap();
    assert!(store
        .reading_matches(&mut scratch, path, &bytes, &reading)
        .unwrap());
    let sources = store.blob_sources().unwrap();
    assert_eq!(sources.len(), 1);
    assert_eq!(sources[0].path, *path);
    drop(store);

    let conn = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
    conn.execute(
        "UPDATE paragraphs SET text = text || '!' WHERE ordinal = 0 AND kind = 'body'",
        [],
    )
    .unwrap();
    drop(conn);
    let mut store = Store::open(dir.path(), OpenMode::Existing).unwrap();
    assert!(!store
        .reading_matches(&mut scratch, path, &bytes, &reading)
        .unwrap());
    store.reset_derived().unwrap();
    store.replace_reading(&sources[0].sha256, &reading).unwrap();
    assert!(store
        .reading_matches(&mut scratch, path, &bytes, &reading)
        .unwrap());
    assert!(store.check(1).unwrap().problems.is_empty());
}

#[test]
fn a_backup_holds_what_is_still_in_the_wal() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), OpenMode::Create).unwrap();
    // An open reader keeps the last commits in -wal after the writer is gone.
    let reader = Store::open(dir.path(), OpenMode::ReadOnly).unwrap();
    for f in seeds() {
        ingest(&mut store, &f);
    }
    let digest = store.digest().unwrap();
    drop(store);
    let dest = tempfile::tempdir().unwrap();
    reader.backup_to(&dest.path().join(DB_FILE)).unwrap();
    let copy = Store::open(dest.path(), OpenMode::ReadOnly).unwrap();
    assert_eq!(copy.digest().unwrap(), digest);
    assert!(copy.check(1).unwrap().problems.is_empty());
}
