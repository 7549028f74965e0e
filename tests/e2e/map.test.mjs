// What a person does with the strategy map, in a real browser against a real server.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { shot, startSession } from "./harness.mjs";

let server; let browser; let page;

before(async () => {
  ({ server, browser, page } = await startSession());
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function openCoalition(nameStart) {
  await page.goto(server.base + "/");
  const select = page.locator("#coalition-select");
  await select.waitFor();
  const option = select.locator("option", { hasText: nameStart });
  await option.first().waitFor({ state: "attached" });
  await select.selectOption(await option.first().getAttribute("value"));
  await page.locator("[data-statement]").first().waitFor();
  await page.waitForTimeout(900); // let the arrival animation finish
}

const box = (id) => page.locator(`[data-statement="${id}"]`);
const boxWithText = (text) => page.locator("[data-statement]", { hasText: text });
const saved = () => page.locator(".save-state", { hasText: "Saved" }).waitFor();

test("the Dementia Network map shows four layer bands and the capability areas", async () => {
  await openCoalition("Dementia Network");
  const labels = await page.locator(".band-label").allInnerTexts();
  assert.deepEqual(labels.map((l) => l.trim().toLowerCase()), ["impact", "strategic goal", "enabling outcomes", "capabilities"]);
  for (const id of ["CAP1", "CAP2", "CAP3", "CAP4", "CAP5"]) assert.equal(await box(id).count(), 1, `${id} is on the top map`);
  assert.match(await box("CAP1").innerHTML(), /3 inside/);
  assert.ok(await page.locator("[data-link]").count() > 0, "lifted links are drawn");
  assert.ok(await page.locator(".count-text", { hasText: "×3" }).count() > 0, "lifted link counts are shown");
  await shot(page, "01-dementia-top-1600x900");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.keyboard.press("0");
  await page.waitForTimeout(600);
  await shot(page, "02-dementia-top-1280x800");
  await page.setViewportSize({ width: 1600, height: 900 });
});

test("zoom into a capability area and back by the breadcrumb", async () => {
  await box("CAP1").dblclick();
  await page.locator(".crumb.current", { hasText: "Dementia-Friendly Communities" }).waitFor();
  await page.waitForTimeout(900);
  for (const id of ["CAP1a", "CAP1b", "CAP1c"]) assert.equal(await box(id).count(), 1, `${id} is in the sub-map`);
  assert.equal(await box("CAP1").count(), 0);
  await shot(page, "03-dementia-cap1-submap");
  await page.locator("button.crumb", { hasText: "Dementia Network" }).click();
  await box("CAP1").waitFor();
  assert.equal(await box("CAP1a").count(), 0);
  await page.waitForTimeout(900);
});

test("add an objective and a link, rename one, and all of it survives a reload", async () => {
  await page.getByRole("button", { name: /Add objective/ }).click();
  // The panel of the statement selected before (CAP1, where we came from) has a Title
  // field too: type only once the new objective's own field has taken the focus.
  await page.waitForFunction(() => {
    const field = document.activeElement;
    return field instanceof HTMLInputElement && field.value === "New objective";
  });
  const title = page.getByLabel("Title");
  await title.fill("Pharmacists are trained in dementia care");
  await title.press("Enter");
  const added = boxWithText("Pharmacists are trained");
  await added.waitFor();
  await saved();
  const newId = await added.getAttribute("data-statement");

  // Link by direct manipulation: drag from the new box's handle onto "Quality of life".
  await added.hover();
  const handle = page.locator(`[data-handle="${newId}"]`);
  await handle.waitFor();
  const from = await handle.boundingBox();
  const to = await box("SG").boundingBox();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
  await page.mouse.up();
  await page.locator(`[data-link="${newId}>SG"]`).first().waitFor();
  await saved();
  await shot(page, "04-added-objective-and-link");

  // Rename by keyboard: select a statement, edit its title in the side panel.
  await box("PI").click();
  const rename = page.getByLabel("Title");
  await rename.fill("Quality of life in Calgary and area is much improved");
  await rename.press("Enter");
  await boxWithText("much improved").waitFor();
  await saved();

  await page.reload();
  await box("PI").waitFor();
  await page.waitForTimeout(600);
  assert.equal(await boxWithText("much improved").count(), 1, "the rename survived a reload");
  assert.equal(await boxWithText("Pharmacists are trained").count(), 1, "the new objective survived a reload");
  assert.equal(await page.locator(`[data-link="${newId}>SG"]`).count() > 0, true, "the new link survived a reload");
  await shot(page, "05-after-reload");
});

test("removing an objective that holds a sub-map asks first", async () => {
  await page.keyboard.press("0");
  await page.waitForTimeout(600);
  await box("CAP2").click();
  await page.keyboard.press("Delete");
  const dialog = page.getByRole("alertdialog");
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /sub-map of 3 objectives/);
  await shot(page, "06-remove-with-submap-choice");
  await page.getByRole("button", { name: "Keep it" }).click();
  assert.equal(await box("CAP2").count(), 1);
});

test("an edit that collides with someone else's is refused in words next to it", async () => {
  await page.keyboard.press("Escape");
  await box("SG").click();
  const coalition = Number(new URL(page.url()).hash.match(/#\/c\/(\d+)/)[1]);
  // The person starts typing; meanwhile a colleague renames it (the live feed shows the
  // colleague's title on the map, and leaves the person's draft alone).
  const title = page.getByLabel("Title");
  await title.fill("Renamed here at the same time");
  const view = await (await server.api(`/api/coalitions/${coalition}/view?root=top`)).json();
  const other = await server.api(`/api/coalitions/${coalition}/changes`, {
    method: "POST",
    body: JSON.stringify({ base_revision: view.revision, ops: [{ op: "update_statement", id: "SG", set: { title: "Renamed by a colleague" } }] }),
  });
  assert.equal(other.status, 200);
  await boxWithText("Renamed by a colleague").waitFor();
  assert.equal(await title.inputValue(), "Renamed here at the same time");
  await title.press("Enter");
  const refusal = page.locator('[data-refusal-for="SG"]');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /Not saved/);
  await shot(page, "07-conflict-refused");
  await boxWithText("Renamed by a colleague").waitFor();
});

test("the Foresight map shows its 108 statements in 10 themes", async () => {
  await openCoalition("Foresight");
  assert.equal(await page.locator("[data-statement]").count(), 108);
  assert.equal(await page.locator(".legend-item").count(), 10);
  assert.ok(await page.locator("[data-link]").count() >= 296, "its links are drawn");
  assert.equal(await page.locator(".band-label").count(), 0, "a map without layers gets no band labels");
  await shot(page, "08-foresight-1600x900");
  await page.locator(".legend-item").first().click();
  await shot(page, "09-foresight-theme-focus");
});

test("the page raised no script errors", () => {
  assert.deepEqual(browser.errors, []);
});
