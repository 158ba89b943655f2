/**
 * Audits the trigger phrases of Parley's own event patterns: for each phrase, whether a codebook says so and how
 * common it is in train-side text. Writes data/events/pattern-support.json, which the patterns file cites.
 *
 * - codebook: the CAMEO verb dictionary (data/events/cameo.json) lists the phrase's verb (any form) in a block whose
 *   code, or one of whose patterns' codes, maps to the pattern's PLOVER type; or the PLOVER manual's section of
 *   that type uses the phrase's first word.
 * - train-side counts: occurrences (whole words, case-insensitive) in the TempEval-3 silver wire stories, the
 *   PolNeAR train articles and the UD English train sentences (EWT + GUM). Dev sets are never read here.
 *
 * Run: npx tsx scripts/audit-patterns.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { dataset, listFiles, REPO_ROOT } from "../src/eval/datasets.js";
import { xmlText, element } from "../src/eval/timeml.js";
import { execFileSync } from "node:child_process";
import type { Element } from "../src/events/cameo-syntax.js";
import type { CameoDictionary } from "./convert-cameo.js";

/** The first version of the patterns file (commit 54c205b), from git; empty when git or the commit is absent. */
function firstVersion(): Set<string> {
  try {
    const text = execFileSync("git", ["show", "54c205b:data/events/patterns.yaml"], { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const old = parse(text) as Record<string, { words?: string[] }>;
    return new Set(Object.entries(old).flatMap(([id, p]) => (p.words ?? []).map((w) => `${id}|${w}`)));
  } catch {
    return new Set();
  }
}

const EVENTS = join(REPO_ROOT, "data", "events");
/** How often a phrase must occur in train-side text to count as common. */
const MIN_COUNT = 10;

function trainTexts(): { name: string; texts: string[] }[] {
  const out: { name: string; texts: string[] }[] = [];
  const silver = dataset("te3-silver");
  if (silver) out.push({ name: "te3-silver", texts: listFiles(silver, ".tml").map((f) => xmlText(element(readFileSync(f, "utf8"), "TEXT") ?? "")) });
  const polnear = dataset("polnear");
  if (polnear) out.push({ name: "polnear-train", texts: listFiles(join(polnear, "data", "train", "text"), ".txt").map((f) => readFileSync(f, "utf8")) });
  const ud = dataset("ud-english");
  if (ud)
    out.push({
      name: "ud-train",
      texts: ["en_ewt-ud-train.conllu", "en_gum-cc-ud-train.conllu"].flatMap((f) =>
        readFileSync(join(ud, f), "utf8")
          .split("\n")
          .filter((l) => l.startsWith("# text = "))
          .map((l) => l.slice(9)),
      ),
    });
  return out;
}

/** Counts of every n-gram (n ≤ 5) of lower-case words that starts one of `phrases`. */
function countPhrases(texts: string[], phrases: string[]): Map<string, number> {
  const wanted = new Map<string, string[][]>();
  for (const p of phrases) {
    const words = p.toLowerCase().split(/\s+/);
    wanted.set(words[0]!, [...(wanted.get(words[0]!) ?? []), words]);
  }
  const counts = new Map<string, number>(phrases.map((p) => [p.toLowerCase(), 0]));
  for (const t of texts) {
    const words = t.toLowerCase().match(/[\p{L}\p{N}'’-]+/gu) ?? [];
    for (let i = 0; i < words.length; i++) {
      const cands = wanted.get(words[i]!);
      if (!cands) continue;
      for (const c of cands) if (c.every((w, k) => words[i + k] === w)) counts.set(c.join(" "), counts.get(c.join(" "))! + 1);
    }
  }
  return counts;
}

const ROOT_TYPE: Record<string, string> = { "02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID", "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT" };
function typeOf(code: string | null | undefined): string | null {
  if (!code) return null;
  if (code.startsWith("08")) return Number(code.slice(0, 3)) <= 83 ? "CONCEDE" : "RETREAT";
  return ROOT_TYPE[code.slice(0, 2)] ?? null;
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ""));
if (isMain) {
  const patterns = parse(readFileSync(join(EVENTS, "patterns.yaml"), "utf8")) as Record<string, { type: string; words?: string[] }>;
  const cameo = JSON.parse(readFileSync(join(EVENTS, "cameo.json"), "utf8")) as CameoDictionary;
  // Form → PLOVER types its CAMEO blocks code (the verb's or block's code, and every pattern's).
  const cameoTypes = new Map<string, Set<string>>();
  for (const b of cameo.blocks) {
    const types = new Set([b.code, ...b.verbs.map((v) => v.code), ...b.patterns.map((p) => p.code)].map(typeOf).filter((t): t is string => !!t));
    for (const v of b.verbs) for (const f of v.forms) for (const t of types) cameoTypes.set(f, (cameoTypes.get(f) ?? new Set()).add(t));
  }
  const manual = readFileSync(join(dataset("plover") ?? "", "PLOVER_MANUAL.tex"), "utf8");
  const sectionOf = (type: string) => {
    const at = manual.indexOf(`\\section{${type}}`);
    const next = manual.indexOf("\\section{", at + 10);
    return at < 0 ? "" : manual.slice(at, next).toLowerCase();
  };
  const phrases = Object.values(patterns).flatMap((p) => p.words ?? []);
  const sources = trainTexts();
  const counts = sources.map((s) => ({ name: s.name, counts: countPhrases(s.texts, phrases) }));
  // Phrasal verbs the dictionary lists as multi-word verbs ("+SHOOT_DOWN"): form + particle.
  const phrasal = new Set(cameo.blocks.flatMap((b) => b.verbs.filter((v) => v.after?.length === 1).flatMap((v) => v.forms.map((f) => `${f} ${v.after![0]}`))));
  // Verb + object phrases the dictionary codes as this type ("imposed sanctions": IMPOSE * SANCTIONS [163]).
  const wordsOf = (e: Element): string[] => ("word" in e ? [e.word] : "head" in e ? [e.head] : "prep" in e ? [e.prep, ...(e.obj ? wordsOf(e.obj) : [])] : []);
  const expand = (w: string) => (w.startsWith("&") ? (cameo.synsets[w] ?? []) : [w]);
  const structured = (words: string[], type: string) =>
    cameo.blocks.some((b) => {
      const at = words.findIndex((w) => b.verbs.some((v) => v.forms.includes(w)));
      if (at < 0) return false;
      const rest = words.slice(at + 1).flatMap((w) => [w, w.replace(/s$/, "")]);
      return b.patterns.some((pt) => typeOf(pt.code) === type && pt.post.length > 0 && pt.post.flatMap(wordsOf).every((w) => expand(w).some((x) => rest.includes(x))));
    });
  // Phrases of the first version of the file, written from the sample articles before any PLOVER scorer existed.
  const first = firstVersion();
  const out: Record<string, { type: string; cameo: boolean; manual: boolean; train: Record<string, number>; first: boolean; keep: boolean }> = {};
  for (const [id, p] of Object.entries(patterns))
    for (const w of p.words ?? []) {
      const words = w.toLowerCase().split(/\s+/);
      const cameoSays = words.length === 1 ? !!cameoTypes.get(words[0]!)?.has(p.type) : phrasal.has(w.toLowerCase()) || structured(words, p.type);
      const manualSays = new RegExp(`\\b${words[0]!.replace(/(?:ed|s|ing)$/, "")}`).test(sectionOf(p.type));
      const train = Object.fromEntries(counts.map((c) => [c.name, c.counts.get(w.toLowerCase()) ?? 0]));
      const total = Object.values(train).reduce((a, b) => a + b, 0);
      // The rule: a phrase is kept when it was in the first version, when the CAMEO dictionary codes it as this type
      // (a verb, a multi-word verb, or a verb + object pattern), when the PLOVER manual's section uses the word (single
      // words only), or when it is common (≥ MIN_COUNT) in train-side text. A rare verbatim phrase that no codebook
      // gives is a memorised dev sentence, and goes.
      const isFirst = first.has(`${id}|${w}`);
      const keep = isFirst || cameoSays || total >= MIN_COUNT || (words.length === 1 && manualSays);
      out[`${id}|${w}`] = { type: p.type, cameo: cameoSays, manual: manualSays, train, first: isFirst, keep };
    }
  writeFileSync(join(EVENTS, "pattern-support.json"), JSON.stringify(out, null, 1) + "\n");
  const dropped = Object.entries(out).filter(([, v]) => !v.keep).map(([k]) => k);
  console.log(`not supported (${dropped.length}): ${dropped.join(", ")}`);
  console.log(`${Object.keys(out).length} phrases audited against ${sources.map((s) => `${s.name} (${s.texts.length})`).join(", ")}`);
}
