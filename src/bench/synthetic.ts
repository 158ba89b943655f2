/**
 * Synthetic news for load tests: seeded, so every run builds the same store. Articles come in threads (two UN member
 * states and a subject, followed over consecutive weeks), so the story layer has real threads to find. Country names,
 * demonyms and capitals come from world-countries; the sentence frames are generic wire-copy shapes. Not a corpus
 * for accuracy: it exists to fill a store of realistic size and shape.
 */
import { createRequire } from "node:module";
import type { RawArticle } from "../pipeline/types.js";

type WorldCountry = { name: { common: string }; capital: string[]; unMember: boolean; demonyms?: { eng?: { m: string } } };
const countries = createRequire(import.meta.url)("world-countries") as WorldCountry[];

interface Country {
  name: string;
  demonym: string;
  capital: string;
}

const STATES: Country[] = countries
  .filter((c) => c.unMember && c.capital[0] && c.demonyms?.eng?.m)
  .map((c) => ({ name: c.name.common, demonym: c.demonyms!.eng!.m, capital: c.capital[0]! }));

const SUBJECTS = ["trade agreement", "border dispute", "fishing rights", "gas pipeline", "peace treaty", "visa regime", "nuclear programme", "water sharing deal", "investment treaty", "prisoner exchange"];
const AGENCIES = ["TASS", "Xinhua", "AFP", "Reuters", "Kyodo", "Anadolu"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** mulberry32: a small seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** `count` articles in threads of `perThread`, from 2015 on, the same for the same seed. */
export function* syntheticArticles(count: number, perThread = 10, seed = 20190122): Generator<RawArticle> {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  for (let t = 0; t * perThread < count; t++) {
    const a = pick(STATES);
    let b = pick(STATES);
    while (b === a) b = pick(STATES);
    const subject = pick(SUBJECTS);
    const signed = 1950 + Math.floor(rnd() * 60);
    let day = new Date(Date.UTC(2015, 0, 1) + Math.floor(rnd() * 3000) * 864e5);
    for (let i = 0; i < perThread && t * perThread + i < count; i++) {
      day = new Date(+day + (3 + Math.floor(rnd() * 10)) * 864e5);
      const agency = pick(AGENCIES);
      const [host, guest] = rnd() < 0.5 ? [a, b] : [b, a];
      const when = `${MONTHS[day.getUTCMonth()]} ${day.getUTCDate()}`;
      const sentences = [
        `${host.capital.toUpperCase()}, ${when}. /${agency}/. The foreign ministers of ${a.name} and ${b.name} met in ${host.capital} on ${when} to discuss the ${subject}.`,
        rnd() < 0.5
          ? `${guest.name} accused ${host.name} of delaying the talks on the ${subject}, the ${guest.demonym} foreign ministry said.`
          : `${host.name} and ${guest.name} agreed to continue negotiations on the ${subject} next month.`,
        `The two countries signed a first ${subject} in ${signed}, but it was never ratified.`,
        `According to diplomatic sources, ${guest.name} may demand new guarantees before the next round.`,
        `${host.demonym} officials said the ${subject} would be discussed again when the ${guest.demonym} delegation visits ${host.capital}.`,
        rnd() < 0.3 ? `${host.name} criticized ${guest.name} for its statements on the ${subject}.` : `Both sides praised the progress made so far.`,
      ];
      yield {
        origin: `synthetic:${t}:${i}`,
        format: "text",
        id: `syn-${t}-${i}`,
        title: `${a.name} and ${b.name} hold talks on ${subject}`,
        text: sentences.join("\n\n"),
        published: iso(day),
        source: agency,
        url: `https://example.org/${agency.toLowerCase()}/${t}/${i}`,
      };
    }
  }
}
