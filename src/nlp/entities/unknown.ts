/**
 * Capitalised spans no dictionary knows, typed by context: a role before them or a known given name makes a person,
 * an organisation or place word at the end an organisation or a place, an acronym an organisation. A lone
 * capitalised word opening a sentence is not taken as a name (it is usually an ordinary word).
 */
import type { EntityType } from "../../record/schema.js";
import type { Gazetteer } from "./gazetteer.js";
import type { NameToken } from "./tokens.js";

const ORG_WORDS = new Set(
  "Agency Ministry Party Council Committee Commission Inc Corp Corporation Group Bank University News Army Navy Forces Organization Organisation Union Association Institute Company Ltd Office Department Court Parliament Assembly Front Movement Service Guard Police Federation League Fund Authority Agency Times Post Journal Television Radio Duma Senate Congress Cabinet Government Airlines Brigade".split(" "),
);
const LOC_WORDS = new Set("Island Islands Chain River Sea Ocean Mountains Mountain Mount Strait Peninsula Valley Province Region Gulf Bay Lake Desert Street Square Airport Coast Heights Plateau Basin Canal District County".split(" "));
export const SKIP_WORDS = new Set(
  (
    "The A An In On At As It Its This That These Those There Then Than When While Where What Which Who Whose Why How However But And Or Nor If So Yet Both Each Every " +
    "All Any Some No Not Following After Before Earlier Later Also Meanwhile Within Without Under Over From By For With About Against Between Into Through During Since Until " +
    "He She They We I You His Her Their Our My Your Mr Mrs Ms Dr Prof Sir " +
    "January February March April May June July August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday " +
    "According Asked Speaking Despite Although Though Once Instead Still Even Only Just Now Today Yesterday Tomorrow Last Next New"
  ).split(" "),
);

/**
 * The type of an unknown capitalised run: a role before it makes a person; then the trained tagger's type; then an
 * organisation or place word at its end, or a known given name. When none of these speaks, it is not taken as a
 * name (the tagger, which saw the words in context, found none).
 */
export function typeUnknown(run: readonly NameToken[], hasRole: boolean, gaz: Gazetteer, tagged: EntityType | null): EntityType | null {
  const first = run[0]!;
  const last = run[run.length - 1]!;
  if (hasRole) return "PERSON";
  if (tagged) return tagged;
  if (ORG_WORDS.has(last.text)) return "ORG";
  if (LOC_WORDS.has(last.text)) return "LOC";
  if (gaz.firstNames.has(first.key) && run.length > 1) return "PERSON";
  return null;
}
