import { describe, expect, it } from "vitest";
import { createAnalyser } from "../eval/analyse.js";
import { createExtractor } from "../pipeline/extractor.js";

const analyser = createAnalyser();
const split = (text: string) => {
  const r = analyser.analyse(text, null, "sentences");
  return r.sentences.map((s) => r.text.slice(s.start, s.end));
};

describe("sentences", () => {
  it("does not break after abbreviations, initials, decimals or an initialism before a name", () => {
    expect(split("Mr. Smith met Gen. J. R. Brown in the U.S. Army base on Jan. 5. It was 1.5 km away. He left.")).toEqual([
      "Mr. Smith met Gen. J. R. Brown in the U.S. Army base on Jan. 5.",
      "It was 1.5 km away.",
      "He left.",
    ]);
  });

  it("breaks after an initialism when a new sentence clearly starts", () => {
    expect(split("Troops left the U.S. The talks went on.")).toEqual(["Troops left the U.S.", "The talks went on."]);
  });

  it("keeps a quotation of two sentences whole, curly or straight", () => {
    expect(split("“We agree. We will sign,” he said. Then he left.")).toEqual(["“We agree. We will sign,” he said.", "Then he left."]);
    expect(split('"As for details, I refrain. I can confirm it," the spokesman said. Talks go on.')).toEqual([
      '"As for details, I refrain. I can confirm it," the spokesman said.',
      "Talks go on.",
    ]);
  });

  it("ends a sentence after a closing quote that follows the stop", () => {
    expect(split('He said "it is over." The rest followed.')).toEqual(['He said "it is over."', "The rest followed."]);
  });

  it("treats the dateline as part of the first sentence and headlines as sentences of their own", () => {
    const r = createExtractor().extract({ origin: "t", format: "text", text: "Japan and Russia talk\nA standfirst without a stop\nMOSCOW, November 16. /TASS/. Tokyo spoke. Moscow answered." }, { published: "2018-11-16" });
    expect(r.sentences.map((s) => r.text.slice(s.start, s.end))).toEqual([
      "Japan and Russia talk",
      "A standfirst without a stop",
      "MOSCOW, November 16. /TASS/. Tokyo spoke.",
      "Moscow answered.",
    ]);
  });

  it("never crosses a paragraph break", () => {
    expect(split("First paragraph without a stop\n\nSecond one.")).toEqual(["First paragraph without a stop", "Second one."]);
  });
});
