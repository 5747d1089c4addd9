//! Where the event took place, where the lead (else the headline) states it:
//! 在江西省南昌市主持召开, 在上海考察, 在北京举行, 在京召开 (京 is Beijing); "in
//! Shanghai". Occasions (在…会议上, 在…期间) are not places, nor is the venue of an
//! event the text only announces (决定…在北京召开).

use crate::prepared::{Prepared, RuleLang};
use crate::span::Span;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub name: String,
    pub span: Span,
}

fn zh_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"在([^，。；、：“”《》（）在]{1,16}?)(?:主持|召开|举行|出席|考察|调研|视察|会见|会晤|看望|慰问|参观|检查|接见|集体会见|隆重举行|开幕|闭幕|亲切|同|与|以视频方式|通过视频|分别|举办)")
            .expect("valid regex")
    })
}

fn en_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"\b(?:held|holds|presided over|chaired|attended|convened|inspected|visited|delivered|hosted|opened)\b[^.]*?\bin ([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,3})")
            .expect("valid regex")
    })
}

/// Capitalized words after "in" that are not places (with the month names).
const NOT_PLACES_EN: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "The",
];

/// Suffixes that make 在X an occasion or a time, not a place.
const OCCASION_ENDS: &[&str] = &[
    "上", "中", "时", "期间", "前", "后", "之际", "下", "里", "方面", "问题",
];

/// Words that show a 在X run is a clause, not a place name.
const NOT_IN_PLACES: &[&str] = &["产生", "选举", "通过", "进行", "来华", "的同时", "期间"];

/// Words before 在 in its clause that make the place that of an announced event.
const ANNOUNCED: &[&str] = &["决定", "将于", "将在", "拟"];

fn zh_place(v: &crate::view::View) -> Option<Place> {
    let (s, idx) = v.indexed_string();
    for c in zh_re().captures_iter(&s) {
        let m = c.get(1)?;
        let name = m.as_str();
        let one = name.chars().count() == 1;
        if (one && name != "京")
            || OCCASION_ENDS.iter().any(|e| name.ends_with(e))
            || NOT_IN_PLACES.iter().any(|w| name.contains(w))
            || name.chars().any(|ch| ch.is_ascii_digit())
        {
            continue;
        }
        let at = c.get(0).map_or(0, |x| x.start());
        let clause = s[..at]
            .rfind(['，', '。', '；'])
            .map_or(0, |i| i + '，'.len_utf8());
        if ANNOUNCED.iter().any(|w| s[clause..at].contains(w)) {
            continue;
        }
        return Some(Place {
            // 在京: the capital, by its one-character name.
            name: if one {
                "北京".to_string()
            } else {
                name.to_string()
            },
            span: v.span(idx[m.start()], idx[m.end()]),
        });
    }
    None
}

pub(crate) fn extract(p: &Prepared) -> Option<Place> {
    if p.lang == RuleLang::Zh {
        return p
            .lead_view()
            .and_then(zh_place)
            .or_else(|| p.heads.iter().find_map(zh_place));
    }
    let v = p.lead_view()?;
    let (s, idx) = v.indexed_string();
    match p.lang {
        RuleLang::Zh => None,
        RuleLang::En => {
            let first_sentence_end = crate::sentences::en(v).first().map_or(s.len(), |x| x.1);
            for c in en_re().captures_iter(&s) {
                let m = c.get(1)?;
                if idx[m.start()] >= first_sentence_end {
                    break;
                }
                let name = m.as_str();
                if NOT_PLACES_EN
                    .iter()
                    .chain(&readout_lang::EN_MONTH_NAMES)
                    .any(|n| name.starts_with(n))
                    || s[m.end()..].starts_with('\'')
                {
                    continue;
                }
                return Some(Place {
                    name: name.to_string(),
                    span: v.span(idx[m.start()], idx[m.end()]),
                });
            }
            None
        }
    }
}
