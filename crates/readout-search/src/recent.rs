//! The normalized view of the text analyzed last, per thread: tantivy runs
//! the `zh` and `bigram` analyzers over the same paragraph one after the
//! other, and the normalizer is the costliest step of both.

use readout_normalize::{normalize, Normalized};
use std::cell::RefCell;
use std::rc::Rc;

/// `normalize(text)`, reusing the last result of this thread when `text`
/// is the same.
pub(crate) fn normalized(text: &str) -> Rc<Normalized> {
    thread_local! {
        static LAST: RefCell<Option<(String, Rc<Normalized>)>> = const { RefCell::new(None) };
    }
    LAST.with(|last| {
        if let Some((t, n)) = last.borrow().as_ref() {
            if t == text {
                return Rc::clone(n);
            }
        }
        let n = Rc::new(normalize(text));
        *last.borrow_mut() = Some((text.to_owned(), Rc::clone(&n)));
        n
    })
}
