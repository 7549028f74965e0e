import { beforeEach, describe, expect, it, vi } from "vitest";
import type { MapView } from "../api/types";

// The API answers only when the test says so, in any order.
const pending: { root: string; resolve(view: MapView): void }[] = [];
vi.mock("../api/client", () => ({
  ApiError: class extends Error {},
  api: { view: (_coalition: number, root: string) => new Promise<MapView>((resolve) => pending.push({ root, resolve })) },
}));

const { getState, openView, refresh } = await import("./mapStore");

const viewOf = (root: string) => ({ root, revision: 1, coalition: { id: 1 }, statements: {}, visible: [], links: [], link_ids: [], layers: [], themes: [] }) as unknown as MapView;
const answer = async (index: number) => { const [p] = pending.splice(index, 1); p.resolve(viewOf(p.root)); await Promise.resolve(); await Promise.resolve(); };

describe("moving between levels", () => {
  beforeEach(() => { pending.length = 0; });

  it("a refresh during a move to another level fetches the new level, and the old one never comes back", async () => {
    const first = openView(1, "top");
    await answer(0);
    await first;
    expect(getState().root).toBe("top");

    const move = openView(1, "CAP1");     // the person opens CAP1 …
    const live = refresh();               // … while a live change asks for a refresh
    expect(pending.map((p) => p.root)).toEqual(["CAP1", "CAP1"]);
    await answer(1);                      // the refresh's answer first
    await answer(0);
    await Promise.all([move, live]);
    expect(getState().root).toBe("CAP1");
    expect(getState().view?.root).toBe("CAP1");
  });
});
