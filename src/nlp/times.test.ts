import { describe, expect, it } from "vitest";
import { createAnalyser } from "../eval/analyse.js";

const analyser = createAnalyser();
/** Times found in `text` for an article published on `anchor`, as "text=value" pairs. */
const times = (text: string, anchor: string | null = "2019-01-22") => analyser.analyse(text, anchor, "times").times;
const pairs = (text: string, anchor?: string | null) => times(text, anchor).map((t) => `${t.text}=${t.value}`);

describe("times: anchored to the publication date (Tuesday 22 January 2019)", () => {
  it("resolves weekdays by tense", () => {
    expect(pairs("Kyodo said on Tuesday that talks went on.")).toEqual(["Tuesday=2019-01-22"]);
    expect(pairs("Abe on Monday arrived in Moscow.")).toEqual(["Monday=2019-01-21"]);
    expect(pairs("They will meet on Friday.")).toEqual(["Friday=2019-01-25"]);
    expect(pairs("They met on Friday.")).toEqual(["Friday=2019-01-18"]);
  });

  it("keeps granularity: months, years, decades", () => {
    expect(pairs("Putin and Abe decided in Singapore last November.")).toEqual(["last November=2018-11"]);
    expect(pairs("The treaty was signed in 1960.")).toEqual(["1960=1960"]);
    expect(pairs("Relations were bad in the 1990s.")).toEqual(["1990s=199"]);
    expect(pairs("It was signed on October 19, 1956.")).toEqual(["October 19, 1956=1956-10-19"]);
    expect(pairs("They will meet next month.")).toEqual(["next month=2019-02"]);
    expect(pairs("Growth slowed this year.")).toEqual(["this year=2019"]);
    expect(pairs("Prices rose earlier this month.")).toEqual(["earlier this month=2019-01"]);
  });

  it("reads relative days, durations and frequencies", () => {
    expect(pairs("He had arrived the previous day.")).toEqual(["the previous day=2019-01-21"]);
    expect(pairs("He left a week ago.")).toEqual(["a week ago=2019-W03"]);
    expect(pairs("He left three days ago.")).toEqual(["three days ago=2019-01-19"]);
    expect(times("The talks lasted two years.")[0]).toMatchObject({ type: "DURATION", value: "P2Y" });
    expect(times("The sides meet every week.")[0]).toMatchObject({ type: "SET", value: "P1W" });
    expect(times("Output fell over the past 20 years.")[0]).toMatchObject({ type: "DURATION", value: "P20Y" });
  });

  it("marks a year inside a name as the document's date, not the article's", () => {
    const [t] = times("Talks are based on the 1956 Joint Declaration.");
    expect(t).toMatchObject({ text: "1956", value: "1956", scope: "document" });
    expect(times("They used the Joint Declaration of October 19, 1956 as a basis.")[0]).toMatchObject({ scope: "document", value: "1956-10-19" });
  });

  it("makes no false hits on modal may, march the verb, numbers and amounts", () => {
    expect(times("Russia and Japan may include an item. Protesters will march on the embassy.")).toEqual([]);
    expect(times("Article 9 was cited. Some 2000 troops and 1956 people were there. Shares rose 2.50 a share, or 7/8.")).toEqual([]);
  });

  it("writes X for what an unknown publication date leaves open, and resolves absolute dates anyway", () => {
    expect(pairs("MOSCOW, November 16. Peskov spoke on Monday about October 19, 1956.", null)).toEqual([
      "November 16=XXXX-11-16",
      "Monday=XXXX-XX-XX",
      "October 19, 1956=1956-10-19",
    ]);
  });

  it("reads times of day", () => {
    expect(times("The vote starts at 10:30 a.m. on Saturday.")[0]).toMatchObject({ type: "TIME", value: "2019-01-19T10:30" });
  });
});
