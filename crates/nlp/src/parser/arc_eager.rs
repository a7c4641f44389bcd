//! spaCy's arc-eager transition system (SPEC §7): a stack, a buffer with a "rebuffer" of tokens
//! put back by a reduce on a headless token, left arcs that may re-attach a token, and a Break
//! move that starts a sentence.

/// The kind of a move; its label (for arcs) lives beside it in [`Move`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Shift,
    Reduce,
    Left,
    Right,
    Break,
}

impl Action {
    /// The action of a move name's first part (`S`, `D`, `L`, `R`, `B`).
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "S" => Some(Action::Shift),
            "D" => Some(Action::Reduce),
            "L" => Some(Action::Left),
            "R" => Some(Action::Right),
            "B" => Some(Action::Break),
            _ => None,
        }
    }
}

/// One move of the model: an action and, for arcs, the index of its (possibly decorated) label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Move {
    pub action: Action,
    pub label: u16,
}

/// Which actions the current state allows; validity depends on the action only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Allowed {
    pub shift: bool,
    pub reduce: bool,
    pub arc: bool,
    pub brk: bool,
}

impl Allowed {
    pub fn allows(&self, action: Action) -> bool {
        match action {
            Action::Shift => self.shift,
            Action::Reduce => self.reduce,
            Action::Left | Action::Right => self.arc,
            Action::Break => self.brk,
        }
    }
}

/// A parse in progress over `n` tokens.
#[derive(Debug)]
pub struct State {
    n: usize,
    stack: Vec<usize>,
    /// Tokens put back in front of the buffer, the front last.
    rebuffer: Vec<usize>,
    /// Next token not yet read from the buffer.
    next: usize,
    head: Vec<Option<usize>>,
    label: Vec<u16>,
    /// Most recently attached left / right child of each head, and for each child the one
    /// attached to the same head on the same side before it (the rest of spaCy's arc list).
    last_left: Vec<Option<usize>>,
    last_right: Vec<Option<usize>>,
    earlier: Vec<Option<usize>>,
    unshiftable: Vec<bool>,
    /// Sentence starts set by Break.
    breaks: Vec<bool>,
}

impl State {
    pub fn new(n: usize) -> Self {
        State {
            n,
            stack: Vec::with_capacity(n),
            rebuffer: Vec::with_capacity(n),
            next: 0,
            head: vec![None; n],
            label: vec![0; n],
            last_left: vec![None; n],
            last_right: vec![None; n],
            earlier: vec![None; n],
            unshiftable: vec![false; n],
            breaks: vec![false; n],
        }
    }

    /// The `i`-th token of the buffer, rebuffered tokens first.
    pub fn b(&self, i: usize) -> Option<usize> {
        let back = self.rebuffer.len();
        if i < back {
            return Some(self.rebuffer[back - 1 - i]);
        }
        let t = self.next + (i - back);
        (t < self.n).then_some(t)
    }

    /// The `i`-th token from the top of the stack.
    pub fn s(&self, i: usize) -> Option<usize> {
        let depth = self.stack.len();
        (i < depth).then(|| self.stack[depth - 1 - i])
    }

    pub fn buffer_length(&self) -> usize {
        self.n - self.next + self.rebuffer.len()
    }

    pub fn is_final(&self) -> bool {
        self.stack.is_empty() && self.buffer_length() == 0
    }

    /// Token 0 starts a sentence (the tokenizer marks it); Break marks the others.
    fn is_sent_start(&self, w: Option<usize>) -> bool {
        w.is_some_and(|w| w == 0 || self.breaks[w])
    }

    /// Most recently attached left child of `h`.
    fn l1(&self, h: Option<usize>) -> Option<usize> {
        h.and_then(|h| self.last_left[h])
    }

    /// Most recently attached right child of `h`.
    fn r1(&self, h: Option<usize>) -> Option<usize> {
        h.and_then(|h| self.last_right[h])
    }

    /// The eight context tokens the parser's network reads, in model order.
    pub fn context(&self) -> [Option<usize>; 8] {
        let (b0, s0) = (self.b(0), self.s(0));
        [
            b0,
            self.b(1),
            s0,
            self.s(1),
            self.s(2),
            self.l1(b0),
            self.l1(s0),
            self.r1(s0),
        ]
    }

    pub fn allowed(&self) -> Allowed {
        let stacked = !self.stack.is_empty();
        let buffered = self.buffer_length();
        let (b0, b1) = (self.b(0), self.b(1));
        let shift = !stacked
            || (buffered >= 2
                && !self.is_sent_start(b0)
                && !b0.is_some_and(|b| self.unshiftable[b]));
        let arc = stacked && buffered >= 1 && !self.is_sent_start(b0);
        let brk = buffered >= 2
            && matches!((b0, b1), (Some(x), Some(y)) if y == x + 1)
            && !self.is_sent_start(b1);
        Allowed {
            shift,
            reduce: stacked,
            arc,
            brk,
        }
    }

    /// Apply a move the state allows (a move it does not allow is ignored where it cannot apply).
    pub fn apply(&mut self, mv: Move) {
        match mv.action {
            Action::Shift => self.push(),
            Action::Reduce => self.reduce(),
            Action::Left => {
                if let (Some(b0), Some(s0)) = (self.b(0), self.stack.pop()) {
                    self.add_arc(b0, s0, mv.label);
                    self.unshiftable[b0] = false;
                }
            }
            Action::Right => {
                if let (Some(s0), Some(b0)) = (self.s(0), self.b(0)) {
                    self.add_arc(s0, b0, mv.label);
                    self.push();
                }
            }
            Action::Break => {
                if let Some(b1) = self.b(1) {
                    self.breaks[b1] = true;
                }
            }
        }
    }

    /// Empty stack and buffer: what spaCy does when no move is valid.
    pub fn force_final(&mut self) {
        self.stack.clear();
        self.rebuffer.clear();
        self.next = self.n;
    }

    /// Each token's head and arc label, `None` for a token that got no arc.
    pub fn arcs(&self) -> impl Iterator<Item = Option<(usize, u16)>> + '_ {
        self.head
            .iter()
            .zip(&self.label)
            .map(|(h, l)| h.map(|h| (h, *l)))
    }

    fn push(&mut self) {
        let b0 = match self.rebuffer.pop() {
            Some(t) => t,
            None if self.next < self.n => {
                self.next += 1;
                self.next - 1
            }
            None => return,
        };
        self.stack.push(b0);
    }

    /// Pop S0; a headless S0 above other tokens goes back to the buffer instead ("unshift") and
    /// may not be shifted again until it gets a left child.
    fn reduce(&mut self) {
        let Some(s0) = self.stack.pop() else { return };
        if self.head[s0].is_none() && !self.stack.is_empty() {
            self.unshiftable[s0] = true;
            self.rebuffer.push(s0);
        }
    }

    /// Attach `child` to `head`, replacing an earlier arc of `child`. spaCy removes the old arc
    /// only when it is the last in its head's list (it always is: the child is still above its
    /// old head on the stack, so that head cannot have taken a later child on that side).
    fn add_arc(&mut self, head: usize, child: usize, label: u16) {
        if let Some(old) = self.head[child] {
            let list = if old > child {
                &mut self.last_left[old]
            } else {
                &mut self.last_right[old]
            };
            if *list == Some(child) {
                *list = self.earlier[child];
            }
        }
        let list = if head > child {
            &mut self.last_left[head]
        } else {
            &mut self.last_right[head]
        };
        self.earlier[child] = *list;
        *list = Some(child);
        self.head[child] = Some(head);
        self.label[child] = label;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mv(action: Action) -> Move {
        Move { action, label: 0 }
    }

    fn arc(action: Action, label: u16) -> Move {
        Move { action, label }
    }

    #[test]
    fn empty_document_is_final() {
        let st = State::new(0);
        assert!(st.is_final());
        assert_eq!(st.context(), [None; 8]);
    }

    #[test]
    fn initial_state_allows_shift_and_break_only() {
        let st = State::new(3);
        let a = st.allowed();
        assert!(a.shift && !a.reduce && !a.arc && a.brk);
        // B0 = token 0 is a sentence start, so even with something on the stack no arc is allowed
        let mut st = State::new(1);
        assert!(st.allowed().shift);
        st.apply(mv(Action::Shift));
        let a = st.allowed();
        assert!(!a.shift && a.reduce && !a.arc && !a.brk);
    }

    #[test]
    fn shift_needs_two_buffer_tokens_once_the_stack_is_not_empty() {
        let mut st = State::new(2);
        st.apply(mv(Action::Shift));
        assert_eq!((st.s(0), st.b(0), st.b(1)), (Some(0), Some(1), None));
        let a = st.allowed();
        assert!(!a.shift && a.arc && a.reduce && !a.brk);
    }

    #[test]
    fn arcs_and_context() {
        let mut st = State::new(4);
        st.apply(mv(Action::Shift)); // stack [0]
        st.apply(arc(Action::Right, 7)); // 0→1, stack [0 1]
        assert_eq!(st.s(0), Some(1));
        assert_eq!(st.r1(Some(0)), Some(1));
        assert_eq!(st.context()[7], None, "R1(S0): S0 = 1 has no right child");
        // left arc 2→1 re-attaches 1 (had head 0); 0 loses its right child
        st.apply(arc(Action::Left, 3));
        assert_eq!(st.s(0), Some(0));
        assert_eq!(st.r1(Some(0)), None);
        assert_eq!(st.l1(Some(2)), Some(1));
        let ctx = st.context();
        assert_eq!(
            ctx,
            [Some(2), Some(3), Some(0), None, None, Some(1), None, None]
        );
        let arcs: Vec<_> = st.arcs().collect();
        assert_eq!(arcs, vec![None, Some((2, 3)), None, None]);
    }

    #[test]
    fn reattachment_restores_the_earlier_right_child() {
        let mut st = State::new(5);
        st.apply(mv(Action::Shift)); // [0]
        st.apply(arc(Action::Right, 1)); // 0→1, [0 1]
        st.apply(mv(Action::Reduce)); // 1 has a head: pop, [0]
        st.apply(arc(Action::Right, 1)); // 0→2, [0 2]
        assert_eq!(st.r1(Some(0)), Some(2));
        st.apply(arc(Action::Left, 2)); // 3→2, [0]
        assert_eq!(
            st.r1(Some(0)),
            Some(1),
            "the earlier right child comes back"
        );
        assert_eq!(st.l1(Some(3)), Some(2));
    }

    #[test]
    fn reduce_on_a_headless_token_unshifts_it() {
        let mut st = State::new(4);
        st.apply(mv(Action::Shift)); // [0]
        st.apply(mv(Action::Shift)); // [0 1]
        st.apply(mv(Action::Reduce)); // 1 headless, stack not empty after pop: unshift
        assert_eq!(st.s(0), Some(0));
        assert_eq!((st.b(0), st.b(1), st.b(2)), (Some(1), Some(2), Some(3)));
        assert_eq!(st.buffer_length(), 3);
        let a = st.allowed();
        assert!(!a.shift, "an unshifted token may not be shifted again");
        assert!(a.arc && a.brk);
        // a right arc pushes it back from the rebuffer
        st.apply(arc(Action::Right, 0));
        assert_eq!(st.s(0), Some(1));
        assert_eq!(st.b(0), Some(2));
        assert!(st.rebuffer.is_empty());
    }

    #[test]
    fn left_arc_clears_the_unshiftable_mark_of_its_head() {
        let mut st = State::new(4);
        st.apply(mv(Action::Shift)); // [0]
        st.apply(mv(Action::Shift)); // [0 1]
        st.apply(mv(Action::Shift)); // [0 1 2]
        st.apply(mv(Action::Reduce)); // unshift 2: [0 1], buffer 2 3
        assert!(!st.allowed().shift);
        st.apply(arc(Action::Left, 0)); // 2→1: [0], B0 = 2 shiftable again
        assert!(st.allowed().shift);
        assert_eq!(st.head[1], Some(2));
    }

    #[test]
    fn reduce_pops_a_headless_token_when_it_is_alone() {
        let mut st = State::new(2);
        st.apply(mv(Action::Shift));
        st.apply(mv(Action::Reduce));
        assert!(st.stack.is_empty());
        assert_eq!(st.b(0), Some(1));
        assert!(st.rebuffer.is_empty());
    }

    #[test]
    fn break_marks_the_second_buffer_token_and_blocks_arcs_into_it() {
        let mut st = State::new(4);
        st.apply(mv(Action::Shift)); // [0], B = 1 2 3
        assert!(st.allowed().brk);
        st.apply(mv(Action::Break)); // 2 starts a sentence
        assert!(st.breaks[2]);
        assert!(!st.allowed().brk, "B1 = 2 is already a sentence start");
        st.apply(arc(Action::Right, 0)); // 0→1, [0 1], B0 = 2
        let a = st.allowed();
        assert!(!a.arc && !a.shift, "no arc or shift into a sentence start");
        assert!(a.reduce && a.brk);
        st.apply(mv(Action::Reduce));
        st.apply(mv(Action::Reduce)); // 0 alone and headless: popped
        assert!(st.stack.is_empty());
        assert!(st.allowed().shift, "an empty stack may always shift");
    }

    #[test]
    fn break_needs_adjacent_buffer_tokens() {
        let mut st = State::new(4);
        st.apply(mv(Action::Shift)); // [0]
        st.apply(mv(Action::Shift)); // [0 1]
        st.apply(mv(Action::Shift)); // [0 1 2]
        st.apply(mv(Action::Reduce)); // unshift 2
        st.apply(mv(Action::Reduce)); // unshift 1: buffer 1 2 3
        assert_eq!((st.b(0), st.b(1)), (Some(1), Some(2)));
        assert!(st.allowed().brk);
        let mut st = State::new(4);
        st.apply(mv(Action::Shift)); // [0]
        st.apply(mv(Action::Shift)); // [0 1]
        st.apply(mv(Action::Shift)); // [0 1 2]
        st.apply(mv(Action::Shift)); // [0 1 2 3]
        st.apply(mv(Action::Reduce)); // unshift 3: buffer 3
        st.apply(mv(Action::Reduce)); // unshift 2: buffer 2 3
        st.apply(arc(Action::Left, 0)); // 2→1, [0], buffer 2 3
        assert_eq!((st.b(0), st.b(1)), (Some(2), Some(3)));
        assert!(st.allowed().brk);
        st.apply(mv(Action::Reduce)); // 0 alone: popped
        st.apply(mv(Action::Shift)); // [2], buffer 3
        assert!(!st.allowed().brk, "one buffer token");
        // a rebuffered token followed by a token that is not its neighbour
        let mut st = State::new(5);
        st.apply(mv(Action::Shift)); // [0]
        st.apply(mv(Action::Shift)); // [0 1]
        st.apply(mv(Action::Shift)); // [0 1 2]
        st.apply(arc(Action::Right, 0)); // 2→3, [0 1 2 3]
        st.apply(mv(Action::Reduce)); // 3 has a head: popped
        st.apply(mv(Action::Reduce)); // 2 headless: unshifted
        assert_eq!((st.b(0), st.b(1)), (Some(2), Some(4)));
        assert!(!st.allowed().brk);
    }

    #[test]
    fn force_final_ends_the_parse() {
        let mut st = State::new(3);
        st.apply(mv(Action::Shift));
        st.apply(mv(Action::Shift));
        st.apply(mv(Action::Reduce));
        st.force_final();
        assert!(st.is_final());
    }
}
