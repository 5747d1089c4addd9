//! Helpers of the web server's tests: a store ingested from the seeds (and the
//! escaping fixture), the real `readout serve` started on a free port, and a small
//! HTTP/1.1 client over a plain TCP socket, so tests can also send requests no
//! well-behaved client would (invalid UTF-8, huge lines, raw `..`).

#![allow(dead_code)] // each test file uses its own subset

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

/// The data directory every test of this binary serves: the five seeds and
/// `testdata/serve/xss.txt`, ingested once (under Cargo's temporary directory for
/// integration tests, emptied first).
pub fn store() -> &'static Path {
    static STORE: OnceLock<PathBuf> = OnceLock::new();
    STORE.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
            "serve-store-{}",
            std::env::current_exe()
                .ok()
                .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
                .unwrap_or_default()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        let testdata = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata");
        let mut files: Vec<PathBuf> = std::fs::read_dir(testdata.join("seeds"))
            .expect("testdata/seeds")
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        files.push(testdata.join("serve/xss.txt"));
        let out = Command::new(env!("CARGO_BIN_EXE_readout"))
            .env_remove("READOUT_DATA")
            .arg("--data")
            .arg(&dir)
            .arg("ingest")
            .args(&files)
            .output()
            .expect("run readout ingest");
        assert!(
            out.status.success(),
            "ingest failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        dir
    })
}

/// A running `readout serve`, stopped when dropped.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
}

impl Server {
    /// Starts `readout --data DATA serve --addr 127.0.0.1:0` and reads the address it
    /// prints.
    pub fn start(data: &Path) -> Server {
        Server::start_with(Command::new(env!("CARGO_BIN_EXE_readout")), data)
    }

    /// [`Server::start`] with a command prepared by the caller (another user, say).
    pub fn start_with(mut cmd: Command, data: &Path) -> Server {
        let mut child = cmd
            .env_remove("READOUT_DATA")
            .arg("--data")
            .arg(data)
            .args(["serve", "--addr", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start readout serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the address");
        let addr = line
            .trim()
            .strip_prefix("listening on http://")
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
            .parse()
            .expect("an address");
        Server { child, addr }
    }

    /// Whether the process is still running.
    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    pub fn get(&self, target: &str) -> Response {
        self.request("GET", target)
    }

    pub fn request(&self, method: &str, target: &str) -> Response {
        let raw = format!(
            "{method} {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        );
        self.raw(raw.as_bytes())
            .unwrap_or_else(|e| panic!("{method} {target}: {e}"))
    }

    /// Sends `bytes` as they are and reads the response; `Err` when the server
    /// closed the connection without answering.
    pub fn raw(&self, bytes: &[u8]) -> Result<Response, String> {
        let mut s = TcpStream::connect(self.addr).map_err(|e| e.to_string())?;
        s.set_read_timeout(Some(Duration::from_secs(60)))
            .map_err(|e| e.to_string())?;
        // The server may answer and close before reading everything (a huge
        // request); a failed write is then no error of the test.
        let _ = s.write_all(bytes);
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf);
        if buf.is_empty() {
            return Err("connection closed without a response".into());
        }
        Response::parse(&buf)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A parsed HTTP response.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    fn parse(buf: &[u8]) -> Result<Response, String> {
        let end = buf
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .ok_or("no end of headers")?;
        let head = String::from_utf8_lossy(&buf[..end]);
        let mut lines = head.split("\r\n");
        let status_line = lines.next().ok_or("no status line")?;
        let status = status_line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("bad status line {status_line:?}"))?;
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let mut body = buf[end + 4..].to_vec();
        let chunked = headers
            .iter()
            .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
        if chunked {
            body = dechunk(&body)?;
        }
        Ok(Response {
            status,
            headers,
            body,
        })
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("a UTF-8 body")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
}

fn dechunk(mut b: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let line_end = b.windows(2).position(|w| w == b"\r\n").ok_or("bad chunk")?;
        let size_text = String::from_utf8_lossy(&b[..line_end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|e| e.to_string())?;
        b = &b[line_end + 2..];
        if size == 0 {
            return Ok(out);
        }
        out.extend_from_slice(b.get(..size).ok_or("short chunk")?);
        b = b.get(size + 2..).ok_or("short chunk")?;
    }
}

/// `readout --data DATA ARGS…` run to completion; its standard output as JSON.
pub fn cli_json(data: &Path, args: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_readout"))
        .env_remove("READOUT_DATA")
        .arg("--data")
        .arg(data)
        .args(args)
        .output()
        .expect("run readout");
    assert!(
        out.status.success(),
        "readout {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}
