//! The command line: every subcommand, flag and help text.

use crate::size::parse_size;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  readout ingest sample/              read every file under sample/ into ./readout-data
  readout docs                        list the documents found
  readout docs --json > docs.json     the same as JSON, for scripts
  readout show 57ea68160e20-0         one document: metadata, headlines, body
  readout events                      the events the documents report
  readout search 长江经济带            documents in any script, matches marked
  readout align 57ea68160e20-0 57ea68160e20-1   a report and its translation side by side
  readout export --format tmx --out pairs.tmx   the aligned sentences as a translation memory
  readout check                       is the store whole and current? (repair, backup)
  readout --data /srv/reports ingest ~/reports/2024/
  READOUT_DATA=/srv/reports readout docs

Exit status: 0 when everything worked, 1 when some input was rejected (ingest) or the
store is damaged or behind (check), 2 on any other error.";

/// readout turns collected reports of CPC meetings (simplified Chinese, traditional
/// Chinese, English) into a structured record of documents.
#[derive(Debug, Parser)]
#[command(name = "readout", version, after_help = EXAMPLES, max_term_width = 100)]
pub struct Cli {
    /// Directory of the store (created by the first ingest)
    #[arg(
        long,
        global = true,
        env = "READOUT_DATA",
        default_value = "./readout-data",
        value_name = "DIR"
    )]
    pub data: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read files and directories into the store
    #[command(after_help = INGEST_HELP)]
    Ingest(IngestArgs),
    /// Print what the reader makes of files, without a store (one JSON document per
    /// line with --jsonl)
    #[command(after_help = READ_HELP)]
    Read(ReadArgs),
    /// List the documents in the store
    Docs(ListArgs),
    /// Show one document: metadata, headlines, then body paragraphs
    Show(ShowArgs),
    /// List the files ingested, with the content each had
    Files(ListArgs),
    /// Check the store is whole and current: SQLite integrity, every file's bytes
    /// against their hash, every reading against a new reading of its bytes, the
    /// derived record and the search index against the documents
    #[command(after_help = CHECK_HELP)]
    Check(CheckArgs),
    /// Rebuild what the store derives from the original bytes: readings and documents,
    /// the derived record and the search index
    #[command(after_help = REPAIR_HELP)]
    Repair(DeriveArgs),
    /// Copy the store, consistently, into a new data directory
    #[command(after_help = BACKUP_HELP)]
    Backup(BackupArgs),
    /// Derive the record again from every document: events, versions, alignments,
    /// formulations, and the search index (ingest does this by itself)
    #[command(after_help = DERIVE_HELP)]
    Derive(DeriveArgs),
    /// Search the documents (any script finds every script)
    #[command(after_help = SEARCH_HELP)]
    Search(SearchArgs),
    /// List the events the documents report
    #[command(after_help = EVENTS_HELP)]
    Events(EventsArgs),
    /// Show one event: its record and its versions
    #[command(after_help = EVENT_HELP)]
    Event(EventArgs),
    /// List the formulations (fixed political phrases) and where they occur
    #[command(after_help = FORMULATIONS_HELP)]
    Formulations(FormulationsArgs),
    /// Show one formulation's history: events, dates, spellings, occurrences
    #[command(after_help = FORMULATION_HELP)]
    Formulation(FormulationArgs),
    /// Align a Chinese text and its English version sentence by sentence
    #[command(after_help = ALIGN_HELP)]
    Align(AlignArgs),
    /// Score the sentence aligner against gold alignments (aligner-eval layout)
    #[command(name = "align-eval", after_help = ALIGN_EVAL_HELP)]
    AlignEval(AlignEvalArgs),
    /// Export the aligned sentence pairs as TMX, JSON Lines or CSV
    #[command(after_help = EXPORT_HELP)]
    Export(ExportArgs),
    /// Print the mainland-simplified view of Chinese text read from standard input
    #[command(after_help = NORMALIZE_HELP)]
    Normalize(NormalizeArgs),
    /// Serve the record read-only over HTTP: web pages and a JSON API
    #[command(after_help = SERVE_HELP)]
    Serve(ServeArgs),
}

const INGEST_HELP: &str = "\
Each file is read whole, then stored in one transaction with what the reader made of
it: its original bytes (kept verbatim, addressed by SHA-256), the documents found in it,
their headlines and body paragraphs. Ingesting the same bytes again changes nothing, so
re-running an interrupted or repeated ingest is safe.

Files that are empty, binary, too large, unreadable or have a line too long to be text
are rejected and listed with the reason at the end; nothing of them is stored.

Examples:
  readout ingest sample/
  readout ingest report.txt more-reports/ --max-file-size 200MiB
  readout ingest reports/ --json | jq '.rejected'";

const READ_HELP: &str = "\
The reader alone, as a stream transform: files, directories, feeds (RSS, Atom, JSON
Feed) or standard input ('-') in, documents out. Nothing is stored; the same bytes give
the same lines, ids included (the sha256 of the file and the document's position), so
the command can run on many machines over parts of an archive.

Each --jsonl line has the fields of `readout docs --json` (id, file, kind: article,
digest or fragment, lang, script, title, headlines, body, url, published,
published_from: text, meta, feed, url or path, page, source, author, editor,
dateline, boilerplate) and the document's own record: `reports_event`, `record` (event
kind, date, people, place, documents, directives, formulations, each with its span),
`keys` (what finds its versions: file, stated date, event and publication days) and
`signature` (its text's MinHash, hex). Rejected files are listed on standard error; the
exit status is then 1.

Examples:
  readout read day-files/20240104.md
  readout read --jsonl archive/ > documents.jsonl
  curl -s https://example.org/feed.xml | readout read --jsonl -
  ls archive/*.md | parallel -j8 readout read --jsonl {} > documents.jsonl";

#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Files and directories to read ('-' reads standard input)
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// One JSON document per line (JSON Lines) instead of a table
    #[arg(long)]
    pub jsonl: bool,

    /// Reject files larger than this (units: B, KiB, MiB, GiB)
    #[arg(long, value_name = "SIZE", default_value = "64MiB", value_parser = parse_size)]
    pub max_file_size: u64,

    /// Also read hidden files and directories inside directories
    #[arg(long)]
    pub hidden: bool,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files and directories to read (directories are walked recursively)
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Reject files larger than this (units: B, KiB, MiB, GiB; K, M, G mean the same)
    #[arg(long, value_name = "SIZE", default_value = "64MiB", value_parser = parse_size)]
    pub max_file_size: u64,

    /// Also read hidden files and directories (names starting with '.') inside
    /// directories; they are skipped by default
    #[arg(long)]
    pub hidden: bool,

    /// Print one line per file as it is stored or rejected
    #[arg(short, long)]
    pub verbose: bool,

    /// Print the summary as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Print JSON instead of lines
    #[arg(long)]
    pub json: bool,
    /// Skip what costs as much as ingesting again (reading every file anew, deriving the
    /// record again in a copy): SQLite integrity, hashes, UTF-8, how far the record and
    /// the index are behind, and the index's files, count and sample remain
    #[arg(long)]
    pub quick: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The document's id, or enough of its start to name only one
    #[arg(value_name = "DOC")]
    pub doc: String,

    /// Print the document as JSON (the same object as in `docs --json`)
    #[arg(long)]
    pub json: bool,
}

const CHECK_HELP: &str = "\
Prints what it finds, one line each, then a summary; exit status 1 when anything is
damaged (bytes that no longer hash to their address, a reading its bytes no longer
give, text that is not UTF-8, a malformed database, a damaged or incomplete search
index) or behind (a derived record or index not yet brought up to date).

Damage to readings, the record or the index is repaired by `readout repair`; damaged
original bytes only by restoring a backup (`readout backup`).

`--quick` leaves out the two checks that cost about as much as ingesting the archive
again (every reading against a new reading of its bytes, the record against one derived
again in a copy): use it after an interrupted ingest or on a schedule; run the whole
check before trusting a store or a backup.

Examples:
  readout check
  readout check --quick
  readout check --json | jq .problems";

const REPAIR_HELP: &str = "\
Reads every stored file's original bytes again and puts back any reading or document
that differs, then derives the record and builds the search index anew. Original bytes
that no longer match their hash cannot be repaired; they are listed, and the exit
status is 1 (restore them from a backup).

Examples:
  readout repair
  readout check";

const BACKUP_HELP: &str = "\
DEST becomes a data directory of its own: the database copied through SQLite's online
backup (one consistent moment, including what is still in readout.db-wal) and the
search index as last committed. Use it while `readout serve` runs or an ingest may
start: copying readout.db alone is not a backup, since recent commits can still be in
the -wal file beside it.

Examples:
  readout backup /backups/readout-2024-06-01
  readout --data /backups/readout-2024-06-01 check";

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The new data directory (must not exist, or be empty)
    #[arg(value_name = "DEST")]
    pub dest: PathBuf,

    /// Print what was copied as JSON
    #[arg(long)]
    pub json: bool,
}

const DERIVE_HELP: &str = "\
The record of the collection (which documents report one event, which translates
which, the events' records, the sentence alignments, the formulations' histories) and
the search index are derived from all documents together. `readout ingest` does this
after storing new documents; `readout derive` does it again now, for instance after
upgrading readout.

Examples:
  readout derive
  readout derive --json";

#[derive(Debug, Args)]
pub struct DeriveArgs {
    /// Print what was derived as JSON
    #[arg(long)]
    pub json: bool,
}

const SEARCH_HELP: &str = "\
The query finds documents in any script: 長江經濟帶, 长江经济带 and 長江經濟帶 written with
Taiwan vocabulary find each other. Words and \"phrases\"; AND (also by juxtaposition), OR,
NOT or a leading -; parentheses. English words are stemmed. Matches are marked in the
text as written («…», or in colour on a terminal). Dates are the event's date where the
report states a year, else the publication date.

Examples:
  readout search 共抓大保护、不搞大开发
  readout search Yangtze --lang en
  readout search '高质量发展 -长江' --from 2023 --to 2024-06
  readout search 会议 --kind politburo_meeting --limit 5 --json";

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to search for
    #[arg(value_name = "QUERY")]
    pub query: String,

    /// Only documents in these languages (zh, en; comma-separated)
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,

    /// Only documents in these scripts (Hans, Hant, Latn; comma-separated)
    #[arg(long, value_name = "SCRIPT")]
    pub script: Option<String>,

    /// Only documents dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<String>,

    /// Only documents dated on or before DATE (2023 means up to the end of 2023)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: Option<String>,

    /// Only documents of these kinds: event kinds (politburo_meeting, symposium, …)
    /// or fragment; comma-separated
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,

    /// How many documents to show
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub limit: usize,

    /// Skip this many documents first (for paging)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub offset: usize,

    /// Print the results as JSON
    #[arg(long)]
    pub json: bool,
}

const EVENTS_HELP: &str = "\
An event is what the documents report: a meeting, a symposium, a message. Its versions
(a traditional-script copy, English translations) are linked to one original. Dates
hold only what the text states; a report that says \"12日\" has no year or month.

Examples:
  readout events
  readout events --kind politburo_meeting --from 2023 --json
  readout events --to 2024-06";

#[derive(Debug, Args)]
pub struct EventsArgs {
    /// Only events of this kind (politburo_meeting, symposium, message, …)
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,

    /// Only events on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD); events without a
    /// full date are left out of a date range
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<String>,

    /// Only events on or before DATE
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: Option<String>,

    /// At most N events (all by default)
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,

    /// Skip the first N events (with --limit: one page after another)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub offset: usize,

    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

const EVENT_HELP: &str = "\
Examples:
  readout event ev-6c6912b3881f-0
  readout event ev-6c69 --json          (a prefix that names one event is enough)";

#[derive(Debug, Args)]
pub struct EventArgs {
    /// The event's id (`readout events` lists them), or enough of its start
    #[arg(value_name = "EVENT")]
    pub id: String,

    /// Print the event as JSON (the same object as in `events --json`, with its
    /// full record)
    #[arg(long)]
    pub json: bool,
}

const FORMULATIONS_HELP: &str = "\
Formulations are fixed phrases of political language (高质量发展, 共抓大保护、不搞大开发).
Without --discover: the curated list, with where each occurs in the collection, in
mainland simplified script, the most widespread first, a formulation's longer variants
(发展新质生产力) under it.

With --discover: phrases the collection itself repeats across at least three events,
ranked by how phrase-like they are: the characters before and after a fixed phrase vary
(branching entropy), and it recurs widely. Left out: datelines and anything in more than
half of all events (a programme's or agency's credit), phrases that begin or end with a
function word or end with a reporting verb (…表示), and phrases naming a person the
records hold. Runs over every event's documents when asked (seconds on a year of news).

Examples:
  readout formulations
  readout formulations --json
  readout formulations --discover --top 100";

#[derive(Debug, Args)]
pub struct FormulationsArgs {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
    /// List phrases the collection repeats across events, ranked by how phrase-like
    /// they are, instead of the curated list
    #[arg(long)]
    pub discover: bool,
    /// With --discover: how many to list
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub top: usize,
}

const FORMULATION_HELP: &str = "\
TEXT may be written in any script: it is normalized to mainland simplified first, so
高品質發展 finds 高质量发展.

Examples:
  readout formulation 共抓大保护、不搞大开发
  readout formulation 高品質發展 --json";

#[derive(Debug, Args)]
pub struct FormulationArgs {
    /// The formulation, in any script
    #[arg(value_name = "TEXT")]
    pub text: String,

    /// Print the history as JSON
    #[arg(long)]
    pub json: bool,
}

const ALIGN_HELP: &str = "\
A and B are document ids in the store (or the start of one), or files, which are read
like an ingest would (the file's longest document is taken) without being stored. One
must be Chinese and the other English, in either order. Prints the aligned sentences
side by side, then the Chinese sentences and phrases the English leaves out.

Examples:
  readout align 6c6912b3881f-0 6c6912b3881f-1
  readout align report-zh.txt report-en.html --json";

#[derive(Debug, Args)]
pub struct AlignArgs {
    /// A document id or a file
    #[arg(value_name = "A")]
    pub a: String,

    /// A document id or a file
    #[arg(value_name = "B")]
    pub b: String,

    /// Print the alignment as JSON
    #[arg(long)]
    pub json: bool,
}

const ALIGN_EVAL_HELP: &str = "\
The layout of aligner-eval: SRC/NNN and TGT/NNN hold one sentence per line, GOLD/NNN.align
one group per line (`[0,1]:[2]`). Every file is aligned and scored strictly: a group
counts only if the gold has the identical group; precision and recall are pooled over
all files.

Examples:
  readout align-eval --src gold/pol/src --tgt gold/pol/tgt --gold gold/pol/gold
  readout align-eval --src s --tgt t --gold g --json";

#[derive(Debug, Args)]
pub struct AlignEvalArgs {
    /// Directory of source files (one sentence per line)
    #[arg(long, value_name = "DIR")]
    pub src: PathBuf,

    /// Directory of target files (one sentence per line)
    #[arg(long, value_name = "DIR")]
    pub tgt: PathBuf,

    /// Directory of gold alignments (NNN.align)
    #[arg(long, value_name = "DIR")]
    pub gold: PathBuf,

    /// Print {\"precision\", \"recall\", \"f1\"} as JSON
    #[arg(long)]
    pub json: bool,
}

const EXPORT_HELP: &str = "\
Every translation in the store, aligned with its original: one pair per aligned group
of sentences (several sentences on one side are joined). TMX 1.4b has the Chinese as
source language (xml:lang zh-Hans or zh-Hant, as the original is written) and English,
with the event and the documents as properties; JSON Lines and CSV have the columns
event, original, translation, zh, en.

Examples:
  readout export --format tmx --out memory.tmx
  readout export --format jsonl | jq -r .en
  readout export --format csv --out pairs.csv";

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Tmx,
    Jsonl,
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: ExportFormat,

    /// Write to FILE instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

const NORMALIZE_HELP: &str = "\
Reads text from standard input and prints the view readout matches on: traditional
characters folded to simplified, Taiwan vocabulary (高品質, 迴圈) back to mainland words
where the text is traditional; mainland text comes out unchanged. --chars-only applies
the character conversion alone, everywhere, as OpenCC's t2s does.

Examples:
  echo 以習近平同志為核心的黨中央 | readout normalize
  readout normalize --chars-only < report.txt > report.simplified.txt";

#[derive(Debug, Args)]
pub struct NormalizeArgs {
    /// Convert characters only (no vocabulary, no context)
    #[arg(long)]
    pub chars_only: bool,
}

/// A date bound as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checked.
fn parse_date(s: &str) -> Result<String, String> {
    let parts: Vec<&str> = s.split('-').collect();
    let ok = match parts.as_slice() {
        [y] => y.len() == 4,
        [y, m] => y.len() == 4 && m.len() == 2 && in_range(m, 1, 12),
        [y, m, d] => {
            y.len() == 4 && m.len() == 2 && d.len() == 2 && in_range(m, 1, 12) && in_range(d, 1, 31)
        }
        _ => false,
    } && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if ok {
        Ok(s.to_owned())
    } else {
        Err(format!(
            "`{s}` is not a date; write YYYY, YYYY-MM or YYYY-MM-DD (2023, 2023-11, 2023-11-27)"
        ))
    }
}

fn in_range(s: &str, lo: u32, hi: u32) -> bool {
    s.parse::<u32>().is_ok_and(|n| (lo..=hi).contains(&n))
}

const SERVE_HELP: &str = "\
Serves the store read-only: web pages (timeline of events, events with their aligned
versions, documents with provenance, formulations, compare, search) and a JSON API under
/api (its OpenAPI description at /api/openapi.json). The bound address is printed on
standard output (`--addr 127.0.0.1:0` picks a free port). Stop with Ctrl-C.

Examples:
  readout serve
  readout --data /srv/reports serve --addr 0.0.0.0:8080 --allow-remote --allow-host readout.lan

A loopback address is the default; an address other machines can reach is refused unless
--allow-remote is given, and then a warning says so. Connections that send their headers
slowly are cut after 10 s, idle ones after 60 s.";

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free port)
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,

    /// Serve on an address other machines can reach (the whole record to the network)
    #[arg(long)]
    pub allow_remote: bool,

    /// With --allow-remote: a host name the server answers for (IP addresses always are)
    #[arg(long, value_name = "NAME")]
    pub allow_host: Vec<String>,
}
