//! Account types shared by the server and the browser.

use serde::{Deserialize, Serialize};

/// A role from the product brief. Workspace roles come with Espaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Candidate,
    Member,
    HostAgent,
    DirectionAdmin,
    Editor,
    SiteAdmin,
}

crate::stored_code::stored_code!(Role, "role");

impl Role {
    pub const ALL: [Role; 6] = [Role::Candidate, Role::Member, Role::HostAgent, Role::DirectionAdmin, Role::Editor, Role::SiteAdmin];

    /// The name stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Role::Candidate => "candidate",
            Role::Member => "member",
            Role::HostAgent => "host_agent",
            Role::DirectionAdmin => "direction_admin",
            Role::Editor => "editor",
            Role::SiteAdmin => "site_admin",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The translation key of the role's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Role::Candidate => "role-candidate",
            Role::Member => "role-member",
            Role::HostAgent => "role-host-agent",
            Role::DirectionAdmin => "role-direction-admin",
            Role::Editor => "role-editor",
            Role::SiteAdmin => "role-site-admin",
        }
    }

    /// What the role is scoped to, if anything.
    pub fn scope(self) -> RoleScope {
        match self {
            Role::HostAgent => RoleScope::Service,
            Role::DirectionAdmin => RoleScope::Direction,
            _ => RoleScope::Site,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleScope {
    Site,
    Direction,
    Service,
}

/// One role held by an account, with its scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleGrant {
    pub id: i64,
    pub role: Role,
    /// The direction of a direction admin, or of a host agent's service.
    pub direction: Option<Named>,
    /// The service of a host agent.
    pub service: Option<Named>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    pub id: i64,
    pub name: String,
}

/// The signed-in account, as pages see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub roles: Vec<RoleGrant>,
}

/// The answer to a sign-in: the account, and where to go next — the `suite` asked for,
/// resolved on the server to a path of this site (see `server::redirect`), else "/compte".
/// The browser goes there, never to the raw parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedIn {
    pub user: CurrentUser,
    pub next: String,
}

impl CurrentUser {
    pub fn has(&self, role: Role) -> bool {
        self.roles.iter().any(|g| g.role == role)
    }

    pub fn is_staff(&self) -> bool {
        self.roles.iter().any(|g| matches!(g.role, Role::HostAgent | Role::DirectionAdmin | Role::Editor | Role::SiteAdmin))
    }
}

pub const PASSWORD_MIN: usize = 10;
pub const PASSWORD_MAX: usize = 128;
pub const NAME_MAX: usize = 80;

/// Normalises an email address, or says why it is not one. Deliberately simple: one `@`, a
/// dot in the domain, no spaces; the real proof is the mail that reaches it.
pub fn normalise_email(input: &str) -> Result<String, &'static str> {
    let email = input.trim().to_lowercase();
    if email.is_empty() {
        return Err("field-required");
    }
    if email.contains(crate::characters::is_refused) {
        return Err(crate::characters::REFUSED_KEY);
    }
    // The local part's characters are RFC 5322's dot-atom (what the mailer accepts; the fuzz
    // test found "http://x@evil.example/" signed up, then a 500 when mailing it); domain labels
    // are letters, digits and inner hyphens.
    let local_ok = |local: &str| {
        !local.is_empty()
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local.chars().all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c))
    };
    let label_ok = |label: &str| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-') && label.chars().all(|c| c.is_alphanumeric() || c == '-');
    let valid = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| local_ok(local) && domain.contains('.') && domain.split('.').all(label_ok));
    if valid {
        Ok(email)
    } else {
        Err("field-email-invalid")
    }
}

/// Says why a new password is refused, if it is.
pub fn check_password(password: &str) -> Result<(), &'static str> {
    let length = password.chars().count();
    if length < PASSWORD_MIN {
        Err("field-password-short")
    } else if length > PASSWORD_MAX {
        Err("field-password-long")
    } else {
        Ok(())
    }
}

pub fn check_display_name(name: &str) -> Result<String, &'static str> {
    let name = name.trim();
    if name.is_empty() {
        Err("field-required")
    } else if name.contains(crate::characters::is_refused) {
        Err(crate::characters::REFUSED_KEY)
    } else if name.chars().count() > NAME_MAX || name.chars().any(char::is_control) {
        Err("field-name-invalid")
    } else {
        Ok(name.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(normalise_email("  Ada@Example.ORG "), Ok("ada@example.org".to_string()));
        assert_eq!(normalise_email("zoé.o'brien+stage@école.example"), Ok("zoé.o'brien+stage@école.example".to_string()));
        for bad in ["", "ada", "ada@", "@x.org", "ada@org", "a b@x.org", "a@b@x.org", "a@x..org", "a@.x.org", "http://parvis.localhost@evil.example/", "a\u{1}@x.org", "a@x-.org", "a:b@x.org"] {
            assert!(normalise_email(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn passwords() {
        assert_eq!(check_password("short"), Err("field-password-short"));
        assert!(check_password("long enough pass").is_ok());
        assert_eq!(check_password(&"x".repeat(129)), Err("field-password-long"));
    }

    #[test]
    fn role_codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.code()), Some(role));
        }
    }
}
