//! The one registration point of the server side: where each domain plugs its state, routes,
//! periodic work and demo data into the shared infrastructure (`crate::server`).

pub mod cli;
