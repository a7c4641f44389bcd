//! `flashpoint`: code news articles into political event data.

mod code;
mod input;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "flashpoint",
    version,
    about = "Turn news text into political event data"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Code articles (.txt, .html, .jsonl files, directories, or - for JSONL on stdin) and print one
    /// JSON object per article on stdout.
    Code(code::CodeArgs),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code(args) => code::run(&args),
    };
    match result {
        Ok(true) => std::process::ExitCode::SUCCESS,
        Ok(false) => std::process::ExitCode::FAILURE,
        Err(e) => {
            eprintln!("flashpoint: {e:#}");
            std::process::ExitCode::from(2)
        }
    }
}
