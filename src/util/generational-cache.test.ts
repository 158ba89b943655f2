import { describe, expect, it } from "vitest";
import { GenerationalCache } from "./generational-cache.js";

describe("GenerationalCache", () => {
  it("never holds more than its capacity, however many keys pass through", () => {
    const c = new GenerationalCache<number>(100);
    for (let i = 0; i < 10_000; i++) c.set(`k${i}`, i);
    expect(c.size).toBeLessThanOrEqual(100);
    expect(c.get("k9999")).toBe(9999);
    expect(c.get("k0")).toBeUndefined();
  });

  it("keeps a key that is asked for through every turnover", () => {
    const c = new GenerationalCache<string>(10);
    c.set("the", "det");
    for (let i = 0; i < 1_000; i++) {
      c.set(`rare${i}`, "x");
      expect(c.get("the")).toBe("det");
    }
  });

  it("holds nothing once cleared", () => {
    const c = new GenerationalCache<number>(4);
    for (let i = 0; i < 5; i++) c.set(`k${i}`, i);
    c.clear();
    expect(c.size).toBe(0);
    expect(c.get("k4")).toBeUndefined();
  });
});
