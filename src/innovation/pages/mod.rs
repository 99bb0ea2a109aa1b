//! Innovation pages, one file per group.

mod catalogue;
mod desk;
mod members;
mod moderation;
mod notifications;
mod rules;
mod write;

pub use catalogue::{FichePage, InnovationHome};
pub use desk::{FicheDeskPage, ReviewQueuePage};
pub use members::{DirectoryPage, MemberPage, MyProfilePage};
pub use moderation::ModerationPage;
pub use notifications::NotificationsPage;
pub use rules::RulesPage;
pub use write::{EditFichePage, MyFichesPage, NewFichePage};
