import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeBytes, sniffUtf16 } from "./decode.js";
import { readInputs, type IngestItem } from "./index.js";
import { guessLanguage } from "./language.js";
import { decodedLines } from "./lines.js";

const STORY = "BERLIN, May 3. /TASS/. The ministry said the café talks were “constructive” and would resume soon, according to officials quoted by the agency.";

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "parley-decode-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, bytes: Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};
async function collect(inputs: string[], stdin?: Buffer): Promise<IngestItem[]> {
  const out: IngestItem[] = [];
  for await (const item of readInputs(inputs, { fetchFeedLinks: false, ...(stdin ? { stdin: Readable.from([stdin]) } : {}) })) out.push(item);
  return out;
}
const only = (items: IngestItem[]) => items.map((i) => (i.kind === "article" ? i.article : { skip: i.reason }));

describe("text encodings", () => {
  it("reads UTF-16 without a byte-order mark, little- and big-endian, with a warning", () => {
    const le = iconv.encode(STORY, "utf-16le");
    const be = iconv.encode(STORY, "utf-16be");
    expect(sniffUtf16(le)).toBe("utf-16le");
    expect(sniffUtf16(be)).toBe("utf-16be");
    for (const bytes of [le, be]) {
      const d = decodeBytes(bytes);
      expect(d.text).toBe(STORY);
      expect(d.warning?.code).toBe("encoding-detected");
    }
    // Binary stays binary: NUL bytes without the UTF-16 pattern.
    expect(() => decodeBytes(Buffer.from([0, 1, 2, 3, 0, 0, 5, 0, 0, 7, 8, 0, 0, 0, 1, 2]))).toThrow(/binary/);
  });

  it("keeps UTF-8 with a few broken bytes as UTF-8 (U+FFFD, with a warning) instead of turning it into windows-1252", () => {
    const good = Buffer.from(`${STORY} Второй абзац: переговоры продолжатся.`, "utf8");
    const broken = Buffer.concat([good.subarray(0, 40), Buffer.from([0xff, 0xc3]), good.subarray(40)]);
    const d = decodeBytes(broken);
    expect(d.encoding).toBe("utf-8");
    expect(d.text).toContain("переговоры продолжатся");
    expect(d.text).toContain("“constructive”");
    expect(d.text.match(/\ufffd/g)).toHaveLength(2);
    expect(d.warning).toMatchObject({ code: "invalid-utf8", message: expect.stringContaining("2 bytes") });
    // Real windows-1252 is still recognised as such.
    expect(decodeBytes(iconv.encode(STORY, "windows-1252"))).toMatchObject({ text: STORY, encoding: "windows-1252", warning: { code: "encoding-detected" } });
  });

  it("reads a UTF-16 text file without a BOM as an article", async () => {
    const [a] = only(await collect([write("u16.txt", iconv.encode(`Talks resume\n\n${STORY}`, "utf-16le"))]));
    expect(a).toMatchObject({ text: `Talks resume\n\n${STORY}`, warnings: [expect.objectContaining({ code: "encoding-detected" })] });
  });
});

describe("JSONL is decoded like text", () => {
  const line = (id: string) => JSON.stringify({ id, text: STORY });
  const lines = ["a", "b", "c"].map(line).join("\n") + "\n";

  it("keeps line 1 after a UTF-8 byte-order mark", async () => {
    const items = only(await collect([write("bom.jsonl", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines)]))]));
    expect(items.map((a) => ("id" in a ? a.id : a))).toEqual(["a", "b", "c"]);
  });

  it("reads every line of UTF-16 JSONL, with and without a BOM, from files and standard input", async () => {
    const withBom = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(lines, "utf-16le")]);
    const noBom = iconv.encode(lines.replace(/\n/g, "\r\n"), "utf-16be");
    for (const items of [await collect([write("u16.jsonl", withBom)]), await collect([write("u16be.jsonl", noBom)]), await collect(["-"], withBom)]) {
      const got = only(items);
      expect(got.map((a) => ("id" in a ? a.id : a))).toEqual(["a", "b", "c"]);
      expect(got.every((a) => "text" in a && a.text === STORY)).toBe(true);
    }
  });

  it("decodes a Latin-1 line with a warning instead of U+FFFD, and leaves UTF-8 lines alone", async () => {
    const latin = iconv.encode(JSON.stringify({ id: "l", text: "PARIS, May 2. /TASS/. Le café était fermé, a dit le ministère des Affaires étrangères à la presse." }), "latin1");
    const bytes = Buffer.concat([Buffer.from(line("u") + "\n"), latin, Buffer.from("\n")]);
    const [u, l] = only(await collect([write("latin1.jsonl", bytes)]));
    expect(u).toMatchObject({ id: "u", text: STORY });
    expect((u as { warnings?: unknown[] }).warnings ?? []).toEqual([]);
    expect(l).toMatchObject({ id: "l", text: expect.stringContaining("Le café était fermé") });
    expect((l as { warnings: { code: string }[] }).warnings.map((w) => w.code)).toContain("encoding-detected");
  });

  it("streams lines across chunk boundaries and drops an over-long line without holding it", async () => {
    const chunks = [Buffer.from('{"id":"a","te'), Buffer.from('xt":"x"}\n' + "y".repeat(5000)), Buffer.from("y".repeat(5000) + '\n{"id":"b"}')];
    const got: string[] = [];
    for await (const { line, n } of decodedLines(Readable.from(chunks), 4000)) got.push(`${n}:${typeof line === "string" ? line : `skip ${line.message}`}`);
    expect(got).toEqual(['1:{"id":"a","text":"x"}', "2:skip line longer than the 4000 byte limit", '3:{"id":"b"}']);
  });
});

describe("language", () => {
  it("marks Japanese, Chinese, Korean and Russian text as not English, however few its spaces", async () => {
    expect(guessLanguage("日本政府は22日、ロシアとの平和条約締結交渉について、外務省で会合を開いたと発表した。")).toBe("ja");
    expect(guessLanguage("中国外交部发言人表示，中方愿同日方一道努力，推动两国关系改善发展。")).toBe("zh");
    expect(guessLanguage("한국 정부는 22일 일본과의 정상회담을 다음 달에 개최한다고 밝혔다.")).toBe("ko");
    expect(guessLanguage("Министерство иностранных дел России заявило, что переговоры с Японией продолжатся в следующем месяце.")).toBe("und");
    expect(guessLanguage(STORY + " " + STORY)).toBe("en");
    const [a] = only(await collect([write("ja.txt", Buffer.from("平和条約交渉\n\n日本政府は22日、ロシアとの平和条約締結交渉について、外務省で会合を開いたと発表した。"))]));
    expect(a).toMatchObject({ language: "ja", warnings: [expect.objectContaining({ code: "non-english" })] });
  });
});
