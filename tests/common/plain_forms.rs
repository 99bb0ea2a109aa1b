//! A browser without JavaScript: posts a page's form as URL-encoded data with
//! `Accept: text/html` and the page as `Referer`, then follows the redirect like a browser.

use super::TestApp;
use reqwest::{header, Client};

/// Where a plain form post landed and the HTML of that page.
pub struct Landed {
    /// The redirect's target (absolute, or as the server wrote it).
    pub location: String,
    pub html: String,
}

impl TestApp {
    /// Posts `fields` to server function `endpoint` from the page `page` (a path), as a
    /// browser without JavaScript does, and loads the page it is sent back to.
    pub async fn post_plain_form(
        &self,
        client: &Client,
        page: &str,
        endpoint: &str,
        fields: &[(&str, &str)],
    ) -> Landed {
        let response = client
            .post(self.url(&format!("/api/{endpoint}")))
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::REFERER, self.url(page))
            .header(header::ORIGIN, self.base.clone())
            .form(fields)
            .send()
            .await
            .expect("form posted");
        assert!(
            response.status().is_redirection(),
            "a plain form post is answered with a redirect, not {}",
            response.status()
        );
        let location = response
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .expect("Location")
            .to_string();
        let html = self.page_html(client, &location).await;
        Landed { location, html }
    }

    /// The HTML of `location` (absolute or a path), as a browser loads it.
    pub async fn page_html(&self, client: &Client, location: &str) -> String {
        let url = if location.starts_with('/') {
            self.url(location)
        } else {
            location.to_string()
        };
        let page = client
            .get(url)
            .header(header::ACCEPT, "text/html")
            .send()
            .await
            .expect("page loaded");
        page.text().await.expect("page body")
    }
}

/// The text of the page's refusal alert (`RefusalAlert`), if it shows one.
pub fn refusal_message(html: &str) -> Option<String> {
    let start = html.find("alert alert-error refusal")?;
    let text_start = start + html[start..].find('>')? + 1;
    let text_end = text_start + html[text_start..].find("</div>")?;
    // `<!>` marks where a reactive text ends in Leptos' server rendering.
    Some(html[text_start..text_end].replace("<!>", ""))
}

/// The `value` attribute of the input named `name`, if the page has one.
pub fn input_value(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\""))?;
    let tag_start = html[..at].rfind('<')?;
    let tag_end = at + html[at..].find('>')?;
    let tag = &html[tag_start..tag_end];
    let value_at = tag.find(" value=\"")? + " value=\"".len();
    let value_end = value_at + tag[value_at..].find('"')?;
    Some(unescape(&tag[value_at..value_end]))
}

/// The text inside the textarea named `name`, if the page has one.
pub fn textarea_text(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\""))?;
    let tag_start = html[..at].rfind('<')?;
    if !html[tag_start..].starts_with("<textarea") {
        return None;
    }
    let text_start = at + html[at..].find('>')? + 1;
    let text_end = text_start + html[text_start..].find("</textarea>")?;
    Some(unescape(&html[text_start..text_end]))
}

/// Whether the checkbox named `name` is ticked.
pub fn is_checked(html: &str, name: &str) -> bool {
    let Some(at) = html.find(&format!("name=\"{name}\"")) else {
        return false;
    };
    let tag_start = html[..at].rfind('<').unwrap_or(at);
    let tag_end = at + html[at..].find('>').unwrap_or(0);
    html[tag_start..tag_end].contains(" checked")
}

/// The values of the ticked boxes of the group posted as `{group}[0]`, `{group}[1]`…
pub fn ticked_values(html: &str, group: &str) -> Vec<String> {
    let prefix = format!("name=\"{group}[");
    html.split('<')
        .filter(|tag| tag.starts_with("input") && tag.contains(&prefix) && tag.contains(" checked"))
        .filter_map(|tag| {
            let start = tag.find(" value=\"")? + " value=\"".len();
            Some(tag[start..start + tag[start..].find('"')?].to_string())
        })
        .collect()
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}
