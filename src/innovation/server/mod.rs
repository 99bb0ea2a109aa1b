//! Server-only parts of Innovation: the SQL, the revision diff, the exports and feeds, the
//! notification digest.

pub mod comments;
pub mod contributions;
pub mod diff;
pub mod digest;
pub mod erasure;
pub mod exports;
pub mod fiche_index;
pub mod image_widths;
pub mod images;
pub mod independence;
pub mod jobs;
pub mod members;
pub mod notify;
pub mod personal_data;
pub mod plug;
pub mod retention;
pub mod share;
pub mod store;
pub mod threads;

/// A caller's standing on the innovation site, answered from its grants: members (and
/// editors, and site admins) contribute (`Permission::Contribute`); editors and site admins
/// review, publish and moderate (`Permission::Edit`). Visitors are neither.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Standing {
    pub member: bool,
    pub editor: bool,
}

impl Standing {
    pub fn of(caller: &crate::accounts::server::Caller) -> Standing {
        use crate::accounts::types::Permission;
        Standing {
            member: caller.allows(Permission::Contribute),
            editor: caller.allows(Permission::Edit),
        }
    }
}

/// The city's current year, the latest a fiche's start year may be.
pub fn this_year() -> Result<i64, crate::error::AppError> {
    Ok(crate::server::app_state()?.clock.year())
}
