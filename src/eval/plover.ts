/**
 * PLOVER gold standard records (dev, 220 sentences with an event): each sentence runs through the full pipeline
 * and its coded events are compared with the gold event. PLOVER 0.5 names are mapped to 2.0 (INVESTIGATE and
 * DISAPPROVE → ACCUSE, DEMAND → REQUEST, FIGHT → ASSAULT).
 *
 * Honest measurement: the records are split in two by a fixed rule, the parity of the number that ends the record
 * id (PLOVER-GSR01-AGREE-0017 → odd → half A). Patterns and code are developed against half A; half B is only
 * scored (`--errors` lists half A's misses and never half B's).
 *
 * Figures per half: event-type accuracy (a coded event of the gold type in the sentence), actor and recipient
 * accuracy by country code and by country + sector (on the coded event of the gold type, else the first),
 * precision and recall of coded events, extra events per sentence (over-coding), per-type recall, and the share of
 * matched events whose trigger lies on a gold event word. Gold spans come from the records' markup
 * ("(SRC: Libya) has (EVT: offered to hand over) …"), mapped onto the record's text by a character alignment.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Event, Span } from "../record/schema.js";
import { alignTexts } from "./align.js";
import { createAnalyser, type Analyser } from "./analyse.js";
import { dataset, isMain, REPO_ROOT } from "./datasets.js";
import { prf } from "./match.js";
import type { EvalRow, Scorer } from "./types.js";

const RENAMED: Record<string, string> = { INVESTIGATE: "ACCUSE", DISAPPROVE: "ACCUSE", DEMAND: "REQUEST", FIGHT: "ASSAULT" };
export const PLOVER_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
/** The opt-in pattern files scored beside the default coder (data/events/README.md). */
export const OPT_IN_PATTERNS = [join(REPO_ROOT, "data", "events", "cameo-verbs.yaml")];

interface GoldActor {
  actorText?: string;
  code?: string;
  sector?: string;
}
export interface GoldRecord {
  id: string;
  event: string;
  text?: string;
  date?: string;
  source?: GoldActor[] | null;
  target?: GoldActor[] | string | null;
  textInfo?: { markup?: string };
}

export type Half = "A" | "B";
/** Half A: records whose id ends in an odd number; half B: even. */
export function halfOf(id: string): Half {
  const n = Number(/(\d+)$/.exec(id)?.[1] ?? 0);
  return n % 2 === 1 ? "A" : "B";
}

export function loadGold(): GoldRecord[] | null {
  const dir = dataset("plover");
  if (!dir) return null;
  return (JSON.parse(readFileSync(join(dir, "PLOVER_GSR_dev.json"), "utf8")) as GoldRecord[]).filter((g) => g.event !== "DOCUMENT" && g.text);
}

export interface MarkedSpan extends Span {
  kind: string;
}

/**
 * The marked spans of a record's markup, as offsets into the record's `text`: the markers are taken out, then the
 * remaining text is aligned with `text` character by character (the markup was edited by hand and differs in places).
 */
export function goldSpans(markup: string, text: string): MarkedSpan[] {
  let plain = "";
  const open: { kind: string | null; start: number }[] = [];
  const spans: MarkedSpan[] = [];
  for (let i = 0; i < markup.length; ) {
    const m = markup[i] === "(" ? /^\(((?:SRC|TAR|EVT|LOC)(?:\/(?:SRC|TAR|EVT|LOC))?):\s?/.exec(markup.slice(i, i + 12)) : null;
    if (m) {
      open.push({ kind: m[1]!, start: plain.length });
      i += m[0].length;
      continue;
    }
    const ch = markup[i]!;
    if (ch === "(") open.push({ kind: null, start: plain.length });
    if (ch === ")" && open.length) {
      const o = open.pop()!;
      if (o.kind) {
        let end = plain.length;
        while (end > o.start && plain[end - 1] === " ") end--;
        spans.push({ kind: o.kind, start: o.start, end });
        i++;
        continue;
      }
    }
    plain += ch;
    i++;
  }
  const a = alignTexts(plain, text);
  // A span whose characters the text lacks stays, empty, where they stood.
  return spans.map((s) => ({ kind: s.kind, ...(a.span(s.start, s.end) ?? { start: a.at(s.start), end: a.at(s.start) }) }));
}

const countries = (actors: GoldActor[] | string | null | undefined) =>
  Array.isArray(actors) ? actors.map((a) => (a.code ?? "").slice(0, 3)).filter(Boolean) : [];
const withSectors = (actors: GoldActor[] | string | null | undefined) =>
  Array.isArray(actors) ? actors.filter((a) => a.code && a.sector).map((a) => `${a.code!.slice(0, 3)}${a.sector!.slice(0, 3)}`) : [];

export interface PloverCounts {
  sentences: number;
  coded: number;
  typeRight: number;
  actorScored: number;
  actorRight: number;
  actorSectorScored: number;
  actorSectorRight: number;
  recipientScored: number;
  recipientRight: number;
  recipientSectorScored: number;
  recipientSectorRight: number;
  triggerOnGold: number;
  perType: Record<string, { gold: number; right: number }>;
}

export function ploverCounts(records: readonly GoldRecord[], analyser: Analyser, onError?: (g: GoldRecord, coded: Event[]) => void): PloverCounts {
  const c: PloverCounts = {
    sentences: records.length,
    coded: 0,
    typeRight: 0,
    actorScored: 0,
    actorRight: 0,
    actorSectorScored: 0,
    actorSectorRight: 0,
    recipientScored: 0,
    recipientRight: 0,
    recipientSectorScored: 0,
    recipientSectorRight: 0,
    triggerOnGold: 0,
    perType: Object.fromEntries(PLOVER_TYPES.map((t) => [t, { gold: 0, right: 0 }])),
  };
  for (const g of records) {
    const type = RENAMED[g.event] ?? g.event;
    const events = analyser.analyse(g.text!, /^\d{4}-\d{2}-\d{2}$/.test(g.date ?? "") ? g.date! : null).events;
    c.coded += events.length;
    const match = events.find((e) => e.type === type);
    const slot = (c.perType[type] ??= { gold: 0, right: 0 });
    slot.gold++;
    if (match) {
      c.typeRight++;
      slot.right++;
      const evt = goldSpans(g.textInfo?.markup ?? "", g.text!).filter((s) => s.kind.includes("EVT"));
      if (match.trigger && evt.some((s) => s.start < match.trigger!.end && match.trigger!.start < s.end)) c.triggerOnGold++;
    }
    const chosen = match ?? events[0];
    const codesOf = (ps: Event["actors"] | undefined) => (ps ?? []).map((p) => p.code);
    const score = (gold: string[], got: string[], n: number) => gold.length > 0 && got.some((x) => gold.includes(x.slice(0, n)));
    const goldActors = countries(g.source);
    if (goldActors.length) {
      c.actorScored++;
      if (score(goldActors, codesOf(chosen?.actors), 3)) c.actorRight++;
    }
    const goldActorSectors = withSectors(g.source);
    if (goldActorSectors.length) {
      c.actorSectorScored++;
      if (score(goldActorSectors, codesOf(chosen?.actors), 6)) c.actorSectorRight++;
    }
    const goldRecipients = countries(g.target);
    if (goldRecipients.length) {
      c.recipientScored++;
      if (score(goldRecipients, codesOf(chosen?.recipients), 3)) c.recipientRight++;
    }
    const goldRecipientSectors = withSectors(g.target);
    if (goldRecipientSectors.length) {
      c.recipientSectorScored++;
      if (score(goldRecipientSectors, codesOf(chosen?.recipients), 6)) c.recipientSectorRight++;
    }
    if (!match || !score(goldActors, codesOf(match.actors), 3) || (goldRecipients.length && !score(goldRecipients, codesOf(match.recipients), 3))) onError?.(g, events);
  }
  return c;
}

function rows(c: PloverCounts, split: string, label: string, targets: boolean): EvalRow[] {
  const base = { dataset: "PLOVER GSR", split, size: `${c.sentences} sentences` };
  const p = prf(c.typeRight, c.coded, c.sentences);
  const t = (v: number) => (targets ? { target: v } : {});
  const ratio = (a: number, b: number) => (b ? a / b : 0);
  return [
    { ...base, metric: `${label}event-type accuracy`, value: c.typeRight / c.sentences, ...t(0.75) },
    { ...base, metric: `${label}actor country accuracy`, value: ratio(c.actorRight, c.actorScored), ...t(0.75) },
    { ...base, metric: `${label}actor country+sector accuracy`, value: ratio(c.actorSectorRight, c.actorSectorScored) },
    { ...base, metric: `${label}recipient country accuracy`, value: ratio(c.recipientRight, c.recipientScored), ...t(0.65) },
    { ...base, metric: `${label}recipient country+sector accuracy`, value: ratio(c.recipientSectorRight, c.recipientSectorScored) },
    { ...base, metric: `${label}event precision`, value: p.precision },
    { ...base, metric: `${label}extra events per sentence`, value: (c.coded - c.typeRight) / c.sentences, ...t(0.3) },
    { ...base, metric: `${label}trigger on a gold event word`, value: ratio(c.triggerOnGold, c.typeRight) },
    ...PLOVER_TYPES.filter((ty) => c.perType[ty]!.gold > 0).map((ty) => ({
      ...base,
      size: `${c.perType[ty]!.gold} ${ty}`,
      metric: `${label}recall ${ty}`,
      value: c.perType[ty]!.right / c.perType[ty]!.gold,
    })),
  ];
}

export const scorePlover: Scorer = async () => {
  const gold = loadGold();
  if (!gold) return null;
  const out: EvalRow[] = [];
  for (const [label, analyser] of [
    ["", createAnalyser()],
    ["opt-in: ", createAnalyser({ userPatterns: OPT_IN_PATTERNS })],
  ] as const)
    for (const half of ["A", "B"] as const) {
      const split = `dev half ${half} (id ${half === "A" ? "odd" : "even"}${half === "A" ? ", developed on" : ", only scored"})`;
      out.push(...rows(ploverCounts(gold.filter((g) => halfOf(g.id) === half), analyser), split, label, label === "" && half === "B"));
    }
  return out;
};

if (isMain(import.meta.url)) {
  const gold = loadGold() ?? [];
  const analyser = createAnalyser(process.argv.includes("--opt-in") ? { userPatterns: OPT_IN_PATTERNS } : {});
  // Misses of half A only: half B is never read for errors.
  if (process.argv.includes("--errors"))
    ploverCounts(
      gold.filter((g) => halfOf(g.id) === "A"),
      analyser,
      (g, coded) => {
        const want = `${RENAMED[g.event] ?? g.event} ${countries(g.source).join("+")}>${countries(g.target).join("+")}`;
        console.log(`${want.padEnd(22)} got ${coded.map((e) => `${e.type}[${e.trigger?.text}] ${e.actors.map((a) => a.code).join("+")}>${e.recipients.map((a) => a.code).join("+")}`).join(", ") || "-"}  ${g.text!.slice(0, 120)}`);
      },
    );
  for (const r of (await scorePlover()) ?? []) console.log(`${r.split.padEnd(40)} ${r.metric.padEnd(40)} ${r.value.toFixed(3)}`);
}
