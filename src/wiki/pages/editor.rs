//! `/espaces/:id/wiki/:page/modifier`: the live editor — the Markdown source in a textarea
//! bound to the page's Yjs document (`wiki::live_client`), a formatting toolbar for those who
//! do not write Markdown, who else is on the page and where, the connection's state, and a
//! live preview that the server renders with the site's one Markdown code (`wiki/preview`:
//! what an editor previews is what readers get). A lazy page of its own: yrs loads only here.
//!
//! A plain `<textarea>` rather than CodeMirror: the browser's own text field keeps IME input,
//! spell checking, screen readers and phone keyboards working as people expect, and binding it
//! is a few hundred lines of Rust, with no JavaScript editor to drive through wasm-bindgen.

use super::page_of_address;
use crate::{
    error::AppError,
    espaces::pages::SpaceHeader,
    i18n::t,
    ui::status_pages::ErrorPage,
    wiki::types::{Editing, LinkState, WikiPageView},
};
use leptos::prelude::*;

#[component]
pub fn WikiEditorPage() -> impl IntoView {
    let loaded = page_of_address();
    view! {
        <div class="page wiki">
            <Transition fallback=move || view! { <p>{t("loading")}</p> }>
                {move || loaded.get().map(|result| match result {
                    Ok(page) if page.can_edit => view! { <Editor page/> }.into_any(),
                    Ok(_) => view! { <ErrorPage error=AppError::Forbidden/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </div>
    }
}

/// The editor's way to its live session (nothing on the server).
#[derive(Clone, Copy)]
struct Link {
    #[cfg(feature = "hydrate")]
    session: StoredValue<Option<crate::wiki::live_client::Session>, LocalStorage>,
}

impl Link {
    fn input(&self) {
        #[cfg(feature = "hydrate")]
        self.session.with_value(|s| s.as_ref().map(|s| s.input()));
    }

    fn composing(&self, composing: bool) {
        #[cfg(feature = "hydrate")]
        self.session
            .with_value(|s| s.as_ref().map(|s| s.composing(composing)));
        #[cfg(not(feature = "hydrate"))]
        let _ = composing;
    }

    fn undo(&self, redo: bool) {
        #[cfg(feature = "hydrate")]
        self.session
            .with_value(|s| s.as_ref().map(|s| s.undo(redo)));
        #[cfg(not(feature = "hydrate"))]
        let _ = redo;
    }

    fn moved(&self) {
        #[cfg(feature = "hydrate")]
        self.session.with_value(|s| s.as_ref().map(|s| s.moved()));
    }
}

/// Where the files pasted or dropped into the text stand: being sent, then the outcome (ok,
/// message).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Attaching {
    Idle,
    Sending,
    Done(bool, String),
}

/// Stores `files` (pasted or dropped into the text) as documents of space `space`, then puts
/// a link to each (an image shown) in the text at the caret, as one change typed there.
#[cfg(feature = "hydrate")]
fn attach(
    space: i64,
    files: web_sys::FileList,
    area: NodeRef<leptos::html::Textarea>,
    link: Link,
    status: RwSignal<Attaching>,
) {
    use crate::wiki::attachments::{markdown, stored_name};
    let Ok(data) = web_sys::FormData::new() else {
        return;
    };
    let _ = data.append_with_str("dossier", "");
    // "2026-12-01T17:20:05.123Z" → "2026-12-01 172005"
    let now: String = js_sys::Date::new_0().to_iso_string().into();
    let stamp = format!("{} {}", &now[..10.min(now.len())], now.get(11..19).unwrap_or("").replace(':', ""));
    for i in 0..files.length() {
        if let Some(file) = files.item(i) {
            let name = stored_name(&file.name(), &file.type_(), &stamp, i);
            let _ = data.append_with_blob_and_filename("fichier", &file, &name);
        }
    }
    status.set(Attaching::Sending);
    crate::espaces::pages::post_files(space, &data, |_, _| {}, move |answer| {
        let text: String = answer.documents.iter().map(markdown).collect();
        if let (false, Some(element)) = (text.is_empty(), area.get_untracked()) {
            let at = element.selection_end().ok().flatten().unwrap_or(0);
            let _ = element.set_range_text_with_start_and_end(&text, at, at);
            link.input();
        }
        let message = if answer.ok { t("wiki-attached") } else { answer.message };
        status.set(Attaching::Done(answer.ok, message));
    });
}

/// How long after a change the preview asks for the text as it then stands: as the search box
/// waits (`ui::keyword_box::QUIET`). Not restarted by later changes, so others' typing cannot
/// hold the preview back.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
const PREVIEW_QUIET: std::time::Duration = crate::ui::keyword_box::QUIET;

/// The live preview: the server's rendering of the text (`wiki/preview`: the site's one
/// Markdown code, which the browser does not carry), at most one request on its way.
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
struct Preview {
    space: i64,
    text: RwSignal<String>,
    /// The HTML shown.
    html: RwSignal<String>,
    /// A request is waiting for [`PREVIEW_QUIET`] or on its way.
    pending: StoredValue<bool>,
}

impl Preview {
    /// Asks for the text as it will stand in [`PREVIEW_QUIET`], unless a request is already
    /// coming; once answered, asks again if the text changed meanwhile. A refused or failed
    /// request (offline) is asked again at the next change. Every read is a `try_`: the
    /// answer may come after the editor has gone.
    fn follow(self) {
        if self.pending.try_get_value() != Some(false) {
            return;
        }
        self.pending.set_value(true);
        #[cfg(feature = "hydrate")]
        set_timeout(
            move || {
                leptos::task::spawn_local(async move {
                    let Some(source) = self.text.try_get_untracked() else {
                        return;
                    };
                    let answered =
                        crate::wiki::api::preview_wiki_text(self.space, source.clone()).await;
                    if let Ok(html) = answered {
                        if self.html.try_set(html).is_some() {
                            return;
                        }
                        self.pending.try_set_value(false);
                        if self.text.try_with_untracked(|now| *now != source) == Some(true) {
                            self.follow();
                        }
                    } else {
                        self.pending.try_set_value(false);
                    }
                });
            },
            PREVIEW_QUIET,
        );
    }
}

/// A toolbar button: its label and the Markdown put around the selection (before, after).
const FORMATS: &[(&str, &str, &str)] = &[
    ("wiki-format-heading", "\n## ", "\n"),
    ("wiki-format-bold", "**", "**"),
    ("wiki-format-italic", "_", "_"),
    ("wiki-format-list", "\n- ", "\n"),
    ("wiki-format-link", "[", "](https://)"),
    (
        "wiki-format-table",
        "\n| Colonne | Colonne |\n| --- | --- |\n| ",
        " |  |\n",
    ),
];

#[component]
fn Editor(page: WikiPageView) -> impl IntoView {
    let state = RwSignal::new(LinkState::Connecting);
    let text = RwSignal::new(String::new());
    let others = RwSignal::new(Vec::<Editing>::new());
    let area = NodeRef::<leptos::html::Textarea>::new();
    let attaching = RwSignal::new(Attaching::Idle);
    let overlay = NodeRef::<leptos::html::Div>::new();
    let link = Link {
        #[cfg(feature = "hydrate")]
        session: StoredValue::new_local(None),
    };
    #[cfg(feature = "hydrate")]
    {
        let path = crate::wiki::types::socket_path(page.space.id, page.id);
        let user = crate::accounts::pages::auth_context::use_auth().user;
        let page_id = page.id;
        Effect::new(move |_| {
            let Some(element) = area.get() else {
                return;
            };
            // Kept per account: another account signed in on this browser never reads it.
            let Some(Ok(Some(account))) = user.get() else {
                return;
            };
            let key = crate::wiki::types::kept_edits_key(account.id, page_id);
            if link.session.with_value(Option::is_none) {
                let signals = crate::wiki::live_client::Signals {
                    state,
                    text,
                    others,
                };
                let started =
                    crate::wiki::live_client::Session::start(&path, key, element, signals);
                link.session.set_value(Some(started));
            }
        });
        on_cleanup(move || {
            link.session.with_value(|s| s.as_ref().map(|s| s.end()));
        });
    }
    let space = page.space.id;
    let preview = Preview {
        space,
        text,
        html: RwSignal::new(page.html.clone()),
        pending: StoredValue::new(false),
    };
    // Until the document has arrived the preview is the page as it was read; then it follows
    // the text (one's own typing and the others'), an empty text drawn here.
    Effect::new(move |_| {
        if text.with(String::is_empty) {
            if state.get_untracked() == LinkState::Live {
                preview.html.set(String::new());
            }
        } else {
            preview.follow();
        }
    });
    let status = move || match state.get() {
        LinkState::Connecting => t("wiki-link-connecting"),
        LinkState::Live => t("wiki-link-live"),
        LinkState::Offline => t("wiki-link-offline"),
        LinkState::Ended(reason) => format!("{} ({reason})", t("wiki-link-ended")),
    };
    let format = move |before: &'static str, after: &'static str| {
        #[cfg(feature = "hydrate")]
        if let Some(element) = area.get() {
            let start = element.selection_start().ok().flatten().unwrap_or(0);
            let end = element.selection_end().ok().flatten().unwrap_or(start);
            let value: Vec<u16> = element.value().encode_utf16().collect();
            let end = end.min(u32::try_from(value.len()).unwrap_or(u32::MAX));
            let start = start.min(end);
            let chosen = String::from_utf16_lossy(&value[start as usize..end as usize]);
            let _ = element.set_range_text_with_start_and_end(
                &format!("{before}{chosen}{after}"),
                start,
                end,
            );
            let _ = element.focus();
            link.input();
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (before, after, area);
    };
    // Files pasted or dropped into the text: stored, then linked where the caret is.
    #[cfg(feature = "hydrate")]
    let take_files = move |event: &web_sys::Event, files: Option<web_sys::FileList>| {
        let Some(files) = files.filter(|f| f.length() > 0) else {
            return;
        };
        event.prevent_default();
        attach(space, files, area, link, attaching);
    };
    let back = format!("/espaces/{}/wiki/{}", page.space.id, page.id);
    view! {
        <SpaceHeader space=page.space.clone()/>
        <p><a href=back>{t("wiki-editor-back")}</a></p>
        <h2>{page.title.clone()}</h2>
        <noscript><p class="alert alert-info">{t("wiki-editor-needs-script")}</p></noscript>
        <p class="wiki-status" role="status" data-state=move || match state.get() {
            LinkState::Connecting => "connecting",
            LinkState::Live => "live",
            LinkState::Offline => "offline",
            LinkState::Ended(_) => "ended",
        }>{status}</p>
        <section class="wiki-presence" aria-label=t("wiki-presence")>
            {move || {
                let others = others.get();
                if others.is_empty() {
                    view! { <p class="muted">{t("wiki-presence-alone")}</p> }.into_any()
                } else {
                    view! {
                        <ul>
                            {others.into_iter().map(|o| view! {
                                <li>
                                    <span class=format!("wiki-presence-dot {}", crate::wiki::cursors::color_class(&o.color)) aria-hidden="true"></span>
                                    {o.name}" · "{t("wiki-presence-line")}" "{o.line}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
        <div class="wiki-toolbar" role="toolbar" aria-label=t("wiki-toolbar")>
            {FORMATS.iter().map(|(label, before, after)| {
                let (before, after) = (*before, *after);
                view! { <button type="button" on:click=move |_| format(before, after)>{t(label)}</button> }
            }).collect_view()}
        </div>
        <div class="wiki-editor">
            <div>
                <label for="wiki-source">{t("wiki-source")}</label>
                <div class="wiki-source-frame">
                <textarea
                    id="wiki-source"
                    node_ref=area
                    readonly=true
                    rows="20"
                    spellcheck="true"
                    on:input=move |_| link.input()
                    on:compositionstart=move |_| link.composing(true)
                    on:compositionend=move |_| link.composing(false)
                    on:keyup=move |_| link.moved()
                    on:click=move |_| link.moved()
                    on:paste=move |event: leptos::ev::ClipboardEvent| {
                        #[cfg(feature = "hydrate")]
                        take_files(&event, event.clipboard_data().and_then(|d| d.files()));
                        #[cfg(not(feature = "hydrate"))]
                        let _ = event;
                    }
                    on:dragover=move |event: leptos::ev::DragEvent| {
                        // A text field takes only dragged text unless a drag of files is
                        // accepted here.
                        #[cfg(feature = "hydrate")]
                        if event.data_transfer().is_some_and(|d| d.types().includes(&"Files".into(), 0)) {
                            event.prevent_default();
                        }
                        #[cfg(not(feature = "hydrate"))]
                        let _ = event;
                    }
                    on:drop=move |event: leptos::ev::DragEvent| {
                        #[cfg(feature = "hydrate")]
                        take_files(&event, event.data_transfer().and_then(|d| d.files()));
                        #[cfg(not(feature = "hydrate"))]
                        let _ = event;
                    }
                    on:keydown=move |event: leptos::ev::KeyboardEvent| {
                        let key = event.key().to_lowercase();
                        if event.ctrl_key() || event.meta_key() {
                            if key == "z" || key == "y" {
                                event.prevent_default();
                                link.undo(key == "y" || event.shift_key());
                            }
                        }
                    }
                    on:scroll=move |_| {
                        #[cfg(feature = "hydrate")]
                        if let (Some(area), Some(overlay)) = (area.get_untracked(), overlay.get_untracked()) {
                            overlay.set_scroll_top(area.scroll_top());
                        }
                    }
                ></textarea>
                <div class="wiki-overlay" aria-hidden="true" node_ref=overlay>
                    {move || others_drawn(&text.get(), &others.get())}
                </div>
                </div>
                <p class="hint">{t("wiki-attach-hint")}</p>
                <p role="status" class=move || match attaching.get() {
                    Attaching::Done(false, _) => "wiki-attaching alert alert-error",
                    _ => "wiki-attaching",
                }>
                    {move || match attaching.get() {
                        Attaching::Idle => String::new(),
                        Attaching::Sending => t("wiki-attaching"),
                        Attaching::Done(_, message) => message,
                    }}
                </p>
            </div>
            <div>
                <h3 class="wiki-preview-title">{t("wiki-preview")}</h3>
                <div class="prose wiki-preview" inner_html=move || preview.html.get()></div>
            </div>
        </div>
    }
}

/// The others' selections and carets over the text (`wiki::cursors`): the text itself is
/// invisible in the overlay, only their tints and bars show.
fn others_drawn(text: &str, others: &[Editing]) -> impl IntoView {
    use crate::wiki::cursors::{pieces, Piece};
    if others.is_empty() {
        return ().into_any();
    }
    pieces(text, others)
        .into_iter()
        .map(|piece| match piece {
            Piece::Plain(text) => text.into_any(),
            Piece::Selected { text, color } => view! {
                <span class=format!("wiki-remote-selection {color}")>{text}</span>
            }
            .into_any(),
            Piece::Caret { name, color } => view! {
                <span class=format!("wiki-caret {color}")><span class="wiki-caret-name">{name}</span></span>
            }
            .into_any(),
        })
        .collect_view()
        .into_any()
}
