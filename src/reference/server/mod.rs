pub mod seed;
pub mod store;
