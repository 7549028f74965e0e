// The analysis panel in a real browser against a real server, on the demo's Foresight map
// (coalition 2: 108 statements, 296 links, 193 loops): the loop counts, tracing a
// balancing loop on the map (lifted at the top level, and inside a box once opened), a
// what-if with two drivers (bars in order of activation, values as the API gives them),
// paths between two objectives, and each section's plain-language line.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { shot, startSession } from "./harness.mjs";

let server; let browser; let page;
const COALITION = 2;

before(async () => {
  ({ server, browser, page } = await startSession({ width: 1680, height: 1000 }));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const json = async (path) => {
  const r = await server.api(path);
  assert.equal(r.status, 200, `${path}: ${r.status}`);
  return r.json();
};

/** The visible statement standing for `id` (itself or its nearest visible ancestor). */
function representative(id, parentOf, visible) {
  for (let n = id, steps = 0; n != null && steps < 1000; n = parentOf.get(n), steps++) if (visible.has(n)) return n;
  return null;
}

function expectedTrace(ids, parentOf, view) {
  const visible = new Set(view.visible);
  const lifted = new Set(view.links.map((l) => `${l.from}>${l.to}`));
  const reps = ids.map((id) => representative(id, parentOf, visible));
  const boxes = new Set(reps.filter(Boolean));
  const links = new Set();
  for (let i = 0; i < ids.length; i++) {
    const a = reps[i]; const b = reps[(i + 1) % ids.length];
    if (a && b && a !== b && lifted.has(`${a}>${b}`)) links.add(`${a}>${b}`);
  }
  return { boxes: [...boxes].sort(), links: [...links].sort() };
}

async function traced() {
  const boxes = await page.locator("[data-statement][data-analysis='trace']").evaluateAll((els) => els.map((e) => e.getAttribute("data-statement")));
  const links = await page.locator("g.link[data-traced='true']").evaluateAll((els) => els.map((e) => e.getAttribute("data-link")));
  return { boxes: [...new Set(boxes)].sort(), links: [...new Set(links)].sort() };
}

test("analysis panel on the Foresight map: loops, tracing, what-if, paths", async () => {
  const overview = await json(`/api/coalitions/${COALITION}/analysis?only=structure,loops&loop-list=500`);
  const doc = await json(`/api/coalitions/${COALITION}/export`);
  const parentOf = new Map(doc.statements.map((s) => [s.id, s.parent ?? null]));
  const titleOf = new Map(doc.statements.map((s) => [s.id, s.title]));
  assert.equal(overview.statements, 108);
  assert.equal(overview.loops.count, 193);

  await page.goto(`${server.base}/#/c/${COALITION}/analysis`);
  const panel = page.locator(".analysis-panel");
  await panel.waitFor();
  await page.getByRole("button", { name: "Analysis", exact: true }).waitFor();

  // Outcomes & options, with its one-line explanation; outcomes are marked on the map.
  await panel.locator(".an-explain", { hasText: "Outcomes are where arrows end" }).waitFor();
  await page.locator("[data-statement][data-analysis='head'], [data-statement][data-analysis='tail']").first().waitFor();
  await shot(page, "analysis-01-outcomes");

  // Key objectives: ranked by central, then by betweenness (the sort moves to that column).
  await panel.getByRole("tab", { name: "Key objectives" }).click();
  await panel.locator(".an-explain", { hasText: "hold the map together" }).waitFor();
  await panel.locator(".an-metrics", { hasText: "lies on the shortest route between two others" }).waitFor();
  await panel.getByRole("button", { name: /^Betweenness/ }).click();
  await panel.locator("th[aria-sort='descending']", { hasText: "Betweenness" }).waitFor();
  await page.locator("[data-statement][data-analysis='ranked']").first().waitFor();
  await shot(page, "analysis-01b-ranking");
  const badges = await page.locator("[data-statement][data-analysis='ranked']").evaluateAll((els) => els.map((e) => e.getAttribute("data-analysis-badge")));
  assert.ok(badges.some((b) => /^#\d+/.test(b)), `rank badges: ${badges}`);

  // Feedback loops: the counts in words.
  await panel.getByRole("tab", { name: "Feedback loops" }).click();
  await panel.locator(".an-explain", { hasText: "Reinforcing loops amplify change; balancing loops hold it in check" }).waitFor();
  const count = panel.locator(".an-count");
  await count.waitFor();
  assert.match(await count.innerText(), /193 loops: 115 reinforcing, 78 balancing/);
  assert.equal(await panel.locator(".an-loop").count(), Math.min(193, overview.loops.listed.length));

  // Click the first balancing loop: the boxes and lifted arrows at the top level are traced.
  const index = overview.loops.listed.findIndex((l) => l.polarity === "balancing");
  const loop = overview.loops.listed[index];
  const button = panel.locator(`.an-loop[data-loop-index='${index}']`);
  assert.equal(await button.getAttribute("data-polarity"), "balancing");
  assert.equal((await button.locator(".an-pol").innerText()).trim(), "B");
  await button.click();
  await panel.locator(`[data-traced-loop='${index}']`).waitFor();
  const topView = await json(`/api/coalitions/${COALITION}/view?root=top`);
  const expected = expectedTrace(loop.ids, parentOf, topView);
  await page.waitForFunction((n) => document.querySelectorAll("[data-statement][data-analysis='trace']").length === n, expected.boxes.length);
  assert.deepEqual(await traced(), expected);
  assert.ok(expected.boxes.length > 0);
  // The rest of the map fades so the loop stands out.
  assert.ok(await page.locator("[data-statement].dim").count() > 0);
  await page.waitForTimeout(700); // the map glides to the loop
  await shot(page, "analysis-02-loop-traced");

  // A loop whose members lie inside a box: open that box, the loop's members there are traced.
  const visibleTop = new Set(topView.visible);
  const nested = overview.loops.listed.findIndex((l) => l.ids.some((id) => !visibleTop.has(id)));
  if (nested >= 0) {
    const nestedLoop = overview.loops.listed[nested];
    const inner = nestedLoop.ids.find((id) => !visibleTop.has(id));
    const box = representative(inner, parentOf, visibleTop);
    await panel.getByRole("button", { name: "All", exact: true }).click();
    await panel.locator(`.an-loop[data-loop-index='${nested}']`).click();
    await page.locator(`[data-statement='${box}'][data-analysis='trace']`).waitFor();
    await page.locator(`[data-statement='${box}'] .footer-open`).click();
    await page.waitForFunction((id) => location.hash.includes(`/in/${encodeURIComponent(id)}/analysis`), box);
    const innerView = await json(`/api/coalitions/${COALITION}/view?root=${encodeURIComponent(box)}`);
    const innerExpected = expectedTrace(nestedLoop.ids, parentOf, innerView);
    await page.waitForFunction((n) => document.querySelectorAll("[data-statement][data-analysis='trace']").length === n
      && !document.querySelector(".save-state")?.textContent?.includes("Loading"), innerExpected.boxes.length);
    await page.locator(`[data-statement='${innerExpected.boxes[0]}']`).waitFor();
    assert.deepEqual(await traced(), innerExpected);
    await shot(page, "analysis-03-loop-inside");
    await page.locator(".crumb", { hasText: /./ }).first().click();
    await page.waitForFunction(() => location.hash === "#/c/2/analysis");
  }

  // What-if with two drivers (two options), picked from the searchable list.
  await panel.getByRole("tab", { name: "What-if" }).click();
  await panel.locator(".an-explain", { hasText: "Push some objectives up" }).waitFor();
  const drivers = overview.structure.tails.slice(0, 2);
  for (const id of drivers) {
    const input = panel.getByLabel("Push up", { exact: true });
    await input.fill(titleOf.get(id).slice(0, 18));
    await panel.locator(`.an-options [data-option='${id}']`).click();
    await panel.locator(`[data-driver='${id}']`).waitFor();
  }
  await panel.getByRole("button", { name: "Run what-if" }).click();
  await panel.locator(".an-bar").first().waitFor();
  const scenario = (await json(`/api/coalitions/${COALITION}/analysis?only=scenario&scenario=${drivers.join(",")}`)).scenario;
  const bars = await panel.locator(".an-bar").evaluateAll((els) => els.map((e) => [e.getAttribute("data-outcome"), Number(e.getAttribute("data-activation"))]));
  const heads = overview.structure.heads;
  if (heads.length) assert.deepEqual(bars.map(([id]) => id).sort(), [...heads].sort());
  else {
    // No outcomes on this map (every objective leads on): the chart ranks all objectives
    // but the drivers, the 10 most pushed up first.
    const ranked = Object.entries(scenario.activation).filter(([id]) => !drivers.includes(id))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    assert.deepEqual(bars.slice(0, 10).map(([id]) => id), ranked.slice(0, 10).map(([id]) => id));
    assert.deepEqual(bars.slice(-6).map(([id]) => id), ranked.slice(-6).map(([id]) => id));
  }
  for (const [id, value] of bars) assert.equal(value, scenario.activation[id], `activation of ${id}`);
  for (let i = 1; i < bars.length; i++) assert.ok(bars[i - 1][1] >= bars[i][1], "bars in order of activation");
  // The map's boxes carry their activation as a number too, and the drivers are marked.
  await page.locator("[data-statement][data-analysis='activation']").first().waitFor();
  for (const id of drivers) {
    const top = representative(id, parentOf, visibleTop);
    if (top === id) assert.equal(await page.locator(`[data-statement='${id}']`).getAttribute("data-analysis"), "driver");
  }
  await panel.locator(".an-scale").waitFor();
  await page.getByRole("button", { name: /^Fit/ }).click();
  await page.waitForTimeout(600);
  await shot(page, "analysis-04-what-if");

  // An unknown driver is refused in words (422 from the API).
  const bad = await server.api(`/api/coalitions/${COALITION}/analysis?only=scenario&scenario=NOPE`);
  assert.equal(bad.status, 422);

  // Paths between two objectives: a driver to an outcome it reaches.
  const reached = Object.entries(scenario.activation).filter(([id, v]) => heads.includes(id) && Math.abs(v) > 0).map(([id]) => id);
  await panel.getByRole("tab", { name: "Paths" }).click();
  await panel.locator(".an-explain", { hasText: "shortest chains of arrows" }).waitFor();
  if (reached.length) {
    for (const [label, id] of [["From", drivers[0]], ["To", reached[0]]]) {
      await panel.getByLabel(label, { exact: true }).fill(titleOf.get(id).slice(0, 18));
      await panel.locator(`.an-options [data-option='${id}']`).click();
    }
    const note = panel.locator(".an-note");
    await note.waitFor();
    if (await panel.locator(".an-path").count()) {
      await page.locator("[data-statement][data-analysis='path']").first().waitFor();
      await shot(page, "analysis-05-path");
    }
  }
  assert.deepEqual(browser.errors, []);
});

test("a loop across zoom levels: lifted at the top, its members inside a box once opened", async () => {
  // The Dementia Network demo (coalition 1) nests statements; add a loop that leaves a box:
  // inner1 -> T -> inner2 -> inner1 (one negative link: balancing).
  const doc = await json(`/api/coalitions/1/export`);
  const children = new Map();
  for (const s of doc.statements) if (s.parent) children.set(s.parent, [...(children.get(s.parent) ?? []), s.id]);
  const [box, inner] = [...children.entries()].find(([, kids]) => kids.length >= 2);
  const top = doc.statements.find((s) => !s.parent && s.id !== box).id;
  const [a, b] = inner;
  const has = (f, t) => doc.links.some((l) => l.from === f && l.to === t);
  const wanted = [[a, top, 1], [top, b, 1], [b, a, -1]].filter(([f, t]) => !has(f, t));
  const view0 = await json(`/api/coalitions/1/view?root=top`);
  const commit = await server.api(`/api/coalitions/1/changes`, { method: "POST", body: JSON.stringify({
    base_revision: view0.revision,
    ops: wanted.map(([from, to, polarity]) => ({ op: "add_link", link: { from, to, polarity, weight: 0.8, assumption: "", evidence: "" } })),
  }) });
  assert.equal(commit.status, 200, await commit.text());
  const overview = await json(`/api/coalitions/1/analysis?only=loops&loop-list=500`);
  const key = [a, top, b].join(" ");
  const index = overview.loops.listed.findIndex((l) => {
    const ids = l.ids; const n = ids.length;
    return n === 3 && [0, 1, 2].some((r) => [ids[r], ids[(r + 1) % n], ids[(r + 2) % n]].join(" ") === key);
  });
  assert.ok(index >= 0, "the new loop is listed");
  const fresh = await json(`/api/coalitions/1/export`);
  const parentOf = new Map(fresh.statements.map((s) => [s.id, s.parent ?? null]));

  await page.goto(`${server.base}/#/c/1/analysis`);
  const panel = page.locator(".analysis-panel");
  await panel.getByRole("tab", { name: "Feedback loops" }).click();
  await panel.locator(`.an-count[data-loop-count='${overview.loops.count}']`).waitFor();
  const button = panel.locator(`.an-loop[data-loop-index='${index}']`);
  await button.click();
  const topView = await json(`/api/coalitions/1/view?root=top`);
  const expectTop = expectedTrace(overview.loops.listed[index].ids, parentOf, topView);
  assert.deepEqual(expectTop.boxes, [box, top].sort());
  try {
    await page.waitForFunction((n) => document.querySelectorAll("[data-statement][data-analysis='trace']").length === n, expectTop.boxes.length, { timeout: 10_000 });
  } finally { await shot(page, "analysis-05-loop-lifted"); }
  assert.deepEqual(await traced(), expectTop);
  assert.match(await page.locator(`[data-statement='${box}']`).getAttribute("data-analysis-badge"), /inside/);
  await shot(page, "analysis-05-loop-lifted");

  // Open the box (from the loop's details): the loop's two members inside are traced,
  // with the arrow between them.
  await panel.locator("[data-traced-loop] button", { hasText: "· open" }).first().click();
  try {
    await page.waitForFunction((id) => location.hash.includes(`/in/${encodeURIComponent(id)}/analysis`), box, { timeout: 10_000 });
  } catch (e) { await shot(page, "analysis-fail"); console.log(await page.evaluate(() => location.hash)); throw e; }
  const innerView = await json(`/api/coalitions/1/view?root=${encodeURIComponent(box)}`);
  const expectInner = expectedTrace(overview.loops.listed[index].ids, parentOf, innerView);
  assert.deepEqual(expectInner.boxes, [a, b].sort());
  await page.waitForFunction((ids) => ids.every((id) => document.querySelector(`[data-statement='${id}'][data-analysis='trace']`)), expectInner.boxes);
  assert.deepEqual(await traced(), expectInner);
  await panel.locator("[data-traced-loop]", { hasText: "outside this sub-map" }).waitFor();
  await page.waitForTimeout(1200); // the zoom into the box and onto the loop settle
  await shot(page, "analysis-06-loop-inside");
  assert.deepEqual(browser.errors, []);
});
