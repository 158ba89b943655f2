import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { tokenize } from "../../pipeline/tokens.js";
import { hash, shape } from "./features.js";
import { Perceptron } from "./model.js";
import { loadTagger, MODEL_PATH } from "./tagger.js";

const tag = (text: string) => loadTagger().tag(tokenize(text)).map((s) => [text.slice(s.start, s.end), s.type]);

describe("NER tagger", () => {
  it("finds people, organisations and places it has no dictionary for", () => {
    // Alone, the tagger reads the capitalised "Kremlin Spokesman Dmitry Peskov" as one name: the entities stage splits the role off.
    expect(tag("Kremlin spokesman Dmitry Peskov said the talks went well.")).toContainEqual(["Dmitry Peskov", "PER"]);
    expect(tag("Vladimir Putin met Shinzo Abe in Singapore.")).toEqual([
      ["Vladimir Putin", "PER"],
      ["Shinzo Abe", "PER"],
      ["Singapore", "LOC"],
    ]);
    expect(tag("Shares of Lufthansa fell after the Bundesbank said the Federal Reserve raised rates.")).toEqual([
      ["Lufthansa", "ORG"],
      ["Bundesbank", "ORG"],
      ["Federal Reserve", "ORG"],
    ]);
  });

  it("splits a possessive off as CoNLL does and trims punctuation from names", () => {
    expect(tag("MOSCOW, November 16. /TASS/. Tokyo's alliance")).toEqual([
      ["MOSCOW", "LOC"],
      ["TASS", "ORG"],
      ["Tokyo", "LOC"],
    ]);
  });

  it("loads the shipped model, whose header names its training data", () => {
    const buf = readFileSync(MODEL_PATH);
    const header = JSON.parse(buf.subarray(0, buf.indexOf(10)).toString()) as { trainedOn: string; weights: number };
    expect(header.trainedOn).toBe("CoNLL-2003 eng.train");
    expect(buf.length).toBe(buf.indexOf(10) + 1 + header.weights * 8);
    expect(() => Perceptron.fromBuffer(Buffer.from('{"bits":3,"tags":[]}\n'))).toThrow(/incompatible/);
  });

  it("hashes and shapes features deterministically", () => {
    expect(shape("Putin")).toBe("Xx");
    expect(shape("U.S.")).toBe("X.X.");
    expect(shape("1956")).toBe("d");
    expect(hash("w=putin")).toBe(hash("w=putin"));
    expect(hash("w=putin")).not.toBe(hash("w=abe"));
  });
});
