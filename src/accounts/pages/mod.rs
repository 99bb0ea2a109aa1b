//! Account pages: one file per page, and the signed-in user's context every page reads.

mod account;
mod account_erasure;
pub mod auth_context;
mod confirm_erasure;
mod forgot_password;
mod jobs_admin;
mod my_data;
mod reset_password;
mod roles_admin;
mod sign_in;
mod sign_up;

pub use account::AccountPage;
pub use confirm_erasure::{ConfirmErasurePage, ErasedPage};
pub use forgot_password::ForgotPasswordPage;
pub use jobs_admin::JobsAdminPage;
pub use reset_password::ResetPasswordPage;
pub use roles_admin::RolesAdminPage;
pub use sign_in::SignInPage;
pub use sign_up::SignUpPage;
