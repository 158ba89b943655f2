import { describe, expect, it } from "vitest";
import { addPruned } from "./similarity.js";

describe("addPruned (a story centroid plus or minus an article)", () => {
  it("sums, drops what falls to zero, and keeps the strongest of each namespace (ties by key), in the order namespaces first occur", () => {
    const story = { "w:treati": 3, "a:RUS": 2, "w:island": 1, "e:shinzo abe": 1 };
    const article = { "w:island": 2, "w:peac": 3, "a:JPN": 1, "e:kuril": 1 };
    const out = addPruned(story, article, 1, { a: 5, e: 1, w: 2 });
    expect(Object.entries(out)).toEqual([
      ["w:island", 3],
      ["w:peac", 3],
      ["a:RUS", 2],
      ["a:JPN", 1],
      ["e:kuril", 1],
    ]);
  });

  it("takes an article away again, leaving no feature at zero", () => {
    const story = { "w:treati": 3, "w:island": 1, "a:RUS": 1 };
    const out = addPruned(story, { "w:island": 1, "a:RUS": 1 }, -1);
    expect(out).toEqual({ "w:treati": 3 });
    expect(story).toEqual({ "w:treati": 3, "w:island": 1, "a:RUS": 1 });
  });

  it("bounds a namespace it has no limit for at 100 features", () => {
    const many = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`x:${String(i).padStart(3, "0")}`, 150 - i]));
    const out = addPruned({}, many);
    expect(Object.keys(out)).toHaveLength(100);
    expect(out["x:000"]).toBe(150);
    expect(out["x:100"]).toBeUndefined();
  });
});
