import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseConllu } from "../nlp/syntax/conllu.js";
import { main } from "./main.js";

const FIXTURE = join(import.meta.dirname, "..", "nlp", "syntax", "__fixtures__", "sample.conllu");

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "parley-parse-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[], stdin = "") {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough().on("data", (d: Buffer) => out.push(d.toString()));
  const stderr = new PassThrough().on("data", (d: Buffer) => err.push(d.toString()));
  const code = await main(argv, { stdout, stderr, stdin: Readable.from([stdin]), env: {} });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

describe("parley parse", () => {
  it("keeps the words, comments, multiword ranges and sentences of CoNLL-U input and fills the parse", async () => {
    const { code, stdout } = await run(["parse", "--input-format", "conllu", FIXTURE]);
    expect(code).toBe(0);
    const given = readFileSync(FIXTURE, "utf8").split("\n");
    const got = stdout.split("\n");
    expect(got).toHaveLength(given.length);
    got.forEach((line, i) => {
      const g = given[i]!;
      if (g.startsWith("#") || g === "") expect(line).toBe(g);
      else expect(line.split("\t").slice(0, 2)).toEqual(g.split("\t").slice(0, 2));
    });
    expect(got).toContain("2-3\tdoesn't\t_\t_\t_\t_\t_\t_\t_\t_");
    const [s1, s2] = parseConllu(stdout);
    for (const s of [s1!, s2!]) {
      expect(s.words.filter((w) => w.head === 0)).toHaveLength(1);
      for (const w of s.words) {
        expect(w.head).toBeGreaterThanOrEqual(0);
        expect(w.head).toBeLessThanOrEqual(s.words.length);
        expect(w.upos).not.toBe("_");
        expect(w.deprel).not.toBe("_");
      }
    }
    expect(s1!.words[2]!.lemma).toBe("not");
    expect(s2!.extras[0]!.line).toBe("4.1\tsigned\t_\t_\t_\t_\t_\t_\t_\tCopyOf=2");
  });

  it("reads text from standard input through Parley's own sentences and tokens, as JSON", async () => {
    const { code, stdout } = await run(["parse", "--format", "json", "-"], "Japan's envoy met Lavrov. They didn't agree.\n");
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as { sentences: { text: string; words: { form: string; head: number; start: number; end: number }[] }[] };
    expect(doc.sentences.map((s) => s.text)).toEqual(["Japan's envoy met Lavrov.", "They didn't agree."]);
    expect(doc.sentences[0]!.words.map((w) => w.form)).toEqual(["Japan", "'s", "envoy", "met", "Lavrov", "."]);
    expect(doc.sentences[1]!.words.filter((w) => w.head === 0)).toHaveLength(1);
  });

  it("writes text input as CoNLL-U with offsets in MISC, and rejects unknown formats", async () => {
    const file = join(dir, "a.txt");
    writeFileSync(file, "Moscow signed the deal.\n");
    const { stdout } = await run(["parse", file]);
    expect(stdout).toMatch(/^# sent_id = .*a\.txt#1\n# text = Moscow signed the deal\.\n1\tMoscow\t/);
    expect(stdout).toContain("SpaceAfter=No|TokenRange=18:22");
    expect((await run(["parse", "--format", "xml", file])).code).toBe(1);
  });
});
