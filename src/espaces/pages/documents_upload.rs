//! The upload box of a documents page: a plain multipart form (`POST
//! /espaces/{id}/documents/depot`, answered with a redirect: it works without JavaScript) that,
//! once the page is hydrated, is sent by `XMLHttpRequest` so that a progress bar follows a
//! large upload; files dropped on the box are sent the same way. When the upload ends the
//! page's data is loaded again (`on_done`). Where the upload stands ([`UploadProgress`]) is
//! made by the page above its refetched part: the reload (and the space's live refresh the
//! upload's activity triggers) rebuilds the box, which must still show the outcome.

use crate::{espaces::documents_types::upload_url, i18n::t};
#[cfg(feature = "hydrate")]
use crate::espaces::documents_types::UploadAnswer;
use leptos::prelude::*;

/// Where an upload stands: bytes sent of the total, then its outcome.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Progress {
    Idle,
    Sending { sent: f64, total: f64 },
    Done { ok: bool, message: String },
}

/// Where the page's upload stands; make it above the part of the page that is rebuilt.
#[derive(Clone, Copy)]
pub struct UploadProgress(RwSignal<Progress>);

impl Default for UploadProgress {
    fn default() -> UploadProgress {
        UploadProgress(RwSignal::new(Progress::Idle))
    }
}

/// The upload form for folder `folder` (`None`: the top) of space `space`; `hint` says the
/// size limit.
#[component]
pub fn UploadBox(
    space: i64,
    folder: Option<i64>,
    hint: String,
    /// Loads the page's data again after an upload sent by the script.
    on_done: Callback<()>,
    progress: UploadProgress,
) -> impl IntoView {
    let progress = progress.0;
    let dragging = RwSignal::new(false);
    let refetch = on_done;
    let form = NodeRef::<leptos::html::Form>::new();
    let folder_value = folder.map(|f| f.to_string()).unwrap_or_default();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            ev.prevent_default();
            if let Some(element) = form.get_untracked() {
                if let Ok(data) = web_sys::FormData::new_with_form(&element) {
                    send(space, data, progress, refetch, Some(element));
                }
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&ev, form, refetch);
    };
    let folder_for_drop = folder_value.clone();
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        #[cfg(feature = "hydrate")]
        {
            let Some(files) = ev.data_transfer().and_then(|d| d.files()) else {
                return;
            };
            if files.length() == 0 {
                return;
            }
            let Ok(data) = web_sys::FormData::new() else {
                return;
            };
            let _ = data.append_with_str("dossier", &folder_for_drop);
            for i in 0..files.length() {
                if let Some(file) = files.item(i) {
                    let _ = data.append_with_blob_and_filename("fichier", &file, &file.name());
                }
            }
            send(space, data, progress, refetch, None);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&folder_for_drop, refetch);
    };
    view! {
        <section
            class="panel upload-box"
            class:dragging=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
            data-testid="upload-box"
        >
            <h2>{t("documents-upload")}</h2>
            <p class="hint">{t("documents-drop-hint")}" "{hint}</p>
            <form
                node_ref=form
                method="post"
                action=upload_url(space)
                enctype="multipart/form-data"
                class="form"
                on:submit=on_submit
            >
                <input type="hidden" name="dossier" value=folder_value/>
                <label for="document-files">{t("documents-files")}</label>
                <input id="document-files" type="file" name="fichier" multiple=true required=true/>
                <button type="submit">{t("documents-upload-submit")}</button>
            </form>
            {move || match progress.get() {
                Progress::Idle => ().into_any(),
                Progress::Sending { sent, total } => {
                    let percent = if total > 0.0 { (sent / total * 100.0).round() } else { 0.0 };
                    view! {
                        <label for="upload-progress">{t("documents-uploading")}" "{format!("{percent:.0} %")}</label>
                        <progress id="upload-progress" max="100" value=percent.to_string()></progress>
                    }.into_any()
                }
                Progress::Done { ok, message } => view! {
                    <p class=if ok { "alert alert-success" } else { "alert alert-error" } role="status">{message}</p>
                }.into_any(),
            }}
        </section>
    }
}

/// Sends `data` to the upload route with a progress bar; at the end shows the answer's
/// message and loads the page's data again (`form` is emptied on success).
#[cfg(feature = "hydrate")]
fn send(
    space: i64,
    data: web_sys::FormData,
    progress: RwSignal<Progress>,
    refetch: Callback<()>,
    form: Option<web_sys::HtmlFormElement>,
) {
    progress.set(Progress::Sending {
        sent: 0.0,
        total: 0.0,
    });
    post_files(
        space,
        &data,
        move |sent, total| progress.set(Progress::Sending { sent, total }),
        move |answer| {
            let ok = answer.ok;
            progress.set(Progress::Done {
                ok,
                message: answer.message,
            });
            if ok {
                if let Some(form) = &form {
                    form.reset();
                }
                refetch.run(());
            }
        },
    );
}

/// Posts `data` (a multipart form: `dossier`, then `fichier` files) to space `space`'s upload
/// route by `XMLHttpRequest`, asking for JSON: `progress(bytes sent, total)` as it goes, then
/// `done` with the answer — one whose message says the upload was interrupted when the
/// connection failed or the answer was not the route's JSON (a refusal before the route, as
/// plain text, becomes the message).
#[cfg(feature = "hydrate")]
pub fn post_files(
    space: i64,
    data: &web_sys::FormData,
    progress: impl Fn(f64, f64) + 'static,
    done: impl Fn(UploadAnswer) + 'static,
) {
    use wasm_bindgen::{closure::Closure, JsCast};
    let interrupted = || UploadAnswer {
        message: t("error-upload-interrupted"),
        ..UploadAnswer::default()
    };
    let Ok(xhr) = web_sys::XmlHttpRequest::new() else {
        return done(interrupted());
    };
    if xhr.open("POST", &upload_url(space)).is_err() {
        return done(interrupted());
    }
    let _ = xhr.set_request_header("Accept", "application/json");
    if let Ok(upload) = xhr.upload() {
        let on_progress =
            Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |ev: web_sys::ProgressEvent| {
                if ev.length_computable() {
                    progress(ev.loaded(), ev.total());
                }
            });
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        on_progress.forget();
    }
    let answered = xhr.clone();
    let done = std::rc::Rc::new(done);
    let finish = done.clone();
    let on_end = Closure::<dyn FnMut()>::new(move || {
        let status = answered.status().unwrap_or(0);
        let text = answered.response_text().ok().flatten().unwrap_or_default();
        let answer = serde_json::from_slice::<UploadAnswer>(text.as_bytes()).unwrap_or_else(|_| UploadAnswer {
            ok: false,
            message: if text.is_empty() || text.len() > 300 || status == 0 {
                t("error-upload-interrupted")
            } else {
                text.clone()
            },
            ..UploadAnswer::default()
        });
        finish(UploadAnswer {
            ok: answer.ok && (200..300).contains(&status),
            ..answer
        });
    });
    xhr.set_onloadend(Some(on_end.as_ref().unchecked_ref()));
    on_end.forget();
    if xhr.send_with_opt_form_data(Some(data)).is_err() {
        done(interrupted());
    }
}
