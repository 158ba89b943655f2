/**
 * Plain text with optional YAML front matter (title, published, source, url, language, id), and the check that a
 * text is an article at all: tables (tab- or comma-separated rows, such as a folder's index.tsv) and logs are not.
 */
import { parse } from "yaml";
import type { RawArticle } from "../pipeline/types.js";
import { IngestSkip } from "./skip.js";

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

const str = (v: unknown): string | undefined =>
  v instanceof Date ? v.toISOString().slice(0, 10) : v === undefined || v === null ? undefined : String(v);

export function textArticle(content: string, origin: string): RawArticle {
  const m = FRONT_MATTER.exec(content);
  const article: RawArticle = { origin, format: "text", text: m ? content.slice(m[0].length) : content };
  if (m) {
    let meta: unknown;
    try {
      meta = parse(m[1]!, { maxAliasCount: 100 });
    } catch (err) {
      throw new IngestSkip(`invalid YAML front matter: ${(err as Error).message.split("\n")[0]}`);
    }
    if (meta && typeof meta === "object") {
      const f = meta as Record<string, unknown>;
      for (const key of ["id", "title", "published", "source", "url", "language", "standfirst"] as const) {
        const v = str(f[key]);
        if (v !== undefined) article[key] = v;
      }
    }
  }
  return article;
}

/** File names that are data, not articles. */
export const DATA_EXT = /\.(tsv|tab|csv|log)$/i;
const EXT_KIND: Record<string, string> = { tsv: "tab-separated data", tab: "tab-separated data", csv: "comma-separated data", log: "a log file" };
export const dataKindOfName = (path: string): string | null => EXT_KIND[DATA_EXT.exec(path)?.[1]?.toLowerCase() ?? ""] ?? null;

// A log line opens with a timestamp: "2024-05-01 12:00:01", "2024-05-01T12:00", "[01/May/2024:12:00:01", "May  1 12:00:01".
const LOG_LINE = /^(?:\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|\[?\d{2}\/\p{L}{3}\/\d{4}:\d{2}:\d{2}|\p{L}{3} {1,2}\d{1,2} \d{2}:\d{2}:\d{2}|\[?(?:DEBUG|INFO|WARN|WARNING|ERROR|TRACE|FATAL)\]?[ :])/u;

/**
 * What kind of data a text is when it is not prose, or null. Looks at the first 200 non-blank lines: most of them
 * with the same number of tabs (one or more), or the same number of commas (two or more) and short, or opening
 * with a timestamp.
 */
export function dataKind(text: string): string | null {
  const lines: string[] = [];
  for (let from = 0; from < text.length && lines.length < 200; ) {
    let nl = text.indexOf("\n", from);
    if (nl < 0) nl = text.length;
    const line = text.slice(from, Math.min(nl, from + 2000)).replace(/\r$/, "");
    if (line.trim()) lines.push(line);
    from = nl + 1;
  }
  if (lines.length < 3) return null;
  const count = (line: string, ch: string) => {
    let n = 0;
    for (let i = line.indexOf(ch); i >= 0; i = line.indexOf(ch, i + 1)) n++;
    return n;
  };
  const commonest = (ns: number[]) => {
    const freq = new Map<number, number>();
    for (const n of ns) freq.set(n, (freq.get(n) ?? 0) + 1);
    return [...freq].sort((a, b) => b[1] - a[1])[0]!;
  };
  const [tabs, tabLines] = commonest(lines.map((l) => count(l, "\t")));
  if (tabs >= 1 && tabLines >= lines.length * 0.8) return "tab-separated data";
  const [commas, commaLines] = commonest(lines.map((l) => count(l, ",")));
  const short = lines.filter((l) => l.length < 300).length;
  const sentences = lines.filter((l) => /[.!?]["”’)]?$/.test(l.trimEnd())).length;
  if (commas >= 2 && commaLines >= lines.length * 0.9 && short >= lines.length * 0.9 && sentences < lines.length * 0.3) return "comma-separated data";
  if (lines.length >= 5 && lines.filter((l) => LOG_LINE.test(l)).length >= lines.length * 0.8) return "a log file";
  return null;
}
