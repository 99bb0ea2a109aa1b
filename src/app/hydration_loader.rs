//! Starts hydration once the page has loaded and the browser is idle, without preloading the
//! bundle. Leptos's `HydrationScripts` (even with `defer`) puts `<link rel="preload">` for the
//! WASM in the head, so its download starts while the page is still being painted; Lighthouse's
//! mobile simulation then counts that download (413 KB) into the largest paint of `/stages`:
//! 3.2 s where the text showed at 0.8 s. Here the WASM is fetched by the loader, after the
//! `load` event and the next idle moment (at most 2 s later), so what the server rendered is
//! painted before any byte of it moves. Forms and links work meanwhile without JavaScript.
//! Beside the bundle it fetches the page's language's messages, the only ones the browser has
//! (`server::messages_file`), and gives them to `hydrate`; on a lazy page, it preloads the
//! page's WASM chunks at the same moment, which the page names on its `<body>` ([`name_chunks`]).
//! Leptos's own preload of them (`HydrationScripts`' split manifest) started in the head, so
//! they were downloaded while the page was being painted, as the bundle was.

use leptos::prelude::*;

/// The module script that loads the bundle and hydrates (`options`: the site's Leptos options,
/// for the output name, the package folder and whether file names carry hashes).
#[component]
pub fn HydrationLoader(options: LeptosOptions) -> impl IntoView {
    loader_script(options)
}

#[cfg(feature = "ssr")]
fn loader_script(options: LeptosOptions) -> impl IntoView {
    let (js, wasm) =
        crate::server::asset_names::bundle_names(&options.output_name, options.hash_files);
    let pkg = format!("/{}", options.site_pkg_dir);
    let locale = crate::i18n::use_locale();
    // The page's messages are fetched beside the bundle (`server::messages_file`); without them
    // the page is not hydrated (its forms and links still work) and the console says why.
    let script = format!(
        "(function(js,wasm,lang,ftl){{\
         const chunks=()=>(document.body.getAttribute(\"{CHUNKS_ATTRIBUTE}\")||\"\").split(\" \").filter(Boolean).forEach(href=>{{\
         const l=document.createElement(\"link\");l.rel=\"preload\";l.as=\"fetch\";l.crossOrigin=\"anonymous\";l.href=href;document.head.append(l)}});\
         const text=()=>fetch(ftl).then(r=>{{if(!r.ok)throw new Error(ftl+\": \"+r.status);return r.text()}});\
         const go=()=>(chunks(),Promise.all([import(js).then(m=>m.default({{module_or_path:wasm}}).then(()=>m)),text()]).then(([m,t])=>m.hydrate(lang,t)).catch(e=>console.error(\"parvis: not hydrated:\",e)));\
         const idle=()=>\"requestIdleCallback\" in window?requestIdleCallback(go,{{timeout:2000}}):setTimeout(go,0);\
         if(document.readyState===\"complete\")idle();else addEventListener(\"load\",idle,{{once:true}});\
         }})({:?},{:?},{:?},{:?})",
        format!("{pkg}/{js}.js"),
        format!("{pkg}/{wasm}.wasm"),
        locale.code(),
        crate::server::messages_file::url(&options.site_pkg_dir, locale),
    );
    view! { <script type="module" nonce=leptos::nonce::use_nonce()>{script}</script> }
}

/// The `<body>` attribute whose value lists a lazy page's chunk URLs, space-separated.
pub const CHUNKS_ATTRIBUTE: &str = "data-parvis-chunks";

/// Names the chunks of the lazy page group `function` (its `#[lazy]` function's name) on the
/// page's `<body>`, `data-parvis-chunks="/pkg/… /pkg/…"`, for the loader to preload; nothing
/// when the site's build is not split. Called by a lazy route on the server. It goes through
/// leptos_meta's `<Body>` attributes, which hydration does not walk: a head tag registered on
/// the server only would shift leptos_meta's hydration of the page's own head tags, which it
/// pairs with the head's elements in order.
#[cfg(feature = "ssr")]
pub fn name_chunks(function: &str) {
    let Some(options) = use_context::<LeptosOptions>() else {
        return;
    };
    let urls = crate::server::split_chunks::chunk_urls(&options, function);
    if !urls.is_empty() {
        let _ = view! { <leptos_meta::Body {..} data-parvis-chunks=urls.join(" ")/> }.to_html();
    }
}

/// The shell is rendered on the server only.
#[cfg(not(feature = "ssr"))]
fn loader_script(_options: LeptosOptions) -> impl IntoView {}
