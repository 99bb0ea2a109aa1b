//! The server binary's commands: serve (the default); make an existing account a site admin —
//! how a new installation gets its first administrator; back up and restore an installation;
//! copy a SQLite installation into a fresh PostgreSQL database; prepare the site cargo-leptos
//! just built (`server::site_build`: compressed siblings, earlier builds' hashed files).
//!
//! Each reads one configuration: `--config <file>` (or `PARVIS_CONFIG`), which must exist,
//! else `Leptos.toml` in the working folder if there is one; `PARVIS_…` variables override it.

use super::serve;
use crate::accounts::{server::store, types::Role};
use crate::server::{
    backup,
    config::{Config, ConfigError},
    copy_to_postgres,
    db::Db,
    router::StartError,
    site_build::{self, SiteBuildError},
};
use std::{
    path::PathBuf,
    time::{Duration, SystemTime},
};

pub const USAGE: &str = "usage: parvis [--config <file>] [serve | grant-site-admin <email> | backup <new folder> | restore <backup folder> | copy-to-postgres <postgres://…> | prepare-site [--keep-hours <hours>]]";

/// The variable naming the configuration file when `--config` is not given.
pub const CONFIG_VARIABLE: &str = "PARVIS_CONFIG";

#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Serve,
    GrantSiteAdmin(String),
    Backup(PathBuf),
    Restore(PathBuf),
    CopyToPostgres(String),
    /// After `cargo leptos build`: hashed files of earlier builds unused for fewer than this
    /// many hours are kept.
    PrepareSite {
        keep_hours: u64,
    },
}

/// A command line: which configuration file, and what to do.
#[derive(Debug, PartialEq, Eq)]
pub struct Invocation {
    /// The file named by `--config` (or `PARVIS_CONFIG`); `None`: `Leptos.toml`, if present.
    pub config: Option<PathBuf>,
    pub command: Command,
}

/// Reads the arguments after the program name; `config_variable` is `PARVIS_CONFIG`'s value.
pub fn parse(args: &[String], config_variable: Option<String>) -> Option<Invocation> {
    let (config, rest) = match args {
        [flag, file, rest @ ..] if flag == "--config" => (Some(PathBuf::from(file)), rest),
        [flag, ..] if flag == "--config" => return None,
        rest => (
            config_variable.filter(|v| !v.is_empty()).map(PathBuf::from),
            rest,
        ),
    };
    let command = match rest {
        [] => Command::Serve,
        [serve] if serve == "serve" => Command::Serve,
        [grant, email] if grant == "grant-site-admin" => {
            Command::GrantSiteAdmin(email.trim().to_lowercase())
        }
        [backup, folder] if backup == "backup" => Command::Backup(PathBuf::from(folder)),
        [restore, folder] if restore == "restore" => Command::Restore(PathBuf::from(folder)),
        [copy, url] if copy == "copy-to-postgres" => Command::CopyToPostgres(url.clone()),
        [prepare] if prepare == "prepare-site" => Command::PrepareSite {
            keep_hours: site_build::DEFAULT_KEEP_HOURS,
        },
        [prepare, flag, hours] if prepare == "prepare-site" && flag == "--keep-hours" => {
            Command::PrepareSite {
                keep_hours: hours.parse().ok()?,
            }
        }
        _ => return None,
    };
    Some(Invocation { config, command })
}

impl Invocation {
    /// The configuration this invocation names.
    pub fn load_config(&self) -> Result<Config, ConfigError> {
        match &self.config {
            Some(file) => Config::load_named(file),
            None => Config::load("Leptos.toml"),
        }
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
    #[error(transparent)]
    Backup(#[from] backup::BackupError),
    #[error(transparent)]
    Copy(#[from] copy_to_postgres::CopyError),
    #[error("preparing the site: {0}")]
    Site(#[from] SiteBuildError),
}

pub async fn run(command: Command, config: Config) -> Result<(), CliError> {
    match command {
        Command::Serve => Ok(serve(config).await?),
        Command::GrantSiteAdmin(email) => grant_site_admin(&config, email).await,
        Command::Backup(folder) => {
            let made = backup::backup(&config, &folder).await?;
            println!("{made}");
            Ok(())
        }
        Command::Restore(folder) => {
            let restored = backup::restore(&config, &folder).await?;
            println!("{restored}");
            Ok(())
        }
        Command::CopyToPostgres(url) => {
            let copied = copy_to_postgres::copy(&config, &url).await?;
            println!("{copied}");
            Ok(())
        }
        Command::PrepareSite { keep_hours } => {
            let keep_for = Duration::from_secs(keep_hours.saturating_mul(3600));
            let report =
                site_build::prepare(&config.server.site_root, keep_for, SystemTime::now())?;
            println!("{}: {report}", config.server.site_root.display());
            Ok(())
        }
    }
}

async fn grant_site_admin(config: &Config, email: String) -> Result<(), CliError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn commands_parse() {
        let command = |a: &[&str]| parse(&args(a), None).map(|i| i.command);
        assert_eq!(command(&[]), Some(Command::Serve));
        assert_eq!(
            command(&["grant-site-admin", " Ada@X.org"]),
            Some(Command::GrantSiteAdmin("ada@x.org".into()))
        );
        assert_eq!(
            command(&["backup", "/srv/b"]),
            Some(Command::Backup("/srv/b".into()))
        );
        assert_eq!(
            command(&["copy-to-postgres", "postgres://h/p"]),
            Some(Command::CopyToPostgres("postgres://h/p".into()))
        );
        assert_eq!(command(&["grant-site-admin"]), None);
        assert_eq!(command(&["restore"]), None);
        assert_eq!(
            command(&["prepare-site", "--keep-hours", "6"]),
            Some(Command::PrepareSite { keep_hours: 6 })
        );
        assert_eq!(command(&["prepare-site", "--keep-hours", "six"]), None);
        assert_eq!(command(&["frobnicate"]), None);
    }

    #[test]
    fn the_configuration_file_comes_from_the_flag_then_the_variable() {
        let flag = parse(
            &args(&["--config", "/etc/parvis.toml", "serve"]),
            Some("other.toml".into()),
        );
        assert_eq!(flag.and_then(|i| i.config), Some("/etc/parvis.toml".into()));
        let variable = parse(&args(&["serve"]), Some("/etc/p.toml".into()));
        assert_eq!(variable.and_then(|i| i.config), Some("/etc/p.toml".into()));
        let default = parse(&args(&[]), Some(String::new()));
        assert_eq!(default.map(|i| i.config), Some(None));
        assert_eq!(parse(&args(&["--config"]), None), None);
    }
}
