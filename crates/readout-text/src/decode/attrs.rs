//! attrs: the attributes of a start tag (`href`, `rel`, `content`…), read the way
//! browsers read them: names case-insensitive, values quoted or bare, character
//! references decoded. One reader for HTML pages, inline HTML in Markdown and feeds.

use super::entities::decode_entity;

/// The attributes of a tag. `src` is what follows the tag name, up to its `>`.
pub(crate) fn attributes(src: &str) -> Vec<(String, String)> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() || b[i] == b'>' {
            break;
        }
        let n0 = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = src[n0..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let (v0, v1) = match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = memchr::memchr(q, &b[i + 1..]).map_or(b.len(), |k| i + 1 + k);
                    let r = (i + 1, end);
                    i = (end + 1).min(b.len());
                    r
                }
                _ => {
                    let s = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    (s, i)
                }
            };
            value = decode_refs(&src[v0..v1]);
        }
        if !name.is_empty() {
            out.push((name, value));
        }
    }
    out
}

/// The value of attribute `name` (lower case), if the tag has it.
pub(crate) fn attribute(src: &str, name: &str) -> Option<String> {
    attributes(src)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v)
}

/// Character references decoded in an attribute value.
pub(crate) fn decode_refs(s: &str) -> String {
    if !s.contains('&') {
        return s.trim().to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s.as_bytes()[i] == b'&' {
            if let Some((c, n)) = decode_entity(&s[i..], false) {
                out.push(c);
                i += n;
                continue;
            }
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_bare_and_empty_values() {
        let a =
            attributes(r#" HREF="https://a.cn/x?a=1&amp;b=2" rel=canonical hidden data-x='y z'>"#);
        assert_eq!(
            a,
            vec![
                ("href".into(), "https://a.cn/x?a=1&b=2".into()),
                ("rel".into(), "canonical".into()),
                ("hidden".into(), String::new()),
                ("data-x".into(), "y z".into()),
            ]
        );
        assert_eq!(
            attribute(
                r#" property="og:url" content="http://x/1.html" />"#,
                "content"
            )
            .as_deref(),
            Some("http://x/1.html")
        );
        assert_eq!(attribute(" a=\"unclosed", "a").as_deref(), Some("unclosed"));
        assert_eq!(attribute("", "a"), None);
    }
}
