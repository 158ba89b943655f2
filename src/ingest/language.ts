/**
 * A cheap language check: the share of the commonest English function words among the words of a text. Parley's
 * language layer reads English; other languages are still stored, with a warning, so nothing is lost.
 */
const ENGLISH = new Set(
  "the of and to a in that is was for on with as by at from it he said his be are its has have an not were which this but they their will had been who would".split(" "),
);

/** "en" when the text reads as English, "und" (undetermined) otherwise; null for texts too short to tell. */
export function guessLanguage(text: string): "en" | "und" | null {
  const words = text.slice(0, 20_000).toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 20) return null;
  let hits = 0;
  for (const w of words) if (ENGLISH.has(w)) hits++;
  return hits / words.length >= 0.12 ? "en" : "und";
}
