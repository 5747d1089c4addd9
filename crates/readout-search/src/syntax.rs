//! The query language: words, `"phrases"` (also `“…”`, `「…」`, `『…』`),
//! `AND`, `OR`, `NOT` (upper case), a leading `-` for NOT, and parentheses.
//! Juxtaposed terms are ANDed; NOT binds tighter than AND, AND than OR.
//! Parsing never fails: a stray operator or parenthesis is dropped.
//!
//! A term here is raw text; what it means (a Chinese phrase, English words)
//! is decided when it is planned against the index.

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ast {
    /// A bare word or a quoted phrase, as written.
    Term(String),
    And(Vec<Ast>),
    Or(Vec<Ast>),
    Not(Box<Ast>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Lex {
    Text(String),
    And,
    Or,
    Not,
    Open,
    Close,
}

fn closing_quote(c: char) -> Option<char> {
    match c {
        '"' => Some('"'),
        '“' => Some('”'),
        '「' => Some('」'),
        '『' => Some('』'),
        '＂' => Some('＂'),
        _ => None,
    }
}

fn lex(q: &str) -> Vec<Lex> {
    let mut out = Vec::new();
    let mut chars = q.chars().peekable();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<Lex>| {
        if word.is_empty() {
            return;
        }
        out.push(match word.as_str() {
            "AND" | "&&" => Lex::And,
            "OR" | "||" => Lex::Or,
            "NOT" => Lex::Not,
            _ => Lex::Text(std::mem::take(word)),
        });
        word.clear();
    };
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            flush(&mut word, &mut out);
        } else if let Some(close) = closing_quote(c).filter(|_| word.is_empty()) {
            let mut phrase = String::new();
            for c in chars.by_ref() {
                if c == close {
                    break;
                }
                phrase.push(c);
            }
            out.push(Lex::Text(phrase));
        } else if (c == '(' || c == ')') && word.is_empty() {
            out.push(if c == '(' { Lex::Open } else { Lex::Close });
        } else if c == ')' {
            flush(&mut word, &mut out);
            out.push(Lex::Close);
        } else if c == '-' && word.is_empty() && chars.peek().is_some_and(|n| !n.is_whitespace()) {
            out.push(Lex::Not);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

struct Parser {
    lex: Vec<Lex>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Lex> {
        self.lex.get(self.at)
    }

    fn or(&mut self) -> Option<Ast> {
        let mut parts = Vec::new();
        loop {
            if let Some(a) = self.and() {
                parts.push(a);
            }
            match self.peek() {
                Some(Lex::Or) => self.at += 1,
                _ => break,
            }
        }
        join(parts, Ast::Or)
    }

    fn and(&mut self) -> Option<Ast> {
        let mut parts = Vec::new();
        loop {
            match self.peek() {
                None | Some(Lex::Or) | Some(Lex::Close) => break,
                Some(Lex::And) => self.at += 1,
                _ => {
                    if let Some(a) = self.unary() {
                        parts.push(a);
                    }
                }
            }
        }
        join(parts, Ast::And)
    }

    fn unary(&mut self) -> Option<Ast> {
        match self.peek()? {
            Lex::Not => {
                self.at += 1;
                self.unary().map(|a| Ast::Not(Box::new(a)))
            }
            Lex::Open => {
                self.at += 1;
                let inner = self.or();
                if self.peek() == Some(&Lex::Close) {
                    self.at += 1;
                }
                inner
            }
            Lex::Text(t) => {
                let t = t.clone();
                self.at += 1;
                (!t.trim().is_empty()).then_some(Ast::Term(t))
            }
            // A stray closing parenthesis or operator.
            _ => {
                self.at += 1;
                None
            }
        }
    }
}

fn join(mut parts: Vec<Ast>, make: fn(Vec<Ast>) -> Ast) -> Option<Ast> {
    match parts.len() {
        0 => None,
        1 => parts.pop(),
        _ => Some(make(parts)),
    }
}

/// Parses a query; `None` when it has no terms.
pub fn parse(q: &str) -> Option<Ast> {
    let mut p = Parser { lex: lex(q), at: 0 };
    let mut parts = Vec::new();
    while p.at < p.lex.len() {
        if let Some(a) = p.or() {
            parts.push(a);
        }
        // Skip what `or` stopped at (an unmatched closing parenthesis).
        if p.at < p.lex.len() {
            p.at += 1;
        }
    }
    join(parts, Ast::And)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Ast {
        Ast::Term(s.into())
    }

    #[test]
    fn operators_and_precedence() {
        assert_eq!(
            parse("a b OR c"),
            Some(Ast::Or(vec![Ast::And(vec![t("a"), t("b")]), t("c")]))
        );
        assert_eq!(
            parse("a AND NOT b"),
            Some(Ast::And(vec![t("a"), Ast::Not(Box::new(t("b")))]))
        );
        assert_eq!(
            parse("a -b"),
            Some(Ast::And(vec![t("a"), Ast::Not(Box::new(t("b")))]))
        );
        assert_eq!(
            parse("(a OR b) c"),
            Some(Ast::And(vec![Ast::Or(vec![t("a"), t("b")]), t("c")]))
        );
    }

    #[test]
    fn phrases_and_hyphens() {
        assert_eq!(parse("\"belt and road\""), Some(t("belt and road")));
        assert_eq!(parse("“高质量 发展”"), Some(t("高质量 发展")));
        assert_eq!(parse("covid-19"), Some(t("covid-19")));
    }

    #[test]
    fn junk_never_fails() {
        for q in [
            "",
            "AND",
            "((",
            ")a(",
            "NOT",
            "- -",
            "\"unclosed",
            "OR OR a",
        ] {
            let _ = parse(q);
        }
        assert_eq!(parse("OR OR a"), Some(t("a")));
        assert_eq!(parse(") a"), Some(t("a")));
        assert_eq!(parse("   "), None);
    }
}
