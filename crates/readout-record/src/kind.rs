//! The kind of event a document reports, or that it reports none.
//!
//! An event is an activity of the party-state that the document *reports*: what its
//! headline states, or (when the headline is silent or absent) its lead sentence. A
//! meeting the text only *mentions* (传达学习政治局会议精神, a plenum a meeting decided to
//! convene, the 回信 a report's reactions are about) is not its event.
//!
//! Cues are tried in order of specificity over the headline's clauses (Chinese
//! headlines separate clauses by spaces), then over the lead's first sentences: a
//! study session before a Politburo meeting, a Politburo meeting before the plenum it
//! decides to convene, a message before the forum it was sent to. Cues that name an
//! activity rather than an institution (会见, 考察, 通电话, 致贺电…) count only with an
//! actor opening their clause: a person (with any titles) or a central organ, so
//! "俄乌军方高层分别视察前线部队" is no inspection tour of ours.

use crate::names;
use crate::prepared::{Prepared, RuleLang};
use crate::span::Span;
use crate::view::View;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The taxonomy of events (documented in README, "Event kinds").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// 中共中央政治局召开会议.
    PolitburoMeeting,
    /// 中共中央政治局常务委员会召开会议.
    StandingCommitteeMeeting,
    /// 中共中央政治局…集体学习.
    PolitburoStudySession,
    /// 中共中央政治局召开民主生活会.
    DemocraticLifeMeeting,
    /// A plenary session of a central committee or discipline commission (…中全会).
    Plenum,
    /// A meeting of a commission or leading group (中央财经委员会第X次会议…).
    CommissionMeeting,
    /// 国务院常务会议.
    StateCouncilExecutiveMeeting,
    /// 座谈会.
    Symposium,
    /// A congress, conference or forum convened, opened or closed.
    Conference,
    /// 考察, 调研, 视察.
    InspectionTour,
    /// 会谈, 会晤: talks with a foreign leader.
    Talks,
    /// 会见: a meeting with a foreign guest.
    ForeignMeeting,
    /// 通电话.
    PhoneCall,
    /// 贺电, 贺信, 慰问电, 唁电, 致信, 回信, 复信.
    Message,
    /// A speech, address or written remarks (出席…并致辞, 发表演讲).
    Speech,
    /// A published article (《求是》发表…文章, 署名文章). Its code is `published_article`,
    /// apart from the document kind `article`.
    #[serde(rename = "published_article")]
    Article,
    /// Another activity of a leader or a central organ (签署, 出席, 作出指示, 看望…).
    Other,
    /// The document reports no activity: a news item, a commentary, a reaction piece.
    #[serde(rename = "none")]
    NoEvent,
}

impl EventKind {
    /// Every kind, in the order of the taxonomy.
    pub const ALL: [EventKind; 18] = [
        EventKind::PolitburoMeeting,
        EventKind::StandingCommitteeMeeting,
        EventKind::PolitburoStudySession,
        EventKind::DemocraticLifeMeeting,
        EventKind::Plenum,
        EventKind::CommissionMeeting,
        EventKind::StateCouncilExecutiveMeeting,
        EventKind::Symposium,
        EventKind::Conference,
        EventKind::InspectionTour,
        EventKind::Talks,
        EventKind::ForeignMeeting,
        EventKind::PhoneCall,
        EventKind::Message,
        EventKind::Speech,
        EventKind::Article,
        EventKind::Other,
        EventKind::NoEvent,
    ];

    /// True for every kind but [`EventKind::NoEvent`].
    pub fn is_event(self) -> bool {
        self != EventKind::NoEvent
    }

    /// The code used in JSON, URLs and the command line.
    pub fn code(self) -> &'static str {
        match self {
            EventKind::PolitburoMeeting => "politburo_meeting",
            EventKind::StandingCommitteeMeeting => "standing_committee_meeting",
            EventKind::PolitburoStudySession => "politburo_study_session",
            EventKind::DemocraticLifeMeeting => "democratic_life_meeting",
            EventKind::Plenum => "plenum",
            EventKind::CommissionMeeting => "commission_meeting",
            EventKind::StateCouncilExecutiveMeeting => "state_council_executive_meeting",
            EventKind::Symposium => "symposium",
            EventKind::Conference => "conference",
            EventKind::InspectionTour => "inspection_tour",
            EventKind::Talks => "talks",
            EventKind::ForeignMeeting => "foreign_meeting",
            EventKind::PhoneCall => "phone_call",
            EventKind::Message => "message",
            EventKind::Speech => "speech",
            EventKind::Article => "published_article",
            EventKind::Other => "other",
            EventKind::NoEvent => "none",
        }
    }

    /// Words for the kind, for pages and listings.
    pub fn label(self) -> &'static str {
        match self {
            EventKind::PolitburoMeeting => "Politburo meeting",
            EventKind::StandingCommitteeMeeting => "Politburo Standing Committee meeting",
            EventKind::PolitburoStudySession => "Politburo study session",
            EventKind::DemocraticLifeMeeting => "Democratic life meeting",
            EventKind::Plenum => "Plenum",
            EventKind::CommissionMeeting => "Commission meeting",
            EventKind::StateCouncilExecutiveMeeting => "State Council executive meeting",
            EventKind::Symposium => "Symposium",
            EventKind::Conference => "Conference",
            EventKind::InspectionTour => "Inspection tour",
            EventKind::Talks => "Talks",
            EventKind::ForeignMeeting => "Meeting with a foreign guest",
            EventKind::PhoneCall => "Phone call",
            EventKind::Message => "Message",
            EventKind::Speech => "Speech",
            EventKind::Article => "Published article",
            EventKind::Other => "Other activity",
            EventKind::NoEvent => "No event",
        }
    }

    /// The kind for a code (as [`EventKind::code`] gives it).
    pub fn from_code(code: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// Whether a cue counts only with an actor opening its clause.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Needs {
    Nothing,
    Actor,
}

struct Rule {
    kind: EventKind,
    re: Regex,
    needs: Needs,
    /// A match is void when the few words before it contain one of these (English
    /// titles: "member of the Political Bureau").
    void_after: &'static [&'static str],
}

const ZH_NUM: &str = "[一二三四五六七八九十0-9]+";

fn zh_rules() -> &'static [Rule] {
    static R: OnceLock<Vec<Rule>> = OnceLock::new();
    R.get_or_init(|| {
        let mk = |kind, needs, re: &str| Rule {
            kind,
            re: Regex::new(&re.replace("NUM", ZH_NUM)).expect("valid regex"),
            needs,
            void_after: &[],
        };
        use EventKind as K;
        use Needs::*;
        vec![
            // A leader's article, or the text of a speech or report a news agency releases.
            mk(
                K::Article,
                Nothing,
                r"《求是》[^。，]{0,12}?发表|发表[^。，]{0,30}?署名文章|播发[^。，]{0,60}?(?:讲话|报告|文章)",
            ),
            mk(K::PolitburoStudySession, Nothing, r"政治局[^。]{0,80}?集体学习"),
            mk(K::DemocraticLifeMeeting, Nothing, r"政治局[^。，]{0,24}?民主生活会"),
            mk(
                K::StandingCommitteeMeeting,
                Nothing,
                r"政治局常务委员会[^。，]{0,20}?(?:召开|举行)[^。，]{0,6}?会议|政治局常委会[^。，]{0,20}?(?:召开|举行)[^。，]{0,6}?会议|政治局常务委员会会议",
            ),
            // 政治局 as the subject of 召开会议, not part of a member's title (政治局常委、政治局委员).
            mk(
                K::PolitburoMeeting,
                Nothing,
                r"政治局(?:[^常委。，、；]{0,24}?)(?:召开|举行)(?:了)?[^。，；]{0,16}?会议",
            ),
            mk(
                K::Plenum,
                Nothing,
                r"(?:中央委员会|中央纪律检查委员会|中央纪委)第NUM次全体会议|NUM中全会|纪委NUM次全会",
            ),
            mk(K::StateCouncilExecutiveMeeting, Nothing, r"国务院常务会议"),
            mk(
                K::CommissionMeeting,
                Nothing,
                r"(?:委员会|领导小组)[^。，]{0,4}?第NUM次(?:全体)?会议|委员会(?:召开|举行)?全体会议",
            ),
            mk(K::PhoneCall, Actor, r"通电话|视频通话"),
            mk(K::Talks, Actor, r"会谈|会晤"),
            mk(K::ForeignMeeting, Actor, r"会见"),
            mk(
                K::Message,
                Actor,
                r"致(?:了)?(?:贺电|贺信|慰问电|唁电|感谢信|信|函|电)|互致贺电|复信|回信",
            ),
            mk(K::InspectionTour, Actor, r"考察|调研|视察"),
            mk(K::Symposium, Actor, r"座谈会"),
            mk(K::Symposium, Nothing, r"座谈会(?:在[^。，]{1,12}?)?(?:召开|举行)"),
            // 出席…并发表重要讲话 is how a conference's main figure is reported; a
            // speech is the activity itself (致辞, 演讲, 出席…并讲话).
            mk(
                K::Speech,
                Actor,
                r"出席[^。，]{0,40}?并(?:发表)?(?:主旨|视频)?(?:讲话|演讲|致辞)|发表[^。，]{0,12}?(?:演讲|致辞)|(?:书面|视频)致辞|同中外记者见面|记者会",
            ),
            mk(
                K::Conference,
                Nothing,
                r"(?:会议|大会|论坛|峰会|年会|交流会|纪念会|表彰会)(?:[0-9一二三四五六七八九十月日至]{2,12})?(?:在[^。，]{1,12}?)?(?:隆重|圆满|胜利)?(?:召开|举行|开幕|闭幕|举办)",
            ),
            mk(
                K::Conference,
                Actor,
                r"(?:出席|主持|参加)[^。，]{0,40}?(?:会议|大会|论坛|峰会|年会)|在[^。，]{2,40}?(?:会议|大会|论坛|峰会|年会)上",
            ),
            mk(
                K::Other,
                Actor,
                r"出席|签署|作出[^。，]{0,12}?(?:指示|批示)|看望|慰问|颁发|点燃|宣布|访问|离京|出访|主持|参加|接见|共商|检阅|举行|召开",
            ),
        ]
    })
}

fn en_rules() -> &'static [Rule] {
    static R: OnceLock<Vec<Rule>> = OnceLock::new();
    R.get_or_init(|| {
        let mk = |kind, re: &str| Rule {
            kind,
            re: Regex::new(re).expect("valid regex"),
            needs: Needs::Nothing,
            void_after: &[],
        };
        use EventKind as K;
        let mut politburo = mk(
            K::PolitburoMeeting,
            r"(?i)\b(?:Political Bureau|Politburo)\b[^.]{0,120}?\b(?:held|convened|holds|convenes)\b[^.]{0,20}?\bmeeting|(?i)\b(?:Political Bureau|Politburo) meeting|(?i)\bmeeting of the (?:Political Bureau|Politburo)\b",
        );
        politburo.void_after = &["member", "Member", "Standing Committee of", "standing committee of"];
        vec![
            mk(K::Article, r"\bQiushi\b|(?i)\bsigned article\b"),
            mk(K::PolitburoStudySession, r"(?i)(?:Political Bureau|Politburo)[^.]{0,160}?study session"),
            mk(K::DemocraticLifeMeeting, r"(?i)(?:Political Bureau|Politburo)[^.]{0,120}?(?:democratic life meeting|criticism and self-criticism)"),
            Rule {
                void_after: &["member", "Member"],
                ..mk(
                K::StandingCommitteeMeeting,
                r"(?i)\bStanding Committee of the (?:Political Bureau|Politburo)[^.]{0,120}?\b(?:held|convened)\b[^.]{0,20}?\bmeeting|(?i)Politburo Standing Committee meeting|(?i)meeting of the Standing Committee of the (?:Political Bureau|Politburo)",
            )
            },
            politburo,
            mk(K::Plenum, r"(?i)\bplenary session of the \w+ (?:CPC )?Central (?:Committee|Commission for Discipline Inspection)|\b(?:first|second|third|fourth|fifth|sixth|seventh) plenum\b"),
            mk(K::StateCouncilExecutiveMeeting, r"(?i)\bState Council executive meeting"),
            mk(K::CommissionMeeting, r"(?i)\bmeeting of the [^.]{0,80}?\b(?:Commission|Leading Group)\b"),
            mk(K::PhoneCall, r"(?i)\bphone (?:call|conversation|talks)\b|\bover the phone\b|\bby phone\b"),
            mk(K::Talks, r"(?i)\b(?:held|holds|holding) talks\b|\btalks with\b"),
            mk(K::ForeignMeeting, r"(?i)\bmet with\b|\bmeets with\b"),
            mk(
                K::Message,
                r"(?i)congratulatory (?:message|letter)|message of (?:congratulations|condolence)|letter of (?:congratulations|reply)|\b(?:sent|replied to|wrote) (?:a |back )?(?:letter|message)|\breply letter|\bletter to\b",
            ),
            mk(K::Symposium, r"(?i)\bsymposium\b"),
            mk(
                K::Conference,
                r"(?i)\b(?:conference|congress|summit|forum|ceremony|gathering|plenary session)\b",
            ),
            mk(K::InspectionTour, r"(?i)\binspection\b|\binspected\b|\binspecting\b|\bfact-finding\b"),
            mk(K::Speech, r"(?i)\bspeech\b|\baddress(?:ed)?\b|\bremarks\b"),
        ]
    })
}

/// A headline that reports reactions to, or comments on, an event rather than the
/// event itself (…引发热烈反响, 社论, 快评, 纪实).
fn zh_commentary() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"(?:引发|引起)[^。，]{0,12}?(?:反响|热议|共鸣)|社论|评论员|快评|述评|时评|纪实|综述|访谈|诞生记|长篇通讯")
            .expect("valid regex")
    })
}

/// Central organs that act as the subject of an activity.
const ORGANS: &[&str] = &[
    "中共中央",
    "中央政治局",
    "国务院",
    "全国人大",
    "全国政协",
    "中央军委",
    "中央纪委",
    "国家监委",
    "中央办公厅",
    "最高人民法院",
    "最高人民检察院",
];

/// Words of time that may open a clause before its actor (16日上午, 近日).
fn skip_time(c: &[char], mut i: usize, end: usize) -> usize {
    loop {
        let before = i;
        while i < end && (c[i].is_ascii_digit() || matches!(c[i], '年' | '月' | '日')) {
            i += 1;
        }
        for w in [
            "上午", "下午", "晚上", "晚间", "近日", "日前", "当天", "今天", "昨天",
        ] {
            let w: Vec<char> = w.chars().collect();
            if c[i..end].starts_with(&w) {
                i += w.len();
            }
        }
        if i == before {
            return i;
        }
    }
}

/// True when the clause of view `v` that holds index `at` opens with an actor: a
/// person (after any titles) or a central organ. `from` bounds the clause on the left
/// (a headline clause, the end of a dateline).
fn actor_opens(v: &View, from: usize, at: usize) -> bool {
    let c = &v.chars;
    let mut cs = (from..at)
        .rev()
        .find(|&j| {
            matches!(c[j], '。' | '，' | '；' | '：' | '！' | '？' | '】' | '　')
                || v.gap_before(j + 1)
        })
        .map_or(from, |j| j + 1);
    cs = skip_time(c, cs, at);
    if cs >= at {
        return false;
    }
    // A headline clause that continues the first one (…活动 在…论坛致辞) shares its actor.
    if v.headline && cs > 0 && matches!(c[cs], '在' | '并' | '向' | '同' | '就') {
        let first = v.clauses().first().map_or(0, |x| x.1);
        if first <= cs {
            return actor_opens(v, 0, first);
        }
    }
    let clause = &c[cs..at];
    if ORGANS.iter().any(|o| {
        let o: Vec<char> = o.chars().collect();
        clause.starts_with(&o)
    }) {
        return true;
    }
    // Titles, then a name: 中共中央总书记、国家主席、中央军委主席习近平.
    names::actor_at(clause).is_some()
}

/// True when the match at view range `s..e` only mentions an event: the spirit of a
/// meeting (…会议精神), a meeting learnt from (学习贯彻…), or one announced (将出席).
fn mentioned(v: &View, s: usize, e: usize) -> bool {
    if v.at(e, "精神") || v.at(e, "以来") {
        return true;
    }
    let from = s.saturating_sub(8);
    if [
        "学习",
        "贯彻",
        "传达",
        "落实",
        "宣讲",
        "迎接",
        "筹备",
        "决定召开",
    ]
    .iter()
    .any(|w| v.find_in(w, from, s).is_some())
    {
        return true;
    }
    // A future activity: 李强将出席…, 将于23日同中外记者见面.
    (s.saturating_sub(6)..s).any(|j| v.chars[j] == '将' && v.chars.get(j + 1) != Some(&'军'))
}

/// True when the commission named just before `k` (the index of its 委员会) is
/// intergovernmental (中俄投资合作委员会, 高级混合委员会): such a commission meets as
/// talks between governments, not as a commission of the party-state.
fn intergovernmental(v: &View, k: usize) -> bool {
    ["合作", "混合"].iter().any(|w| {
        let n = w.chars().count();
        k >= n && v.at(k - n, w)
    })
}

/// The first match of `rule` in view range `from..to` that counts.
/// A view with its string and byte → view index table, made once per view.
struct Indexed<'a> {
    v: &'a View,
    s: String,
    idx: Vec<usize>,
}

impl<'a> Indexed<'a> {
    fn new(v: &'a View) -> Indexed<'a> {
        let (s, idx) = v.indexed_string();
        Indexed { v, s, idx }
    }
}

fn rule_match(
    x: &Indexed<'_>,
    rule: &Rule,
    lang: RuleLang,
    from: usize,
    to: usize,
) -> Option<Span> {
    let (v, s, idx) = (x.v, &x.s, &x.idx);
    let byte_of = |i: usize| idx.partition_point(|&x| x < i);
    let (bf, bt) = (byte_of(from), byte_of(to));
    let hay = &s[..bt];
    rule.re
        .find_iter(hay)
        .filter(|m| m.start() >= bf)
        .find(|m| {
            let (a, b) = (idx[m.start()], idx[m.end()]);
            let before = &s[..m.start()];
            let lo = before.char_indices().rev().nth(40).map_or(0, |(b, _)| b);
            if rule.void_after.iter().any(|w| before[lo..].contains(w)) {
                return false;
            }
            match lang {
                RuleLang::En => true,
                RuleLang::Zh => {
                    let bilateral = rule.kind == EventKind::CommissionMeeting
                        && v.find_in("委员会", a, b)
                            .is_some_and(|k| intergovernmental(v, k));
                    !mentioned(v, a, b)
                        && !bilateral
                        && (rule.needs == Needs::Nothing || actor_opens(v, from, a))
                }
            }
        })
        .map(|m| v.span(idx[m.start()], idx[m.end()]))
}

pub(crate) fn detect(p: &Prepared) -> (EventKind, Option<Span>) {
    let rules = match p.lang {
        RuleLang::Zh => zh_rules(),
        RuleLang::En => en_rules(),
    };
    if p.lang == RuleLang::Zh
        && p.heads
            .iter()
            .any(|h| zh_commentary().is_match(&h.string()))
    {
        return (EventKind::NoEvent, None);
    }
    // The headline states what the document reports, clause by clause.
    let indexed: Vec<Indexed<'_>> = p.heads.iter().map(Indexed::new).collect();
    let heads: Vec<(&Indexed<'_>, usize, usize)> = indexed
        .iter()
        .flat_map(|h| {
            let cl = match p.lang {
                RuleLang::Zh => h.v.clauses(),
                RuleLang::En => vec![(0, h.v.len())],
            };
            cl.into_iter().map(move |(a, b)| (h, a, b))
        })
        .collect();
    for r in rules {
        for &(h, a, b) in &heads {
            if let Some(sp) = rule_match(h, r, p.lang, a, b) {
                return (r.kind, Some(sp));
            }
        }
    }
    // Else the lead's first sentences, after the dateline.
    if let Some(v) = p.lead_view() {
        let lead = lead_part(v, p.lang);
        let from = crate::date::dateline(p)
            .filter(|d| d.para == v.para)
            .map_or(0, |d| d.end.min(lead.len()));
        let x = Indexed::new(&lead);
        for r in rules {
            if let Some(sp) = rule_match(&x, r, p.lang, from, lead.len()) {
                return (r.kind, Some(sp));
            }
        }
    }
    (EventKind::NoEvent, None)
}

/// The lead's first two sentences, as a view (spans still map to the paragraph).
fn lead_part(v: &View, lang: RuleLang) -> View {
    let sents = match lang {
        RuleLang::Zh => crate::sentences::zh(v, false),
        RuleLang::En => crate::sentences::en(v),
    };
    let end = sents.get(1).or(sents.first()).map_or(v.len(), |s| s.1);
    v.prefix(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_match_serde() {
        for k in EventKind::ALL {
            assert_eq!(EventKind::from_code(k.code()), Some(k));
            assert_eq!(
                serde_json::to_value(k).unwrap(),
                serde_json::Value::String(k.code().into())
            );
        }
    }
}
