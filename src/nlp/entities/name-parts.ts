/**
 * A person named by one part of the full name given elsewhere in the article: the family name that comes first in
 * Korean and Chinese names ("Kim" for Kim Jong Un, "Xi" for Xi Jinping) or last in Western ones, and a headline's
 * surname before the body names the person in full ("Trump, Kim summit …"). The surname map of the entities stage
 * links only a last word to a name already read; this pass links either end, in either direction, when exactly one
 * person of the article has that part.
 */
import type { Candidate } from "../entities.js";

const words = (name: string) => name.split(/\s+/).filter(Boolean);

export function linkNameParts(cands: Candidate[]): void {
  const full = new Map<string, Candidate>();
  for (const c of cands) if (c.type === "PERSON" && words(c.name).length >= 2 && !full.has(c.key)) full.set(c.key, c);
  const byPart = new Map<string, Set<string>>();
  for (const [key, c] of full) {
    const w = words(c.name);
    for (const part of new Set([w[0]!, w[w.length - 1]!])) {
      const k = part.toLowerCase();
      const set = byPart.get(k) ?? new Set<string>();
      set.add(key);
      byPart.set(k, set);
    }
  }
  for (const c of cands) {
    // Only a one-word name nothing else resolved (no dictionary actor, no key of a known person).
    if (c.type !== "PERSON" || c.actor || !c.key.startsWith("u:") || words(c.name).length !== 1) continue;
    const keys = byPart.get(c.name.toLowerCase());
    if (keys?.size !== 1) continue;
    const person = full.get([...keys][0]!)!;
    if (person === c) continue;
    c.key = person.key;
    c.name = person.name;
    if (person.actor) c.actor = person.actor;
    c.kind = "alias";
  }
}
