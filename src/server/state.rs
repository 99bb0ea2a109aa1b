use super::{
    clock::Clock, config::Config, db::Db, job_bell::JobBell, mail::Mailer, realtime::Realtime,
    shutdown::Shutdown, storage::Storage,
};
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::{
    any::{type_name, Any, TypeId},
    collections::HashMap,
    sync::Arc,
};

/// What every request handler and server function can reach.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub config: Arc<Config>,
    pub mailer: Mailer,
    /// Every stored file (CVs, images, archives, documents): the local disk or an object store.
    pub storage: Storage,
    pub realtime: Realtime,
    /// Now, and the city's calendar: what every date rule reads.
    pub clock: Clock,
    /// This process's job worker: its name and its wake-up bell (the handlers and rounds are
    /// plugged into `domains`: see `jobs::registry_of`).
    pub jobs: JobBell,
    /// This process's shutdown: readiness, live connections and the job worker watch it.
    pub shutdown: Shutdown,
    /// Each domain's own state (the Stages offer index…), put in at start by
    /// `crate::app_server`; a domain reads its part with [`Domains::get`].
    pub domains: Domains,
}

/// The domains' own states, one value per type. The infrastructure carries them without
/// knowing them; cloning shares them.
#[derive(Clone, Default)]
pub struct Domains(Arc<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>);

/// A domain asked for a state the app was built without: a start-up bug (the registration
/// point, `crate::app_server`, puts in every domain's state), answered as an internal error.
#[derive(Debug, Clone, Copy, thiserror::Error)]
#[error("the app was built without the domain state {0}")]
pub struct NotRegistered(pub &'static str);

impl Domains {
    /// These states with `state` added (replacing one of the same type).
    #[must_use]
    pub fn with<T: Any + Send + Sync>(self, state: T) -> Domains {
        let mut map = Arc::unwrap_or_clone(self.0);
        map.insert(TypeId::of::<T>(), Arc::new(state));
        Domains(Arc::new(map))
    }

    /// The state of type `T`.
    ///
    /// # Errors
    /// [`NotRegistered`] when the app was built without one.
    pub fn get<T: Any + Send + Sync>(&self) -> Result<&T, NotRegistered> {
        self.0
            .get(&TypeId::of::<T>())
            .and_then(|state| state.downcast_ref::<T>())
            .ok_or(NotRegistered(type_name::<T>()))
    }
}

impl std::fmt::Debug for Domains {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Domains({} states)", self.0.len())
    }
}

impl From<NotRegistered> for crate::error::AppError {
    fn from(error: NotRegistered) -> Self {
        tracing::error!(%error, "domain state missing");
        crate::error::AppError::Internal
    }
}

impl From<NotRegistered> for sqlx::Error {
    fn from(error: NotRegistered) -> Self {
        sqlx::Error::Configuration(Box::new(error))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_domain_reads_back_its_own_state_only() {
        #[derive(Debug, PartialEq)]
        struct Index(u8);
        #[derive(Debug)]
        struct Other;
        let domains = Domains::default().with(Index(7));
        assert_eq!(domains.get::<Index>().ok(), Some(&Index(7)));
        assert!(domains.get::<Other>().is_err());
        let replaced = domains.clone().with(Index(8));
        assert_eq!(
            (domains.get::<Index>().ok(), replaced.get::<Index>().ok()),
            (Some(&Index(7)), Some(&Index(8)))
        );
    }
}
