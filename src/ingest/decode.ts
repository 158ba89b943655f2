/**
 * Bytes to text: BOM first (UTF-8, UTF-16 LE/BE), then a declared charset (HTTP header or HTML meta), then strict
 * UTF-8, and only when that fails a detected encoding (chardet) decoded with iconv-lite, with a warning saying so.
 * Binary content (NUL bytes, many control characters) is refused with a reason.
 */
import chardet from "chardet";
import iconv from "iconv-lite";
import type { Warning } from "../record/schema.js";
import { IngestSkip } from "./skip.js";

export interface Decoded {
  text: string;
  encoding: string;
  warning?: Warning;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control > n * 0.05;
}

/** The charset an HTML document declares in its first 2 KB (`<meta charset>` or http-equiv), if any. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString("latin1");
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase() ?? /<\?xml[^>]+encoding=["']([\w-]+)/i.exec(head)?.[1]?.toLowerCase() ?? null;
}

export function decodeBytes(bytes: Uint8Array, declared?: string | null): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), "utf-16le"), encoding: "utf-16le" };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), "utf-16be"), encoding: "utf-16be" };
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (looksBinary(body)) throw new IngestSkip("binary content, not text");
  const charset = declared ?? declaredCharset(body);
  if (charset && charset !== "utf-8" && charset !== "utf8" && iconv.encodingExists(charset))
    return { text: iconv.decode(Buffer.from(body), charset), encoding: charset };
  try {
    return { text: utf8.decode(body), encoding: "utf-8" };
  } catch {
    const guess = chardet.detect(body) ?? "windows-1252";
    const encoding = iconv.encodingExists(guess) ? guess : "windows-1252";
    return {
      text: iconv.decode(Buffer.from(body), encoding),
      encoding,
      warning: { code: "encoding-detected", message: `not valid UTF-8; decoded as ${encoding} (detected)` },
    };
  }
}
