/**
 * Documents as entities: treaties, declarations, agreements and their articles ("the 1956 Joint Declaration",
 * "the Treaty of Mutual Cooperation and Security", "Article 9"), and the nouns that refer back to them
 * ("the declaration", "the document", "that declaration").
 */
const HEADS = "Declaration|Treaty|Agreement|Accords?|Convention|Charter|Protocol|Memorandum|Pact|Communique|Communiqué|Resolution|Constitution";
const CAP = String.raw`\p{Lu}[\p{L}\-]*`;
// [year] [Capitalised words] Head [of|on [the] Capitalised words (and|of|the Capitalised)*]
// A capitalised word of the prefix starts a word (the lookbehind): otherwise every position inside a long run of
// capitals would start a match attempt that scans the run again (quadratic).
export const DOCUMENT_NAME = new RegExp(
  String.raw`(?:\b(1[5-9]\d{2}|20\d{2})\s+)?((?:(?<![\p{L}\-])${CAP}\s+){0,4}?)\b(${HEADS})\b((?:\s+(?:of|on|for)\s+(?:the\s+)?${CAP}(?:\s+(?:and|of|the|for|on|${CAP}))*(?<=\p{L}))?)`,
  "gu",
);
export const ARTICLE_NUMBER = /\bArticle\s+\d+[a-z]?\b/gu;
/** Nouns that refer back to the latest document: "the declaration", "that treaty", "the document". */
export const DOCUMENT_REFERENCE = /\b(?:[Tt]he|[Tt]hat|[Tt]his)\s+(declaration|treaty|agreement|accord|document|pact|memorandum|charter|protocol)\b/gu;
// Lower-case words that may stand inside a document name but never start its capitalised part.
const NOT_NAME_START = new Set(["The", "A", "An", "In", "On", "Both", "After", "However", "When", "As", "That", "This"]);

// Lower-case documents, as most agency copy writes them ("the 1956 joint declaration", "signed a security treaty"):
// a lower-case head is a document only where the text marks it as one — a year before it, or a verb of signing
// (CAMEO 057, "sign formal agreement") before it — else "an agreement" in "reached an agreement" would be one.
const LOWER_HEADS = "declaration|treaty|agreement|accord|convention|charter|protocol|memorandum|pact|communique";
// Up to two modifiers before the head; not a function word or a past-tense verb ("in 1956 they signed a treaty").
// After a verb of signing they are lower-case: a capitalised one is a name of its own ("sign the UN convention").
const modifier = (first: string) =>
  String.raw`(?!(?:the|a|an|and|or|of|to|in|on|at|by|for|with|that|which|this|they|it|he|she|we|was|were|is|are|has|have|had)\s)${first}[\p{L}\-]*(?<!ed)\s+`;
const YEAR_LOWER_DOCUMENT = new RegExp(String.raw`\b(?:1[5-9]\d{2}|20\d{2})\s+((?:${modifier("\\p{L}")}){0,2}?)(${LOWER_HEADS})\b`, "gu");
const SIGNED_DOCUMENT = new RegExp(String.raw`\b(?:[Ss]ign(?:ed|s|ing)?|[Cc]onclud(?:ed|es|e|ing)|[Rr]atif(?:ied|ies|y|ying))\s+(?:a|an|the)\s+((?:${modifier("\\p{Ll}")}){0,2}?)(${LOWER_HEADS})\b`, "gu");

const MONTH_AFTER = /^\s+\w+\s+(?:the\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)\b/;

export interface DocumentMatch {
  start: number;
  end: number;
  /** Name without the year or article ("Joint Declaration"). */
  name: string;
  head: string;
}

export function findDocuments(s: string, offset: number): DocumentMatch[] {
  const out: DocumentMatch[] = [];
  DOCUMENT_NAME.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DOCUMENT_NAME.exec(s)) !== null) {
    let pre = m[2] ?? "";
    // Drop sentence-opening words from the capitalised run before the head ("The Joint Declaration" → "Joint Declaration").
    const words = pre.split(/\s+/).filter(Boolean);
    while (words.length && NOT_NAME_START.has(words[0]!)) words.shift();
    pre = words.join(" ");
    const year = m[1];
    // "the Declaration on December 8": a date after the head is not part of the name.
    let qualifier = m[4] ?? "";
    if (MONTH_AFTER.test(qualifier)) qualifier = "";
    // A bare lower-case-preceded head with no qualifier and no year ("the Declaration") is a reference, handled later.
    const name = `${pre ? `${pre} ` : ""}${m[3]}${qualifier}`.trim();
    const start = m.index + (year ? 0 : m[0].indexOf(name));
    const end = m.index + m[0].length - (m[4] ?? "").length + qualifier.length;
    out.push({ start: offset + start, end: offset + end, name, head: m[3]!.toLowerCase() });
  }
  for (const re of [YEAR_LOWER_DOCUMENT, SIGNED_DOCUMENT]) {
    re.lastIndex = 0;
    while ((m = re.exec(s)) !== null) {
      const name = `${m[1] ?? ""}${m[2]}`;
      // The year-led form's span keeps its year, as the capitalised one does; the signed form starts at its noun.
      const end = m.index + m[0].length;
      const start = re === YEAR_LOWER_DOCUMENT ? m.index : end - name.length;
      if (!out.some((d) => d.start < offset + end && offset + start < d.end)) out.push({ start: offset + start, end: offset + end, name, head: m[2]!.toLowerCase() });
    }
  }
  ARTICLE_NUMBER.lastIndex = 0;
  while ((m = ARTICLE_NUMBER.exec(s)) !== null)
    out.push({ start: offset + m.index, end: offset + m.index + m[0].length, name: m[0], head: "article" });
  return out;
}
