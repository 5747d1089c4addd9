//! The working form of a [`DocInput`]: the language decided, a [`View`] per headline and
//! paragraph, the lead paragraph and the dateline found.

use crate::names::is_han;
use crate::view::View;
use crate::{DocInput, Lang};

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
        // The lead is the first paragraph, among the first few, that reports an event;
        // pages often keep a stray line or two of site furniture ahead of it.
        let lead = paras
            .iter()
            .take(6)
            .position(|v| {
                let s = v.string();
                v.len() >= 12 && cues.iter().any(|c| s.contains(c))
            })
            .or_else(|| paras.iter().position(|v| v.len() > 0));
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
