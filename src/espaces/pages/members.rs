//! `/espaces/:id/membres`: the members with their roles; for animators, the invitation form
//! (address, role, optional end of access), the invitations not accepted (revoke), a role
//! select and a removal button per member.

use super::{space::SpaceHeader, space_id};
use crate::{
    espaces::{
        members_api::{load_members, Invite, RemoveMember, RevokeInvitation, SetMemberRole},
        types::{InvitationState, MembersPage, SpaceAction, SpaceRole},
    },
    i18n::t,
    ui::{
        forms::{
            field_error, provide_refetch, refetch_on_success, FormError, FormSuccess, Select,
            TextField,
        },
        refused_form::ServerForm,
        status_pages::ErrorPage,
        time::TimeTag,
    },
};
use leptos::prelude::*;
use crate::ui::page_resource::page_resource;

/// The page's actions, created above the refetched part so their messages outlast it.
#[derive(Clone, Copy)]
struct Actions {
    invite: ServerAction<Invite>,
    revoke: ServerAction<RevokeInvitation>,
    role: ServerAction<SetMemberRole>,
    remove: ServerAction<RemoveMember>,
}

#[component]
pub fn SpaceMembersPage() -> impl IntoView {
    let id = space_id();
    let page = page_resource(id, |id| async move {
        match id {
            Some(id) => load_members(id).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    provide_refetch(move || page.refetch());
    let actions = Actions {
        invite: ServerAction::new(),
        revoke: ServerAction::new(),
        role: ServerAction::new(),
        remove: ServerAction::new(),
    };
    refetch_on_success(actions.invite.value());
    refetch_on_success(actions.revoke.value());
    refetch_on_success(actions.role.value());
    refetch_on_success(actions.remove.value());
    view! {
        <div class="page">
            <FormSuccess value=actions.invite.value() message=t("invitation-sent")/>
            <FormError value=actions.revoke.value()/>
            <FormError value=actions.role.value()/>
            <FormError value=actions.remove.value()/>
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || page.get().map(|result| match result {
                    Ok(page) => view! { <Members page actions/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

fn role_options() -> Vec<(String, String)> {
    SpaceRole::ALL
        .iter()
        .map(|r| (r.code().to_string(), t(&r.label_key())))
        .collect()
}

#[component]
fn Members(page: MembersPage, actions: Actions) -> impl IntoView {
    let MembersPage {
        space,
        members,
        invitations,
    } = page;
    let manage = space.can(SpaceAction::ManageMembers);
    let id = space.id;
    view! {
        <SpaceHeader space=space.clone()/>
        <h2>{t("space-members")}</h2>
        <ul class="members">
            {members.into_iter().map(|m| {
                let user = m.user_id;
                let select_id = format!("role-{}", m.user_id);
                view! {
                    <li>
                        <strong>{m.name.clone()}</strong>" · "{t(&m.role.label_key())}
                        {m.access_ends.map(|when| view! { " · "{t("space-access-until")}" "<TimeTag when/> })}
                        {manage.then(|| view! {
                            <ServerForm action=actions.role attr:class="inline-form">
                                <input type="hidden" name="id" value=id.to_string()/>
                                <input type="hidden" name="user_id" value=user.to_string()/>
                                <label for=select_id.clone() class="visually-hidden">{format!("{} — {}", t("space-role"), m.name)}</label>
                                <select id=select_id name="role">
                                    {SpaceRole::ALL.iter().map(|r| view! { <option value=r.code() selected={*r == m.role}>{t(&r.label_key())}</option> }).collect_view()}
                                </select>
                                <button type="submit" class="secondary">{t("space-role-change")}</button>
                            </ServerForm>
                            <ServerForm action=actions.remove attr:class="inline-form">
                                <input type="hidden" name="id" value=id.to_string()/>
                                <input type="hidden" name="user_id" value=user.to_string()/>
                                <button type="submit" class="danger">{t("space-member-remove")}</button>
                            </ServerForm>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
        {manage.then(|| view! {
            <section class="panel">
                <h2>{t("space-invite")}</h2>
                <FormError value=actions.invite.value()/>
                <ServerForm action=actions.invite attr:class="form" reset_on_success=true>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <TextField name="email" kind="email" autocomplete="off" label=t("field-email") error=field_error(actions.invite.value(), "email")/>
                    <Select name="role" label=t("space-role") options=role_options() selected="contributor".to_string() error=field_error(actions.invite.value(), "role")/>
                    <TextField name="access_ends" kind="date" label=t("space-access-ends") hint=t("space-access-ends-hint") error=field_error(actions.invite.value(), "access_ends") optional=true/>
                    <button type="submit">{t("space-invite-submit")}</button>
                </ServerForm>
            </section>
            <section>
                <h2>{t("space-invitations")}</h2>
                {if invitations.is_empty() {
                    view! { <p>{t("space-invitations-none")}</p> }.into_any()
                } else {
                    view! {
                        <ul class="invitations">
                            {invitations.into_iter().map(|i| {
                                let pending = i.state == InvitationState::Pending;
                                view! {
                                    <li>
                                        {i.email}" · "{t(&i.role.label_key())}" · "{t(i.state.label_key())}" · "{t("invitation-expires")}" "<TimeTag when=i.expires/>
                                        {pending.then(|| view! {
                                            <ServerForm action=actions.revoke attr:class="inline-form">
                                                <input type="hidden" name="id" value=id.to_string()/>
                                                <input type="hidden" name="invitation" value=i.id.to_string()/>
                                                <button type="submit" class="secondary">{t("invitation-revoke")}</button>
                                            </ServerForm>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        })}
    }
}
