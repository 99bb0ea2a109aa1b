//! Shapes of a space's activity, shared by server and browser (one line of the feed,
//! [`ActivityItem`], is in `types.rs`, which "my spaces" uses too): a space's feed with the caller's notification setting
//! ([`SpaceActivity`]), and one row of the site admins' overview of every space
//! ([`SpaceOverviewRow`]).

use super::types::{ActivityItem, Notify, Visibility};
use crate::ui::time::HumanTime;
use serde::{Deserialize, Serialize};

/// Most lines a space's home lists.
pub const FEED_LENGTH: i64 = 30;

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
