/**
 * Timeline order and its renderings. Events are ordered by the start of their date interval; a partial date goes
 * where its period starts, before the precise dates inside it ("1960" before "1960-01-27", like a heading), and is
 * shown as partial ("1960 (year)"). On one day, what happened comes before what is expected; undated events go last.
 * The Markdown brief gives one line per event with its sources, ready to paste into a report.
 */
import { csvField } from "../cli/export.js";
import { precisionRank, showDate } from "./dates.js";
import type { StoryEvent, StoryMention, TimelineDocument } from "./types.js";

export function compareTimeline(a: StoryEvent, b: StoryEvent, first: (e: StoryEvent) => string = firstMention): number {
  if (!a.dateFrom !== !b.dateFrom) return a.dateFrom ? -1 : 1;
  if (a.dateFrom && b.dateFrom && a.dateFrom !== b.dateFrom) return a.dateFrom < b.dateFrom ? -1 : 1;
  const pa = precisionRank(a.precision);
  const pb = precisionRank(b.precision);
  if (pa !== pb) return pa - pb;
  if (a.future !== b.future) return a.future ? 1 : -1;
  const fa = first(a);
  const fb = first(b);
  if (fa !== fb) return fa < fb ? -1 : 1;
  return a.id - b.id;
}

/** Where the event is first told: earliest article, then position in it (so one article's order is kept). */
function firstMention(e: StoryEvent): string {
  const keys = e.mentions.map((m) => `${m.published ?? "9999"} ${m.article} ${String(m.start).padStart(9, "0")}`);
  return keys.sort()[0] ?? "";
}

/** Timeline order; each event's first mention is worked out once (a long timeline compares each event many times). */
export function sortTimeline(events: StoryEvent[]): StoryEvent[] {
  const first = new Map<StoryEvent, string>();
  const of = (e: StoryEvent) => {
    let k = first.get(e);
    if (k === undefined) first.set(e, (k = firstMention(e)));
    return k;
  };
  return [...events].sort((a, b) => compareTimeline(a, b, of));
}

/** "TASS 2018-11-16" for one article; reports add their chain ("TASS 2019-01-22, citing Kyodo"). */
export function cite(m: StoryMention): string {
  const who = [m.publisher ?? m.url ?? m.article, m.published].filter(Boolean).join(" ");
  return m.source.length ? `${who}, citing ${m.source.join(" ← ")}` : who;
}

function sourcesLine(e: StoryEvent): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const m of e.mentions) {
    const c = cite(m);
    if (seen.has(c)) continue;
    seen.add(c);
    out.push(c);
  }
  return out.join("; ");
}

const parties = (e: StoryEvent) => [e.actors.join(", "), e.recipients.join(", ")].filter(Boolean).join(" → ");

export function renderMarkdown(doc: TimelineDocument): string {
  const head = doc.story
    ? `## ${doc.story.title}\n\n${doc.story.actors.join(", ")} · ${doc.story.span.from ?? "?"} to ${doc.story.span.to ?? "?"} · ${doc.story.articles.length} articles\n`
    : `## Timeline${doc.query.actor ? ` of ${doc.query.actor}` : ""}${doc.query.query ? ` for "${doc.query.query}"` : ""}\n`;
  const lines = doc.events.map((e) => {
    const marks = [
      e.type + (e.mode ? `/${e.mode}` : ""),
      e.modality !== "asserted" ? e.modality : null,
      e.background ? "background" : null,
      e.future ? "future" : null,
      e.contradictions.length ? `disputed: ${e.contradictions.map((c) => `${c.kind} ${c.versions.map((v) => v.value).join(" vs ")}`).join("; ")}` : null,
    ].filter(Boolean);
    const count = `${e.corroboration.articles} article${e.corroboration.articles === 1 ? "" : "s"}, ${e.corroboration.sources} source${e.corroboration.sources === 1 ? "" : "s"}`;
    return `- **${showDate(e.date, e.precision)}** — ${e.summary} (${parties(e)}; ${marks.join(", ")}) — ${count}: ${sourcesLine(e)}`;
  });
  return `${head}\n${lines.join("\n")}\n`;
}

export const TIMELINE_CSV_COLUMNS = [
  "id", "date", "precision", "type", "mode", "actors", "recipients", "location", "modality", "background", "future",
  "articles", "sources", "mentions", "contradictions", "summary", "citations",
] as const;

export function renderCsv(doc: TimelineDocument): string {
  const rows = doc.events.map((e) =>
    [
      e.id, e.date ?? "", e.precision, e.type, e.mode ?? "", e.actors.join(";"), e.recipients.join(";"), e.location?.name ?? e.location?.text ?? "",
      e.modality, e.background, e.future, e.corroboration.articles, e.corroboration.sources, e.corroboration.mentions,
      e.contradictions.map((c) => c.kind).join(";"), e.summary, sourcesLine(e),
    ].map(csvField).join(","),
  );
  return [TIMELINE_CSV_COLUMNS.join(","), ...rows].join("\n") + "\n";
}
