//! sniff: tells from the first bytes what a file is — a binary format by its magic
//! number or its share of control bytes, UTF-16 without a byte order mark, HTML without
//! a telling file name.

/// Magic numbers of binary formats a collection of pages may hold by mistake.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\x7fELF", "ELF executable"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "zip archive"),
    (b"PK\x05\x06", "zip archive"),
    (b"PK\x07\x08", "zip archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7-zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x00asm", "WebAssembly module"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O file"),
    (b"\xfe\xed\xfa\xce", "Mach-O executable"),
    (b"\xfe\xed\xfa\xcf", "Mach-O executable"),
    (b"\xce\xfa\xed\xfe", "Mach-O executable"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"fLaC", "FLAC audio"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x00\x00\x01\x00", "icon image"),
];

/// The binary format `bytes` starts with, if any.
pub(crate) fn binary_magic(bytes: &[u8]) -> Option<&'static str> {
    for &(magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(what);
        }
    }
    if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" {
        return Some(match &bytes[8..12] {
            b"WEBP" => "WebP image",
            b"WAVE" => "WAV audio",
            b"AVI " => "AVI video",
            _ => "RIFF data",
        });
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Some("MP4/QuickTime media");
    }
    // A Windows executable: "MZ" and, where the header says, "PE\0\0".
    if bytes.len() >= 64 && bytes.starts_with(b"MZ") {
        let at = u32::from_le_bytes([bytes[60], bytes[61], bytes[62], bytes[63]]) as usize;
        if bytes.get(at..at + 4) == Some(b"PE\x00\x00") {
            return Some("Windows executable");
        }
    }
    None
}

/// How much of the start of a file the sniffers look at.
pub(crate) const SAMPLE: usize = 64 * 1024;

/// True when the sample has so many NUL or other control bytes that it is no text in an
/// ASCII-compatible encoding.
pub(crate) fn mostly_control(bytes: &[u8]) -> bool {
    let s = &bytes[..bytes.len().min(SAMPLE)];
    if s.is_empty() {
        return false;
    }
    let mut nul = 0usize;
    let mut ctrl = 0usize;
    for &b in s {
        match b {
            0 => nul += 1,
            1..=8 | 14..=26 | 28..=31 | 127 => ctrl += 1,
            _ => {}
        }
    }
    nul * 100 > s.len() || (nul + ctrl) * 10 > s.len()
}

/// Byte order of UTF-16.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Endian {
    Le,
    Be,
}

/// A UTF-16 code unit that text is made of: ASCII text, Latin-1, Greek, Cyrillic,
/// general punctuation, CJK punctuation, kana, Han, fullwidth forms, surrogates.
/// (A class of UTF-16 code units for sniffing, not `readout_lang::is_han`.)
fn plausible_unit(u: u16) -> bool {
    matches!(u,
        0x09 | 0x0A | 0x0D | 0x20..=0x7E | 0xA0..=0x17F | 0x370..=0x4FF
        | 0x2000..=0x206F | 0x2100..=0x21FF | 0x2460..=0x24FF | 0x2500..=0x25FF
        | 0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xD800..=0xDFFF
        | 0xFF00..=0xFFEF)
}

fn plausibility(s: &[u8], e: Endian) -> f64 {
    let units = s.len() / 2;
    if units == 0 {
        return 0.0;
    }
    let good = s
        .chunks_exact(2)
        .filter(|c| {
            let u = match e {
                Endian::Le => u16::from_le_bytes([c[0], c[1]]),
                Endian::Be => u16::from_be_bytes([c[0], c[1]]),
            };
            plausible_unit(u)
        })
        .count();
    good as f64 / units as f64
}

/// Detects UTF-16 without a byte order mark: by the NUL bytes of ASCII characters falling
/// on one parity, or, for text that is not UTF-8 at all, by how much of it reads as text
/// units in one byte order.
pub(crate) fn utf16_without_bom(bytes: &[u8], valid_utf8: bool) -> Option<Endian> {
    if bytes.len() < 4 {
        return None;
    }
    let s = &bytes[..bytes.len().min(SAMPLE) & !1];
    let pairs = s.len() / 2;
    let (mut even0, mut odd0) = (0usize, 0usize);
    for c in s.chunks_exact(2) {
        even0 += (c[0] == 0) as usize;
        odd0 += (c[1] == 0) as usize;
    }
    let le = plausibility(s, Endian::Le);
    let be = plausibility(s, Endian::Be);
    if odd0 * 5 > pairs * 2 && even0 * 20 < pairs && le >= 0.8 {
        return Some(Endian::Le);
    }
    if even0 * 5 > pairs * 2 && odd0 * 20 < pairs && be >= 0.8 {
        return Some(Endian::Be);
    }
    if valid_utf8 || pairs < 8 {
        return None;
    }
    // Legacy CJK bytes can read as Han units too; real text also has line breaks, spaces
    // or CJK punctuation.
    if le >= 0.95 && le > be && has_structure(s, Endian::Le) {
        Some(Endian::Le)
    } else if be >= 0.95 && be > le && has_structure(s, Endian::Be) {
        Some(Endian::Be)
    } else {
        None
    }
}

fn has_structure(s: &[u8], e: Endian) -> bool {
    s.chunks_exact(2).any(|c| {
        let u = match e {
            Endian::Le => u16::from_le_bytes([c[0], c[1]]),
            Endian::Be => u16::from_be_bytes([c[0], c[1]]),
        };
        matches!(u, 0x0A | 0x20 | 0x3001 | 0x3002 | 0xFF0C | 0xFF1A | 0xFF1B)
    })
}

/// Tag names whose presence marks a text as HTML.
const HTML_TAGS: &[&str] = &[
    "p", "div", "br", "span", "a", "li", "ul", "ol", "table", "tr", "td", "h1", "h2", "h3", "h4",
    "h5", "h6", "body", "head", "html", "meta", "script", "style", "img", "section", "article",
    "title", "link", "strong", "em", "b", "i", "font", "center", "hr",
];

/// True when decoded `text` is an HTML document rather than text that mentions a tag.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let mut end = text.len().min(16 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = text[..end].trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    let lower_start: String = head
        .chars()
        .take(64)
        .collect::<String>()
        .to_ascii_lowercase();
    if lower_start.starts_with("<!doctype html")
        || lower_start.starts_with("<html")
        || lower_start.starts_with("<head")
        || lower_start.starts_with("<body")
        || (lower_start.starts_with("<?xml") && head[..head.len().min(1024)].contains("<html"))
    {
        return true;
    }
    let tags = count_tags(head.as_bytes());
    (head.starts_with('<') && tags >= 3) || tags >= 10
}

fn count_tags(b: &[u8]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'<', &b[i..]) {
        let at = i + k + 1;
        let at = if b.get(at) == Some(&b'/') { at + 1 } else { at };
        let name_end = b[at..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .map_or(b.len(), |p| at + p);
        if name_end > at
            && matches!(
                b.get(name_end),
                Some(b'>' | b' ' | b'/' | b'\t' | b'\n' | b'\r')
            )
        {
            let name = &b[at..name_end];
            if HTML_TAGS
                .iter()
                .any(|t| t.as_bytes().eq_ignore_ascii_case(name))
            {
                n += 1;
            }
        }
        i = at;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_numbers() {
        assert_eq!(binary_magic(b"\x89PNG\r\n\x1a\n\0\0"), Some("PNG image"));
        assert_eq!(binary_magic(b"\x7fELF\x02\x01"), Some("ELF executable"));
        assert_eq!(binary_magic(b"%PDF-1.7"), Some("PDF document"));
        assert_eq!(binary_magic(b"PK\x03\x04...."), Some("zip archive"));
        assert_eq!(binary_magic(b"\x1f\x8b\x08"), Some("gzip data"));
        assert_eq!(binary_magic("中共中央".as_bytes()), None);
        assert_eq!(binary_magic(b"MZ is a text"), None);
    }

    #[test]
    fn control_share() {
        assert!(mostly_control(&[0u8, 1, 2, 3, b'a', b'b']));
        assert!(!mostly_control(b"plain text\r\n\twith tabs\x0c"));
    }

    #[test]
    fn utf16_sniffing() {
        let le: Vec<u8> = "Hello, world"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(utf16_without_bom(&le, true), Some(Endian::Le));
        let be: Vec<u8> = "中共中央政治局召开会议，审议文件。"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(
            utf16_without_bom(&be, std::str::from_utf8(&be).is_ok()),
            Some(Endian::Be)
        );
        assert_eq!(utf16_without_bom("中共中央政治局".as_bytes(), true), None);
        let (gbk, _, _) = encoding_rs::GBK.encode("中共中央政治局召开会议，审议文件。");
        assert_eq!(utf16_without_bom(&gbk, false), None);
        let (big5, _, _) = encoding_rs::BIG5.encode("中共中央政治局召開會議，審議文件。");
        assert_eq!(utf16_without_bom(&big5, false), None);
        // Two Big5 characters that happen to read as two Han units.
        let (big5, _, _) = encoding_rs::BIG5.encode("台灣");
        assert_eq!(utf16_without_bom(&big5, false), None);
    }

    #[test]
    fn html_sniffing() {
        assert!(looks_like_html(
            "  <!DOCTYPE html><html><body>x</body></html>"
        ));
        assert!(looks_like_html("<div><p>一</p><p>二</p></div>"));
        assert!(!looks_like_html("正文里提到 <p> 标签。"));
        assert!(!looks_like_html("a < b and c > d"));
    }
}
