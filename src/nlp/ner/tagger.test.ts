import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { tokenize } from "../../pipeline/tokens.js";
import { documentFeatures } from "./document.js";
import { shape } from "./features.js";
import { hash, mix } from "./hashing.js";
import { Model } from "./model.js";
import { ALLOWED, bilouSpans, fromIob, T, TAGS } from "./tags.js";
import { loadTagger, MODEL_PATH, readModels } from "./tagger.js";
import { FeatureIndex, Trainer } from "./trainer.js";
import { Viterbi } from "./viterbi.js";

const tag = (text: string) => loadTagger().tag(tokenize(text), text).map((s) => [text.slice(s.start, s.end), s.type]);
const tagIndex = (name: string) => TAGS.indexOf(name);

describe("NER tagger", () => {
  it("finds people, organisations and places it has no dictionary for", () => {
    expect(tag("Kremlin spokesman Dmitry Peskov said the talks went well.")).toContainEqual(["Dmitry Peskov", "PER"]);
    expect(tag("Vladimir Putin met Shinzo Abe in Singapore.")).toEqual([
      ["Vladimir Putin", "PER"],
      ["Shinzo Abe", "PER"],
      ["Singapore", "LOC"],
    ]);
    const market = tag("Shares of Lufthansa fell after the Bundesbank said the Federal Reserve raised rates.");
    expect(market.map(([name]) => name)).toEqual(["Lufthansa", "Bundesbank", "Federal Reserve"]);
    expect(market).toContainEqual(["Federal Reserve", "ORG"]);
  });

  it("splits a possessive off as CoNLL does and trims punctuation from names", () => {
    const found = tag("MOSCOW, November 16. /TASS/. Tokyo's alliance");
    expect(found.map(([name]) => name)).toEqual(["MOSCOW", "TASS", "Tokyo"]);
    expect(found[2]).toEqual(["Tokyo", "LOC"]);
  });

  it("tags a document's sentences together, and a sentence alone the same way when it is the whole document", () => {
    const text = "Kvitova beat Graf in Berlin.\nKvitova said she was happy.";
    const tokens = tokenize(text);
    const cut = tokens.findIndex((t) => t.text === "Kvitova" && t.start > 0);
    const both = loadTagger().tagDocument([tokens.slice(0, cut), tokens.slice(cut)], text);
    expect(both).toHaveLength(2);
    expect(both[1]!.map((s) => text.slice(s.start, s.end))).toContain("Kvitova");
    expect(loadTagger().tagDocument([tokens.slice(0, cut)], text)[0]).toEqual(loadTagger().tag(tokens.slice(0, cut), text));
  });

  it("never runs a name across a line break", () => {
    const text = "talks in NEW\nYORK ended";
    for (const s of loadTagger().tag(tokenize(text), text)) expect(text.slice(s.start, s.end)).not.toContain("\n");
  });

  it("loads the shipped model, whose header names its training data", () => {
    const { header, first, second } = readModels(readFileSync(MODEL_PATH));
    expect(header.trainedOn).toBe("CoNLL-2003 eng.train");
    expect(first.size).toBeGreaterThan(1000);
    expect(second?.size).toBeGreaterThan(1000);
    expect(() => readModels(Buffer.from('{"format":"greedy"}\n'))).toThrow(/incompatible/);
  });
});

describe("BILOU tags and Viterbi", () => {
  it("converts CoNLL's IOB1 to BILOU and back to names", () => {
    const tags = fromIob(["I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-LOC", "I-ORG"]);
    expect(tags.map((t) => TAGS[t])).toEqual(["B-PER", "L-PER", "O", "U-LOC", "B-LOC", "L-LOC", "U-ORG"]);
    expect(bilouSpans(tags)).toEqual([
      { from: 0, to: 2, type: "PER" },
      { from: 3, to: 4, type: "LOC" },
      { from: 4, to: 6, type: "LOC" },
      { from: 6, to: 7, type: "ORG" },
    ]);
  });

  it("allows only well-formed BILOU sequences", () => {
    expect(ALLOWED[tagIndex("B-PER") * T + tagIndex("L-PER")]).toBe(1);
    expect(ALLOWED[tagIndex("B-PER") * T + tagIndex("L-ORG")]).toBe(0);
    expect(ALLOWED[tagIndex("O") * T + tagIndex("I-LOC")]).toBe(0);
    expect(ALLOWED[tagIndex("U-LOC") * T + tagIndex("B-ORG")]).toBe(1);
    // Scores that greedily prefer B-PER then O must still decode to a well-formed path.
    const scores = new Float64Array(2 * T);
    scores[tagIndex("B-PER")] = 5;
    scores[T + tagIndex("O")] = 5;
    scores[T + tagIndex("L-PER")] = 1;
    const out = new Uint8Array(2);
    new Viterbi().decode(scores, 2, new Float32Array(T * T), new Float32Array(T), new Float32Array(T), out);
    expect([...out].map((t) => TAGS[t])).toEqual(["B-PER", "L-PER"]);
  });

  it("learns a toy task with the structured perceptron and keeps it through quantisation and serialisation", () => {
    // Feature 1 marks a person's first word, feature 2 its last, feature 3 anything else.
    const index = new FeatureIndex();
    const ex = (fs: number[], gold: string[]) => ({ ids: index.encode(Uint32Array.from(fs)), offsets: Int32Array.from(fs.map((_, i) => i).concat(fs.length)), gold: Uint8Array.from(gold.map(tagIndex)) });
    const data = [ex([3, 1, 2, 3], ["O", "B-PER", "L-PER", "O"]), ex([1, 2], ["B-PER", "L-PER"]), ex([3, 3], ["O", "O"])];
    const trainer = new Trainer(index.size);
    for (let e = 0; e < 5; e++) for (const d of data) trainer.train(d);
    const model = Model.fromBuffer(trainer.averaged(index.hashes).toBuffer()).model;
    const feats = Uint32Array.from([3, 1, 2]);
    const scores = new Float64Array(3 * T);
    model.addScores(feats, Int32Array.from([0, 1, 2, 3]), 3, scores);
    const out = new Uint8Array(3);
    model.decode(scores, 3, out);
    expect([...out].map((t) => TAGS[t])).toEqual(["O", "B-PER", "L-PER"]);
    expect(model.row(12345)).toBe(-1);
  });
});

describe("features", () => {
  it("hashes and shapes deterministically", () => {
    expect(shape("Putin")).toBe("Xx");
    expect(shape("U.S.")).toBe("X.X.");
    expect(shape("1956")).toBe("d");
    expect(hash("w=putin")).toBe(hash("w=putin"));
    expect(hash("w=putin")).not.toBe(hash("w=abe"));
    expect(mix(1, 2)).not.toBe(mix(2, 1));
  });

  it("gives a word the first-pass types of its other occurrences in the document", () => {
    const toks = [
      { lower: "lentini", capital: true, weak: true },
      { lower: "lentini", capital: true, weak: false },
      { lower: "milan", capital: true, weak: false },
    ];
    const got: [number, number][] = [];
    documentFeatures(toks, [0, tagIndex("U-PER"), tagIndex("U-ORG")], (i, f) => got.push([i, f]));
    // The first "Lentini" hears of the second (PER); the second of the first (O); "Milan" has no other occurrence.
    expect(got.filter(([i]) => i === 0)).toHaveLength(3);
    expect(got.filter(([i]) => i === 1)).toHaveLength(2);
    expect(got.filter(([i]) => i === 2)).toHaveLength(0);
  });
});
