//! UI shared by every domain: form fields, error messages, sharing tags, dates, live refresh,
//! the parts of a results-first search page, key facts, paging links and the Markdown writing
//! field.
//! (The page frame is part of the app shell: `app/layout.rs`.)

pub mod facts;
pub mod filters;
pub mod forms;
pub mod keyword_box;
pub mod line_diff;
pub mod live;
pub mod pagination;
pub mod page_resource;
pub mod platform;
pub mod refused_form;
pub mod script_data;
pub mod search_layout;
pub mod share;
pub mod sizes;
pub mod status_pages;
pub mod time;
pub mod writing;
