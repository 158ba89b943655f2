import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CLUSTERS_PATH, loadClusters, parseClusters } from "./clusters.js";
import { classBigrams, exchange, mergeTree } from "./exchange.js";

/** A corpus of two kinds of sentences: "the <noun> <verb>" and "a <noun> <verb>", nouns and verbs interchangeable. */
function toyCorpus(): { ids: Int32Array; vocabulary: number; words: string[] } {
  const words = ["</s>", "the", "a", "cat", "dog", "bird", "runs", "sleeps", "sings"];
  const id = (w: string) => words.indexOf(w);
  const ids: number[] = [id("</s>")];
  let seed = 7;
  const pick = <A>(xs: A[]) => xs[(seed = (seed * 1103515245 + 12345) % 2147483648) % xs.length]!;
  for (let k = 0; k < 400; k++) ids.push(id(pick(["the", "a"])), id(pick(["cat", "dog", "bird"])), id(pick(["runs", "sleeps", "sings"])), id("</s>"));
  return { ids: Int32Array.from(ids), vocabulary: words.length, words };
}

describe("Brown clusters", () => {
  it("puts words of the same distribution in one class, deterministically", () => {
    const corpus = toyCorpus();
    const run = () => exchange(corpus, { classes: 4 });
    const cls = run();
    const of = (w: string) => cls[corpus.words.indexOf(w)];
    expect(of("dog")).toBe(of("cat"));
    expect(of("bird")).toBe(of("cat"));
    expect(of("sleeps")).toBe(of("runs"));
    expect(of("runs")).not.toBe(of("cat"));
    expect(of("the")).not.toBe(of("cat"));
    expect([...run()]).toEqual([...cls]);
  });

  it("merges classes into a binary tree whose paths are distinct and prefix-free", () => {
    const corpus = toyCorpus();
    const cls = exchange(corpus, { classes: 4 });
    const bits = mergeTree(classBigrams(corpus, cls, 4), 4);
    expect(new Set(bits).size).toBe(4);
    for (const a of bits) for (const b of bits) if (a !== b) expect(b.startsWith(a)).toBe(false);
  });

  it("reads the paths format (bits, word, count per line)", () => {
    const c = parseClusters("0010\tLondon\t182\n0011\tsaid\t12150\n");
    expect(c.get("London")).toBe("0010");
    expect(c.get("london")).toBeUndefined();
    expect(c.size).toBe(2);
  });

  it.skipIf(!existsSync(CLUSTERS_PATH))("ships clusters of tens of thousands of words", () => {
    const c = loadClusters();
    expect(c.size).toBeGreaterThan(20_000);
    // Weekdays share a cluster prefix; a weekday and a verb of saying do not share a long one.
    const monday = c.get("Monday")!;
    const tuesday = c.get("Tuesday")!;
    const said = c.get("said")!;
    const common = (a: string, b: string) => [...a].findIndex((ch, i) => ch !== b[i]);
    expect(common(monday, tuesday) === -1 || common(monday, tuesday) > common(monday, said)).toBe(true);
  });
});
