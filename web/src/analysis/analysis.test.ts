import { describe, expect, it } from "vitest";
import { activationColour, formatActivation, ranking, representative, shortestPaths, traceAtLevel } from "./analysis";

// A small zoom tree: A holds A1, A2 (A2 holds A2x); B and C are top level.
const parentOf = new Map<string, string | null>([
  ["A", null], ["A1", "A"], ["A2", "A"], ["A2x", "A2"], ["B", null], ["C", null],
]);

describe("representative", () => {
  it("is the statement itself when visible", () => {
    expect(representative("B", parentOf, new Set(["A", "B", "C"]))).toBe("B");
  });
  it("walks up to the nearest visible ancestor, at any depth", () => {
    expect(representative("A2x", parentOf, new Set(["A", "B", "C"]))).toBe("A");
    expect(representative("A2x", parentOf, new Set(["A1", "A2"]))).toBe("A2");
  });
  it("is null outside the level's subtree", () => {
    expect(representative("B", parentOf, new Set(["A1", "A2"]))).toBeNull();
  });
  it("stops on a containment cycle", () => {
    const cyclic = new Map<string, string | null>([["X", "Y"], ["Y", "X"]]);
    expect(representative("X", cyclic, new Set(["Z"]))).toBeNull();
  });
});

describe("traceAtLevel", () => {
  const loop = ["A1", "B", "A2x"]; // A1 -> B -> A2x -> A1
  it("lifts a loop to the top level: members merge into their box, arrows between boxes", () => {
    const t = traceAtLevel(loop, true, parentOf, ["A", "B", "C"], [{ from: "A", to: "B" }, { from: "B", to: "A" }, { from: "B", to: "C" }]);
    expect(t.boxes).toEqual(["A", "B"]);
    expect(t.links).toEqual(["A>B", "B>A"]);
    expect(t.members.get("A")).toEqual(["A1", "A2x"]);
    expect(t.outside).toEqual([]);
  });
  it("inside a box shows the members there and says which lie outside", () => {
    const t = traceAtLevel(loop, true, parentOf, ["A1", "A2"], [{ from: "A2", to: "A1" }]);
    expect(t.boxes).toEqual(["A1", "A2"]);
    expect(t.links).toEqual(["A2>A1"]);
    expect(t.outside).toEqual(["B"]);
  });
  it("draws a path open: no arrow from its end back to its start", () => {
    const t = traceAtLevel(["B", "C"], false, parentOf, ["A", "B", "C"], [{ from: "B", to: "C" }, { from: "C", to: "B" }]);
    expect(t.links).toEqual(["B>C"]);
  });
});

describe("shortestPaths", () => {
  const links = [
    { from: "a", to: "b" }, { from: "a", to: "c" }, { from: "b", to: "d" }, { from: "c", to: "d" },
    { from: "d", to: "e" }, { from: "a", to: "e2" }, { from: "e2", to: "x" }, { from: "x", to: "y" }, { from: "y", to: "e" },
  ];
  it("finds every shortest path, in a stable order", () => {
    expect(shortestPaths(links, "a", "e")).toEqual([["a", "b", "d", "e"], ["a", "c", "d", "e"]]);
  });
  it("follows the arrows' direction", () => {
    expect(shortestPaths(links, "e", "a")).toEqual([]);
  });
  it("keeps to the limit", () => {
    expect(shortestPaths(links, "a", "e", 1)).toHaveLength(1);
  });
  it("is the statement alone from itself to itself", () => {
    expect(shortestPaths(links, "a", "a")).toEqual([["a"]]);
  });
  it("goes round cycles without looping", () => {
    expect(shortestPaths([{ from: "p", to: "q" }, { from: "q", to: "p" }, { from: "q", to: "r" }], "p", "r")).toEqual([["p", "q", "r"]]);
  });
});

describe("ranking", () => {
  it("orders by score, ties by id, sharing ranks", () => {
    expect(ranking({ b: 2, a: 2, c: 5, d: 1 })).toEqual([
      { id: "c", score: 5, rank: 1 }, { id: "a", score: 2, rank: 2 }, { id: "b", score: 2, rank: 2 }, { id: "d", score: 1, rank: 4 },
    ]);
  });
});

describe("activation colours", () => {
  it("is neutral at 0 and saturated at the ends", () => {
    expect(activationColour(0)).toBe("#f7f7f7");
    expect(activationColour(1)).toBe("#2166ac");
    expect(activationColour(-1)).toBe("#b2182b");
    expect(activationColour(5)).toBe("#2166ac");
  });
  it("writes the number with its sign", () => {
    expect(formatActivation(0.7612)).toBe("+0.76");
    expect(formatActivation(-0.1)).toBe("−0.10");
    expect(formatActivation(0.001)).toBe("0.00");
  });
});
