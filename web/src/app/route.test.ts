import { describe, expect, it } from "vitest";
import { orgHash, parseRoute, routeHash } from "./route";

describe("work page routes", () => {
  it("round-trip through the address bar", () => {
    for (const hash of ["#/c/3/organisations", "#/c/3/organisations/o-12", "#/c/3/me", "#/c/3/opportunities", "#/c/3/resources"]) {
      expect(routeHash(parseRoute(hash))).toBe(hash);
    }
    expect(parseRoute("#/c/3/organisations/a%2Fb").org).toBe("a/b");
    expect(orgHash(3, "a/b")).toBe("#/c/3/organisations/a%2Fb");
  });
  it("leave the map routes as they were", () => {
    expect(parseRoute("#/c/2/in/CAP1")).toMatchObject({ coalition: 2, root: "CAP1" });
    expect(parseRoute("#/c/2/in/CAP1").page).toBeUndefined();
    expect(routeHash({ coalition: 2, root: "CAP1", outline: false })).toBe("#/c/2/in/CAP1");
    expect(parseRoute("#/c/2/members").members).toBe(true);
  });
});
