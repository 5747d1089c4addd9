//! dateline: the opening of a news report that names the agency, the place and the
//! day ("新华社北京11月27日电", "Xinhua News Agency, Beijing, November 27 –",
//! "BEIJING, Nov. 27 (Xinhua) --"). A dateline starts a report's body. Recognized by
//! `readout_lang::dateline`, the one recognizer the record uses too; this is what the
//! reader keeps of it. The reader's paragraphs are cleaned text, markup already read:
//! here the dateline must open the paragraph itself (the recognizer steps over markup
//! remnants before it, which the record's stored paragraphs may hold), so that a
//! document's dateline is always the start of its first body paragraph.

/// A dateline found at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dateline {
    /// The dateline as written.
    pub text: String,
    /// The reporters credited right after a Chinese dateline ("（记者 张三）").
    pub reporters: Option<String>,
}

/// Finds a dateline at the start of `text`.
pub(crate) fn detect(text: &str) -> Option<Dateline> {
    let d = readout_lang::dateline::find(text).filter(|d| d.range.start == 0)?;
    Some(Dateline {
        text: d.text.to_string(),
        reporters: d.reporters.map(str::to_string),
    })
}

/// The full date a dateline states ("新华社北京2024年1月4日电"), as `YYYY-MM-DD`.
pub(crate) fn stated_date(dateline: &str) -> Option<String> {
    let d = readout_lang::dateline::find(dateline)?;
    d.date.full().map(|c| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Option<String> {
        detect(s).map(|d| d.text)
    }

    #[test]
    fn chinese_datelines() {
        assert_eq!(text("新华社电 中共中央总书记").as_deref(), Some("新华社电"));
        assert_eq!(
            text("新华社北京11月27日电 中共中央政治局").as_deref(),
            Some("新华社北京11月27日电")
        );
        assert_eq!(
            text("本報香港3月5日電 特區政府").as_deref(),
            Some("本報香港3月5日電")
        );
        let d = detect("本报北京3月5日电（记者 王某 李某）今天").unwrap();
        assert_eq!(d.reporters.as_deref(), Some("王某 李某"));
        assert_eq!(text("新华社发表评论员文章，指出电力"), None);
        assert_eq!(
            text("央视网消息（新闻联播）：长江是").as_deref(),
            Some("央视网消息（新闻联播）")
        );
        assert_eq!(text("本报讯 省政府").as_deref(), Some("本报讯"));
        assert_eq!(text("新华社消息称").as_deref(), Some("新华社消息"));
        assert_eq!(
            stated_date("新华社北京2024年1月4日电").as_deref(),
            Some("2024-01-04")
        );
        assert_eq!(stated_date("新华社北京1月4日电"), None);
        assert_eq!(text("会议指出，新华社电"), None);
        // Cleaned text: a dateline after markup remnants does not open the paragraph.
        assert_eq!(text("<p>新华社电 中共中央"), None);
    }

    #[test]
    fn english_datelines() {
        assert_eq!(
            text("Xinhua News Agency, Beijing, November 27 – The Political Bureau").as_deref(),
            Some("Xinhua News Agency, Beijing, November 27")
        );
        assert_eq!(
            text("BEIJING, Nov. 27 (Xinhua) -- The Political Bureau").as_deref(),
            Some("BEIJING, Nov. 27 (Xinhua)")
        );
        assert_eq!(
            text("SHANGHAI (Reuters) - Shares rose").as_deref(),
            Some("SHANGHAI (Reuters)")
        );
        assert_eq!(text("The meeting - which was held on Monday - noted"), None);
        assert_eq!(text("Beijing - a city"), None);
    }
}
