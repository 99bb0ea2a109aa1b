//! Innovation pages, one file per group.

mod catalogue;
mod contributions;
mod desk;
mod fiches;
mod members;
mod moderation;
mod notifications;
mod rules;
mod threads;
mod write;

pub use catalogue::InnovationHome;
pub use desk::{FicheDeskPage, ReviewQueuePage};
pub use fiches::FichePage;
pub use members::{DirectoryPage, MemberPage, MyProfilePage};
pub use moderation::ModerationPage;
pub use notifications::NotificationsPage;
pub use rules::RulesPage;
pub use threads::{NewThreadPage, ThreadPage, ThreadsPage};
pub use write::{EditFichePage, MyFichesPage, NewFichePage};
