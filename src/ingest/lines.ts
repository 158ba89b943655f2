/**
 * Lines of a byte stream (a JSONL file, standard input), decoded as a text file is: a BOM or the UTF-16 zero-byte
 * pattern picks UTF-16 for the whole stream; otherwise each line is UTF-8, or, when it is not, the legacy encoding
 * found in the stream's first 64 KB, with a warning on that line's article. A line longer than `maxBytes` is dropped
 * as it streams (never held in memory) and comes as an IngestSkip.
 */
import iconv from "iconv-lite";
import type { Warning } from "../record/schema.js";
import { decodeLine, legacyEncoding, sniffEncoding } from "./decode.js";
import { IngestSkip } from "./skip.js";

export interface Line {
  line: string | IngestSkip;
  /** 1-based line number. */
  n: number;
  warning?: Warning;
}

const HEAD = 64 * 1024;
const toBuffer = (chunk: unknown): Buffer => (Buffer.isBuffer(chunk) ? chunk : typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk as Uint8Array));

/** A stream's first bytes (up to HEAD, or all of a shorter stream) and the rest of it, still to read. */
export async function peek(stream: AsyncIterable<unknown>): Promise<{ head: Buffer; rest: AsyncIterable<Buffer> }> {
  const it = stream[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < HEAD) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    const b = toBuffer(r.value);
    chunks.push(b);
    size += b.length;
  }
  const head = Buffer.concat(chunks);
  async function* rest(): AsyncGenerator<Buffer> {
    yield head;
    if (done) return;
    for (let r = await it.next(); !r.done; r = await it.next()) yield toBuffer(r.value);
  }
  return { head, rest: rest() };
}

export async function* decodedLines(stream: AsyncIterable<unknown>, maxBytes: number): AsyncGenerator<Line> {
  const { head, rest } = await peek(stream);
  const sniffed = sniffEncoding(head);
  let n = 0;
  const tooLong = () => new IngestSkip(`line longer than the ${maxBytes} byte limit`);

  if (sniffed && sniffed.encoding !== "utf-8") {
    const warning: Warning | undefined = sniffed.sniffed
      ? { code: "encoding-detected", message: `UTF-16 without a byte-order mark; decoded as ${sniffed.encoding} (detected)` }
      : undefined;
    const decoder = iconv.getDecoder(sniffed.encoding);
    let pending = "";
    let overflow = false;
    let first = true;
    const emit = function* (text: string): Generator<Line> {
      let from = 0;
      for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", from)) {
        const part = pending + text.slice(from, nl);
        pending = "";
        from = nl + 1;
        n++;
        yield { line: overflow || part.length * 2 > maxBytes ? tooLong() : part.replace(/\r$/, ""), n, ...(warning ? { warning } : {}) };
        overflow = false;
      }
      const tail = text.slice(from);
      if (overflow || pending.length + tail.length > maxBytes) {
        overflow = true;
        pending = "";
      } else pending += tail;
    };
    for await (const chunk of rest) {
      yield* emit(decoder.write(first ? chunk.subarray(sniffed.bom) : chunk));
      first = false;
    }
    const end = decoder.end() ?? "";
    yield* emit(end);
    if (pending || overflow) yield { line: overflow ? tooLong() : pending.replace(/\r$/, ""), n: ++n, ...(warning ? { warning } : {}) };
    return;
  }

  // ASCII-compatible: split bytes at "\n", decode each line on its own.
  let legacy: string | undefined;
  const legacyOf = () => (legacy ??= legacyEncoding(head));
  let parts: Buffer[] = [];
  let size = 0;
  let overflow = false;
  let first = true;
  const line = (bytes: Buffer): Line => {
    n++;
    if (overflow) return { line: tooLong(), n };
    const end = bytes.length && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
    const d = decodeLine(bytes.subarray(0, end), legacyOf);
    return { line: d.text, n, ...(d.warning ? { warning: d.warning } : {}) };
  };
  for await (let chunk of rest) {
    if (first && sniffed) chunk = chunk.subarray(sniffed.bom);
    first = false;
    let from = 0;
    for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, from)) {
      const piece = chunk.subarray(from, nl);
      const bytes = parts.length ? Buffer.concat([...parts, piece]) : piece;
      if (size + piece.length > maxBytes) overflow = true;
      yield line(bytes);
      parts = [];
      size = 0;
      overflow = false;
      from = nl + 1;
    }
    const tail = chunk.subarray(from);
    if (overflow || size + tail.length > maxBytes) {
      overflow = true;
      parts = [];
      size = 0;
    } else if (tail.length) {
      parts.push(tail);
      size += tail.length;
    }
  }
  if (parts.length || overflow) yield line(Buffer.concat(parts));
}
