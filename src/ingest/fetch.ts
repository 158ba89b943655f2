/** HTTP(S) fetching with a timeout, a size limit enforced while streaming, and a clear User-Agent. */
import { VERSION } from "../version.js";
import { IngestSkip } from "./skip.js";

export const USER_AGENT = `Parley/${VERSION} (news event extraction; +https://github.com/parley-news/parley)`;

export interface Fetched {
  bytes: Uint8Array;
  contentType: string;
  /** The URL after redirects. */
  url: string;
}

export async function fetchBytes(url: string, opts: { timeoutMs: number; maxBytes: number; userAgent: string }): Promise<Fetched> {
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { "user-agent": opts.userAgent, accept: "text/html, application/rss+xml, application/atom+xml, text/plain;q=0.9, */*;q=0.5" },
      redirect: "follow",
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (e.name === "TimeoutError" || e.name === "AbortError") throw new IngestSkip(`timeout after ${opts.timeoutMs / 1000} s`);
    throw new IngestSkip(`unreachable: ${e.cause?.code ?? e.cause?.message ?? e.message}`);
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new IngestSkip(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`);
  }
  const declared = Number(res.headers.get("content-length") ?? 0);
  if (declared > opts.maxBytes) {
    await res.body?.cancel();
    throw new IngestSkip(`larger than the ${opts.maxBytes} byte limit (${declared} bytes)`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body ?? []) {
      size += chunk.length;
      if (size > opts.maxBytes) throw new IngestSkip(`larger than the ${opts.maxBytes} byte limit`);
      chunks.push(chunk);
    }
  } catch (err) {
    if (err instanceof IngestSkip) throw err;
    const e = err as Error;
    if (e.name === "TimeoutError" || e.name === "AbortError") throw new IngestSkip(`timeout after ${opts.timeoutMs / 1000} s`);
    throw new IngestSkip(`download failed: ${e.message}`);
  }
  return { bytes: Buffer.concat(chunks), contentType: res.headers.get("content-type") ?? "", url: res.url || url };
}
