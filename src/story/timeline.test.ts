import { describe, expect, it } from "vitest";
import { compareTimeline, renderCsv, renderMarkdown, sortTimeline } from "./timeline.js";
import type { StoryEvent, TimelineDocument } from "./types.js";

const ev = (id: number, date: string | null, precision: StoryEvent["precision"], from: string | null, over: Partial<StoryEvent> = {}): StoryEvent => ({
  id, story: 1, date, precision, dateFrom: from, dateTo: from, type: "AGREE", actors: ["RUS"], recipients: ["JPN"], location: null,
  modality: "asserted", modalities: ["asserted"], background: false, future: false, corroboration: { articles: 1, sources: 1, mentions: 1 },
  contradictions: [], summary: `event ${id}`, firstSeen: "", updated: "",
  mentions: [{ article: "a", event: `ev${id}`, start: id, end: id + 1, source: [], publisher: "TASS", published: "2019-01-22", url: null, modality: "asserted", date, dateSource: "text", kind: "event", copyGroup: "a" }],
  ...over,
});

describe("timeline order and renderings", () => {
  it("places a partial date at the start of its period, before the days inside it; the future after what happened; undated last", () => {
    const events = [
      ev(1, null, "unknown", null),
      ev(2, "1960-01-27", "day", "1960-01-27"),
      ev(3, "1960", "year", "1960-01-01"),
      ev(4, "2019-01-22", "day", "2019-01-22", { future: true, modality: "expected" }),
      ev(5, "2019-01-22", "day", "2019-01-22"),
      ev(6, "1956-10-19", "day", "1956-10-19"),
    ];
    expect(sortTimeline(events).map((e) => e.id)).toEqual([6, 3, 2, 5, 4, 1]);
    expect(compareTimeline(events[1]!, events[1]!)).toBe(0);
  });

  it("renders a brief with each line's sources and partial dates shown as partial, and a CSV", () => {
    const doc: TimelineDocument = {
      version: 1,
      story: null,
      query: { actor: "RUS" },
      events: [
        ev(3, "1960", "year", "1960-01-01", { background: true, modality: "historical" }),
        ev(7, "2019-01-22", "day", "2019-01-22", { modality: "hedged", mentions: [{ ...ev(7, "2019-01-22", "day", "2019-01-22").mentions[0]!, source: ["Kyodo", "diplomatic sources"] }] }),
      ],
    };
    const md = renderMarkdown(doc).split("\n");
    expect(md[0]).toBe("## Timeline of RUS");
    expect(md).toContain("- **1960 (year)** — event 3 (RUS → JPN; AGREE, historical, background) — 1 article, 1 source: TASS 2019-01-22");
    expect(md.find((l) => l.includes("event 7"))).toContain("TASS 2019-01-22, citing Kyodo ← diplomatic sources");
    const csv = renderCsv(doc).trim().split("\n");
    expect(csv).toHaveLength(3);
    expect(csv[1]).toMatch(/^3,1960,year,AGREE,/);
  });
});
