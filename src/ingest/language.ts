/**
 * A cheap language check. Text mostly in a script other than Latin is not English, whatever its length in words
 * (Japanese and Chinese write no spaces, so a word count would call a whole page "too short to tell"): kana means
 * Japanese, Hangul Korean, Han alone Chinese, any other script "und". Latin-script text is English when the commonest
 * English function words make up enough of its words. Parley's language layer reads English; other languages are
 * still stored, with a warning, so nothing is lost.
 */
const ENGLISH = new Set(
  "the of and to a in that is was for on with as by at from it he said his be are its has have an not were which this but they their will had been who would".split(" "),
);

const SCRIPTS: [RegExp, string][] = [
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, "ja"],
  [/\p{Script=Hangul}/u, "ko"],
  [/\p{Script=Han}/u, "zh"],
];
const LETTER = /\p{L}/u;
const LATIN = /\p{Script=Latin}/u;

/** "en" when the text reads as English, another code or "und" (undetermined) otherwise; null for texts too short to tell. */
export function guessLanguage(text: string): string | null {
  const sample = text.slice(0, 20_000);
  let letters = 0;
  let latin = 0;
  const seen = new Set<string>();
  for (const ch of sample) {
    const c = ch.charCodeAt(0);
    if (c < 0x80) {
      // ASCII: the common case, decided without a regular expression.
      if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) {
        letters++;
        latin++;
      }
      continue;
    }
    if (!LETTER.test(ch)) continue;
    letters++;
    if (LATIN.test(ch)) latin++;
    else for (const [re, code] of SCRIPTS) if (re.test(ch)) seen.add(code);
  }
  if (letters < 20) return null;
  if (latin < letters * 0.5) return SCRIPTS.find(([, code]) => seen.has(code))?.[1] ?? "und";
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 20) return null;
  let hits = 0;
  for (const w of words) if (ENGLISH.has(w)) hits++;
  return hits / words.length >= 0.12 ? "en" : "und";
}
