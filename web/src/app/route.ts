// The address bar holds where we are (#/c/ID or #/c/ID/in/STATEMENT), so a reload or a
// shared link opens the same zoom level. The who-does-what pages have their own
// addresses: #/c/ID/organisations[/ORG], #/c/ID/me, #/c/ID/opportunities, #/c/ID/resources.
export type WorkPage = "organisations" | "me" | "opportunities" | "resources";
export interface Route {
  coalition: number | null; root: string; outline: boolean; history?: boolean; members?: boolean; analysis?: boolean;
  /** The map coloured by progress (#/c/ID/progress). */
  progress?: boolean;
  scorecard?: boolean;
  dashboard?: boolean;
  /** A measure's page (#/c/ID/measure/MEASURE). */
  measure?: string;
  page?: WorkPage; org?: string;
}

export function parseRoute(hash: string): Route {
  const work = hash.match(/^#\/c\/(\d+)\/(organisations|me|opportunities|resources)(?:\/([^/]+))?$/);
  if (work) {
    return { coalition: Number(work[1]), root: "top", outline: false, page: work[2] as WorkPage,
      org: work[2] === "organisations" && work[3] ? decodeURIComponent(work[3]) : undefined };
  }
  const m = hash.match(/^#\/c\/(\d+)(?:\/in\/([^/]+))?(\/outline|\/history|\/members|\/analysis|\/progress|\/scorecard|\/dashboard|\/measure\/([^/]+))?$/);
  if (!m) return { coalition: null, root: "top", outline: false };
  return { coalition: Number(m[1]), root: m[2] ? decodeURIComponent(m[2]) : "top", outline: m[3] === "/outline", history: m[3] === "/history", members: m[3] === "/members", analysis: m[3] === "/analysis",
    progress: m[3] === "/progress", scorecard: m[3] === "/scorecard", dashboard: m[3] === "/dashboard", measure: m[4] ? decodeURIComponent(m[4]) : undefined };
}

export function routeHash(route: Route): string {
  if (route.coalition === null) return "#/";
  if (route.page) return `#/c/${route.coalition}/${route.page}${route.page === "organisations" && route.org ? `/${encodeURIComponent(route.org)}` : ""}`;
  const view = route.outline ? "/outline" : route.history ? "/history" : route.members ? "/members" : route.analysis ? "/analysis"
    : route.progress ? "/progress" : route.scorecard ? "/scorecard" : route.dashboard ? "/dashboard" : route.measure ? `/measure/${encodeURIComponent(route.measure)}` : "";
  return `#/c/${route.coalition}${route.root !== "top" ? `/in/${encodeURIComponent(route.root)}` : ""}${view}`;
}

/** The route with no view chosen (the plain map), to switch tabs from. */
export function mapOnly(route: Route): Route {
  return { coalition: route.coalition, root: route.root, outline: false };
}

/** The hash of an organisation's page, for plain links. */
export const orgHash = (coalition: number, org: string) => routeHash({ coalition, root: "top", outline: false, page: "organisations", org });
