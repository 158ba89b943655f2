/**
 * robots.txt for the pages Parley fetches on its own (the linked pages of feed items), read once per site and run
 * with robots-parser. As RFC 9309 says: a robots.txt that is missing (4xx) allows everything; one that cannot be
 * read (5xx, unreachable) disallows everything for now. URLs the user names are fetched without asking: the user
 * chose them.
 */
import { createRequire } from "node:module";
import { fetchBytes, type FetchOptions } from "./fetch.js";
import { IngestSkip } from "./skip.js";

interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
}
// robots-parser is CommonJS and its typings declare an ES default export that NodeNext resolution cannot call.
const robotsParser = createRequire(import.meta.url)("robots-parser") as (url: string, robotstxt: string) => Robot;

type Rules = { allows(url: string): boolean } | { refuse: string };

export class RobotsCache {
  private readonly sites = new Map<string, Promise<Rules>>();
  /** The product token matched against robots.txt groups ("Parley" of "Parley/0.1.0 (…)"). */
  private readonly agent: string;

  constructor(private readonly opts: FetchOptions) {
    this.agent = opts.userAgent.split(/[/\s]/)[0] || "Parley";
  }

  /** null when `url` may be fetched, else the reason it may not. */
  async refusal(url: string): Promise<string | null> {
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      return null;
    }
    let rules = this.sites.get(origin);
    if (!rules) {
      rules = this.load(origin);
      this.sites.set(origin, rules);
    }
    const r = await rules;
    if ("refuse" in r) return r.refuse;
    return r.allows(url) ? null : `robots.txt of ${origin} disallows ${this.agent}`;
  }

  private async load(origin: string): Promise<Rules> {
    const robotsUrl = `${origin}/robots.txt`;
    try {
      const got = await fetchBytes(robotsUrl, { ...this.opts, validators: null, accept: "text/plain, */*;q=0.5", maxBytes: 512 * 1024 });
      const parsed = robotsParser(robotsUrl, Buffer.from(got.bytes).toString("utf8"));
      return { allows: (url) => parsed.isAllowed(url, this.agent) !== false };
    } catch (err) {
      const reason = err instanceof IngestSkip ? err.message : String(err);
      const status = /^HTTP (\d{3})/.exec(reason)?.[1];
      if (status && status.startsWith("4")) return { allows: () => true };
      if (reason.startsWith("refused:")) return { refuse: reason };
      return { refuse: `robots.txt of ${origin} could not be read (${reason}): not fetched, as RFC 9309 asks` };
    }
  }
}
