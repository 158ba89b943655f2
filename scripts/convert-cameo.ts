/**
 * Converts the CAMEO 2.0 verb-pattern dictionary of PETRARCH-2 (MIT, Open Event Data Alliance;
 * ../shared/datasets/phoenix-dictionaries/CAMEO.2.0.txt, format in dictionaries.rst) into data/events/cameo.json,
 * keeping its structure: synonym sets; verb blocks, each with its verbs (lemma, listed or regular forms, the words
 * of a multi-word verb before or after it, an own code) and its patterns (pre-verb words, post-verb head nouns,
 * phrases, particles, prepositional attachments, code and paired reverse code), each pattern with its source line
 * and the block verb its comment says it was written for.
 * The verb-verb transformations (lines starting with "~") are left out: the coder's combination rules do that work.
 * Run: npx tsx scripts/convert-cameo.ts [FILE]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dataset, REPO_ROOT } from "../src/eval/datasets.js";
import { parseCode, parsePattern, type ParsedPattern } from "../src/events/cameo-syntax.js";
import { inflect } from "./build-ontology.js";

export interface CameoVerb {
  lemma: string;
  forms: string[];
  before?: string[];
  after?: string[];
  code?: string | null;
}
export interface CameoBlock {
  name: string;
  code: string | null;
  verbs: CameoVerb[];
  /** `verb`: the block verb the pattern was written for (its "# WORD" comment), as `verbKey` names it. */
  patterns: (ParsedPattern & { src: string; verb?: string })[];
}

/** A block verb's name as a phrase: the words before it, its lemma, the words after ("call off"). */
export function verbKey(v: CameoVerb): string {
  return [...(v.before ?? []), v.lemma, ...(v.after ?? [])].join(" ");
}

/**
 * The verb of `block` a pattern's comment names ("- * (TO) [042:043]  # HEAD" → head). dictionaries.rst: "a comment
 * with the intended word to be matched is often included" — the blocks gather WordNet synonyms, and a pattern
 * written for one of them ("headed to Moscow") says nothing of the others ("led to in-fighting"). The comment may
 * name the lemma or a listed form ("RULED_OUT"); a word that is no verb of the block leaves the pattern to all.
 */
export function intendedVerb(block: CameoBlock, comment: string): string | undefined {
  const w = lower(comment.replace(/^\+/, "").replace(/\+/g, ""));
  for (const v of block.verbs) {
    const key = verbKey(v);
    if (key === w) return key;
    const around = (f: string) => [...(v.before ?? []), f, ...(v.after ?? [])].join(" ");
    if (v.forms.some((f) => around(f) === w)) return key;
  }
  return undefined;
}
export interface CameoDictionary {
  source: string;
  synsets: Record<string, string[]>;
  blocks: CameoBlock[];
}

const lower = (w: string) => w.toLowerCase().replace(/_/g, " ").trim();

/** "+ASK_FOR {+ASKED_FOR +ASKING_FOR} [020]" → {lemma: ask, after: [for], forms: [asked, asking], code: "020"}. */
export function parseVerbLine(line: string): CameoVerb | null {
  const m = /^(\+?[A-Z][A-Z_+'-]*|[A-Z_]+\+[A-Z_]+)\s*(?:\{([^}]*)\})?\s*(?:\[([^\]]*)\])?/.exec(line.trim());
  if (!m) return null;
  const raw = m[1]!.replace(/_+$/, "");
  const words = raw.replace(/^\+/, "").split("_").filter(Boolean);
  // The verb of a multi-word entry is the word marked with '+' ("WIRE_+TAP"), else the first.
  let at = words.findIndex((w) => w.startsWith("+"));
  if (at < 0) at = 0;
  const verb = words[at]!.replace(/^\+/, "");
  const braces = (m[2] ?? "").trim().split(/\s+/).filter(Boolean);
  // Listed forms of a multi-word verb are whole phrases: keep the verb's word of each ("+ASKED_FOR" → asked).
  const listed = braces.map((f) => {
    const ws = f.replace(/_+$/, "").split("_");
    return lower((ws.find((w) => w.startsWith("+")) ?? ws[at] ?? ws[0]!).replace(/^\+/, ""));
  });
  const forms = [...new Set([...inflect(verb), ...listed])];
  const out: CameoVerb = { lemma: lower(verb), forms };
  if (at > 0) out.before = words.slice(0, at).map(lower);
  if (at < words.length - 1) out.after = words.slice(at + 1).map(lower);
  if (m[3] !== undefined) out.code = parseCode(m[3]).code;
  return out;
}

export function parseCameoDictionary(text: string): CameoDictionary {
  const synsets: Record<string, string[]> = {};
  const blocks: CameoBlock[] = [];
  let synset: string | null = null;
  let block: CameoBlock | null = null;
  let inVerbs = false;
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*$/, "").replace(/;.*$/, "").trimEnd();
    if (/^#+\s*VERB PATTERNS/.test(raw)) inVerbs = true;
    if (!line.trim()) continue;
    if (!inVerbs) {
      const set = /^(&[A-Z_]+)/.exec(line);
      if (set) {
        synset = set[1]!.replace(/_$/, "");
        synsets[synset] = [];
      } else if (synset && line.startsWith("+")) synsets[synset]!.push(lower(line.slice(1).replace(/_$/, "")));
      continue;
    }
    const head = /^---\s+(\S+)\s+\[([^\]]*)\]\s*---/.exec(line);
    if (head) {
      block = { name: head[1]!, code: parseCode(head[2]!).code, verbs: [], patterns: [] };
      blocks.push(block);
      continue;
    }
    if (!block || line.startsWith("~")) continue;
    if (line.startsWith("-")) {
      const p = parsePattern(line);
      const comment = /#\s*([A-Z][A-Z_+'-]*)/.exec(raw)?.[1];
      const verb = comment ? intendedVerb(block, comment) : undefined;
      if (p) block.patterns.push({ ...p, src: line.replace(/\s+/g, " ").trim(), ...(verb ? { verb } : {}) });
      continue;
    }
    const v = parseVerbLine(line);
    if (v) block.verbs.push(v);
  }
  return { source: "CAMEO.2.0.txt, PETRARCH-2 verb dictionary (MIT, Open Event Data Alliance), converted by scripts/convert-cameo.ts", synsets, blocks };
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ""));
if (isMain) {
  const file = process.argv[2] ?? join(dataset("phoenix-dictionaries") ?? "", "CAMEO.2.0.txt");
  const dict = parseCameoDictionary(readFileSync(file, "latin1"));
  // One block per line keeps the file diffable and small.
  const body = [
    "{",
    `"source": ${JSON.stringify(dict.source)},`,
    `"synsets": ${JSON.stringify(dict.synsets)},`,
    `"blocks": [`,
    dict.blocks.map((b) => JSON.stringify(b)).join(",\n"),
    "]}",
  ].join("\n");
  writeFileSync(join(REPO_ROOT, "data", "events", "cameo.json"), body + "\n");
  const patterns = dict.blocks.reduce((n, b) => n + b.patterns.length, 0);
  const verbs = dict.blocks.reduce((n, b) => n + b.verbs.length, 0);
  console.log(`${dict.blocks.length} verb blocks, ${verbs} verbs, ${patterns} patterns, ${Object.keys(dict.synsets).length} synonym sets`);
}
