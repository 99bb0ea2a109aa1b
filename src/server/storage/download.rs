//! Serving a stored object: [`object_response`] streams it as the body of an axum response
//! with its `Content-Length`, the `Content-Type` the caller knows (detected from the content
//! when it was stored, never from a name) and a `Content-Disposition` safe for any original
//! name ([`content_disposition`]: RFC 6266, the name in `filename*=UTF-8''…` as RFC 5987
//! encodes it, and an ASCII `filename="…"` for clients that read only that). The compression
//! layer leaves such answers alone (`server::compression`), so the length holds.

use super::Object;
use axum::{
    body::Body,
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use std::fmt::Write as _;

/// How the browser should treat the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disposition {
    /// Shown in the browser when it can (a PDF, a picture).
    Inline,
    /// Saved as a file.
    Attachment,
}

/// The longest ASCII fallback name, in characters (the extension kept).
const FALLBACK_MAX_CHARS: usize = 100;

/// `object` as a response: 200, its bytes streamed, `Content-Length`, `Content-Type` and
/// `Content-Disposition` (`disposition` with the person's `file_name`). Add caching headers
/// around it (`([(header::CACHE_CONTROL, …)], response)`).
pub fn object_response(
    object: Object,
    content_type: &str,
    disposition: Disposition,
    file_name: &str,
) -> Response {
    let content_type = HeaderValue::from_str(content_type)
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    let mut response = Body::from_stream(object.stream).into_response();
    *response.status_mut() = StatusCode::OK;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, content_type);
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(object.size));
    headers.insert(
        header::CONTENT_DISPOSITION,
        content_disposition(disposition, file_name),
    );
    response
}

/// A `Content-Disposition` value for `file_name`, whatever it holds: `attachment;
/// filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded name>`. The name is first
/// reduced to its last path segment, without control or bidirectional-override characters;
/// the fallback transliterates it to ASCII and keeps only characters that need no quoting.
pub fn content_disposition(disposition: Disposition, file_name: &str) -> HeaderValue {
    let kind = match disposition {
        Disposition::Inline => "inline",
        Disposition::Attachment => "attachment",
    };
    let name = clean_name(file_name);
    let value = format!(
        "{kind}; filename=\"{}\"; filename*=UTF-8''{}",
        ascii_fallback(&name),
        rfc5987(&name)
    );
    // Only visible ASCII was written above.
    HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static("attachment"))
}

/// The last path segment of `name`, without the characters no file name should carry
/// (controls, bidirectional overrides, the separators of any system); "fichier" when nothing
/// is left.
fn clean_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = last
        .chars()
        .filter(|c| {
            !c.is_control() && !is_direction_mark(*c) && !matches!(c, '\u{FFFE}' | '\u{FFFF}')
        })
        .collect();
    let trimmed = cleaned.trim().trim_start_matches('.').trim();
    if trimmed.is_empty() {
        "fichier".to_string()
    } else {
        trimmed.to_string()
    }
}

/// The invisible marks that change the direction text is shown in: with one, "gpj.exe"
/// reads "exe.jpg".
fn is_direction_mark(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `name` in ASCII that needs no escaping inside quotes: transliterated, anything else `_`,
/// shortened to [`FALLBACK_MAX_CHARS`] keeping the extension.
fn ascii_fallback(name: &str) -> String {
    let ascii: String = deunicode::deunicode(name)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric()
                || matches!(c, ' ' | '.' | '-' | '_' | '(' | ')' | '+' | ',')
            {
                c
            } else {
                '_'
            }
        })
        .collect();
    let ascii = ascii.trim().trim_start_matches('.').to_string();
    if ascii.is_empty() {
        return "fichier".to_string();
    }
    if ascii.len() <= FALLBACK_MAX_CHARS {
        return ascii;
    }
    match ascii.rsplit_once('.') {
        Some((stem, extension)) if extension.len() <= 10 => {
            format!(
                "{}.{extension}",
                &stem[..FALLBACK_MAX_CHARS - 1 - extension.len()]
            )
        }
        _ => ascii[..FALLBACK_MAX_CHARS].to_string(),
    }
}

/// `name` as RFC 5987's `value-chars`: its UTF-8 bytes, each outside `attr-char` as `%XX`.
fn rfc5987(name: &str) -> String {
    let mut out = String::with_capacity(name.len() * 3);
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric()
            || matches!(
                byte,
                b'!' | b'#' | b'$' | b'&' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~'
            )
        {
            out.push(byte as char);
        } else {
            // Writing into a String cannot fail.
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(name: &str) -> String {
        content_disposition(Disposition::Attachment, name)
            .to_str()
            .expect("ASCII")
            .to_string()
    }

    #[test]
    fn a_plain_name_is_kept() {
        assert_eq!(
            header("rapport-2026.pdf"),
            "attachment; filename=\"rapport-2026.pdf\"; filename*=UTF-8''rapport-2026.pdf"
        );
        assert!(content_disposition(Disposition::Inline, "cv.pdf")
            .to_str()
            .expect("ASCII")
            .starts_with("inline; filename=\"cv.pdf\""));
    }

    #[test]
    fn any_name_gives_a_safe_header() {
        assert_eq!(
            header("Compte rendu été «final».pdf"),
            "attachment; filename=\"Compte rendu ete __final__.pdf\"; \
             filename*=UTF-8''Compte%20rendu%20%C3%A9t%C3%A9%20%C2%ABfinal%C2%BB.pdf"
        );
        // Quotes, semicolons, backslashes and line breaks cannot end the value or add a header.
        let hostile = header("a\"; filename=evil.exe\r\nSet-Cookie: x=1;.pdf");
        assert!(
            !hostile.contains('\r') && !hostile.contains('\n'),
            "{hostile}"
        );
        let fallback = hostile
            .split("filename=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("fallback");
        assert!(
            !fallback.contains(';') && !fallback.contains('\\'),
            "{hostile}"
        );
        assert_eq!(hostile.matches("filename=").count(), 1, "{hostile}");
        // Paths are reduced to their last segment, dot files lose their dots.
        assert!(header("../../etc/passwd").contains("filename=\"passwd\""));
        assert!(header("C:\\Users\\a\\cv.pdf").contains("filename=\"cv.pdf\""));
        assert!(header(".htaccess").contains("filename=\"htaccess\""));
        // Direction overrides (a "gpj.exe" shown as "exe.jpg") are dropped.
        assert!(header("photo\u{202e}gpj.exe").contains("UTF-8''photogpj.exe"));
        // Nothing left: a neutral name.
        assert!(header("\u{0}\u{1}/").contains("filename=\"fichier\""));
        assert!(header("日本語").contains("filename*=UTF-8''%E6%97%A5%E6%9C%AC%E8%AA%9E"));
    }

    #[test]
    fn a_long_name_keeps_its_extension_in_the_fallback() {
        let value = header(&format!("{}.docx", "é".repeat(300)));
        let fallback = value
            .split("filename=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("fallback");
        assert_eq!(fallback.len(), FALLBACK_MAX_CHARS);
        assert_eq!(&fallback[fallback.len() - 5..], ".docx", "{fallback}");
    }
}
