//! `readout serve` against requests no browser sends, over raw TCP to the real binary:
//! megabyte query strings and headers, invalid UTF-8 (percent-encoded and raw), path
//! traversal in every spelling, unknown and writing methods, malformed request lines,
//! smuggling-shaped framing, search syntax meant to trip the query parser, and requests
//! that stop halfway. Each must get a 4xx (a garbage request line may instead get the
//! connection closed), never a 5xx, never a file from outside the record, and the server
//! must answer `/healthz` afterwards.

mod serve_support;

use serve_support::{store, Response, Server};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

fn server() -> Server {
    Server::start(store())
}

/// What a file outside the record would show if it leaked.
const LEAKS: [&str; 5] = [
    "root:x:0",
    "root:",
    "[package]",
    "[workspace]",
    "[dependencies]",
];

fn assert_no_leak(what: &str, r: &Response) {
    let body = String::from_utf8_lossy(&r.body);
    for needle in LEAKS {
        assert!(!body.contains(needle), "{what}: the body holds `{needle}`");
    }
}

/// A GET of `target` as given (no encoding), with a loopback Host.
fn get_raw(target: &[u8]) -> Vec<u8> {
    let mut req = b"GET ".to_vec();
    req.extend_from_slice(target);
    req.extend_from_slice(b" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    req
}

/// Sends `bytes` from another thread while this one reads, so a server that answers
/// before the whole request arrived (and then closes) is heard rather than lost to a
/// reset. `None` when the connection closed without an answer.
fn send_while_reading(s: &Server, bytes: Vec<u8>) -> Option<Response> {
    exchange(s, bytes, false)
}

/// Like `send_while_reading`, then closes the write side: a server waiting for the
/// rest of a partial head sees the end instead of a client that went quiet (and may
/// close without answering, which HTTP servers do on a half-closed connection).
fn send_and_close(s: &Server, bytes: Vec<u8>) -> Option<Response> {
    exchange(s, bytes, true)
}

fn exchange(s: &Server, bytes: Vec<u8>, close_write: bool) -> Option<Response> {
    let mut stream = TcpStream::connect(s.addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut writer = stream.try_clone().unwrap();
    let sender = std::thread::spawn(move || {
        let _ = writer.write_all(&bytes);
        if close_write {
            let _ = writer.shutdown(std::net::Shutdown::Write);
        }
    });
    let mut buf = Vec::new();
    let mut chunk = [0u8; 64 * 1024];
    loop {
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            // A reset after the answer was read still leaves the answer.
            Err(_) => break,
        }
    }
    let _ = stream.shutdown(std::net::Shutdown::Both);
    let _ = sender.join();
    if buf.is_empty() {
        return None;
    }
    Some(parse(&buf))
}

fn parse(buf: &[u8]) -> Response {
    // Status line and headers only: these answers are errors, read for their status.
    let end = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no end of headers in {:?}", String::from_utf8_lossy(buf)));
    let head = String::from_utf8_lossy(&buf[..end]);
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Response {
        status,
        headers,
        body: buf[end + 4..].to_vec(),
    }
}

fn assert_4xx(what: &str, r: &Response) {
    assert!(
        (400..500).contains(&r.status),
        "{what}: status {} (want 4xx): {}",
        r.status,
        String::from_utf8_lossy(&r.body[..r.body.len().min(300)])
    );
    assert_no_leak(what, r);
}

fn shown(bytes: &[u8]) -> String {
    String::from_utf8_lossy(&bytes[..bytes.len().min(80)]).into_owned()
}

fn assert_up(s: &mut Server) {
    assert!(s.alive(), "the server exited");
    let h = s.get("/healthz");
    assert_eq!(h.status, 200);
    assert_eq!(h.json()["status"], "ok");
}

#[test]
fn megabyte_query_strings_and_headers_get_4xx() {
    let mut s = server();
    // A 1 MB query string: over every limit (the request head and the query).
    let mut target = b"/api/search?q=".to_vec();
    target.resize(1 << 20, b'a');
    let r = send_while_reading(&s, get_raw(&target)).expect("an answer to a 1 MB query");
    assert_4xx("1 MB query", &r);
    // 1 MB of percent escapes of a Han character, on a page route.
    let mut target = b"/search?q=".to_vec();
    while target.len() < 1 << 20 {
        target.extend_from_slice(b"%E4%BC%9A");
    }
    let r = send_while_reading(&s, get_raw(&target)).expect("an answer");
    assert_4xx("1 MB escaped query", &r);
    // Just over the query limit but well within what the HTTP layer reads: the
    // server's own bound answers, as JSON under /api.
    let target = format!("/api/search?q={}", "b".repeat(9 * 1024));
    let r = s.get(&target);
    assert_4xx("9 KiB query", &r);
    assert_eq!(r.json()["status"], r.status);
    // A path of 100 KB.
    let target = format!("/docs/{}", "d".repeat(100_000));
    assert_4xx("100 KB path", &s.get(&target));

    // One header of 1 MB; 2,000 small headers; a 64 KB cookie.
    let mut one = b"GET /api/docs HTTP/1.1\r\nHost: localhost\r\nX-Big: ".to_vec();
    one.resize(one.len() + (1 << 20), b'h');
    one.extend_from_slice(b"\r\nConnection: close\r\n\r\n");
    let r = send_while_reading(&s, one).expect("an answer to a 1 MB header");
    assert_4xx("1 MB header", &r);
    let mut many = b"GET /api/docs HTTP/1.1\r\nHost: localhost\r\n".to_vec();
    for i in 0..2000 {
        many.extend_from_slice(format!("X-H{i}: v\r\n").as_bytes());
    }
    many.extend_from_slice(b"Connection: close\r\n\r\n");
    let r = send_while_reading(&s, many).expect("an answer to 2,000 headers");
    assert_4xx("2,000 headers", &r);
    let cookie = format!(
        "GET /healthz HTTP/1.1\r\nHost: localhost\r\nCookie: c={}\r\nConnection: close\r\n\r\n",
        "k".repeat(64 * 1024)
    );
    // A large cookie is within limits or refused, but never a server error.
    if let Some(r) = send_while_reading(&s, cookie.into_bytes()) {
        assert!(r.status < 500, "64 KB cookie: {}", r.status);
    }
    assert_up(&mut s);
}

#[test]
fn invalid_utf8_in_paths_and_queries_gets_4xx() {
    let mut s = server();
    let targets: [&[u8]; 14] = [
        b"/docs/%FF",
        b"/docs/%FF%FE%FD",
        b"/events/%C0%AF",
        b"/formulations/%ED%A0%80",
        b"/api/docs/%FF",
        b"/api/events/%80",
        b"/api/formulations/%E4%BC",
        b"/api/search?q=%FF",
        b"/api/search?q=%E4%BC",
        b"/search?q=%C3%28",
        b"/?year=%FF",
        b"/compare?a=%FF&b=%FE",
        b"/docs?kind=%F0%28%8C%BC",
        b"/api/search?q=%zz",
    ];
    for t in targets {
        let r = s
            .raw(&get_raw(t))
            .unwrap_or_else(|e| panic!("{}: {e}", shown(t)));
        assert_4xx(&shown(t), &r);
    }
    // Raw bytes over 0x7F in the request target: refused by the HTTP layer or by
    // the server, or the connection closed, but never a success or a server error.
    let raw: [&[u8]; 5] = [
        b"/docs/\xff\xfe",
        b"/api/docs/\xc3\x28",
        b"/api/search?q=\xff",
        b"/search?q=\xe4\xbc",
        b"/\x80",
    ];
    for t in raw {
        if let Ok(r) = s.raw(&get_raw(t)) {
            assert_4xx(&shown(t), &r);
        }
    }
    assert_up(&mut s);
}

#[test]
fn path_traversal_never_reaches_a_file() {
    let mut s = server();
    let targets: [&[u8]; 18] = [
        b"/../../etc/passwd",
        b"/../../../../../../etc/passwd",
        b"/assets/../../Cargo.toml",
        b"/assets/..%2f..%2fCargo.toml",
        b"/assets/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        b"/assets/%2e%2e/%2e%2e/Cargo.toml",
        b"/assets/%2e%2e%2f%2e%2e%2fCargo.toml",
        b"/assets/..%252f..%252fCargo.toml",
        b"/assets/..%5c..%5cCargo.toml",
        b"/assets/..\\..\\Cargo.toml",
        b"/assets/....//....//Cargo.toml",
        b"/assets/%c0%ae%c0%ae/Cargo.toml",
        b"/assets/style.css/../../../Cargo.toml",
        b"/docs/..%2f..%2f..%2fetc%2fpasswd",
        b"/api/docs/..%2f..%2fCargo.toml",
        b"/formulations/..%2f..%2f..%2fetc%2fpasswd",
        b"/api/formulations/%2e%2e%2f%2e%2e%2fCargo.toml",
        b"//etc/passwd",
    ];
    for t in targets {
        match s.raw(&get_raw(t)) {
            Ok(r) => assert_4xx(&shown(t), &r),
            // A target the HTTP layer refuses to parse (a backslash) may close.
            Err(e) => assert!(t.contains(&b'\\'), "{}: {e}", shown(t)),
        }
    }
    // Absolute-form and asterisk-form targets name no file either.
    for req in [
        &b"GET file:///etc/passwd HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"[..],
        b"GET * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    ] {
        if let Ok(r) = s.raw(req) {
            assert_4xx(&shown(req), &r);
        }
    }
    assert_up(&mut s);
}

#[test]
fn unknown_and_writing_methods_get_4xx() {
    let mut s = server();
    for method in [
        "BREW",
        "PROPFIND",
        "MKCOL",
        "TRACE",
        "OPTIONS",
        "PURGE",
        "X-ANYTHING",
    ] {
        for target in [
            "/",
            "/api/docs",
            "/healthz",
            "/assets/style.css",
            "/nothing",
        ] {
            let r = s.request(method, target);
            assert_4xx(&format!("{method} {target}"), &r);
            assert_eq!(r.status, 405, "{method} {target}");
        }
    }
    // Writes to every read-only route, with bodies in each framing.
    for target in [
        "/",
        "/api/search?q=x",
        "/api/docs",
        "/api/docs/57ea68160e20-0",
        "/docs/57ea68160e20-0",
        "/formulations",
        "/api/openapi.json",
    ] {
        for method in ["POST", "PUT", "DELETE", "PATCH"] {
            let with_length = format!(
                "{method} {target} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
                 Content-Length: 13\r\nConnection: close\r\n\r\n{{\"drop\":true}}"
            );
            let r = s.raw(with_length.as_bytes()).expect("an answer");
            assert_eq!(r.status, 405, "{method} {target}");
            assert_eq!(r.header("allow"), Some("GET, HEAD"));
            let chunked = format!(
                "{method} {target} HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\
                 Connection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
            );
            let r = s.raw(chunked.as_bytes()).expect("an answer");
            assert_eq!(r.status, 405, "{method} {target} chunked");
        }
    }
    // CONNECT names an authority, not a route.
    if let Some(r) = send_while_reading(
        &s,
        b"CONNECT localhost:22 HTTP/1.1\r\nHost: localhost:22\r\nConnection: close\r\n\r\n"
            .to_vec(),
    ) {
        assert_4xx("CONNECT", &r);
    }
    // The store is unchanged by all of it.
    assert_eq!(s.get("/api/docs").json()["total"], 10);
    assert_up(&mut s);
}

#[test]
fn malformed_request_lines_and_framing_get_4xx_or_a_closed_connection() {
    let mut s = server();
    let garbage: [&[u8]; 14] = [
        b"GARBAGE\r\n\r\n",
        b"GET\r\n\r\n",
        b"GET /\r\n\r\n",
        b"GET / HTTP/9.9\r\nHost: localhost\r\n\r\n",
        b"GET / HTTP/1.1 extra\r\nHost: localhost\r\n\r\n",
        b"GET  /  HTTP/1.1\r\nHost: localhost\r\n\r\n",
        b"\x00\x01\x02\x03\r\n\r\n",
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
        b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost localhost\r\n\r\n",
        b"GET / HTTP/1.1\r\n: empty-name\r\nHost: localhost\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: local\x00host\r\n\r\n",
        b"GET / HTTP/1.1\nHost: localhost\n\n\n",
        b"\r\n\r\n\r\n\r\n",
    ];
    for req in garbage {
        // `None` (closed without an answer) is allowed for garbage.
        if let Some(r) = send_and_close(&s, req.to_vec()) {
            assert!(
                r.status < 500,
                "{:?}: status {} (no 5xx)",
                shown(req),
                r.status
            );
            assert_no_leak(&shown(req), &r);
        }
    }
    // Framing a proxy and a server might disagree on: refused, never served twice.
    let framing: [&[u8]; 5] = [
        b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcd",
        b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nContent-Length: -1\r\n\r\n",
        b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nContent-Length: 99999999999999999999999\r\n\r\n",
        b"POST /api/docs HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nx\r\n0\r\n\r\n",
        b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip, chunked, identity\r\n\r\n",
    ];
    for req in framing {
        let r = send_while_reading(&s, req.to_vec())
            .unwrap_or_else(|| panic!("{:?}: no answer", shown(req)));
        assert_4xx(&shown(req), &r);
    }
    assert_up(&mut s);
}

#[test]
fn search_syntax_meant_to_trip_the_parser_never_gets_a_5xx() {
    let mut s = server();
    let queries = [
        "%22",
        "%22%22%22",
        "(((((((((",
        ")))",
        "-",
        "--",
        "-%22%22",
        "*",
        "title:x",
        "x^99999999",
        "%5Ba%20TO%20b%5D",
        "AND",
        "OR%20OR%20OR",
        "NOT",
        "%00",
        "%F0%9F%98%80%F0%9F%98%80",
        "%E2%80%AE%E2%80%8B",
        "%20%20%20",
        "\\",
        "%5C%22",
        "a~2",
        "~",
    ];
    for q in queries {
        for route in ["/api/search", "/search"] {
            let target = format!("{route}?q={q}");
            let r = s.get(&target);
            assert!(r.status < 500, "{target}: status {}", r.status);
            assert_no_leak(&target, &r);
        }
    }
    // Every term, a long phrase, deep offsets: bounded, and answered.
    let many = vec!["会议"; 300].join("%20");
    for target in [
        format!("/api/search?q={many}"),
        "/api/search?q=%E4%BC%9A%E8%AE%AE&offset=100000&limit=100".to_string(),
        "/api/search?q=a&offset=100001".to_string(),
        "/api/search?q=a&limit=101".to_string(),
        "/api/search?q=a&limit=18446744073709551616".to_string(),
        "/api/search?q=a&from=0000-00-00&to=9999-99-99".to_string(),
        "/docs/57ea68160e20-0?hl=0:0-18446744073709551615".to_string(),
        "/docs/57ea68160e20-0?hl=99999:0-1".to_string(),
        "/compare?a=ev-57ea68160e20-0&b=ev-57ea68160e20-0".to_string(),
        "/?year=-99999999999".to_string(),
    ] {
        let r = s.get(&target);
        assert!(r.status < 500, "{target}: status {}", r.status);
    }
    assert_up(&mut s);
}

#[test]
fn requests_that_stop_halfway_do_not_hold_the_server() {
    let mut s = server();
    // Connections that send part of a request and wait: others are still served.
    let mut held = Vec::new();
    for i in 0..64 {
        let mut c = TcpStream::connect(s.addr).expect("connect");
        let part: &[u8] = match i % 4 {
            0 => b"GET /healthz HTTP/1.1\r\nHost: local",
            1 => b"GET /api/search?q=%E4%BC",
            2 => b"POST /api/docs HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000\r\n\r\nabc",
            _ => b"G",
        };
        c.write_all(part).unwrap();
        held.push(c);
    }
    assert_up(&mut s);
    let r = s.get("/api/search?q=Yangtze");
    assert_eq!(r.status, 200);
    assert!(r.json()["total"].as_u64().unwrap() > 0);
    // Closed early, all at once, and some reset (closed with unread data).
    for (i, c) in held.into_iter().enumerate() {
        if i % 2 == 0 {
            let _ = c.shutdown(std::net::Shutdown::Write);
        }
        drop(c);
    }
    // A request whose answer the client never reads.
    for _ in 0..8 {
        let mut c = TcpStream::connect(s.addr).unwrap();
        c.write_all(b"GET /api/docs HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .unwrap();
        drop(c);
    }
    // A partial request, then the write side closed: the server gives up on it.
    let mut c = TcpStream::connect(s.addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    c.write_all(b"GET /healthz HTTP/1.1\r\nHo").unwrap();
    c.shutdown(std::net::Shutdown::Write).unwrap();
    let mut buf = Vec::new();
    let _ = c.read_to_end(&mut buf);
    if !buf.is_empty() {
        let r = parse(&buf);
        assert_4xx("a request cut short", &r);
    }
    assert_up(&mut s);
}
