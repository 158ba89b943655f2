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

  it("gives a relative period the value of the period it names ('the current fiscal year', 'last fiscal year')", () => {
    expect(pairs("Sales in the current fiscal year will rise.")).toEqual(["the current fiscal year=2019"]);
    expect(pairs("Sales fell last fiscal year.")).toEqual(["last fiscal year=2018"]);
    expect(pairs("Prices rose in the current month.")).toEqual(["the current month=2019-01"]);
    expect(pairs("Prices rose sharply this decade.")).toEqual(["this decade=201X"]);
    expect(pairs("It was the third quarter of last year.")).toEqual(["the third quarter of last year=2018-Q3"]);
    // "then" moves "current" to the narrative's past.
    expect(times("Holders may buy shares at the then current market price.")[0]).toMatchObject({ text: "then current", value: "PAST_REF" });
  });

  it("writes half a unit without a zero whole part and reads 'a number of' as a vague amount", () => {
    expect(pairs("The talks took half an hour.")).toEqual(["half an hour=PT30M"]);
    expect(pairs("The talks took a half hour.")).toEqual(["a half hour=PT30M"]);
    expect(pairs("The work took a number of years.")).toEqual(["a number of years=PXY"]);
  });

  it("reads the tense of the verb a date modifies from the parse, not of the nearest verb-like word", () => {
    // "unspecified" ends in -ed beside the month, but the verb paying it is future ("would be paid").
    expect(pairs("The dividend would be paid on a still unspecified date in November to holders.", "2019-01-22")).toEqual(["November=2019-11"]);
    // A passive present is no past: "is expected in December" lies ahead.
    expect(pairs("The closing of the long-delayed deal is expected in December.", "2019-01-22")).toEqual(["December=2019-12"]);
    // What follows "since" lies before the time of speaking.
    expect(pairs("Police have searched for him since the Oct. 23 attack.", "2019-05-06")).toEqual(["Oct. 23=2018-10-23"]);
    // An infinitive looks ahead after a verb of planning, not as the first country to join on Friday.
    expect(pairs("The three were the first countries to join the alliance on Friday.", "2019-01-26")).toEqual(["Friday=2019-01-25"]);
    expect(pairs("The minister plans to visit the region on Friday.", "2019-01-22")).toEqual(["Friday=2019-01-25"]);
  });

  it("keeps granularity: months, years, decades", () => {
    expect(pairs("Putin and Abe decided in Singapore last November.")).toEqual(["last November=2018-11"]);
    expect(pairs("The treaty was signed in 1960.")).toEqual(["1960=1960"]);
    expect(pairs("Relations were bad in the 1990s.")).toEqual(["1990s=199X"]);
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

// One block per gap of issue 9 item 4; the sentences are made up for these tests (none is from TBAQ).
describe("times: TimeML conventions (article of Thursday 24 January 2019)", () => {
  const at = (text: string, anchor: string | null = "2019-01-24") => pairs(text, anchor);
  const one = (text: string, anchor: string | null = "2019-01-24") => times(text, anchor)[0];

  it("counts weeks as ISO weeks from the reference date (chrono's start on Sunday)", () => {
    expect(at("The ministers met this week.")).toEqual(["this week=2019-W04"]);
    expect(at("The rally took place last week.")).toEqual(["last week=2019-W03"]);
    expect(at("They will talk next week.")).toEqual(["next week=2019-W05"]);
    // Sunday 27 January 2019 still belongs to ISO week 4; chrono's Sunday-based week would say week 5.
    expect(at("The ministers met this week.", "2019-01-27")).toEqual(["this week=2019-W04"]);
    expect(at("Prices rose this week.", "2020-12-31")).toEqual(["this week=2020-W53"]);
  });

  it("tags the duration of 'a month earlier' / 'two days later', and keeps the date it points to", () => {
    expect(one("Exports had fallen a month earlier.")).toMatchObject({ text: "a month", type: "DURATION", value: "P1M" });
    expect(one("The envoy was freed three days later.")).toMatchObject({ text: "three days", type: "DURATION", value: "P3D", point: "2019-01-27" });
    expect(one("He was seen ten years ago.")).toMatchObject({ text: "ten years ago", type: "DATE", value: "2009" });
    expect(one("He was seen two weeks ago.")).toMatchObject({ type: "DATE", value: "2019-W02" });
  });

  it("reads bare and hyphenated durations", () => {
    expect(one("The embargo has lasted for years.")).toMatchObject({ text: "years", type: "DURATION", value: "PXY" });
    expect(one("The envoy began a four-week tour.")).toMatchObject({ text: "four-week", type: "DURATION", value: "P4W" });
    expect(one("It was a 16-hour flight.")).toMatchObject({ text: "16-hour", value: "PT16H" });
    expect(one("They waited 2 1/2 years.")).toMatchObject({ value: "P2Y6M" });
    expect(times("The 9-year-old girl was rescued.")).toEqual([]);
  });

  it("splits year ranges into their two years", () => {
    expect(at("Talks ran through 2009-2010.")).toEqual(["2009=2009", "2010=2010"]);
    expect(at("The 1957-58 winter was hard.")).toEqual(["1957=1957", "58=1958"]);
  });

  it("writes centuries as TimeML does", () => {
    expect(at("Cities grew in the 20th century.")).toEqual(["the 20th century=19"]);
    expect(at("The fort dates from the eleventh century.")).toEqual(["the eleventh century=10"]);
  });

  it("reads 'last May' as the most recent May before the reference date", () => {
    expect(at("Elections were held last May.")).toEqual(["last May=2018-05"]);
    expect(at("Elections were held last May.", "2019-06-10")).toEqual(["last May=2019-05"]);
    expect(at("Elections were held last May.", "2019-05-20")).toEqual(["last May=2018-05"]);
    expect(at("They will vote next March.")).toEqual(["next March=2019-03"]);
  });

  it("reads frequencies as SETs, not frequency adjectives", () => {
    expect(one("Prices are reviewed each season.")).toMatchObject({ type: "SET", value: "P3M" });
    expect(one("Fees are paid annually.")).toMatchObject({ type: "SET", value: "P1Y" });
    expect(one("Inspectors visit every week.")).toMatchObject({ type: "SET", value: "P1W" });
    expect(one("The council meets each Tuesday.")).toMatchObject({ type: "SET", value: "XXXX-WXX-2" });
    expect(times("He reads a daily newspaper and the quarterly report.")).toEqual([]);
  });

  it("takes modifiers into the extent with their TimeML mod", () => {
    expect(one("Growth returned in early 2018.")).toMatchObject({ text: "early 2018", value: "2018", mod: "START" });
    expect(one("The deal fell apart in late November.")).toMatchObject({ text: "late November", value: "2018-11", mod: "END" });
    expect(one("Troops left in mid-2017.")).toMatchObject({ text: "mid-2017", value: "2017", mod: "MID" });
    expect(one("He ruled for almost ten years.")).toMatchObject({ text: "almost ten years", value: "P10Y", mod: "LESS_THAN" });
    expect(one("Payment is due at the end of March.")).toMatchObject({ text: "the end of March", value: "2019-03", mod: "END" });
    expect(one("Talks resumed earlier this month.")).toMatchObject({ text: "earlier this month", value: "2019-01" });
    expect(one("The rebels fought over the weekend.")).toMatchObject({ text: "the weekend", value: "2019-W04-WE" });
    expect(one("The post-1991 order is fading.")).toMatchObject({ text: "post-1991", value: "1991", mod: "AFTER" });
    expect(one("The two-week strike ended.")).toMatchObject({ text: "two-week", value: "P2W" });
    expect(one("They agreed on a three-year period of talks.")).toMatchObject({ text: "a three-year period", value: "P3Y" });
  });

  it("follows the narrative's last date for anaphoric times", () => {
    const t = times("The vote was held on March 5, 2015. Two days later the result came. The next day protests began. The following year a new law passed.");
    expect(t.map((x) => `${x.text}=${x.value}`)).toEqual(["March 5, 2015=2015-03-05", "Two days=P2D", "The next day=2015-03-08", "The following year=2016"]);
    expect(t[1]).toMatchObject({ point: "2015-03-07", pointFrom: "text" });
    expect(t[2]).toMatchObject({ anchor: "text" });
    // With no date given yet, the publication date is the reference.
    expect(at("Protesters gathered the next day.")).toEqual(["the next day=2019-01-25"]);
    expect(at("He had landed the day before.")).toEqual(["the day=2019-01-23"]);
  });
});

describe("times: issue 9 item 4, value conventions (article of Thursday 24 January 2019)", () => {
  const at = (text: string) => pairs(text, "2019-01-24");
  const one = (text: string) => times(text, "2019-01-24")[0];

  it("reads 'next year' from the publication date even after the text gave a year ('the next year' follows the text)", () => {
    expect(at("The plant opened in 2015. It will close next year.")).toEqual(["2015=2015", "next year=2020"]);
    expect(at("The plant opened in 2015. The next year it closed.")).toEqual(["2015=2015", "The next year=2016"]);
  });

  it("puts the day word of 'afternoon yesterday' into the value", () => {
    expect(one("Shares rose at mid-afternoon yesterday.")).toMatchObject({ type: "TIME", value: "2019-01-23TAF" });
  });

  it("reads a reporting year: 'the year ended …' is a duration, 'the full year' and 'year end' the year", () => {
    expect(one("In the year ended March 31, profit rose.")).toMatchObject({ text: "the year", type: "DURATION", value: "P1Y" });
    expect(one("In the fiscal year ending in June, sales fell.")).toMatchObject({ text: "the fiscal year", value: "P1Y" });
    expect(one("Sales for the full year rose.")).toMatchObject({ text: "the full year", type: "DATE", value: "2019" });
    expect(at("It will hire 600 people by year end, and more by year's end.")).toEqual(["year end=2019", "year's end=2019"]);
  });

  it("reads 'the years' after a preposition as an open duration, not 'in one year'", () => {
    expect(one("In the years that followed, the rebels grew.")).toMatchObject({ type: "DURATION", value: "PXY" });
  });

  it("reads no clock time into a decimal ('rose 6.43, on Friday') and keeps the date after it", () => {
    expect(at("The index rose 6.43, on Friday.")).toEqual(["Friday=2019-01-18"]);
    expect(at("The index rose 6.43 points.")).toEqual([]);
    expect(one("They met at 6.30 pm.")).toMatchObject({ type: "TIME", value: "2019-01-24T18:30" });
  });

  it("takes a participle after 'be' for no past tense ('will be signed on Friday' is ahead)", () => {
    expect(at("The accord will be signed on Friday.")).toEqual(["Friday=2019-01-25"]);
  });

  it("reads a four-digit year standing alone, but not an amount, a clock time, a quantity or a name's number", () => {
    expect(at("It sold bonds due 2023. That 1978 resolution stands.")).toEqual(["2023=2023", "1978=1978"]);
    expect(at("It cost $1990 at 1930 GMT; 1,995 people and 2000 troops came.")).toEqual([]);
    expect(at("He founded a venture called Orion 1980, making parts.")).toEqual([]);
  });

  it("reads named holidays from their calendar rule", () => {
    expect(at("Talks stalled after last Thanksgiving.")).toEqual(["last Thanksgiving=2018-11-22"]);
    expect(at("They met at Christmas.")).toEqual(["Christmas=2018-12-25"]);
    expect(at("The truce held over Easter 2016 and Memorial Day 2019.")).toEqual(["Easter 2016=2016-03-27", "Memorial Day 2019=2019-05-27"]);
    expect(at("They will talk before next Easter.")).toEqual(["next Easter=2019-04-21"]);
    expect(at("He flew to Easter Island.")).toEqual([]);
  });

  it("keeps the quarter an earnings story's lead names for its later 'a year earlier'", () => {
    const t = pairs("Third-quarter profit rose 5%. The company expects fourth-quarter sales to fall. Revenue was $5 million a year earlier.", "2018-11-02");
    expect(t).toEqual(["Third-quarter=2018-Q3", "fourth-quarter=2018-Q4", "a year earlier=2017-Q3"]);
  });

  it("tags no age ('37 years old') as a duration", () => {
    expect(at("The envoy, 37 years old when he was seized, waited two years.")).toEqual(["two years=P2Y"]);
  });

  it("writes half years as H1/H2, not the half of a match", () => {
    expect(at("Sales rose in the first half of 2017.")).toEqual(["the first half of 2017=2017-H1"]);
    expect(at("Second-half profit will rise.")).toEqual(["Second-half=2019-H2"]);
    expect(at("The team led in the second half.")).toEqual([]);
  });

  it("reads 'the day before yesterday' and the date alone of 'the night of March 2'", () => {
    expect(at("He arrived the day before yesterday.")).toEqual(["the day before yesterday=2019-01-22"]);
    expect(at("The blast came on the night of Jan. 2.")).toEqual(["Jan. 2=2019-01-02"]);
  });

  it("reads 'next quarter' and 'the quarter ended <date>' as calendar quarters", () => {
    expect(at("The company expects a loss next quarter.")).toEqual(["next quarter=2019-Q2"]);
    expect(at("Last quarter sales fell.")).toEqual(["Last quarter=2018-Q4"]);
    expect(at("In the quarter ended Sept. 30, it lost money.")).toEqual(["the quarter=2018-Q3", "Sept. 30=2018-09-30"]);
    expect(times("In the fiscal quarter ended July 31, it lost money.", "2019-01-24")[0]).toMatchObject({ value: "2018-Q2" });
  });

  it("reads 'last night' as a part of yesterday, 'a year and a half', 'right now'; no second in 'a second straight year'", () => {
    expect(one("Last night, rebels attacked.")).toMatchObject({ type: "TIME", value: "2019-01-23TNI" });
    expect(one("The talks lasted a year and a half.")).toMatchObject({ text: "a year and a half", value: "P1Y6M" });
    expect(one("Right now the talks are stalled.")).toMatchObject({ text: "Right now", value: "PRESENT_REF" });
    expect(at("Exports fell for a second straight year.")).toEqual([]);
  });

  it("gives a clock time the day of the date right after it, not of one further on", () => {
    expect(at("The blast came at 10:35 a.m. (0735 GMT) Monday, toppling a building.")).toEqual(["10:35 a.m.=2019-01-21T10:35", "Monday=2019-01-21"]);
    expect(at("At 9 a.m. he spoke, and on Monday he left.")).toEqual(["9 a.m.=2019-01-24T09:00", "Monday=2019-01-21"]);
  });

  it("reads 'the year 1996' whole, and no season in 'the fall of Rome'", () => {
    expect(at("The year 1996 was hard.")).toEqual(["The year 1996=1996"]);
    expect(at("He wrote on the fall of Rome.")).toEqual([]);
    expect(at("They met in the fall of 2017.")).toEqual(["the fall of 2017=2017-FA"]);
  });

  it("reads 'every two years', 'each summer' and 'on weekends' as SETs", () => {
    expect(one("Elections are held every four years.")).toMatchObject({ text: "every four years", type: "SET", value: "P4Y" });
    expect(one("They meet every other day.")).toMatchObject({ type: "SET", value: "P2D" });
    expect(one("Tourists come each summer.")).toMatchObject({ type: "SET", value: "XXXX-SU" });
    expect(one("He golfs on weekends.")).toMatchObject({ text: "weekends", type: "SET", value: "XXXX-WXX-WE" });
  });

  it("reads 'the end of next year' from the publication date, and the week or month of 'the week ended <date>'", () => {
    expect(at("Troops leave by the end of next year.")).toEqual(["the end of next year=2020"]);
    expect(at("In the week ended Jan. 18, prices fell.")).toEqual(["the week=2019-W03", "Jan. 18=2019-01-18"]);
    expect(at("In the month ended Dec. 31, prices fell.")).toEqual(["the month=2018-12", "Dec. 31=2018-12-31"]);
    expect(at("Sales rose in the fourth quarter of fiscal 2018.")).toEqual(["the fourth quarter of fiscal 2018=2018-Q4"]);
  });

  it("reads two-digit decades and years ('the '80s', 'in '45'), not an age ('in his 80s')", () => {
    expect(at("Relations froze in the '80s and thawed in the late 90s.")).toEqual(["'80s=198X", "late 90s=199X"]);
    expect(at("He was born in '45.")).toEqual(["'45=1945"]);
    expect(at("He is in his 80s.")).toEqual([]);
  });

  it("reads 'will one day', 'someday' as FUTURE_REF and 'these days' as PRESENT_REF; 'for one day' stays a duration", () => {
    expect(one("Islam will one day be the second religion.")).toMatchObject({ text: "one day", value: "FUTURE_REF" });
    expect(one("Someday we will win.")).toMatchObject({ value: "FUTURE_REF" });
    expect(one("It is hard these days.")).toMatchObject({ text: "these days", value: "PRESENT_REF" });
    expect(one("They stayed for one day.")).toMatchObject({ value: "P1D" });
  });

  it("reads a range of amounts as one duration of its first amount, and keeps 'or so' in the extent", () => {
    expect(at("The work lasts two to three weeks.")).toEqual(["two to three weeks=P2W"]); // and "lasts" is no "last second"
    expect(one("Prices rise over the next 12 to 18 months.")).toMatchObject({ text: "the next 12 to 18 months", value: "P12M" });
    expect(one("Prices rise over the next two years or so.")).toMatchObject({ text: "the next two years or so", value: "P2Y" });
    expect(at("Terms rose from 1995 to 15 years.")).toEqual(["1995=1995", "15 years=P15Y"]); // a year is no amount
    expect(at("It has a 1,000-year history.")).toEqual([]); // not "000-year"
  });

  it("leaves brackets, dashes and a dangling 'of' out of chrono's extents, and drops 'the last day', 'the last minute'", () => {
    expect(at("They met (Monday) in Paris.")).toEqual(["Monday=2019-01-21"]);
    expect(at("The vote (at 4 a.m. EST Monday) passed.")).toEqual(["4 a.m. EST Monday=2019-01-21T04:00"]);
    expect(at("Prices fell - a month ago.")).toEqual(["a month ago=2018-12"]);
    expect(at("In February of this year prices fell.")).toEqual(["February of this year=2019-02"]);
    expect(at("On the last day of talks, at the last minute, he left.")).toEqual([]);
  });

  it("tells an anaphoric time from a date given before it in the same sentence", () => {
    const t = at("In October 2004 he left. On May 22, 2015, he was promoted, and the following year he was posted abroad.");
    expect(t).toEqual(["October 2004=2004-10", "May 22, 2015=2015-05-22", "the following year=2016"]);
    expect(at("Imports were $5 million in 1988, a small share of all imports that year.")).toEqual(["1988=1988", "that year=1988"]);
  });

  it("reads compound number words in durations", () => {
    expect(one("In the last twenty-four hours it rained.")).toMatchObject({ text: "the last twenty-four hours", value: "PT24H" });
    expect(one("The siege lasted thirty five days.")).toMatchObject({ text: "thirty five days", value: "P35D" });
  });
});

describe("times: never invented", () => {
  const record = (text: string, anchor: string | null) => analyser.analyse(text, anchor, "times");

  it("leaves relative expressions open without a full publication date, and says so", () => {
    const r = record("Troops left two weeks ago. They return next month. On Monday, talks resumed on October 3, 2018. He was freed two days later.", null);
    expect(r.times.map((t) => `${t.text}=${t.value}`)).toEqual(["two weeks ago=XXXX-WXX", "next month=XXXX-XX", "Monday=XXXX-XX-XX", "October 3, 2018=2018-10-03", "two days=P2D"]);
    expect(r.times.every((t) => !/^2000-/.test(t.value))).toBe(true);
    expect(r.times[4]!.point).toBe("2018-10-05"); // from the text's own date, not a default day
    expect(r.warnings.map((w) => w.code)).toContain("times-unresolved");
    expect(record("He left yesterday.", null).times[0]!.value).toBe("XXXX-XX-XX");
    expect(record("He left yesterday.", "2019-01-24").warnings).toEqual([]);
  });

  it("resolves nothing before 1800 unless the text says so", () => {
    expect(at2("The town was founded 230 years ago.")).toEqual(["230 years ago=XXXX"]);
    expect(at2("The town was founded three centuries ago.")).toEqual(["three centuries ago=XXXX"]);
    expect(at2("The town was founded in 1788.")).toEqual(["1788=1788"]);
  });
  const at2 = (text: string) => pairs(text, "2019-01-24");
});

describe("times: long runs (issue 13)", () => {
  it("reads a long sentence of repeated month names in linear time (month cues and tense look only nearby)", () => {
    const text = "in May ".repeat(6000);
    const t0 = performance.now();
    const found = times(text);
    expect(performance.now() - t0).toBeLessThan(15_000);
    expect(found.length).toBeGreaterThan(5000);
    expect(found[0]).toMatchObject({ text: "May", value: expect.stringMatching(/^\d{4}-05$/) });
  });
});

describe("calendar: where a TimeML value starts", () => {
  it("starts an ISO week on its Monday (across a year's end) and a quarter, half or season on its first month", async () => {
    const { valueStart } = await import("./times/calendar.js");
    expect(valueStart("2019-W03")).toBe("2019-01-14");
    expect(valueStart("2020-W01")).toBe("2019-12-30");
    expect(valueStart("1997-W14-WE")).toBe("1997-03-31");
    expect(valueStart("2019-Q2")).toBe("2019-04");
    expect(valueStart("2019-SU")).toBe("2019-06");
    expect(valueStart("2019-01-22")).toBe("2019-01-22");
  });
});
