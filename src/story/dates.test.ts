import { describe, expect, it } from "vitest";
import { boundary, compatible, interval, showDate } from "./dates.js";

describe("TimeML dates as intervals", () => {
  it("reads days, months, years, decades and centuries, and nothing from values that name no calendar time", () => {
    expect(interval("2018-11-14")).toEqual({ precision: "day", from: "2018-11-14", to: "2018-11-14" });
    expect(interval("2019-02")).toEqual({ precision: "month", from: "2019-02-01", to: "2019-02-28" });
    expect(interval("1960")).toEqual({ precision: "year", from: "1960-01-01", to: "1960-12-31" });
    expect(interval("199")).toMatchObject({ precision: "decade", from: "1990-01-01", to: "1999-12-31" });
    expect(interval("20")).toMatchObject({ precision: "century" });
    for (const v of ["PAST_REF", "XXXX-11-16", "P2Y", "", null, "2018-13"]) expect(interval(v)).toBeNull();
  });

  it("calls dates compatible when one interval holds the other", () => {
    expect(compatible(interval("2018-11"), interval("2018-11-14"))).toBe(true);
    expect(compatible(interval("1956"), interval("1956-12-08"))).toBe(true);
    expect(compatible(interval("2018-11-14"), interval("2018-11-15"))).toBe(false);
    expect(compatible(null, interval("1960"))).toBe(true);
  });

  it("turns --from/--to into days and shows partial dates as partial", () => {
    expect(boundary("2018-09", "from")).toBe("2018-09-01");
    expect(boundary("2019", "to")).toBe("2019-12-31");
    expect(() => boundary("soon", "from")).toThrow(/not a date/);
    expect(showDate("1960", "year")).toBe("1960 (year)");
    expect(showDate("2019-01-21", "day")).toBe("2019-01-21");
  });
});
