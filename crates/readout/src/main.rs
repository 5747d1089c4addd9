//! readout: the command line. The only crate that knows about the command line, HTTP
//! and the JSON shapes; everything it shows comes from `readout-store` and the pure
//! stages behind it.

mod cli;
mod docs;
mod files;
mod guard;
mod ingest;
mod json;
mod output;
mod size;
mod walk;

use clap::Parser;
use cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Ingest(args) => ingest::run(&cli.data, args),
        Command::Docs(args) => docs::list(&cli.data, args.json).map(|()| ExitCode::SUCCESS),
        Command::Show(args) => {
            docs::show(&cli.data, &args.doc, args.json).map(|()| ExitCode::SUCCESS)
        }
        Command::Files(args) => files::list(&cli.data, args.json).map(|()| ExitCode::SUCCESS),
        Command::Check(args) => files::check(&cli.data, args.json),
    };
    match result {
        Ok(code) => code,
        Err(err) if output::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let mut message = format!("error: {err}");
            for cause in err.chain().skip(1) {
                message.push_str(&format!("\n  caused by: {cause}"));
            }
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}
