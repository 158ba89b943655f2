/** A readable, terminal-sized summary of one record (used by `show` and `demo`). */
import type { ArticleRecord, EventParty } from "../record/schema.js";
import { printable } from "./printable.js";

const party = (p: EventParty) => `${p.code}${p.text && p.text !== p.code ? ` (${p.text})` : ""}`;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function formatRecord(r: ArticleRecord): string {
  const lines: string[] = [];
  lines.push(`${r.title ?? "(untitled)"}`);
  lines.push(`  id ${r.id}  source ${r.source ?? "-"}  published ${r.published ?? "-"} (${r.publishedFrom ?? "unknown"})`);
  if (r.dateline) lines.push(`  dateline ${[r.dateline.place, r.dateline.date, r.dateline.agency].filter(Boolean).join(", ")}`);
  for (const w of r.warnings) lines.push(`  warning ${w.code}: ${w.message}`);
  if (r.removed.length) lines.push(`  removed ${r.removed.map((x) => `"${clip(x.text, 40)}" (${x.reason})`).join(", ")}`);
  lines.push(
    `  ${r.sentences.length} sentences, ${r.times.length} times, ${r.entities.length} entities, ${r.quotes.length} quotes, ${r.events.length} events`,
  );
  if (r.entities.length) {
    lines.push("  entities:");
    for (const e of r.entities)
      lines.push(`    ${e.type.padEnd(8)} ${e.name}${e.code ? ` [${e.code}]` : ""}${e.role ? ` — ${e.role}` : ""} ×${e.mentions.length}`);
  }
  if (r.quotes.length) {
    lines.push("  quotes:");
    for (const q of r.quotes) {
      const who = q.speakerText ?? "?";
      const chain = q.chain.length > 1 ? ` via ${q.chain.join(" ← ")}` : "";
      lines.push(`    ${q.kind.padEnd(8)} ${who}${chain}: ${clip(q.text.replace(/\s+/g, " "), 90)}`);
    }
  }
  if (r.events.length) {
    lines.push("  events:");
    for (const e of r.events) {
      const who = [e.actors.map(party).join(" + "), e.recipients.length ? `→ ${e.recipients.map(party).join(" + ")}` : ""].filter(Boolean).join(" ");
      const where = e.location ? ` in ${e.location.text}` : "";
      const src = e.source.length ? ` per ${e.source.join(" ← ")}` : "";
      lines.push(`    ${(e.date ?? "-").padEnd(10)} ${e.type.padEnd(8)} ${who}${where} [${e.modality}${src}]`);
      lines.push(`               “${clip(r.text.slice(e.evidence.start, e.evidence.end).replace(/\s+/g, " "), 100)}”`);
    }
  }
  // Titles, names and texts come from inputs: no terminal escape reaches the terminal.
  return printable(lines.join("\n") + "\n");
}
