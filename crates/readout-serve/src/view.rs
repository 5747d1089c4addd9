//! Small pieces every view shares: codes and labels, language tags, URL encoding.

use readout_text::{Lang, Script};
use serde::Serialize;

/// The serde name of a unit variant (`politburo_meeting`, `zh`, `Hant`).
pub fn code<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => "?".into(),
    }
}

/// Words for an event kind (`politburo_meeting` → Politburo meeting); a kind this
/// build does not know reads as its code in words.
pub fn kind_label(kind: &str) -> String {
    if let Some(k) = readout_record::EventKind::from_code(kind) {
        return k.label().into();
    }
    match kind {
        "fragment" => "Fragment".into(),
        "digest" => "Digest".into(),
        "article" => "Article".into(),
        k => {
            let mut s = k.replace('_', " ");
            if let Some(first) = s.get(..1) {
                let up = first.to_uppercase();
                s.replace_range(..1, &up);
            }
            s
        }
    }
}

/// Words for a language code.
pub fn lang_label(lang: Lang, script: Script) -> &'static str {
    match (lang, script) {
        (Lang::Zh, Script::Hant) => "Chinese (traditional)",
        (Lang::Zh, Script::Hans) => "Chinese (simplified)",
        (Lang::Zh, _) => "Chinese",
        (Lang::En, _) => "English",
        (Lang::Mixed, _) => "mixed",
        _ => "unknown",
    }
}

/// The BCP 47 tag for text in `lang` and `script`, so browsers pick the right glyphs.
pub fn lang_tag(lang: Lang, script: Script) -> &'static str {
    match (lang, script) {
        (_, Script::Hans) => "zh-Hans",
        (_, Script::Hant) => "zh-Hant",
        (Lang::Zh, _) => "zh",
        (Lang::En, _) | (_, Script::Latn) => "en",
        _ => "und",
    }
}

/// The language tag of a short string judged by its characters (a name, a spelling).
pub fn text_lang(s: &str) -> &'static str {
    if s.chars().any(|c| ('\u{3400}'..='\u{9FFF}').contains(&c)) {
        match readout_normalize::detect_script(s) {
            readout_normalize::Script::Hant => "zh-Hant",
            readout_normalize::Script::Hans => "zh-Hans",
            _ => "zh",
        }
    } else {
        "en"
    }
}

/// Percent-encodes `s` for a path segment or a query value.
pub fn url(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A query string from pairs (empty values left out), with its `?`.
pub fn query(pairs: &[(&str, Option<&str>)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| {
            v.filter(|v| !v.is_empty())
                .map(|v| format!("{k}={}", url(v)))
        })
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// A share as a percentage (`0.647` → `64.7%`).
pub fn percent(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// A web address fit to link to: http or https only, no spaces or controls.
pub fn safe_url(u: &str) -> Option<&str> {
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    let ok = (lower.starts_with("http://") || lower.starts_with("https://"))
        && u.len() <= 2000
        && !u
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>');
    ok.then_some(u)
}

/// The first characters of `s` (at most `n`), with an ellipsis when cut.
pub fn cut(s: &str, n: usize) -> String {
    let mut it = s.chars();
    let head: String = it.by_ref().take(n).collect();
    if it.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_encode_everything_but_unreserved() {
        assert_eq!(url("高 a/b?c"), "%E9%AB%98%20a%2Fb%3Fc");
        assert_eq!(query(&[("q", Some("a&b")), ("x", None)]), "?q=a%26b");
    }

    #[test]
    fn only_web_addresses_are_linked() {
        assert!(safe_url("https://www.news.cn/a.htm").is_some());
        assert!(safe_url("HTTP://x.cn/").is_some());
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "//x.cn",
            "http://a b",
            "ftp://x",
        ] {
            assert!(safe_url(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn kinds_and_languages_read_as_words() {
        assert_eq!(kind_label("politburo_meeting"), "Politburo meeting");
        assert_eq!(kind_label("new_kind"), "New kind");
        assert_eq!(text_lang("高品質發展"), "zh-Hant");
        assert_eq!(text_lang("高质量发展"), "zh-Hans");
        assert_eq!(lang_tag(Lang::En, Script::Latn), "en");
    }
}
