//! Directives: sentences that direct (要…, 必须…, 会议强调…, "must", "should", "called
//! for"), each with the actor it names (中央区域协调发展领导小组要…, "Relevant departments
//! should…") and the role of its paragraph in the readout (lead, analysis, requirement,
//! speech summary, attendance, closing).

use crate::people::Mention;
use crate::prepared::{Prepared, RuleLang};
use crate::span::Span;
use crate::view::View;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The paragraph that reports the event (who, when, what).
    Lead,
    /// Assessment of the situation (会议指出, 会议认为, "noted").
    Analysis,
    /// Requirements and tasks (会议强调, 要…).
    Requirement,
    /// Another leader's speech summarized (李强在讲话中表示).
    Speech,
    /// Who attended or spoke.
    Attendance,
    /// The closing line (会议还研究了其他事项).
    Closing,
    Other,
}

impl Role {
    /// The name used in JSON and on the pages.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Analysis => "analysis",
            Role::Requirement => "requirement",
            Role::Speech => "speech",
            Role::Attendance => "attendance",
            Role::Closing => "closing",
            Role::Other => "other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Directive {
    /// The sentence as written.
    pub text: String,
    /// The word that makes it a directive (要, 必须, 强调, "should"…).
    pub cue: String,
    pub actor: Option<Mention>,
    /// The role of the paragraph it stands in.
    pub role: Role,
    pub span: Span,
}

const ZH_MODALS: &[&str] = &["必须", "务必", "应当", "应该", "需要", "不得", "严禁", "要"];
const ZH_INTRO: &[&str] = &["强调", "要求", "号召", "部署", "提出"];

/// The first modal of a Chinese sentence `s..e`: (index, cue).
fn zh_modal(v: &View, s: usize, e: usize) -> Option<(usize, &'static str)> {
    for i in s..e {
        for m in ZH_MODALS {
            if !v.at(i, m) {
                continue;
            }
            if *m == "要" {
                // 要 as a modal, not inside 重要, 主要, 纲要, 要素…
                let prev = if i > 0 { v.chars[i - 1] } else { ' ' };
                let next = v.chars.get(i + 1).copied().unwrap_or(' ');
                // 也要看到 introduces an assessment, not a task.
                if "重主纲摘首必概提机政显紧只简扼需想".contains(prev)
                    || "素点件闻害领".contains(next)
                    || v.at(i + 1, "看到")
                {
                    continue;
                }
            }
            if *m == "需要" && v.chars.get(i + 2).is_some_and(|&c| c == '的') {
                continue;
            }
            return Some((i, m));
        }
    }
    None
}

fn zh_intro(v: &View, s: usize, e: usize) -> Option<&'static str> {
    // 会议强调，… / 习近平强调，…: the cue closes the sentence's first clause.
    let first_comma = (s..e).find(|&i| v.chars[i] == '，')?;
    if first_comma - s > 12 {
        return None;
    }
    ZH_INTRO.iter().copied().find(|c| {
        let n = c.chars().count();
        first_comma >= s + n && v.at(first_comma - n, c)
    })
}

const DESCRIPTIVE: &[&str] = &["了", "已经", "已", "正处于", "存在", "取得", "是"];
const NOT_ACTORS: &[&str] = &[
    "同时",
    "当前",
    "今后",
    "下一步",
    "这",
    "此",
    "为此",
    "总的看",
    "从长远来看",
    "他",
    "她",
];

/// Head nouns of those a directive addresses: organs, bodies and groups of people
/// (各级党委, 有关部门, 领导干部, 纪检监察机关, 双方). A subject that ends otherwise is
/// a clause fragment (面对新任务新, 最重要的是, 首先), not an addressee.
const ADDRESSEE_HEADS: &[&str] = &[
    "党委",
    "党组",
    "政府",
    "部门",
    "机关",
    "单位",
    "干部",
    "党员",
    "全党",
    "各地",
    "地方",
    "地区",
    "组织",
    "企业",
    "系统",
    "政协",
    "人大",
    "军队",
    "部队",
    "全军",
    "学校",
    "党校",
    "国家",
    "各国",
    "社会",
    "人民",
    "群众",
    "青年",
    "同志",
    "领导",
    "班子",
    "委员会",
    "小组",
    "机构",
    "队伍",
    "集团",
    "协会",
    "商会",
    "方面",
    "我们",
    "大家",
    "世界",
    "两国",
    "两党",
    "双方",
    "各方",
    "中方",
    "代表",
    "委员",
    "法院",
    "检察院",
    "银行",
];

/// True when `subject` reads as whom a directive addresses.
fn addressee(subject: &str) -> bool {
    ADDRESSEE_HEADS.iter().any(|h| subject.ends_with(h))
}

/// The actor of a Chinese directive: the subject its modal's clause opens with.
fn zh_actor(v: &View, s: usize, modal: usize) -> Option<Mention> {
    let mut cs = (s..modal)
        .rev()
        .find(|&i| matches!(v.chars[i], '，' | '；' | '：'))
        .map_or(s, |i| i + 1);
    for lead in ["同时", "并且", "并", "还", "也", "而且"] {
        if v.at(cs, lead) {
            cs += lead.chars().count();
        }
    }
    let mut ce = modal;
    // The subject ends where a prepositional phrase begins (中央有关部门对…项目要给予支持).
    for prep in [
        "对", "在", "把", "从", "为", "以", "通过", "按照", "根据", "就", "都",
    ] {
        if let Some(i) = v.find_in(prep, cs + 2, ce) {
            ce = i;
        }
    }
    // Adverbs between subject and modal.
    for adv in [
        "切实", "坚决", "一定", "更", "还", "也", "都", "既", "又", "均", "必须",
    ] {
        let n = adv.chars().count();
        if ce >= cs + n && v.at(ce - n, adv) {
            ce -= n;
        }
    }
    if ce < cs + 2 || ce - cs > 24 {
        return None;
    }
    let text = v.text(cs, ce);
    if NOT_ACTORS.iter().any(|n| text.starts_with(n))
        || ZH_INTRO.iter().any(|c| text.ends_with(c))
        || text.ends_with("指出")
    {
        return None;
    }
    if !text.chars().all(crate::names::is_han) || !addressee(&text) {
        return None;
    }
    Some(Mention {
        span: v.span(cs, ce),
        text,
    })
}

const EN_CUES: &[&str] = &[
    "must",
    "should",
    "need to",
    "needs to",
    "called for",
    "calls for",
    "urged",
    "urges",
    "stressed",
    "stresses",
    "emphasized",
    "emphasised",
    "underlined",
    "it is necessary",
    "It is necessary",
    "it is imperative",
    "It is imperative",
    "is required to",
    "are required to",
    "efforts will",
];
const EN_MODALS: &[&str] = &[
    "must",
    "should",
    "need to",
    "needs to",
    "is required to",
    "are required to",
];
const EN_NOT_ACTORS: &[&str] = &[
    "it", "we", "they", "this", "that", "there", "efforts", "work", "which",
];

fn en_word_at(s: &str, i: usize, w: &str) -> bool {
    let b = s.as_bytes();
    s[i..].starts_with(w)
        && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
        && b.get(i + w.len())
            .is_none_or(|c| !c.is_ascii_alphanumeric())
}

fn en_find(s: &str, w: &str) -> Option<usize> {
    s.match_indices(w)
        .map(|(i, _)| i)
        .find(|&i| en_word_at(s, i, w))
}

fn en_actor(v: &View, s: usize, text: &str) -> Option<Mention> {
    let (mi, m) = EN_MODALS
        .iter()
        .filter_map(|m| en_find(text, m).map(|i| (i, *m)))
        .min()?;
    // Passive voice names no actor ("should be maintained").
    let after = &text[mi + m.len()..];
    if after.trim_start().starts_with("be ") {
        return None;
    }
    let before = &text[..mi];
    // "stressed the need to…": a noun, not a modal with a subject.
    if before.trim_end().ends_with(" the") || before.trim_end().ends_with(" a") {
        return None;
    }
    let start = [" that ", ", "]
        .iter()
        .filter_map(|d| before.rfind(d).map(|i| i + d.len()))
        .max()
        .unwrap_or(0);
    let subj = before[start..].trim();
    let words = subj.split_whitespace().count();
    if subj.is_empty() || words > 14 || EN_NOT_ACTORS.contains(&subj.to_ascii_lowercase().as_str())
    {
        return None;
    }
    let first = subj
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if EN_NOT_ACTORS.contains(&first.as_str()) {
        return None;
    }
    let cs = s
        + text[..start].chars().count()
        + (before[start..].len() - before[start..].trim_start().len());
    let ce = cs + subj.chars().count();
    Some(Mention {
        text: subj.to_string(),
        span: v.span(cs, ce),
    })
}

/// Splits a sentence where a later clause names its own actor (…工作机制，中央区域协调发展
/// 领导小组要加强统筹协调，中央有关部门…要给予支持): one directive per actor.
fn zh_units(v: &View, s: usize, e: usize) -> Vec<(usize, usize)> {
    let mut cuts = vec![s];
    let mut i = s;
    while let Some((m, cue)) = zh_modal(v, i, e) {
        if zh_actor(v, s, m).is_some() {
            let cs = (s..m)
                .rev()
                .find(|&j| matches!(v.chars[j], '，' | '；' | '：'))
                .map_or(s, |j| j + 1);
            let last = *cuts.last().unwrap_or(&s);
            // Cut only when the part before has a directive of its own (not 会议强调，).
            if cs > last && zh_modal(v, last, cs).is_some() {
                cuts.push(cs);
            }
        }
        i = m + cue.chars().count();
    }
    cuts.push(e);
    cuts.windows(2)
        .map(|w| (w[0], w[1]))
        .filter(|(a, b)| b > a)
        .collect()
}

pub(crate) fn roles(p: &Prepared) -> Vec<Role> {
    p.paras
        .iter()
        .enumerate()
        .map(|(i, v)| {
            if Some(i) == p.lead {
                return Role::Lead;
            }
            match p.lang {
                RuleLang::Zh => zh_role(v),
                RuleLang::En => en_role(v),
            }
        })
        .collect()
}

fn zh_role(v: &View) -> Role {
    let s = v.string();
    if s.contains("其他事项") && v.len() < 40 {
        return Role::Closing;
    }
    let any_modal = zh_modal(v, 0, v.len()).is_some();
    if (s.contains("出席")
        || s.contains("先后发言")
        || s.contains("参加座谈会")
        || s.contains("参加会议"))
        && !any_modal
    {
        return Role::Attendance;
    }
    let head: String = v.chars.iter().take(12).collect();
    if head.contains("在讲话中") || head.contains("在总结讲话中") {
        return Role::Speech;
    }
    let sents = crate::sentences::zh(v, true);
    let directive = sents
        .iter()
        .filter(|&&(a, b)| zh_modal(v, a, b).is_some())
        .count();
    if directive >= 2 && directive * 3 >= sents.len() {
        return Role::Requirement;
    }
    // An assessment reported as 会议指出，… / 他强调，… in any sentence.
    let reported = sents.iter().any(|&(a, b)| {
        (a..b.min(a + 14))
            .find(|&i| v.chars[i] == '，')
            .is_some_and(|c| {
                ["指出", "认为", "强调", "表示"]
                    .iter()
                    .any(|w| c >= a + 2 && v.at(c - 2, w))
            })
    });
    if reported {
        return Role::Analysis;
    }
    Role::Other
}

fn en_role(v: &View) -> Role {
    let s = v.string();
    let lower = s.to_ascii_lowercase();
    if v.len() < 80 && (lower.contains("other matters") || lower.contains("other issues")) {
        return Role::Closing;
    }
    if lower.contains(" attended ") && !EN_MODALS.iter().any(|m| en_find(&lower, m).is_some()) {
        return Role::Attendance;
    }
    if lower.contains("in his speech") || lower.contains("in her speech") {
        return Role::Speech;
    }
    let sents = crate::sentences::en(v);
    let directive = sents
        .iter()
        .filter(|&&(a, b)| {
            let t = v.text(a, b);
            EN_CUES.iter().any(|c| en_find(&t, c).is_some())
        })
        .count();
    if directive * 2 >= sents.len().max(1) {
        return Role::Requirement;
    }
    if lower.contains("noted") || lower.contains("pointed out") || lower.contains("said") {
        return Role::Analysis;
    }
    Role::Other
}

pub(crate) fn extract(p: &Prepared, roles: &[Role]) -> Vec<Directive> {
    let mut out = Vec::new();
    for (v, &role) in p.paras.iter().zip(roles) {
        match p.lang {
            RuleLang::Zh => {
                for (s, e) in crate::sentences::zh(v, true)
                    .into_iter()
                    .flat_map(|(s, e)| zh_units(v, s, e))
                {
                    let modal = zh_modal(v, s, e);
                    let intro = zh_intro(v, s, e);
                    let cue = match (modal, intro) {
                        (Some((_, m)), _) => Some(m.to_string()),
                        // 会议强调，… without a modal directs unless it reports what was done.
                        (None, Some(c))
                            if !DESCRIPTIVE.iter().any(|d| v.find_in(d, s, e).is_some()) =>
                        {
                            Some(c.to_string())
                        }
                        // An imperative in a paragraph of requirements (坚定推进…，巩固好…).
                        (None, None)
                            if role == Role::Requirement
                                && !DESCRIPTIVE.iter().any(|d| v.find_in(d, s, e).is_some()) =>
                        {
                            Some(String::new())
                        }
                        _ => None,
                    };
                    let Some(cue) = cue else { continue };
                    out.push(Directive {
                        text: v.text(s, e),
                        cue,
                        actor: modal.and_then(|(i, _)| zh_actor(v, s, i)),
                        role,
                        span: v.span(s, e),
                    });
                }
            }
            RuleLang::En => {
                for (s, e) in crate::sentences::en(v) {
                    let text = v.text(s, e);
                    let Some(cue) = EN_CUES.iter().find(|c| en_find(&text, c).is_some()) else {
                        continue;
                    };
                    out.push(Directive {
                        actor: en_actor(v, s, &text),
                        cue: cue.to_string(),
                        text,
                        role,
                        span: v.span(s, e),
                    });
                }
            }
        }
    }
    out
}
