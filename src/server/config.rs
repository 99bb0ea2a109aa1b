//! Runtime configuration: `Leptos.toml`, then `PARVIS_<SECTION>__<KEY>` environment variables.

use figment::{
    providers::{Env, Format, Serialized, Toml},
    Figment,
};
use serde::{Deserialize, Serialize};
use std::{net::SocketAddr, path::PathBuf};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Config {
    pub server: ServerConfig,
    pub city: CityConfig,
    pub database: DatabaseConfig,
    pub session: SessionConfig,
    pub security: SecurityConfig,
    pub limits: LimitsConfig,
    pub storage: StorageConfig,
    pub mail: MailConfig,
    pub demo: DemoConfig,
    pub alerts: AlertsConfig,
    pub digest: DigestConfig,
    pub jobs: JobsConfig,
    pub shutdown: ShutdownConfig,
    pub metrics: MetricsConfig,
    pub log: LogConfig,
    pub retention: RetentionConfig,
    pub erasure: ErasureConfig,
    pub legal: LegalConfig,
    pub espaces: EspacesConfig,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ServerConfig {
    pub address: SocketAddr,
    pub public_url: url::Url,
    pub site_root: PathBuf,
    pub data_dir: PathBuf,
    /// Behind a reverse proxy: the header it sets to the client's address (for example
    /// "x-forwarded-for", whose last entry is used). Empty: the TCP peer address.
    pub client_address_header: String,
}

/// The city the site serves.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CityConfig {
    /// An IANA time-zone name ("Europe/Paris"): the city's calendar decides "today" and every
    /// deadline, and dates are shown in it to visitors (and to members who keep the default).
    /// Checked against the compiled-in time-zone database at start.
    pub time_zone: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DatabaseConfig {
    pub url: String,
    pub max_connections: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionConfig {
    pub cookie_name: String,
    pub idle_hours: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SecurityConfig {
    pub login_failures_per_account: i64,
    pub login_failures_per_address: i64,
    pub login_window_minutes: i64,
    pub password_reset_minutes: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LimitsConfig {
    pub max_body_bytes: usize,
    /// Largest CV accepted, in bytes.
    pub cv_max_bytes: usize,
    /// Largest image (PNG, JPEG, GIF or WebP) a fiche author may upload, in bytes.
    pub image_max_bytes: usize,
}

/// Where stored files live (`server::storage`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StorageConfig {
    pub backend: StorageBackend,
    /// S3: the bucket every file goes in.
    pub bucket: String,
    /// S3: the store's address (`http://127.0.0.1:9000` for a MinIO or Garage); empty: AWS.
    pub endpoint: String,
    /// S3: the region (AWS's, or whatever a self-hosted store expects); empty: the
    /// environment's `AWS_REGION`, else `us-east-1`.
    pub region: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum StorageBackend {
    /// Files under `server.data_dir` (one machine, or a shared mount).
    Local,
    /// An S3-compatible object store; credentials from the environment (`AWS_ACCESS_KEY_ID`,
    /// `AWS_SECRET_ACCESS_KEY`), never from the file.
    S3,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum MailTransport {
    File,
    Smtp,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    Starttls,
    Tls,
    None,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MailConfig {
    pub from: String,
    pub transport: MailTransport,
    pub smtp_host: String,
    pub smtp_port: u16,
    pub smtp_security: SmtpSecurity,
    pub smtp_username: String,
    pub smtp_password: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AlertsConfig {
    /// How often saved searches are checked for newly published offers, in seconds.
    pub every_seconds: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DigestConfig {
    /// How often members get their unread Innovation notifications by e-mail, in seconds.
    pub every_seconds: u64,
}

/// The background job worker (`server::jobs`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JobsConfig {
    /// How often an idle worker looks for due jobs and periodic rounds, in milliseconds (a job
    /// queued by this process wakes it at once; one queued by another process waits this long).
    pub poll_millis: u64,
    /// How long a claimed job is reserved for its worker, in seconds: a process that dies while
    /// running a job leaves it to another worker once this has passed. Also the most a job may run.
    pub lease_seconds: i64,
    /// The first retry waits this long, in seconds; each further retry waits twice as long.
    pub retry_base_seconds: i64,
    /// After this many attempts a job is `failed` and waits for a site admin's retry.
    pub max_attempts: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DemoConfig {
    pub enabled: bool,
}

/// What a server does on SIGTERM or Ctrl-C (`server::shutdown`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ShutdownConfig {
    /// Seconds between the signal and the end of accepting connections: `/readyz` answers 503
    /// meanwhile, so the proxy or orchestrator stops sending requests here first. 0 (for
    /// trying the app) stops accepting at once.
    pub drain_seconds: u64,
    /// Then the most seconds given to requests in flight and the job running to finish; what
    /// is still open after it is dropped (an unfinished job goes to another process when its
    /// lease expires).
    pub grace_seconds: u64,
}

/// The metrics endpoint (`server::metrics`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MetricsConfig {
    /// Where `/metrics` (Prometheus text format) is served, on a listener of its own that the
    /// public proxy does not forward to ("127.0.0.1:9100", or a private interface). Empty: no
    /// metrics endpoint.
    pub address: String,
}

/// How log lines are written (to standard output).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines (the default).
    #[default]
    Text,
    /// One JSON object a line, for a log collector.
    Json,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LogConfig {
    pub format: LogFormat,
}

/// Deleting one's account (`accounts::server::erasure`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ErasureConfig {
    /// Life of the link mailed to confirm a deletion, in minutes: long enough to open one's
    /// mail, short enough that a mailbox read later by someone else cannot delete the account
    /// (30; shorter than a password reset's hour, since this cannot be undone).
    pub confirm_minutes: i64,
}

/// Espaces, the workspaces (`espaces::server`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EspacesConfig {
    /// E-mail domains whose accounts are city agents once their address is verified (a mailed
    /// link used), lower case, without `@` (`["paris.fr"]`). Staff roles and the site admins'
    /// grants make agents too.
    pub agent_domains: Vec<String>,
    /// Life of an invitation mailed to join a space, in days.
    pub invitation_days: i64,
    /// Life of a one-time sign-in link mailed to a partner, in minutes: short, since it signs
    /// in without a password.
    pub sign_in_link_minutes: i64,
    /// Most invitations one account sends in 24 hours, across spaces: enough for an animator
    /// inviting a network of correspondents, too few to make Parvis a spam relay.
    pub invitations_per_day: i64,
    /// Largest document upload, in bytes (its own body limit, apart from
    /// `limits.max_body_bytes`): 200 MiB.
    pub upload_max_bytes: u64,
    /// What a space's documents may take in all, in bytes (every version, the bin included):
    /// 5 GiB. An upload that would go past it is refused before it is stored.
    pub quota_bytes: u64,
    /// Longest life of a document's share link, in days (90).
    pub share_link_max_days: i64,
}

/// How long each kind of personal data is kept (GDPR art. 5(1)(e), storage limitation): what
/// is past its period is deleted or anonymised by the retention round. Each field's comment
/// gives the period's start and why that length; `Leptos.toml` repeats them for operators.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RetentionConfig {
    /// Applications not accepted (declined, withdrawn, expired) with their messages, notes and
    /// the CV sent, in months after the application's last move. CNIL: a candidate not retained
    /// may be kept in view for other offers for up to two years after the last contact.
    pub applications_months: u32,
    /// Accepted applications, in months after the last move: the internship agreement and its
    /// follow-up need them for the internship and the period a dispute may follow it; then
    /// anonymised (the dashboard's figures stay).
    pub accepted_applications_months: u32,
    /// Accounts without a staff role (candidates, Innovation members), in months after the last
    /// sign-in (or the last day a signed-in session was used: `users.last_seen_at`): deleted as
    /// by their owner (CNIL: three years after the last contact).
    pub inactive_accounts_months: u32,
    /// A mail warns the owner of an inactive account this many days before its deletion; a
    /// sign-in keeps the account.
    pub inactive_warning_days: u32,
    /// The Innovation moderation log (who hid or restored what), in months: long enough to
    /// answer a contested decision.
    pub moderation_log_months: u32,
    /// Messages members sent each other through the directory, in months (kept only to apply
    /// the daily limit and answer an abuse report).
    pub member_messages_months: u32,
    /// Notifications already read, in months.
    pub read_notifications_months: u32,
    /// Failed sign-in records (which hold client addresses), in hours: only as long as the
    /// throttling window and an incident review need.
    pub sign_in_failures_hours: u32,
    /// Password-reset tokens, used or expired, in hours after they stopped being valid.
    pub reset_tokens_hours: u32,
    /// Finished background jobs (a mail job holds its recipient's address), in days.
    pub finished_jobs_days: u32,
    /// A prepared "my data" archive and its download link, in days.
    pub data_exports_days: u32,
    /// Espaces' one-time sign-in links, used or expired, in hours after they stopped being
    /// valid (as reset tokens).
    pub space_sign_in_links_hours: u32,
    /// Invitations to a space that ended (accepted, revoked or expired), in days: each holds
    /// an address; an animator sees them on the members page until then.
    pub space_invitations_days: u32,
}

impl Default for RetentionConfig {
    fn default() -> Self {
        RetentionConfig {
            applications_months: 24,
            accepted_applications_months: 60,
            inactive_accounts_months: 36,
            inactive_warning_days: 30,
            moderation_log_months: 12,
            member_messages_months: 12,
            read_notifications_months: 12,
            sign_in_failures_hours: 24,
            reset_tokens_hours: 24,
            finished_jobs_days: 30,
            data_exports_days: 7,
            space_sign_in_links_hours: 24,
            space_invitations_days: 90,
        }
    }
}

/// Who answers for the site: what the legal notice, the privacy notice and the accessibility
/// statement name (`legal` pages). The defaults are example values (an "Exemple" city, `.example`
/// addresses, a reserved phone range): an installation must replace every one of them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LegalConfig {
    /// The publisher (éditeur, loi n° 2004-575 art. 6 III): the city, by its official name.
    pub publisher_name: String,
    /// The publisher's postal address (its town hall).
    pub publisher_address: String,
    /// The publisher's telephone number, as shown.
    pub publisher_phone: String,
    /// The publisher's contact e-mail address.
    pub publisher_email: String,
    /// The director of publication (directeur de la publication): for a city, its mayor.
    pub director: String,
    /// The host (hébergeur): its name, postal address and telephone, as the law requires.
    pub host_name: String,
    pub host_address: String,
    pub host_phone: String,
    /// The data protection officer (GDPR art. 37–39): a name or a service, an e-mail address
    /// and a postal address, where people exercise their rights.
    pub dpo_name: String,
    pub dpo_email: String,
    pub dpo_address: String,
    /// Where people report an accessibility problem (RGAA: "retour d'information"): an e-mail
    /// address and/or the address of a contact form (empty: not shown).
    pub accessibility_email: String,
    pub accessibility_form_url: String,
    /// The date (YYYY-MM-DD) of the accessibility checks the statement reports
    /// (`end2end/tests/accessibility_audit.spec.ts`); checked at start.
    pub accessibility_audit_date: String,
}

impl Default for LegalConfig {
    fn default() -> Self {
        LegalConfig {
            publisher_name: "Ville d'Exemple".into(),
            publisher_address: "1 place de l'Hôtel-de-Ville, 99999 Exemple".into(),
            publisher_phone: "+33 1 99 00 00 00".into(),
            publisher_email: "contact@ville.example".into(),
            director: "Le maire de la Ville d'Exemple".into(),
            host_name: "Hébergeur d'Exemple SAS".into(),
            host_address: "2 rue de l'Exemple, 99999 Exemple".into(),
            host_phone: "+33 1 99 00 00 01".into(),
            dpo_name: "Délégué à la protection des données de la Ville d'Exemple".into(),
            dpo_email: "dpo@ville.example".into(),
            dpo_address: "DPO, 1 place de l'Hôtel-de-Ville, 99999 Exemple".into(),
            accessibility_email: "accessibilite@ville.example".into(),
            accessibility_form_url: String::new(),
            accessibility_audit_date: "2026-11-30".into(),
        }
    }
}

/// The unit of a retention period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PeriodUnit {
    Hours,
    Days,
    Months,
}

/// One retention setting, for the privacy notice and the README: its `Leptos.toml` key under
/// `[retention]` (also its translation keys' stem, `retention-<key>` and
/// `retention-<key>-why`), its length and unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionRule {
    pub key: &'static str,
    pub amount: u32,
    pub unit: PeriodUnit,
}

impl RetentionConfig {
    /// Every setting, in the order the privacy notice lists them.
    pub fn rules(&self) -> Vec<RetentionRule> {
        use PeriodUnit::{Days, Hours, Months};
        let rule = |key, amount, unit| RetentionRule { key, amount, unit };
        vec![
            rule("applications_months", self.applications_months, Months),
            rule(
                "accepted_applications_months",
                self.accepted_applications_months,
                Months,
            ),
            rule(
                "inactive_accounts_months",
                self.inactive_accounts_months,
                Months,
            ),
            rule("inactive_warning_days", self.inactive_warning_days, Days),
            rule("moderation_log_months", self.moderation_log_months, Months),
            rule(
                "member_messages_months",
                self.member_messages_months,
                Months,
            ),
            rule(
                "read_notifications_months",
                self.read_notifications_months,
                Months,
            ),
            rule("sign_in_failures_hours", self.sign_in_failures_hours, Hours),
            rule("reset_tokens_hours", self.reset_tokens_hours, Hours),
            rule("finished_jobs_days", self.finished_jobs_days, Days),
            rule("data_exports_days", self.data_exports_days, Days),
            rule(
                "space_sign_in_links_hours",
                self.space_sign_in_links_hours,
                Hours,
            ),
            rule("space_invitations_days", self.space_invitations_days, Days),
        ]
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration: {0}")]
    Invalid(#[from] Box<figment::Error>),
    #[error("configuration file {0}: {1}")]
    File(PathBuf, #[source] Box<figment::Error>),
    #[error("configuration file {0}: not found")]
    Missing(PathBuf),
    #[error(
        "configuration: metrics.address {0:?} is not an address with a port (\"127.0.0.1:9100\")"
    )]
    MetricsAddress(String),
    #[error("configuration: server.public_url must be http or https, not {0}")]
    PublicUrlScheme(String),
    #[error("configuration: legal.accessibility_audit_date {0:?} is not a date (YYYY-MM-DD)")]
    AuditDate(String),
    #[error("configuration: city.time_zone {0:?} is not a known time zone (use an IANA name such as \"Europe/Paris\")")]
    UnknownTimeZone(String),
}

impl Default for Config {
    fn default() -> Self {
        Config {
            server: ServerConfig {
                address: SocketAddr::from(([127, 0, 0, 1], 3000)),
                public_url: url::Url::parse("http://127.0.0.1:3000").expect("valid literal URL"),
                site_root: PathBuf::from("target/site"),
                data_dir: PathBuf::from("data"),
                client_address_header: String::new(),
            },
            city: CityConfig {
                time_zone: "Europe/Paris".into(),
            },
            database: DatabaseConfig {
                url: "sqlite://data/parvis.db".into(),
                max_connections: 8,
            },
            session: SessionConfig {
                cookie_name: "parvis_session".into(),
                idle_hours: 336,
            },
            security: SecurityConfig {
                login_failures_per_account: 5,
                login_failures_per_address: 20,
                login_window_minutes: 15,
                password_reset_minutes: 60,
            },
            limits: LimitsConfig {
                max_body_bytes: 10 * 1024 * 1024,
                cv_max_bytes: 5 * 1024 * 1024,
                image_max_bytes: 2 * 1024 * 1024,
            },
            storage: StorageConfig {
                backend: StorageBackend::Local,
                bucket: String::new(),
                endpoint: String::new(),
                region: String::new(),
            },
            mail: MailConfig {
                from: "Parvis <ne-pas-repondre@parvis.localhost>".into(),
                transport: MailTransport::File,
                smtp_host: "localhost".into(),
                smtp_port: 587,
                smtp_security: SmtpSecurity::Starttls,
                smtp_username: String::new(),
                smtp_password: String::new(),
            },
            demo: DemoConfig { enabled: false },
            alerts: AlertsConfig { every_seconds: 600 },
            digest: DigestConfig {
                every_seconds: 86_400,
            },
            jobs: JobsConfig {
                poll_millis: 1000,
                lease_seconds: 300,
                retry_base_seconds: 30,
                max_attempts: 8,
            },
            shutdown: ShutdownConfig {
                drain_seconds: 0,
                grace_seconds: 20,
            },
            metrics: MetricsConfig {
                address: String::new(),
            },
            log: LogConfig {
                format: LogFormat::Text,
            },
            retention: RetentionConfig::default(),
            erasure: ErasureConfig {
                confirm_minutes: 30,
            },
            legal: LegalConfig::default(),
            espaces: EspacesConfig {
                agent_domains: Vec::new(),
                invitation_days: 14,
                sign_in_link_minutes: 15,
                invitations_per_day: 500,
                upload_max_bytes: 200 * 1024 * 1024,
                quota_bytes: 5 * 1024 * 1024 * 1024,
                share_link_max_days: 90,
            },
        }
    }
}

impl Config {
    /// Defaults, overridden by the TOML file (if it exists), overridden by the environment.
    pub fn load(file: &str) -> Result<Config, ConfigError> {
        Self::from_figment(
            Figment::from(Serialized::defaults(Config::default()))
                .merge(Toml::file(file))
                .merge(Env::prefixed("PARVIS_").split("__")),
        )
    }

    /// [`Config::load`] of a file the operator named (`--config`, `PARVIS_CONFIG`): it must
    /// exist, where the default `Leptos.toml` may be missing (environment variables alone).
    pub fn load_named(file: &std::path::Path) -> Result<Config, ConfigError> {
        if !file.is_file() {
            return Err(ConfigError::Missing(file.to_path_buf()));
        }
        Self::load(&file.to_string_lossy()).map_err(|error| match error {
            ConfigError::Invalid(source) => ConfigError::File(file.to_path_buf(), source),
            other => other,
        })
    }

    fn from_figment(figment: Figment) -> Result<Config, ConfigError> {
        let config: Config = figment.extract().map_err(Box::new)?;
        config.city_zone()?;
        config.metrics_address()?;
        if config
            .legal
            .accessibility_audit_date
            .parse::<jiff::civil::Date>()
            .is_err()
        {
            return Err(ConfigError::AuditDate(
                config.legal.accessibility_audit_date.clone(),
            ));
        }
        match config.server.public_url.scheme() {
            "http" | "https" => Ok(config),
            other => Err(ConfigError::PublicUrlScheme(other.to_string())),
        }
    }

    /// The city's time zone, from the compiled-in database.
    pub fn city_zone(&self) -> Result<jiff::tz::TimeZone, ConfigError> {
        crate::server::clock::zone_named(&self.city.time_zone)
            .ok_or_else(|| ConfigError::UnknownTimeZone(self.city.time_zone.clone()))
    }

    /// Where the metrics endpoint listens, if anywhere.
    pub fn metrics_address(&self) -> Result<Option<SocketAddr>, ConfigError> {
        let address = self.metrics.address.trim();
        if address.is_empty() {
            return Ok(None);
        }
        address
            .parse()
            .map(Some)
            .map_err(|_| ConfigError::MetricsAddress(address.to_string()))
    }

    /// The public origin ("scheme://host[:port]") that cross-site checks compare against.
    pub fn public_origin(&self) -> String {
        self.server.public_url.origin().ascii_serialization()
    }

    pub fn is_https(&self) -> bool {
        self.server.public_url.scheme() == "https"
    }

    /// An absolute link to `path` on the public site.
    pub fn public_link(&self, path: &str) -> String {
        format!(
            "{}{}",
            self.server.public_url.as_str().trim_end_matches('/'),
            path
        )
    }

    pub fn outbox_dir(&self) -> PathBuf {
        self.server.data_dir.join("outbox")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_overrides_file_and_defaults() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "Leptos.toml",
                "[server]\naddress = \"127.0.0.1:4000\"\n[demo]\nenabled = false\n",
            )?;
            jail.set_env("PARVIS_DEMO__ENABLED", "true");
            let config = Config::load("Leptos.toml").map_err(|e| e.to_string())?;
            assert_eq!(config.server.address.port(), 4000);
            assert!(config.demo.enabled);
            assert_eq!(config.session.cookie_name, "parvis_session");
            Ok(())
        });
    }

    #[test]
    fn refuses_an_audit_date_that_is_not_a_date() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("PARVIS_LEGAL__ACCESSIBILITY_AUDIT_DATE", "30/11/2026");
            let error = Config::load("missing.toml")
                .expect_err("not a date")
                .to_string();
            assert!(error.contains("accessibility_audit_date"), "{error}");
            jail.set_env("PARVIS_LEGAL__PUBLISHER_NAME", "Ville de Lutèce");
            jail.set_env("PARVIS_LEGAL__ACCESSIBILITY_AUDIT_DATE", "2027-01-15");
            let config = Config::load("missing.toml").map_err(|e| e.to_string())?;
            assert_eq!(config.legal.publisher_name, "Ville de Lutèce");
            Ok(())
        });
    }

    #[test]
    fn refuses_a_public_url_that_is_not_http() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("PARVIS_SERVER__PUBLIC_URL", "ftp://example.org");
            assert!(Config::load("missing.toml").is_err());
            Ok(())
        });
    }

    #[test]
    fn the_city_time_zone_is_paris_unless_overridden() {
        figment::Jail::expect_with(|jail| {
            assert_eq!(
                Config::load("missing.toml")
                    .map_err(|e| e.to_string())?
                    .city
                    .time_zone,
                "Europe/Paris"
            );
            jail.set_env("PARVIS_CITY__TIME_ZONE", "America/Montreal");
            let config = Config::load("missing.toml").map_err(|e| e.to_string())?;
            assert_eq!(
                config.city_zone().map_err(|e| e.to_string())?.iana_name(),
                Some("America/Montreal")
            );
            Ok(())
        });
    }

    #[test]
    fn refuses_an_unknown_time_zone_with_its_name() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("PARVIS_CITY__TIME_ZONE", "Europe/Lutece");
            let error = Config::load("missing.toml")
                .expect_err("unknown zone refused")
                .to_string();
            assert!(
                error.contains("city.time_zone") && error.contains("Europe/Lutece"),
                "{error}"
            );
            Ok(())
        });
    }

    #[test]
    fn a_named_file_must_exist_and_parse() {
        figment::Jail::expect_with(|jail| {
            let missing = Config::load_named(std::path::Path::new("nowhere.toml"))
                .expect_err("missing file refused")
                .to_string();
            assert!(
                missing.contains("nowhere.toml") && missing.contains("not found"),
                "{missing}"
            );
            jail.create_file("broken.toml", "[server\naddress = 1\n")?;
            let broken = Config::load_named(std::path::Path::new("broken.toml"))
                .expect_err("broken file refused")
                .to_string();
            assert!(broken.contains("broken.toml"), "{broken}");
            jail.create_file(
                "prod.toml",
                "[log]\nformat = \"json\"\n[metrics]\naddress = \"127.0.0.1:9100\"\n",
            )?;
            let config =
                Config::load_named(std::path::Path::new("prod.toml")).map_err(|e| e.to_string())?;
            assert_eq!(config.log.format, LogFormat::Json);
            assert_eq!(
                config
                    .metrics_address()
                    .map_err(|e| e.to_string())?
                    .map(|a| a.port()),
                Some(9100)
            );
            jail.set_env("PARVIS_METRICS__ADDRESS", "everywhere");
            assert!(Config::load_named(std::path::Path::new("prod.toml")).is_err());
            Ok(())
        });
    }

    #[test]
    fn the_production_example_parses() {
        figment::Jail::expect_with(|_| {
            let config = Config::load_named(std::path::Path::new(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/deploy/Leptos.production.toml"
            )))
            .map_err(|e| e.to_string())?;
            assert!(config.is_https());
            assert!(config.database.url.starts_with("postgres://"));
            assert_eq!(config.server.client_address_header, "x-forwarded-for");
            assert_eq!(config.log.format, LogFormat::Json);
            assert!(config.shutdown.drain_seconds > 0);
            assert!(config
                .metrics_address()
                .map_err(|e| e.to_string())?
                .is_some());
            Ok(())
        });
    }

    #[test]
    fn the_repository_file_parses() {
        let config = Config::load(concat!(env!("CARGO_MANIFEST_DIR"), "/Leptos.toml"))
            .expect("Leptos.toml parses");
        assert!(!config.demo.enabled, "demo data is off by default");
        assert_eq!(config.log.format, LogFormat::Text);
        assert_eq!(
            config.metrics_address().ok(),
            Some(None),
            "no metrics endpoint by default"
        );
        assert_eq!(config.public_origin(), "http://127.0.0.1:3000");
    }
}
