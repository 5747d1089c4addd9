//! entities: HTML character references (`&amp;`, `&#x4E2D;`, `&nbsp;`) to characters.
//! Covers numeric references fully and the named ones that pages actually use: Latin-1,
//! Greek, typographic punctuation, arrows and common math.

/// Decodes the character reference at the start of `s` (which starts with `&`); returns
/// the replacement text and how many bytes it took, or `None` when `s` holds no reference
/// (the `&` then stands for itself).
pub(crate) fn decode_entity(s: &str, need_semicolon: bool) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (hex, start) = match b.get(2) {
            Some(b'x' | b'X') => (true, 3),
            _ => (false, 2),
        };
        let mut v: u32 = 0;
        let mut k = start;
        while let Some(&c) = b.get(k) {
            let d = match (hex, c) {
                (_, b'0'..=b'9') => (c - b'0') as u32,
                (true, b'a'..=b'f') => (c - b'a' + 10) as u32,
                (true, b'A'..=b'F') => (c - b'A' + 10) as u32,
                _ => break,
            };
            v = v
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(d);
            k += 1;
        }
        if k == start {
            return None;
        }
        if b.get(k) == Some(&b';') {
            k += 1;
        } else if need_semicolon {
            return None;
        }
        return Some((numeric(v), k));
    }
    let name_len = b[1..]
        .iter()
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if name_len == 0 {
        return None;
    }
    let name = &s[1..1 + name_len];
    if b.get(1 + name_len) == Some(&b';') {
        if let Some(r) = named(name) {
            return Some((r, name_len + 2));
        }
    }
    if need_semicolon {
        return None;
    }
    // The legacy references browsers still accept without a semicolon.
    for legacy in ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"] {
        if name.starts_with(legacy) {
            return named(legacy).map(|r| (r, legacy.len() + 1));
        }
    }
    None
}

/// A numeric reference's character, with the browsers' fix-ups: NUL, surrogates and
/// out-of-range values become U+FFFD, 0x80..0x9F are read as windows-1252.
fn numeric(v: u32) -> char {
    const W1252: [u16; 32] = [
        0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039,
        0x152, 0x8D, 0x17D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178,
    ];
    match v {
        0 => '\u{FFFD}',
        0x80..=0x9F => char::from_u32(W1252[(v - 0x80) as usize] as u32).unwrap_or('\u{FFFD}'),
        _ => char::from_u32(v).unwrap_or('\u{FFFD}'),
    }
}

fn named(name: &str) -> Option<char> {
    use std::convert::identity as C;
    Some(match name {
        "amp" | "AMP" => C('&'),
        "lt" | "LT" => C('<'),
        "gt" | "GT" => C('>'),
        "quot" | "QUOT" => C('"'),
        "apos" => C('\''),
        "nbsp" => C('\u{A0}'),
        "ensp" => C('\u{2002}'),
        "emsp" => C('\u{2003}'),
        "thinsp" => C('\u{2009}'),
        "zwnj" => C('\u{200C}'),
        "zwj" => C('\u{200D}'),
        "lrm" => C('\u{200E}'),
        "rlm" => C('\u{200F}'),
        "shy" => C('\u{AD}'),
        "iexcl" => C('¡'),
        "cent" => C('¢'),
        "pound" => C('£'),
        "curren" => C('¤'),
        "yen" => C('¥'),
        "brvbar" => C('¦'),
        "sect" => C('§'),
        "uml" => C('¨'),
        "copy" | "COPY" => C('©'),
        "ordf" => C('ª'),
        "laquo" => C('«'),
        "not" => C('¬'),
        "reg" | "REG" => C('®'),
        "macr" => C('¯'),
        "deg" => C('°'),
        "plusmn" => C('±'),
        "sup2" => C('²'),
        "sup3" => C('³'),
        "acute" => C('´'),
        "micro" => C('µ'),
        "para" => C('¶'),
        "middot" => C('·'),
        "cedil" => C('¸'),
        "sup1" => C('¹'),
        "ordm" => C('º'),
        "raquo" => C('»'),
        "frac14" => C('¼'),
        "frac12" => C('½'),
        "frac34" => C('¾'),
        "iquest" => C('¿'),
        "times" => C('×'),
        "divide" => C('÷'),
        "Agrave" => C('À'),
        "Aacute" => C('Á'),
        "Acirc" => C('Â'),
        "Atilde" => C('Ã'),
        "Auml" => C('Ä'),
        "Aring" => C('Å'),
        "AElig" => C('Æ'),
        "Ccedil" => C('Ç'),
        "Egrave" => C('È'),
        "Eacute" => C('É'),
        "Ecirc" => C('Ê'),
        "Euml" => C('Ë'),
        "Igrave" => C('Ì'),
        "Iacute" => C('Í'),
        "Icirc" => C('Î'),
        "Iuml" => C('Ï'),
        "ETH" => C('Ð'),
        "Ntilde" => C('Ñ'),
        "Ograve" => C('Ò'),
        "Oacute" => C('Ó'),
        "Ocirc" => C('Ô'),
        "Otilde" => C('Õ'),
        "Ouml" => C('Ö'),
        "Oslash" => C('Ø'),
        "Ugrave" => C('Ù'),
        "Uacute" => C('Ú'),
        "Ucirc" => C('Û'),
        "Uuml" => C('Ü'),
        "Yacute" => C('Ý'),
        "THORN" => C('Þ'),
        "szlig" => C('ß'),
        "agrave" => C('à'),
        "aacute" => C('á'),
        "acirc" => C('â'),
        "atilde" => C('ã'),
        "auml" => C('ä'),
        "aring" => C('å'),
        "aelig" => C('æ'),
        "ccedil" => C('ç'),
        "egrave" => C('è'),
        "eacute" => C('é'),
        "ecirc" => C('ê'),
        "euml" => C('ë'),
        "igrave" => C('ì'),
        "iacute" => C('í'),
        "icirc" => C('î'),
        "iuml" => C('ï'),
        "eth" => C('ð'),
        "ntilde" => C('ñ'),
        "ograve" => C('ò'),
        "oacute" => C('ó'),
        "ocirc" => C('ô'),
        "otilde" => C('õ'),
        "ouml" => C('ö'),
        "oslash" => C('ø'),
        "ugrave" => C('ù'),
        "uacute" => C('ú'),
        "ucirc" => C('û'),
        "uuml" => C('ü'),
        "yacute" => C('ý'),
        "thorn" => C('þ'),
        "yuml" => C('ÿ'),
        "OElig" => C('Œ'),
        "oelig" => C('œ'),
        "Scaron" => C('Š'),
        "scaron" => C('š'),
        "Yuml" => C('Ÿ'),
        "fnof" => C('ƒ'),
        "circ" => C('ˆ'),
        "tilde" => C('˜'),
        "Alpha" => C('Α'),
        "Beta" => C('Β'),
        "Gamma" => C('Γ'),
        "Delta" => C('Δ'),
        "Epsilon" => C('Ε'),
        "Zeta" => C('Ζ'),
        "Eta" => C('Η'),
        "Theta" => C('Θ'),
        "Iota" => C('Ι'),
        "Kappa" => C('Κ'),
        "Lambda" => C('Λ'),
        "Mu" => C('Μ'),
        "Nu" => C('Ν'),
        "Xi" => C('Ξ'),
        "Omicron" => C('Ο'),
        "Pi" => C('Π'),
        "Rho" => C('Ρ'),
        "Sigma" => C('Σ'),
        "Tau" => C('Τ'),
        "Upsilon" => C('Υ'),
        "Phi" => C('Φ'),
        "Chi" => C('Χ'),
        "Psi" => C('Ψ'),
        "Omega" => C('Ω'),
        "alpha" => C('α'),
        "beta" => C('β'),
        "gamma" => C('γ'),
        "delta" => C('δ'),
        "epsilon" => C('ε'),
        "zeta" => C('ζ'),
        "eta" => C('η'),
        "theta" => C('θ'),
        "iota" => C('ι'),
        "kappa" => C('κ'),
        "lambda" => C('λ'),
        "mu" => C('μ'),
        "nu" => C('ν'),
        "xi" => C('ξ'),
        "omicron" => C('ο'),
        "pi" => C('π'),
        "rho" => C('ρ'),
        "sigmaf" => C('ς'),
        "sigma" => C('σ'),
        "tau" => C('τ'),
        "upsilon" => C('υ'),
        "phi" => C('φ'),
        "chi" => C('χ'),
        "psi" => C('ψ'),
        "omega" => C('ω'),
        "ndash" => C('–'),
        "mdash" => C('—'),
        "horbar" => C('―'),
        "lsquo" => C('‘'),
        "rsquo" => C('’'),
        "sbquo" => C('‚'),
        "ldquo" => C('“'),
        "rdquo" => C('”'),
        "bdquo" => C('„'),
        "dagger" => C('†'),
        "Dagger" => C('‡'),
        "bull" => C('•'),
        "hellip" => C('…'),
        "permil" => C('‰'),
        "prime" => C('′'),
        "Prime" => C('″'),
        "lsaquo" => C('‹'),
        "rsaquo" => C('›'),
        "oline" => C('‾'),
        "frasl" => C('⁄'),
        "euro" => C('€'),
        "trade" | "TRADE" => C('™'),
        "larr" => C('←'),
        "uarr" => C('↑'),
        "rarr" => C('→'),
        "darr" => C('↓'),
        "harr" => C('↔'),
        "lArr" => C('⇐'),
        "rArr" => C('⇒'),
        "hArr" => C('⇔'),
        "forall" => C('∀'),
        "part" => C('∂'),
        "exist" => C('∃'),
        "empty" => C('∅'),
        "nabla" => C('∇'),
        "isin" => C('∈'),
        "notin" => C('∉'),
        "prod" => C('∏'),
        "sum" => C('∑'),
        "minus" => C('−'),
        "radic" => C('√'),
        "prop" => C('∝'),
        "infin" => C('∞'),
        "ang" => C('∠'),
        "and" => C('∧'),
        "or" => C('∨'),
        "cap" => C('∩'),
        "cup" => C('∪'),
        "int" => C('∫'),
        "there4" => C('∴'),
        "sim" => C('∼'),
        "asymp" => C('≈'),
        "ne" => C('≠'),
        "equiv" => C('≡'),
        "le" => C('≤'),
        "ge" => C('≥'),
        "loz" => C('◊'),
        "spades" => C('♠'),
        "clubs" => C('♣'),
        "hearts" => C('♥'),
        "diams" => C('♦'),
        "ThinSpace" => C('\u{2009}'),
        "NewLine" => C('\n'),
        "Tab" => C('\t'),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Option<(String, usize)> {
        decode_entity(s, false).map(|(c, n)| (c.to_string(), n))
    }

    #[test]
    fn references() {
        assert_eq!(dec("&amp;x"), Some(("&".into(), 5)));
        assert_eq!(dec("&#20013;"), Some(("中".into(), 8)));
        assert_eq!(dec("&#x4e2D;"), Some(("中".into(), 8)));
        assert_eq!(dec("&#x4e2d"), Some(("中".into(), 7)));
        assert_eq!(dec("&#0;"), Some(("\u{FFFD}".into(), 4)));
        assert_eq!(dec("&#x110000;"), Some(("\u{FFFD}".into(), 10)));
        assert_eq!(dec("&#xD800;"), Some(("\u{FFFD}".into(), 8)));
        assert_eq!(dec("&#150;"), Some(("–".into(), 6)));
        assert_eq!(
            dec("&#99999999999999999999;"),
            Some(("\u{FFFD}".into(), 23))
        );
        assert_eq!(dec("&nbsp;"), Some(("\u{A0}".into(), 6)));
        assert_eq!(dec("&copy2023"), Some(("©".into(), 5)));
        assert_eq!(dec("&bogus;"), None);
        assert_eq!(dec("& x"), None);
        assert_eq!(dec("&#;"), None);
        assert_eq!(decode_entity("&ampx", true), None);
    }
}
