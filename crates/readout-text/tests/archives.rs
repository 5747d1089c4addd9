//! Real archives and feeds: a news broadcast's day files (Markdown with inline HTML), a
//! newspaper's JSON Feed, a news site's JSON Feed, and RSS 2.0 and Atom feeds built
//! from the seeds with a newspaper page's furniture (page labels, a pull quote, a
//! spaced-out copyright line). Every item must be one document with its title, url,
//! publication date (and where it was read) and its paragraphs.

use readout_text::{read, DocKind, Document, Limits, PublishedFrom, Reading};
use serde_json::Value;
use std::path::PathBuf;

fn testdata(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(rel)
}

fn read_file(rel: &str) -> (Vec<u8>, Reading) {
    let path = testdata(rel);
    let bytes = std::fs::read(&path).expect("fixture");
    let name = path.to_string_lossy().into_owned();
    let r = read(&bytes, Some(&name), &Limits::default()).expect("reads");
    (bytes, r)
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The non-empty `<p>` blocks of each `### ` item of a day file, tags stripped.
fn p_blocks(md: &str) -> Vec<Vec<String>> {
    md.split("\n### ")
        .skip(1)
        .map(|section| {
            let mut out = Vec::new();
            let mut rest = section;
            while let Some(open) = rest.find("<p") {
                let after = &rest[open..];
                let Some(gt) = after.find('>') else { break };
                let Some(close) = after.find("</p>") else {
                    break;
                };
                let inner = &after[gt + 1..close];
                let mut text = String::new();
                let mut in_tag = false;
                for c in inner.chars() {
                    match c {
                        '<' => in_tag = true,
                        '>' => in_tag = false,
                        _ if !in_tag => text.push(c),
                        _ => {}
                    }
                }
                let text = fold(&text.replace("&nbsp;", " "));
                if !text.is_empty() {
                    out.push(text);
                }
                rest = &after[close + 4..];
            }
            out
        })
        .collect()
}

/// Checks a day file against its lines of items.jsonl.
fn check_day_file(file: &str) {
    let (bytes, r) = read_file(&format!("xwlb/{file}"));
    let md = String::from_utf8(bytes).unwrap();
    let blocks = p_blocks(&md);
    let items: Vec<Value> = std::fs::read_to_string(testdata("xwlb/items.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|v: &Value| v["file"] == file)
        .collect();
    let articles: Vec<&Document> = r
        .documents
        .iter()
        .filter(|d| d.kind == DocKind::Article)
        .collect();
    assert_eq!(articles.len(), items.len(), "{file}: one article per item");
    for (d, it) in articles.iter().zip(&items) {
        let heading = it["heading"].as_str().unwrap();
        assert_eq!(d.title.as_deref(), Some(heading), "{file}: title");
        assert_eq!(
            d.meta.url.as_deref(),
            it["url"].as_str(),
            "{file}: url of {heading}"
        );
        let day = it["broadcast"].as_str().unwrap();
        assert_eq!(d.meta.published.as_deref(), Some(day), "{file}: {heading}");
        let from = if it["url"].is_null() {
            PublishedFrom::Path
        } else {
            PublishedFrom::Url
        };
        assert_eq!(d.meta.published_from, Some(from), "{file}: {heading}");
        let body: Vec<String> = d.body.iter().map(|p| fold(&p.text)).collect();
        let want = &blocks[it["item"].as_u64().unwrap() as usize];
        assert_eq!(&body, want, "{file}: body of {heading}");
        assert_eq!(body.len() as u64, it["paragraphs"].as_u64().unwrap());
    }
    // The summary section is a digest; no link line is a document.
    let digests: Vec<&Document> = r
        .documents
        .iter()
        .filter(|d| d.kind == DocKind::Digest)
        .collect();
    assert_eq!(digests.len(), 1, "{file}: the summary is one digest");
    assert_eq!(digests[0].title.as_deref(), Some("新闻摘要"));
    assert!(digests[0].body.len() >= items.len());
    for d in &r.documents {
        assert!(
            !d.body.iter().any(|p| p.text.contains("查看原文")),
            "{file}: a link line in a body"
        );
    }
}

#[test]
fn a_day_file_with_source_links_reads_item_by_item() {
    check_day_file("20230101.md");
}

#[test]
fn a_day_file_without_links_reads_item_by_item_and_its_footer_is_no_item() {
    check_day_file("20220924.md");
    let (_, r) = read_file("xwlb/20220924.md");
    let last = r
        .documents
        .iter()
        .rfind(|d| d.kind == DocKind::Article)
        .unwrap();
    assert_eq!(last.title.as_deref(), Some("【大美中国】贵州"));
    assert!(!last.body.iter().any(|p| p.text.contains("更新时间戳")));
}

/// Every paragraph starts, in the original bytes, with the characters it starts with
/// (the feeds here write Chinese unescaped).
fn assert_maps_back(bytes: &[u8], r: &Reading) {
    for d in &r.documents {
        for p in d.headlines.iter().chain(&d.body) {
            let first = p.text.chars().next().unwrap();
            if !readout_lang::is_han(first) {
                continue;
            }
            let cleaned = p.pieces[0].src.start;
            let decoded = readout_text::clean::to_decoded(&r.removals, cleaned);
            let at = r.decoded.to_original(decoded);
            let want = first.to_string();
            assert!(
                bytes[at..].starts_with(want.as_bytes()),
                "{:?} maps to {:?}",
                p.text,
                String::from_utf8_lossy(&bytes[at..(at + 12).min(bytes.len())])
            );
        }
    }
}

#[test]
fn json_feeds_read_item_by_item() {
    for (file, items) in [
        ("feeds/people-politics.json", 5),
        ("feeds/guangming-8.json", 8),
    ] {
        let (bytes, r) = read_file(file);
        let feed: Value = serde_json::from_slice(&bytes).unwrap();
        assert!(r.decoded.format.is_feed());
        assert_eq!(r.documents.len(), items, "{file}");
        for (d, it) in r.documents.iter().zip(feed["items"].as_array().unwrap()) {
            assert_eq!(d.kind, DocKind::Article);
            assert_eq!(d.meta.url.as_deref(), it["url"].as_str(), "{file}");
            let title = it["title"].as_str().unwrap();
            let want = title.split_once(" - ").map_or(title, |(_, t)| t);
            assert_eq!(d.title.as_deref(), Some(want), "{file}: no page label");
            let day = &it["date_published"].as_str().unwrap()[..10];
            assert_eq!(&d.meta.published.as_deref().unwrap()[..10], day, "{file}");
            assert!(!d.body.is_empty(), "{file}: {title}");
            assert!(!d.body.iter().any(|p| p.text.contains("feedx")), "{file}");
            assert_eq!(
                d.meta.source.as_deref(),
                feed["title"].as_str(),
                "{file}: the feed names the source"
            );
        }
        assert_maps_back(&bytes, &r);
    }
    // A newspaper page: the label is the page, the date line the publication date.
    let (_, r) = read_file("feeds/guangming-8.json");
    let d = &r.documents[0];
    assert_eq!(d.meta.page.as_deref(), Some("04版教科文新闻"));
    assert_eq!(d.meta.published_from, Some(PublishedFrom::Text));
    let (_, r) = read_file("feeds/people-politics.json");
    assert_eq!(
        r.documents[0].meta.published_from,
        Some(PublishedFrom::Feed)
    );
    assert_eq!(r.documents[0].meta.page, None);
}

/// The seeds' 004 as a newspaper feed in RSS 2.0 and in Atom.
fn check_seed_feed(file: &str) {
    let (bytes, r) = read_file(file);
    assert_eq!(r.documents.len(), 2, "{file}");
    let (a, b) = (&r.documents[0], &r.documents[1]);
    assert_eq!(
        a.title.as_deref(),
        Some("习近平主持召开深入推进长三角一体化发展座谈会强调")
    );
    assert_eq!(a.meta.page.as_deref(), Some("01版"));
    assert_eq!(
        b.title.as_deref(),
        Some("习近平向“声援巴勒斯坦人民国际日”纪念大会致贺电")
    );
    assert_eq!(b.meta.page.as_deref(), Some("第3版：要闻"));
    for (d, n) in [(a, "1-01"), (b, "4-03")] {
        assert!(d
            .meta
            .url
            .as_deref()
            .unwrap()
            .ends_with(&format!("{n}.htm")));
        assert_eq!(
            d.meta.published.as_deref(),
            Some("2023-12-01T05:00:00+08:00")
        );
        assert_eq!(d.meta.published_from, Some(PublishedFrom::Feed));
        assert_eq!(d.meta.source.as_deref(), Some("人民日报"));
    }
    // The article is the document; the pull quote and the copyright line are not.
    let want = |f: &str| -> Vec<String> {
        std::fs::read_to_string(testdata(f))
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(fold)
            .collect()
    };
    let body = |d: &Document| -> Vec<String> { d.body.iter().map(|p| fold(&p.text)).collect() };
    assert_eq!(body(a), want("seeds/expected/004a-zh.body.txt"), "{file}");
    assert_eq!(body(b), want("seeds/expected/004b-zh.body.txt"), "{file}");
    assert!(a.meta.boilerplate.iter().any(|l| l.starts_with('■')));
    assert!(a
        .meta
        .boilerplate
        .iter()
        .any(|l| l == "人 民 网 版 权 所 有"));
    assert!(a.meta.dateline.as_deref() == Some("新华社电"));
    assert_maps_back(&bytes, &r);
}

#[test]
fn an_rss_feed_of_newspaper_pages_reads_item_by_item() {
    check_seed_feed("feeds/seeds.rss");
}

#[test]
fn an_atom_feed_of_newspaper_pages_reads_item_by_item() {
    check_seed_feed("feeds/seeds.atom");
    let (_, r) = read_file("feeds/seeds.atom");
    assert_eq!(r.documents[0].meta.author.as_deref(), Some("新华社"));
}

#[test]
fn a_feed_url_that_is_no_address_is_not_taken() {
    // Found by fuzzing: an RSS <link> holding "0" became the document's url.
    let rss = "<rss><channel><item><title>题</title><link>0</link><description>正文。</description></item>\
               <item><title>二</title><link>//x.cn/a/1.html</link><description>正文。</description></item></channel></rss>";
    let r = read(rss.as_bytes(), None, &Limits::default()).unwrap();
    assert_eq!(r.documents[0].meta.url, None);
    assert_eq!(
        r.documents[1].meta.url.as_deref(),
        Some("https://x.cn/a/1.html")
    );
}

#[test]
fn feeds_are_told_by_content_not_by_name() {
    let bytes = std::fs::read(testdata("feeds/seeds.rss")).unwrap();
    for name in [None, Some("feed"), Some("x.txt"), Some("x.html")] {
        let r = read(&bytes, name, &Limits::default()).unwrap();
        assert_eq!(r.documents.len(), 2, "{name:?}");
    }
}

#[test]
fn a_page_head_gives_url_date_and_source() {
    let html = r#"<!doctype html><html><head><title>中共中央政治局召开会议_新华网</title>
<link rel="canonical" href="http://www.news.cn/politics/leaders/2024-01/04/c_1130054.htm">
<meta property="og:site_name" content="新华网">
<meta name="PubDate" content="2024-01-04 19:05:32">
</head><body><h1>中共中央政治局召开会议</h1>
<p>新华社北京1月4日电 中共中央政治局1月4日召开会议。</p><p>会议指出，要坚持稳中求进。</p></body></html>"#;
    let r = read(html.as_bytes(), Some("page.html"), &Limits::default()).unwrap();
    let d = r.documents.iter().find(|d| !d.body.is_empty()).unwrap();
    assert_eq!(
        d.meta.url.as_deref(),
        Some("http://www.news.cn/politics/leaders/2024-01/04/c_1130054.htm")
    );
    assert_eq!(d.meta.published.as_deref(), Some("2024-01-04T19:05:32"));
    assert_eq!(d.meta.published_from, Some(PublishedFrom::Meta));
    assert_eq!(d.meta.source.as_deref(), Some("新华网"));
    assert_eq!(d.body.len(), 2);

    // Without a meta date, the url states it; without a url, the path.
    let bare = html.replace(
        "<meta name=\"PubDate\" content=\"2024-01-04 19:05:32\">",
        "",
    );
    let r = read(bare.as_bytes(), Some("x/page.html"), &Limits::default()).unwrap();
    let d = r.documents.iter().find(|d| !d.body.is_empty()).unwrap();
    assert_eq!(d.meta.published.as_deref(), Some("2024-01-04"));
    assert_eq!(d.meta.published_from, Some(PublishedFrom::Url));
    let bare = bare.replace("<link rel=\"canonical\" href=\"http://www.news.cn/politics/leaders/2024-01/04/c_1130054.htm\">", "");
    let r = read(
        bare.as_bytes(),
        Some("archive/2024/01/05/page.html"),
        &Limits::default(),
    )
    .unwrap();
    let d = r.documents.iter().find(|d| !d.body.is_empty()).unwrap();
    assert_eq!(d.meta.published.as_deref(), Some("2024-01-05"));
    assert_eq!(d.meta.published_from, Some(PublishedFrom::Path));
}

#[test]
fn markdown_paragraphs_never_join_across_block_tags() {
    // Without markup, a paragraph with no closing stop is joined to the next; a <p>
    // says where it ends.
    let md = "### 标题\n\n<p>央视网消息（新闻联播）：会议要求，要加快培育新的增</p><p>长点，确保目标完成。</p>\n\n[查看原文](https://tv.cctv.com/2024/01/04/VIDEx.shtml)\n\n### 第二条\n\n<p>央视网消息（新闻联播）：第二条。</p>\n\n[查看原文](https://tv.cctv.com/2024/01/04/VIDEy.shtml)\n";
    let r = read(md.as_bytes(), Some("20240104.md"), &Limits::default()).unwrap();
    assert_eq!(r.documents.len(), 2);
    assert_eq!(r.documents[0].body.len(), 2);
    assert_eq!(
        r.documents[1].meta.url.as_deref(),
        Some("https://tv.cctv.com/2024/01/04/VIDEy.shtml")
    );
    // A headline-only item is an article with an empty body.
    let md = "## 一\n\n<p>新华社北京1月4日电 正文。</p>\n\n[查看原文](https://x.cn/2024/01/04/a.html)\n\n## 只有标题\n\n[查看原文](https://x.cn/2024/01/04/b.html)\n\n## 三\n\n<p>新华社北京1月4日电 正文。</p>\n";
    let r = read(md.as_bytes(), Some("x.md"), &Limits::default()).unwrap();
    let titles: Vec<_> = r
        .documents
        .iter()
        .map(|d| (d.kind, d.title.clone(), d.body.len()))
        .collect();
    assert_eq!(
        titles,
        vec![
            (DocKind::Article, Some("一".to_string()), 1),
            (DocKind::Article, Some("只有标题".to_string()), 0),
            (DocKind::Article, Some("三".to_string()), 1),
        ]
    );
}

#[test]
fn headings_that_section_one_article_do_not_split_it() {
    let md = "# 政府工作报告\n\n各位代表：\n\n## 一、2023年工作回顾\n\n过去一年，我们坚持稳中求进。\n\n## 二、2024年工作总体部署\n\n今年发展主要预期目标是。\n\n## 三、2024年政府工作任务\n\n一是大力推进现代化产业体系建设。\n";
    let r = read(md.as_bytes(), Some("report.md"), &Limits::default()).unwrap();
    assert_eq!(
        r.documents.len(),
        1,
        "{:?}",
        r.documents.iter().map(|d| &d.title).collect::<Vec<_>>()
    );
}
