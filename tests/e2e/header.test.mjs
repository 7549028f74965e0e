// The top bar on a laptop screen: nine views, the coalition picker, who is here, the save
// state and the account menu all fit side by side at 1280 px, none cut off or overlapping.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { shot, startSession } from "./harness.mjs";

let server; let browser; let page;

before(async () => {
  ({ server, browser, page } = await startSession({ width: 1280, height: 800 }));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const rect = (locator) => locator.evaluate((el) => { const r = el.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }; });

for (const width of [1280, 1440]) {
  test(`at ${width} px every view tab is whole and clear of the account menu`, async () => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(server.base + "/");
    await page.locator("[data-statement]").first().waitFor();
    await page.locator(".save-state", { hasText: "Saved" }).waitFor();
    await shot(page, `header-${width}`);
    const tabs = page.locator(".views .view-tab");
    assert.equal(await tabs.count(), 9);
    const nav = await rect(page.locator(".views"));
    const menu = await rect(page.locator(".user-menu"));
    const saveState = await rect(page.locator(".save-state"));
    for (let i = 0; i < 9; i++) {
      const tab = await rect(tabs.nth(i));
      const name = await tabs.nth(i).innerText();
      assert.ok(tab.left >= nav.left - 0.5 && tab.right <= nav.right + 0.5, `${name} is cut off by the bar (${JSON.stringify(tab)} in ${JSON.stringify(nav)})`);
      assert.ok(tab.right <= saveState.left && tab.right <= menu.left, `${name} runs into the save state or the account menu`);
    }
    assert.ok(menu.right <= width, "the account menu is on screen");
    const single = await tabs.evaluateAll((els) => new Set(els.map((el) => Math.round(el.getBoundingClientRect().top))).size);
    assert.equal(single, 1, "the tabs sit in one row");
  });
}
