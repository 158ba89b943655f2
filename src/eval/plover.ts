/**
 * PLOVER gold standard records (dev, 221 sentences): each sentence runs through the full pipeline and its coded
 * events are compared with the gold event. PLOVER 0.5 names are mapped to 2.0 (INVESTIGATE and DISAPPROVE →
 * ACCUSE, DEMAND → REQUEST, FIGHT → ASSAULT). Figures: event-type accuracy (a coded event of the gold type),
 * actor and recipient country-code accuracy (on the coded event that matches, else the first), precision and
 * recall of coded events against gold events, and extra events per sentence (over-coding).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Event } from "../record/schema.js";
import { createAnalyser } from "./analyse.js";
import { dataset, isMain } from "./datasets.js";
import { prf } from "./match.js";
import type { EvalRow, Scorer } from "./types.js";

const RENAMED: Record<string, string> = { INVESTIGATE: "ACCUSE", DISAPPROVE: "ACCUSE", DEMAND: "REQUEST", FIGHT: "ASSAULT" };

interface GoldActor {
  actorText?: string;
  code?: string;
}
interface GoldRecord {
  id: string;
  event: string;
  text?: string;
  date?: string;
  source?: GoldActor[] | null;
  target?: GoldActor[] | string | null;
}

const countries = (actors: GoldActor[] | string | null | undefined) =>
  Array.isArray(actors) ? actors.map((a) => (a.code ?? "").slice(0, 3)).filter(Boolean) : [];

export function ploverCounts(onError?: (g: GoldRecord, coded: Event[]) => void) {
  const dir = dataset("plover");
  if (!dir) return null;
  const gold = (JSON.parse(readFileSync(join(dir, "PLOVER_GSR_dev.json"), "utf8")) as GoldRecord[]).filter((g) => g.event !== "DOCUMENT" && g.text);
  const analyser = createAnalyser();
  const c = { sentences: gold.length, coded: 0, typeRight: 0, actorScored: 0, actorRight: 0, recipientScored: 0, recipientRight: 0 };
  for (const g of gold) {
    const type = RENAMED[g.event] ?? g.event;
    const events = analyser.analyse(g.text!, /^\d{4}-\d{2}-\d{2}$/.test(g.date ?? "") ? g.date! : null).events;
    c.coded += events.length;
    const match = events.find((e) => e.type === type);
    if (match) c.typeRight++;
    const chosen = match ?? events[0];
    const goldActors = countries(g.source);
    if (goldActors.length) {
      c.actorScored++;
      if (chosen && chosen.actors.some((a) => goldActors.includes(a.code.slice(0, 3)))) c.actorRight++;
    }
    const goldRecipients = countries(g.target);
    if (goldRecipients.length) {
      c.recipientScored++;
      if (chosen && chosen.recipients.some((a) => goldRecipients.includes(a.code.slice(0, 3)))) c.recipientRight++;
    }
    if (!match) onError?.(g, events);
  }
  return c;
}

export const scorePlover: Scorer = async () => {
  const c = ploverCounts();
  if (!c) return null;
  const base = { dataset: "PLOVER GSR", split: "dev", size: `${c.sentences} sentences` };
  const p = prf(c.typeRight, c.coded, c.sentences);
  return [
    { ...base, metric: "event-type accuracy", value: c.typeRight / c.sentences, target: 0.8 },
    { ...base, metric: "actor country accuracy", value: c.actorScored ? c.actorRight / c.actorScored : 0, target: 0.75 },
    { ...base, metric: "recipient country accuracy", value: c.recipientScored ? c.recipientRight / c.recipientScored : 0, target: 0.75 },
    { ...base, metric: "event precision", value: p.precision },
    { ...base, metric: "event recall", value: p.recall },
    { ...base, metric: "extra events per sentence", value: (c.coded - c.typeRight) / c.sentences, target: 0.3 },
  ] satisfies EvalRow[];
};

if (isMain(import.meta.url)) {
  if (process.argv.includes("--errors"))
    ploverCounts((g, coded) => console.log(`${(RENAMED[g.event] ?? g.event).padEnd(9)} got ${coded.map((e) => `${e.type}[${e.trigger?.text}]`).join(",") || "-"}  ${g.text!.slice(0, 110)}`));
  for (const r of (await scorePlover()) ?? []) console.log(`${r.metric.padEnd(28)} ${r.value.toFixed(3)}`);
}
