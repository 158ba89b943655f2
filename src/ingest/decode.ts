/**
 * Bytes to text. In order: a BOM (UTF-8, UTF-16 LE/BE); UTF-16 without a BOM, recognised by its zero bytes in every
 * other position; a declared charset (HTTP header or HTML/XML declaration); UTF-8 — also when a few bytes are
 * broken, which become U+FFFD with a warning rather than turning the whole article into windows-1252 mojibake; and
 * only when the bytes do not read as UTF-8 at all, a detected legacy encoding (chardet, decoded by iconv-lite) with
 * a warning. Binary content (NUL bytes, many control characters) is refused with a reason.
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
const utf8Lossy = new TextDecoder("utf-8");

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

/**
 * "utf-16le" or "utf-16be" when the bytes look like UTF-16 without a BOM: text in Latin script has a zero high
 * byte in most code units, so one of the two byte positions is mostly zero and the other almost never.
 */
export function sniffUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length, 8192) & ~1;
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const units = n / 2;
  if (oddZero >= units * 0.3 && evenZero <= units * 0.02) return "utf-16le";
  if (evenZero >= units * 0.3 && oddZero <= units * 0.02) return "utf-16be";
  return null;
}

/** The charset an HTML document declares in its first 2 KB (`<meta charset>` or http-equiv), if any. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString("latin1");
  return /<meta[^>]{0,200}?charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase() ?? /<\?xml[^>]{0,200}?encoding=["']([\w-]+)/i.exec(head)?.[1]?.toLowerCase() ?? null;
}

/**
 * Counts the well-formed multi-byte UTF-8 sequences and the bytes that belong to none. Text in a legacy 8-bit
 * encoding has many stray high bytes and almost no well-formed sequences; UTF-8 with a few broken bytes has the
 * opposite.
 */
function utf8Shape(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += len;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

/** Decodes bytes known not to be UTF-16: declared charset, UTF-8 (strict, then lossy when only a few bytes are broken), else detected. */
function decode8bit(body: Uint8Array, declared: string | null, legacy?: () => string): Decoded {
  const charset = declared ?? declaredCharset(body);
  if (charset && charset !== "utf-8" && charset !== "utf8" && iconv.encodingExists(charset))
    return { text: iconv.decode(Buffer.from(body), charset), encoding: charset };
  try {
    return { text: utf8.decode(body), encoding: "utf-8" };
  } catch {
    const { valid, invalid } = utf8Shape(body);
    // Mostly well-formed UTF-8 with a few broken bytes (a truncated copy, a bad splice): keep it UTF-8.
    if (valid >= invalid * 2 || (charset && /^utf-?8$/.test(charset))) {
      return {
        text: utf8Lossy.decode(body),
        encoding: "utf-8",
        warning: { code: "invalid-utf8", message: `${invalid} byte${invalid === 1 ? "" : "s"} not valid UTF-8, replaced by U+FFFD` },
      };
    }
    const encoding = legacy ? legacy() : legacyEncoding(body);
    return {
      text: iconv.decode(Buffer.from(body), encoding),
      encoding,
      warning: { code: "encoding-detected", message: `not valid UTF-8; decoded as ${encoding} (detected)` },
    };
  }
}

/** The legacy 8-bit encoding chardet finds in bytes that are not UTF-8 (windows-1252 when it cannot tell). */
export function legacyEncoding(bytes: Uint8Array): string {
  const guess = chardet.detect(bytes) ?? "windows-1252";
  // chardet reports ISO-8859-1 for most Western text; windows-1252 is its superset (curly quotes, dashes).
  const named = /^iso-8859-1$/i.test(guess) ? "windows-1252" : guess;
  return iconv.encodingExists(named) && !/^utf/i.test(named) ? named : "windows-1252";
}

/** The encoding bytes start in, from a BOM or the UTF-16 zero-byte pattern, and how many BOM bytes to drop. */
export function sniffEncoding(bytes: Uint8Array): { encoding: "utf-8" | "utf-16le" | "utf-16be"; bom: number; sniffed: boolean } | null {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", bom: 2, sniffed: false };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", bom: 2, sniffed: false };
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", bom: 3, sniffed: false };
  const u16 = sniffUtf16(bytes);
  return u16 ? { encoding: u16, bom: 0, sniffed: true } : null;
}

export function decodeBytes(bytes: Uint8Array, declared?: string | null): Decoded {
  const sniffed = sniffEncoding(bytes);
  if (sniffed && sniffed.encoding !== "utf-8") {
    const text = iconv.decode(Buffer.from(bytes.subarray(sniffed.bom)), sniffed.encoding);
    if (looksBinaryText(text)) throw new IngestSkip("binary content, not text");
    return sniffed.sniffed
      ? { text, encoding: sniffed.encoding, warning: { code: "encoding-detected", message: `UTF-16 without a byte-order mark; decoded as ${sniffed.encoding} (detected)` } }
      : { text, encoding: sniffed.encoding };
  }
  const body = sniffed ? bytes.subarray(sniffed.bom) : bytes;
  if (looksBinary(body)) throw new IngestSkip("binary content, not text");
  return decode8bit(body, declared ?? null);
}

/** Decoded text that is still binary: NULs or many control characters (UTF-16 sniffing can be fooled by binary). */
function looksBinaryText(text: string): boolean {
  const n = Math.min(text.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if (c < 9 || (c > 13 && c < 32)) control++;
  }
  return control > n * 0.05;
}

/**
 * Decodes one line of a byte stream whose encoding is ASCII-compatible: strict UTF-8, else as `decodeBytes` would
 * decode it (a few broken bytes stay UTF-8, else the legacy encoding `legacy` found for the whole stream, or one
 * detected from the line), with the warning saying so.
 */
export function decodeLine(bytes: Uint8Array, legacy?: () => string): Decoded {
  try {
    return { text: utf8.decode(bytes), encoding: "utf-8" };
  } catch {
    return decode8bit(bytes, null, legacy);
  }
}
