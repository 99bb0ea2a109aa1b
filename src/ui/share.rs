//! What a page offers to those who share or index it: its canonical address, Open Graph tags
//! (link previews) and schema.org data. The server fills [`SharePage`] (absolute addresses from
//! `server.public_url`, never the Host header; ISO dates); the page renders it with
//! [`ShareTags`], so offers and fiches tell the same things the same way.

use super::script_data::JsonLd;
use leptos::prelude::*;
use leptos_meta::{Link, Meta};
use serde::{Deserialize, Serialize};

/// The sharing data of one page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharePage {
    /// og:title.
    pub title: String,
    /// og:description: plain text, a few sentences at most.
    pub description: String,
    /// The canonical absolute address (og:url and `<link rel="canonical">`).
    pub url: String,
    /// An absolute image address (og:image): the page's own image, else the site's default.
    pub image: String,
    /// og:type ("article", "website").
    pub kind: String,
    /// The schema.org object (JobPosting, Article…), written as JSON-LD.
    pub structured_data: serde_json::Value,
}

/// The canonical link, the Open Graph tags and the JSON-LD block of a page.
#[component]
pub fn ShareTags(share: SharePage) -> impl IntoView {
    view! {
        <Link rel="canonical" href=share.url.clone()/>
        <Meta property="og:title" content=share.title/>
        <Meta property="og:description" content=share.description/>
        <Meta property="og:url" content=share.url/>
        <Meta property="og:type" content=share.kind/>
        <Meta property="og:image" content=share.image/>
        <JsonLd data=share.structured_data/>
    }
}
