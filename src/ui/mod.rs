//! UI shared by every domain: form fields, error messages, sharing tags, dates, live refresh.
//! (The page frame is part of the app shell: `app/layout.rs`.)

pub mod forms;
pub mod live;
pub mod platform;
pub mod refused_form;
pub mod script_data;
pub mod share;
pub mod status_pages;
pub mod time;
