//! Other editors' cursors and selections drawn in the text: the editor lays a copy of its text
//! over the textarea, the text itself invisible, with each remote selection tinted and each
//! caret a bar in its editor's colour with their name. This cuts the text into those pieces,
//! each colour given as its class ([`color_class`]).

use super::types::{Editing, EDITOR_COLORS};

/// A piece of the overlay, in text order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text nobody else has selected.
    Plain(String),
    /// Text another editor has selected, in their colour (its class: [`color_class`]).
    Selected { text: String, color: String },
    /// Another editor's caret, with their name and colour (its class).
    Caret { name: String, color: String },
}

/// The class giving an editor's colour (`style/main.css` sets `--who` in it): `who-1f6feb`
/// for one of [`EDITOR_COLORS`], `who-other` for anything else (the stylesheet's default).
/// A class, not a `style` attribute: the site's CSP forbids inline styles.
pub fn color_class(color: &str) -> String {
    match EDITOR_COLORS.contains(&color) {
        true => format!("who-{}", color.trim_start_matches('#')),
        false => "who-other".to_string(),
    }
}

/// `text` cut at the other editors' selections and carets (`Editing::anchor`/`head`, UTF-16
/// offsets as the browser counts them, clamped to the text and never inside a surrogate
/// pair). Where selections overlap, the first editor's colour shows.
pub fn pieces(text: &str, others: &[Editing]) -> Vec<Piece> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let clamp = |offset: usize| {
        let mut at = offset.min(units.len());
        while at > 0 && at < units.len() && (0xDC00..=0xDFFF).contains(&units[at]) {
            at -= 1;
        }
        at
    };
    let spans: Vec<(usize, usize, String)> = others
        .iter()
        .map(|o| {
            let (a, h) = (clamp(o.anchor), clamp(o.head));
            (a.min(h), a.max(h), color_class(&o.color))
        })
        .collect();
    let carets: Vec<(usize, &Editing)> = others.iter().map(|o| (clamp(o.head), o)).collect();
    let mut cuts: Vec<usize> = vec![0, units.len()];
    cuts.extend(spans.iter().flat_map(|(s, e, _)| [*s, *e]));
    cuts.extend(carets.iter().map(|(at, _)| *at));
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    for (i, &at) in cuts.iter().enumerate() {
        for (_, editing) in carets.iter().filter(|(c, _)| *c == at) {
            out.push(Piece::Caret {
                name: editing.name.clone(),
                color: color_class(&editing.color),
            });
        }
        let Some(&next) = cuts.get(i + 1) else {
            break;
        };
        if next == at {
            continue;
        }
        let text = String::from_utf16_lossy(&units[at..next]);
        match spans.iter().find(|(s, e, _)| *s <= at && next <= *e && s < e) {
            Some((_, _, color)) => out.push(Piece::Selected {
                text,
                color: color.clone(),
            }),
            None => out.push(Piece::Plain(text)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn editing(name: &str, anchor: usize, head: usize) -> Editing {
        Editing {
            name: name.into(),
            color: "#b3261e".into(),
            line: 1,
            anchor,
            head,
        }
    }

    #[test]
    fn carets_and_selections_cut_the_text_where_they_are() {
        let pieces = pieces("Le quai est long", &[editing("Bob", 3, 7), editing("Ada", 16, 16)]);
        assert_eq!(
            pieces,
            vec![
                Piece::Plain("Le ".into()),
                Piece::Selected { text: "quai".into(), color: "who-b3261e".into() },
                Piece::Caret { name: "Bob".into(), color: "who-b3261e".into() },
                Piece::Plain(" est long".into()),
                Piece::Caret { name: "Ada".into(), color: "who-b3261e".into() },
            ]
        );
    }

    #[test]
    fn offsets_past_the_text_or_inside_a_pair_are_brought_back() {
        // "a😀b": the emoji is two UTF-16 units (1 and 2); 2 falls inside it.
        let pieces = pieces("a😀b", &[editing("Bob", 2, 99)]);
        assert_eq!(pieces[0], Piece::Plain("a".into()));
        assert_eq!(pieces[1], Piece::Selected { text: "😀b".into(), color: "who-b3261e".into() });
        assert!(matches!(&pieces[2], Piece::Caret { name, .. } if name == "Bob"));
    }

    #[test]
    fn each_colour_is_a_class_the_stylesheet_defines() {
        let css = include_str!("../../style/main.css");
        for color in EDITOR_COLORS {
            let rule = format!(".{} {{ --who: {color}; }}", color_class(color));
            assert!(css.contains(&rule), "style/main.css lacks {rule}");
        }
        assert_eq!(color_class("red;background:url(x)"), "who-other");
        assert_eq!(color_class("#123456"), "who-other");
    }
}
