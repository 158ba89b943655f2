import { describe, expect, it } from "vitest";
import { tokenize } from "../../pipeline/tokens.js";
import { assemble, tagSpans } from "./assemble.js";
import { quoteState } from "./features.js";
import { AttributionModel, AttributionTrainer, SOURCE_TAGS, TAGS } from "./model.js";

const T = (t: string) => TAGS.indexOf(t as (typeof TAGS)[number]);

describe("attribution model", () => {
  it("learns a tiny tagging task and keeps BIO valid under Viterbi", () => {
    const header = { trainedOn: "test", tags: SOURCE_TAGS, bits: 8, cueWords: [], syntax: false };
    const trainer = new AttributionTrainer(header);
    // Feature 1 marks a source start, 2 a continuation, 3 nothing.
    const feats = [[1], [2], [3], [1], [3]];
    const gold = [1, 2, 0, 1, 0];
    for (let e = 0; e < 5; e++) trainer.train(feats, gold);
    const model = trainer.averaged();
    expect(model.decode(feats)).toEqual(gold);
    // An I- tag never opens a span, whatever the weights say.
    expect(model.decode([[2], [3]])[0]).not.toBe(2);
  });

  it("round-trips through its file format", () => {
    const header = { trainedOn: "test", tags: TAGS, bits: 6, cueWords: ["said"], syntax: false };
    const trainer = new AttributionTrainer(header);
    trainer.train([[5], [9], [11]], [T("B-SRC"), T("B-CUE"), T("B-CNT")]);
    const model = trainer.averaged();
    const back = AttributionModel.fromBuffer(model.toBuffer(), TAGS);
    expect(back.header.cueWords).toEqual(["said"]);
    expect(back.decode([[5], [9], [11]])).toEqual(model.decode([[5], [9], [11]]));
    expect(() => AttributionModel.fromBuffer(model.toBuffer(), SOURCE_TAGS)).toThrow(/incompatible/);
    // A loaded model drops its dense table and scores the same from its packed rows; it can no longer be saved.
    const scores = Array.from(back.emissions([[5], [9], [11]]));
    back.compact();
    expect(back.weights.length).toBe(0);
    expect(Array.from(back.emissions([[5], [9], [11]]))).toEqual(scores);
    expect(back.decode([[5], [9], [11]])).toEqual(model.decode([[5], [9], [11]]));
    expect(() => back.toBuffer()).toThrow(/compacted/);
  });
});

describe("assembly", () => {
  it("joins source and content to the nearest cue of the sentence, and a quoted sentence to the content beside it", () => {
    const text = 'Abe said "we agree. We go on." Putin said no.';
    const tokens = tokenize(text);
    const tag = (words: Record<number, string>) => tokens.map((_, i) => T(words[i] ?? "O"));
    // Abe/B-SRC said/B-CUE "/B-CNT we agree . /I-CNT  We go on . "/B-CNT (next sentence)  Putin/B-SRC said/B-CUE no/B-CNT
    const tags = tag({ 0: "B-SRC", 1: "B-CUE", 2: "B-CNT", 3: "I-CNT", 4: "I-CNT", 5: "I-CNT", 6: "B-CNT", 7: "I-CNT", 8: "I-CNT", 9: "I-CNT", 10: "I-CNT", 11: "B-SRC", 12: "B-CUE", 13: "B-CNT" });
    const sentStart = new Int32Array(tokens.length);
    tokens.forEach((t, i) => (sentStart[i] = i < 6 ? 0 : i < 11 ? 6 : 11));
    const found = assemble(tags, tokens, sentStart);
    expect(found).toEqual([
      { cue: { from: 1, to: 2 }, source: { from: 0, to: 1 }, content: { from: 2, to: 11 } },
      { cue: { from: 12, to: 13 }, source: { from: 11, to: 12 }, content: { from: 13, to: 14 } },
    ]);
    expect(tagSpans([T("I-CUE"), T("B-CNT"), T("I-CNT")])).toEqual([
      { role: "CUE", from: 0, to: 1 },
      { role: "CNT", from: 1, to: 3 },
    ]);
  });
});

describe("quote marks", () => {
  it("tracks straight, curly and doubled-apostrophe quotes, and ends them at a line break", () => {
    const text = "a “b c” d ''e'' \"f\ng h";
    const tokens = tokenize(text);
    const state = quoteState(text, tokens);
    const at = (w: string) => state[tokens.findIndex((t) => t.text === w)];
    expect([at("a"), at("b"), at("c"), at("d"), at("e"), at("f"), at("g")]).toEqual([0, 1, 1, 0, 1, 1, 0]);
  });
});
