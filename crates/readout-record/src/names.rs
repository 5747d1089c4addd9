//! Telling Chinese personal names and official titles apart in running text.
//!
//! Readouts write people as `title、title name`, joined into lists by 、 and ，
//! (中共中央政治局常委、国务院总理李强，中共中央政治局常委、中央办公厅主任蔡奇…) or as
//! bare name lists (李干杰、何立峰、穆虹). A name is a surname (from
//! `data/surnames.txt`) and one or two given-name characters, or a transliterated
//! name joined by ·; a title ends with a title word (`data/titles.txt`).

use std::collections::HashSet;
use std::sync::OnceLock;

struct Tables {
    single: HashSet<char>,
    compound: HashSet<(char, char)>,
    /// Title words as char vectors, longest first.
    titles: Vec<Vec<char>>,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut single = HashSet::new();
        let mut compound = HashSet::new();
        for w in words(include_str!("../data/surnames.txt")) {
            let c: Vec<char> = w.chars().collect();
            match c.as_slice() {
                [a] => {
                    single.insert(*a);
                }
                [a, b] => {
                    compound.insert((*a, *b));
                }
                _ => {}
            }
        }
        let mut titles: Vec<Vec<char>> = words(include_str!("../data/titles.txt"))
            .map(|w| w.chars().collect())
            .collect();
        titles.sort_by_key(|t| std::cmp::Reverse(t.len()));
        titles.dedup();
        Tables {
            single,
            compound,
            titles,
        }
    })
}

fn words(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .flat_map(|l| l.split_whitespace())
}

pub(crate) use readout_lang::is_han;

/// Characters that do not occur in names but often stand next to them.
fn never_in_name(c: char) -> bool {
    matches!(
        c,
        '的' | '了'
            | '们'
            | '省'
            | '市'
            | '县'
            | '部'
            | '委'
            | '局'
            | '院'
            | '厅'
            | '处'
            | '等'
            | '各'
            | '会'
            | '议'
            | '在'
            | '是'
            | '这'
            | '那'
            | '其'
            | '并'
            | '就'
            | '向'
            | '给'
            | '对'
            | '于'
            | '后'
            | '上'
            | '下'
    )
}

/// Surname length (1 or 2) if a surname starts at `c[0]`.
pub(crate) fn surname_len(c: &[char]) -> Option<usize> {
    let t = tables();
    if c.len() >= 2 && t.compound.contains(&(c[0], c[1])) {
        return Some(2);
    }
    if c.first().is_some_and(|x| t.single.contains(x)) {
        return Some(1);
    }
    None
}

/// True when the whole of `c` is a plausible personal name.
pub(crate) fn is_name(c: &[char]) -> bool {
    if c.contains(&'·') || c.contains(&'•') {
        // Transliterated names (雪克来提·扎克尔): Han parts joined by a middle dot.
        return (3..=16).contains(&c.len())
            && c.iter().all(|&x| is_han(x) || x == '·' || x == '•')
            && !matches!(c.first(), Some('·') | Some('•'))
            && !matches!(c.last(), Some('·') | Some('•'));
    }
    if !c.iter().all(|&x| is_han(x)) {
        return false;
    }
    let Some(s) = surname_len(c) else {
        return false;
    };
    if c[s..].iter().any(|&x| never_in_name(x)) {
        return false;
    }
    (s + 1..=s + 2).contains(&c.len())
}

/// Length of the longest title word that `c` ends with.
pub(crate) fn title_suffix(c: &[char]) -> Option<usize> {
    tables()
        .titles
        .iter()
        .find(|t| c.ends_with(t))
        .map(|t| t.len())
}

/// One token of a list of people, as it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Token {
    /// A title alone: it belongs to the next name.
    Title,
    /// A title, then a name starting at this char offset of the token.
    TitleName(usize),
    /// A name alone.
    Name,
}

/// Classifies a list token (already stripped of separators and 同志/等).
pub(crate) fn classify(c: &[char]) -> Option<Token> {
    if c.is_empty() {
        return None;
    }
    // A token ending with a title word is a title, unless it is itself a name.
    if title_suffix(c).is_some() && !is_name(c) {
        return Some(Token::Title);
    }
    // Title then name: prefer a three-char name, then two, then four (compound surnames).
    for rem in [3usize, 2, 4] {
        if c.len() > rem {
            let (t, n) = c.split_at(c.len() - rem);
            if title_suffix(t).is_some() && is_name(n) {
                return Some(Token::TitleName(c.len() - rem));
            }
        }
    }
    // Transliterated names after a title.
    if let Some(dot) = c.iter().position(|&x| x == '·') {
        for split in (1..dot).rev() {
            if title_suffix(&c[..split]).is_some() && is_name(&c[split..]) {
                return Some(Token::TitleName(split));
            }
        }
    }
    if is_name(c) {
        return Some(Token::Name);
    }
    None
}

/// Words that, starting right after a surname and one given char, show that the name has
/// only that one given char (李强在…, 李强强调…, 蔡奇出席…).
const FOLLOWERS: &[&str] = &[
    "在",
    "向",
    "给",
    "对",
    "于",
    "就",
    "同",
    "和",
    "与",
    "及",
    "主持",
    "出席",
    "同志",
    "等",
    "昨",
    "今",
    "近日",
    "日前",
    "前日",
    "上午",
    "下午",
    "晚",
    "早",
    "中午",
    "凌晨",
    "强调",
    "指出",
    "表示",
    "说",
    "发表",
    "会见",
    "会晤",
    "分别",
    "先后",
    "相继",
    "提交",
    "作",
    "致",
    "以",
    "为",
    "也",
    "还",
    "一同",
    "陪同",
    "参加",
    "考察",
    "调研",
    "视察",
    "到",
    "来",
    "出",
    "是",
    "、",
    "，",
    "。",
    "：",
    "；",
    "（",
    "复信",
    "回信",
    "致信",
    "致电",
    "贺电",
    "专门",
    "亲自",
    "通电话",
    "举行",
    "集体",
    "讲话",
    "总书记",
    "主席",
    "总理",
    "副主席",
    "副总理",
    "委员长",
    "代表",
];

/// Length of the name starting at `c[0]` in running text, or `None` when no name starts
/// there. Digits, punctuation and [`FOLLOWERS`] end a name.
pub(crate) fn name_at(c: &[char]) -> Option<usize> {
    if c.first().is_some_and(|x| !is_han(*x)) {
        return None;
    }
    // A transliterated name runs to the end of its Han-and-dot stretch.
    let stretch = c.iter().take_while(|&&x| is_han(x) || x == '·').count();
    if c[..stretch].contains(&'·') && is_name(&c[..stretch]) {
        return Some(stretch);
    }
    let s = surname_len(c)?;
    let follows = |i: usize| {
        i >= c.len()
            || !is_han(c[i])
            || FOLLOWERS.iter().any(|f| {
                let f: Vec<char> = f.chars().collect();
                c[i..].starts_with(&f)
            })
    };
    // Surname + one char when what follows reads as a follower; else surname + two.
    if c.len() > s && is_han(c[s]) && follows(s + 1) && is_name(&c[..s + 1]) {
        return Some(s + 1);
    }
    if c.len() >= s + 2 && is_name(&c[..s + 2]) && follows(s + 2) {
        return Some(s + 2);
    }
    None
}

/// A person opening `c`, after any titles (中共中央总书记、国家主席习近平): the name's
/// start and length.
pub(crate) fn actor_at(c: &[char]) -> Option<(usize, usize)> {
    (0..c.len().min(40)).find_map(|i| {
        let titled = i == 0 || title_suffix(&c[..i]).is_some() || c[i - 1] == '、';
        if !titled {
            return None;
        }
        name_at(&c[i..]).map(|n| (i, n))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ch(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn names_and_titles() {
        assert!(is_name(&ch("穆虹")));
        assert!(is_name(&ch("丁薛祥")));
        assert!(is_name(&ch("欧阳晓晖")));
        assert!(!is_name(&ch("有关地方")));
        assert!(!is_name(&ch("座谈会上")));
        assert_eq!(classify(&ch("中共中央政治局常委")), Some(Token::Title));
        assert_eq!(classify(&ch("国务院总理李强")), Some(Token::TitleName(5)));
        assert_eq!(
            classify(&ch("江苏省委副书记信长星")),
            Some(Token::TitleName(7))
        );
        assert_eq!(
            classify(&ch("安徽省委副书记韩俊")),
            Some(Token::TitleName(7))
        );
        assert_eq!(classify(&ch("何立峰")), Some(Token::Name));
        assert_eq!(classify(&ch("座谈会上")), None);
    }

    #[test]
    fn names_in_running_text() {
        assert_eq!(name_at(&ch("习近平12日下午")), Some(3));
        assert_eq!(name_at(&ch("习近平昨日上午")), Some(3));
        assert_eq!(name_at(&ch("李强在讲话中表示")), Some(2));
        assert_eq!(name_at(&ch("李强强调")), Some(2));
        assert_eq!(name_at(&ch("丁薛祥出席")), Some(3));
        assert_eq!(name_at(&ch("会议指出")), None);
    }
}
