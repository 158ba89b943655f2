/** Plain text with optional YAML front matter (title, published, source, url, language, id). */
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
      meta = parse(m[1]!);
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
