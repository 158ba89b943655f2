import { describe, expect, it } from "vitest";
import { interval } from "../story/dates.js";
import { precisionRanges, unitStart } from "./date-ranges.js";

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
