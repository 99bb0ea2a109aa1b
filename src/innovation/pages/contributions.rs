//! What comments under a fiche and a thread's question and replies share on the page: the
//! entries with their flag, quote and moderation buttons (the field to write in and quoting
//! are `ui::writing`, shared with Espaces' forum).

use crate::accounts::types::shown_name;
use crate::ui::refused_form::ServerForm;
use crate::ui::writing::quoted;
use crate::{
    i18n::t,
    innovation::{
        community::{CommentView, ItemKind, ModerationAction},
        community_api::{FlagItem, ModerateItem},
    },
    ui::{
        forms::{refetch_on_success, FormError},
        time::TimeTag,
    },
};
use leptos::prelude::*;

/// Contributions of one kind, each anchored `{anchor}-{id}`. Members flag and quote (into
/// `draft`, the text of the writing box), moderators hide and restore.
#[component]
pub fn ContributionList(
    kind: ItemKind,
    items: Vec<CommentView>,
    anchor: &'static str,
    member: bool,
    moderator: bool,
    draft: Option<RwSignal<String>>,
) -> impl IntoView {
    let flag = ServerAction::<FlagItem>::new();
    let moderate = ServerAction::<ModerateItem>::new();
    refetch_on_success(flag.value());
    refetch_on_success(moderate.value());
    view! {
        <FormError value=flag.value()/>
        <FormError value=moderate.value()/>
        <ul class="entries">
            {items.into_iter().map(|c| {
                let (flag_id, moderated_id) = (c.id.to_string(), c.id.to_string());
                let (author, body_md) = (c.author.clone(), c.body_md.clone());
                let next = if c.hidden { ModerationAction::Restore } else { ModerationAction::Hide };
                view! {
                    <li class="entry comment" class:hidden-comment=c.hidden id=format!("{anchor}-{}", c.id)>
                        <p class="entry-meta">
                            <strong>{shown_name(&c.author, || t("former-member"))}</strong>" · "<TimeTag when=c.shown_at.clone()/>
                            {c.hidden.then(|| view! { " · "<span class="badge">{t("comments-hidden")}</span> })}
                            {(c.flags > 0).then(|| format!(" · {} {}", c.flags, t("comments-flags")))}
                        </p>
                        <div class="entry-body" inner_html=c.body_html.clone()></div>
                        <div class="entry-actions">
                            {draft.filter(|_| member && !c.hidden).map(|draft| view! {
                                <button type="button" class="link-button" on:click=move |_| draft.update(|text| text.push_str(&quoted(&author, &body_md)))>{t("comments-quote")}</button>
                            })}
                            {(member && !c.hidden).then(|| view! {
                                <ServerForm action=flag attr:class="inline-form">
                                    <input type="hidden" name="kind" value=kind.code()/>
                                    <input type="hidden" name="id" value=flag_id.clone()/>
                                    <button type="submit" class="link-button">{t("comments-flag")}</button>
                                </ServerForm>
                            })}
                            {moderator.then(|| view! {
                                <ServerForm action=moderate attr:class="inline-form">
                                    <input type="hidden" name="kind" value=kind.code()/>
                                    <input type="hidden" name="id" value=moderated_id.clone()/>
                                    <input type="hidden" name="action" value=next.code()/>
                                    <button type="submit" class="secondary">{if c.hidden { t("moderation-restore") } else { t("moderation-hide") }}</button>
                                </ServerForm>
                            })}
                        </div>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
