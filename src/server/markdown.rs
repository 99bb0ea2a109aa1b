//! The site's one Markdown renderer lives in the shared `crate::markdown` (the wiki's editor
//! previews with it in the browser); server code names it here, as before.

pub use crate::markdown::{plain_text, render};
