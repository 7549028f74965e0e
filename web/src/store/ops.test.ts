import { describe, expect, it } from "vitest";
import { addLinkOp, addStatementOp, linkRefusal, removeLinkOps, setPositionsOps } from "./ops";
import { partitionOf, separateBands } from "../map/layout";

describe("op builders", () => {
  it("adds a statement under the current root with a rounded position", () => {
    expect(addStatementOp({ parent: "CAP1", layer: "capacity", theme: null, position: { x: 10.4, y: 20.6 } })).toEqual({
      op: "add_statement",
      statement: { title: "New objective", description: "", parent: "CAP1", layer: "capacity", theme: null, tags: [], status: "proposed", position: { x: 10, y: 21 } },
    });
  });
  it("adds a positive link of middling strength by default", () => {
    expect(addLinkOp("A", "B")).toEqual({ op: "add_link", link: { from: "A", to: "B", polarity: 1, weight: 0.5, assumption: "", evidence: "" } });
  });
  it("removes every underlying link of a lifted link", () => {
    expect(removeLinkOps(["l1", "l2"])).toEqual([{ op: "remove_link", id: "l1" }, { op: "remove_link", id: "l2" }]);
  });
  it("sends positions as one op, or none", () => {
    expect(setPositionsOps(new Map())).toEqual([]);
    expect(setPositionsOps(new Map([["A", { x: 1.2, y: 2.7 }]]))).toEqual([{ op: "set_positions", positions: [{ id: "A", x: 1, y: 3 }] }]);
  });
  it("refuses self-links and duplicates before asking the server", () => {
    expect(linkRefusal("A", "A", [])).toMatch(/itself/);
    expect(linkRefusal("A", "B", [{ from: "A", to: "B" }])).toMatch(/already/);
    expect(linkRefusal("B", "A", [{ from: "A", to: "B" }])).toBeNull();
  });
});

describe("layout bands", () => {
  const layers = [{ id: "top", name: "Top" }, { id: "mid", name: "Mid" }, { id: "low", name: "Low" }];
  it("numbers partitions from the bottom band up, with unlayered statements lowest", () => {
    expect(partitionOf("top", layers)).toBe(3);
    expect(partitionOf("low", layers)).toBe(1);
    expect(partitionOf(null, layers)).toBe(0);
  });
  it("opens gaps between bands, top band unmoved", () => {
    const nodes = [{ id: "a", layer: "top", width: 10, height: 10 }, { id: "b", layer: "low", width: 10, height: 10 }];
    const out = separateBands(new Map([["a", { x: 0, y: 0 }], ["b", { x: 0, y: 100 }]]), nodes, layers);
    expect(out.get("a")!.y).toBe(0);
    expect(out.get("b")!.y).toBeGreaterThan(100);
  });
});
