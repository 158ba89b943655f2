import { describe, expect, it } from "vitest";
import { bands, BANDS, containment, decodeSig, encodeSig, jaccard, shingles, signature } from "./minhash.js";

const words = (n: number, seed: number) => Array.from({ length: n }, (_, i) => `w${(i * 7919 + seed * 104729) % 100003}`).join(" ");

describe("MinHash copies", () => {
  it("estimates Jaccard and finds a cut copy by containment", () => {
    const full = words(600, 1);
    const cut = full.split(" ").slice(0, 240).join(" ");
    const a = shingles(full);
    const b = shingles(cut);
    const j = jaccard(signature(a), signature(b));
    expect(j).toBeGreaterThan(0.25);
    expect(j).toBeLessThan(0.55);
    expect(containment(j, a.size, b.size)).toBeGreaterThan(0.8);
    const other = shingles(words(600, 2));
    expect(containment(jaccard(signature(a), signature(other)), a.size, other.size)).toBeLessThan(0.1);
  });

  it("puts a cut copy in a shared LSH bucket, and keeps signatures through storage", () => {
    const full = signature(shingles(words(500, 3)));
    const cut = signature(shingles(words(500, 3).split(" ").slice(0, 150).join(" ")));
    const shared = bands(full).filter((b, i) => bands(cut)[i] === b);
    expect(bands(full)).toHaveLength(BANDS);
    expect(shared.length).toBeGreaterThan(0);
    expect(decodeSig(encodeSig(full))).toEqual(full);
  });

  it("handles empty and very short texts", () => {
    expect(shingles("").size).toBe(0);
    expect(shingles("two words").size).toBe(1);
    expect(containment(0, 0, 5)).toBe(0);
  });
});
