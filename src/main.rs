//! The Parvis server: reads Leptos.toml (and PARVIS_* variables), then serves — or, with
//! `grant-site-admin <email>`, makes an existing account a site admin.

use parvis::app_server::cli;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    parvis::server::router::init_tracing();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = cli::parse(&args) else {
        eprintln!("{}", cli::USAGE);
        return std::process::ExitCode::from(2);
    };
    match cli::run(command, "Leptos.toml").await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "Parvis stopped");
            eprintln!("Parvis: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
