import { describe, expect, it } from "vitest";
import { tokenIndexAt, tokenize } from "./tokens.js";

const words = (text: string) => tokenize(text).map((t) => t.text);

describe("shared tokens", () => {
  it("keeps initialisms, decimals and inner hyphens and apostrophes in one word", () => {
    expect(words("The U.S. grew 1.5% in Côte d'Ivoire, O'Neill's well-known firm")).toEqual(["The", "U.S.", "grew", "1.5", "%", "in", "Côte", "d'Ivoire", ",", "O'Neill", "'s", "well-known", "firm"]);
  });

  it("keeps a number's thousands separators in one word, as UD does, but not a list of numbers", () => {
    expect(words("killed 13,000 people and $1,234.56 in a 2,000-strong force")).toEqual(["killed", "13,000", "people", "and", "$", "1,234.56", "in", "a", "2,000-strong", "force"]);
    expect(words("1,2,3 and 1996,1997")).toEqual(["1", ",", "2", ",", "3", "and", "1996", ",", "1997"]);
  });

  it("splits clitics as Universal Dependencies does, keeping each part's offsets", () => {
    const text = "Russia’s envoy didn't say they're ready; it can't, I'm told, and we cannot wait. DON'T";
    expect(words(text)).toEqual(["Russia", "’s", "envoy", "did", "n't", "say", "they", "'re", "ready", ";", "it", "ca", "n't", ",", "I", "'m", "told", ",", "and", "we", "can", "not", "wait", ".", "DO", "N'T"]);
    for (const t of tokenize(text)) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it("leaves a trailing apostrophe (plural possessive) as punctuation", () => {
    expect(words("the states' talks")).toEqual(["the", "states", "'", "talks"]);
  });

  it("finds the token at an offset", () => {
    const tokens = tokenize("Tokyo didn't agree");
    expect(tokenIndexAt(tokens, 9)).toBe(2);
  });
});
