//! The decode stage on real encodings, binary files, damaged bytes, HTML and Markdown:
//! the text comes back exactly and every decoded offset maps to the original bytes.

use readout_text::decode::decode;
use readout_text::{Decoded, Format, Rejection};

const ZH: &str = "中共中央政治局11月27日召开会议，审议《关于进一步推动长江经济带高质量发展若干政策措施的意见》。\n\
会议指出，要坚持生态优先、绿色发展（第3条）——“共抓大保护”。\r\n";
const ZH_HANT: &str = "中共中央政治局11月27日召開會議，審議《關於進一步推動長江經濟帶高質量發展若干政策措施的意見》。\n\
會議指出，要堅持生態優先、綠色發展（第3條）——「共抓大保護」。\n";

/// Every character of the decoded text maps to the bytes that encode it.
fn assert_maps_chars(d: &Decoded, bytes: &[u8], encode: impl Fn(&str) -> Vec<u8>) {
    for (i, c) in d.text.char_indices() {
        let r = d.to_original_range(i..i + c.len_utf8());
        let want = encode(&c.to_string());
        assert_eq!(
            &bytes[r.clone()],
            &want[..],
            "char {c:?} at {i} maps to {r:?}"
        );
    }
}

fn enc(e: &'static encoding_rs::Encoding) -> impl Fn(&str) -> Vec<u8> {
    move |s| e.encode(s).0.into_owned()
}

#[test]
fn utf8_plain_and_with_bom() {
    let d = decode(ZH.as_bytes(), None).unwrap();
    assert_eq!(
        (d.text.as_str(), d.encoding.as_str(), d.map.is_empty()),
        (ZH, "UTF-8", true)
    );
    let mut b = b"\xEF\xBB\xBF".to_vec();
    b.extend_from_slice(ZH.as_bytes());
    let d = decode(&b, None).unwrap();
    assert_eq!(d.text, ZH);
    assert_eq!(d.encoding, "UTF-8");
    assert_eq!(d.to_original(0), 3);
    assert_maps_chars(&d, &b, |s| s.as_bytes().to_vec());
}

#[test]
fn gbk_round_trip() {
    let (b, _, bad) = encoding_rs::GBK.encode(ZH);
    assert!(!bad);
    let d = decode(&b, Some("report.txt")).unwrap();
    assert_eq!(d.text, ZH);
    assert_eq!(d.encoding, "GBK");
    assert!(!d.had_errors);
    assert_maps_chars(&d, &b, enc(encoding_rs::GBK));
}

#[test]
fn gb18030_round_trip() {
    // Characters outside GBK take GB18030's four-byte form.
    let text = format!("{ZH}䶮𠮷€龴\n");
    let (b, _, bad) = encoding_rs::GB18030.encode(&text);
    assert!(!bad);
    let d = decode(&b, None).unwrap();
    assert_eq!(d.text, text);
    assert_eq!(d.encoding, "gb18030");
    assert_maps_chars(&d, &b, enc(encoding_rs::GB18030));
}

#[test]
fn big5_round_trip() {
    let (b, _, bad) = encoding_rs::BIG5.encode(ZH_HANT);
    assert!(!bad);
    let d = decode(&b, None).unwrap();
    assert_eq!(d.text, ZH_HANT);
    assert_eq!(d.encoding, "Big5");
    assert_maps_chars(&d, &b, enc(encoding_rs::BIG5));
}

fn utf16(s: &str, le: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if le { b"\xFF\xFE" } else { b"\xFE\xFF" });
    }
    for u in s.encode_utf16() {
        out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

#[test]
fn utf16_round_trips() {
    let text = format!("{ZH}English line 𠮷 too.\n");
    for (le, bom) in [(true, true), (false, true), (true, false), (false, false)] {
        let b = utf16(&text, le, bom);
        let d = decode(&b, None).unwrap_or_else(|e| panic!("le={le} bom={bom}: {e}"));
        assert_eq!(d.text, text, "le={le} bom={bom}");
        assert_eq!(d.encoding, if le { "UTF-16LE" } else { "UTF-16BE" });
        assert!(!d.had_errors);
        let skip = if bom { 2 } else { 0 };
        for (i, c) in d.text.char_indices() {
            let r = d.to_original_range(i..i + c.len_utf8());
            assert_eq!(
                &b[r],
                &utf16(&c.to_string(), le, false)[..],
                "{c:?} le={le} bom={bom}"
            );
        }
        assert_eq!(d.to_original(0), skip);
    }
    // Chinese only, no BOM, no NUL bytes at all.
    let b = utf16(ZH_HANT, false, false);
    assert_eq!(decode(&b, None).unwrap().text, ZH_HANT);
}

#[test]
fn binary_files_are_rejected() {
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10";
    assert_eq!(
        decode(png, Some("x.txt")),
        Err(Rejection::Binary("PNG image".into()))
    );
    let elf = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00";
    assert_eq!(
        decode(elf, None),
        Err(Rejection::Binary("ELF executable".into()))
    );
    assert!(matches!(
        decode(b"%PDF-1.4\n%\xe2\xe3", None),
        Err(Rejection::Binary(_))
    ));
    assert!(matches!(
        decode(b"PK\x03\x04\x14\x00", None),
        Err(Rejection::Binary(_))
    ));
    assert!(matches!(
        decode(b"\x1f\x8b\x08\x00", None),
        Err(Rejection::Binary(_))
    ));
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8 & 0x1F)
        .collect();
    assert!(matches!(decode(&noise, None), Err(Rejection::Binary(_))));
}

#[test]
fn empty_and_textless() {
    assert_eq!(decode(b"", None), Err(Rejection::Empty));
    assert_eq!(decode(b"   \n\n\t", None), Err(Rejection::NoText));
    assert_eq!(decode(b"\xEF\xBB\xBF", None), Err(Rejection::NoText));
}

#[test]
fn invalid_bytes_mid_utf8_file_stay_utf8() {
    let mut b = ZH.as_bytes().to_vec();
    let mid = ZH.find("会议指出").unwrap();
    b.splice(mid..mid, [0xFFu8, 0xC3]);
    b.splice(9..9, [0x80u8]);
    let d = decode(&b, None).unwrap();
    assert_eq!(d.encoding, "UTF-8");
    assert!(d.had_errors);
    assert_eq!(d.text.matches('\u{FFFD}').count(), 3);
    assert_eq!(d.text.replace('\u{FFFD}', ""), ZH);
    // Offsets after the damage still land on the right bytes.
    let t = d.text.find("会议指出").unwrap();
    let at = d.to_original(t);
    assert!(b[at..].starts_with("会议指出".as_bytes()));
    let t = d.text.find('\u{FFFD}').unwrap();
    assert_eq!(d.to_original_range(t..t + 3), 9..10);
}

#[test]
fn html_is_reduced_to_text() {
    let page = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>政治局会议</title>\
        <style>body { font: 12px }</style><script>document.write('<p>假</p>');</script></head>\
        <body><div class=nav>首页 &gt; 头条</div><!-- 广告 -->\n<h1>中共中央政治局召开会议</h1>\
        <p>中共中央政治局11月27日召开会议，\n   审议《意见》&#12290;</p><p>会议指出&hellip;</p></body></html>";
    let d = decode(page.as_bytes(), None).unwrap();
    assert_eq!(d.format, Format::Html);
    assert_eq!(
        d.text,
        "政治局会议\n\n首页 > 头条\n\n中共中央政治局召开会议\n\n中共中央政治局11月27日召开会议，审议《意见》。\n\n会议指出…"
    );
    let heads: Vec<&str> = d
        .headings
        .iter()
        .map(|h| &d.text[h.range.clone()])
        .collect();
    assert_eq!(heads, vec!["政治局会议", "中共中央政治局召开会议"]);
    for word in ["首页", "中共中央政治局11月27日", "会议指出"] {
        let t = d.text.find(word).unwrap();
        let at = d.to_original(t);
        assert!(page.as_bytes()[at..].starts_with(word.as_bytes()), "{word}");
    }
}

#[test]
fn deeply_nested_html_does_not_overflow() {
    let n = 10_000;
    let page = format!(
        "<html><body>{}<p>深处的正文</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let d = decode(page.as_bytes(), Some("deep.html")).unwrap();
    assert_eq!(d.text, "深处的正文");
    let at = d.to_original(0);
    assert!(page.as_bytes()[at..].starts_with("深处的正文".as_bytes()));
}

#[test]
fn markdown_headings() {
    let md = "# 中共中央政治局召开会议\n\n会议**指出**，<span>要</span>坚持。\n\n## 二、部署\n";
    let d = decode(md.as_bytes(), Some("report.md")).unwrap();
    assert_eq!(d.format, Format::Markdown);
    assert_eq!(
        d.text,
        "中共中央政治局召开会议\n\n会议**指出**，要坚持。\n\n二、部署\n"
    );
    let heads: Vec<&str> = d
        .headings
        .iter()
        .map(|h| &d.text[h.range.clone()])
        .collect();
    assert_eq!(heads, vec!["中共中央政治局召开会议", "二、部署"]);
    let t = d.text.find("二、部署").unwrap();
    assert!(md.as_bytes()[d.to_original(t)..].starts_with("二、部署".as_bytes()));
}

#[test]
fn seeds_decode_as_plain_utf8() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/seeds");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".txt") {
            continue;
        }
        let bytes = std::fs::read(e.path()).unwrap();
        let d = decode(&bytes, Some(&name)).unwrap();
        assert_eq!(d.format, Format::Text, "{name}");
        assert_eq!(d.text.as_bytes(), &bytes[..], "{name}");
        assert!(d.map.is_empty());
        n += 1;
    }
    assert_eq!(n, 5);
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A deterministic spread of awkward inputs: truncated sequences, lone surrogates,
    // stray markup, every lead byte.
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    for len in 1..400usize {
        let mut b = Vec::with_capacity(len);
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            b.push(match seed % 7 {
                0 => b'<',
                1 => b'&',
                2 => 0xE4,
                _ => (seed >> 8) as u8,
            });
        }
        for name in [None, Some("a.html"), Some("a.md")] {
            if let Ok(d) = decode(&b, name) {
                for i in 0..=d.text.len() {
                    assert!(d.to_original(i) <= b.len());
                }
            }
        }
    }
}

#[test]
fn declared_charset_of_a_page_is_honoured() {
    let page =
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">\
        </head><body><p>会议</p></body></html>";
    let (b, _, _) = encoding_rs::GBK.encode(page);
    let d = decode(&b, None).unwrap();
    assert_eq!(d.encoding, "GBK");
    assert_eq!(d.text, "会议");
    // A page re-saved as UTF-8 keeps its old declaration; valid UTF-8 wins.
    let d = decode(page.as_bytes(), None).unwrap();
    assert_eq!((d.encoding.as_str(), d.text.as_str()), ("UTF-8", "会议"));
}

#[test]
fn windows_1252_english() {
    let text = "The Party\u{2019}s \u{201C}two sessions\u{201D} \u{2014} a caf\u{E9} report.\n";
    let (b, _, bad) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!bad);
    let d = decode(&b, None).unwrap();
    assert_eq!(d.encoding, "windows-1252");
    assert_eq!(d.text, text);
    assert_maps_chars(&d, &b, enc(encoding_rs::WINDOWS_1252));
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 256,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        #[test]
        fn any_bytes_decode_without_panic(b in prop::collection::vec(any::<u8>(), 0..600),
                                          name in prop::option::of("[a-z]{1,3}\\.(html|md|txt)")) {
            if let Ok(d) = decode(&b, name.as_deref()) {
                let mut last = 0;
                for (i, _) in d.text.char_indices() {
                    let o = d.to_original(i);
                    prop_assert!(o <= b.len());
                    prop_assert!(o >= last, "map goes back at {}", i);
                    last = o;
                }
                for h in &d.headings {
                    prop_assert!(h.range.start < h.range.end && h.range.end <= d.text.len());
                    prop_assert!(d.text.is_char_boundary(h.range.start) && d.text.is_char_boundary(h.range.end));
                }
            }
        }

        #[test]
        fn utf8_text_comes_back_unchanged(x in "[^<&\\x00-\\x08\\x0e-\\x1f\\x7f\u{feff}]{0,200}[a-z中]") {
            let d = decode(x.as_bytes(), None).unwrap();
            prop_assert_eq!(d.text, x);
            prop_assert!(d.map.is_empty());
        }

        #[test]
        fn gbk_text_maps_char_by_char(x in "[\u{4E00}-\u{9FA5}，。、a-z0-9 \n]{20,200}") {
            let (b, _, bad) = encoding_rs::GB18030.encode(&x);
            prop_assume!(!bad);
            if let Ok(d) = decode(&b, None) {
                if d.text == x {
                    assert_maps_chars(&d, &b, enc(encoding_rs::GB18030));
                }
            }
        }
    }
}
