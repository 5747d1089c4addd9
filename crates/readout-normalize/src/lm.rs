//! The mainland language model: what mainland writing is likely to say in
//! a given place, for the choices the Taiwan-vocabulary reversal cannot make
//! from the form alone (讯息 is 消息 after 央视网 but 讯息 itself elsewhere).
//!
//! `data/mainland_lm.bin` (built by `scripts/gen_mainland_lm.py` from the
//! mainland corpora, compiled in) holds two tables:
//!
//! * a character 5-gram model, interpolated Kneser-Ney in backoff form,
//!   pruned to the n-grams the reversal asks for (those that end within a
//!   candidate form or in the four characters after it), with every
//!   unigram: [`Model::log_prob`] of a character after its history;
//! * a context model: for each candidate form of a site with a choice, in
//!   how many of its mainland occurrences each character bigram occurs
//!   within [`Model::window`] characters: [`Model::context_count`].
//!
//! Both are open-addressing tables read in place (no allocation, no work
//! at startup); the layout is described in the generator. Paragraph start
//! and end are the code points [`BOS`] and [`EOS`].

static DATA: &[u8] = include_bytes!("../data/mainland_lm.bin");

/// Code point of a paragraph start in the model's n-grams.
pub(crate) const BOS: u32 = 2;
/// Code point of a paragraph end.
pub(crate) const EOS: u32 = 3;
/// Separates a form from a bigram in a context-model key.
const SEP: u32 = 1;
/// Log-probabilities are stored as -ln p times this.
const SCALE: f32 = 500.0;
const HEADER: usize = 28;

/// The model, read in place from the compiled-in bytes.
pub(crate) struct Model {
    order: usize,
    window: usize,
    gram_slots: usize,
    context_slots: usize,
    unknown: f32,
    grams: &'static [u8],
    contexts: &'static [u8],
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    let mut w = [0u8; 4];
    if let Some(s) = b.get(at..at + 4) {
        w.copy_from_slice(s);
    }
    u32::from_le_bytes(w)
}

/// The count a context entry's byte stands for (`exp(q / 16) - 1`).
fn count_of(q: usize) -> f32 {
    static COUNTS: std::sync::OnceLock<[f32; 256]> = std::sync::OnceLock::new();
    COUNTS.get_or_init(|| std::array::from_fn(|q| (q as f32 / 16.0).exp_m1()))[q & 0xFF]
}

/// The bundled model.
pub(crate) fn model() -> &'static Model {
    static MODEL: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
    MODEL.get_or_init(|| Model::read(DATA))
}

/// 64-bit hash of a sequence of code points; the generator computes the
/// same (`key_hash`).
#[inline]
pub(crate) fn key_hash(cps: impl IntoIterator<Item = u32>, len: usize) -> u64 {
    let mut h = 0x243F_6A88_85A3_08D3u64 ^ len as u64;
    for c in cps {
        h = (h ^ c as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        h ^= h >> 29;
    }
    h ^= h >> 32;
    h = h.wrapping_mul(0xD6E8_FEB8_6659_FD93);
    h ^ (h >> 32)
}

impl Model {
    /// Reads the layout; a malformed blob (which the build never makes)
    /// gives an empty model that knows nothing.
    fn read(b: &'static [u8]) -> Model {
        let ok = b.len() >= HEADER && &b[..4] == b"RDLM" && u32_at(b, 4) == 2;
        let (gram_slots, context_slots) = if ok {
            (u32_at(b, 16) as usize, u32_at(b, 20) as usize)
        } else {
            (0, 0)
        };
        let grams_end = HEADER + gram_slots * 6;
        let end = grams_end + context_slots * 4;
        if !ok || b.len() != end {
            return Model {
                order: 1,
                window: 0,
                gram_slots: 0,
                context_slots: 0,
                unknown: -20.0,
                grams: &[],
                contexts: &[],
            };
        }
        Model {
            order: (u32_at(b, 8) as usize).clamp(1, 8),
            window: u32_at(b, 12) as usize,
            gram_slots,
            context_slots,
            unknown: u32_at(b, 24) as i32 as f32 / SCALE,
            grams: &b[HEADER..grams_end],
            contexts: &b[grams_end..end],
        }
    }

    /// The n-gram order.
    pub(crate) fn order(&self) -> usize {
        self.order
    }

    /// Characters on each side of a site that the context model reads.
    pub(crate) fn window(&self) -> usize {
        self.window
    }

    /// (log p, log backoff) of the n-gram `cps`, if the model has it.
    fn gram(&self, cps: &[u32]) -> Option<(f32, f32)> {
        if self.gram_slots == 0 {
            return None;
        }
        let h = key_hash(cps.iter().copied(), cps.len());
        let fp = match h & 0xF_FFFF {
            0 => 1,
            x => x,
        };
        let mut i = ((h as u128 * self.gram_slots as u128) >> 64) as usize;
        loop {
            let s = &self.grams[i * 6..i * 6 + 6];
            let w = u64::from_le_bytes([s[0], s[1], s[2], s[3], s[4], s[5], 0, 0]);
            if w == 0 {
                return None;
            }
            if w & 0xF_FFFF == fp {
                let lp = ((w >> 20) & 0x3FFF) as f32 / -SCALE;
                let bo = ((w >> 34) & 0x3FFF) as f32 / -SCALE;
                return Some((lp, bo));
            }
            i += 1;
            if i == self.gram_slots {
                i = 0;
            }
        }
    }

    /// Natural log-probability of `w` after `history` (its last
    /// `order - 1` code points count).
    pub(crate) fn log_prob(&self, history: &[u32], w: u32) -> f32 {
        let mut h = &history[history.len().saturating_sub(self.order - 1)..];
        let mut buf = [0u32; 8];
        let mut backoff = 0.0;
        loop {
            let n = h.len();
            buf[..n].copy_from_slice(h);
            buf[n] = w;
            if let Some((lp, _)) = self.gram(&buf[..=n]) {
                return backoff + lp;
            }
            if n == 0 {
                return backoff + self.unknown;
            }
            if let Some((_, bo)) = self.gram(h) {
                backoff += bo;
            }
            h = &h[1..];
        }
    }

    /// In how many mainland occurrences of `form` the bigram `pair` occurs
    /// within the window (0 when the model has no count).
    pub(crate) fn context_count(&self, form: &str, pair: [u32; 2]) -> f32 {
        if self.context_slots == 0 {
            return 0.0;
        }
        let n = form.chars().count() + 3;
        let cps = form
            .chars()
            .map(|c| c as u32)
            .chain([SEP, pair[0], pair[1]]);
        let h = key_hash(cps, n);
        let fp = match (h & 0xFF_FFFF) as u32 {
            0 => 1,
            x => x,
        };
        let mut i = ((h as u128 * self.context_slots as u128) >> 64) as usize;
        loop {
            let w = u32_at(self.contexts, i * 4);
            if w == 0 {
                return 0.0;
            }
            if w & 0xFF_FFFF == fp {
                return count_of((w >> 24) as usize);
            }
            i += 1;
            if i == self.context_slots {
                i = 0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cps(s: &str) -> Vec<u32> {
        s.chars().map(|c| c as u32).collect()
    }

    #[test]
    fn the_bundled_model_reads() {
        let m = model();
        assert_eq!(m.order(), 5);
        assert!(m.window() > 0);
        // Every character mainland text writes has a unigram.
        assert!(m.log_prob(&[], '的' as u32) > m.log_prob(&[], '𠀀' as u32));
    }

    #[test]
    fn mainland_context_is_likely() {
        let m = model();
        let h = cps("央视网");
        let xiao = m.log_prob(&h, '消' as u32) + m.log_prob(&cps("视网消"), '息' as u32);
        let xun = m.log_prob(&h, '讯' as u32) + m.log_prob(&cps("视网讯"), '息' as u32);
        assert!(xiao > xun + 3.0, "{xiao} {xun}");
        assert!(m.context_count("消息", ['新' as u32, '闻' as u32]) > 10.0);
    }

    #[test]
    fn a_model_that_does_not_read_knows_nothing() {
        let m = Model::read(b"RDLM");
        assert_eq!(m.log_prob(&[1, 2], 3), m.unknown);
        assert_eq!(m.context_count("x", [1, 2]), 0.0);
    }
}
