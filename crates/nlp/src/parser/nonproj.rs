//! Tree post-processing (SPEC §7): subtree edges and sentence starts as spaCy's
//! `set_children_from_heads` computes them, and the undoing of pseudo-projective label
//! decoration (`x||y`: "my real head is the nearest `y` below my current head").

/// spaCy gives up adjusting edges after this many passes (it needs more than one only for
/// non-projective trees).
const MAX_EDGE_PASSES: usize = 12;

/// A dependency label as the parser predicts it: `label`, and for a decorated label `label||head`
/// the label of the token the arc really belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dep {
    pub label: u16,
    pub head_label: Option<u16>,
}

/// The leftmost and rightmost token of each token's subtree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edges {
    pub left: Vec<usize>,
    pub right: Vec<usize>,
}

/// Subtree edges for `heads` (a root is its own head), by spaCy's repeated propagation passes:
/// a pass runs forward then backward over the tokens, and passes repeat until every head lies
/// in its sentence (or the pass limit is reached).
pub fn edges(heads: &[usize]) -> Edges {
    let n = heads.len();
    let mut e = Edges {
        left: (0..n).collect(),
        right: (0..n).collect(),
    };
    let mut starts = vec![false; n];
    for _ in 0..MAX_EDGE_PASSES {
        propagate(heads, &mut e);
        if heads_within_sentences(heads, &e, &mut starts) {
            break;
        }
    }
    e
}

fn propagate(heads: &[usize], e: &mut Edges) {
    for (i, &h) in heads.iter().enumerate() {
        widen(i, h, e);
    }
    for (i, &h) in heads.iter().enumerate().rev() {
        widen(i, h, e);
    }
}

fn widen(child: usize, head: usize, e: &mut Edges) {
    e.left[head] = e.left[head].min(e.left[child]);
    e.right[head] = e.right[head].max(e.right[child]);
}

/// spaCy's convergence test: cut the document at the left edges of the roots and check that each
/// piece's tokens have their heads inside it. (As in spaCy, a piece runs from one cut up to and
/// including the next one, and the last token is never checked.)
fn heads_within_sentences(heads: &[usize], e: &Edges, starts: &mut [bool]) -> bool {
    let n = heads.len();
    starts.fill(false);
    for (r, &h) in heads.iter().enumerate() {
        if h == r {
            starts[e.left[r]] = true;
        }
    }
    let mut begin = 0;
    for i in 0..n {
        if (i > 0 && starts[i]) || i + 1 == n {
            if heads[begin..i].iter().any(|&h| h < begin || h > i) {
                return false;
            }
            begin = i;
        }
    }
    true
}

/// Sentence starts: the left edge of every root's subtree, and token 0.
pub fn sentence_starts(heads: &[usize], e: &Edges) -> Vec<bool> {
    let mut starts = vec![false; heads.len()];
    for (r, &h) in heads.iter().enumerate() {
        if h == r {
            starts[e.left[r]] = true;
        }
    }
    if let Some(first) = starts.first_mut() {
        *first = true;
    }
    starts
}

/// Move every token with a decorated label `x||y` to the first token labelled `y` found
/// breadth-first below its current head (children left to right, skipping whitespace tokens and
/// the token itself), and relabel it `x`. As in spaCy, the children of a token are read through
/// the subtree edges computed *before* any change, while heads and labels are read as they stand.
pub fn deprojectivize(heads: &mut [usize], deps: &mut [Dep], is_space: &[bool]) {
    if deps.iter().all(|d| d.head_label.is_none()) {
        return;
    }
    let e = edges(heads);
    let mut search = Search::new(heads.len());
    for i in 0..heads.len() {
        let Some(head_label) = deps[i].head_label else {
            continue;
        };
        if let Some(h) = search.find(i, head_label, heads, deps, is_space, &e) {
            heads[i] = h;
        }
        deps[i].head_label = None;
    }
}

/// Breadth-first search state, reused for every decorated token.
struct Search {
    queue: Vec<usize>,
    next: Vec<usize>,
    /// The token whose search last saw each token: a head cycle made by earlier re-attachments
    /// would otherwise keep the search going forever (spaCy would hang; this stops).
    seen_by: Vec<usize>,
}

impl Search {
    fn new(n: usize) -> Self {
        Search {
            queue: Vec::new(),
            next: Vec::new(),
            seen_by: vec![usize::MAX; n],
        }
    }

    fn find(
        &mut self,
        token: usize,
        head_label: u16,
        heads: &[usize],
        deps: &[Dep],
        is_space: &[bool],
        e: &Edges,
    ) -> Option<usize> {
        self.queue.clear();
        self.queue.push(heads[token]);
        self.seen_by[heads[token]] = token;
        while !self.queue.is_empty() {
            self.next.clear();
            for &q in &self.queue {
                let lefts = e.left[q]..q;
                let rights = q + 1..=e.right[q];
                for c in lefts.chain(rights) {
                    if heads[c] != q || is_space[c] || c == token || self.seen_by[c] == token {
                        continue;
                    }
                    if deps[c].head_label.is_none() && deps[c].label == head_label {
                        return Some(c);
                    }
                    self.seen_by[c] = token;
                    self.next.push(c);
                }
            }
            std::mem::swap(&mut self.queue, &mut self.next);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(label: u16) -> Dep {
        Dep {
            label,
            head_label: None,
        }
    }

    #[test]
    fn edges_of_a_projective_tree() {
        // 0 ← 1 (root) → 3, 2 ← 3
        let heads = [1, 1, 3, 1];
        let e = edges(&heads);
        assert_eq!(e.left, vec![0, 0, 2, 2]);
        assert_eq!(e.right, vec![0, 3, 2, 3]);
        assert_eq!(sentence_starts(&heads, &e), vec![true, false, false, false]);
    }

    #[test]
    fn two_roots_make_two_sentences() {
        // sentence 0..2 rooted at 1, sentence 3..5 rooted at 4
        let heads = [1, 1, 1, 4, 4, 4];
        let e = edges(&heads);
        assert_eq!(
            sentence_starts(&heads, &e),
            vec![true, false, false, true, false, false]
        );
    }

    #[test]
    fn a_sentence_starts_at_the_left_edge_of_its_root() {
        // sentence 0..1 rooted at 0; root 4 with left children 2 and 3
        let heads = [0, 0, 4, 4, 4];
        let e = edges(&heads);
        assert_eq!(e.left[4], 2);
        assert_eq!(
            sentence_starts(&heads, &e),
            vec![true, false, true, false, false]
        );
    }

    #[test]
    fn empty_and_single_token_documents() {
        let e = edges(&[]);
        assert!(e.left.is_empty());
        assert!(sentence_starts(&[], &e).is_empty());
        let e = edges(&[0]);
        assert_eq!(sentence_starts(&[0], &e), vec![true]);
    }

    #[test]
    fn edges_cross_arcs_in_both_directions() {
        // a non-projective chain 3 → 1 → 4 → 0 → 2 (root 3): the backward half of the pass
        // carries 1's left edge up to the root
        let heads = [4, 3, 0, 3, 1];
        let e = edges(&heads);
        // every token lies under root 3, so its subtree spans the document
        assert_eq!((e.left[3], e.right[3]), (0, 4));
        assert_eq!(
            sentence_starts(&heads, &e),
            vec![true, false, false, false, false]
        );
    }

    #[test]
    fn decorated_label_moves_to_the_nearest_matching_token() {
        // labels: 0 root, 1 nsubj, 2 dobj, 3 prep, 4 pobj
        // tokens: 0 "saw"(root) 1 "man"(dobj of 0) 2 "with"(prep of 1) 3 "it"(pobj||prep of 0)
        let (root, dobj, prep, pobj) = (0, 2, 3, 4);
        let mut heads = vec![0, 0, 1, 0];
        let mut deps = vec![
            plain(root),
            plain(dobj),
            plain(prep),
            Dep {
                label: pobj,
                head_label: Some(prep),
            },
        ];
        deprojectivize(&mut heads, &mut deps, &[false; 4]);
        assert_eq!(heads, vec![0, 0, 1, 2]);
        assert_eq!(deps[3], plain(pobj));
    }

    #[test]
    fn decorated_label_without_a_match_keeps_its_head_and_loses_the_decoration() {
        let mut heads = vec![0, 0, 0];
        let mut deps = vec![
            plain(0),
            plain(1),
            Dep {
                label: 2,
                head_label: Some(9),
            },
        ];
        deprojectivize(&mut heads, &mut deps, &[false; 3]);
        assert_eq!(heads, vec![0, 0, 0]);
        assert_eq!(deps[2], plain(2));
    }

    #[test]
    fn search_is_breadth_first_and_skips_whitespace_and_decorated_tokens() {
        // root 0 with children 1 (ws, label 5), 2 (label 6), 4 (label 7 || 5 — still decorated
        // when token 3 is handled); 3 is a child of 2 labelled 5; token 5 carries 8||5.
        let mut heads = vec![0, 0, 0, 2, 0, 0];
        let mut deps = vec![
            plain(0),
            plain(5),
            plain(6),
            plain(5),
            Dep {
                label: 7,
                head_label: Some(5),
            },
            Dep {
                label: 8,
                head_label: Some(5),
            },
        ];
        let is_space = [false, true, false, false, false, false];
        deprojectivize(&mut heads, &mut deps, &is_space);
        // token 4: level 1 = 1 (space, skipped), 2 (6), 5 (8||5, not 5): level 2 = 3 (5) → head 3
        assert_eq!(heads[4], 3);
        // token 5: same search; 4 is now under 3 (live heads), found 3 first at level 2
        assert_eq!(heads[5], 3);
        assert_eq!(deps[4], plain(7));
        assert_eq!(deps[5], plain(8));
    }

    #[test]
    fn children_are_read_through_stale_edges() {
        // root 0 → 1 → 2; token 3 (head 0, decorated m||l) moves under 2; then token 4 (head 1,
        // decorated 12||m) searches below 1: its child 2, then 2's children through 2's edges
        // from before the loop, [2, 2], which do not reach 3: 4 keeps its head.
        let (l, m) = (10, 11);
        let mut heads = vec![0, 0, 1, 0, 1];
        let mut deps = vec![
            plain(0),
            plain(1),
            plain(l),
            Dep {
                label: m,
                head_label: Some(l),
            },
            Dep {
                label: 12,
                head_label: Some(m),
            },
        ];
        deprojectivize(&mut heads, &mut deps, &[false; 5]);
        assert_eq!(heads[3], 2, "3 finds the token labelled L below its head");
        assert_eq!(
            heads[4], 1,
            "3 is invisible below 2: 2's edges were computed before"
        );
        assert_eq!(deps[4], plain(12));
    }

    #[test]
    fn a_head_cycle_cannot_trap_the_search() {
        // tokens 1 and 2 head each other (as an earlier re-attachment could leave them)
        let mut heads = vec![0, 2, 1, 1];
        let mut deps = vec![
            plain(0),
            plain(1),
            plain(1),
            Dep {
                label: 3,
                head_label: Some(9),
            },
        ];
        deprojectivize(&mut heads, &mut deps, &[false; 4]);
        assert_eq!(heads[3], 1);
    }
}
