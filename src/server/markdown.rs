//! The site's one Markdown renderer (`crate::markdown`, beside the types it shares with the
//! browser); server code names it here.

pub use crate::markdown::{plain_text, render};
