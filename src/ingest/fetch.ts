/**
 * HTTP(S) fetching that is safe to point at user-given and feed-given URLs:
 * - addresses are checked after DNS resolution, on every connection and so on every redirect
 *   (request-filtering-agent): private, loopback, link-local, unique-local and unspecified addresses are refused
 *   unless `allowPrivate` is set; cloud metadata addresses are refused always;
 * - redirects are followed by hand (at most MAX_REDIRECTS, http and https only), each hop checked again;
 * - a timeout per request and an optional overall deadline (a feed and all its item pages), a size limit enforced
 *   while reading the decompressed body (so a gzip bomb stops at the limit), and a clear User-Agent;
 * - conditional requests: `If-None-Match` / `If-Modified-Since` from a feed's stored validators, 304 reported.
 */
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from "request-filtering-agent";
import { VERSION } from "../version.js";
import { IngestSkip } from "./skip.js";

export const USER_AGENT = `Parley/${VERSION} (news event extraction; +https://github.com/parley-news/parley)`;
export const MAX_REDIRECTS = 5;
/** Cloud instance-metadata endpoints: refused even with --allow-private (they hand out credentials). */
export const METADATA_ADDRESSES = ["169.254.169.254", "fd00:ec2::254", "100.100.100.200"];

export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  userAgent: string;
  /** Fetch private, loopback and link-local addresses too (default false). */
  allowPrivate?: boolean;
  /** Addresses (or CIDR ranges) fetched even though they are private: a narrower door than allowPrivate. */
  allowAddresses?: string[];
  /** An overall deadline shared by several requests (a feed and its items); its reason names it. */
  deadline?: { signal: AbortSignal; reason: string };
  /** Validators from an earlier fetch of the same URL. */
  validators?: Validators | null;
  accept?: string;
}

export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface Fetched {
  bytes: Uint8Array;
  contentType: string;
  /** The URL after redirects. */
  url: string;
  status: number;
  /** The server's validators, to send next time. */
  validators: Validators;
  /** 304: the content has not changed since the validators were given (bytes are empty). */
  notModified: boolean;
}

/** An HTTP error status, with the server's Retry-After (as sent) for a caller that polls: `parley watch` backs off. */
export class HttpStatusError extends IngestSkip {
  constructor(
    readonly status: number,
    statusMessage: string | undefined,
    readonly retryAfter: string | null,
  ) {
    super(`HTTP ${status}${statusMessage ? ` ${statusMessage}` : ""}`);
  }
}

const agents = new Map<string, RequestFilteringHttpAgent | RequestFilteringHttpsAgent>();
function agentFor(protocol: string, allowPrivate: boolean, allowAddresses: string[]) {
  const key = `${protocol}${allowPrivate}${allowAddresses.join(",")}`;
  let agent = agents.get(key);
  if (!agent) {
    const allowIPAddressList = allowAddresses.filter((a) => !METADATA_ADDRESSES.includes(a));
    const options = { allowPrivateIPAddress: allowPrivate, allowMetaIPAddress: false, allowIPAddressList, denyIPAddressList: METADATA_ADDRESSES };
    agent = protocol === "https:" ? new RequestFilteringHttpsAgent(options) : new RequestFilteringHttpAgent(options);
    agents.set(key, agent);
  }
  return agent;
}

/** The reason for a refused address, from request-filtering-agent's message ("DNS lookup 127.0.0.1(…) is not allowed…"). */
function refusal(err: Error, host: string, allowPrivate: boolean): string | null {
  const m = /DNS lookup (\S+?)\(.*is not allowed/.exec(err.message);
  if (!m) return null;
  const address = m[1]!;
  const via = address === host.replace(/^\[|\]$/g, "") ? address : `${host} (${address})`;
  if (METADATA_ADDRESSES.includes(address) || /meta IP address/.test(err.message)) return `refused: ${via} is a metadata or unspecified address`;
  return allowPrivate ? `refused: ${via} is not allowed` : `refused: ${via} is a private, loopback or link-local address (pass --allow-private to fetch it)`;
}

function send(url: URL, opts: FetchOptions, signal: AbortSignal): Promise<IncomingMessage> {
  const headers: Record<string, string> = {
    "user-agent": opts.userAgent,
    accept: opts.accept ?? "text/html, application/rss+xml, application/atom+xml, text/plain;q=0.9, */*;q=0.5",
    "accept-encoding": "gzip, deflate, br",
  };
  if (opts.validators?.etag) headers["if-none-match"] = opts.validators.etag;
  if (opts.validators?.lastModified) headers["if-modified-since"] = opts.validators.lastModified;
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent: agentFor(url.protocol, opts.allowPrivate === true, opts.allowAddresses ?? []), signal }, resolve);
    req.on("error", reject);
    req.end();
  });
}

function decoded(res: IncomingMessage): NodeJS.ReadableStream {
  const enc = (res.headers["content-encoding"] ?? "").trim().toLowerCase();
  if (enc === "gzip" || enc === "x-gzip") return res.pipe(createGunzip());
  if (enc === "deflate") return res.pipe(createInflate());
  if (enc === "br") return res.pipe(createBrotliDecompress());
  return res;
}

export async function fetchBytes(url: string, opts: FetchOptions): Promise<Fetched> {
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.deadline ? AbortSignal.any([timeout, opts.deadline.signal]) : timeout;
  const why = (e: Error): IngestSkip => {
    if (opts.deadline?.signal.aborted) return new IngestSkip(opts.deadline.reason);
    if (timeout.aborted || e.name === "TimeoutError" || e.name === "AbortError") return new IngestSkip(`timeout after ${opts.timeoutMs / 1000} s`);
    return new IngestSkip(`download failed: ${e.message.split("\n")[0]}`);
  };
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    throw new IngestSkip(`not a valid URL: ${url}`);
  }
  for (let hop = 0; ; hop++) {
    if (current.protocol !== "http:" && current.protocol !== "https:") throw new IngestSkip(`refused: ${current.protocol} URLs are not fetched`);
    let res: IncomingMessage;
    try {
      res = await send(current, hop === 0 ? opts : { ...opts, validators: null }, signal);
    } catch (err) {
      const e = err as Error & { code?: string; cause?: { code?: string; message?: string } };
      const refused = refusal(e, current.hostname, opts.allowPrivate === true);
      if (refused) throw new IngestSkip(refused);
      if (signal.aborted) throw why(e);
      throw new IngestSkip(`unreachable: ${e.code ?? e.cause?.code ?? e.cause?.message ?? e.message}`);
    }
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (status >= 300 && status < 400 && status !== 304 && location) {
      res.resume();
      if (hop >= MAX_REDIRECTS) throw new IngestSkip(`more than ${MAX_REDIRECTS} redirects`);
      try {
        current = new URL(location, current);
      } catch {
        throw new IngestSkip(`redirect to an invalid URL: ${location.slice(0, 200)}`);
      }
      continue;
    }
    const validators: Validators = {};
    if (typeof res.headers.etag === "string") validators.etag = res.headers.etag;
    if (typeof res.headers["last-modified"] === "string") validators.lastModified = res.headers["last-modified"];
    const base = { contentType: res.headers["content-type"] ?? "", url: current.href, status, validators };
    if (status === 304) {
      res.resume();
      return { ...base, bytes: new Uint8Array(0), notModified: true };
    }
    if (status < 200 || status >= 300) {
      res.resume();
      const retryAfter = res.headers["retry-after"];
      throw new HttpStatusError(status, res.statusMessage, typeof retryAfter === "string" ? retryAfter : null);
    }
    const declared = Number(res.headers["content-length"] ?? 0);
    if (declared > opts.maxBytes) {
      res.destroy();
      throw new IngestSkip(`larger than the ${opts.maxBytes} byte limit (${declared} bytes)`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const body = decoded(res);
    try {
      for await (const chunk of body) {
        size += (chunk as Buffer).length;
        if (size > opts.maxBytes) throw new IngestSkip(`larger than the ${opts.maxBytes} byte limit`);
        chunks.push(chunk as Buffer);
      }
    } catch (err) {
      res.destroy();
      if (err instanceof IngestSkip) throw err;
      throw why(err as Error);
    }
    return { ...base, bytes: Buffer.concat(chunks), notModified: false };
  }
}
