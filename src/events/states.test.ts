import { describe, expect, it } from "vitest";
import { DISSOLVED, predecessorOn } from "./states.js";

describe("dissolved states and their parts", () => {
  it("lists the historical list's dissolved states, not a state that continued under its own code", () => {
    expect([...DISSOLVED].sort()).toEqual(["CSK", "DDR", "SUN", "YUG"]);
  });

  it("codes a state of today by the dissolved state it was part of on the date, from the Phoenix spans", () => {
    expect(predecessorOn("RUS", "1956-10-19")).toBe("SUN");
    expect(predecessorOn("RUS", "1992-01-01")).toBeUndefined();
    expect(predecessorOn("HRV", "1980-05-04")).toBe("YUG");
    expect(predecessorOn("HRV", "1995-08-04")).toBeUndefined();
    // West Germany continued as DEU: Germany in 1960 is not East Germany.
    expect(predecessorOn("DEU", "1960-01-01")).toBeUndefined();
  });
});
