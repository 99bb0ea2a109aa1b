//! Outgoing mail through lettre: SMTP in production, .eml files in data/outbox in development
//! and tests (a newcomer and the test suite can open them).

use super::config::{Config, MailTransport, SmtpSecurity};
use lettre::{
    message::{header::ContentType, Mailbox},
    transport::smtp::authentication::Credentials,
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};

#[derive(Clone)]
pub struct Mailer {
    from: Mailbox,
    transport: Transport,
}

#[derive(Clone)]
enum Transport {
    File(AsyncFileTransport<Tokio1Executor>),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("mail.from is not a valid address: {0}")]
    From(#[source] lettre::address::AddressError),
    #[error("invalid recipient address: {0}")]
    To(#[source] lettre::address::AddressError),
    #[error("cannot create the mail outbox {0}: {1}")]
    Outbox(String, #[source] std::io::Error),
    #[error("cannot build the message: {0}")]
    Build(#[from] lettre::error::Error),
    #[error("SMTP: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("writing the message file: {0}")]
    File(#[from] lettre::transport::file::Error),
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.transport {
            Transport::File(_) => "file",
            Transport::Smtp(_) => "smtp",
        };
        f.debug_struct("Mailer")
            .field("from", &self.from.to_string())
            .field("transport", &kind)
            .finish()
    }
}

impl Mailer {
    pub fn from_config(config: &Config) -> Result<Mailer, MailError> {
        let from: Mailbox = config.mail.from.parse().map_err(MailError::From)?;
        let transport = match config.mail.transport {
            MailTransport::File => {
                let dir = config.outbox_dir();
                std::fs::create_dir_all(&dir)
                    .map_err(|e| MailError::Outbox(dir.display().to_string(), e))?;
                Transport::File(AsyncFileTransport::new(dir))
            }
            MailTransport::Smtp => {
                let mail = &config.mail;
                let builder = match mail.smtp_security {
                    SmtpSecurity::Tls => {
                        AsyncSmtpTransport::<Tokio1Executor>::relay(&mail.smtp_host)?
                    }
                    SmtpSecurity::Starttls => {
                        AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&mail.smtp_host)?
                    }
                    SmtpSecurity::None => {
                        AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&mail.smtp_host)
                    }
                };
                let builder = builder.port(mail.smtp_port);
                let builder = if mail.smtp_username.is_empty() {
                    builder
                } else {
                    builder.credentials(Credentials::new(
                        mail.smtp_username.clone(),
                        mail.smtp_password.clone(),
                    ))
                };
                Transport::Smtp(builder.build())
            }
        };
        Ok(Mailer { from, transport })
    }

    /// Sends a plain-text message with the given Message-ID (`<…@…>`). Mail is sent by jobs
    /// only (`server::jobs`), with their `Job::message_id`: the same on every attempt, so a
    /// resend after a crash is recognisable.
    pub async fn send_as(
        &self,
        message_id: &str,
        to: &str,
        subject: &str,
        body: String,
    ) -> Result<(), MailError> {
        self.deliver(message_id, &[to], subject, body).await
    }

    /// The same message to several people at once (each sees the others in `To`), as one
    /// message with one Message-ID.
    pub async fn send_to_all_as(
        &self,
        message_id: &str,
        to: &[&str],
        subject: &str,
        body: String,
    ) -> Result<(), MailError> {
        self.deliver(message_id, to, subject, body).await
    }

    async fn deliver(
        &self,
        message_id: &str,
        to: &[&str],
        subject: &str,
        body: String,
    ) -> Result<(), MailError> {
        let mut builder = Message::builder().from(self.from.clone());
        for address in to {
            builder = builder.to(address.parse().map_err(MailError::To)?);
        }
        let message = builder
            .subject(subject)
            .message_id(Some(message_id.to_string()))
            .header(ContentType::TEXT_PLAIN)
            .body(body)?;
        match &self.transport {
            Transport::File(t) => {
                t.send(message).await?;
            }
            Transport::Smtp(t) => {
                t.send(message).await?;
            }
        }
        tracing::info!(?to, subject, message_id, "mail sent");
        Ok(())
    }

    /// Sends a plain-text message with one attachment (`file_name`, of `content_type`, e.g.
    /// an event's `.ics` as `text/calendar; charset=utf-8`), as [`Mailer::send_as`] does.
    #[allow(clippy::too_many_arguments)]
    pub async fn send_with_attachment_as(
        &self,
        message_id: &str,
        to: &str,
        subject: &str,
        body: String,
        file_name: &str,
        content_type: &str,
        content: Vec<u8>,
    ) -> Result<(), MailError> {
        use lettre::message::{Attachment, MultiPart, SinglePart};
        let kind = ContentType::parse(content_type)
            .map_err(|e| MailError::Build(lettre::error::Error::Io(std::io::Error::other(e))))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to.parse().map_err(MailError::To)?)
            .subject(subject)
            .message_id(Some(message_id.to_string()))
            .multipart(
                MultiPart::mixed()
                    .singlepart(SinglePart::plain(body))
                    .singlepart(Attachment::new(file_name.to_string()).body(content, kind)),
            )?;
        match &self.transport {
            Transport::File(t) => {
                t.send(message).await?;
            }
            Transport::Smtp(t) => {
                t.send(message).await?;
            }
        }
        tracing::info!(to, subject, message_id, file_name, "mail sent with an attachment");
        Ok(())
    }
}
