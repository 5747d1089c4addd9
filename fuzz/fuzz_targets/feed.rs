//! Fuzzes the reader's structure paths: feeds (JSON Feed, RSS 2.0, Atom) and archive
//! files whose items carry source-link lines. The input's first byte picks the
//! container; the rest is split at 0x1F into a title, a content, a url, a date and a
//! link label, put raw into the container, so escapes, CDATA, entities, markup and
//! links inside are what gets fuzzed while the container stays recognisable. The
//! reading must hold every invariant of `read` (see `check_reading`), and a url a
//! document gets is always an http(s) address.

#![no_main]

use libfuzzer_sys::fuzz_target;
use readout_fuzz::check_reading;
use readout_text::{read, Limits};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let mut f = text.split('\u{1F}');
    let mut next = || f.next().unwrap_or("");
    let (title, content, url, date, label) = (next(), next(), next(), next(), next());
    let file = match selector % 4 {
        0 => format!(
            "{{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"{title}\",\"items\":[\
             {{\"id\":\"1\",\"url\":\"{url}\",\"title\":\"{title}\",\"content_html\":\"{content}\",\
             \"date_published\":\"{date}\"}},{{\"title\":\"{label}\",\"content_text\":\"{content}\"}}]}}"
        ),
        1 => format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{label}</title>\
             <item><title>{title}</title><link>{url}</link><pubDate>{date}</pubDate>\
             <description><![CDATA[{content}]]></description></item>\
             <item><title>{label}</title><description>{content}</description></item></channel></rss>"
        ),
        2 => format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>{label}</title><entry>\
             <title type=\"html\">{title}</title><link rel=\"alternate\" href=\"{url}\"/>\
             <published>{date}</published><content type=\"html\">{content}</content></entry></feed>"
        ),
        _ => format!(
            "# {label}\n\n## 新闻摘要\n\n1.{title}；\n\n2.{label}；\n\n3.{content}\n\n## 详细新闻\n\n\
             ### {title}\n\n<p>{content}</p>\n\n[{label}]({url})\n\n### {label}\n\n<p>{date}</p>\n\n\
             [查看原文]({url})\n\n---\n\n{content}\n"
        ),
    };
    let limits = Limits {
        max_file_bytes: 1 << 20,
        max_line_bytes: 1 << 16,
    };
    let name = ["feed.json", "feed.xml", "atom", "20240104.md"][usize::from(selector % 4)];
    if let Ok(r) = read(file.as_bytes(), Some(name), &limits) {
        check_reading(file.as_bytes(), &r);
    }
});
