//! Account types shared by the server and the browser.

use serde::{Deserialize, Serialize};

/// The name an erased account leaves on what stays of it (published fiches, comments,
/// threads, replies, decided applications): stored in its tombstone, so pages, feeds, exports
/// and mails all show it. Pages show it in the reader's language (`shown_name`).
pub const FORMER_MEMBER: &str = "Ancien membre";

/// The name to show for an author named `name`: the reader's words for a former member when
/// the account was erased, else the name itself.
pub fn shown_name(name: &str, former_member: impl FnOnce() -> String) -> String {
    if name == FORMER_MEMBER {
        former_member()
    } else {
        name.to_string()
    }
}

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
    pub const ALL: [Role; 6] = [
        Role::Candidate,
        Role::Member,
        Role::HostAgent,
        Role::DirectionAdmin,
        Role::Editor,
        Role::SiteAdmin,
    ];

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

/// What an account may do, as one word per feature. The server decides with
/// [`Permission::granted_by`] (through `accounts::server::Caller`), and pages show or hide a
/// control from the same answer, sent in [`CurrentUser::permissions`]: a page never offers
/// what the server refuses. Scoped questions (which offers, which direction, later which
/// space) are answered by each domain from the caller's grants; these say only whether the
/// feature is the account's at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// Apply to offers, keep a CV and a candidate profile (candidates).
    Apply,
    /// Draft and manage offers and their applications, the dashboard (host agents, direction
    /// admins, site admins).
    ManageOffers,
    /// A direction's answer templates and pool handlers, granting host agents (direction
    /// admins, site admins).
    ManageDirections,
    /// Any role, and the reference lists (site admins).
    AdministerSite,
    /// Write fiches, comments and threads, flag, follow (members, editors, site admins).
    Contribute,
    /// Review and publish fiches, moderate, the list of promotional terms (editors, site admins).
    Edit,
}

impl Permission {
    pub const ALL: [Permission; 6] = [
        Permission::Apply,
        Permission::ManageOffers,
        Permission::ManageDirections,
        Permission::AdministerSite,
        Permission::Contribute,
        Permission::Edit,
    ];

    /// The roles that open this permission: the one table of who may do what.
    pub fn roles(self) -> &'static [Role] {
        match self {
            Permission::Apply => &[Role::Candidate],
            Permission::ManageOffers => &[Role::HostAgent, Role::DirectionAdmin, Role::SiteAdmin],
            Permission::ManageDirections => &[Role::DirectionAdmin, Role::SiteAdmin],
            Permission::AdministerSite => &[Role::SiteAdmin],
            Permission::Contribute => &[Role::Member, Role::Editor, Role::SiteAdmin],
            Permission::Edit => &[Role::Editor, Role::SiteAdmin],
        }
    }

    /// True when one of `grants` opens this permission.
    pub fn granted_by(self, grants: &[RoleGrant]) -> bool {
        grants.iter().any(|g| self.roles().contains(&g.role))
    }

    /// Every permission `grants` open, in [`Permission::ALL`] order.
    pub fn all_granted_by(grants: &[RoleGrant]) -> Vec<Permission> {
        Permission::ALL
            .into_iter()
            .filter(|p| p.granted_by(grants))
            .collect()
    }
}

/// The signed-in account, as pages see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub roles: Vec<RoleGrant>,
    /// What the account may do, computed on the server from `roles` by the function that
    /// refuses the rest ([`Permission::granted_by`]); pages read this, never the roles.
    pub permissions: Vec<Permission>,
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
    /// Whether the account holds `role` (to list its roles; what it may do is [`CurrentUser::can`]).
    pub fn has(&self, role: Role) -> bool {
        self.roles.iter().any(|g| g.role == role)
    }

    /// Whether the server lets the account use `permission`'s features.
    pub fn can(&self, permission: Permission) -> bool {
        self.permissions.contains(&permission)
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
            && local
                .chars()
                .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c))
    };
    let label_ok = |label: &str| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let valid = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| {
            local_ok(local) && domain.contains('.') && domain.split('.').all(label_ok)
        });
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
        assert_eq!(
            normalise_email("  Ada@Example.ORG "),
            Ok("ada@example.org".to_string())
        );
        assert_eq!(
            normalise_email("zoé.o'brien+stage@école.example"),
            Ok("zoé.o'brien+stage@école.example".to_string())
        );
        for bad in [
            "",
            "ada",
            "ada@",
            "@x.org",
            "ada@org",
            "a b@x.org",
            "a@b@x.org",
            "a@x..org",
            "a@.x.org",
            "http://parvis.localhost@evil.example/",
            "a\u{1}@x.org",
            "a@x-.org",
            "a:b@x.org",
        ] {
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
    fn permissions_follow_the_roles() {
        let holding = |role: Role| {
            Permission::all_granted_by(&[RoleGrant {
                id: 1,
                role,
                direction: None,
                service: None,
            }])
        };
        assert_eq!(holding(Role::Candidate), vec![Permission::Apply]);
        assert_eq!(holding(Role::Member), vec![Permission::Contribute]);
        assert_eq!(holding(Role::HostAgent), vec![Permission::ManageOffers]);
        assert_eq!(
            holding(Role::DirectionAdmin),
            vec![Permission::ManageOffers, Permission::ManageDirections]
        );
        assert_eq!(
            holding(Role::Editor),
            vec![Permission::Contribute, Permission::Edit]
        );
        assert_eq!(
            holding(Role::SiteAdmin),
            Permission::ALL[1..].to_vec(),
            "a site admin does everything but apply"
        );
        assert!(Permission::all_granted_by(&[]).is_empty());
    }

    #[test]
    fn role_codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.code()), Some(role));
        }
    }
}
