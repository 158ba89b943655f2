import { describe, expect, it } from "vitest";
import { buildDocument, splitParagraphs } from "./structure.js";
import { parseDateline } from "./structure/dateline.js";

const doc = (text: string, published?: string, extra: Record<string, string> = {}) =>
  buildDocument({ origin: "test", format: "text", text, ...extra }, published ? { published } : {});

describe("datelines", () => {
  it.each([
    ["MOSCOW, November 16. /TASS/. Tokyo's obligations…", { place: "MOSCOW", month: 11, day: 16, year: null, agency: "TASS" }],
    ["TOKYO (Reuters) - Japan said…", { place: "TOKYO", month: null, day: null, agency: "Reuters" }],
    ["KUALA LUMPUR, April 1, 1997 (AFP) - Malaysian shares…", { place: "KUALA LUMPUR", month: 4, day: 1, year: 1997, agency: "AFP" }],
    ["BEIJING, Jan. 5 (Xinhua) -- China said…", { place: "BEIJING", month: 1, day: 5, agency: "Xinhua" }],
    ["LONDON, 12 March (Reuters) - Britain…", { place: "LONDON", month: 3, day: 12, agency: "Reuters" }],
    ["WASHINGTON (AP) — The White House…", { place: "WASHINGTON", agency: "AP" }],
    ["VLADIVOSTOK, Russia (Reuters) - The port…", { place: "VLADIVOSTOK, Russia", agency: "Reuters" }],
    ["PARIS — France said on Monday…", { place: "PARIS", agency: null }],
  ])("reads %s", (text, want) => {
    expect(parseDateline(text)).toMatchObject(want);
  });

  it("does not take an ordinary sentence for a dateline", () => {
    expect(parseDateline("The talks went on for hours.")).toBeNull();
    expect(parseDateline("US forces - some 50,000 troops - remain.")).toBeNull();
  });
});

describe("buildDocument", () => {
  const wire = "Leaders agree to talk\nThe two sides met for the first time in a year\nMOSCOW, November 16. /TASS/. Russia and Japan agreed to speed up talks.All news\nShare\nThe talks will resume in December.\nReporting by Jane Doe; Editing by John Roe";

  it("lays out headline, standfirst and body, and records removed debris where it stood", () => {
    const r = doc(wire, "2018-11-16");
    expect(r.title).toBe("Leaders agree to talk");
    expect(r.standfirst).toBe("The two sides met for the first time in a year");
    expect(r.text).toBe("Leaders agree to talk\n\nThe two sides met for the first time in a year\n\nMOSCOW, November 16. /TASS/. Russia and Japan agreed to speed up talks.\n\nThe talks will resume in December.");
    expect(r.removed.map((x) => [x.text, x.reason])).toEqual([
      ["All news", "page-debris"],
      ["Share", "share-widget"],
      ["Reporting by Jane Doe; Editing by John Roe", "byline-credit"],
    ]);
    const glued = r.removed[0]!;
    expect(r.text.slice(glued.start! - 6, glued.start)).toBe("talks.");
    const { headline, standfirst, paragraphs } = r.structure;
    expect(r.text.slice(headline!.start, headline!.end)).toBe(r.title);
    expect(r.text.slice(standfirst!.start, standfirst!.end)).toBe(r.standfirst);
    expect(paragraphs.map((p) => r.text.slice(p.start, p.end).slice(0, 6))).toEqual(["MOSCOW", "The ta"]);
    expect(r.dateline).toMatchObject({ place: "MOSCOW", date: "2018-11-16", agency: "TASS" });
    expect(r.text.slice(r.dateline!.start, r.dateline!.end)).toBe("MOSCOW, November 16. /TASS/. ");
  });

  it("keeps a year-less date partial with a warning instead of guessing", () => {
    const r = doc(wire);
    expect(r.published).toBe("XXXX-11-16");
    expect(r.publishedFrom).toBe("dateline");
    expect(r.dateline!.date).toBe("XXXX-11-16");
    expect(r.warnings).toEqual([expect.objectContaining({ code: "partial-date" })]);
  });

  it("takes the date from flag, metadata, dateline year or URL, in that order", () => {
    expect(doc(wire, "2018-11-16", { published: "2018-01-01" })).toMatchObject({ published: "2018-11-16", publishedFrom: "flag" });
    expect(doc(wire, undefined, { published: "2018-11-16T08:00:00Z" })).toMatchObject({ published: "2018-11-16", publishedFrom: "metadata" });
    expect(doc("KUALA LUMPUR, April 1, 1997 (AFP) - Shares fell.")).toMatchObject({ published: "1997-04-01", publishedFrom: "dateline" });
    expect(doc("Shares fell.", undefined, { url: "https://example.org/2019/03/04/shares" })).toMatchObject({ published: "2019-03-04", publishedFrom: "url" });
    expect(doc("Shares fell.")).toMatchObject({ published: null, warnings: [expect.objectContaining({ code: "no-published-date" })] });
  });

  it("puts a late-December dateline of an early-January article in the year before", () => {
    expect(doc("MOSCOW, December 31. /TASS/. Text.", "2019-01-02").dateline!.date).toBe("2018-12-31");
  });

  it("uses HTML paragraphs and the page title as given", () => {
    const r = buildDocument({ origin: "x", format: "html", title: "Talks", paragraphs: ["Talks", "TOKYO (Reuters) - Japan spoke.", "Advertisement", "More text."] }, {});
    expect(r.text).toBe("Talks\n\nTOKYO (Reuters) - Japan spoke.\n\nMore text.");
    expect(r.removed).toEqual([{ start: r.text.indexOf("More"), text: "Advertisement", reason: "page-debris" }]);
  });

  it("derives a stable id and hash, changed by a changed text", () => {
    const a = doc(wire, "2018-11-16");
    expect(doc(wire, "2018-11-16")).toMatchObject({ id: a.id, hash: a.hash });
    expect(doc(wire.replace("December", "January"), "2018-11-16").hash).not.toBe(a.hash);
  });

  it("joins hard-wrapped lines but keeps one-line paragraphs apart", () => {
    const wrapped = "The talks that began in Geneva on Monday went on late into\nthe night and the delegations agreed to meet again before the\nend of the month, officials from both sides told reporters there.";
    expect(splitParagraphs(wrapped)).toHaveLength(1);
    expect(splitParagraphs("Headline\nFirst paragraph.\nSecond paragraph.")).toEqual(["Headline", "First paragraph.", "Second paragraph."]);
  });
});
