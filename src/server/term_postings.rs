//! Posting lists of search terms, the core of the in-memory search indexes (Stages' offers,
//! Innovation's catalogue): each term interned to a number, each number with the ascending
//! list of slots (documents) holding it.
//!
//! An index gives a document a new slot whenever it changes, always past every slot before it,
//! so a list stays sorted by pushing; the document's old slot stays in the lists, and the index
//! skips empty slots (and rebuilds itself when too many are empty).

use std::collections::HashMap;

#[derive(Debug, Default)]
pub struct TermPostings {
    ids: HashMap<Box<str>, u32>,
    /// Per term number, the slots holding it, ascending.
    lists: Vec<Vec<u32>>,
}

impl TermPostings {
    /// The number of `term`, given one if it has none yet.
    pub fn intern(&mut self, term: &str) -> u32 {
        if let Some(id) = self.ids.get(term) {
            return *id;
        }
        let id = self.lists.len() as u32;
        self.ids.insert(term.into(), id);
        self.lists.push(Vec::new());
        id
    }

    /// The number of `term`, if a document ever held it.
    pub fn get(&self, term: &str) -> Option<u32> {
        self.ids.get(term).copied()
    }

    /// Records that `slot` holds `term`; `slot` must not be below any slot recorded before
    /// (see [`TermPostings::add_unordered`] otherwise). Returns the term's number.
    pub fn add(&mut self, slot: u32, term: &str) -> u32 {
        let id = self.intern(term);
        let list = &mut self.lists[id as usize];
        if list.last() != Some(&slot) {
            list.push(slot);
        }
        id
    }

    /// Records that `slot` holds `term`, in any order of slots: for loading many documents at
    /// once, followed by one [`TermPostings::sort`].
    pub fn add_unordered(&mut self, slot: u32, term: &str) {
        let id = self.intern(term);
        self.lists[id as usize].push(slot);
    }

    /// Puts every list back in ascending order without repeats, after
    /// [`TermPostings::add_unordered`].
    pub fn sort(&mut self) {
        for list in &mut self.lists {
            list.sort_unstable();
            list.dedup();
        }
    }

    /// The slots holding, for every group of term numbers, at least one term of the group
    /// (a group is a word's forms: its French and English stems), ascending; `None` without
    /// groups (every document is a candidate). An empty group matches nothing. Intersects from
    /// the rarest group, so the cost follows the smallest list.
    pub fn matching<G: AsRef<[u32]>>(&self, groups: &[G]) -> Option<Vec<u32>> {
        let mut unions: Vec<std::borrow::Cow<'_, [u32]>> = groups
            .iter()
            .map(|group| match group.as_ref() {
                [one] => std::borrow::Cow::Borrowed(self.lists[*one as usize].as_slice()),
                several => {
                    let mut slots: Vec<u32> = several
                        .iter()
                        .flat_map(|t| self.lists[*t as usize].iter().copied())
                        .collect();
                    slots.sort_unstable();
                    slots.dedup();
                    std::borrow::Cow::Owned(slots)
                }
            })
            .collect();
        unions.sort_by_key(|list| list.len());
        let (first, rest) = unions.split_first()?;
        let mut slots: Vec<u32> = first.to_vec();
        for list in rest {
            slots.retain(|s| list.binary_search(s).is_ok());
        }
        Some(slots)
    }

    /// Roughly how much memory the lists and the term names hold, in bytes.
    pub fn approx_bytes(&self) -> usize {
        let lists: usize = self
            .lists
            .iter()
            .map(|list| list.capacity() * 4 + std::mem::size_of::<Vec<u32>>())
            .sum();
        let names: usize = self
            .ids
            .keys()
            .map(|term| term.len() + std::mem::size_of::<(Box<str>, u32)>())
            .sum();
        lists + names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_unions_and_words_intersect() {
        let mut postings = TermPostings::default();
        for (slot, words) in [
            (0, "velo ville"),
            (1, "bike ville"),
            (2, "ville"),
            (3, "velo"),
        ] {
            for word in words.split(' ') {
                postings.add(slot, word);
            }
        }
        let id = |w: &str| postings.get(w).expect("known");
        let cycling = vec![id("velo"), id("bike")];
        assert_eq!(
            postings.matching(&[cycling.clone(), vec![id("ville")]]),
            Some(vec![0, 1])
        );
        assert_eq!(postings.matching(&[cycling]), Some(vec![0, 1, 3]));
        assert_eq!(postings.matching(&[Vec::<u32>::new()]), Some(vec![]));
        assert_eq!(postings.matching::<Vec<u32>>(&[]), None);
    }

    #[test]
    fn unordered_loading_sorts_once() {
        let mut postings = TermPostings::default();
        for slot in [5, 1, 3, 1] {
            postings.add_unordered(slot, "ville");
        }
        postings.sort();
        let ville = postings.get("ville").expect("known");
        assert_eq!(postings.matching(&[[ville]]), Some(vec![1, 3, 5]));
    }
}
