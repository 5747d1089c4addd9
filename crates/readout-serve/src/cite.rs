//! How to cite an event or a document: the fields a reference needs (outlet, title,
//! date, the source's address, a permalink to the paragraph), as a block to copy and as
//! CSL-JSON, which Zotero and other reference managers import.

use serde::Serialize;

/// A reference to one document (the original, for an event).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cite {
    /// The record's id: the document's, or the event's.
    pub id: String,
    pub title: Option<String>,
    /// The outlet (新华社, 人民日报), when the document names it.
    pub outlet: Option<String>,
    /// `YYYY-MM-DD` (or a prefix of it).
    pub date: Option<String>,
    /// The source's own address (http or https only).
    pub url: Option<String>,
    /// This server's address of the passage.
    pub permalink: String,
    /// The language tag (`zh-Hans`, `en`).
    pub lang: String,
    /// A newspaper page label.
    pub page: Option<String>,
}

/// CSL-JSON's date: `{"date-parts": [[y, m, d]]}`.
#[derive(Debug, Serialize)]
struct CslDate {
    #[serde(rename = "date-parts")]
    date_parts: Vec<Vec<i64>>,
}

#[derive(Debug, Serialize)]
struct CslItem<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'a str,
    #[serde(rename = "container-title", skip_serializing_if = "Option::is_none")]
    container: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<CslDate>,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<&'a str>,
    language: &'a str,
    note: String,
}

impl Cite {
    /// The reference as one line: outlet, "title", date, url (permalink).
    pub fn line(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(o) = &self.outlet {
            parts.push(o.clone());
        }
        parts.push(format!(
            "“{}”",
            self.title.as_deref().unwrap_or("(untitled)")
        ));
        if let Some(p) = &self.page {
            parts.push(p.clone());
        }
        if let Some(d) = &self.date {
            parts.push(d.clone());
        }
        if let Some(u) = &self.url {
            parts.push(u.clone());
        }
        format!("{}. Record: {}", parts.join(", "), self.permalink)
    }

    fn date_parts(&self) -> Option<CslDate> {
        let d = self.date.as_deref()?;
        let parts: Vec<i64> = d
            .get(..10)
            .unwrap_or(d)
            .split('-')
            .map_while(|p| p.parse().ok())
            .collect();
        (!parts.is_empty()).then(|| CslDate {
            date_parts: vec![parts],
        })
    }

    /// CSL-JSON: an array with one item (the form reference managers import).
    pub fn csl_json(&self) -> String {
        let item = CslItem {
            id: &self.id,
            kind: "article-newspaper",
            title: self.title.as_deref().unwrap_or("(untitled)"),
            container: self.outlet.as_deref(),
            publisher: self.outlet.as_deref(),
            issued: self.date_parts(),
            url: self.url.as_deref(),
            page: self.page.as_deref(),
            language: &self.lang,
            note: format!("readout record {}: {}", self.id, self.permalink),
        };
        serde_json::to_string_pretty(&[item]).unwrap_or_else(|_| "[]".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csl_json_parses_with_the_fields_reference_managers_read() {
        let c = Cite {
            id: "ev-a-0".into(),
            title: Some("中共中央政治局召开会议 \"x\"".into()),
            outlet: Some("新华社".into()),
            date: Some("2023-04-28".into()),
            url: Some("https://www.news.cn/a.htm".into()),
            permalink: "http://localhost/docs/a-0#p2".into(),
            lang: "zh-Hans".into(),
            page: None,
        };
        let v: serde_json::Value = serde_json::from_str(&c.csl_json()).unwrap();
        let item = &v[0];
        assert_eq!(item["type"], "article-newspaper");
        assert_eq!(item["title"], "中共中央政治局召开会议 \"x\"");
        assert_eq!(item["container-title"], "新华社");
        assert_eq!(
            item["issued"]["date-parts"][0],
            serde_json::json!([2023, 4, 28])
        );
        assert_eq!(item["URL"], "https://www.news.cn/a.htm");
        assert!(c.line().starts_with("新华社, “中共中央政治局召开会议"));
        assert!(c.line().ends_with("#p2"));
    }
}
