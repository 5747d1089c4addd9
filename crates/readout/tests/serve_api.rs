//! `readout serve` end to end over HTTP: the real binary on a store ingested from the
//! seeds (and `testdata/serve/xss.txt`). The JSON API against the CLI's JSON, the
//! OpenAPI document against the routes, errors (404, 405, 400), hostile requests, the
//! security headers, escaping, and what the pages show.

mod serve_support;

use serde_json::Value;
use serve_support::{cli_json, store, Server};

const ZH_000: &str = "57ea68160e20-0";
const EN_000: &str = "57ea68160e20-1";
const EN_001: &str = "b4bf120f3d51-0";
const ZH_003: &str = "17907c9de310-0";
const EVENT_000: &str = "ev-57ea68160e20-0";

fn server() -> Server {
    Server::start(store())
}

/// The id of the escaping fixture's document.
fn xss_doc(s: &Server) -> String {
    let docs = s.get("/api/docs").json();
    docs["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["file"].as_str().unwrap().ends_with("xss.txt"))
        .expect("the fixture is ingested")["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn the_api_gives_the_same_documents_and_search_as_the_cli() {
    let s = server();
    let health = s.get("/healthz");
    assert_eq!(health.status, 200);
    let h = health.json();
    assert_eq!(h["status"], "ok");
    assert_eq!(h["documents"], 10);
    assert_eq!(h["record_current"], true);
    assert_eq!(h["search_index"], true);

    let api_docs = s.get("/api/docs");
    assert_eq!(api_docs.status, 200);
    assert!(api_docs
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    let all = api_docs.json();
    let cli = cli_json(store(), &["docs", "--json"]);
    let ids = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|d| d["id"].as_str().unwrap().to_string())
            .collect()
    };
    // The same documents in the same order, with the CLI's fields but the text.
    assert_eq!(ids(&all["items"]), ids(&cli));
    assert_eq!(all["total"], 10);
    for (a, c) in all["items"]
        .as_array()
        .unwrap()
        .iter()
        .zip(cli.as_array().unwrap())
    {
        for f in [
            "id",
            "file",
            "kind",
            "lang",
            "script",
            "title",
            "url",
            "published",
            "source",
            "event",
            "role",
            "translation_of",
        ] {
            assert_eq!(a[f], c[f], "{f}");
        }
    }
    // Pages follow each other by cursor, and add up to the whole.
    let first = s.get("/api/docs?limit=3").json();
    assert_eq!(first["items"].as_array().unwrap().len(), 3);
    let next = first["next"].as_str().unwrap();
    let second = s
        .get(&format!("/api/docs?limit=3&cursor={}", url(next)))
        .json();
    assert_eq!(ids(&second["items"])[..], ids(&cli)[3..6]);
    assert_eq!(s.get("/api/docs?limit=0").status, 400);
    assert_eq!(s.get("/api/docs?cursor=nonsense").status, 400);
    let one = s.get(&format!("/api/docs/{EN_000}")).json();
    let shown = cli_json(store(), &["show", EN_000, "--json"]);
    assert_eq!(one["body"], shown["body"]);
    let part = s
        .get(&format!("/api/docs/{EN_000}?offset=1&limit=2"))
        .json();
    assert_eq!(
        part["body"].as_array().unwrap()[..],
        shown["body"].as_array().unwrap()[1..3]
    );
    assert_eq!(part["body_next"], 3);

    // Traditional script finds the simplified report too; the JSON is the CLI's.
    let q = "長江經濟帶";
    let api = s.get(&format!("/api/search?q={}&limit=20", url(q))).json();
    let cli = cli_json(store(), &["search", q, "--json", "--limit", "20"]);
    assert_eq!(api["hits"], cli["hits"]);
    assert_eq!(api["total"], cli["total"]);
    let docs: Vec<&str> = api["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["doc"].as_str().unwrap())
        .collect();
    assert!(
        docs.contains(&ZH_000) && docs.contains(&"2f389cef4383-0"),
        "{docs:?}"
    );
    for h in api["hits"].as_array().unwrap() {
        for pair in h["highlights"].as_array().unwrap() {
            let (a, b) = (pair[0].as_u64().unwrap(), pair[1].as_u64().unwrap());
            assert!(a < b, "{pair}");
        }
    }
    assert!(api["facets"]["script"]["Hant"].as_u64().unwrap() >= 1);
    assert!(api["facets"]["script"]["Hans"].as_u64().unwrap() >= 1);

    // Filters narrow, and agree with the CLI.
    let hans = s
        .get(&format!("/api/search?q={}&script=Hans", url(q)))
        .json();
    assert_eq!(
        hans["hits"],
        cli_json(store(), &["search", q, "--json", "--script", "Hans"])["hits"]
    );
    assert!(hans["total"].as_u64().unwrap() < api["total"].as_u64().unwrap());
}

#[test]
fn events_and_formulations_carry_versions_alignments_and_history() {
    let s = server();
    let events = s.get("/api/events").json();
    assert_eq!(events["total"], 6);
    let events = events["items"].as_array().unwrap();
    assert_eq!(events.len(), 6, "five seed events and the fixture's");
    let e = events.iter().find(|e| e["id"] == EVENT_000).unwrap();
    assert_eq!(e["kind"], "politburo_meeting");
    let roles: Vec<(&str, &str)> = e["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["doc"].as_str().unwrap(), v["role"].as_str().unwrap()))
        .collect();
    assert_eq!(
        roles,
        vec![
            (ZH_000, "original"),
            (EN_000, "translation"),
            (EN_001, "translation")
        ]
    );
    // Partial dates stay partial.
    let e3 = events.iter().find(|e| e["original"] == ZH_003).unwrap();
    assert_eq!(e3["date"]["day"], 12);
    assert_eq!(e3["date"]["year"], Value::Null);
    // Placed by its publication date, and saying so.
    assert!(["published", "stated"].contains(&e3["date_from"].as_str().unwrap()));
    // In date order.
    let shown: Vec<&str> = events
        .iter()
        .filter(|e| e["date_from"] != "stated")
        .map(|e| e["date_shown"].as_str().unwrap())
        .collect();
    let mut sorted = shown.clone();
    sorted.sort();
    assert_eq!(shown, sorted);

    let full = s.get(&format!("/api/events/{EVENT_000}")).json();
    assert_eq!(full["chair"], "习近平");
    let alignments = full["alignments"].as_array().unwrap();
    assert_eq!(alignments.len(), 2);
    let abridged = alignments
        .iter()
        .find(|a| a["translation"] == EN_000)
        .unwrap();
    assert!(abridged["coverage"].as_f64().unwrap() < 0.8);
    assert!(!abridged["omitted_sentences"].as_array().unwrap().is_empty());
    // The coverage prints as stored, without float noise.
    let cov = full["documents"][1]["coverage"].as_f64().unwrap();
    assert_eq!(cov, (cov * 1000.0).round() / 1000.0);

    let only_politburo = s.get("/api/events?kind=politburo_meeting").json();
    assert_eq!(only_politburo["items"].as_array().unwrap().len(), 2);
    let paged = s.get("/api/events?limit=4").json();
    let rest = s
        .get(&format!(
            "/api/events?limit=4&cursor={}",
            url(paged["next"].as_str().unwrap())
        ))
        .json();
    assert_eq!(rest["items"].as_array().unwrap().len(), 2);
    assert_eq!(rest["next"], Value::Null);

    // Discovered phrases: the command line's list, ranked by score, no person in it.
    let found = s.get("/api/formulations?discover=true&top=8").json();
    let cli = cli_json(
        store(),
        &["formulations", "--discover", "--top", "8", "--json"],
    );
    let texts = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|f| f["text"].as_str().unwrap().to_string())
            .collect()
    };
    let api_texts = texts(&found["items"]);
    let mut cli_texts = texts(&cli);
    let mut sorted_api = api_texts.clone();
    sorted_api.sort();
    cli_texts.sort();
    assert_eq!(sorted_api, cli_texts);
    assert!(api_texts.iter().any(|t| t == "高质量发展"), "{api_texts:?}");
    assert!(
        api_texts.iter().all(|t| !t.contains("习近平")),
        "{api_texts:?}"
    );
    let scores: Vec<f64> = found["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["score"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert!(found["items"][0]["events"].as_u64().unwrap() >= 3);

    let formulations = s.get("/api/formulations?min_events=3").json();
    let texts: Vec<&str> = formulations["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    assert!(texts.contains(&"高质量发展"), "{texts:?}");
    let one = s
        .get(&format!("/api/formulations/{}", url("高质量发展")))
        .json();
    assert!(one["events"].as_u64().unwrap() >= 4);
    // Any script finds it.
    let hant = s
        .get(&format!("/api/formulations/{}", url("高質量發展")))
        .json();
    assert_eq!(hant["text"], "高质量发展");
    let spellings: Vec<&str> = one["spellings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    assert!(spellings.contains(&"高品質發展"), "{spellings:?}");
    let years: Vec<u64> = one["by_year"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["year"].as_u64().unwrap())
        .collect();
    assert!(years.contains(&2023) && years.contains(&2024), "{years:?}");
    // Mentions in date order, the first marked.
    let mentions = one["mentions"]["items"].as_array().unwrap();
    assert_eq!(mentions[0]["first"], true);
    let dates: Vec<&str> = mentions.iter().filter_map(|m| m["date"].as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
}

#[test]
fn every_route_of_the_openapi_document_answers() {
    let s = server();
    let spec = s.get("/api/openapi.json");
    assert_eq!(spec.status, 200);
    let spec = spec.json();
    assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
    let paths = spec["paths"].as_object().unwrap();
    assert!(paths.len() >= 9);
    for (path, item) in paths {
        let op = &item["get"];
        assert!(op.is_object(), "{path} documents GET");
        let params = op["parameters"].as_array().cloned().unwrap_or_default();
        let mut target = path.clone();
        let mut query = Vec::new();
        for p in &params {
            let name = p["name"].as_str().unwrap();
            let example = p.get("example").map(|e| match e {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            });
            match p["in"].as_str().unwrap() {
                "path" => {
                    let ex = example.unwrap_or_else(|| panic!("{path}: {name} needs an example"));
                    target = target.replace(&format!("{{{name}}}"), &url(&ex));
                }
                "query" => {
                    if let Some(ex) = example {
                        query.push(format!("{name}={}", url(&ex)));
                    }
                }
                other => panic!("{path}: parameter in {other}"),
            }
        }
        assert!(!target.contains('{'), "{target}");
        let needs_query = params
            .iter()
            .any(|p| p["in"] == "query" && p["required"] == true);
        let bare = (!needs_query).then(|| target.clone());
        for t in bare
            .into_iter()
            .chain([format!("{target}?{}", query.join("&"))])
        {
            let r = s.get(&t);
            assert_eq!(
                r.status,
                200,
                "GET {t}: {}",
                String::from_utf8_lossy(&r.body)
            );
            assert!(op["responses"]["200"].is_object(), "{path} documents 200");
            let v = r.json();
            let schema = &op["responses"]["200"]["content"]["application/json"]["schema"];
            let kind = schema["type"].as_str();
            if kind == Some("array") {
                assert!(v.is_array(), "{t} is an array");
            } else {
                assert!(v.is_object(), "{t} is an object");
            }
            // Every required property of a referenced schema is present.
            let reference = schema["$ref"]
                .as_str()
                .or_else(|| schema["items"]["$ref"].as_str());
            if let Some(r) = reference {
                let name = r.rsplit('/').next().unwrap();
                let required = spec["components"]["schemas"][name]["required"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                let objects: Vec<&Value> = match &v {
                    Value::Array(items) => items.iter().collect(),
                    one => vec![one],
                };
                for o in objects {
                    for field in &required {
                        let f = field.as_str().unwrap();
                        assert!(o.get(f).is_some(), "{t}: {name}.{f} missing");
                    }
                }
            }
        }
    }
    // And the API has no GET route the document leaves out.
    for route in [
        "/healthz",
        "/api/docs",
        "/api/events",
        "/api/formulations",
        "/api/search",
    ] {
        assert!(paths.contains_key(route), "{route} is documented");
    }
}

#[test]
fn errors_have_the_right_status_and_a_json_body() {
    let s = server();
    for (target, status) in [
        ("/api/nothing", 404),
        ("/api", 404),
        ("/api/docs/000000000000-9", 404),
        ("/api/events/ev-none", 404),
        ("/api/formulations/nothing-like-this", 404),
        ("/api/search?q=x&limit=0", 400),
        ("/api/search?q=x&limit=many", 400),
        ("/api/search?q=x&from=yesterday", 400),
        ("/api/search?q=x&to=2023-13", 400),
        ("/api/search?lang=%3Cscript%3E", 400),
        ("/api/search?q=%FF%FE", 400),
        ("/api/search?q=%E4%B", 400),
        ("/api/formulations?min_events=-1", 400),
        ("/api/formulations?discover=maybe", 400),
        ("/api/formulations?discover=true&top=0", 400),
    ] {
        let r = s.get(target);
        assert_eq!(r.status, status, "GET {target}");
        let v = r.json();
        assert_eq!(v["status"], status);
        assert!(!v["error"].as_str().unwrap().is_empty());
    }
    for method in ["POST", "PUT", "DELETE", "PATCH"] {
        for target in ["/api/docs", "/", "/nothing"] {
            let r = s.request(method, target);
            assert_eq!(r.status, 405, "{method} {target}");
            assert_eq!(r.header("allow"), Some("GET, HEAD"));
        }
    }
    assert_eq!(s.request("POST", "/api/docs").json()["status"], 405);
    let head = s.request("HEAD", "/api/docs");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    // Pages answer errors as pages.
    for (target, status) in [
        ("/nothing", 404),
        ("/docs/nothing", 404),
        ("/events/nothing", 404),
        ("/formulations/nothing", 404),
        ("/compare?a=ev-none&b=ev-none", 404),
        ("/docs/57ea68160e20-0?hl=1:9-3", 400),
        ("/docs/57ea68160e20-0?hl=%3Cscript%3E", 400),
        ("/docs/57ea68160e20-0?view=other", 400),
        ("/?year=twenty", 400),
    ] {
        let r = s.get(target);
        assert_eq!(r.status, status, "GET {target}");
        assert!(r.header("content-type").unwrap().starts_with("text/html"));
        let body = r.text();
        assert!(!body.contains("<script>"), "{target}");
    }
}

#[test]
fn hostile_requests_get_4xx_and_the_server_stays_up() {
    let mut s = server();
    let huge_query = format!("/api/search?q={}", "a".repeat(200_000));
    let r = s.get(&huge_query);
    assert!((400..500).contains(&r.status), "huge query: {}", r.status);
    let long_value = format!("/api/search?q={}", "%E4%BC%9A".repeat(2000));
    assert_eq!(s.get(&long_value).status, 400);
    let long_path = format!("/docs/{}", "x".repeat(5000));
    assert!((400..500).contains(&s.get(&long_path).status));

    let hostile: Vec<Vec<u8>> = vec![
        b"GET /docs/../../../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
        b"GET /assets/..%2f..%2f..%2fetc%2fpasswd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
        b"GET /assets/../../Cargo.toml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
        b"GET /docs/%2e%2e%2f%2e%2e%2fetc%2fpasswd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
        b"GET /docs/%FF%FE HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
        b"GET /formulations/%00%01 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
        b"GET /docs/\xff\xfe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
        b"GET /?kind=\xff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
        b"GET /api/docs HTTP/1.1\r\nHost: x\r\nX-Big: ".iter().copied().chain(std::iter::repeat_n(b'a', 2_000_000)).chain(*b"\r\n\r\n").collect(),
        b"GARBAGE\r\n\r\n".to_vec(),
        b"GET http://evil.example/ HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n".to_vec(),
    ];
    for req in &hostile {
        let shown = String::from_utf8_lossy(&req[..req.len().min(60)]).into_owned();
        // Closing the connection on a malformed request is an answer too.
        if let Ok(r) = s.raw(req) {
            assert!(
                (400..500).contains(&r.status) || (r.status == 200 && shown.contains("evil")),
                "{shown:?}: {}",
                r.status
            );
            let body = String::from_utf8_lossy(&r.body);
            assert!(!body.contains("root:"), "{shown:?} leaked a file");
            assert!(!body.contains("[package]"), "{shown:?} leaked a file");
        }
    }
    // A loopback server serves loopback host names only (no DNS rebinding).
    let rebound = s
        .raw(b"GET /api/docs HTTP/1.1\r\nHost: evil.example:8080\r\nConnection: close\r\n\r\n")
        .unwrap();
    assert_eq!(rebound.status, 421);
    assert_eq!(rebound.json()["status"], 421);
    let local = format!(
        "GET /healthz HTTP/1.1\r\nHost: localhost:{}\r\nConnection: close\r\n\r\n",
        s.addr.port()
    );
    assert_eq!(s.raw(local.as_bytes()).unwrap().status, 200);
    let no_host = s.raw(b"GET /healthz HTTP/1.0\r\n\r\n").unwrap();
    assert_eq!(no_host.status, 421);

    assert!(s.alive());
    assert_eq!(s.get("/healthz").status, 200);
}

#[test]
fn pages_escape_every_text_and_carry_the_security_headers() {
    let s = server();
    let xss = xss_doc(&s);
    let pages = [
        "/".to_string(),
        "/docs".to_string(),
        format!("/docs/{xss}"),
        format!("/docs/{xss}?show=removals"),
        format!("/docs/{xss}?view=normalized"),
        format!("/events/ev-{xss}"),
        "/formulations".to_string(),
        "/compare".to_string(),
        format!("/compare?a={EVENT_000}&b=ev-{xss}"),
        format!("/search?q={}", url("<script>alert(1)</script>")),
        "/search?q=escaping".to_string(),
    ];
    for p in &pages {
        let r = s.get(p);
        assert_eq!(r.status, 200, "GET {p}");
        let csp = r.header("content-security-policy").unwrap();
        assert!(csp.starts_with("default-src 'self'"), "{csp}");
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe"),
            "{csp}"
        );
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        let body = r.text();
        // The only script is the server's own file.
        assert_eq!(body.matches("<script").count(), 1, "{p}");
        assert!(body.contains("<script src=\"/assets/app.js\" defer></script>"));
        assert!(!body.contains("<img"), "{p}");
        assert!(!body.contains("<b>tags"), "{p}");
        assert!(
            !body.contains("style=\""),
            "{p}: inline styles break the CSP"
        );
        // Nothing is loaded from elsewhere; links out are to the source only, and
        // tell it nothing of where they came from.
        assert!(!body.contains("src=\"http"), "{p}: nothing external");
        for (i, _) in body.match_indices("href=\"http") {
            let before = &body[i.saturating_sub(40)..i];
            let after = &body[i..(i + 400).min(body.len())];
            let tag_end = after.find('>').unwrap_or(after.len());
            assert!(
                before.contains("class=\"permalink\"")
                    || after[..tag_end].contains("rel=\"noopener noreferrer\""),
                "{p}: a link out without rel=noopener noreferrer"
            );
        }
    }
    let doc = s.get(&format!("/docs/{xss}")).text();
    assert!(doc.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(doc.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(doc.contains("&lt;/p&gt;&lt;/main&gt;&lt;!-- a comment --&gt;"));
    assert_eq!(doc.matches("</main>").count(), 1);
    let search = s.get("/search?q=escaping").text();
    assert!(
        search.contains("&lt;script&gt;"),
        "titles in hits are escaped"
    );
    for asset in ["/assets/style.css", "/assets/app.js", "/assets/icon.svg"] {
        let r = s.get(asset);
        assert_eq!(r.status, 200, "{asset}");
        assert!(!r.text().contains("//fonts."), "{asset}");
    }
}

#[test]
fn pages_show_the_record_and_link_values_to_their_passages() {
    let s = server();
    let timeline = s.get("/").text();
    // Partial dates with no publication date to place them: as written, in the
    // document's script.
    assert!(timeline.contains("<span class=\"date partial\" lang=\"zh-Hant\">12日</span>"));
    assert!(timeline.contains("<span class=\"date partial\" lang=\"zh-Hans\">昨日</span>"));
    assert!(timeline.contains("2023-11-27"));
    let filtered = s.get("/?kind=symposium").text();
    assert!(filtered.contains(&format!("/events/ev-{ZH_003}")));
    assert!(!filtered.contains(&format!("/events/{EVENT_000}\"")));
    let by_year = s.get("/?year=2024").text();
    assert!(by_year.contains(" shown of "), "a count");
    assert!(s
        .get("/?from=2023-11&to=2023-11")
        .text()
        .contains(EVENT_000));

    let event = s.get(&format!("/events/{EVENT_000}")).text();
    assert!(event.contains("lang=\"zh-Hant\""));
    // The chair links to the passage naming him, in the original script.
    assert!(event.contains(&format!(
        "<a class=\"value\" href=\"/docs/{ZH_000}?hl=0:71-74#p0\" lang=\"zh-Hant\">習近平</a>"
    )));
    assert!(
        event.contains("class=\"sent omitted\""),
        "omitted sentences marked"
    );
    assert!(event.contains("<mark class=\"omitted-phrase\""));
    assert!(event.contains("tr class=\"bead omitted-row\""));
    let normalized = s
        .get(&format!("/events/{EVENT_000}?view=normalized"))
        .text();
    assert!(normalized.contains(">习近平</a>"));
    assert!(normalized.contains("国内大循环"));

    // The passage behind the link, highlighted.
    let passage = s.get(&format!("/docs/{ZH_000}?hl=0:71-74")).text();
    assert!(passage.contains("<mark class=\"hl\" title=\"the passage linked to\">習近平</mark>"));
    assert!(passage.contains("id=\"p0\""));
    assert!(passage.contains("<dt>Encoding</dt><dd>UTF-8</dd>"));
    // The text comes before the provenance.
    assert!(
        passage.find("id=\"p0\"").unwrap() < passage.find("<details class=\"provenance\"").unwrap()
    );
    // Removed noise in place, on demand only.
    let noisy = s.get(&format!("/docs/{ZH_003}")).text();
    assert!(!noisy.contains("<del class=\"removed\""));
    let shown = s.get(&format!("/docs/{ZH_003}?show=removals")).text();
    assert!(shown.matches("<del class=\"removed\"").count() >= 100);

    let f = s
        .get(&format!("/formulations/{}", url("高质量发展")))
        .text();
    assert!(f.contains("<svg class=\"chart\""));
    assert!(f.contains("<title>2023: "));
    assert!(f.contains("lang=\"en\">high-quality development</li>"));
    assert!(
        f.contains("<mark class=\"kw\">高品質發展</mark>"),
        "keyword in context"
    );
    assert!(f.contains("first appearance"));
    assert_eq!(
        s.get(&format!("/formulations/{}", url("高質量發展")))
            .status,
        200
    );

    let c = s
        .get(&format!("/compare?a={EVENT_000}&b=ev-{ZH_003}"))
        .text();
    assert!(c.contains("New in B") && c.contains("Dropped from A") && c.contains("Kept"));
    assert!(c.contains("only in A"));

    let search = s.get(&format!("/search?q={}", url("長江經濟帶"))).text();
    assert!(search.contains("<mark class=\"hit\">長江經濟帶</mark>"));
    assert!(search.contains("<mark class=\"hit\">长江经济带</mark>"));
    assert!(search.contains("matching documents"));
}

#[test]
fn a_slow_header_client_is_cut_off_and_the_server_stays_responsive() {
    use std::io::{Read, Write};
    let mut s = server();
    // Connections that send their headers a byte at a time, never finishing.
    let mut slow: Vec<std::net::TcpStream> = (0..40)
        .map(|_| {
            let mut c = std::net::TcpStream::connect(s.addr).unwrap();
            c.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
                .unwrap();
            c
        })
        .collect();
    for _ in 0..3 {
        for c in &mut slow {
            let _ = c.write_all(b"a");
        }
        assert_eq!(
            s.get("/healthz").status,
            200,
            "health probes answer meanwhile"
        );
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
    // The header-read timeout (10 s) closes them: a read ends (EOF or an error status).
    let c = &mut slow[0];
    c.set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .unwrap();
    let started = std::time::Instant::now();
    let mut buf = Vec::new();
    let _ = c.read_to_end(&mut buf);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(19),
        "the slow client was cut off"
    );
    assert!(s.alive());
    assert_eq!(s.get("/healthz").status, 200);
}

#[test]
fn binding_beyond_loopback_needs_a_flag_and_warns() {
    use std::io::BufRead;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_readout"))
        .env_remove("READOUT_DATA")
        .arg("--data")
        .arg(store())
        .args(["serve", "--addr", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--allow-remote"), "{err}");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_readout"))
        .env_remove("READOUT_DATA")
        .arg("--data")
        .arg(store())
        .args(["serve", "--addr", "0.0.0.0:0", "--allow-remote"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.starts_with("listening on http://0.0.0.0:"), "{line}");
    let mut warning = String::new();
    std::io::BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut warning)
        .unwrap();
    assert!(
        warning.starts_with("WARNING: serving the whole record to the network"),
        "{warning}"
    );
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn exports_and_citations_parse() {
    let s = server();
    let csl = s.get(&format!("/events/{EVENT_000}/cite.json"));
    assert_eq!(csl.status, 200);
    let v = csl.json();
    assert_eq!(v[0]["type"], "article-newspaper");
    assert!(v[0]["title"].as_str().is_some());
    let tmx = s.get(&format!("/events/{EVENT_000}/pairs.tmx")).text();
    assert!(tmx.contains("<tmx version=\"1.4\">") && tmx.matches("<tu>").count() > 5);
    let csv = s.get("/events.csv").text();
    assert!(csv.starts_with("id,kind,date,date_from,title,outlet"));
    assert_eq!(csv.matches("\r\n").count(), 7, "a header and six events");
    let json = s.get("/events.json?kind=politburo_meeting").json();
    assert_eq!(json.as_array().unwrap().len(), 2);
    let search = s
        .get(&format!("/search.json?q={}", url("長江經濟帶")))
        .json();
    assert!(!search.as_array().unwrap().is_empty());
    let history = s
        .get(&format!("/formulations/{}/history.csv", url("高質量發展")))
        .text();
    assert!(history.starts_with("formulation,date,date_from,first"));
    // The command line's export is the same code.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_readout"))
        .env_remove("READOUT_DATA")
        .arg("--data")
        .arg(store())
        .args(["export", "--format", "tmx"])
        .output()
        .unwrap();
    let cli = String::from_utf8_lossy(&out.stdout);
    for tu in tmx.split("<tu>").skip(1) {
        assert!(
            cli.contains(tu.trim_end_matches("  </body>\n</tmx>\n")),
            "the page's pairs are the CLI's"
        );
    }
}

/// Percent-encodes a query value or path segment.
fn url(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
