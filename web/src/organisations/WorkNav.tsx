// The pages of "Who does what", one address each: organisations, opportunities,
// resource totals, and me.
import { routeHash, type WorkPage } from "../app/route";

const PAGES: { page: WorkPage; label: string }[] = [
  { page: "organisations", label: "Organisations" }, { page: "opportunities", label: "Opportunities" },
  { page: "resources", label: "Resources" }, { page: "me", label: "Me" },
];

export function WorkNav({ coalition, page }: { coalition: number; page: WorkPage }) {
  return (
    <nav className="work-nav" aria-label="Who does what">
      {PAGES.map((p) => (
        <a key={p.page} href={routeHash({ coalition, root: "top", outline: false, page: p.page })}
          className={`work-nav-link ${p.page === page ? "active" : ""}`} aria-current={p.page === page ? "page" : undefined}>{p.label}</a>
      ))}
    </nav>
  );
}
