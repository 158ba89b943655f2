/**
 * References inside one article: role nouns ("the Russian presidential spokesman" → the person last mentioned with
 * that role and country), "the agency" (→ the news agency last mentioned), and "the declaration"/"the document"
 * (→ the document last mentioned). Each resolved reference becomes a mention of kind "role".
 */
import type { Span } from "../../record/schema.js";
import type { Candidate } from "../entities.js";
import { lastBefore, lowerBound, within } from "../../pipeline/spans.js";
import { DOCUMENT_REFERENCE } from "./documents.js";

const ROLE_NOUN =
  /\b[Tt]he\s+(?:(\p{Lu}\p{L}+)\s+)?(?:([a-z]+)\s+)?(spokesman|spokeswoman|spokesperson|president|prime minister|premier|foreign minister|minister|chancellor|ambassador|secretary|leader)\b(?!s\b|\s+\p{Lu})/gu;
const AGENCY = /\b[Tt]he\s+(?:news\s+)?agency\b(?!\s+\p{Lu})/gu;

function* matches(re: RegExp, s: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) yield m;
}

/** The latest candidate ending before `at` that passes `test` (candidates sorted by start; bounded look-back). */
function latestBefore(cands: readonly Candidate[], at: number, test: (c: Candidate) => boolean): Candidate | undefined {
  return lastBefore(cands, at, test);
}

const countryOf = (c: Candidate): string | undefined => c.role?.code?.slice(0, 3) ?? c.actor?.codes.find((x) => !x.to)?.code.slice(0, 3) ?? c.actor?.codes[0]?.code.slice(0, 3);

export function resolveReferences(text: string, sentences: readonly Span[], cands: Candidate[]): void {
  cands.sort((a, b) => a.start - b.start || b.end - a.end);
  // First, a capitalised head alone ("the Declaration") names the latest document with that head.
  for (const c of cands) {
    if (c.type !== "DOCUMENT" || c.name.includes(" ")) continue;
    const target = latestBefore(cands, c.start, (d) => d.type === "DOCUMENT" && d.name !== c.name && d.name.toLowerCase().endsWith(c.name.toLowerCase()));
    if (target) {
      c.key = target.key;
      c.name = target.name;
      c.kind = "alias";
    }
  }
  const added: Candidate[] = [];
  const roleOf = (c: Candidate) => `${c.role?.text ?? ""} ${c.actor?.codes.map((x) => x.title ?? "").join(" ") ?? ""}`.toLowerCase();
  for (const sent of sentences) {
    const s = text.slice(sent.start, sent.end);
    for (const m of matches(ROLE_NOUN, s)) {
      const start = sent.start + m.index;
      const end = start + m[0].length;
      const head = m[3]!;
      const qualifier = within(cands, start, end).find((c) => c.kind === "demonym");
      const country = qualifier?.actor?.codes[0]?.code.slice(0, 3);
      const person = latestBefore(cands, start, (c) => c.type === "PERSON" && roleOf(c).includes(head) && (!country || countryOf(c) === country));
      if (person) added.push({ ...person, start, end, kind: "role", role: undefined });
    }
    for (const m of matches(AGENCY, s)) {
      const start = sent.start + m.index;
      const agency = latestBefore(cands, start, (c) => c.actor?.agency === true || /\bagency\b/i.test(c.name));
      if (agency) added.push({ ...agency, start, end: start + m[0].length, kind: "role", role: undefined });
    }
    for (const m of matches(DOCUMENT_REFERENCE, s)) {
      const start = sent.start + m.index;
      const head = m[1]!.toLowerCase();
      const target = latestBefore(cands, start, (c) => c.type === "DOCUMENT" && !/^Article\b/.test(c.name) && (head === "document" || c.name.toLowerCase().endsWith(head)));
      if (target) added.push({ ...target, start, end: start + m[0].length, kind: "role" });
    }
  }
  // Drop reference mentions that repeat a span already found (e.g. "The Declaration" matched twice).
  const covered = (a: Candidate) => {
    for (let i = lowerBound(cands, a.start + 1) - 1; i >= 0 && cands[i]!.start >= a.start - 200; i--) {
      const c = cands[i]!;
      if (c.key === a.key && c.start <= a.start && c.end >= a.end) return true;
    }
    return false;
  };
  for (const a of added.filter((x) => !covered(x))) cands.push(a);
}
