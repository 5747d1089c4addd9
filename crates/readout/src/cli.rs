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
  readout --data /srv/reports ingest ~/reports/2024/
  READOUT_DATA=/srv/reports readout docs

Exit status: 0 when everything worked, 1 when some input was rejected (ingest) or the
store has problems (check), 2 on any other error.";

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
    /// List the documents in the store
    Docs(ListArgs),
    /// Show one document: metadata, headlines, then body paragraphs
    Show(ShowArgs),
    /// List the files ingested, with the content each had
    Files(ListArgs),
    /// Check the store is whole: SQLite integrity, every file's bytes against their
    /// hash, every document's paragraphs
    Check(ListArgs),
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
pub struct ShowArgs {
    /// The document's id, or enough of its start to name only one
    #[arg(value_name = "DOC")]
    pub doc: String,

    /// Print the document as JSON (the same object as in `docs --json`)
    #[arg(long)]
    pub json: bool,
}
