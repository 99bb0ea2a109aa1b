//! The Parvis server: reads its configuration (`--config <file>`, `PARVIS_CONFIG`, else
//! Leptos.toml; then PARVIS_* variables), then serves — or runs one of the operator's commands
//! (`app_server::cli`).

use parvis::app_server::cli;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(invocation) = cli::parse(&args, std::env::var(cli::CONFIG_VARIABLE).ok()) else {
        eprintln!("{}", cli::USAGE);
        return ExitCode::from(2);
    };
    let config = match invocation.load_config() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("Parvis: {error}");
            return ExitCode::FAILURE;
        }
    };
    parvis::server::logs::init(config.log.format);
    match cli::run(invocation.command, config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "Parvis stopped");
            eprintln!("Parvis: {error}");
            ExitCode::FAILURE
        }
    }
}
