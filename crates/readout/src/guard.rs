//! Running the reader so that a bug in it costs one file, not the whole ingest.
//!
//! The reader promises never to panic. If it breaks that promise, the panic is caught,
//! its message becomes the file's rejection reason (so the user can report it), and
//! the ingest goes on with the next file. The collection stage is guarded the same way:
//! a panic there costs the derive (reported), not the files already stored.

use readout_text::{Limits, Reading, Rejection};
use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Why the reader produced nothing for a file.
pub enum Failure {
    Rejected(Rejection),
    /// The reader panicked: a bug. The message says where.
    Panicked(String),
}

/// Installs the panic hook that records panics instead of printing them. Call once,
/// before the first [`read`].
pub fn install() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let recorded = LAST_PANIC.with(|slot| {
            let mut slot = slot.borrow_mut();
            // Only inside `read` is the slot armed (Some); other panics print as usual.
            if let Some(message) = slot.as_mut() {
                let text = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "panic".into());
                *message = match info.location() {
                    Some(l) => format!("{text} (at {}:{})", l.file(), l.line()),
                    None => text,
                };
                true
            } else {
                false
            }
        });
        if !recorded {
            default(info);
        }
    }));
}

/// [`readout_text::read`], with a panic turned into [`Failure::Panicked`].
pub fn read(bytes: &[u8], name: Option<&str>, limits: &Limits) -> Result<Reading, Failure> {
    match catching(|| readout_text::read(bytes, name, limits)) {
        Ok(Ok(reading)) => Ok(reading),
        Ok(Err(rejection)) => Err(Failure::Rejected(rejection)),
        Err(message) => Err(Failure::Panicked(message)),
    }
}

/// [`readout_collection::derive_doc`] (the per-document stage), with a panic turned
/// into its message.
pub fn stage(
    input: &readout_collection::InputDoc<'_>,
) -> Result<
    (
        readout_collection::DocDerived,
        Option<readout_align::Signature>,
    ),
    String,
> {
    catching(|| readout_collection::derive_doc(input))
}

/// Runs `f`; a panic in it becomes `Err` with the panic's message and place.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catching(f)
}

/// Runs `f`; a panic in it becomes `Err` with the panic's message and place.
fn catching<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    LAST_PANIC.with(|slot| *slot.borrow_mut() = Some(String::new()));
    let result = catch_unwind(AssertUnwindSafe(f));
    let message = LAST_PANIC
        .with(|slot| slot.borrow_mut().take())
        .unwrap_or_default();
    result.map_err(|_| message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_message_naming_its_place() {
        install();
        let err = catching(|| -> u8 { panic!("index {} out of range", 7) }).unwrap_err();
        assert!(err.starts_with("index 7 out of range (at "), "{err}");
        assert!(err.contains("guard.rs"), "{err}");
        assert_eq!(catching(|| 5), Ok(5));
    }
}
