//! Files pasted or dropped into the wiki's editor become documents of the space (the upload
//! route of its documents, `espaces::pages::post_files`) and a link in the text where the
//! caret is: an image shows in the page, any other file is a link to download it. These are
//! the names they are stored under and the Markdown put in the text.

use crate::espaces::documents_types::{previewable, UploadedFile};

/// The name a pasted or dropped file is stored under: its own name (`image` when it has none,
/// as a pasted screenshot), with `stamp` (when it was pasted, e.g. "2026-12-01 172005") and,
/// after the first file of one paste, its place in it — so that a second screenshot, also
/// called "image.png" by the browser, becomes a document of its own rather than a new
/// version of the first, which would change the picture in every page showing it.
pub fn stored_name(original: &str, content_type: &str, stamp: &str, index: u32) -> String {
    let original = original.trim();
    let (stem, extension) = match original.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.is_empty() && ext.len() <= 8 => {
            (stem.to_string(), ext.to_string())
        }
        _ => {
            let stem = if original.is_empty() { "image" } else { original };
            let ext = content_type
                .strip_prefix("image/")
                .map(|sub| sub.split(['+', ';']).next().unwrap_or(sub))
                .filter(|sub| !sub.is_empty())
                .unwrap_or("bin");
            (stem.to_string(), ext.to_string())
        }
    };
    let stem: String = stem.chars().take(80).collect();
    let place = if index == 0 { String::new() } else { format!("-{}", index + 1) };
    format!("{stem} {stamp}{place}.{extension}")
}

/// The Markdown for a stored file, on a line of its own: `![name](address)` for an image the
/// browser shows (`documents_types::previewable`), `[name](address)` for anything else. Brackets in the name are left
/// out, so they cannot end the link's text early.
pub fn markdown(file: &UploadedFile) -> String {
    let label: String = file
        .name
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | '\n' | '\r'))
        .collect();
    if file.content_type.starts_with("image/") && previewable(&file.content_type) {
        format!("\n![{label}]({}?affichage=inline)\n", file.url)
    } else {
        format!("\n[{label}]({})\n", file.url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_file_gets_a_name_of_its_own() {
        let stamp = "2026-12-01 172005";
        assert_eq!(stored_name("image.png", "image/png", stamp, 0), "image 2026-12-01 172005.png");
        assert_eq!(stored_name("image.png", "image/png", stamp, 1), "image 2026-12-01 172005-2.png");
        assert_eq!(stored_name("", "image/svg+xml", stamp, 0), "image 2026-12-01 172005.svg");
        assert_eq!(stored_name("plan", "application/pdf", stamp, 0), "plan 2026-12-01 172005.bin");
        assert_eq!(stored_name(".hidden", "image/jpeg", stamp, 0), ".hidden 2026-12-01 172005.jpeg");
    }

    #[test]
    fn images_show_and_other_files_are_links() {
        let file = |name: &str, content_type: &str| UploadedFile {
            document: 7,
            name: name.into(),
            content_type: content_type.into(),
            url: "/espaces/3/documents/7/versions/9/fichier".into(),
        };
        assert_eq!(
            markdown(&file("vue [quai].png", "image/png")),
            "\n![vue quai.png](/espaces/3/documents/7/versions/9/fichier?affichage=inline)\n"
        );
        assert_eq!(
            markdown(&file("scan.tiff", "image/tiff")),
            "\n[scan.tiff](/espaces/3/documents/7/versions/9/fichier)\n",
            "an image the browser is not sent inline is a link"
        );
        assert_eq!(
            markdown(&file("plan.pdf", "application/pdf")),
            "\n[plan.pdf](/espaces/3/documents/7/versions/9/fichier)\n"
        );
    }
}
