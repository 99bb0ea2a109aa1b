//! Shapes of a space's activity, shared by server and browser: one line of the feed
//! ([`ActivityItem`]), a space's feed with the caller's notification setting
//! ([`SpaceActivity`]), and one row of the site admins' overview of every space
//! ([`SpaceOverviewRow`]).

use super::types::{Module, Notify, Visibility};
use crate::ui::time::HumanTime;
use serde::{Deserialize, Serialize};

/// Most lines a space's home lists.
pub const FEED_LENGTH: i64 = 30;

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

/// A space's feed, newest first (at most [`FEED_LENGTH`]), and the caller's setting when a
/// member (`None`: not a member, nothing to set).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpaceActivity {
    pub items: Vec<ActivityItem>,
    pub notify: Option<Notify>,
}

/// One space in the site admins' overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpaceOverviewRow {
    pub id: i64,
    pub name: String,
    pub visibility: Visibility,
    pub archived: bool,
    /// Members whose access has not ended.
    pub members: i64,
    /// Animators among them (a space always keeps one; 0 only after an erasure).
    pub animators: i64,
    /// Bytes of every stored file of the space (every version, the bin included).
    pub storage_bytes: i64,
    pub last_activity: Option<HumanTime>,
}
