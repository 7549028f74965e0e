// Measures and progress in real browsers against a real server (issue 4), on the demo's
// Dementia Network map with measures seeded through the API (Stepping Stones series as
// stand-ins): the map coloured by status with its legend and stale mark; an off-track
// objective clicked, its measure's chart reached and a point hovered (tooltip); a target
// changed, and a second person (another account, an editor) sees the colours change live
// within a second; the scorecard and dashboard; the import dialog with foster_care.csv
// (counts per locality), and a broken file refused with its line and reason.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEMO_EMAIL, DEMO_PASSWORD, shot, startBrowser, startServer } from "./harness.mjs";

const STEPPING = "/work/shared/data/real/stepping-stones-indicators";
const FOSTER = path.join(STEPPING, "foster_care.csv");

let server; let coalition; let ann; let bob; // ann: the demo steward; bob: an editor invited here
const BOB = { email: "bob.editor@example.org", name: "Bob Editor", password: "bob-editor-password-1" };

const api = async (pathname, init) => {
  const r = await server.api(pathname, init);
  const text = await r.text();
  let body = null; try { body = text ? JSON.parse(text) : null; } catch { body = text; }
  return { status: r.status, body };
};

async function commit(ops) {
  const list = await api("/api/coalitions");
  const revision = list.body.find((c) => c.id === coalition).revision;
  const r = await api(`/api/coalitions/${coalition}/changes`, { method: "POST", body: JSON.stringify({ base_revision: revision, ops }) });
  assert.equal(r.status, 200, `commit: ${JSON.stringify(r.body)}`);
  return r.body;
}

const iso = (d) => d.toISOString().slice(0, 10);
const daysAgo = (n) => iso(new Date(Date.now() - n * 86_400_000));

/** Foster-care rates of one locality from the real file, by year. */
function fosterSeries(locality) {
  const [header, ...lines] = fs.readFileSync(FOSTER, "utf8").trim().split("\n");
  const cols = header.split(",");
  return lines.map((l) => l.split(",")).filter((r) => r[cols.indexOf("locality")] === locality)
    .map((r) => ({ date: `${r[cols.indexOf("year")]}-12-31`, value: Number(r[cols.indexOf("fc_rate")]) }))
    .sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** Opens the app in a fresh browser signed in as `who` (the sign-in page, as a person would). */
async function person(who, at) {
  const browser = await startBrowser({ width: 1600, height: 940 }, { signedIn: false });
  const page = browser.context.pages()[0] ?? await browser.context.newPage();
  page.on("pageerror", (e) => console.error(`page error (${who.email}):`, e.message));
  await page.goto(`${server.base}/${at}`);
  const form = page.locator("form.auth-form");
  await Promise.race([form.waitFor(), page.locator(".user-menu").waitFor()]);
  if (await form.isVisible()) {
    await page.getByLabel("Email").fill(who.email);
    await page.getByLabel("Password").fill(who.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.locator(".user-menu").waitFor();
  }
  return { browser, page };
}

before(async () => {
  server = await startServer();
  coalition = (await api("/api/coalitions")).body.find((c) => c.name.startsWith("Dementia Network")).id;
  const alb = fosterSeries("Albemarle"); const cville = fosterSeries("Charlottesville");
  assert.ok(alb.length > 10 && cville.length > 10);
  const base2010 = (s) => s.find((p) => p.date === "2010-12-31");
  // EO5: Albemarle's rate went up from 2010 while the target wants it down: off track.
  // EO2: Charlottesville's fell faster than planned: on track. EO3: a performance
  // measure behind its trajectory: at risk. CAP1a: data three years old: stale.
  const added = await commit([
    { op: "add_measure", measure: { id: "m-alb", statement: "EO5", name: "Children in foster care — Albemarle", kind: "population", unit: "per 1,000",
      direction: "down", baseline: base2010(alb), targets: [{ date: "2025-12-31", value: 2.0 }], period_days: 1825, data_source: "Virginia DSS", weight: 1, group: "Albemarle" } },
    { op: "set_data_points", measure: "m-alb", points: alb.filter((p) => p.date > "2010-12-31").map((p) => ({ ...p, note: "" })) },
    { op: "add_measure", measure: { id: "m-cville", statement: "EO2", name: "Children in foster care — Charlottesville", kind: "population", unit: "per 1,000",
      direction: "down", baseline: base2010(cville), targets: [{ date: "2025-12-31", value: 10 }], period_days: 1825, data_source: "Virginia DSS", weight: 1, group: "Charlottesville" } },
    { op: "set_data_points", measure: "m-cville", points: cville.filter((p) => p.date > "2010-12-31").map((p) => ({ ...p, note: "" })) },
    { op: "add_measure", measure: { id: "m-served", statement: "EO3", name: "Families served by navigators", kind: "performance", unit: "families",
      direction: "up", baseline: { date: daysAgo(1000), value: 100 }, targets: [{ date: daysAgo(-800), value: 300 }], period_days: 365, weight: 1 } },
    { op: "set_data_points", measure: "m-served", points: [
      { date: daysAgo(700), value: 130, note: "" }, { date: daysAgo(400), value: 165, note: "" }, { date: daysAgo(60), value: 185, note: "first year of the new navigators" }] },
    { op: "add_measure", measure: { id: "m-old", statement: "CAP1a", name: "Dementia-friendly businesses", kind: "performance", unit: "businesses",
      direction: "up", baseline: { date: daysAgo(2000), value: 10 }, targets: [{ date: daysAgo(1000), value: 40 }], period_days: 365, weight: 1 } },
    { op: "set_data_points", measure: "m-old", points: [{ date: daysAgo(1500), value: 30, note: "" }, { date: daysAgo(1100), value: 41, note: "" }] },
  ]);
  assert.ok(added.revision > 0);
  // Bob: a second account, invited as an editor of this coalition.
  const invite = await api(`/api/coalitions/${coalition}/invites`, { method: "POST", body: JSON.stringify({ email: BOB.email, role: "editor" }) });
  assert.ok(invite.status === 200 || invite.status === 201, `invite: ${invite.status} ${JSON.stringify(invite.body)}`);
  const registered = await fetch(`${server.base}/api/invites/${invite.body.code}/register`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: BOB.name, password: BOB.password }),
  });
  assert.ok(registered.ok, `register: ${registered.status}`);
});

after(async () => {
  await ann?.browser.close();
  await bob?.browser.close();
  await server?.stop();
});

const boxStatus = (page, id) => page.locator(`[data-statement="${id}"]`).getAttribute("data-analysis");

test("the map coloured by status, a red objective to its chart, a target changed, seen live by an editor", async () => {
  const progress = (await api(`/api/coalitions/${coalition}/progress`)).body;
  assert.equal(progress.statements.EO5.status, "off_track");
  assert.equal(progress.statements.EO2.status, "on_track");
  assert.equal(progress.statements.EO3.status, "at_risk");
  assert.equal(progress.measures["m-old"].stale, true);

  ann = await person({ email: DEMO_EMAIL, password: DEMO_PASSWORD }, `#/c/${coalition}/progress`);
  bob = await person(BOB, `#/c/${coalition}/progress`);
  for (const p of [ann, bob]) {
    await p.page.locator('[data-statement="EO5"][data-analysis="off_track"]').waitFor();
    await p.page.waitForTimeout(900); // the arrival animation
  }
  // Colours as the server computed them, on every box of the level, and the legend.
  for (const id of ["EO5", "EO2", "EO3", "PI"]) assert.equal(await boxStatus(ann.page, id), progress.statements[id].status, id);
  const legend = ann.page.getByRole("group", { name: "Status legend" });
  for (const words of ["On track", "At risk", "Off track", "No data", "stale"]) assert.ok((await legend.innerText()).includes(words), words);
  // CAP1 holds the stale measure (on CAP1a inside it): its box carries the stale flag.
  await ann.page.locator('[data-statement="CAP1"] [data-flag="stale"]').waitFor();
  const badge = await ann.page.locator('[data-statement="EO2"]').getAttribute("data-analysis-badge");
  assert.equal(badge, `${Math.round(progress.statements.EO2.score * 100)}%`);
  await shot(ann.page, "progress-01-map-status");

  // As of an earlier date: what the map looked like then (the server answers as_of).
  const before2016 = (await api(`/api/coalitions/${coalition}/progress?as_of=2016-04-30`)).body;
  await ann.page.getByLabel("As of date").fill("2016-04-30");
  await ann.page.locator(".status-legend-title", { hasText: "2016-04-30" }).waitFor();
  await ann.page.waitForFunction((s) => document.querySelector('[data-statement="EO2"]')?.getAttribute("data-analysis") === s, before2016.statements.EO2.status);
  await shot(ann.page, "progress-02-map-as-of-2016");
  await ann.page.getByRole("button", { name: "Today" }).click();
  await ann.page.locator(".status-legend-title", { hasText: "Progress today" }).waitFor();

  // Click the off-track objective: its measures in the panel, then its measure page.
  await ann.page.locator('[data-statement="EO5"]').click();
  const item = ann.page.locator('.measure-item[data-measure="m-alb"]');
  await item.waitFor();
  assert.match(await item.innerText(), /Off track/);
  await shot(ann.page, "progress-03-panel-measures");
  await item.getByRole("button", { name: /Children in foster care — Albemarle/ }).click();
  await ann.page.locator('[data-measure-page="m-alb"]').waitFor();
  const chart = ann.page.locator('.measure-chart[data-chart="m-alb"] svg');
  await chart.waitFor();
  await ann.page.waitForTimeout(300);
  await shot(ann.page, "progress-04-measure-page");

  // Hover the data point of 2022 (where the chart says it drew it): the tooltip shows its date and value.
  const last = fosterSeries("Albemarle").find((p) => p.date === "2022-12-31");
  const at = await ann.page.locator('.measure-chart[data-chart="m-alb"]').evaluate((el, p) => el.pointAt(p.date, p.value), last);
  await ann.page.mouse.move(at.x - 30, at.y - 30);
  await ann.page.mouse.move(at.x, at.y, { steps: 4 });
  const tip = ann.page.locator(".chart-tooltip");
  await tip.waitFor({ state: "visible" });
  const seen = await tip.innerText();
  assert.match(seen, /2022-12-31/, "the tooltip names the hovered point");
  assert.match(seen, /4\.62 per 1,000/);
  await shot(ann.page, "progress-05-tooltip");

  // The chart exports as SVG and as PNG (for slides and reports).
  for (const [button, check] of [["Export SVG", (b) => b.toString("utf8").includes("<svg")], ["Export PNG", (b) => b.subarray(1, 4).toString() === "PNG"]]) {
    const [download] = await Promise.all([ann.page.waitForEvent("download"), ann.page.getByRole("button", { name: button }).click()]);
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    assert.ok(bytes.length > 2000 && check(bytes), `${button}: ${download.suggestedFilename()} (${bytes.length} bytes)`);
  }

  // The measure as it stood on 2016-04-30: its latest value then was 2015's.
  const then = (await api(`/api/coalitions/${coalition}/progress?as_of=2016-04-30`)).body.measures["m-alb"];
  assert.equal(then.date, "2015-12-31");
  await ann.page.getByLabel("As of date").fill("2016-04-30");
  await ann.page.locator(".measure-summary", { hasText: `${then.value.toFixed(2)} per 1,000` }).waitFor();
  await ann.page.waitForTimeout(200);
  await shot(ann.page, "progress-05b-measure-as-of");
  await ann.page.getByRole("button", { name: "Today" }).click();
  await ann.page.locator(".measure-summary", { hasText: "on 2022-12-31" }).waitFor();

  // Change the target (a less ambitious one): the measure becomes on track.
  await bob.page.evaluate(() => { window.notReloaded = true; });
  await ann.page.getByLabel("Target 1 value").fill("4.7");
  const started = Date.now();
  await ann.page.getByRole("button", { name: "Save definition" }).click();
  // Bob, on the map, sees EO5 turn green within a second, without reloading.
  await bob.page.waitForFunction(() => document.querySelector('[data-statement="EO5"]')?.getAttribute("data-analysis") === "on_track", null, { timeout: 1000 });
  const took = Date.now() - started;
  assert.ok(took < 1000, `seen after ${took} ms`);
  assert.equal(await bob.page.evaluate(() => window.notReloaded), true, "no reload");
  await ann.page.locator(".measure-summary .status-pill", { hasText: "On track" }).waitFor();
  await shot(bob.page, "progress-06-bob-sees-live");
  await shot(ann.page, "progress-07-measure-on-track");
  console.log(`# target change seen by the second browser after ${took} ms`);
});

test("a data point added in the grid shows in the table, the chart and the scorecard, and live on another's measure page", async () => {
  const { page } = ann;
  await bob.page.goto(`${server.base}/#/c/${coalition}/measure/m-alb`);
  await bob.page.locator('.data-grid tr[data-point="2022-12-31"]').waitFor();
  await page.getByLabel("New date").fill("2023");
  await page.getByLabel("New value").fill("4.4");
  await page.getByLabel("New value").press("Enter");
  await page.locator('.data-grid tr[data-point="2023-12-31"]').waitFor();
  const measures = (await api(`/api/coalitions/${coalition}/measures`)).body;
  const alb = measures.measures.find((m) => m.id === "m-alb");
  const added = alb.points.find((p) => p.date === "2023-12-31");
  assert.ok(added && added.value === 4.4 && added.entered_by, "stored with who entered it");
  // Bob's open measure page gets the point from the live feed: the same rows as the server.
  const bobRow = bob.page.locator('.data-grid tr[data-point="2023-12-31"]');
  await bobRow.waitFor({ timeout: 1500 });
  assert.match(await bobRow.innerText(), new RegExp(added.entered_by));
  assert.equal(await bob.page.locator(".data-grid tr[data-point]").count(), alb.points.length);
  await bob.page.locator(".measure-summary", { hasText: "4.4 per 1,000" }).waitFor({ timeout: 1500 });
  await page.getByRole("button", { name: "Scorecard" }).click();
  await page.locator('[data-row-measure="m-alb"]').waitFor();
  const row = await page.locator('[data-row-measure="m-alb"]').innerText();
  assert.match(row, /4\.4/);
  await page.locator('[data-row-statement="CAP1"]').waitFor();
  await shot(page, "progress-08-scorecard");
  await page.locator('[data-row-statement="CAP1"] .twisty').click();
  assert.equal(await page.locator('[data-row-measure="m-old"]').count(), 0, "collapsed");
  await page.getByRole("button", { name: "Dashboard" }).click();
  await page.locator(".theme-card").first().waitFor();
  await page.waitForTimeout(300);
  await shot(page, "progress-09-dashboard");
});

test("import dialog: foster_care.csv previews per locality and imports; a broken file shows its line and reason", async () => {
  const { page } = ann;
  await page.getByRole("button", { name: "Scorecard" }).click();
  await page.getByRole("button", { name: "Import data…" }).click();
  const dialog = page.getByRole("dialog", { name: "Import data points" });
  await dialog.getByLabel("File to import").setInputFiles(FOSTER);
  await dialog.getByLabel("Value column").waitFor();
  await dialog.getByLabel("Date or year column").selectOption("year");
  await dialog.getByLabel("Value column").selectOption("fc_rate");
  await dialog.getByLabel("Group column").selectOption("locality");
  await dialog.getByLabel("On objective").selectOption("EO2");
  await dialog.getByLabel("Measure name").fill("Foster care rate");
  await dialog.getByRole("button", { name: "Preview" }).click();
  await dialog.getByRole("table", { name: "Measures to create" }).waitFor();
  // Counts per locality, from the file itself.
  const lines = fs.readFileSync(FOSTER, "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
  const expected = new Map();
  for (const r of lines) expected.set(r[1], (expected.get(r[1]) ?? 0) + 1);
  for (const [locality, count] of expected) {
    const cells = await dialog.locator(`tr[data-group="${locality}"] td`).allInnerTexts();
    assert.equal(cells[0], locality); assert.equal(Number(cells[1]), count, locality);
  }
  await shot(page, "progress-10-import-preview");
  await dialog.getByRole("button", { name: /^Import \d+ data points$/ }).click();
  await page.locator(".import-note", { hasText: `Imported ${lines.length} data points into ${expected.size} measures` }).waitFor();
  const measures = (await api(`/api/coalitions/${coalition}/measures`)).body.measures.filter((m) => m.name.startsWith("Foster care rate"));
  assert.equal(measures.length, expected.size);
  for (const m of measures) assert.equal(m.points.length, expected.get(m.group), m.group);

  // A broken file: text in the number column on line 3, nothing stored.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "coalign-import-"));
  const broken = path.join(dir, "broken.csv");
  fs.writeFileSync(broken, "year,locality,fc_rate\n2020,Albemarle,4.1\n2021,Albemarle,four point two\n");
  const revision = (await api("/api/coalitions")).body.find((c) => c.id === coalition).revision;
  await page.getByRole("button", { name: "Import data…" }).click();
  await dialog.getByLabel("File to import").setInputFiles(broken);
  await dialog.getByLabel("Value column").waitFor();
  await dialog.getByLabel("Date or year column").selectOption("year");
  await dialog.getByLabel("Value column").selectOption("fc_rate");
  await dialog.getByLabel("Group column").selectOption("locality");
  await dialog.getByRole("button", { name: "Preview" }).click();
  const problem = dialog.locator(".import-problem");
  await problem.waitFor();
  const text = await problem.innerText();
  assert.match(text, /line 3/);
  assert.match(text, /four point two/);
  await shot(page, "progress-11-import-broken");
  await dialog.getByRole("button", { name: "Close" }).click();
  assert.equal((await api("/api/coalitions")).body.find((c) => c.id === coalition).revision, revision, "nothing stored");
  fs.rmSync(dir, { recursive: true, force: true });
});

test("import dialog reads an XLSX sheet in the browser (pitcount_homeless as .xlsx): counts per type", async () => {
  const { page } = ann;
  const csv = path.join(STEPPING, "pitcount_homeless.csv");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "coalign-xlsx-"));
  const xlsx = path.join(dir, "pitcount_homeless.xlsx");
  execFileSync("/usr/bin/python3", [path.join(path.dirname(new URL(import.meta.url).pathname), "xlsx_fixture.py"), csv, xlsx]);
  const expected = new Map();
  for (const line of fs.readFileSync(csv, "utf8").trim().split("\n").slice(1)) { const type = line.split(",")[2]; expected.set(type, (expected.get(type) ?? 0) + 1); }
  await page.getByRole("button", { name: "Import data…" }).click();
  const dialog = page.getByRole("dialog", { name: "Import data points" });
  await dialog.getByLabel("File to import").setInputFiles(xlsx);
  await dialog.getByLabel("Value column").waitFor();
  await dialog.getByLabel("Date or year column").selectOption("date_of_count");
  await dialog.getByLabel("Value column").selectOption("count");
  await dialog.getByLabel("Group column").selectOption("type");
  await dialog.getByRole("button", { name: "Preview" }).click();
  await dialog.getByRole("table", { name: "Measures to create" }).waitFor();
  for (const [type, count] of expected) {
    const cells = await dialog.locator(`tr[data-group="${type}"] td`).allInnerTexts();
    assert.equal(Number(cells[1]), count, type);
    assert.match(cells[2], /^\d{4}-\d{2}-\d{2}$/);
  }
  await shot(page, "progress-12-import-xlsx");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a viewer sees the colours, the scorecard and the chart, without edit controls", async () => {
  const VIC = { email: "vic.viewer@example.org", name: "Vic Viewer", password: "vic-viewer-password-1" };
  const invite = await api(`/api/coalitions/${coalition}/invites`, { method: "POST", body: JSON.stringify({ email: VIC.email, role: "viewer" }) });
  assert.ok(invite.status === 200 || invite.status === 201, `invite: ${invite.status}`);
  const registered = await fetch(`${server.base}/api/invites/${invite.body.code}/register`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: VIC.name, password: VIC.password }),
  });
  assert.ok(registered.ok);
  const vic = await person(VIC, `#/c/${coalition}/progress`);
  try {
    await vic.page.locator('[data-statement="EO2"][data-analysis="on_track"]').waitFor();
    await vic.page.locator('[data-statement="EO2"]').click();
    await vic.page.locator('.measure-item[data-measure="m-cville"]').waitFor();
    assert.equal(await vic.page.getByRole("button", { name: "+ Add measure" }).count(), 0);
    await vic.page.goto(`${server.base}/#/c/${coalition}/measure/m-cville`);
    await vic.page.locator('.measure-chart[data-chart="m-cville"] svg').waitFor();
    assert.equal(await vic.page.getByLabel("New date").count(), 0, "no entry row");
    assert.equal(await vic.page.getByRole("button", { name: /^Delete/ }).count(), 0, "no delete buttons");
    assert.ok(await vic.page.getByRole("button", { name: "Save definition" }).isDisabled(), "definition is read-only");
    assert.equal(await vic.page.getByRole("button", { name: "Remove measure…" }).count(), 0);
    await shot(vic.page, "progress-13-viewer-measure");
  } finally {
    await vic.browser.close();
  }
});
