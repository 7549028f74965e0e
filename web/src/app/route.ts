// The address bar holds where we are (#/c/ID or #/c/ID/in/STATEMENT), so a reload or a
// shared link opens the same zoom level.
export interface Route { coalition: number | null; root: string; outline: boolean; history?: boolean; members?: boolean; analysis?: boolean }

export function parseRoute(hash: string): Route {
  const m = hash.match(/^#\/c\/(\d+)(?:\/in\/([^/]+))?(\/outline|\/history|\/members|\/analysis)?$/);
  if (!m) return { coalition: null, root: "top", outline: false };
  return { coalition: Number(m[1]), root: m[2] ? decodeURIComponent(m[2]) : "top", outline: m[3] === "/outline", history: m[3] === "/history", members: m[3] === "/members", analysis: m[3] === "/analysis" };
}

export function routeHash(route: Route): string {
  if (route.coalition === null) return "#/";
  return `#/c/${route.coalition}${route.root !== "top" ? `/in/${encodeURIComponent(route.root)}` : ""}${route.outline ? "/outline" : route.history ? "/history" : route.members ? "/members" : route.analysis ? "/analysis" : ""}`;
}
