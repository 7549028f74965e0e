import { describe, expect, it } from "vitest";
import { expectedAt, normaliseDate, parseNumber, sparkPath, thresholdValues, trajectory } from "./status";

const m = { baseline: { date: "2010-12-31", value: 10 }, targets: [{ date: "2020-12-31", value: 5 }, { date: "2015-12-31", value: 8 }] };

describe("expectedAt (as progress_reference.py)", () => {
  it("follows the straight line to the next target", () => {
    expect(expectedAt(m, "2010-12-31")).toBe(10);
    expect(expectedAt(m, "2015-12-31")).toBe(8);
    const mid = expectedAt(m, "2018-06-30");
    expect(mid).toBeCloseTo(10 + (5 - 10) * 2738 / 3653, 9);
  });
  it("holds the last target past them all, and the baseline without targets", () => {
    expect(expectedAt(m, "2030-01-01")).toBe(5);
    expect(expectedAt({ baseline: m.baseline, targets: [] }, "2030-01-01")).toBe(10);
  });
  it("before the baseline, expects the baseline", () => {
    expect(expectedAt(m, "2005-01-01")).toBe(10);
  });
});

describe("trajectory and thresholds", () => {
  it("lists the baseline then the targets in date order", () => {
    expect(trajectory(m).map((p) => p.date)).toEqual(["2010-12-31", "2015-12-31", "2020-12-31"]);
  });
  it("maps scores to values along the trajectory", () => {
    const t = thresholdValues(m, "2015-12-31", { on_track: 0.95, at_risk: 0.75 });
    expect(t.expected).toBe(8);
    expect(t.onTrack).toBeCloseTo(10 - 0.95 * 2, 9);
    expect(t.atRisk).toBeCloseTo(10 - 0.75 * 2, 9);
  });
});

describe("input parsing", () => {
  it("turns years into dates and refuses impossible dates", () => {
    expect(normaliseDate("2019")).toBe("2019-12-31");
    expect(normaliseDate("2019", "start")).toBe("2019-01-01");
    expect(normaliseDate("2019-2-3")).toBe("2019-02-03");
    expect(normaliseDate("2019-02-30")).toBeNull();
    expect(normaliseDate("soon")).toBeNull();
  });
  it("reads numbers as people paste them", () => {
    expect(parseNumber("1,234.5")).toBe(1234.5);
    expect(parseNumber("4,1")).toBe(4.1);
    expect(parseNumber(" -3 ")).toBe(-3);
    expect(parseNumber("n/a")).toBeNull();
    expect(parseNumber("")).toBeNull();
  });
  it("draws a sparkline across the box", () => {
    expect(sparkPath([1, 2, 3], 100, 20)).toBe("M2.0,18.0 L50.0,10.0 L98.0,2.0");
    expect(sparkPath([], 100, 20)).toBe("");
  });
});
