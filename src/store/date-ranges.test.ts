import { describe, expect, it } from "vitest";
import { interval } from "../story/dates.js";
import { monthSplit, precisionRanges, unitStart } from "./date-ranges.js";

describe("date ranges by precision", () => {
  it("starts each unit where story/dates.ts says that unit starts", () => {
    for (const [value, day] of [["2019-03-14", "2019-03-14"], ["2019-03", "2019-03-31"], ["2019", "2019-07-04"], ["2019-Q3", "2019-08-01"], ["196", "1968-02-29"], ["19", "1999-12-31"]] as const) {
      const i = interval(value)!;
      expect(unitStart(day, i.precision)).toBe(i.from);
    }
  });

  it("gives, per precision, the date_from range of the events that overlap a period; open ends stay open", () => {
    const r = Object.fromEntries(precisionRanges("2018-11-16", "2019-01-22").map((x) => [x.precision, [x.lo, x.hi]]));
    expect(r).toEqual({
      day: ["2018-11-16", "2019-01-22"], month: ["2018-11-01", "2019-01-22"], year: ["2018-01-01", "2019-01-22"],
      unknown: ["2018-01-01", "2019-01-22"], decade: ["2010-01-01", "2019-01-22"], century: ["2000-01-01", "2019-01-22"],
    });
    expect(precisionRanges(undefined, "1990-12-31").every((x) => x.lo === null && x.hi === "1990-12-31")).toBe(true);
    expect(precisionRanges(undefined, undefined).every((x) => x.lo === null && x.hi === null)).toBe(true);
  });
});

describe("month split", () => {
  it("counts whole months from the monthly counts and the partial months at the ends in the index", () => {
    expect(monthSplit("2018-01-01", "2018-12-31")).toEqual({ months: { first: "2018-01", last: "2018-12" }, exact: [] });
    expect(monthSplit("2018-07-04", "2018-09-10")).toEqual({
      months: { first: "2018-08", last: "2018-08" }, exact: [{ lo: "2018-07-04", hi: "2018-07-31" }, { lo: "2018-09-01", hi: "2018-09-10" }],
    });
    expect(monthSplit("2018-07-04", "2018-08-10")).toEqual({ exact: [{ lo: "2018-07-04", hi: "2018-08-10" }] });
    expect(monthSplit("2018-07-04", "2018-07-20")).toEqual({ exact: [{ lo: "2018-07-04", hi: "2018-07-20" }] });
    expect(monthSplit("2019-12-15", "2020-02-29")).toEqual({ months: { first: "2020-01", last: "2020-02" }, exact: [{ lo: "2019-12-15", hi: "2019-12-31" }] });
    expect(monthSplit(null, "1990-06-15")).toEqual({ months: { first: null, last: "1990-05" }, exact: [{ lo: "1990-06-01", hi: "1990-06-15" }] });
    expect(monthSplit("1900-01-01", null)).toEqual({ months: { first: "1900-01", last: null }, exact: [] });
  });
});
