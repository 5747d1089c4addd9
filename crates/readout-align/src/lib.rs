//! Sentences, lexicon, alignment and linking of Chinese reports and their English versions.
//!
//! - [`sentence`]: [`split_zh`] / [`split_en`], sentences with byte spans.
//! - [`lexicon`]: the CC-CEDICT-derived bilingual lexicon ([`Lexicon::bundled`]).
//! - [`align`]: the sentence aligner ([`Aligner`], [`align()`]).
//! - [`omission`]: what a translation leaves out.
//! - [`link`]: which documents are versions of one another.
//! - [`eval`]: strict scoring against aligner-eval gold files.
pub mod align;
mod band;
pub mod english;
pub mod eval;
mod features;
mod learn;
pub mod lexicon;
pub mod link;
pub mod memory;
pub mod numbers;
pub mod omission;
pub mod sentence;

pub use align::{align, Aligner, Alignment, Bead, Params};
pub use eval::{eval, Scores};
pub use lexicon::Lexicon;
pub use link::{link, Lang, LinkDoc, Links, Translation};
pub use memory::FormulationMemory;
pub use omission::{Analysis, Omissions, OmittedPhrase};
pub use sentence::{split_en, split_zh, Sentence};
