/**
 * Standoff layers drawn with the CSS Custom Highlight API: each layer is a Highlight of DOM Ranges over the article's
 * one text node, styled by `::highlight(name)` in styles.css. The text itself is never split, wrapped or rewritten,
 * so offsets in the record are offsets in the page.
 */
import type { ArticleRecord } from "./api";

export const LAYERS = ["p-quote", "p-event", "p-entity", "p-time", "p-focus"] as const;
export type Layer = (typeof LAYERS)[number];

export interface Annotation {
  layer: Exclude<Layer, "p-focus">;
  start: number;
  end: number;
  /** One line for the hover card and the lists. */
  label: string;
  /** Key into the record: "entity:e1", "time:3", "quote:0", "event:ev2". */
  key: string;
}

export function annotations(r: ArticleRecord): Annotation[] {
  const out: Annotation[] = [];
  for (const e of r.entities)
    for (const m of e.mentions)
      out.push({ layer: "p-entity", start: m.start, end: m.end, key: `entity:${e.id}`, label: `${e.type} ${e.name}${e.code ? ` [${e.code}]` : ""}${e.role ? `, ${e.role}` : ""}${m.kind && m.kind !== "name" ? ` (${m.kind})` : ""}` });
  r.times.forEach((t, i) =>
    out.push({ layer: "p-time", start: t.start, end: t.end, key: `time:${i}`, label: `${t.type} ${t.value}${t.scope === "document" ? " (names a document)" : ""}` }),
  );
  r.quotes.forEach((q, i) =>
    out.push({ layer: "p-quote", start: q.start, end: q.end, key: `quote:${i}`, label: `${q.kind} quote, ${q.speakerText ?? "unknown speaker"}${q.chain.length > 1 ? `, via ${q.chain.join(" ← ")}` : ""}` }),
  );
  for (const e of r.events)
    out.push({ layer: "p-event", start: e.evidence.start, end: e.evidence.end, key: `event:${e.id}`, label: `${e.type} ${e.date ?? "undated"} ${e.modality} (${e.id})` });
  return out;
}

/** The annotations covering an offset, innermost first. */
export const at = (all: Annotation[], offset: number) =>
  all.filter((a) => a.start <= offset && offset < a.end).sort((x, y) => x.end - x.start - (y.end - y.start));

function rangeOver(node: Text, start: number, end: number): Range {
  const r = new Range();
  const n = node.length;
  r.setStart(node, Math.min(start, n));
  r.setEnd(node, Math.min(end, n));
  return r;
}

/** Registers one Highlight per layer over `node`; returns a function that removes them. */
export function paint(node: Text, all: Annotation[]): () => void {
  const priority: Record<Layer, number> = { "p-quote": 0, "p-event": 1, "p-entity": 2, "p-time": 3, "p-focus": 9 };
  for (const layer of LAYERS) {
    const h = new Highlight(...all.filter((a) => a.layer === layer).map((a) => rangeOver(node, a.start, a.end)));
    h.priority = priority[layer];
    CSS.highlights.set(layer, h);
  }
  return () => LAYERS.forEach((l) => CSS.highlights.delete(l));
}

/** Marks one span as the focus (the evidence a link landed on) and scrolls it into view. */
export function focusSpan(node: Text, start: number, end: number): void {
  const h = new Highlight(rangeOver(node, start, end));
  h.priority = 9;
  CSS.highlights.set("p-focus", h);
  const rect = rangeOver(node, start, end).getBoundingClientRect();
  scrollTo({ top: Math.max(0, rect.top + scrollY - innerHeight / 3), behavior: "instant" });
}

/** The text offset under a point, when it lies in `node`. */
export function offsetAt(node: Text, x: number, y: number): number | null {
  const pos = document.caretPositionFromPoint?.(x, y);
  if (pos && pos.offsetNode === node) return pos.offset;
  return null;
}
