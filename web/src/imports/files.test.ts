import { describe, expect, it } from "vitest";
import { rowsToCsv } from "./files";

describe("rowsToCsv (XLSX sheet rows to CSV)", () => {
  it("quotes what needs quoting, writes dates as days, drops trailing empty rows", () => {
    const rows = [["year", "locality", "rate"], [2019, "Albemarle, VA", 4.5], [new Date(Date.UTC(2020, 11, 31)), 'The "City"', null], [null, null, null]];
    expect(rowsToCsv(rows)).toBe('year,locality,rate\n2019,"Albemarle, VA",4.5\n2020-12-31,"The ""City""",\n');
  });
});
