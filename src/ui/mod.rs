//! UI shared by every domain: the page frame, form fields and error messages.

pub mod forms;
pub mod layout;
pub mod live;
pub mod platform;
pub mod refused_form;
pub mod script_data;
pub mod share;
pub mod status_pages;
pub mod time;
