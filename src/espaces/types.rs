//! Espaces' shapes, shared by server and browser: a space's template, visibility, modules, a
//! member's role, what a caller may do in a space ([`SpaceAction`]), and the validation of
//! what a form sends. Documents, forum, calendar and wiki build on these: each asks
//! `espaces::server::access::space_role` for a [`SpaceAccess`] and `require`s one action.

use crate::{
    error::{AppError, FieldError},
    ui::time::HumanTime,
};
use serde::{Deserialize, Serialize};

/// Longest space name, in characters.
pub const NAME_MAX: usize = 120;
/// Longest space description, in characters.
pub const DESCRIPTION_MAX: usize = 2000;

/// One enumeration stored as a text code: `ALL`, `code`, `parse`, and the translation key of
/// its name (`<prefix>-<code>`).
macro_rules! coded {
    ($ty:ident, $kind:literal, $prefix:literal, [$($variant:ident => $code:literal),+ $(,)?]) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// The code stored in the database and sent by forms.
            pub fn code(self) -> &'static str {
                match self {
                    $($ty::$variant => $code),+
                }
            }

            pub fn parse(code: &str) -> Option<$ty> {
                $ty::ALL.iter().copied().find(|v| v.code() == code)
            }

            /// The translation key of its name.
            pub fn label_key(self) -> String {
                format!("{}-{}", $prefix, self.code())
            }
        }

        crate::stored_code::stored_code!($ty, $kind);
    };
}

/// What a space is made for; each presets its modules, visibility and description.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Template {
    /// A small team with a deliverable: documents, forum, calendar; private.
    Project,
    /// A network of correspondents across directions: forum, documents, wiki; open to agents.
    Network,
    /// A plan run with outside partners: every module; private.
    Plan,
}

coded!(Template, "space template", "space-template", [
    Project => "project",
    Network => "network",
    Plan => "plan",
]);

impl Template {
    /// The modules a new space of this template uses.
    pub fn modules(self) -> Vec<Module> {
        match self {
            Template::Project => vec![Module::Documents, Module::Forum, Module::Calendar],
            Template::Network => vec![Module::Documents, Module::Forum, Module::Wiki],
            Template::Plan => Module::ALL.to_vec(),
        }
    }

    /// The visibility a new space of this template starts with.
    pub fn visibility(self) -> Visibility {
        match self {
            Template::Network => Visibility::Agents,
            Template::Project | Template::Plan => Visibility::Private,
        }
    }

    /// The translation key of the description a new space gets when none is typed.
    pub fn description_key(self) -> String {
        format!("space-template-{}-description", self.code())
    }
}

/// Who may read a space besides its members.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Members only; everyone else gets "not found".
    Private,
    /// Every signed-in city agent reads it.
    Agents,
    /// Everyone, visitors included, reads it.
    Public,
}

coded!(Visibility, "space visibility", "space-visibility", [
    Private => "private",
    Agents => "agents",
    Public => "public",
]);

/// The parts a space may use; other engineers' modules check theirs is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Module {
    Documents,
    Forum,
    Calendar,
    Wiki,
}

coded!(Module, "space module", "space-module", [
    Documents => "documents",
    Forum => "forum",
    Calendar => "calendar",
    Wiki => "wiki",
]);

/// A member's role inside one space.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpaceRole {
    /// Members and settings, and everything a contributor does.
    Animator,
    /// Writes in the space's modules.
    Contributor,
    /// Reads only.
    Reader,
}

coded!(SpaceRole, "space role", "space-role", [
    Animator => "animator",
    Contributor => "contributor",
    Reader => "reader",
]);

/// How a member hears of a space's activity (`space_members.notify`): on the site only, an
/// e-mail for each event, or one daily digest (`digest.every_seconds`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Notify {
    Site,
    Immediate,
    Digest,
}

coded!(Notify, "space notification setting", "space-notify", [
    Site => "site",
    Immediate => "immediate",
    Digest => "digest",
]);

/// What one may do in a space. Modules ask for one of these (`SpaceAccess::require`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpaceAction {
    /// See the space and what is in it.
    Read,
    /// Write in its modules (upload, post, create events, edit pages).
    Contribute,
    /// Invite, change roles, remove members.
    ManageMembers,
    /// Rename, describe, change visibility and modules, archive.
    ManageSettings,
    /// Bring an archived space back (the one change an archived space takes).
    Restore,
}

impl SpaceAction {
    pub const ALL: [SpaceAction; 5] = [
        SpaceAction::Read,
        SpaceAction::Contribute,
        SpaceAction::ManageMembers,
        SpaceAction::ManageSettings,
        SpaceAction::Restore,
    ];
}

/// A caller's standing in one space, as `espaces::server::access::space_role` answers it: it
/// exists only for a space the caller may see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpaceAccess {
    pub space_id: i64,
    /// The caller's membership role, when a member (and their access has not ended).
    pub role: Option<SpaceRole>,
    /// A site admin manages every space as its animators do, member or not.
    pub site_admin: bool,
    /// Archived: read-only until restored.
    pub archived: bool,
}

impl SpaceAccess {
    /// The role the caller acts with: its membership, or animator for a site admin, or none
    /// (a reader through the space's visibility).
    pub fn acting_role(&self) -> Option<SpaceRole> {
        if self.site_admin {
            Some(SpaceRole::Animator)
        } else {
            self.role
        }
    }

    /// Whether `action` is the caller's, the space's archive state aside.
    fn role_allows(&self, action: SpaceAction) -> bool {
        match action {
            SpaceAction::Read => true,
            SpaceAction::Contribute => matches!(
                self.acting_role(),
                Some(SpaceRole::Animator | SpaceRole::Contributor)
            ),
            SpaceAction::ManageMembers | SpaceAction::ManageSettings | SpaceAction::Restore => {
                self.acting_role() == Some(SpaceRole::Animator)
            }
        }
    }

    /// Whether the caller may do `action` now (an archived space only reads and restores; a
    /// live one does not restore).
    pub fn allows(&self, action: SpaceAction) -> bool {
        let state_allows = match action {
            SpaceAction::Read => true,
            SpaceAction::Restore => self.archived,
            _ => !self.archived,
        };
        state_allows && self.role_allows(action)
    }

    /// `Ok` when the caller may do `action`; else 403 (the caller sees the space, so saying
    /// no tells nothing), or 409 when only the space's state stands in the way
    /// (`error-space-archived`; `error-space-not-archived` for restoring a live space).
    pub fn require(&self, action: SpaceAction) -> Result<(), AppError> {
        if self.allows(action) {
            Ok(())
        } else if !self.role_allows(action) {
            Err(AppError::Forbidden)
        } else if self.archived {
            Err(AppError::Conflict("error-space-archived".into()))
        } else {
            Err(AppError::Conflict("error-space-not-archived".into()))
        }
    }

    /// What only animators do in a module (restore from a bin, empty it): contributing to a
    /// live space as an animator (a site admin counts as one); 403 for anyone else, 409 in an
    /// archived space.
    pub fn require_keeper(&self) -> Result<(), AppError> {
        self.require(SpaceAction::Contribute)?;
        if self.acting_role() == Some(SpaceRole::Animator) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Every action the caller may take now, for pages to show their controls.
    pub fn actions(&self) -> Vec<SpaceAction> {
        SpaceAction::ALL
            .into_iter()
            .filter(|a| self.allows(*a))
            .collect()
    }
}

/// A space in a list ("my spaces").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpaceSummary {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub visibility: Visibility,
    pub role: Option<SpaceRole>,
    pub archived: bool,
    /// Lines of its activity since the account's last visit, not its own.
    pub news: i64,
}

/// `/espaces` for a signed-in account: its spaces, and whether it may create one (a city
/// agent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MySpaces {
    pub can_create: bool,
    pub spaces: Vec<SpaceSummary>,
    /// Invitations to the account's address waiting for an answer (only once the address is
    /// verified: a link mailed there was used).
    pub invitations: Vec<PendingInvitation>,
    /// Activity lines that mention the account and that it has not seen (it opened the space
    /// since), newest first.
    pub mentions: Vec<ActivityItem>,
}

/// A space's home page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpaceHome {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub template: Template,
    pub visibility: Visibility,
    pub modules: Vec<Module>,
    pub time_zone: String,
    pub members: i64,
    pub archived: bool,
    /// The caller's membership role, if any.
    pub role: Option<SpaceRole>,
    /// What the caller may do (from [`SpaceAccess::actions`]).
    pub actions: Vec<SpaceAction>,
}

impl SpaceHome {
    pub fn can(&self, action: SpaceAction) -> bool {
        self.actions.contains(&action)
    }
}

/// One member on the members page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRow {
    pub user_id: i64,
    pub name: String,
    pub role: SpaceRole,
    /// When their access ends (partners), shown in the reader's zone.
    pub access_ends: Option<HumanTime>,
}

/// One invitation not yet accepted (pending, expired or revoked), for animators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationRow {
    pub id: i64,
    pub email: String,
    pub role: SpaceRole,
    pub expires: HumanTime,
    pub state: InvitationState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvitationState {
    Pending,
    Expired,
    Revoked,
    Accepted,
}

impl InvitationState {
    pub fn label_key(self) -> &'static str {
        match self {
            InvitationState::Pending => "invitation-state-pending",
            InvitationState::Expired => "invitation-state-expired",
            InvitationState::Revoked => "invitation-state-revoked",
            InvitationState::Accepted => "invitation-state-accepted",
        }
    }
}

/// The members page: members for everyone who reads the space; invitations for animators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembersPage {
    pub space: SpaceHome,
    pub members: Vec<MemberRow>,
    pub invitations: Vec<InvitationRow>,
}

/// What an invitation link shows before it is accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub space_name: String,
    pub role: SpaceRole,
    pub invited_by: String,
    pub email: String,
    /// An account holds the invited address.
    pub account_exists: bool,
    /// The browser is signed in, as the invited address (true) or another (false).
    pub signed_in_as: Option<bool>,
}

/// An account a site admin named city agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AgentGrant {
    pub user_id: i64,
    pub name: String,
    pub email: String,
}

/// A pending invitation to the signed-in account's (verified) address, shown on "my spaces".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingInvitation {
    pub id: i64,
    pub space_name: String,
    pub role: SpaceRole,
}

/// A space's settings form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsForm {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub visibility: String,
    #[serde(default)]
    pub modules: Vec<String>,
}

/// A settings form, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub name: String,
    pub description: String,
    pub visibility: Visibility,
    pub modules: Vec<Module>,
}

/// One text field checked: trimmed, no refused character, present when `required`, at most
/// `max` characters (the calendar's forms use it too).
pub fn text(field: &str, value: &str, max: usize, required: bool) -> Result<String, FieldError> {
    let value = value.trim();
    let key = if value.contains(crate::characters::is_refused) {
        Some(crate::characters::REFUSED_KEY)
    } else if required && value.is_empty() {
        Some("field-required")
    } else if value.chars().count() > max {
        Some("field-too-long")
    } else {
        None
    };
    match key {
        Some(key) => Err(FieldError {
            field: field.into(),
            key: key.into(),
        }),
        None => Ok(value.to_string()),
    }
}

fn parsed<T>(field: &str, code: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T, FieldError> {
    parse(code).ok_or_else(|| FieldError {
        field: field.into(),
        key: "field-unknown".into(),
    })
}

/// Checks a space's name and description: one error per field, all at once.
pub fn check_text(name: &str, description: &str) -> Result<(String, String), AppError> {
    match (
        text("name", name, NAME_MAX, true),
        text("description", description, DESCRIPTION_MAX, false),
    ) {
        (Ok(name), Ok(description)) => Ok((name, description)),
        (name, description) => Err(AppError::Invalid(
            [name.err(), description.err()]
                .into_iter()
                .flatten()
                .collect(),
        )),
    }
}

impl SettingsForm {
    /// Every field checked; all errors at once, nothing saved when one is wrong.
    pub fn validate(&self) -> Result<Settings, AppError> {
        let mut errors = Vec::new();
        let texts = check_text(&self.name, &self.description);
        if let Err(AppError::Invalid(e)) = &texts {
            errors.extend(e.iter().cloned());
        }
        let visibility = parsed("visibility", &self.visibility, Visibility::parse);
        let mut modules = Vec::new();
        for code in &self.modules {
            match parsed("modules", code, Module::parse) {
                Ok(module) if !modules.contains(&module) => modules.push(module),
                Ok(_) => {}
                Err(e) => errors.push(e),
            }
        }
        modules.sort();
        match (texts, visibility) {
            (Ok((name, description)), Ok(visibility)) if errors.is_empty() => Ok(Settings {
                name,
                description,
                visibility,
                modules,
            }),
            (_, visibility) => {
                errors.extend(visibility.err());
                Err(AppError::Invalid(errors))
            }
        }
    }
}

/// Parses a form's choice of `T` for `field` (422 `field-unknown` otherwise).
pub fn choice<T>(
    field: &str,
    code: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<T, AppError> {
    parsed(field, code, parse).map_err(|e| AppError::Invalid(vec![e]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn access(role: Option<SpaceRole>, archived: bool) -> SpaceAccess {
        SpaceAccess {
            space_id: 1,
            role,
            site_admin: false,
            archived,
        }
    }

    #[test]
    fn roles_open_actions() {
        let reader = access(Some(SpaceRole::Reader), false);
        assert_eq!(reader.actions(), vec![SpaceAction::Read]);
        assert_eq!(
            reader.require(SpaceAction::ManageMembers),
            Err(AppError::Forbidden)
        );
        let contributor = access(Some(SpaceRole::Contributor), false);
        assert!(contributor.allows(SpaceAction::Contribute));
        assert!(!contributor.allows(SpaceAction::ManageMembers));
        let animator = access(Some(SpaceRole::Animator), false);
        assert!(
            animator.allows(SpaceAction::ManageSettings) && !animator.allows(SpaceAction::Restore)
        );
        assert_eq!(access(None, false).actions(), vec![SpaceAction::Read]);
    }

    #[test]
    fn an_archived_space_only_reads_and_restores() {
        let animator = access(Some(SpaceRole::Animator), true);
        assert_eq!(
            animator.actions(),
            vec![SpaceAction::Read, SpaceAction::Restore]
        );
        assert_eq!(
            animator.require(SpaceAction::Contribute),
            Err(AppError::Conflict("error-space-archived".into()))
        );
        assert_eq!(
            access(Some(SpaceRole::Reader), true).require(SpaceAction::Restore),
            Err(AppError::Forbidden)
        );
    }

    #[test]
    fn settings_are_checked_all_at_once() {
        let form = SettingsForm {
            name: " ".into(),
            description: "x".repeat(DESCRIPTION_MAX + 1),
            visibility: "everyone".into(),
            modules: vec!["forum".into(), "chat".into()],
        };
        let Err(AppError::Invalid(errors)) = form.validate() else {
            panic!("refused")
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["name", "description", "modules", "visibility"]);
        let good = SettingsForm {
            name: " Plan climat ".into(),
            description: String::new(),
            visibility: "public".into(),
            modules: vec!["wiki".into(), "forum".into(), "wiki".into()],
        };
        assert_eq!(
            good.validate(),
            Ok(Settings {
                name: "Plan climat".into(),
                description: String::new(),
                visibility: Visibility::Public,
                modules: vec![Module::Forum, Module::Wiki],
            })
        );
        assert!(check_text("a\u{7}b", "").is_err());
    }

    #[test]
    fn codes_round_trip() {
        for t in Template::ALL {
            assert_eq!(Template::parse(t.code()), Some(*t));
        }
        for r in SpaceRole::ALL {
            assert_eq!(SpaceRole::try_from(r.code()), Ok(*r));
        }
    }
}

/// One thing that happened in a space: "{actor} {action} « {subject} »", linked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityItem {
    pub id: i64,
    pub space_id: i64,
    /// The space's name (shown where lines of several spaces meet: mentions on "my spaces").
    pub space_name: String,
    /// The actor's display name; `accounts::types::FORMER_MEMBER` once erased, empty for the
    /// system.
    pub actor: String,
    pub module: Module,
    /// The translation key of the sentence (Fluent arguments `$actor` and `$subject`).
    pub action: String,
    pub subject: String,
    /// A site path (`/espaces/3/…`).
    pub link: String,
    pub at: HumanTime,
    /// Newer than the caller's previous visit of the space (and not the caller's own).
    pub new: bool,
}
