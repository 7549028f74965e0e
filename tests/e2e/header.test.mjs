// The top bar on a laptop screen: nine views, the coalition picker, who is here, the save
// state and the account menu all fit side by side from 1280 px up, none cut off or
// overlapping, with seven people here (four faces and "+3").
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { shot, startSession } from "./harness.mjs";
import { coalitionNamed, LiveClient, signIn } from "./live_support.mjs";

let server; let browser; let page;
const others = [];

before(async () => {
  ({ server, browser, page } = await startSession({ width: 1280, height: 800 }));
});

after(async () => {
  for (const other of others) other.close();
  await browser?.close();
  await server?.stop();
});

async function peopleArrive(count) {
  const auth = await signIn(server.base);
  const first = await coalitionNamed(server.base, auth, "Dementia Network");
  for (let i = 0; i < count; i++) {
    const client = new LiveClient(server.base, first.id, auth);
    others.push(client);
    await client.opened;
    client.send({ type: "hello" });
    await client.next((m) => m.type === "welcome");
  }
}

const rect = (locator) => locator.evaluate((el) => { const r = el.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }; });

test("with seven people here, four faces and \"+3\" show", async () => {
  await page.goto(server.base + "/");
  await page.locator("[data-statement]").first().waitFor();
  await peopleArrive(6);
  await page.locator(".who-is-here .avatar.more", { hasText: "+3" }).waitFor();
  assert.equal(await page.locator(".who-is-here [data-person]").count(), 4);
});

for (const width of [1280, 1440, 1600, 1800]) {
  test(`at ${width} px every view tab is whole and clear of who is here and the account menu`, async () => {
    await page.setViewportSize({ width, height: 800 });
    await page.locator(".save-state", { hasText: "Saved" }).waitFor();
    await page.locator(".who-is-here .avatar.more").waitFor();
    await shot(page, `header-${width}`);
    const tabs = page.locator(".views .view-tab");
    assert.equal(await tabs.count(), 9);
    const nav = await rect(page.locator(".views"));
    const menu = await rect(page.locator(".user-menu"));
    const saveState = await rect(page.locator(".save-state"));
    const here = await rect(page.locator(".who-is-here"));
    for (let i = 0; i < 9; i++) {
      const tab = await rect(tabs.nth(i));
      const name = await tabs.nth(i).innerText();
      assert.ok(tab.left >= nav.left - 0.5 && tab.right <= nav.right + 0.5, `${name} is cut off by the bar (${JSON.stringify(tab)} in ${JSON.stringify(nav)})`);
      assert.ok(tab.right <= here.left && tab.right <= saveState.left && tab.right <= menu.left, `${name} runs into who is here, the save state or the account menu`);
    }
    assert.ok(menu.right <= width, "the account menu is on screen");
    const single = await tabs.evaluateAll((els) => new Set(els.map((el) => Math.round(el.getBoundingClientRect().top))).size);
    assert.equal(single, 1, "the tabs sit in one row");
  });
}
