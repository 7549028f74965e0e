// "Show where we contribute": pick an organisation and the map highlights the objectives
// it contributes to (directly or inside their sub-maps) and dims the rest.
import { orgHash } from "../app/route";
import { setFocusOrg, setShowUnclaimed, unclaimedShown, useWork } from "../store/workStore";

export function OrgFilter({ coalition }: { coalition: number }) {
  const work = useWork((s) => s.work);
  const focusOrg = useWork((s) => s.focusOrg);
  const unclaimed = useWork(unclaimedShown);
  if (!work) return null;
  const orgs = [...work.organisations].sort((a, b) => a.name.localeCompare(b.name));
  const mine = orgs.filter((o) => work.you?.organisations.includes(o.id));
  const count = focusOrg ? work.contributions.filter((c) => c.organisation === focusOrg).length : 0;
  return (
    <div className="org-filter">
      {orgs.length > 0 && <>
        <h2 className="side-heading"><label htmlFor="org-filter">Show where … contributes</label></h2>
        <select id="org-filter" value={focusOrg ?? ""} onChange={(e) => setFocusOrg(e.target.value || null)}>
          <option value="">Everyone (no highlight)</option>
          {mine.length > 0 && <optgroup label="Yours">{mine.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}</optgroup>}
          <optgroup label={mine.length ? "All organisations" : "Organisations"}>
            {orgs.filter((o) => !mine.includes(o)).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </optgroup>
        </select>
      </>}
      {focusOrg && (
        <p className="small-print">
          {count} contribution{count === 1 ? "" : "s"} · <a href={orgHash(coalition, focusOrg)}>its page</a> ·{" "}
          <button className="linklike" onClick={() => setFocusOrg(null)}>clear</button>
        </p>
      )}
      <ul className="key work-key" aria-label="Badges on the boxes">
        <li><span className="key-pill adv">◉ n</span> lead advocates</li>
        <li><span className="key-pill con">▦ n</span> contributing organisations</li>
        <li><span className="key-pill team">◉◉ n</span> action teams</li>
        <li><label className="unclaimed-toggle"><input type="checkbox" checked={unclaimed} onChange={(e) => setShowUnclaimed(e.target.checked)} />
          <span className="key-pill unclaimed">Unclaimed</span> nobody works on it yet</label></li>
      </ul>
    </div>
  );
}
