//! "My data": what the account page says of the person's archive.

use crate::ui::time::HumanTime;
use serde::{Deserialize, Serialize};

/// The state of the account's latest "my data" request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DataExportStatus {
    /// Never asked (or the last archive was deleted).
    None,
    /// Being prepared since `requested`; a second request is refused meanwhile.
    Preparing { requested: HumanTime },
    /// Ready; its link (mailed) works until `until`. `bytes`: the archive's size.
    Ready { until: HumanTime, bytes: i64 },
    /// Its link stopped working at `since`; the archive is deleted soon.
    Expired { since: HumanTime },
}

impl DataExportStatus {
    /// True while an archive is being prepared.
    pub fn preparing(&self) -> bool {
        matches!(self, DataExportStatus::Preparing { .. })
    }
}
