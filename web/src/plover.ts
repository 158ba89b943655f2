/**
 * PLOVER quad classes for the page: a name, a colour and a shape each, so a class is never told by colour alone.
 * Types map to classes through data/events/plover.yaml (bundled at build time).
 */
import PLOVER from "virtual:plover";

export interface QuadClass {
  n: 1 | 2 | 3 | 4;
  name: string;
  /** A CSS class giving the colour (styles.css: .q1 … .q4). */
  css: string;
  /** A glyph drawn beside every event of the class. */
  glyph: string;
}

export const QUADS: Record<1 | 2 | 3 | 4, QuadClass> = {
  1: { n: 1, name: "verbal cooperation", css: "q1", glyph: "○" },
  2: { n: 2, name: "material cooperation", css: "q2", glyph: "■" },
  3: { n: 3, name: "verbal conflict", css: "q3", glyph: "△" },
  4: { n: 4, name: "material conflict", css: "q4", glyph: "◆" },
};

export const PLOVER_TYPES = Object.keys(PLOVER).sort();

export function quadOf(type: string, given?: number | null): QuadClass | null {
  const n = given ?? PLOVER[type]?.quadClass;
  return n === 1 || n === 2 || n === 3 || n === 4 ? QUADS[n] : null;
}
