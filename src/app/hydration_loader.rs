//! Starts hydration once the page has loaded and the browser is idle, without preloading the
//! bundle. Leptos's `HydrationScripts` (even with `defer`) puts `<link rel="preload">` for the
//! WASM in the head, so its download starts while the page is still being painted; Lighthouse's
//! mobile simulation then counts that download (413 KB) into the largest paint of `/stages`:
//! 3.2 s where the text showed at 0.8 s. Here the WASM is fetched by the loader, after the
//! `load` event and the next idle moment (at most 2 s later), so what the server rendered is
//! painted before any byte of it moves. Forms and links work meanwhile without JavaScript.
//! Beside the bundle it fetches the page's language's messages, the only ones the browser has
//! (`server::messages_file`), and gives them to `hydrate`.

use leptos::prelude::*;

/// The module script that loads the bundle and hydrates (`options`: the site's Leptos options,
/// for the output name, the package folder and whether file names carry hashes).
#[component]
pub fn HydrationLoader(options: LeptosOptions) -> impl IntoView {
    loader_script(options)
}

#[cfg(feature = "ssr")]
fn loader_script(options: LeptosOptions) -> impl IntoView {
    // Run for what it provides (the split manifest that lazy routes read to name their
    // chunks); its markup, which preloads the WASM, is not rendered.
    let _ = leptos::hydration::HydrationScripts(
        leptos::hydration::HydrationScriptsProps::builder()
            .options(options.clone())
            .build(),
    );
    let (js, wasm) =
        crate::server::asset_names::bundle_names(&options.output_name, options.hash_files);
    let pkg = format!("/{}", options.site_pkg_dir);
    let locale = crate::i18n::use_locale();
    // The page's messages are fetched beside the bundle (`server::messages_file`); without them
    // the page is not hydrated (its forms and links still work) and the console says why.
    let script = format!(
        "(function(js,wasm,lang,ftl){{\
         const text=()=>fetch(ftl).then(r=>{{if(!r.ok)throw new Error(ftl+\": \"+r.status);return r.text()}});\
         const go=()=>Promise.all([import(js).then(m=>m.default({{module_or_path:wasm}}).then(()=>m)),text()]).then(([m,t])=>m.hydrate(lang,t)).catch(e=>console.error(\"parvis: not hydrated:\",e));\
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

/// The shell is rendered on the server only.
#[cfg(not(feature = "ssr"))]
fn loader_script(_options: LeptosOptions) -> impl IntoView {}
