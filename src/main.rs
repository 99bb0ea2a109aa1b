//! The Parvis server: reads Leptos.toml (and PARVIS_* variables), then serves.

#[tokio::main]
async fn main() -> std::process::ExitCode {
    parvis::server::router::init_tracing();
    match parvis::server::router::serve_from_config_file("Leptos.toml").await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "Parvis stopped");
            eprintln!("Parvis stopped: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
