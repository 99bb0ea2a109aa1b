//! The one resolver of every redirect target a user can supply (`suite` at sign-in, `next` of
//! the language switch, and whatever comes next): the target is parsed the way a browser
//! parses it (WHATWG URL rules of the `url` crate: tabs and newlines dropped, backslashes read
//! as slashes, `//host` and `scheme:` leaving the site) against `server.public_url`, and kept
//! only when the result has the site's own origin. What is sent back is the path, query and
//! fragment of that result, never the raw text, so the browser cannot read it differently.

/// Longest target kept, in bytes once encoded: a longer one is no page of ours, and would make
/// a `Location` header that no server or browser accepts (the fuzz test found the connection
/// dropped on a 60,000-character `next`).
pub const MAX_TARGET_BYTES: usize = 2_048;

/// The same-origin path ("/stages?q=x#y") that `raw` leads to from `public_url`, or `None` when
/// it is empty, too long (`MAX_TARGET_BYTES`) or leaves the site (another host, scheme, port,
/// userinfo, `javascript:`…).
pub fn same_origin_target(public_url: &url::Url, raw: &str) -> Option<String> {
    if raw.trim().is_empty() || raw.len() > MAX_TARGET_BYTES {
        return None;
    }
    let resolved = public_url.join(raw).ok()?;
    if resolved.origin() != public_url.origin()
        || !resolved.username().is_empty()
        || resolved.password().is_some()
    {
        return None;
    }
    let mut target = resolved.path().to_string();
    if let Some(query) = resolved.query() {
        target.push('?');
        target.push_str(query);
    }
    if let Some(fragment) = resolved.fragment() {
        target.push('#');
        target.push_str(fragment);
    }
    // A path such as "//evil.example" (from "/.//evil.example") is a host to a browser: the
    // target must resolve to itself again.
    let again = public_url.join(&target).ok()?;
    (again == resolved
        && target.starts_with('/')
        && !target.starts_with("//")
        && target.len() <= MAX_TARGET_BYTES)
        .then_some(target)
}

/// `same_origin_target`, or `fallback` (a fixed path of ours) when there is none.
pub fn resolve_or(public_url: &url::Url, raw: Option<&str>, fallback: &str) -> String {
    raw.and_then(|raw| same_origin_target(public_url, raw))
        .unwrap_or_else(|| fallback.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> url::Url {
        url::Url::parse("https://parvis.example:8443/").expect("literal")
    }

    #[test]
    fn keeps_paths_of_the_site() {
        assert_eq!(
            same_origin_target(&site(), "/stages?q=jardin#r").as_deref(),
            Some("/stages?q=jardin#r")
        );
        assert_eq!(
            same_origin_target(&site(), "https://parvis.example:8443/compte").as_deref(),
            Some("/compte")
        );
        assert_eq!(
            same_origin_target(&site(), "/%2F/evil.example").as_deref(),
            Some("/%2F/evil.example")
        );
        // Same scheme without "//": a relative path, as browsers read it.
        assert_eq!(
            same_origin_target(&site(), "https:evil.example").as_deref(),
            Some("/evil.example")
        );
    }

    #[test]
    fn refuses_what_leaves_the_site() {
        for raw in [
            "",
            "//evil.example",
            "/\t/evil.example/",
            "/\\evil.example",
            "https://evil.example",
            "http:evil.example",
            "javascript:alert(1)",
            "/.//evil.example",
            "https://u@parvis.example:8443/",
        ] {
            assert_eq!(same_origin_target(&site(), raw), None, "{raw:?}");
        }
        assert_eq!(resolve_or(&site(), Some("//evil.example"), "/"), "/");
        assert_eq!(
            same_origin_target(&site(), &format!("/{}", "é".repeat(MAX_TARGET_BYTES))),
            None,
            "too long for a Location header"
        );
    }
}
