//! Which offers an account manages: a host agent those of their services, a direction admin
//! those of their direction, a site admin all of them. Stages' answer to "may this caller
//! act on that offer or application", read from the caller's grants
//! (`accounts::server::Caller`).

use crate::accounts::{
    server::Caller,
    types::{Permission, Role, RoleGrant},
};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfferScope {
    /// The account may also apply to offers (`Permission::Apply`).
    pub candidate: bool,
    /// The account may manage offers at all (`Permission::ManageOffers`: the same answer the
    /// pages show or hide the offer desk by).
    pub manager: bool,
    /// The account administers directions (`Permission::ManageDirections`).
    pub director: bool,
    pub all: bool,
    pub services: Vec<i64>,
    pub directions: Vec<i64>,
    /// Directions whose pool of spontaneous applications the account handles (chosen by the
    /// direction's admins).
    pub pools: Vec<i64>,
}

impl OfferScope {
    pub fn from_grants(grants: &[RoleGrant]) -> OfferScope {
        let mut scope = OfferScope {
            candidate: Permission::Apply.granted_by(grants),
            manager: Permission::ManageOffers.granted_by(grants),
            director: Permission::ManageDirections.granted_by(grants),
            ..OfferScope::default()
        };
        for grant in grants {
            match grant.role {
                Role::SiteAdmin => scope.all = true,
                Role::HostAgent => scope.services.extend(grant.service.as_ref().map(|s| s.id)),
                Role::DirectionAdmin => scope
                    .directions
                    .extend(grant.direction.as_ref().map(|d| d.id)),
                _ => {}
            }
        }
        scope
    }

    /// Whether the account manages offers at all (`Permission::ManageOffers`).
    pub fn is_staff(&self) -> bool {
        self.manager
    }

    pub fn covers(&self, direction_id: i64, service_id: i64) -> bool {
        self.all || self.services.contains(&service_id) || self.directions.contains(&direction_id)
    }

    /// Covers an application: to an offer of a covered service, or in a covered direction;
    /// a spontaneous application (no service) also in a pool the account handles.
    pub fn covers_application(&self, direction_id: i64, service_id: Option<i64>) -> bool {
        self.all
            || self.directions.contains(&direction_id)
            || match service_id {
                Some(service) => self.services.contains(&service),
                None => self.pools.contains(&direction_id),
            }
    }

    /// The directions whose pool the account sees (all of them when `all`).
    pub fn pool_directions(&self) -> Vec<i64> {
        let mut directions = self.directions.clone();
        directions.extend(self.pools.iter().filter(|d| !self.directions.contains(d)));
        directions
    }

    /// The scope of `caller` (empty for a visitor), from its grants and the pools its
    /// direction admins chose it for.
    pub async fn of(
        db: &crate::server::db::Db,
        caller: &Caller,
    ) -> Result<OfferScope, sqlx::Error> {
        let mut scope = OfferScope::from_grants(caller.grants());
        if let (Some(user_id), false) = (caller.id(), scope.services.is_empty()) {
            scope.pools = super::pools::pools_of(db, user_id).await?;
        }
        Ok(scope)
    }

    /// The scope of the caller of the server function being served.
    pub async fn current(caller: &Caller) -> Result<OfferScope, crate::error::AppError> {
        Ok(OfferScope::of(&crate::server::app_state()?.db, caller).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::types::Named;

    fn grant(role: Role, direction: Option<i64>, service: Option<i64>) -> RoleGrant {
        let named = |id: i64| Named {
            id,
            name: String::new(),
        };
        RoleGrant {
            id: 1,
            role,
            direction: direction.map(named),
            service: service.map(named),
        }
    }

    #[test]
    fn scopes_follow_the_roles() {
        let agent = OfferScope::from_grants(&[
            grant(Role::HostAgent, Some(7), Some(70)),
            grant(Role::Candidate, None, None),
        ]);
        assert!(agent.covers(7, 70) && !agent.covers(7, 71) && agent.is_staff());
        let admin = OfferScope::from_grants(&[grant(Role::DirectionAdmin, Some(7), None)]);
        assert!(admin.covers(7, 71) && !admin.covers(8, 80));
        let candidate = OfferScope::from_grants(&[grant(Role::Candidate, None, None)]);
        assert!(!candidate.is_staff() && !candidate.covers(7, 70));
        assert!(OfferScope::from_grants(&[grant(Role::SiteAdmin, None, None)]).covers(1, 2));
        // An editor is staff of Innovation, not of Stages: the same answer as the pages get.
        let editor = [grant(Role::Editor, None, None)];
        assert!(
            !OfferScope::from_grants(&editor).is_staff()
                && !Permission::ManageOffers.granted_by(&editor)
        );
        let handler = OfferScope {
            pools: vec![7],
            ..agent
        };
        assert!(
            handler.covers_application(7, None)
                && !handler.covers_application(7, Some(71))
                && !agent_without_pool().covers_application(7, None)
        );
    }

    fn agent_without_pool() -> OfferScope {
        OfferScope::from_grants(&[grant(Role::HostAgent, Some(7), Some(70))])
    }
}
