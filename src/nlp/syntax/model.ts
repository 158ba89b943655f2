/**
 * The syntax model file (data/models/syntax-ud-en.bin; format in data/models/README.md) and the analyser built on
 * it: tags, lemmatises and parses a sentence of word forms. Loaded once per process, on first use.
 *
 * File: "PSY1", uint32 header length, the JSON header (tag set, relations, tag dictionary, lemma rules, label
 * candidates, and where each linear model's arrays sit), padding to 4 bytes, then the arrays (little-endian).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../../eval/datasets.js";
import { heldTable, plainAlloc, type Alloc, type TableSpec } from "../../util/shared-tables.js";
import { clustersDigest, loadClusters, type Clusters } from "../clusters/clusters.js";
import { Lemmatiser, type LemmaData } from "./lemma.js";
import { buildTables, LinearModel, readArrays, writeModel, type ModelTables } from "./linear.js";
import { fillRoleRows, LABEL_FEATS, PARSE_FEATS, ParseState, parseSentence, runTimeParts, type ParserModel } from "./parser.js";
import { TAG_FEATS, tagSentence } from "./tagger.js";
import { buildTagTable, TagTable, WordCache, type LexiconEntry, type TagTableData, type WordInfo } from "./words.js";

export const SYNTAX_MODEL_PATH = join(REPO_ROOT, "data", "models", "syntax-ud-en.bin");
const MAGIC = "PSY1";

interface ArrayRef {
  classes: number;
  features: number;
  entries: number;
  at: number;
}

export interface SyntaxHeader {
  format: 1;
  trainedOn: string;
  settings: Record<string, unknown>;
  /** Joint tags "UPOS|XPOS". */
  tags: string[];
  labels: string[];
  open: number[];
  lexicon: LexiconEntry[];
  lemmas: LemmaData;
  labelCands: number[][];
  rootLabel: number;
  fallbackLabel: number;
  /** Digest of data/models/clusters.tsv when the features read Brown clusters (absent: no cluster features). */
  clusters?: string;
  models: { tagger: ArrayRef; transitions: ArrayRef; labels: ArrayRef };
}

/** The run-time tables of the three linear models, and the tag lexicon's. */
export interface SyntaxTables {
  tagger: ModelTables;
  transitions: ModelTables;
  labels: ModelTables;
  lexicon: TagTableData;
}

/** The header and the 4-byte aligned body (the models' arrays) of a model file. */
function readSyntaxFile(buf: Uint8Array): { header: SyntaxHeader; body: Uint8Array } {
  const view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (view.toString("latin1", 0, 4) !== MAGIC) throw new Error("syntax model: not a PSY1 file (rebuild with npx tsx scripts/train-syntax.ts)");
  const len = view.readUInt32LE(4);
  const header = JSON.parse(view.toString("utf8", 8, 8 + len)) as SyntaxHeader;
  let bodyAt = 8 + len;
  bodyAt += (4 - (bodyAt % 4)) % 4;
  // Typed-array views need 4-byte alignment: copy the body when the buffer does not give it.
  let body = buf.subarray(bodyAt);
  if (body.byteOffset % 4 !== 0) body = new Uint8Array(body);
  return { header, body };
}

function buildSyntaxTables(file: { header: SyntaxHeader; body: Uint8Array }, alloc?: Alloc): SyntaxTables {
  const m = file.header.models;
  return {
    tagger: buildTables(readArrays(file.body, m.tagger), alloc),
    transitions: buildTables(readArrays(file.body, m.transitions), alloc),
    labels: buildTables(readArrays(file.body, m.labels), alloc),
    lexicon: buildTagTable(file.header.lexicon, file.header.open, alloc ?? plainAlloc),
  };
}

export interface SyntaxParts {
  header: Omit<SyntaxHeader, "models">;
  tagger: LinearModel;
  transitions: LinearModel;
  labels: LinearModel;
}

export function serialiseSyntax(p: SyntaxParts): Buffer {
  const parts: Buffer[] = [];
  const offset = { at: 0 };
  const models = { tagger: writeModel(p.tagger, parts, offset), transitions: writeModel(p.transitions, parts, offset), labels: writeModel(p.labels, parts, offset) };
  const json = Buffer.from(JSON.stringify({ ...p.header, models }), "utf8");
  const head = Buffer.alloc(8);
  head.write(MAGIC, 0, "latin1");
  head.writeUInt32LE(json.length, 4);
  const pad = Buffer.alloc((4 - ((8 + json.length) % 4)) % 4);
  return Buffer.concat([head, json, pad, ...parts]);
}

/** One sentence's analysis: tag ids, heads (index in the sentence, -1 root) and label ids. */
export interface Analysis {
  tags: Uint8Array;
  heads: Int32Array;
  labels: Uint8Array;
}

export class SyntaxModel {
  /** The file's header but its lexicon and lemma tables (read into `words` and `lemmatiser`; megabytes kept twice otherwise). */
  readonly header: Omit<SyntaxHeader, "lexicon" | "lemmas">;
  readonly upos: string[];
  readonly xpos: string[];
  readonly labels: string[];
  readonly words: WordCache;
  readonly lemmatiser: Lemmatiser;
  readonly tagger: LinearModel;
  readonly parser: ParserModel;
  readonly bytes: number;
  private readonly state = new ParseState();
  private feats = new Int32Array(Math.max(TAG_FEATS, PARSE_FEATS, LABEL_FEATS));
  private scores: Int32Array;
  private ws: WordInfo[] = [];
  private w = new Int32Array(256);
  private c = new Int32Array(256);
  private c6 = new Int32Array(256);

  /** `tables`: the three models' run-time tables when built elsewhere (shared by the worker pool); else built here. */
  constructor(buf: Uint8Array, clusters: Clusters | null = null, tables: SyntaxTables | null = null) {
    const file = readSyntaxFile(buf);
    const { lexicon: _read, lemmas, ...h } = file.header;
    this.header = h;
    tables ??= buildSyntaxTables(file);
    this.bytes = buf.byteLength;
    this.upos = h.tags.map((t) => t.split("|")[0]!);
    this.xpos = h.tags.map((t) => t.split("|")[1]!);
    this.labels = h.labels;
    this.words = new WordCache({ byForm: new TagTable(tables.lexicon), open: Uint8Array.from(h.open) }, clusters);
    this.lemmatiser = new Lemmatiser(lemmas);
    // Models of the tables alone: nothing keeps the file's buffer, so it goes once read.
    this.tagger = new LinearModel(tables.tagger);
    const transitions = new LinearModel(tables.transitions);
    this.parser = {
      transitions,
      ...runTimeParts(transitions, { tags: h.tags.length, labels: h.labels.length }),
      labels: new LinearModel(tables.labels),
      labelCands: h.labelCands.map((c) => Uint8Array.from(c)),
      rootLabel: h.rootLabel,
      fallbackLabel: h.fallbackLabel,
    };
    this.scores = new Int32Array(Math.max(256, h.tags.length, h.labels.length));
  }

  /** Tags and parses one sentence, writing into `out` at `at` (arrays sized by the caller). */
  analyse(forms: readonly string[], out: Analysis, at = 0): void {
    const n = forms.length;
    if (n === 0) return;
    const ws = this.ws;
    ws.length = n;
    for (let i = 0; i < n; i++) ws[i] = this.words.get(forms[i]!);
    const tags = out.tags.subarray(at, at + n);
    tagSentence(this.tagger, ws, tags, this.feats, this.scores);
    if (this.w.length < n) [this.w, this.c, this.c6] = [new Int32Array(2 * n), new Int32Array(2 * n), new Int32Array(2 * n)];
    for (let i = 0; i < n; i++) {
      this.w[i] = ws[i]!.hLower;
      this.c[i] = ws[i]!.cAll;
      this.c6[i] = ws[i]!.c6;
    }
    const st = this.state;
    st.reset(n, this.w, tags, this.c, this.c6);
    fillRoleRows(this.parser, st, ws, this.feats, this.scores);
    parseSentence(this.parser, st, this.feats, this.scores);
    for (let i = 0; i < n; i++) {
      const h = st.head[i]!;
      out.heads[at + i] = h === n ? -1 : h;
      out.labels[at + i] = st.label[i]!;
    }
  }

  lemma(form: string, tag: number): string {
    return this.lemmatiser.lemma(form, tag);
  }

  /** The lemma, remembered per form (a form mostly keeps one tag, so this is a cache hit). */
  lemmaOf(form: string, tag: number): string {
    return this.lemmaOfWord(this.words.get(form), tag);
  }

  /** The lemma of word `i` of the sentence `analyse` read last (no second look-up of its form). */
  lemmaAt(i: number, tag: number): string {
    return this.lemmaOfWord(this.ws[i]!, tag);
  }

  private lemmaOfWord(w: WordInfo, tag: number): string {
    if (w.lemmaTag !== tag) {
      w.lemma = this.lemmatiser.lemma(w.form, tag);
      w.lemmaTag = tag;
    }
    return w.lemma;
  }

}

let cached: SyntaxModel | null = null;

/** The shipped model, read on first use and kept for the process (on the tables the worker pool shares, if given). */
export function loadSyntaxModel(): SyntaxModel {
  if (cached) return cached;
  const buf = readShipped();
  cached = new SyntaxModel(buf, syntaxClusters(buf), heldTable(SYNTAX_TABLES) ?? null);
  return cached;
}

function readShipped(): Buffer {
  if (!existsSync(SYNTAX_MODEL_PATH)) throw new Error(`syntax model missing: ${SYNTAX_MODEL_PATH} (rebuild it with npx tsx scripts/train-syntax.ts)`);
  return readFileSync(SYNTAX_MODEL_PATH);
}

/**
 * The shipped model's run-time tables, built once by the worker pool in SharedArrayBuffers for its workers to read
 * one copy between them (util/shared-tables.ts); a thread that is given none builds its own in `SyntaxModel`.
 */
export const SYNTAX_TABLES: TableSpec<SyntaxTables> = { name: "syntax", build: (alloc) => buildSyntaxTables(readSyntaxFile(readShipped()), alloc) };

/**
 * The word clusters a model file was trained with (null when it reads none); throws when clusters.tsv is not the
 * file it was trained with, as its cluster features would then be read from different clusters.
 */
export function syntaxClusters(buf: Uint8Array): Clusters | null {
  const { header } = readSyntaxFile(buf);
  if (!header.clusters) return null;
  if (header.clusters !== clustersDigest()) throw new Error("syntax model: data/models/clusters.tsv changed since it was trained (retrain with npx tsx scripts/train-syntax.ts)");
  return loadClusters();
}
