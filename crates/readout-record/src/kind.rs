//! The kind of event a document reports, read from its lead paragraph (then its
//! headlines): a Politburo meeting (中共中央政治局…召开会议), a study session
//! (…进行第X次集体学习), a Standing Committee meeting, a symposium (座谈会), another
//! conference, an inspection tour, a message (贺电, 贺信, 复信…), a speech.
//!
//! Cues are tried in order of specificity: a Politburo member's title (中共中央政治局常委)
//! in an attendee list must not make a symposium a Politburo meeting, and a message
//! sent to a conference is a message.

use crate::prepared::{Prepared, RuleLang};
use crate::span::Span;
use crate::view::View;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    PolitburoMeeting,
    PolitburoStudySession,
    StandingCommitteeMeeting,
    Symposium,
    Conference,
    InspectionTour,
    Message,
    Speech,
    Other,
}

struct Rule {
    kind: EventKind,
    re: Regex,
    /// A match is void when the few words before it contain one of these (English
    /// titles: "member of the Political Bureau").
    void_after: &'static [&'static str],
}

fn zh_rules() -> &'static [Rule] {
    static R: OnceLock<Vec<Rule>> = OnceLock::new();
    R.get_or_init(|| {
        let mk = |kind, re: &str| Rule {
            kind,
            re: Regex::new(re).expect("valid regex"),
            void_after: &[],
        };
        vec![
            mk(EventKind::PolitburoStudySession, r"政治局[^。]{0,80}?集体学习"),
            mk(
                EventKind::StandingCommitteeMeeting,
                r"政治局常务委员会[^。，]{0,20}?(?:召开|举行)[^。，]{0,6}?会议|政治局常委会[^。，]{0,20}?(?:召开|举行)[^。，]{0,6}?会议|政治局常务委员会会议",
            ),
            // 政治局 as the subject of 召开会议, not as part of a member's title (政治局常委、政治局委员).
            mk(
                EventKind::PolitburoMeeting,
                r"政治局(?:[^常委。，、；]{0,24}?)(?:召开|举行)(?:了)?[^。，；]{0,16}?(?:会议|民主生活会)|政治局会议",
            ),
            mk(
                EventKind::Message,
                r"(?:致|发来|发去|互致)(?:了)?(?:贺电|贺信|唁电|慰问电|感谢信)|(?:复信|回信|致信|致电|致函)|贺电|贺信",
            ),
            mk(EventKind::Symposium, r"座谈会"),
            mk(
                EventKind::Conference,
                r"(?:会议|大会|峰会|论坛|年会|开幕式|闭幕式|纪念会|表彰会|招待会|仪式)[^。，]{0,20}?(?:召开|举行|开幕|闭幕)|(?:召开|举行|出席|主持)[^。]{0,40}?(?:会议|大会|峰会|论坛|年会|开幕式|闭幕式|纪念会|表彰会|招待会|仪式)",
            ),
            mk(EventKind::InspectionTour, r"(?:考察|视察|调研)"),
            mk(EventKind::Speech, r"(?:讲话|演讲|致辞|贺词|署名文章)"),
        ]
    })
}

fn en_rules() -> &'static [Rule] {
    static R: OnceLock<Vec<Rule>> = OnceLock::new();
    R.get_or_init(|| {
        let mk = |kind, re: &str| Rule {
            kind,
            re: Regex::new(re).expect("valid regex"),
            void_after: &[],
        };
        let mut politburo = mk(
            EventKind::PolitburoMeeting,
            r"(?i)\b(?:Political Bureau|Politburo)\b[^.]{0,120}?\b(?:held|convened|holds|convenes)\b[^.]{0,20}?\bmeeting|(?i)\b(?:Political Bureau|Politburo) meeting|(?i)\bmeeting of the (?:Political Bureau|Politburo)\b",
        );
        politburo.void_after = &["member", "Member", "Standing Committee of", "standing committee of"];
        vec![
            mk(EventKind::PolitburoStudySession, r"(?i)(?:Political Bureau|Politburo)[^.]{0,160}?study session"),
            Rule {
                void_after: &["member", "Member"],
                ..mk(
                EventKind::StandingCommitteeMeeting,
                r"(?i)\bStanding Committee of the (?:Political Bureau|Politburo)[^.]{0,120}?\b(?:held|convened)\b[^.]{0,20}?\bmeeting|(?i)Politburo Standing Committee meeting|(?i)meeting of the Standing Committee of the (?:Political Bureau|Politburo)",
            )
            },
            politburo,
            mk(
                EventKind::Message,
                r"(?i)congratulatory (?:message|letter)|message of (?:congratulations|condolence)|letter of (?:congratulations|reply)|\b(?:sent|replied to|wrote) (?:a |back )?(?:letter|message)|\breply letter|\bletter to\b",
            ),
            mk(EventKind::Symposium, r"(?i)\bsymposium\b"),
            mk(
                EventKind::Conference,
                r"(?i)\b(?:conference|congress|summit|forum|ceremony|gathering|plenary session)\b",
            ),
            mk(EventKind::InspectionTour, r"(?i)\binspection\b|\binspected\b|\binspecting\b|\bfact-finding\b"),
            mk(EventKind::Speech, r"(?i)\bspeech\b|\baddress(?:ed)?\b|\bremarks\b"),
        ]
    })
}

/// The first rule (in priority order) that matches `view`, with the match span.
fn first_match(view: &View, rules: &[Rule]) -> Option<(EventKind, Span)> {
    let (s, idx) = view.indexed_string();
    rules.iter().find_map(|r| {
        r.re.find_iter(&s)
            .find(|m| {
                let before = &s[..m.start()];
                let from = before.char_indices().rev().nth(40).map_or(0, |(b, _)| b);
                !r.void_after.iter().any(|w| before[from..].contains(w))
            })
            .map(|m| (r.kind, view.span(idx[m.start()], idx[m.end()])))
    })
}

pub(crate) fn detect(p: &Prepared) -> (EventKind, Option<Span>) {
    let rules = match p.lang {
        RuleLang::Zh => zh_rules(),
        RuleLang::En => en_rules(),
    };
    // Only the lead's first sentences speak of the event itself; later text reports what
    // was said (and may mention other meetings).
    if let Some(v) = p.lead_view() {
        if let Some((k, sp)) = first_match(&lead_part(v, p.lang), rules) {
            return (k, Some(sp));
        }
    }
    for h in &p.heads {
        if let Some((k, sp)) = first_match(h, rules) {
            return (k, Some(sp));
        }
    }
    (EventKind::Other, None)
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
