/**
 * CoNLL-U (https://universaldependencies.org/format.html) read and written line by line, keeping what a parser must
 * not touch: comments, multiword-token ranges ("3-4 don't") and empty nodes ("8.1") are carried through as they are;
 * only the ten-column lines of words (integer ids) are the sentence the tagger and parser see.
 */

/** One word line (integer id). `head` is the 1-based id of the head word, 0 for the root; -1 when unknown ("_"). */
export interface ConlluWord {
  id: number;
  form: string;
  lemma: string;
  upos: string;
  xpos: string;
  feats: string;
  head: number;
  deprel: string;
  deps: string;
  misc: string;
}

/** A line kept as written, placed before word `before` (0-based index into `words`; words.length = at the end). */
export interface ConlluExtra {
  before: number;
  line: string;
}

export interface ConlluSentence {
  comments: string[];
  words: ConlluWord[];
  /** Multiword-token ranges and empty nodes, in their original places. */
  extras: ConlluExtra[];
}

const WORD_ID = /^\d+$/;

/** Parses CoNLL-U text. A malformed word line is an error naming its line number (a scorer must not guess). */
export function parseConllu(text: string): ConlluSentence[] {
  const out: ConlluSentence[] = [];
  let cur: ConlluSentence = { comments: [], words: [], extras: [] };
  const flush = () => {
    if (cur.words.length || cur.comments.length || cur.extras.length) out.push(cur);
    cur = { comments: [], words: [], extras: [] };
  };
  const lines = text.split("\n");
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.replace(/\r$/, "");
    if (line.trim() === "") {
      flush();
      continue;
    }
    if (line.startsWith("#")) {
      // A comment after the first word line belongs to no standard place: keep it as an extra where it stands.
      if (cur.words.length || cur.extras.length) cur.extras.push({ before: cur.words.length, line });
      else cur.comments.push(line);
      continue;
    }
    const cols = line.split("\t");
    if (cols.length !== 10) throw new Error(`CoNLL-U line ${n + 1}: expected 10 tab-separated columns, found ${cols.length}`);
    if (!WORD_ID.test(cols[0]!)) {
      cur.extras.push({ before: cur.words.length, line });
      continue;
    }
    const head = cols[6] === "_" ? -1 : Number(cols[6]);
    if (!Number.isInteger(head)) throw new Error(`CoNLL-U line ${n + 1}: head ${cols[6]} is not a number`);
    cur.words.push({
      id: Number(cols[0]),
      form: cols[1]!,
      lemma: cols[2]!,
      upos: cols[3]!,
      xpos: cols[4]!,
      feats: cols[5]!,
      head,
      deprel: cols[7]!,
      deps: cols[8]!,
      misc: cols[9]!,
    });
  }
  flush();
  return out;
}

const field = (s: string) => (s === "" ? "_" : s);

/** Writes sentences back as CoNLL-U (each followed by a blank line). */
export function formatConllu(sentences: readonly ConlluSentence[]): string {
  const parts: string[] = [];
  for (const s of sentences) {
    for (const c of s.comments) parts.push(c, "\n");
    let e = 0;
    for (let i = 0; i <= s.words.length; i++) {
      while (e < s.extras.length && s.extras[e]!.before === i) parts.push(s.extras[e++]!.line, "\n");
      if (i === s.words.length) break;
      const w = s.words[i]!;
      parts.push(
        [w.id, w.form, field(w.lemma), field(w.upos), field(w.xpos), field(w.feats), w.head < 0 ? "_" : w.head, field(w.deprel), field(w.deps), field(w.misc)].join("\t"),
        "\n",
      );
    }
    parts.push("\n");
  }
  return parts.join("");
}
