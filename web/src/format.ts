/** Small formatting helpers shared by the views. Everything returns plain strings: the views render them as text. */
import type { Event, StoryEvent } from "./api";
import { href } from "./router";

export const parties = (ps: { code: string; text: string }[]) => ps.map((p) => p.code || p.text || "?").join(" + ");

export function who(e: Pick<Event, "actors" | "recipients">): string {
  const a = parties(e.actors) || "(unnamed)";
  return e.recipients.length ? `${a} → ${parties(e.recipients)}` : a;
}

/** A link target only for http(s) URLs: a stored URL is data and never becomes a javascript: link. */
export const safeUrl = (url: string | null | undefined) => (url && /^https?:\/\//i.test(url) ? url : undefined);

/** "1960" is partial: shown as such, never as 1960-01-01. */
export const isPartial = (date: string | null | undefined) => !date || !/^\d{4}-\d{2}-\d{2}$/.test(date);


/** Where a story event's evidence is: a coded mention giving the event's own date, else any coded mention, else the span a document mention names. */
export function evidenceHref(e: StoryEvent): string {
  const m = e.mentions.find((x) => x.kind === "event" && x.date === e.date) ?? e.mentions.find((x) => x.kind === "event") ?? e.mentions[0];
  if (!m) return href(["events"]);
  return m.kind === "event" ? href(["article", m.article], { event: m.event }) : href(["article", m.article], { at: `${m.start}-${m.end}` });
}

export const storyParties = (e: Pick<StoryEvent, "actors" | "recipients">) =>
  e.recipients.length ? `${e.actors.join(" + ") || "(unnamed)"} → ${e.recipients.join(" + ")}` : e.actors.join(" + ") || "(unnamed)";

export const corroboration = (e: StoryEvent) =>
  `${e.corroboration.articles} article${e.corroboration.articles === 1 ? "" : "s"}, ${e.corroboration.sources} independent source${e.corroboration.sources === 1 ? "" : "s"}`;

/** "1960 (year)": a partial date says it is partial. */
export const showDate = (e: Pick<StoryEvent, "date" | "precision">) => (e.date ? (e.precision === "day" ? e.date : `${e.date} (${e.precision})`) : "undated");
