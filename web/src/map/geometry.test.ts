import { describe, expect, it } from "vitest";
import { bandAt, borderPoint, boxShape, computeBands, displayScale, fitTransform, wrapText, type PlacedBox } from "./geometry";

const measure = (t: string) => t.length * 10;

describe("wrapText", () => {
  it("breaks between words and keeps every word", () => {
    const lines = wrapText("Increase early diagnosis in primary care", 120, measure);
    expect(lines.join(" ")).toBe("Increase early diagnosis in primary care");
    for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(120);
  });
  it("cuts a word longer than the box with a hyphen", () => {
    const lines = wrapText("Supercalifragilisticexpialidocious", 100, measure);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join("").replace(/-/g, "")).toBe("Supercalifragilisticexpialidocious");
  });
  it("gives one empty line for empty text", () => {
    expect(wrapText("   ", 100, measure)).toEqual([""]);
  });
});

describe("boxShape", () => {
  it("grows with the text and with a sub-map footer", () => {
    const short = boxShape({ title: "Short", child_count: 0 });
    const long = boxShape({ title: "A much longer statement that will need several lines to be fully readable", child_count: 0 });
    const parent = boxShape({ title: "Short", child_count: 3 });
    expect(long.height).toBeGreaterThan(short.height);
    expect(parent.height).toBeGreaterThan(short.height);
  });
});

const at = (id: string, layer: string | null, y: number): PlacedBox => ({ id, layer, x: 0, y, width: 200, height: 80 });

describe("computeBands", () => {
  const layers = [{ id: "impact", name: "Impact" }, { id: "strategy", name: "Strategy" }, { id: "capacity", name: "Capacity" }];
  it("orders bands top layer first and never overlaps them", () => {
    const bands = computeBands(layers, [at("a", "impact", 0), at("b", "strategy", 300), at("c", "capacity", 600)]);
    expect(bands.map((b) => b.name)).toEqual(["Impact", "Strategy", "Capacity"]);
    for (let i = 1; i < bands.length; i++) expect(bands[i].top).toBeGreaterThanOrEqual(bands[i - 1].bottom);
    expect(bandAt(bands, 300)?.layer).toBe("strategy");
  });
  it("leaves out layers no statement uses, but shows all on an empty map", () => {
    const bands = computeBands(layers, [at("a", "impact", 0), at("c", "capacity", 600)]);
    expect(bands.map((b) => b.layer)).toEqual(["impact", "capacity"]);
    expect(bands[0].bottom).toBe(bands[1].top);
    expect(computeBands(layers, []).map((b) => b.layer)).toEqual(["impact", "strategy", "capacity"]);
  });
  it("draws no bands on a map without layers", () => {
    expect(computeBands([], [at("a", null, 0)])).toEqual([]);
  });
  it("puts statements without a layer in an unlabelled band at the bottom", () => {
    const bands = computeBands(layers, [at("a", "impact", 0), at("z", null, 900)]);
    expect(bands[bands.length - 1]).toMatchObject({ layer: null, name: "No layer" });
  });
  it("places the no-layer band where its statements sit, and never turns a band inside out", () => {
    // A new objective without a layer dropped above everything (the live test's case).
    const bands = computeBands(layers, [at("t", null, -300), at("a", "impact", 0), at("b", "strategy", 300), at("c", "capacity", 600)]);
    expect(bands.map((b) => b.layer)).toEqual([null, "impact", "strategy", "capacity"]);
    // Boxes out of their layers' order: every band keeps a positive height, in order.
    const crossed = computeBands(layers, [at("a", "impact", 600), at("b", "strategy", 0), at("c", "capacity", 300)]);
    for (const band of crossed) expect(band.bottom - band.top).toBeGreaterThan(0);
    for (let i = 1; i < crossed.length; i++) expect(crossed[i].top).toBeGreaterThanOrEqual(crossed[i - 1].bottom);
  });
});

describe("displayScale", () => {
  it("is 1 when boxes already clear each other", () => {
    expect(displayScale([{ x: 0, y: 0 }, { x: 400, y: 0 }, { x: 0, y: 200 }])).toBe(1);
  });
  it("spreads crowded positions", () => {
    expect(displayScale([{ x: 0, y: 0 }, { x: 50, y: 10 }, { x: 100, y: 0 }, { x: 150, y: 10 }])).toBeGreaterThan(1.5);
  });
});

describe("borderPoint and fitTransform", () => {
  it("meets the box edge towards the target", () => {
    const p = borderPoint({ x: 0, y: 0, width: 100, height: 50 }, { x: 0, y: 500 }, 0);
    expect(p).toEqual({ x: 0, y: 25 });
  });
  it("fits the bounds inside the viewport", () => {
    const t = fitTransform({ minX: 0, minY: 0, maxX: 1000, maxY: 500 }, 600, 400, 0, 10);
    expect(t.k).toBeCloseTo(0.6);
    expect(t.x + 0 * t.k).toBeCloseTo(0);
  });
});
