import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAnalyser } from "../../eval/analyse.js";
import { tokenize } from "../../pipeline/tokens.js";
import type { SyntaxLayer } from "../../pipeline/types.js";
import { formatConllu, parseConllu } from "./conllu.js";
import { applyScript, editScript, Lemmatiser, learnLemmas } from "./lemma.js";
import { fin, mix } from "./hash.js";
import { LinearModel, readModel, writeModel } from "./linear.js";
import { loadSyntaxModel, SYNTAX_MODEL_PATH, SYNTAX_TABLES, syntaxClusters, SyntaxModel } from "./model.js";
import { sharedAlloc } from "../../util/shared-tables.js";
import { fillRoleRows, LEFT, PARSE_FEATS, ParseState, RIGHT, RoleCache, transitionScores } from "./parser.js";
import { analyseTokens } from "./stage.js";
import { AveragedPerceptron } from "./train/averaged.js";
import { ancestors, children, clauseHead, dependent, dependents, isNegated, isRelation, subtreeRange, subtreeSpan } from "./tree.js";

const FIXTURE = readFileSync(join(import.meta.dirname, "__fixtures__", "sample.conllu"), "utf8");

describe("CoNLL-U", () => {
  it("reads words, and writes comments, multiword ranges and empty nodes back where they stood", () => {
    const sents = parseConllu(FIXTURE);
    expect(sents.map((s) => s.words.map((w) => w.form))).toEqual([
      ["Tokyo", "does", "n't", "agree", "."],
      ["Moscow", "signed", "and", "Tokyo", "too", "."],
    ]);
    expect(sents[0]!.words[0]!.head).toBe(4);
    expect(sents[1]!.extras.map((e) => e.before)).toEqual([4]);
    expect(formatConllu(sents)).toBe(FIXTURE);
  });

  it("names the line of a malformed word", () => {
    expect(() => parseConllu("# text = x\n1\tx\tx\n")).toThrow(/line 2/);
  });
});

describe("lemmatiser", () => {
  it("turns a form into its lemma by an edit script, lower-casing when that is shorter", () => {
    expect(editScript("studies", "study")).toBe("k3|y");
    expect(editScript("Dogs", "dog")).toBe("l1|");
    expect(applyScript("parties", { lower: false, cut: 3, append: "y" })).toBe("party");
  });

  it("learns suffix rules per tag over types and keeps the irregular forms as exceptions", () => {
    const NNS = 1;
    const VBD = 2;
    const data = learnLemmas([
      ...["cities", "parties", "armies", "bodies"].map((form) => ({ form, tag: NNS, lemma: form.slice(0, -3) + "y" })),
      ...["talks", "treaties"].map((form) => ({ form, tag: NNS, lemma: form === "talks" ? "talk" : "treaty" })),
      ...["signed", "agreed", "met", "went"].map((form) => ({ form, tag: VBD, lemma: { signed: "sign", agreed: "agree", met: "meet", went: "go" }[form]! })),
    ]);
    const lem = new Lemmatiser(data);
    expect(lem.lemma("countries", NNS)).toBe("country"); // unseen: the "-ies" rule
    expect(lem.lemma("talks", NNS)).toBe("talk");
    expect(lem.lemma("went", VBD)).toBe("go"); // an exception
  });
});

describe("linear model", () => {
  it("scores the same after averaging, quantising, writing and reading", () => {
    const p = new AveragedPerceptron(3, 4);
    const f = Int32Array.from([11, 22, 33]);
    p.step = 1;
    p.update(f, 3, 2, 1);
    p.update(f.subarray(1), 2, 0, -1);
    p.step = 2;
    const m = p.export();
    const parts: Buffer[] = [];
    const ref = writeModel(m, parts, { at: 0 });
    const back = readModel(new Uint8Array(Buffer.concat(parts)), ref);
    for (const model of [m, back]) {
      const s = new Int32Array(3);
      model.score(f, 3, s);
      expect(s[2]).toBeGreaterThan(0);
      expect(s[0]).toBeLessThan(0);
      expect(s[1]).toBe(0);
    }
    expect(back).toBeInstanceOf(LinearModel);
  });

  it("finds every feature it holds past its Bloom filter, and gives nothing for one it lacks", () => {
    // Keys spread like feature hashes; every third one kept, so the others are features the model lacks.
    const all = Array.from({ length: 30_000 }, (_, i) => fin(mix(0x3c6ef372, i)));
    const held = [...new Set(all.filter((_, i) => i % 3 === 0))].sort((a, b) => a - b);
    for (const classes of [4, 5]) {
      const lens = new Uint8Array(held.length).fill(1);
      const entries = Int32Array.from(held, (k, i) => (((i % 200) + 1) << 8) | (k >>> 0) % classes);
      const model = LinearModel.of(classes, Int32Array.from(held), lens, entries);
      const weight = new Map(held.map((k, i) => [k, entries[i]!]));
      const got: number[] = [];
      const want: number[] = [];
      const s = new Int32Array(classes);
      for (const k of all) {
        s.fill(0);
        model.score(Int32Array.of(k), 1, s);
        got.push(...s);
        const e = weight.get(k);
        for (let c = 0; c < classes; c++) want.push(e !== undefined && (e & 255) === c ? e >> 8 : 0);
      }
      expect(got).toEqual(want);
    }
  });
});

/** "Tokyo did n't sign the treaty in Moscow ." by hand. */
const HAND: SyntaxLayer = {
  upos: ["PROPN", "AUX", "PART", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
  xpos: ["NNP", "VBD", "RB", "VB", "DT", "NN", "IN", "NNP", "."],
  lemma: ["Tokyo", "do", "not", "sign", "the", "treaty", "in", "Moscow", "."],
  head: Int32Array.from([3, 3, 3, -1, 5, 3, 7, 3, 3]),
  deprel: ["nsubj", "aux", "advmod", "root", "det", "obj", "case", "obl", "punct"],
};

describe("tree helpers", () => {
  it("find children, dependents by relation (subtypes included), subtrees and clause heads", () => {
    expect(children(HAND, 3)).toEqual([0, 1, 2, 5, 7, 8]);
    expect(dependents(HAND, 3, "nsubj", "obj")).toEqual([0, 5]);
    expect(dependent(HAND, 7, "case")).toBe(6);
    expect(dependent(HAND, 5, "case")).toBe(-1);
    expect(subtreeRange(HAND, 7)).toEqual([6, 7]);
    expect(subtreeRange(HAND, 3, "punct")).toEqual([0, 7]);
    expect(clauseHead(HAND, 5)).toBe(3);
    expect(ancestors(HAND, 4)).toEqual([5, 3]);
    expect(isNegated(HAND, 3)).toBe(true);
    expect(isRelation("nsubj:pass", "nsubj")).toBe(true);
    expect(isRelation("nsubj", "nsubj:pass")).toBe(false);
    expect(isRelation("nsubjx", "nsubj")).toBe(false);
  });

  it("gives a subtree's character span", () => {
    const text = "Tokyo didn't sign the treaty in Moscow.";
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.text)).toEqual(["Tokyo", "did", "n't", "sign", "the", "treaty", "in", "Moscow", "."]);
    const span = subtreeSpan(HAND, tokens, 5);
    expect(text.slice(span.start, span.end)).toBe("the treaty");
  });
});

describe("the model's word clusters", () => {
  const file = (header: object) => {
    const json = Buffer.from(JSON.stringify(header), "utf8");
    const head = Buffer.alloc(8);
    head.write("PSY1", 0, "latin1");
    head.writeUInt32LE(json.length, 4);
    return Buffer.concat([head, json]);
  };

  it("reads none for a model trained without them, and refuses a clusters file it was not trained with", () => {
    expect(syntaxClusters(file({}))).toBeNull();
    expect(() => syntaxClusters(file({ clusters: "0000000000000000" }))).toThrow(/clusters.tsv changed/);
  });

  it("reads the shipped model's clusters (the model was trained with data/models/clusters.tsv)", () => {
    expect(loadSyntaxModel().words.get("Moscow").cAll).not.toBe(0);
  });
});

describe("the trained model", () => {
  const model = loadSyntaxModel();
  const parse = (text: string) => {
    const tokens = tokenize(text);
    const syn = analyseTokens(model, tokens, [{ start: 0, end: text.length }]);
    const at = (w: string) => tokens.findIndex((t) => t.text === w);
    return { tokens, syn, at };
  };

  it("scores every transition at run time (role rows, dense tables, hashed rest) as all its templates score it", () => {
    const sentences = [
      ...parseConllu(FIXTURE).map((s) => s.words.map((w) => w.form)),
      "The ministers , who met in Geneva on Tuesday , said that talks with Iran 's negotiators would resume in May .".split(" "),
    ];
    const feats = new Int32Array(PARSE_FEATS);
    const [full, fast] = [new Int32Array(4), new Int32Array(4)];
    const st = new ParseState();
    let compared = 0;
    for (const forms of sentences) {
      const n = forms.length;
      const out = { tags: new Uint8Array(n), heads: new Int32Array(n), labels: new Uint8Array(n) };
      model.analyse(forms, out);
      const ws = forms.map((f) => model.words.get(f));
      st.reset(n, ws.map((w) => w.hLower), out.tags, ws.map((w) => w.cAll), ws.map((w) => w.c6));
      fillRoleRows(model.parser, st, ws, feats, full);
      while (!st.terminal) {
        full.fill(0);
        model.parser.transitions.score(feats, st.features(feats), full);
        transitionScores(model.parser, st, feats, fast);
        expect([...fast]).toEqual([...full]);
        compared++;
        let best = -1;
        for (let t = 0; t < 4; t++) if (st.valid(t) && (best < 0 || full[t]! > full[best]!)) best = t;
        st.apply(best, best === LEFT || best === RIGHT ? 0 : undefined);
      }
    }
    expect(compared).toBeGreaterThan(40);
  });

  it("analyses from tables shared in SharedArrayBuffers as from the tables it builds itself", () => {
    const tables = SYNTAX_TABLES.build(sharedAlloc);
    for (const t of [tables.tagger, tables.transitions, tables.labels]) expect(t.table.buffer).toBeInstanceOf(SharedArrayBuffer);
    const buf = readFileSync(SYNTAX_MODEL_PATH);
    const shared = new SyntaxModel(buf, syntaxClusters(buf), tables);
    const forms = "Iran 's foreign minister said on Monday that the talks in Vienna would not resume before May .".split(" ");
    const run = (m: SyntaxModel) => {
      const out = { tags: new Uint8Array(forms.length), heads: new Int32Array(forms.length), labels: new Uint8Array(forms.length) };
      m.analyse(forms, out);
      return out;
    };
    expect(run(shared)).toEqual(run(model));
    expect(shared.tagger.tables.table).toBe(tables.tagger.table);
  });

  it("keeps the role rows of the last words it placed, for the tag they were made for", () => {
    const cache = new RoleCache(2);
    const [a, b, c] = ["treaty", "signed", "Moscow"].map((f) => model.words.get(f));
    for (const w of [a!, b!, c!]) w.roleAt = -1;
    const at = cache.place(a!, 3);
    cache.rows[at] = 42;
    expect(cache.find(a!, 3)).toBe(at);
    expect(cache.find(a!, 4)).toBe(-1);
    cache.place(b!, 1);
    cache.place(c!, 1); // the third word takes the first one's place
    expect(cache.find(a!, 3)).toBe(-1);
    expect(cache.find(b!, 1)).toBeGreaterThanOrEqual(0);
    expect(cache.find(c!, 1)).toBe(at);
  });

  it("tags, lemmatises and parses a news sentence", () => {
    const { syn, at } = parse("Russia's foreign minister said on Monday that the talks would not resume.");
    const said = at("said");
    expect(syn.head[said]).toBe(-1);
    expect(syn.upos[said]).toBe("VERB");
    expect(syn.lemma[said]).toBe("say");
    expect(dependent(syn, said, "nsubj")).toBe(at("minister"));
    expect(syn.deprel[at("Russia")]).toBe("nmod:poss");
    expect(syn.head[at("on")]).toBe(at("Monday"));
    const resume = at("resume");
    expect(syn.head[resume]).toBe(said);
    expect(isNegated(syn, resume)).toBe(true);
    expect(syn.lemma[at("talks")]).toBe("talk");
  });

  it("reads a passive subject and its agent", () => {
    const { syn, at } = parse("The treaty was signed by both countries in 1956.");
    const signed = at("signed");
    expect(dependent(syn, signed, "nsubj:pass")).toBe(at("treaty"));
    expect(syn.deprel[at("countries")]).toBe("obl:agent");
  });

  it("never lets a head cross a sentence of the sentences layer", () => {
    const record = createAnalyser().analyse("Japan protested. Moscow said nothing about it on Tuesday.", null, "syntax");
    expect(record.sentences).toHaveLength(2);
    const tokens = tokenize(record.text);
    const syn = analyseTokens(model, tokens, record.sentences);
    const sentenceOf = (i: number) => record.sentences.findIndex((s) => tokens[i]!.start >= s.start && tokens[i]!.end <= s.end);
    let roots = 0;
    syn.head.forEach((h, i) => {
      if (h < 0) roots++;
      else expect(sentenceOf(h)).toBe(sentenceOf(i));
    });
    expect(roots).toBe(2);
  });
});
