// The address bar holds where we are (#/c/ID or #/c/ID/in/STATEMENT), so a reload or a
// shared link opens the same zoom level.
export interface Route {
  coalition: number | null; root: string; outline: boolean; history?: boolean; members?: boolean; analysis?: boolean;
  /** The map coloured by progress (#/c/ID/progress). */
  progress?: boolean;
  scorecard?: boolean;
  dashboard?: boolean;
  /** A measure's page (#/c/ID/measure/MEASURE). */
  measure?: string;
}

export function parseRoute(hash: string): Route {
  const m = hash.match(/^#\/c\/(\d+)(?:\/in\/([^/]+))?(\/outline|\/history|\/members|\/analysis|\/progress|\/scorecard|\/dashboard|\/measure\/([^/]+))?$/);
  if (!m) return { coalition: null, root: "top", outline: false };
  return { coalition: Number(m[1]), root: m[2] ? decodeURIComponent(m[2]) : "top", outline: m[3] === "/outline", history: m[3] === "/history", members: m[3] === "/members", analysis: m[3] === "/analysis",
    progress: m[3] === "/progress", scorecard: m[3] === "/scorecard", dashboard: m[3] === "/dashboard", measure: m[4] ? decodeURIComponent(m[4]) : undefined };
}

export function routeHash(route: Route): string {
  if (route.coalition === null) return "#/";
  const view = route.outline ? "/outline" : route.history ? "/history" : route.members ? "/members" : route.analysis ? "/analysis"
    : route.progress ? "/progress" : route.scorecard ? "/scorecard" : route.dashboard ? "/dashboard" : route.measure ? `/measure/${encodeURIComponent(route.measure)}` : "";
  return `#/c/${route.coalition}${route.root !== "top" ? `/in/${encodeURIComponent(route.root)}` : ""}${view}`;
}

/** The route with no view chosen (the plain map), to switch tabs from. */
export function mapOnly(route: Route): Route {
  return { coalition: route.coalition, root: route.root, outline: false };
}
