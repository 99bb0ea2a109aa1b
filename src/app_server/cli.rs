//! The server binary's commands: serve (the default), or make an existing account a site
//! admin — how a new installation gets its first administrator.

use super::serve_from_config_file;
use crate::accounts::{server::store, types::Role};
use crate::server::{config::Config, db::Db, router::StartError};

pub const USAGE: &str = "usage: parvis [serve | grant-site-admin <email>]";

#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Serve,
    GrantSiteAdmin(String),
}

pub fn parse(args: &[String]) -> Option<Command> {
    match args {
        [] => Some(Command::Serve),
        [serve] if serve == "serve" => Some(Command::Serve),
        [grant, email] if grant == "grant-site-admin" => {
            Some(Command::GrantSiteAdmin(email.trim().to_lowercase()))
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
        assert_eq!(parse(&args(&["frobnicate"])), None);
    }
}
