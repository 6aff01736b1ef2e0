//! `vane`: the command line. Parses flags, does the IO, and glues the
//! library crates together. Nothing here decides what a text means.

mod check;
mod cli;
mod export;
mod ingest;
mod render;
mod when;
#[cfg(feature = "postgres")]
mod work;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
