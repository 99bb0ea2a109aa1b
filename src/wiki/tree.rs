//! The page tree of a space's wiki, built from its pages as one flat list in sibling order
//! (`WikiIndex::pages`: by position, then title), each naming its parent: nested for the
//! wiki's list, a page's ancestors and children for its reading page, and the places a page
//! may move to. A page whose parent is not in the list (its parent is in the bin) sits at the
//! top, so no page is ever out of reach.

use super::types::{PageLink, Place, Standing, WikiPageRow};
use std::collections::{HashMap, HashSet};

/// A page and the pages under it, in sibling order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Branch {
    pub page: WikiPageRow,
    pub children: Vec<Branch>,
}

/// The parent `page` hangs under in the tree: its own parent when that page is listed (and is
/// not itself), else none (the top).
fn shown_parent(page: &WikiPageRow, listed: &HashSet<i64>) -> Option<i64> {
    page.parent_id
        .filter(|parent| *parent != page.id && listed.contains(parent))
}

/// The tree of `pages` (in sibling order). Pages caught in a loop of parents (which the
/// server's moves refuse, but which stored data could still hold) come last at the top.
pub fn tree(pages: Vec<WikiPageRow>) -> Vec<Branch> {
    let listed: HashSet<i64> = pages.iter().map(|p| p.id).collect();
    let mut under: HashMap<Option<i64>, Vec<WikiPageRow>> = HashMap::new();
    for page in pages {
        under.entry(shown_parent(&page, &listed)).or_default().push(page);
    }
    let mut placed = HashSet::new();
    let mut roots = grow(None, &mut under, &mut placed);
    let mut stranded: Vec<WikiPageRow> = under.into_values().flatten().collect();
    stranded.sort_by_key(|p| p.id);
    roots.extend(stranded.into_iter().map(|page| Branch {
        page,
        children: Vec::new(),
    }));
    roots
}

fn grow(
    parent: Option<i64>,
    under: &mut HashMap<Option<i64>, Vec<WikiPageRow>>,
    placed: &mut HashSet<i64>,
) -> Vec<Branch> {
    let Some(pages) = under.remove(&parent) else {
        return Vec::new();
    };
    let mut branches = Vec::new();
    for page in pages {
        if placed.insert(page.id) {
            let children = grow(Some(page.id), under, placed);
            branches.push(Branch { page, children });
        }
    }
    branches
}

/// `branches` in reading order with their depths.
fn flatten(branches: &[Branch], depth: usize, into: &mut Vec<Place>) {
    for branch in branches {
        into.push(Place {
            id: branch.page.id,
            title: branch.page.title.clone(),
            depth,
        });
        flatten(&branch.children, depth + 1, into);
    }
}

/// Page `page`'s standing in the tree of `pages` (in sibling order); the default when it is
/// not among them.
pub fn standing(pages: Vec<WikiPageRow>, page: i64) -> Standing {
    let branches = tree(pages);
    let mut order = Vec::new();
    flatten(&branches, 0, &mut order);
    let Some(path) = path_to(&branches, page) else {
        return Standing::default();
    };
    let link = |b: &Branch| PageLink {
        id: b.page.id,
        title: b.page.title.clone(),
    };
    let (own, ancestors) = path.split_last().expect("a path holds the page");
    let siblings: &[Branch] = match ancestors.last() {
        Some(parent) => &parent.children,
        None => &branches,
    };
    let index = siblings
        .iter()
        .position(|b| b.page.id == page)
        .unwrap_or_default();
    let mut inside = Vec::new();
    flatten(std::slice::from_ref(*own), 0, &mut inside);
    let inside: HashSet<i64> = inside.into_iter().map(|p| p.id).collect();
    Standing {
        ancestors: ancestors.iter().map(|b| link(b)).collect(),
        children: own.children.iter().map(link).collect(),
        parent: ancestors.last().map(|b| b.page.id),
        places: order.into_iter().filter(|p| !inside.contains(&p.id)).collect(),
        has_previous: index > 0,
        has_next: index + 1 < siblings.len(),
    }
}

/// The branches from the top down to page `page`'s own, if it is in `branches`.
fn path_to(branches: &[Branch], page: i64) -> Option<Vec<&Branch>> {
    for branch in branches {
        if branch.page.id == page {
            return Some(vec![branch]);
        }
        if let Some(mut below) = path_to(&branch.children, page) {
            below.insert(0, branch);
            return Some(below);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::time::HumanTime;

    fn row(id: i64, parent: Option<i64>) -> WikiPageRow {
        WikiPageRow {
            id,
            title: format!("P{id}"),
            parent_id: parent,
            updated: HumanTime::default(),
        }
    }

    fn shape(branches: &[Branch]) -> String {
        branches
            .iter()
            .map(|b| {
                if b.children.is_empty() {
                    b.page.id.to_string()
                } else {
                    format!("{}({})", b.page.id, shape(&b.children))
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn pages_nest_under_their_parents_in_sibling_order() {
        let pages = vec![
            row(1, None),
            row(4, Some(1)),
            row(2, None),
            row(3, Some(1)),
            row(5, Some(3)),
        ];
        assert_eq!(shape(&tree(pages)), "1(4 3(5)) 2");
    }

    #[test]
    fn an_unlisted_parent_or_a_loop_leaves_no_page_out() {
        // 9 is in the bin: 6 sits at the top; 7 and 8 are each other's parent.
        let pages = vec![row(6, Some(9)), row(7, Some(8)), row(8, Some(7)), row(10, Some(10))];
        assert_eq!(shape(&tree(pages)), "6 10 7 8");
    }

    #[test]
    fn a_page_may_move_anywhere_but_under_itself() {
        let pages = vec![
            row(1, None),
            row(2, Some(1)),
            row(3, Some(2)),
            row(4, Some(1)),
            row(5, None),
        ];
        let standing = standing(pages, 2);
        let ids = |links: &[PageLink]| links.iter().map(|l| l.id).collect::<Vec<_>>();
        assert_eq!(ids(&standing.ancestors), vec![1]);
        assert_eq!(ids(&standing.children), vec![3]);
        assert_eq!(standing.parent, Some(1));
        assert_eq!(
            standing
                .places
                .iter()
                .map(|p| (p.id, p.depth))
                .collect::<Vec<_>>(),
            vec![(1, 0), (4, 1), (5, 0)]
        );
        assert!(!standing.has_previous);
        assert!(standing.has_next);
    }
}
