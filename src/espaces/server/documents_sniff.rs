//! The type of an uploaded document, from its first bytes ([`SNIFF_BYTES`]), never from its
//! name: PDF, the images fiches take (`innovation::server::images::image_type`), office
//! documents (OOXML and `OpenDocument` inside their ZIP, the older OLE ones), archives, plain
//! text (UTF-8 without NUL). Anything else is `application/octet-stream`, always saved, never
//! shown; text is served as `text/plain` (a page or a script uploaded as a document never
//! runs in the site's origin).

/// How many first bytes the type is read from.
pub const SNIFF_BYTES: usize = 8192;

/// The type of a file whose first bytes are `head` (at most [`SNIFF_BYTES`] of them).
pub fn sniff(head: &[u8]) -> &'static str {
    if head.starts_with(b"%PDF-") {
        return "application/pdf";
    }
    if let Some((content_type, _)) = crate::innovation::server::images::image_type(head) {
        return content_type;
    }
    if head.starts_with(b"PK\x03\x04") {
        return zip_type(head);
    }
    if head.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        // Word 97, Excel 97, PowerPoint 97 and Outlook share the OLE container.
        return "application/x-ole-storage";
    }
    if head.starts_with(b"\x1F\x8B") {
        return "application/gzip";
    }
    if head.starts_with(b"7z\xBC\xAF\x27\x1C") {
        return "application/x-7z-compressed";
    }
    if head.starts_with(b"Rar!\x1A\x07") {
        return "application/vnd.rar";
    }
    if is_text(head) {
        return "text/plain; charset=utf-8";
    }
    "application/octet-stream"
}

/// A ZIP's kind, by the names of its first entries: `OpenDocument` names its type in its
/// first entry (`mimetype`), OOXML has `word/`, `xl/` or `ppt/` parts.
fn zip_type(head: &[u8]) -> &'static str {
    let contains = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if contains(b"mimetypeapplication/vnd.oasis.opendocument.text") {
        "application/vnd.oasis.opendocument.text"
    } else if contains(b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet") {
        "application/vnd.oasis.opendocument.spreadsheet"
    } else if contains(b"mimetypeapplication/vnd.oasis.opendocument.presentation") {
        "application/vnd.oasis.opendocument.presentation"
    } else if contains(b"word/") {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    } else if contains(b"xl/") {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    } else if contains(b"ppt/") {
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    } else {
        "application/zip"
    }
}

/// UTF-8 text without NUL nor other control characters than tab, line feed, carriage return
/// and form feed (a multi-byte character cut by the end of `head` is allowed).
fn is_text(head: &[u8]) -> bool {
    if head.is_empty() {
        return false;
    }
    let text = match std::str::from_utf8(head) {
        Ok(text) => text,
        Err(error) if error.error_len().is_none() && head.len() >= SNIFF_BYTES - 4 => {
            // Cut in the middle of a character at the end of what was read.
            match std::str::from_utf8(&head[..error.valid_up_to()]) {
                Ok(text) => text,
                Err(_) => return false,
            }
        }
        Err(_) => return false,
    };
    text.chars()
        .all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
}

#[cfg(test)]
mod tests {
    use super::sniff;

    #[test]
    fn types_come_from_the_content() {
        assert_eq!(sniff(b"%PDF-1.7\n"), "application/pdf");
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), "image/png");
        assert_eq!(sniff(b"\xff\xd8\xff\xe0"), "image/jpeg");
        assert_eq!(
            sniff(b"PK\x03\x04....[Content_Types].xml....word/document.xml"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        );
        assert_eq!(
            sniff(b"PK\x03\x04....mimetypeapplication/vnd.oasis.opendocument.text"),
            "application/vnd.oasis.opendocument.text"
        );
        assert_eq!(sniff(b"PK\x03\x04 other"), "application/zip");
        assert_eq!(
            sniff("Compte rendu, été\n".as_bytes()),
            "text/plain; charset=utf-8"
        );
        assert_eq!(
            sniff(b"<html><script>alert(1)</script>"),
            "text/plain; charset=utf-8"
        );
        assert_eq!(sniff(b"MZ\x90\x00\x03"), "application/octet-stream");
        assert_eq!(sniff(b""), "application/octet-stream");
    }
}
