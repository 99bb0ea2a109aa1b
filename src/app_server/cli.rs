//! The server binary's commands: serve (the default), make an existing account a site admin —
//! how a new installation gets its first administrator —, or prepare the site cargo-leptos just
//! built (`server::site_build`: compressed siblings, earlier builds' hashed files).

use super::serve_from_config_file;
use crate::accounts::{server::store, types::Role};
use crate::server::{
    config::Config,
    db::Db,
    router::StartError,
    site_build::{self, SiteBuildError},
};
use std::time::{Duration, SystemTime};

pub const USAGE: &str =
    "usage: parvis [serve | grant-site-admin <email> | prepare-site [--keep-hours <hours>]]";

#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Serve,
    GrantSiteAdmin(String),
    /// After `cargo leptos build`: hashed files of earlier builds unused for fewer than this
    /// many hours are kept.
    PrepareSite { keep_hours: u64 },
}

pub fn parse(args: &[String]) -> Option<Command> {
    match args {
        [] => Some(Command::Serve),
        [serve] if serve == "serve" => Some(Command::Serve),
        [grant, email] if grant == "grant-site-admin" => {
            Some(Command::GrantSiteAdmin(email.trim().to_lowercase()))
        }
        [prepare] if prepare == "prepare-site" => Some(Command::PrepareSite {
            keep_hours: site_build::DEFAULT_KEEP_HOURS,
        }),
        [prepare, flag, hours] if prepare == "prepare-site" && flag == "--keep-hours" => {
            hours.parse().ok().map(|keep_hours| Command::PrepareSite { keep_hours })
        }
        _ => None,
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Start(#[from] StartError),
    #[error("no account uses {0}: sign up first, then run this again")]
    NoAccount(String),
    #[error("{0} is already a site admin")]
    AlreadyAdmin(String),
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("preparing the site: {0}")]
    Site(#[from] SiteBuildError),
}

pub async fn run(command: Command, config_file: &str) -> Result<(), CliError> {
    match command {
        Command::Serve => Ok(serve_from_config_file(config_file).await?),
        Command::GrantSiteAdmin(email) => {
            let config = Config::load(config_file).map_err(StartError::from)?;
            let db = Db::connect(&config.database.url, 1)
                .await
                .map_err(StartError::from)?;
            let account = store::by_email(&db, &email)
                .await?
                .ok_or_else(|| CliError::NoAccount(email.clone()))?;
            match store::grant(&db, account.id, Role::SiteAdmin, None, account.id).await {
                Ok(_) => {
                    println!("{email} is now a site admin");
                    Ok(())
                }
                Err(store::GrantError::Duplicate) => Err(CliError::AlreadyAdmin(email)),
                Err(store::GrantError::Db(e)) => Err(e.into()),
            }
        }
        Command::PrepareSite { keep_hours } => {
            let config = Config::load(config_file).map_err(StartError::from)?;
            let keep_for = Duration::from_secs(keep_hours.saturating_mul(3600));
            let report = site_build::prepare(&config.server.site_root, keep_for, SystemTime::now())?;
            println!("{}: {report}", config.server.site_root.display());
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_parse() {
        let args = |a: &[&str]| a.iter().map(ToString::to_string).collect::<Vec<_>>();
        assert_eq!(parse(&args(&[])), Some(Command::Serve));
        assert_eq!(
            parse(&args(&["grant-site-admin", " Ada@X.org"])),
            Some(Command::GrantSiteAdmin("ada@x.org".into()))
        );
        assert_eq!(parse(&args(&["grant-site-admin"])), None);
        assert_eq!(
            parse(&args(&["prepare-site", "--keep-hours", "6"])),
            Some(Command::PrepareSite { keep_hours: 6 })
        );
        assert_eq!(parse(&args(&["prepare-site", "--keep-hours", "six"])), None);
        assert_eq!(parse(&args(&["frobnicate"])), None);
    }
}
