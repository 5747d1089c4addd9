//! readout: the command line. The only crate that knows about the command line, HTTP
//! and the JSON shapes; everything it shows comes from `readout-store` and the pure
//! stages behind it.

mod align;
mod backup;
mod check;
mod cli;
mod derive;
mod docs;
mod events;
mod export;
mod files;
mod formulations;
mod guard;
mod ingest;
mod json;
mod normalize;
mod output;
mod read;
mod record_io;
mod repair;
mod search;
mod search_index;
mod size;
mod walk;

use clap::Parser;
use cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    output::guard_standard_descriptors();
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Ingest(args) => ingest::run(&cli.data, args),
        Command::Read(args) => read::run(args),
        Command::Docs(args) => docs::list(&cli.data, args.json).map(|()| ExitCode::SUCCESS),
        Command::Show(args) => {
            docs::show(&cli.data, &args.doc, args.json).map(|()| ExitCode::SUCCESS)
        }
        Command::Files(args) => files::list(&cli.data, args.json).map(|()| ExitCode::SUCCESS),
        Command::Check(args) => check::run(&cli.data, args.json, args.quick),
        Command::Repair(args) => repair::run(&cli.data, args),
        Command::Backup(args) => backup::run(&cli.data, args),
        Command::Derive(args) => derive::run(&cli.data, args),
        Command::Search(args) => search::run(&cli.data, args).map(|()| ExitCode::SUCCESS),
        Command::Events(args) => events::list(&cli.data, args).map(|()| ExitCode::SUCCESS),
        Command::Event(args) => events::show(&cli.data, args).map(|()| ExitCode::SUCCESS),
        Command::Formulations(args) => {
            formulations::list(&cli.data, args).map(|()| ExitCode::SUCCESS)
        }
        Command::Formulation(args) => {
            formulations::show(&cli.data, args).map(|()| ExitCode::SUCCESS)
        }
        Command::Align(args) => align::run(&cli.data, args).map(|()| ExitCode::SUCCESS),
        Command::AlignEval(args) => align::eval(args).map(|()| ExitCode::SUCCESS),
        Command::Export(args) => export::run(&cli.data, args).map(|()| ExitCode::SUCCESS),
        Command::Normalize(args) => normalize::run(args).map(|()| ExitCode::SUCCESS),
        Command::Serve(args) => serve(&cli.data, args),
    };
    match result {
        Ok(code) => code,
        Err(err) if output::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            // Messages name files and quote input: escaped like every name shown.
            let mut message = format!("error: {}", output::Safe(&err.to_string()));
            for cause in err.chain().skip(1) {
                let cause = cause.to_string();
                message.push_str(&format!("\n  caused by: {}", output::Safe(&cause)));
            }
            output::note(&message);
            ExitCode::from(2)
        }
    }
}

/// `readout serve`: the record over HTTP (the readout-serve crate).
fn serve(data: &std::path::Path, args: &cli::ServeArgs) -> anyhow::Result<ExitCode> {
    let mut opts = readout_serve::Options::new(data.to_path_buf(), args.addr);
    opts.allow_remote = args.allow_remote;
    opts.allowed_hosts = args.allow_host.clone();
    readout_serve::serve(opts)?;
    Ok(ExitCode::SUCCESS)
}
