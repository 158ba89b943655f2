/**
 * A small reader for TimeML files (TempEval-3 gold and silver): the plain text of an element with the tags taken
 * out, the character offsets of the TIMEX3 tags inside it, and the document creation time.
 */
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e] ?? "");

export interface Timex {
  start: number;
  end: number;
  type: string;
  value: string;
}

/** Strips tags (and decodes XML entities), recording where each TIMEX3 stood in the resulting text. */
export function stripTags(xml: string): { text: string; timexes: Timex[] } {
  let text = "";
  const timexes: Timex[] = [];
  const open: { start: number; type: string; value: string }[] = [];
  const re = /<(\/?)([A-Za-z0-9]+)([^>]*)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) !== null) {
    if (m[4] !== undefined) {
      text += decode(m[4]);
      continue;
    }
    if (m[2] !== "TIMEX3") continue;
    if (m[1]) {
      const t = open.pop();
      if (t) timexes.push({ start: t.start, end: text.length, type: t.type, value: t.value });
    } else if (!m[3]!.endsWith("/")) {
      open.push({ start: text.length, type: /type="([^"]*)"/.exec(m[3]!)?.[1] ?? "", value: /value="([^"]*)"/.exec(m[3]!)?.[1] ?? "" });
    }
  }
  return { text, timexes };
}

/** Inner XML of the first element `name`, or null. */
export function element(xml: string, name: string): string | null {
  const m = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`).exec(xml);
  return m ? m[1]! : null;
}

/** The document creation time (YYYY-MM-DD) of a TimeML file, or null. */
export function creationTime(xml: string): string | null {
  const dct = element(xml, "DCT") ?? "";
  return /value="(\d{4}-\d{2}-\d{2})/.exec(dct)?.[1] ?? null;
}

/** Plain text of an element's content. */
export const xmlText = (xml: string) => stripTags(xml).text;
