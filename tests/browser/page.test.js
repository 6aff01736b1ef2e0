// Loads the page of `vane serve` over the seed case in headless Chromium and
// checks what an analyst reads: the line cards, the timeline's marks, a
// mark's evidence, the exposures, the brief and search. Takes a screenshot.
//
// BASE_URL: the server (seeded with examples/seed); SCREENSHOT: where the
// PNG goes; CHROMIUM: the browser (default /usr/bin/chromium).
"use strict";
const { chromium } = require("playwright-core");

const BASE = process.env.BASE_URL || "http://127.0.0.1:8080";
const SHOT = process.env.SCREENSHOT || "screenshot-seed.png";
const Q = "us-arms-to-ukraine";
let passed = 0;
let failed = 0;

async function check(name, f) {
  try {
    await f();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${(e && e.message) || e}`);
  }
}

function expect(cond, what) {
  if (!cond) throw new Error(what);
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") errors.push(`console: ${m.text()}`); });
  page.setDefaultTimeout(10000);

  await check("the page loads and reads the question list", async () => {
    const res = await page.goto(`${BASE}/`);
    expect(res && res.ok(), `GET / answered ${res && res.status()}`);
    await page.waitForSelector("body[data-ready='1']");
    const ids = await page.$$eval("#question option", (os) => os.map((o) => o.value));
    expect(ids.includes(Q), `questions offered: ${ids.join(", ")}`);
  });

  await check("choosing the seed question shows its timeline marks, one per position", async () => {
    await page.selectOption("#question", Q);
    await page.waitForFunction((q) => location.hash.includes(q) && document.querySelectorAll(".mark").length > 0, Q);
    await page.waitForFunction(() => document.querySelectorAll(".card").length > 0);
    const api = await page.evaluate(async (q) => (await (await fetch(`/questions/${q}/timeline`)).json()).positions.length, Q);
    const marks = await page.$$eval(".mark", (ms) => ms.length);
    expect(api >= 3, `the seed case has ${api} positions on ${Q}`);
    expect(marks === api, `${marks} marks for ${api} positions`);
    const govs = await page.$$eval(".gov-label", (ls) => ls.map((l) => l.textContent));
    expect(govs.some((g) => g.startsWith("USA")) && govs.some((g) => g.startsWith("RUS")), `lanes grouped under ${govs}`);
  });

  await check("Hegseth's mark is an oppose mark in the USA group, Trump's are support", async () => {
    const hegseth = await page.$$eval(".mark[data-actor='Pete Hegseth']", (ms) => ms.map((m) => [m.dataset.stance, m.dataset.gov]));
    expect(hegseth.length === 1 && hegseth[0][0] === "oppose" && hegseth[0][1] === "USA", JSON.stringify(hegseth));
    const trump = await page.$$eval(".mark[data-actor='Donald Trump']", (ms) => ms.map((m) => m.dataset.stance));
    expect(trump.length >= 1 && trump.every((s) => s === "support"), JSON.stringify(trump));
  });

  await check("the line card: the USA supports (set by Trump), Russia opposes", async () => {
    const usa = await page.textContent(".card[data-gov='USA']");
    expect(/support/.test(usa) && /Donald Trump/.test(usa) && /defensive weapons/.test(usa), usa);
    const rus = await page.textContent(".card[data-gov='RUS']");
    expect(/oppose/.test(rus), rus);
  });

  await check("as of 2025-07-01 the USA card shows Hegseth's pause instead", async () => {
    await page.fill("#as-of", "2025-07-01");
    await page.dispatchEvent("#as-of", "change");
    // The card's history names Hegseth at the latest date too: wait for the
    // line as of the date (the cards and the timeline are drawn with it).
    await page.waitForFunction(() => document.querySelector("#line-as-of")?.textContent === "as of 2025-07-01");
    const usa = await page.textContent(".card[data-gov='USA'] .card-head");
    expect(/oppose/.test(usa) && /certain arms/.test(usa), usa);
    const setBy = await page.textContent(".card[data-gov='USA']");
    expect(/set by Pete Hegseth/.test(setBy), setBy);
    const later = await page.$$eval(".mark.later", (ms) => ms.length);
    expect(later >= 1, "marks after the as-of date are faded");
    await page.click("#latest");
    await page.waitForFunction(() => /Donald Trump/.test(document.querySelector(".card[data-gov='USA']")?.textContent || ""));
  });

  await check("clicking a mark shows its sentence in the document, with a link to the document", async () => {
    await page.click(".mark[data-actor='Pete Hegseth']");
    await page.waitForSelector("#evidence-doc .context mark");
    const quote = await page.textContent("#evidence-text");
    expect(/directed a pause in certain arms deliveries/.test(quote), quote);
    const marked = await page.textContent("#evidence-doc .context mark");
    expect(marked === quote, `the document's text at the range (${marked}) is the quote (${quote})`);
    const href = await page.getAttribute("#evidence-doc-link", "href");
    expect(/^\/documents\/[0-9a-f]{64}$/.test(href), href);
    const doc = await page.evaluate(async (h) => (await fetch(h)).status, href);
    expect(doc === 200, `the document link answers ${doc}`);
    expect(await page.$eval(".mark[data-actor='Pete Hegseth']", (m) => m.classList.contains("selected")), "the mark is selected");
  });

  await check("exposures list the coordination gap, strongest first", async () => {
    await page.waitForSelector("#exposures .exposure");
    const kinds = await page.$$eval("#exposures .exposure .kind", (ks) => ks.map((k) => k.textContent));
    expect(kinds.includes("coordination gap"), kinds.join(", "));
  });

  await check("the brief reads the USA facing Russia, with cited sources", async () => {
    await page.waitForFunction(() => /facing/.test(document.querySelector("#brief h3")?.textContent || ""));
    const head = await page.textContent("#brief h3");
    expect(head.startsWith(`USA on ${Q}, facing RUS`), head);
    const links = await page.$$eval("#brief a.src", (as) => as.length);
    expect(links > 0, "the brief's citations are links");
  });

  await check("search finds the statements with a word", async () => {
    await page.fill("#search-q", "defensive");
    await page.click("#search-form button");
    await page.waitForSelector("#search-results li .cite");
    const hits = await page.$$eval("#search-results .cite q", (qs) => qs.map((q) => q.textContent));
    expect(hits.length >= 1 && hits.every((t) => /defensive/i.test(t)), JSON.stringify(hits));
  });

  await check("no script errors", async () => {
    expect(errors.length === 0, errors.join("; "));
  });

  await check("screenshot", async () => {
    await page.click(".mark[data-actor='Pete Hegseth']");
    await page.waitForSelector("#evidence-doc .context mark");
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: SHOT, fullPage: true });
    console.log(`     saved ${SHOT}`);
  });

  // After the screenshot and the script-error check: the refused write below
  // logs the browser's own "failed to load resource" line.
  await check("the token field keeps its token in this tab; a write says why it is refused", async () => {
    await page.fill("#token", "not-the-token");
    await page.dispatchEvent("#token", "change");
    await page.reload();
    await page.waitForSelector("body[data-ready='1']");
    const kept = await page.$eval("#token", (t) => t.value);
    expect(kept === "not-the-token", `the field after a reload: ${kept}`);
    await page.setInputFiles("#add-file", { name: "note.txt", mimeType: "text/plain", buffer: Buffer.from("A note.\n") });
    await page.click("#add-form button[type=submit]");
    await page.waitForFunction(() => /writes_disabled|unauthorized|stored/.test(document.querySelector("#add-result").textContent));
    const said = await page.$eval("#add-result", (e) => e.textContent);
    // The test's server runs without VANE_TOKEN: every write is refused.
    expect(/writes_disabled/.test(said), said);
  });

  await browser.close();
}

main()
  .catch((e) => {
    failed++;
    console.log(`FAIL the browser run: ${(e && e.stack) || e}`);
  })
  .finally(() => {
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  });
