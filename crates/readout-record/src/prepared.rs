//! The working form of a [`DocInput`]: the language decided, a [`View`] per headline and
//! paragraph, the lead paragraph and the dateline found.

use crate::names::is_han;
use crate::view::View;
use crate::{DocInput, Lang};
use regex::Regex;
use std::sync::OnceLock;

/// The language the rules run in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RuleLang {
    Zh,
    En,
}

pub(crate) struct Prepared<'a> {
    pub doc: &'a DocInput,
    pub lang: RuleLang,
    pub heads: Vec<View>,
    pub paras: Vec<View>,
    /// Index of the lead paragraph (the one that reports the event), if any.
    pub lead: Option<usize>,
}

const ZH_CUES: &[&str] = &[
    "召开",
    "主持",
    "举行",
    "出席",
    "集体学习",
    "贺电",
    "贺信",
    "考察",
    "调研",
    "会见",
    "讲话",
    "致信",
    "复信",
    "回信",
    "致电",
    "会议",
    "视察",
    "演讲",
    "致辞",
    "通电话",
    "会谈",
    "会晤",
    "签署",
    "看望",
    "慰问",
    "访问",
    "指示",
    "开幕",
    "闭幕",
    "举办",
];
const EN_CUES: &[&str] = &[
    "held",
    "chaired",
    "presided",
    "attended",
    "meeting",
    "symposium",
    "session",
    "inspect",
    "message",
    "letter",
    "speech",
    "visited",
    "convened",
    "addressed",
    "phone",
    "talks",
    "met with",
];

fn decide_lang(doc: &DocInput) -> RuleLang {
    match doc.lang {
        Lang::Zh => RuleLang::Zh,
        Lang::En => RuleLang::En,
        Lang::Other => {
            let (mut han, mut latin) = (0usize, 0usize);
            for c in doc
                .paragraphs
                .iter()
                .chain(&doc.headlines)
                .flat_map(|p| p.chars())
            {
                if is_han(c) {
                    han += 1;
                } else if c.is_ascii_alphabetic() {
                    latin += 1;
                }
            }
            // A Han char carries about as much as a three-letter English word.
            if han * 3 >= latin {
                RuleLang::Zh
            } else {
                RuleLang::En
            }
        }
    }
}

/// True when the view has something that reads as a date (12日, 昨日, "on Monday").
fn dated(v: &View, lang: RuleLang) -> bool {
    static ZH: OnceLock<Regex> = OnceLock::new();
    static EN: OnceLock<Regex> = OnceLock::new();
    let re = match lang {
        RuleLang::Zh => ZH.get_or_init(|| {
            Regex::new(r"[0-9一二三四五六七八九十]日|昨日|昨天|今天|今日|近日|日前|前天|当天|周[一二三四五六日]|星期")
                .expect("valid regex")
        }),
        RuleLang::En => EN.get_or_init(|| {
            Regex::new(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b")
                .expect("valid regex")
        }),
    };
    re.is_match(&v.string())
}

impl<'a> Prepared<'a> {
    pub fn new(doc: &'a DocInput) -> Prepared<'a> {
        let lang = decide_lang(doc);
        let mk = |t: &String, i: usize, h: bool| match lang {
            RuleLang::Zh => View::zh(t, i, h),
            RuleLang::En => View::en(t, i, h),
        };
        let heads: Vec<View> = doc
            .headlines
            .iter()
            .enumerate()
            .map(|(i, t)| mk(t, i, true))
            .collect();
        let paras: Vec<View> = doc
            .paragraphs
            .iter()
            .enumerate()
            .map(|(i, t)| mk(t, i, false))
            .collect();
        let cues = match lang {
            RuleLang::Zh => ZH_CUES,
            RuleLang::En => EN_CUES,
        };
        // The lead is the first paragraph, among the first few, that reports an event and
        // dates it; pages often keep site furniture (a breadcrumb that repeats the
        // headline, a source line) ahead of it. Failing a dated one, the first that
        // reports an event, then the first with text.
        let has_cue = |v: &View| {
            let s = v.string();
            cues.iter().any(|c| s.contains(c))
        };
        // Score: a dateline opening the paragraph beats a long dated report, which beats
        // a short dated line (a breadcrumb with a time stamp), which beats undated ones.
        let score = |v: &View| -> u8 {
            if v.len() < 12 || !has_cue(v) {
                return 0;
            }
            let dated = dated(v, lang);
            if dated && crate::date::starts_with_dateline(v) {
                4
            } else if dated && v.len() >= 30 {
                3
            } else if dated {
                2
            } else {
                1
            }
        };
        let scores: Vec<u8> = paras.iter().take(8).map(score).collect();
        let best = scores.iter().copied().max().unwrap_or(0);
        let lead = if best > 0 {
            scores.iter().position(|&s| s == best)
        } else {
            paras.iter().position(|v| v.len() > 0)
        };
        Prepared {
            doc,
            lang,
            heads,
            paras,
            lead,
        }
    }

    pub fn lead_view(&self) -> Option<&View> {
        self.lead.and_then(|i| self.paras.get(i))
    }

    /// The lead paragraph and the two after it: where readouts name chair and place.
    pub fn opening(&self) -> impl Iterator<Item = &View> {
        let start = self.lead.unwrap_or(0);
        self.paras.iter().skip(start).take(3)
    }
}
