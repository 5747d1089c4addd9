// End-to-end tests of `readout serve` in a real headless Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core). run.sh starts the server on a store
// ingested from testdata/seeds and testdata/serve/xss.txt and passes its address in
// READOUT_URL. Every page kind is opened and checked for what a reader sees; each is
// also photographed at desktop (1280) and phone (390) width into SCREENSHOTS.
"use strict";

const { test, describe, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { chromium } = require("playwright-core");

const BASE = process.env.READOUT_URL;
const SHOTS = process.env.SCREENSHOTS || path.join(__dirname, "..", "target", "screenshots");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
if (!BASE) throw new Error("READOUT_URL is not set (run tests-browser/run.sh)");

const ZH_000 = "57ea68160e20-0";
const EN_000 = "57ea68160e20-1";
const ZH_003 = "17907c9de310-0";
const EVENT_000 = "ev-57ea68160e20-0";
const EVENT_003 = "ev-17907c9de310-0";

let context;
let profile;
/** Problems any page reported: CSP violations, script errors, dialogs. */
const problems = [];

function watch(page) {
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error on ${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`script error on ${page.url()}: ${e.message}`));
  page.on("dialog", (d) => {
    problems.push(`a dialog opened on ${page.url()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  return page;
}

async function open(url, width = 1280) {
  const page = watch(await context.newPage());
  await page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
  const res = await page.goto(BASE + url);
  assert.equal(res.status(), 200, `GET ${url}`);
  return page;
}

async function shot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const w = page.viewportSize().width;
  await page.screenshot({ path: path.join(SHOTS, `${name}-${w}.png`) });
}

/** The page does not scroll sideways. */
async function fitsWidth(page) {
  const [scroll, client] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  assert.ok(scroll <= client + 1, `${page.url()} is ${scroll}px wide in a ${client}px window`);
}

before(async () => {
  profile = fs.mkdtempSync(path.join(os.tmpdir(), "readout-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // Screenshots are taken when scrolling has finished.
    reducedMotion: "reduce",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

after(async () => {
  if (context) await context.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
  assert.deepEqual(problems, [], "no page reported a problem");
});

describe("readout serve in a browser", () => {
  test("the timeline shows events by date, partial dates as written, and filters", async () => {
    const page = await open("/");
    await assert.doesNotReject(page.getByRole("heading", { name: "Timeline of events" }).waitFor());
    const partial = page.locator(".date.partial", { hasText: "12日" });
    assert.equal(await partial.getAttribute("lang"), "zh-Hant");
    assert.ok(await partial.isVisible());
    assert.ok(await page.locator(".date.partial", { hasText: "昨日" }).isVisible());
    assert.match(await page.locator(".count").innerText(), /^8 shown of 8 events/);
    // Dated events come in date order.
    const dates = await page.locator(".when time.date").allInnerTexts();
    const full = dates.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
    assert.ok(full.length >= 2);
    assert.deepEqual(full, [...full].sort());
    await shot(page, "timeline");
    await page.selectOption("#kind", "symposium");
    await Promise.all([page.waitForURL(/kind=symposium/), page.getByRole("button", { name: "Filter" }).click()]);
    assert.match(await page.locator(".count").innerText(), /^2 shown of 2 events/);
    for (const k of await page.locator(".what .kind").allInnerTexts()) assert.equal(k.toLowerCase(), "symposium");
    await page.close();
  });

  test("an event's values link to their passages, highlighted", async () => {
    const page = await open(`/events/${EVENT_000}`);
    await shot(page, "event");
    const chair = page.locator("dt:text-is('Chair') + dd a.value");
    assert.equal(await chair.innerText(), "習近平");
    assert.equal(await chair.getAttribute("lang"), "zh-Hant");
    await Promise.all([page.waitForURL(new RegExp(`/docs/${ZH_000}\\?hl=`)), chair.click()]);
    const mark = page.locator("mark.hl");
    assert.equal(await mark.count(), 1);
    assert.equal(await mark.innerText(), "習近平");
    assert.ok(await mark.isVisible());
    // The browser scrolls to the anchored paragraph (smoothly, where motion is allowed).
    await page.waitForFunction(() => {
      const r = document.querySelector("mark.hl").getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    assert.ok(await page.evaluate(() => document.querySelector(":target") !== null), "its paragraph is the target");
    await shot(page, "document");
    await page.close();
  });

  test("the aligned view marks what the abridged translation leaves out", async () => {
    const page = await open(`/events/${EVENT_000}`);
    const article = page.locator("article.alignment", {
      has: page.locator(`h3 a[href="/docs/${EN_000}"]`),
    });
    assert.equal(await article.count(), 1);
    const omitted = article.locator("p.sent.omitted");
    assert.ok((await omitted.count()) >= 1, "some sentence is left out");
    const first = omitted.first();
    await first.scrollIntoViewIfNeeded();
    assert.ok(await first.isVisible());
    assert.match(await first.innerText(), /not translated/i);
    const bg = await first.evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(bg, "rgba(0, 0, 0, 0)", "an omitted sentence has a highlight");
    const row = article.locator("tr.omitted-row").first();
    assert.match(await row.locator("td").nth(1).innerText(), /\(not translated\)/);
    const phrases = article.locator("mark.omitted-phrase");
    assert.ok((await phrases.count()) >= 1, "omitted phrases are marked");
    assert.notEqual(
      await phrases.first().evaluate((el) => getComputedStyle(el).backgroundColor),
      "rgba(0, 0, 0, 0)",
    );
    await first.evaluate((el) => el.scrollIntoView({ block: "center" }));
    await shot(page, "aligned");
    await page.close();
  });

  test("the script toggle shows the simplified view and back", async () => {
    const page = await open(`/events/${EVENT_000}`);
    await Promise.all([
      page.waitForURL(/view=normalized/),
      page.getByRole("link", { name: "Normalized (simplified)" }).click(),
    ]);
    assert.equal(await page.locator("dt:text-is('Chair') + dd a.value").innerText(), "习近平");
    assert.equal(
      await page.getByRole("link", { name: "Normalized (simplified)" }).getAttribute("aria-current"),
      "true",
    );
    const aligned = await page.locator("article.alignment").first().innerText();
    assert.ok(aligned.includes("国内大循环"), "Taiwan vocabulary undone in the view");
    assert.ok(!aligned.includes("國內大迴圈"));
    await Promise.all([
      page.waitForURL((u) => !u.search.includes("view=normalized")),
      page.getByRole("link", { name: "Original script" }).click(),
    ]);
    assert.ok((await page.locator("article.alignment").first().innerText()).includes("國內大迴圈"));
    await page.close();
  });

  test("a search from the header finds both scripts and leads to the passage", async () => {
    const page = await open("/");
    await page.locator("#site-q").fill("長江經濟帶");
    await Promise.all([page.waitForURL(/\/search\?q=/), page.locator("#site-q").press("Enter")]);
    const marks = await page.locator("ol.hits mark.hit").allInnerTexts();
    assert.ok(marks.includes("長江經濟帶"), `traditional hits: ${marks}`);
    assert.ok(marks.includes("长江经济带"), `simplified hits: ${marks}`);
    assert.match(await page.locator(".count").innerText(), /matching document/);
    assert.ok(await page.locator(".facets a", { hasText: "Hans" }).isVisible());
    await shot(page, "search");
    await Promise.all([page.waitForURL(/\/docs\/.*hl=/), page.locator("ol.hits h3 a").first().click()]);
    const mark = page.locator("mark.hl").first();
    assert.ok(await mark.isVisible());
    assert.match(await mark.innerText(), /長江經濟帶|长江经济带/);
    // A facet narrows the search.
    await page.goto(`${BASE}/search?q=${encodeURIComponent("長江經濟帶")}`);
    await Promise.all([page.waitForURL(/script=Hans/), page.locator(".facets a", { hasText: "Hans" }).click()]);
    for (const meta of await page.locator("li.hit .meta").allInnerTexts()) assert.match(meta, /Hans/);
    await page.close();
  });

  test("a document shows its provenance and, on demand, the noise removed in place", async () => {
    const page = await open(`/docs/${ZH_003}`);
    assert.equal(await page.locator(".body del.removed").count(), 0);
    await page.locator("details.provenance summary").click();
    assert.equal(await page.locator("dt:text-is('Encoding') + dd").innerText(), "UTF-8");
    assert.match(await page.locator("dt:text-is('File') + dd").innerText(), /003_522596ff6ab5f318\.txt$/);
    await Promise.all([
      page.waitForURL(/show=removals/),
      page.getByRole("link", { name: /Show removed noise/ }).click(),
    ]);
    const removed = page.locator(".body del.removed");
    assert.ok((await removed.count()) >= 100, "the salting is shown where it was");
    assert.ok(await removed.first().isVisible());
    assert.match(await removed.first().getAttribute("title"), /removed/);
    assert.equal(await page.locator(".body p[lang='zh-Hant']").count() > 0, true);
    await removed.first().evaluate((el) => el.scrollIntoView({ block: "center" }));
    await shot(page, "removals");
    await page.close();
  });

  test("markup in a document is shown as the text it is", async () => {
    const page = await open("/docs");
    let link = page.locator("table.list a", { hasText: "A test of escaping" });
    await Promise.all([page.waitForURL(/\/docs\/[0-9a-f]{12}-0$/), link.click()]);
    assert.equal(await page.locator("h1").innerText(), "A test of escaping <script>alert(1)</script>");
    assert.ok((await page.locator(".body").innerText()).includes("<img src=x onerror=alert(2)>"));
    assert.equal(await page.locator("script").count(), 1, "only the server's own script");
    assert.equal(await page.locator("img").count(), 0);
    assert.equal(await page.locator("main").count(), 1);
    await shot(page, "escaping");
    await page.goto(BASE + "/");
    assert.ok((await page.locator("main").innerText()).includes("<script>alert(1)</script>"));
    await page.close();
  });

  test("a formulation's history is a chart, and its mentions lead to passages", async () => {
    const page = await open("/formulations");
    await Promise.all([
      page.waitForURL(/\/formulations\/%E9%AB%98/),
      page.locator("table.list a", { hasText: /^高质量发展$/ }).click(),
    ]);
    const bars = page.locator("svg.chart rect.bar");
    assert.ok((await bars.count()) >= 2);
    assert.match(await bars.first().locator("title").textContent(), /^\d{4}: \d+$/);
    assert.ok(await page.locator("svg.chart").isVisible());
    const english = await page.locator("ul.renderings li[lang='en']").allInnerTexts();
    assert.ok(english.some((e) => /high-quality development/i.test(e)), `${english}`);
    await shot(page, "formulation");
    const line = page.locator("a.kwic-line").first();
    const said = await line.locator("mark").innerText();
    await Promise.all([page.waitForURL(/\/docs\/.*hl=/), line.click()]);
    assert.equal(await page.locator("mark.hl").first().innerText(), said);
    await page.close();
  });

  test("compare lists formulations new, dropped and kept, and pairs sentences", async () => {
    const page = await open("/compare");
    // Every option names its event's date and kind: no two read the same.
    const labels = await page.locator("#a option").allInnerTexts();
    assert.equal(new Set(labels).size, labels.length, `${labels}`);
    await page.selectOption("#a", EVENT_000);
    await page.selectOption("#b", EVENT_003);
    await Promise.all([page.waitForURL(/a=.*&b=/), page.getByRole("button", { name: "Compare" }).click()]);
    for (const h of ["New in B", "Dropped from A", "Kept"]) {
      assert.ok(await page.getByRole("heading", { name: new RegExp(`^${h}`) }).isVisible(), h);
    }
    const kept = await page.locator(".kept li").allInnerTexts();
    assert.ok(kept.includes("高质量发展"), `${kept}`);
    assert.ok((await page.locator("table.compare tr.cmp").count()) > 0);
    await shot(page, "compare");
    await page.close();
  });

  test("what changed: reworded sentences are paired and the changed words marked", async () => {
    // Two readouts of one kind a year apart, made by the run script from the sample
    // (the later one reworded: 稳健的货币政策 → 适度宽松的货币政策).
    const list = await (await fetch(`${BASE}/api/events?kind=politburo_meeting&limit=100`)).json();
    const ids = list.items.filter((e) => (e.title || "").includes("经济形势")).map((e) => e.id);
    assert.ok(ids.length >= 2, `two economy meetings: ${JSON.stringify(list.items.map((e) => e.title))}`);
    const later = ids[ids.length - 1];
    const page = await open(`/events/${later}`);
    const link = page.locator("nav.changed a.compare-link").first();
    await Promise.all([page.waitForURL(/\/compare\?a=/), link.click()]);
    const reworded = page.locator("tr.cmp.reworded");
    assert.ok((await reworded.count()) >= 1, "a reworded pair");
    const ins = await page.locator("tr.cmp.reworded mark.ins").allInnerTexts();
    const del = await page.locator("tr.cmp.reworded mark.del").allInnerTexts();
    assert.ok(ins.some((t) => t.includes("适度宽松")), `put in: ${ins}`);
    assert.ok(del.some((t) => t.includes("稳健")), `taken out: ${del}`);
    assert.ok((await page.locator(".new li", { hasText: "适度宽松的货币政策" }).count()) >= 0);
    await page.locator("tr.cmp.reworded").first().evaluate((el) => el.scrollIntoView({ block: "center" }));
    await shot(page, "changed");
    await page.close();
  });

  test("the documents list names documents and their events by label, not by id", async () => {
    const page = await open("/docs");
    const titles = await page.locator("td[data-label=Title] a").allInnerTexts();
    assert.ok(titles.length >= 10, `${titles}`);
    for (const t of titles) {
      assert.doesNotMatch(t, /[0-9a-f]{12}-[0-9]+/, `an id stands for a title: ${t}`);
    }
    const events = await page.locator("td[data-label=Event] a").allInnerTexts();
    assert.ok(events.length > 0);
    for (const t of events) {
      // "Politburo meeting, 2023-11-27" (or the date as written, 11月29日): kind, date.
      assert.match(t, /^[A-Z][^,]*, \S/, `event label: ${t}`);
      assert.doesNotMatch(t, /^ev-/, `an id stands for an event: ${t}`);
    }
    await page.close();
  });

  test("an event has a cite block, a CSL-JSON that parses and a live source link", async () => {
    const page = await open(`/events/${EVENT_000}`);
    const text = await page.locator("textarea#cite-text").inputValue();
    assert.ok(text.includes("Record: http"), text);
    const href = await page.locator("section.cite a[download]").getAttribute("href");
    const csl = await (await fetch(BASE + href)).json();
    assert.equal(csl[0].type, "article-newspaper");
    assert.ok(csl[0].title);
    // The paragraph's pilcrow makes it the paragraph to cite.
    await Promise.all([page.waitForURL(/cite=2/), page.locator("#p2 a.pilcrow").click()]);
    assert.match(await page.locator("section.cite a.permalink").innerText(), /#p2$/);
    for (const a of await page.locator("a.source").all()) {
      assert.match(await a.getAttribute("href"), /^https?:\/\//);
      assert.equal(await a.getAttribute("rel"), "noopener noreferrer");
    }
    // The reading comes first: the readout's text before the versions and provenance.
    const y = async (sel) => (await page.locator(sel).first().boundingBox()).y;
    assert.ok((await y("section.reading")) < (await y("#versions")));
    await page.close();
  });

  test("downloads parse: events, search and formulation CSV and JSON, pairs TMX", async () => {
    const csv = await (await fetch(`${BASE}/events.csv`)).text();
    assert.match(csv, /^id,kind,date,date_from,title,outlet/);
    const events = await (await fetch(`${BASE}/events.json`)).json();
    assert.ok(events.length >= 6);
    const hits = await (await fetch(`${BASE}/search.json?q=${encodeURIComponent("長江經濟帶")}`)).json();
    assert.ok(hits.length >= 2 && hits[0].doc);
    const hist = await (await fetch(`${BASE}/formulations/${encodeURIComponent("高质量发展")}/history.json`)).json();
    assert.ok(hist.length >= 4 && hist[0].first === true);
    const tmx = await (await fetch(`${BASE}/events/${EVENT_000}/pairs.tmx`)).text();
    assert.match(tmx, /<tmx version="1.4">/);
    assert.ok((tmx.match(/<tu>/g) || []).length > 3);
  });

  test("a traditional-script formulation URL finds the phrase, head in view", async () => {
    const page = await open(`/formulations/${encodeURIComponent("高質量發展")}`);
    assert.equal(await page.locator("h1").innerText(), "高质量发展");
    assert.equal(await page.evaluate(() => window.scrollY), 0, "no scrolling past the head");
    assert.ok(await page.locator("svg.chart").isVisible());
    const first = page.locator("li.mention.first");
    assert.equal(await first.count(), 1);
    const dates = await page.locator("li.mention time").allInnerTexts();
    assert.deepEqual(dates, [...dates].sort());
    await page.close();
  });

  test("the keyboard reaches everything: skip link, focus styles, '/' for search", async () => {
    const page = await open(`/events/${EVENT_000}`);
    await page.keyboard.press("Tab");
    const skip = page.locator("a.skip");
    assert.ok(await skip.evaluate((el) => el === document.activeElement));
    assert.ok(await skip.isVisible(), "the skip link shows when focused");
    await page.keyboard.press("Enter");
    assert.ok(await page.evaluate(() => location.hash === "#main"));
    await page.keyboard.press("Tab");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, "none", "the focused element is outlined");
    await page.keyboard.press("Escape");
    await page.locator("h1").click();
    await page.keyboard.press("/");
    assert.ok(await page.evaluate(() => document.activeElement && document.activeElement.id === "site-q"));
    await page.close();
  });

  test("pages work without JavaScript", async () => {
    // The only script is the server's own file; with it blocked no script runs.
    const page = await context.newPage();
    await page.route("**/*.js", (r) => r.abort());
    await page.goto(`${BASE}/`);
    await page.selectOption("#kind", "symposium");
    await Promise.all([page.waitForURL(/kind=symposium/), page.getByRole("button", { name: "Filter" }).click()]);
    assert.match(await page.locator(".count").innerText(), /^2 shown of 2 events/);
    await page.goto(`${BASE}/events/${EVENT_000}`);
    await Promise.all([
      page.waitForURL(/view=normalized/),
      page.getByRole("link", { name: "Normalized (simplified)" }).click(),
    ]);
    assert.equal(await page.locator("dt:text-is('Chair') + dd a.value").innerText(), "习近平");
    await page.goto(`${BASE}/docs/${ZH_003}`);
    await Promise.all([
      page.waitForURL(/show=removals/),
      page.getByRole("link", { name: /Show removed noise/ }).click(),
    ]);
    assert.ok((await page.locator(".body del.removed").count()) >= 100);
    await page.close();
  });

  test("no page or answer grows with the archive: pages of a x10 archive stay under 200 KB", async () => {
    // run.sh's x10 archive: ten copies of two day files of the news broadcast. How many
    // of its items are events is the record's business (and changes); every item is a
    // document, so the documents make the archive several pages long whatever the
    // events are. Each list shows one page of rows, with a way to the next.
    const big = process.env.READOUT_BIG_URL;
    if (!big) return;
    const get = async (p) => {
      const res = await fetch(big + p);
      assert.equal(res.status, 200, `GET ${p}`);
      return res.text();
    };
    const DOCS_PAGE = 100; // /docs and /api/docs
    const TIMELINE_PAGE = 50; // /
    const EVENTS_API_PAGE = 100; // /api/events
    const docs = JSON.parse(await get("/api/docs"));
    assert.ok(docs.total > 2 * DOCS_PAGE, `the archive has ${docs.total} documents`);
    assert.equal(docs.items.length, DOCS_PAGE);
    assert.ok(docs.next, "/api/docs has a cursor to the next page");
    const events = JSON.parse(await get("/api/events"));
    assert.ok(events.total > 0, "the archive has events");
    assert.equal(events.items.length, Math.min(events.total, EVENTS_API_PAGE));
    assert.equal(Boolean(events.next), events.total > EVENTS_API_PAGE, "/api/events pages");
    for (const p of ["/", "/docs", "/api/events", "/api/docs", "/formulations", "/api/formulations"]) {
      const body = await get(p);
      assert.ok(Buffer.byteLength(body) < 200 * 1024, `${p} is ${Buffer.byteLength(body)} bytes`);
    }
    const timeline = await get("/");
    const rows = (timeline.match(/<li class="event/g) || []).length;
    assert.equal(rows, Math.min(events.total, TIMELINE_PAGE), "the timeline shows one page of events");
    const docsPage = await get("/docs");
    assert.equal((docsPage.match(/<td data-label="Title">/g) || []).length, DOCS_PAGE);
    assert.match(docsPage, /rel="next"/);
  });

  test("every page fits a phone's width, and is photographed at both widths", async () => {
    const pages = {
      timeline: "/",
      event: `/events/${EVENT_000}`,
      document: `/docs/${ZH_000}?hl=0:71-74#p0`,
      formulation: `/formulations/${encodeURIComponent("高质量发展")}`,
      compare: `/compare?a=${EVENT_000}&b=${EVENT_003}`,
      compare_picker: "/compare",
      search: `/search?q=${encodeURIComponent("長江經濟帶")}`,
      documents: "/docs",
      formulations: "/formulations",
    };
    for (const width of [1280, 390]) {
      for (const [name, url] of Object.entries(pages)) {
        const page = await open(url, width);
        await fitsWidth(page);
        await shot(page, name);
        if (name === "event") {
          await page.locator("tr.omitted-row").first().evaluate((el) => el.scrollIntoView({ block: "center" }));
          await shot(page, "aligned");
        }
        await page.close();
      }
    }
  });
});
