//! The signed-in user and the actions that change it, in one context for every page.

use crate::accounts::{
    api::{me, SignIn, SignOut, SignUp},
    types::CurrentUser,
};
use crate::error::AppError;
use leptos::prelude::*;
use crate::ui::page_resource::{page_resource, PageResource};

#[derive(Clone, Copy)]
pub struct Auth {
    pub user: PageResource<Result<Option<CurrentUser>, AppError>>,
    pub sign_in: ServerAction<SignIn>,
    pub sign_up: ServerAction<SignUp>,
    pub sign_out: ServerAction<SignOut>,
}

pub fn provide_auth() -> Auth {
    let sign_in = ServerAction::<SignIn>::new();
    let sign_up = ServerAction::<SignUp>::new();
    let sign_out = ServerAction::<SignOut>::new();
    // Signing in or out loads a new page (see `load_page_on_success`), so the user is read
    // once per page load.
    let user = page_resource(|| (), |_| me());
    let auth = Auth {
        user,
        sign_in,
        sign_up,
        sign_out,
    };
    provide_context(auth);
    auth
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}
