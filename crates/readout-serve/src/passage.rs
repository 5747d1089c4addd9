//! A paragraph's text as markup with marked spans (record values, highlights, search
//! hits, omissions, changes) and things shown in place between characters (removed
//! noise, repaired breaks). Offsets are characters of the text, as every span of the
//! record is. Marks may overlap: the text is cut at every boundary and each piece is
//! one `<mark>` carrying the classes of every mark covering it, so the markup is always
//! well formed. All text goes through maud, which escapes it.

use maud::{html, Markup};

/// A span to mark, characters `start..end`.
#[derive(Debug, Clone)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub class: &'static str,
    pub title: Option<String>,
}

impl Mark {
    pub fn new(start: usize, end: usize, class: &'static str) -> Mark {
        Mark {
            start,
            end,
            class,
            title: None,
        }
    }

    pub fn titled(mut self, title: impl Into<String>) -> Mark {
        self.title = Some(title.into());
        self
    }
}

/// Markup shown before character `at`.
#[derive(Debug, Clone)]
pub struct Insert {
    pub at: usize,
    pub markup: Markup,
}

/// Renders `text` with `marks` and `inserts`. Marks outside the text are clipped.
pub fn render(text: &str, marks: &[Mark], inserts: &[Insert]) -> Markup {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let marks: Vec<&Mark> = marks.iter().filter(|m| m.start < m.end.min(n)).collect();
    let mut cuts: Vec<usize> = vec![0, n];
    for m in &marks {
        cuts.push(m.start);
        cuts.push(m.end.min(n));
    }
    for i in inserts {
        cuts.push(i.at.min(n));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut inserts: Vec<&Insert> = inserts.iter().collect();
    inserts.sort_by_key(|i| i.at);
    struct Piece<'a> {
        before: Vec<&'a Markup>,
        text: String,
        classes: String,
        title: Option<&'a str>,
    }
    let mut pieces: Vec<Piece> = Vec::new();
    let mut next_insert = 0;
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut before = Vec::new();
        while next_insert < inserts.len() && inserts[next_insert].at.min(n) <= a {
            before.push(&inserts[next_insert].markup);
            next_insert += 1;
        }
        let covering: Vec<&&Mark> = marks
            .iter()
            .filter(|m| m.start <= a && b <= m.end)
            .collect();
        let mut classes: Vec<&str> = covering.iter().map(|m| m.class).collect();
        classes.dedup();
        pieces.push(Piece {
            before,
            text: chars[a..b].iter().collect(),
            classes: classes.join(" "),
            title: covering.iter().find_map(|m| m.title.as_deref()),
        });
    }
    let rest: Vec<&Markup> = inserts[next_insert..].iter().map(|i| &i.markup).collect();
    html! {
        @for p in &pieces {
            @for m in &p.before { (m) }
            @if p.classes.is_empty() {
                (p.text)
            } @else {
                mark class=(p.classes) title=[p.title] { (p.text) }
            }
        }
        @for m in &rest { (m) }
    }
}

/// Characters `start..end` of `text` with up to `context` characters either side:
/// (left, match, right), for keyword-in-context lines.
pub fn kwic(text: &str, start: usize, end: usize, context: usize) -> (String, String, String) {
    let chars: Vec<char> = text.chars().collect();
    let end = end.min(chars.len());
    let start = start.min(end);
    let from = start.saturating_sub(context);
    let to = (end + context).min(chars.len());
    let mut left: String = chars[from..start].iter().collect();
    if from > 0 {
        left.insert(0, '…');
    }
    let mid: String = chars[start..end].iter().collect();
    let mut right: String = chars[end..to].iter().collect();
    if to < chars.len() {
        right.push('…');
    }
    (left, mid, right)
}

/// The mainland-simplified view of `text`, with `marks` moved onto it: each mark
/// boundary goes to the first character of the view that comes from at or after it.
pub fn normalized(text: &str, marks: &[Mark]) -> (String, Vec<Mark>) {
    let n = readout_normalize::normalize(text);
    let starts: Vec<usize> = n
        .text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(n.text.len()))
        .collect();
    let orig_bytes: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let to_view = |c: usize| {
        let b = orig_bytes.get(c).copied().unwrap_or(text.len());
        starts.partition_point(|&nb| nb < n.text.len() && n.to_original(nb) < b)
    };
    let moved = marks
        .iter()
        .map(|m| Mark {
            start: to_view(m.start),
            end: to_view(m.end),
            ..m.clone()
        })
        .collect();
    (n.text, moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_wrap_their_characters_and_text_is_escaped() {
        let html = render("a<b>c高d", &[Mark::new(1, 4, "hl")], &[]).into_string();
        assert_eq!(html, "a<mark class=\"hl\">&lt;b&gt;</mark>c高d");
    }

    #[test]
    fn overlapping_marks_become_pieces_with_both_classes() {
        let html =
            render("abcdef", &[Mark::new(0, 4, "x"), Mark::new(2, 6, "y")], &[]).into_string();
        assert_eq!(
            html,
            "<mark class=\"x\">ab</mark><mark class=\"x y\">cd</mark><mark class=\"y\">ef</mark>"
        );
    }

    #[test]
    fn inserts_stand_between_characters_and_marks_are_clipped() {
        let html = render(
            "ab",
            &[Mark::new(1, 99, "m"), Mark::new(5, 9, "gone")],
            &[
                Insert {
                    at: 1,
                    markup: html! { i { "|" } },
                },
                Insert {
                    at: 7,
                    markup: html! { i { "$" } },
                },
            ],
        )
        .into_string();
        assert_eq!(html, "a<i>|</i><mark class=\"m\">b</mark><i>$</i>");
    }

    #[test]
    fn marks_follow_the_text_into_the_simplified_view() {
        let (text, marks) = normalized("提升國內大迴圈內生動力", &[Mark::new(2, 7, "hl")]);
        assert_eq!(text, "提升国内大循环内生动力");
        assert_eq!(
            render(&text, &marks, &[]).into_string(),
            "提升<mark class=\"hl\">国内大循环</mark>内生动力"
        );
    }

    #[test]
    fn keyword_in_context_cuts_characters() {
        let (l, m, r) = kwic("推动长江经济带高质量发展不断取得新进展", 7, 12, 3);
        assert_eq!(
            (l.as_str(), m.as_str(), r.as_str()),
            ("…经济带", "高质量发展", "不断取…")
        );
    }
}
