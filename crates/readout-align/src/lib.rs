//! Sentences, lexicon, alignment, omissions and version linking for Chinese reports and
//! their English versions. Pure functions of their inputs: nothing here reads files
//! (except the evaluation helpers in [`eval`]) or knows about storage.
//!
//! - [`sentence`]: [`split_zh`] / [`split_en`] return sentences with byte spans.
//! - [`lexicon`]: the CC-CEDICT-derived bilingual lexicon ([`Lexicon::bundled`], CC BY-SA
//!   4.0, see `data/README.md`) with a curated political supplement, greedy longest-match
//!   segmentation, traditional headwords and pinyin.
//! - [`align`]: the sentence aligner ([`Aligner`], [`align()`]): banded dynamic
//!   programming over 1-1 … 1-4/4-1 beads scored by dictionary, numbers, names and length.
//! - [`memory`]: the formulation memory passed to the aligner.
//! - [`omission`]: what a translation leaves out, and its coverage ([`Aligner::analyze`]).
//! - [`rendering`]: the English rendering of a phrase inside an aligned pair
//!   ([`find_rendering`]), from which the formulation memory is learned.
//! - [`link`]: which documents are copies, excerpts or translations of one another.
//! - [`eval`]: strict scoring against aligner-eval gold files, and the abridged variant.
//!
//! ```
//! use readout_align::{split_en, split_zh, Aligner};
//! let zh = "会议指出，要加快建设全国统一大市场。会议还研究了其他事项。";
//! let en = "The meeting noted the need to build a unified national market. Other matters were also discussed at the meeting.";
//! let zh: Vec<&str> = split_zh(zh).into_iter().map(|s| s.text).collect();
//! let en: Vec<&str> = split_en(en).into_iter().map(|s| s.text).collect();
//! let analysis = Aligner::default().analyze(&zh, &en);
//! assert_eq!(analysis.alignment.beads.len(), 2);
//! assert_eq!(analysis.coverage, 1.0);
//! ```
pub mod align;
mod band;
pub mod compare;
pub mod english;
pub mod eval;
mod features;
mod learn;
pub mod lexicon;
pub mod link;
pub mod memory;
pub mod numbers;
pub mod omission;
pub mod rendering;
pub mod sentence;

pub use align::{align, Aligner, Alignment, Bead, Params};
pub use eval::{eval, Scores};
pub use lexicon::Lexicon;
pub use link::{
    best_translation, link, same_text, signature, Lang, LinkDoc, LinkParams, Links, Signature,
    Translation,
};
pub use memory::FormulationMemory;
pub use omission::{Analysis, Omissions, OmittedPhrase};
pub use rendering::{find_rendering, Rendering};
pub use sentence::{split_en, split_zh, Sentence};
