//! charset: bytes in any encoding to UTF-8 text plus the offset map back to the bytes.
//!
//! Order of evidence: a byte order mark; UTF-16 by its byte pattern; valid UTF-8; UTF-8
//! with a few broken sequences (decoded with U+FFFD rather than guessed as something else);
//! otherwise the legacy encoding chardetng guesses (GBK/GB18030, Big5, Shift_JIS…).

use super::map::MapBuilder;
use super::sniff::{self, Endian};
use crate::model::{MapPoint, Rejection};
use encoding_rs::Encoding;

/// A decoded text before markup is reduced.
#[derive(Debug)]
pub(crate) struct Text {
    pub(crate) text: String,
    pub(crate) encoding: String,
    pub(crate) had_errors: bool,
    pub(crate) map: Vec<MapPoint>,
}

/// Decodes `bytes` (not empty, not of a binary format by magic number).
pub(crate) fn decode_bytes(bytes: &[u8]) -> Result<Text, Rejection> {
    if bytes.starts_with(b"\xFF\xFE\x00\x00") || bytes.starts_with(b"\x00\x00\xFE\xFF") {
        return Err(Rejection::Binary("UTF-32 text, not supported".into()));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let mut m = MapBuilder::new();
        m.step(0, 3);
        let (text, had_errors) = utf8_lossy(rest, &mut m);
        return Ok(Text {
            text,
            encoding: "UTF-8".into(),
            had_errors,
            map: m.finish(),
        });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, 2, Endian::Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, 2, Endian::Be);
    }
    let valid = std::str::from_utf8(bytes);
    if let Some(e) = sniff::utf16_without_bom(bytes, valid.is_ok()) {
        return utf16(bytes, 0, e);
    }
    if sniff::mostly_control(bytes) {
        return Err(Rejection::Binary("control bytes".into()));
    }
    if let Ok(s) = valid {
        return Ok(Text {
            text: s.to_string(),
            encoding: "UTF-8".into(),
            had_errors: false,
            map: Vec::new(),
        });
    }
    if mostly_utf8(bytes) {
        let mut m = MapBuilder::new();
        let (text, had_errors) = utf8_lossy(bytes, &mut m);
        return Ok(Text {
            text,
            encoding: "UTF-8".into(),
            had_errors,
            map: m.finish(),
        });
    }
    match declared_charset(bytes) {
        Some(enc) if enc == encoding_rs::UTF_8 => {
            let mut m = MapBuilder::new();
            let (text, had_errors) = utf8_lossy(bytes, &mut m);
            Ok(Text {
                text,
                encoding: "UTF-8".into(),
                had_errors,
                map: m.finish(),
            })
        }
        Some(enc) if enc.is_ascii_compatible() && enc != encoding_rs::REPLACEMENT => {
            Ok(legacy(bytes, enc))
        }
        _ => Ok(legacy(bytes, guess(bytes))),
    }
}

/// The encoding an HTML or XML head declares (`<meta charset=gbk>`, `content="text/html;
/// charset=big5"`, `<?xml … encoding="gb2312"?>`). Consulted only for bytes that are not
/// valid UTF-8: a page re-saved as UTF-8 often keeps its old declaration.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    for key in [&b"charset"[..], &b"encoding"[..]] {
        let mut from = 0;
        while let Some(k) = find_ci(&head[from..], key) {
            let mut i = from + k + key.len();
            while matches!(head.get(i), Some(b' ' | b'\t')) {
                i += 1;
            }
            if head.get(i) == Some(&b'=') {
                i += 1;
                while matches!(head.get(i), Some(b' ' | b'\t' | b'"' | b'\'')) {
                    i += 1;
                }
                let len = head[i..]
                    .iter()
                    .take_while(|c| {
                        c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b':')
                    })
                    .count();
                if let Some(enc) = Encoding::for_label(&head[i..i + len]) {
                    return Some(enc);
                }
            }
            from += k + key.len();
        }
    }
    None
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// True when broken sequences are rare among the valid multi-byte UTF-8 sequences: a UTF-8
/// file damaged in places, not a legacy encoding (whose text makes errors everywhere).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut valid_multi = 0usize;
    let mut errors = 0usize;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid_multi += count_leads(s.as_bytes());
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                valid_multi += count_leads(good);
                errors += 1;
                if errors > 16 && errors * 5 > valid_multi {
                    return false;
                }
                match e.error_len() {
                    Some(n) => rest = &bad[n..],
                    None => break,
                }
            }
        }
    }
    valid_multi >= 4 && errors * 5 <= valid_multi
}

fn count_leads(b: &[u8]) -> usize {
    b.iter().filter(|&&x| x >= 0xC0).count()
}

/// Decodes UTF-8 replacing each maximal invalid subsequence by U+FFFD.
fn utf8_lossy(bytes: &[u8], m: &mut MapBuilder) -> (String, bool) {
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    let mut had_errors = false;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                m.step(s.len(), s.len());
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                // SAFETY-free: `good` was just validated.
                let good = std::str::from_utf8(good).unwrap_or_default();
                out.push_str(good);
                m.step(good.len(), good.len());
                had_errors = true;
                out.push('\u{FFFD}');
                let n = e.error_len().unwrap_or(bad.len());
                m.step(3, n);
                rest = &bad[n..];
                if rest.is_empty() {
                    break;
                }
            }
        }
    }
    (out, had_errors)
}

/// Decodes UTF-16 (after a BOM of `skip` bytes); lone surrogates and an odd last byte
/// become U+FFFD.
fn utf16(body: &[u8], skip: usize, e: Endian) -> Result<Text, Rejection> {
    let mut m = MapBuilder::new();
    m.step(0, skip);
    let mut out = String::with_capacity(body.len() * 3 / 2);
    let mut had_errors = false;
    let unit = |i: usize| -> u16 {
        let p = [body[i], body[i + 1]];
        match e {
            Endian::Le => u16::from_le_bytes(p),
            Endian::Be => u16::from_be_bytes(p),
        }
    };
    let n = body.len() & !1;
    let mut i = 0;
    while i < n {
        let u = unit(i);
        if (0xD800..0xDC00).contains(&u) && i + 4 <= n {
            let v = unit(i + 2);
            if (0xDC00..0xE000).contains(&v) {
                let cp = 0x10000 + (((u as u32) - 0xD800) << 10) + ((v as u32) - 0xDC00);
                out.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                m.step(4, 4);
                i += 4;
                continue;
            }
        }
        let c = char::from_u32(u as u32).unwrap_or_else(|| {
            had_errors = true;
            '\u{FFFD}'
        });
        out.push(c);
        m.step(c.len_utf8(), 2);
        i += 2;
    }
    if body.len() > n {
        had_errors = true;
        out.push('\u{FFFD}');
        m.step(3, 1);
    }
    if mostly_control_text(&out) {
        return Err(Rejection::Binary("control characters".into()));
    }
    Ok(Text {
        text: out,
        encoding: match e {
            Endian::Le => "UTF-16LE".into(),
            Endian::Be => "UTF-16BE".into(),
        },
        had_errors,
        map: m.finish(),
    })
}

fn mostly_control_text(s: &str) -> bool {
    let mut n = 0usize;
    let mut ctrl = 0usize;
    for c in s.chars().take(sniff::SAMPLE) {
        n += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{b}' | '\u{c}') {
            ctrl += 1;
        }
    }
    ctrl * 10 > n
}

/// The legacy encoding chardetng guesses from the start of the file.
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
    // chardetng is slow (a few MB/s): give it the stretch where the non-ASCII text starts.
    let from = bytes
        .iter()
        .position(|&b| b >= 0x80)
        .unwrap_or(0)
        .saturating_sub(256);
    let from = bytes[..from]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let sample = &bytes[from..bytes.len().min(from + 32 * 1024)];
    det.feed(sample, from + sample.len() == bytes.len());
    det.guess(None, chardetng::Utf8Detection::Deny)
}

/// How many source bytes each character of an encoding takes, as far as it can be told
/// from the lead byte; `None` for stateful encodings.
fn widths(enc: &'static Encoding) -> Option<fn(&[u8], usize) -> usize> {
    if enc.is_single_byte() {
        return Some(|_, _| 1);
    }
    if enc == encoding_rs::GBK || enc == encoding_rs::GB18030 {
        return Some(|b, i| match b[i] {
            0..=0x80 | 0xFF => 1,
            _ if matches!(b.get(i + 1), Some(0x30..=0x39)) => 4,
            _ => 2,
        });
    }
    if enc == encoding_rs::BIG5 || enc == encoding_rs::EUC_KR {
        return Some(|b, i| if b[i] < 0x80 { 1 } else { 2 });
    }
    if enc == encoding_rs::SHIFT_JIS {
        return Some(|b, i| match b[i] {
            0..=0x80 | 0xA0..=0xDF | 0xFD..=0xFF => 1,
            _ => 2,
        });
    }
    if enc == encoding_rs::EUC_JP {
        return Some(|b, i| match b[i] {
            0..=0x7F => 1,
            0x8F => 3,
            _ => 2,
        });
    }
    None
}

/// Decodes with a legacy encoding. The map gets a checkpoint at every line (LF is one
/// byte in every ASCII-compatible encoding and never part of a multi-byte character), and
/// per-character detail within lines whose widths can be followed.
fn legacy(bytes: &[u8], enc: &'static Encoding) -> Text {
    let mut name = enc.name().to_string();
    if enc == encoding_rs::GBK && has_four_byte_gb18030(bytes) {
        name = encoding_rs::GB18030.name().to_string();
    }
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let text = text.into_owned();
    let mut m = MapBuilder::new();
    let lines_match = enc.is_ascii_compatible()
        && memchr::memchr_iter(b'\n', bytes).count()
            == memchr::memchr_iter(b'\n', text.as_bytes()).count();
    match widths(enc) {
        Some(width) if lines_match => {
            let mut steps = Vec::new();
            for (t, b) in text
                .split_inclusive('\n')
                .zip(bytes.split_inclusive(|&b| b == b'\n'))
            {
                if !follow_widths(t, b, width, enc, &mut steps) {
                    steps.clear();
                    steps.push((t.len(), b.len(), 1));
                }
                for &(t, s, n) in &steps {
                    m.step_n(t, s, n);
                }
                steps.clear();
            }
        }
        _ => m.step(text.len(), bytes.len()),
    }
    Text {
        text,
        encoding: name,
        had_errors,
        map: m.finish(),
    }
}

/// Collects one (text, source) step per character when the widths add up; false when
/// they do not, as on lines with errors.
fn follow_widths(
    text: &str,
    line: &[u8],
    width: fn(&[u8], usize) -> usize,
    enc: &'static Encoding,
    steps: &mut Vec<(usize, usize, usize)>,
) -> bool {
    if text.contains('\u{FFFD}') {
        return false;
    }
    let mut i = 0;
    let mut prev = '\0';
    for c in text.chars() {
        // Big5 makes two characters (Ê plus a combining mark) of some byte pairs.
        let w = if c.is_ascii() {
            1
        } else if enc == encoding_rs::BIG5
            && matches!(c, '\u{304}' | '\u{30C}')
            && matches!(prev, 'Ê' | 'ê')
        {
            0
        } else {
            if i >= line.len() {
                return false;
            }
            width(line, i)
        };
        let t = c.len_utf8();
        // Runs of same-shaped characters are kept as one (text, source, count) entry.
        match steps.last_mut() {
            Some((lt, lw, n)) if *lt == t && *lw == w => *n += 1,
            _ => steps.push((t, w, 1)),
        }
        i += w;
        prev = c;
    }
    i == line.len()
}

/// True when GBK-decoded bytes use GB18030's four-byte sequences.
fn has_four_byte_gb18030(b: &[u8]) -> bool {
    let mut i = 0;
    while i + 3 < b.len() {
        if b[i] < 0x80 {
            i += 1;
            continue;
        }
        if (0x81..=0xFE).contains(&b[i])
            && (0x30..=0x39).contains(&b[i + 1])
            && (0x81..=0xFE).contains(&b[i + 2])
            && (0x30..=0x39).contains(&b[i + 3])
        {
            return true;
        }
        i += 2;
    }
    false
}
