//! The segmenter's dictionary: jieba's own word list extended with the
//! formulations of Party and state writing, so that a formulation such as
//! 共抓大保护 is one term and not three, and with any words the caller adds.
//!
//! Words are normalized before they are added, so a list written in
//! traditional characters extends the dictionary with the same terms as its
//! simplified form.

use jieba_rs::Jieba;
use readout_normalize::normalize;
use std::sync::{Arc, OnceLock};

/// Multi-character formulations of Party and government texts that jieba's
/// general dictionary splits. Always added; callers add their own lexicon.
pub const FORMULATIONS: &[&str] = &[
    "共抓大保护",
    "不搞大开发",
    "高质量发展",
    "新发展格局",
    "新发展理念",
    "中国式现代化",
    "全过程人民民主",
    "人类命运共同体",
    "供给侧结构性改革",
    "国内大循环",
    "国内国际双循环",
    "新质生产力",
    "两个确立",
    "两个维护",
    "四个意识",
    "四个自信",
    "两个一百年",
    "中华民族伟大复兴",
    "习近平新时代中国特色社会主义思想",
    "中国特色社会主义",
    "社会主义核心价值观",
    "总体国家安全观",
    "全面从严治党",
    "全面深化改革",
    "全面依法治国",
    "以人民为中心",
    "共同富裕",
    "乡村振兴",
    "脱贫攻坚",
    "一带一路",
    "长江经济带",
    "粤港澳大湾区",
    "京津冀协同发展",
    "碳达峰",
    "碳中和",
    "放管服",
    "稳中求进",
    "六稳",
    "六保",
    "统筹发展和安全",
    "生态文明建设",
    "全面建成小康社会",
    "社会主义现代化强国",
    "双碳",
    "党中央",
];

fn base() -> &'static Jieba {
    static BASE: OnceLock<Jieba> = OnceLock::new();
    BASE.get_or_init(Jieba::new)
}

/// A segmenter dictionary, shared by every tokenizer of one index.
#[derive(Clone)]
pub struct Dictionary {
    jieba: Arc<Jieba>,
    words: Arc<Vec<String>>,
}

impl std::fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dictionary")
            .field("extra_words", &self.words.len())
            .finish()
    }
}

impl Dictionary {
    /// jieba's dictionary plus [`FORMULATIONS`] plus `words` (normalized;
    /// blank entries are skipped).
    pub fn new<S: AsRef<str>>(words: &[S]) -> Dictionary {
        let mut jieba = base().clone();
        let mut added = Vec::new();
        let all = FORMULATIONS
            .iter()
            .map(|w| w.to_string())
            .chain(words.iter().map(|w| w.as_ref().to_owned()));
        for word in all {
            let n = normalize(word.trim()).text;
            // jieba splits at white space before it looks words up, so such an
            // entry could never match.
            if n.is_empty() || n.chars().any(char::is_whitespace) {
                continue;
            }
            jieba.add_word(&n, None, None);
            added.push(n);
        }
        Dictionary {
            jieba: Arc::new(jieba),
            words: Arc::new(added),
        }
    }

    /// The segmenter.
    pub fn jieba(&self) -> &Jieba {
        &self.jieba
    }

    /// The words added to jieba's own (formulations and the caller's), normalized.
    pub fn added_words(&self) -> &[String] {
        &self.words
    }
}
