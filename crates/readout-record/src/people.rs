//! People named in a readout: who chaired (主持) or sent a message (致贺电, 复信…), who
//! attended (出席) or accompanied (陪同), who spoke (先后发言), who submitted written
//! statements (提交了书面发言) and whose speeches are summarized (李强在讲话中表示).
//!
//! Lists are read the way readouts write them: tokens separated by 、 and ，, each a
//! title, a title followed by a name, or a name; consecutive titles belong to the next
//! name (中共中央政治局常委、国务院总理李强). A list is read backwards from its verb and
//! ends at the first token that is none of these (座谈会上，…).

use crate::kind::EventKind;
use crate::names::{self, name_at, Token};
use crate::prepared::{Prepared, RuleLang};
use crate::span::Span;
use crate::view::View;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// A person as named, with the title given in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    pub title: Option<String>,
    /// The span of the name.
    pub span: Span,
    /// The span of the title, when one is given.
    pub title_span: Option<Span>,
}

/// A phrase as written, with its span (a recipient, a group of people).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Default)]
pub(crate) struct People {
    pub chair: Option<Person>,
    pub sender: Option<Person>,
    pub recipient: Option<Mention>,
    pub attendees: Vec<Person>,
    pub accompanying: Vec<Person>,
    pub speakers: Vec<Person>,
    pub written: Vec<Mention>,
    pub speeches: Vec<Person>,
    pub lecturer: Option<Person>,
    pub principal: Option<Person>,
}

pub(crate) fn extract(p: &Prepared, kind: EventKind) -> People {
    let mut out = match p.lang {
        RuleLang::Zh => zh(p),
        RuleLang::En => en(p),
    };
    if p.lang == RuleLang::Zh {
        out.principal = principal(p);
        if out.chair.is_none() {
            out.chair = chair_by_headline(p, out.principal.as_ref());
        }
    }
    if kind == EventKind::Article && out.sender.is_none() && p.lang == RuleLang::Zh {
        out.sender = author(p);
    }
    if matches!(kind, EventKind::Message | EventKind::Article) {
        if out.sender.is_none() {
            out.sender = out.chair.take();
        }
        if out.sender.is_none() {
            out.sender = out.principal.clone();
        }
    } else if out.chair.is_none() && out.sender.is_some() && p.lang == RuleLang::Zh {
        // A 致信 inside a meeting report is not what the event is; keep it only as sender.
    }
    // The main figure is not among the attendees of his own meeting.
    let main: Vec<String> = out
        .chair
        .iter()
        .chain(out.sender.iter())
        .map(|x| x.name.clone())
        .collect();
    out.attendees.retain(|a| !main.contains(&a.name));
    dedup(&mut out.attendees);
    dedup(&mut out.accompanying);
    dedup(&mut out.speakers);
    dedup(&mut out.speeches);
    out
}

fn dedup(v: &mut Vec<Person>) {
    let mut seen = std::collections::HashSet::new();
    v.retain(|x| seen.insert(x.name.clone()));
}

// ---------------------------------------------------------------- Chinese

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；')
}

fn is_sep(c: char) -> bool {
    matches!(c, '、' | '，' | '：')
}

/// Start of the sentence containing view index `i`.
fn sentence_start(v: &View, i: usize) -> usize {
    (0..i.min(v.len()))
        .rev()
        .find(|&j| is_sentence_end(v.chars[j]))
        .map_or(0, |j| j + 1)
}

/// Start of the clause (after the last ， or sentence end, or a headline's space)
/// containing `i`.
fn clause_start(v: &View, i: usize) -> usize {
    (0..i.min(v.len()))
        .rev()
        .find(|&j| {
            is_sentence_end(v.chars[j]) || v.chars[j] == '，' || (v.headline && v.gap_before(j + 1))
        })
        .map_or(0, |j| j + 1)
}

const CONNECTORS: &[&str] = &["以及", "和", "及", "与", "并", "还有"];
const TRAILERS: &[&str] = &["等同志", "同志", "等人", "等"];
const ADVERBS: &[&str] = &[
    "等同志",
    "同志",
    "等人",
    "等",
    "也",
    "还",
    "一同",
    "一起",
    "共同",
    "分别",
    "先后",
    "相继",
    "依次",
    "专门",
    "亲自",
    "再次",
    "首次",
    "特意",
    "同日",
    "当天",
    "当日",
    "上午",
    "下午",
    "晚上",
    "晚间",
    "早上",
    "中午",
    "凌晨",
    "晚",
    "昨日",
    "昨天",
    "今天",
    "今日",
    "近日",
    "日前",
    "在会上",
    "在座谈会上",
    "在会议上",
];

/// Strips trailing adverbials (time, 也, 等…) and dates (12日, 11月27日) from `s..e`.
fn strip_tail(v: &View, s: usize, mut e: usize) -> usize {
    loop {
        let before = e;
        for a in ADVERBS {
            let n = a.chars().count();
            if e >= s + n && v.at(e - n, a) {
                e -= n;
                break;
            }
        }
        if e > s && v.chars[e - 1] == '日' {
            let mut j = e - 1;
            while j > s
                && (v.chars[j - 1].is_ascii_digit()
                    || matches!(
                        v.chars[j - 1],
                        '月' | '年'
                            | '至'
                            | '〇'
                            | '一'
                            | '二'
                            | '三'
                            | '四'
                            | '五'
                            | '六'
                            | '七'
                            | '八'
                            | '九'
                            | '十'
                    ))
            {
                j -= 1;
            }
            if j < e - 1 && v.chars[e - 2] != '月' {
                e = j;
            }
        }
        if e == before {
            return e;
        }
    }
}

fn trim_token(v: &View, mut s: usize, mut e: usize) -> (usize, usize) {
    loop {
        let before = (s, e);
        for c in CONNECTORS {
            if v.at(s, c) && s + c.chars().count() < e {
                s += c.chars().count();
            }
        }
        for t in TRAILERS {
            let n = t.chars().count();
            if e >= s + n + 2 && v.at(e - n, t) {
                e -= n;
            }
        }
        if (s, e) == before {
            return (s, e);
        }
    }
}

/// A token of a list: view range and its reading.
struct Tok {
    s: usize,
    e: usize,
    t: Token,
}

/// Splits `s..e` at separators and reads tokens backwards from `e` while they are
/// titles or names. Returns them in text order.
fn read_tokens_back(v: &View, s: usize, e: usize) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut end = e;
    let mut i = e;
    while i > s {
        i -= 1;
        if is_sep(v.chars[i]) || i == s {
            let start = if is_sep(v.chars[i]) { i + 1 } else { i };
            let (ts, te) = trim_token(v, start, end);
            if ts >= te {
                break;
            }
            match names::classify(&v.chars[ts..te]) {
                Some(t) => toks.push(Tok { s: ts, e: te, t }),
                None => {
                    // 李强和蔡奇: a token joining two names by a conjunction.
                    let split = split_conjoined(v, ts, te);
                    if split.is_empty() {
                        break;
                    }
                    toks.extend(split.into_iter().rev());
                }
            }
            end = i;
        }
    }
    toks.reverse();
    toks
}

fn split_conjoined(v: &View, s: usize, e: usize) -> Vec<Tok> {
    for c in ["和", "及", "与"] {
        if let Some(k) = v.find_in(c, s + 1, e) {
            let l = names::classify(&v.chars[s..k]);
            let r = names::classify(&v.chars[k + 1..e]);
            if let (Some(lt), Some(rt)) = (l, r) {
                if lt != Token::Title && rt != Token::Title {
                    return vec![Tok { s, e: k, t: lt }, Tok { s: k + 1, e, t: rt }];
                }
            }
        }
    }
    Vec::new()
}

/// Reads the people of the list ending at `e` (exclusive), starting no earlier than `s`.
fn parse_list(v: &View, s: usize, e: usize) -> Vec<Person> {
    let toks = read_tokens_back(v, s, e);
    let mut out = Vec::new();
    let mut title: Option<(usize, usize)> = None;
    for t in toks {
        match t.t {
            Token::Title => {
                title = Some((title.map_or(t.s, |x| x.0), t.e));
            }
            Token::TitleName(k) => {
                let ts = title.map_or(t.s, |x| x.0);
                out.push(person(v, ts, t.s + k, t.s + k, t.e));
                title = None;
            }
            Token::Name => {
                let p = match title {
                    Some((ts, te)) => person(v, ts, te, t.s, t.e),
                    None => person(v, t.s, t.s, t.s, t.e),
                };
                out.push(p);
                title = None;
            }
        }
    }
    out
}

fn person(v: &View, ts: usize, te: usize, ns: usize, ne: usize) -> Person {
    let title = v.text(ts, te);
    let title = title.trim_end_matches(['、', '，']).to_string();
    Person {
        name: v.text(ns, ne),
        title_span: (te > ts).then(|| v.span(ts, te)),
        title: (!title.is_empty()).then_some(title),
        span: v.span(ns, ne),
    }
}

/// The subject of a verb at `verb`: the one person its clause opens with, after the
/// place (在X) and time (12日下午) are set aside.
fn subject(v: &View, verb: usize, skip_to: usize) -> Option<Person> {
    let cs = clause_start(v, verb).max(skip_to);
    let mut e = verb;
    // 由X主持.
    let cs = match v.find_in("由", cs, e) {
        Some(i) => i + 1,
        None => cs,
    };
    // Recipients and places: 向大会, 给X, 在上海.
    for mark in ["向", "给", "在", "同"] {
        if let Some(i) = (cs + 2..e).rev().find(|&i| v.at(i, mark)) {
            e = i;
        }
    }
    let e = strip_tail(v, cs, e);
    // A dateline can end past the clause (fuzz finding): nothing left to read.
    if e <= cs {
        return None;
    }
    if let Some(p) = parse_list(v, cs, e).pop() {
        return Some(p);
    }
    // A name in running text (习近平亲切会见…): the first name-like run after a title.
    let n = name_at(&v.chars[cs..e])?;
    Some(person(v, cs, cs, cs, cs + n))
}

fn zh(p: &Prepared) -> People {
    let mut out = People::default();
    let dl = crate::date::dateline(p);
    let skip = |v: &View| dl.filter(|d| d.para == v.para).map_or(0, |d| d.end);
    // Chair and sender: in the opening paragraphs, else in the headline (an item may be
    // a headline alone: 习近平主持召开…会议).
    for v in p.opening().chain(p.heads.iter()) {
        if out.chair.is_none() {
            for i in v.find_all("主持") {
                let next: String = v.text(i + 2, i + 4);
                if ["公道", "正义"].contains(&next.as_str()) || v.at(i + 2, "人") {
                    continue;
                }
                if let Some(x) = subject(v, i, skip(v)) {
                    out.chair = Some(x);
                    break;
                }
            }
        }
        if out.sender.is_none() {
            let re = message_re();
            let (s, idx) = v.indexed_string();
            if let Some(m) = re.find(&s) {
                let verb = idx[m.start()];
                if let Some(x) = subject(v, verb, skip(v)) {
                    out.sender = Some(x);
                    // The recipient: 向X致贺电, 给X回信.
                    let cs = clause_start(v, verb);
                    for mark in ["向", "给"] {
                        if let Some(r) = v.find_in(mark, cs, verb) {
                            if verb > r + 1 {
                                out.recipient = Some(Mention {
                                    text: v.text(r + 1, verb),
                                    span: v.span(r + 1, verb),
                                });
                            }
                            break;
                        }
                    }
                }
            }
        }
    }
    for v in &p.paras {
        for i in v.find_all("出席") {
            let e = strip_tail(v, sentence_start(v, i), i);
            out.attendees
                .extend(parse_list(v, sentence_start(v, i).max(skip(v)), e));
        }
        for i in v.find_all("陪同") {
            let e = strip_tail(v, sentence_start(v, i), i);
            out.accompanying
                .extend(parse_list(v, sentence_start(v, i), e));
        }
        for i in v.find_all("发言") {
            let s = sentence_start(v, i);
            if v.text(s, i).ends_with("书面") {
                let e = (s..i).rev().find(|&j| v.at(j, "提交")).unwrap_or(i);
                let cs = clause_start(v, e);
                let names = parse_list(v, cs, strip_tail(v, cs, e));
                if names.is_empty() && e > cs {
                    out.written.push(Mention {
                        text: v.text(cs, e),
                        span: v.span(cs, e),
                    });
                } else {
                    out.written.extend(names.into_iter().map(|n| Mention {
                        text: n.name,
                        span: n.span,
                    }));
                }
                continue;
            }
            let mut e = i;
            for pre in ["作交流", "作汇报", "作了", "作", "交流"] {
                let n = pre.chars().count();
                if e >= s + n && v.at(e - n, pre) {
                    e -= n;
                    break;
                }
            }
            // 尹力、刘国中同志结合分管领域的工作作了发言: the list ends before what
            // they spoke on.
            let cs = clause_start(v, e).max(s);
            if let Some(k) = ["结合", "围绕", "联系"]
                .iter()
                .filter_map(|w| v.find_in(w, cs, e))
                .min()
            {
                e = k;
            }
            let e = strip_tail(v, s, e);
            out.speakers.extend(parse_list(v, s, e));
        }
    }
    // Who spoke: in the body, and in a headline that is all an item has.
    for v in p.paras.iter().chain(p.heads.iter()) {
        for cue in SPEECH_CUES {
            for i in v.find_all(cue) {
                let cs = clause_start(v, i).max(skip(v));
                // Only a clause that opens with its speaker (not 在…上发表重要讲话 after a chair phrase).
                let e = strip_speech_tail(v, cs, strip_tail(v, cs, i));
                let list = parse_list(v, cs, e);
                if list.len() == 1 {
                    out.speeches.extend(list);
                } else if list.is_empty() {
                    if let Some(x) = subject(v, e, skip(v)) {
                        out.speeches.push(x);
                    }
                }
            }
        }
    }
    out.speeches.sort_by_key(|x| (x.span.para, x.span.start));
    out.lecturer = p.paras.iter().find_map(lecturer);
    out
}

/// The headline's leader as chair when the headline's own clause goes on to chair
/// (丁薛祥调研…并主持召开座谈会, 赵乐际…举行会谈并共同主持…会议): the body then
/// writes the 主持 in a clause of its own (…，并主持召开座谈会) with no subject to read.
fn chair_by_headline(p: &Prepared, principal: Option<&Person>) -> Option<Person> {
    let pr = principal?;
    if !pr.span.headline {
        return None;
    }
    let v = p.heads.get(pr.span.para)?;
    let (_, b) = v
        .clauses()
        .into_iter()
        .find(|&(a, b)| a <= pr.span.start && pr.span.start < b)?;
    (pr.span.end..b)
        .any(|i| v.at(i, "并主持") || v.at(i, "共同主持") || v.at(i, "并共同主持"))
        .then(|| pr.clone())
}

/// The person a headline opens a clause with (习近平同德国总统通电话, 【…】李强在浙江调研):
/// the leader the item is about.
fn principal(p: &Prepared) -> Option<Person> {
    for v in &p.heads {
        for (a, b) in v.clauses() {
            let mut a = a;
            if v.chars.get(a) == Some(&'【') {
                match (a..b).find(|&j| v.chars[j] == '】') {
                    Some(j) => a = j + 1,
                    None => continue,
                }
            }
            if let Some((t, n)) = names::actor_at(&v.chars[a..b]) {
                return Some(person(v, a, a + t, a + t, a + t + n));
            }
        }
    }
    None
}

/// The author of a published article: the person after 发表 (《求是》杂志发表习近平
/// 总书记重要文章).
fn author(p: &Prepared) -> Option<Person> {
    for v in p.heads.iter().chain(p.opening()) {
        for i in v.find_all("发表") {
            let a = i + 2;
            let b = (a + 40).min(v.len());
            if let Some((t, n)) = names::actor_at(&v.chars[a..b]) {
                return Some(person(v, a, a + t, a + t, a + t + n));
            }
        }
    }
    None
}

/// Verbs of giving a speech; their subject spoke.
const SPEECH_CUES: &[&str] = &[
    "在讲话中",
    "在会上讲话",
    "在总结讲话中",
    "作总结讲话",
    "发表了重要讲话",
    "发表重要讲话",
    "作了重要讲话",
    "作重要讲话",
    "发表了讲话",
    "发表讲话",
    "讲话时",
    "并讲话",
    "致辞",
    "致贺词",
    "发表演讲",
    "发表主旨演讲",
    "作工作报告",
    "作总结",
];

/// Ends the clause before the words that lead up to a speech verb (发表视频致辞,
/// 代表中共中央致贺词), so the subject reads as a name.
fn strip_speech_tail(v: &View, s: usize, mut e: usize) -> usize {
    loop {
        let before = e;
        for w in ["发表", "视频", "书面", "主旨", "了", "并", "出席"] {
            let n = w.chars().count();
            if e >= s + n && v.at(e - n, w) {
                e -= n;
            }
        }
        if let Some(k) = (s..e).rev().find(|&k| v.at(k, "代表")) {
            e = k;
        }
        if e == before {
            return e;
        }
    }
}

/// Who gave the lecture of a study session or a lecture series: the subject of
/// 作了讲解 / 进行讲解 (北京大学校长龚旗煌教授就这个问题作了讲解).
fn lecturer(v: &View) -> Option<Person> {
    for i in v.find_all("讲解") {
        let Some(verb) = ["作了", "进行", "作"].iter().find_map(|w| {
            let n = w.chars().count();
            (i >= n && v.at(i - n, w)).then(|| i - n)
        }) else {
            continue;
        };
        let cs = clause_start(v, verb);
        let mut e = (cs..verb).rev().find(|&j| v.at(j, "就")).unwrap_or(verb);
        e = strip_tail(v, cs, e);
        // An academic title after the name (龚旗煌教授).
        for t in ["教授", "研究员", "院士", "博士"] {
            let n = t.chars().count();
            if e >= cs + n + 2 && v.at(e - n, t) {
                e -= n;
            }
        }
        if let Some(p) = parse_list(v, cs, e).pop() {
            return Some(p);
        }
        // A title the list reader does not know (副校（院）长): the name ending the
        // clause, the rest its title.
        for n in [3usize, 2] {
            if e > cs + n && names::is_name(&v.chars[e - n..e]) {
                return Some(person(v, cs, e - n, e - n, e));
            }
        }
    }
    None
}

fn message_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"(?:致|发来|发去|互致)(?:了)?(?:贺电|贺信|唁电|慰问电|感谢信|信)|复信|回信|致电|致函",
        )
        .expect("valid regex")
    })
}

// ---------------------------------------------------------------- English

const EN_NAME: &str = r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2}";

fn en_chair_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(&format!(
            r"(?P<name>{EN_NAME})(?:, (?P<title>[^.]{{3,200}}?),)? (?:on \w+ )?(?:also )?(?:chaired|presided over|hosted)\b|(?:chaired|presided over) by (?P<name2>{EN_NAME})"
        ))
        .expect("valid regex")
    })
}

fn en_sender_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(&format!(
            r"(?P<name>{EN_NAME})(?:, (?P<title>[^.]{{3,200}}?),)? (?:on \w+ )?(?:sent|extended|wrote|replied)\b"
        ))
        .expect("valid regex")
    })
}

fn en_attend_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(&format!(
            r"(?P<list>{EN_NAME}(?:(?:,| and|, and) {EN_NAME})*)(?:, (?P<title>[^.]{{3,200}}?),)? (?:also )?attended\b"
        ))
        .expect("valid regex")
    })
}

fn en_names_in(list: &str) -> Vec<(usize, usize)> {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = R.get_or_init(|| Regex::new(EN_NAME).expect("valid regex"));
    r.find_iter(list).map(|m| (m.start(), m.end())).collect()
}

const NOT_NAMES: &[&str] = &[
    "The Political",
    "The Standing",
    "The Central",
    "Communist Party",
    "Central Committee",
    "The Meeting",
];

/// Title words that the name pattern may pick up in front of a name (President Xi Jinping).
const EN_TITLE_WORDS: &[&str] = &[
    "Chinese",
    "President",
    "Premier",
    "Vice",
    "Chairman",
    "General",
    "Secretary",
    "Comrade",
    "State",
    "Councilor",
    "Minister",
    "Foreign",
    "Mr",
    "Mrs",
    "Ms",
];

fn en_person(
    v: &View,
    idx: &[usize],
    name: regex::Match,
    title: Option<regex::Match>,
) -> Option<Person> {
    let mut start = name.start();
    let mut text = name.as_str();
    while let Some((w, rest)) = text.split_once(' ') {
        if !EN_TITLE_WORDS.contains(&w) || !rest.contains(' ') {
            break;
        }
        start += w.len() + 1;
        text = rest;
    }
    if NOT_NAMES.iter().any(|n| text.starts_with(n)) || text.starts_with("The ") {
        return None;
    }
    let lead_title = name.as_str()[..start - name.start()].trim();
    let title = match (lead_title.is_empty(), title) {
        (false, _) => Some(lead_title.to_string()),
        (true, t) => t.map(|t| t.as_str().to_string()),
    };
    Some(Person {
        name: text.to_string(),
        title,
        span: v.span(idx[start], idx[name.end()]),
        title_span: None,
    })
}

fn en(p: &Prepared) -> People {
    let mut out = People::default();
    for v in p.opening() {
        let (s, idx) = v.indexed_string();
        if out.chair.is_none() {
            if let Some(c) = en_chair_re().captures(&s) {
                out.chair = c
                    .name("name")
                    .or(c.name("name2"))
                    .and_then(|n| en_person(v, &idx, n, c.name("title")));
            }
        }
        if out.sender.is_none() {
            if let Some(c) = en_sender_re().captures(&s) {
                out.sender = c
                    .name("name")
                    .and_then(|n| en_person(v, &idx, n, c.name("title")));
            }
        }
    }
    for v in &p.paras {
        let (s, idx) = v.indexed_string();
        for c in en_attend_re().captures_iter(&s) {
            let Some(list) = c.name("list") else { continue };
            for (a, b) in en_names_in(list.as_str()) {
                let name = &list.as_str()[a..b];
                if NOT_NAMES.iter().any(|n| name.starts_with(n)) || name.starts_with("The ") {
                    continue;
                }
                out.attendees.push(Person {
                    name: name.to_string(),
                    title: c.name("title").map(|t| t.as_str().to_string()),
                    span: v.span(idx[list.start() + a], idx[list.start() + b]),
                    title_span: None,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &View, s: usize, e: usize) -> Vec<(String, Option<String>)> {
        parse_list(v, s, e)
            .into_iter()
            .map(|p| (p.name, p.title))
            .collect()
    }

    #[test]
    fn titled_and_bare_lists() {
        let v = View::zh(
            "会上，中共中央政治局常委、国务院总理李强，中央办公厅主任蔡奇出席",
            0,
            false,
        );
        let e = v.find("出席", 0).unwrap();
        assert_eq!(
            names(&v, 0, e),
            [
                (
                    "李强".to_string(),
                    Some("中共中央政治局常委、国务院总理".to_string())
                ),
                ("蔡奇".to_string(), Some("中央办公厅主任".to_string()))
            ]
        );
        let v = View::zh("王小洪、穆虹、姜信治等出席", 0, false);
        let e = strip_tail(&v, 0, v.find("出席", 0).unwrap());
        let got: Vec<String> = parse_list(&v, 0, e).into_iter().map(|p| p.name).collect();
        assert_eq!(got, ["王小洪", "穆虹", "姜信治"]);
    }

    #[test]
    fn subject_skips_time_and_place() {
        let v = View::zh(
            "中共中央总书记、国家主席习近平12日下午在江西省南昌市主持召开座谈会",
            0,
            false,
        );
        let i = v.find("主持", 0).unwrap();
        let p = subject(&v, i, 0).unwrap();
        assert_eq!(p.name, "习近平");
        assert_eq!(p.title.as_deref(), Some("中共中央总书记、国家主席"));
    }
}
