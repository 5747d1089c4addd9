//! Query strings, read strictly: percent-decoding that refuses invalid UTF-8 (instead
//! of replacing it), a bound on the whole query and on each value, and typed getters
//! whose errors name the parameter. Unknown parameters are ignored.

use std::fmt;

/// Longest query string accepted, in bytes.
pub const MAX_QUERY: usize = 8 * 1024;
/// Longest single value accepted, in characters.
pub const MAX_VALUE: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamError(pub String);

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The decoded parameters of one request, in order.
#[derive(Debug, Default, Clone)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

/// Percent-decodes `s` (and `+` as a space) to UTF-8 text.
pub fn decode(s: &str) -> Result<String, ParamError> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).and_then(|h| {
                    std::str::from_utf8(h)
                        .ok()
                        .and_then(|h| u8::from_str_radix(h, 16).ok())
                });
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => return Err(ParamError("a malformed percent escape".into())),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| ParamError("text that is not valid UTF-8".into()))
}

impl Params {
    /// Parses a raw query string (without the `?`).
    pub fn parse(raw: Option<&str>) -> Result<Params, ParamError> {
        let Some(raw) = raw else {
            return Ok(Params::default());
        };
        if raw.len() > MAX_QUERY {
            return Err(ParamError(format!(
                "the query string is {} bytes long; at most {MAX_QUERY} are accepted",
                raw.len()
            )));
        }
        let mut pairs = Vec::new();
        for part in raw.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            let key = decode(k).map_err(|e| ParamError(format!("a parameter name holds {e}")))?;
            let value =
                decode(v).map_err(|e| ParamError(format!("parameter `{key}` holds {e}")))?;
            if value.chars().count() > MAX_VALUE {
                return Err(ParamError(format!(
                    "parameter `{key}` is longer than {MAX_VALUE} characters"
                )));
            }
            pairs.push((key, value));
        }
        Ok(Params { pairs })
    }

    /// The last value of `key`, when present and not blank.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// Every non-blank value of `key`, in order.
    pub fn all(&self, key: &str) -> Vec<&str> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
            .collect()
    }

    /// `key` as a number within `min..=max`, or `default` when absent.
    pub fn number(
        &self,
        key: &str,
        default: usize,
        min: usize,
        max: usize,
    ) -> Result<usize, ParamError> {
        match self.get(key) {
            None => Ok(default),
            Some(v) => match v.parse::<usize>() {
                Ok(n) if (min..=max).contains(&n) => Ok(n),
                _ => Err(ParamError(format!(
                    "parameter `{key}` must be a whole number from {min} to {max}, not `{v}`"
                ))),
            },
        }
    }

    /// `key` as one of `choices`, or None when absent.
    pub fn choice<'a>(
        &self,
        key: &str,
        choices: &[&'a str],
    ) -> Result<Option<&'a str>, ParamError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => choices
                .iter()
                .find(|c| **c == v)
                .map(|c| Some(*c))
                .ok_or_else(|| {
                    ParamError(format!(
                        "parameter `{key}` must be one of {}, not `{v}`",
                        choices.join(", ")
                    ))
                }),
        }
    }

    /// `key` as a date `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or None when absent.
    pub fn date(&self, key: &str) -> Result<Option<String>, ParamError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) if is_date(v) => Ok(Some(v.to_string())),
            Some(v) => Err(ParamError(format!(
                "parameter `{key}` must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not `{v}`"
            ))),
        }
    }
}

fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let in_range =
        |p: &str, lo: u32, hi: u32| p.parse::<u32>().is_ok_and(|n| (lo..=hi).contains(&n));
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && in_range(m, 1, 12),
        [y, m, d] => {
            digits(y, 4) && digits(m, 2) && digits(d, 2) && in_range(m, 1, 12) && in_range(d, 1, 31)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_percent_and_plus_decoded() {
        let p = Params::parse(Some("q=%E9%AB%98+%E8%B4%A8&lang=zh&q=x")).unwrap();
        assert_eq!(p.get("q"), Some("x"));
        assert_eq!(p.all("q"), vec!["高 质", "x"]);
        assert_eq!(p.get("lang"), Some("zh"));
        assert_eq!(p.get("none"), None);
    }

    #[test]
    fn invalid_utf8_and_broken_escapes_are_refused() {
        assert!(Params::parse(Some("q=%FF%FE"))
            .unwrap_err()
            .0
            .contains("UTF-8"));
        assert!(Params::parse(Some("q=%G1")).is_err());
        assert!(Params::parse(Some("q=%")).is_err());
    }

    #[test]
    fn huge_queries_and_values_are_refused() {
        let long = format!("q={}", "a".repeat(MAX_QUERY));
        assert!(Params::parse(Some(&long)).is_err());
        let value = format!("q={}", "a".repeat(MAX_VALUE + 1));
        assert!(Params::parse(Some(&value)).is_err());
    }

    #[test]
    fn typed_getters_check_their_values() {
        let p = Params::parse(Some("limit=5&bad=-1&kind=x&from=2023-11&to=2023-13")).unwrap();
        assert_eq!(p.number("limit", 10, 1, 100), Ok(5));
        assert_eq!(p.number("missing", 10, 1, 100), Ok(10));
        assert!(p.number("bad", 10, 1, 100).is_err());
        assert!(p.choice("kind", &["a", "b"]).is_err());
        assert_eq!(p.date("from"), Ok(Some("2023-11".into())));
        assert!(p.date("to").is_err());
    }
}
