/** A sentence of the dependency parse (Doc.syntax), with children lists, for the event coder. */
import type { Token } from "../pipeline/tokens.js";
import type { SyntaxLayer } from "../pipeline/types.js";

// Relations that leave the clause or the phrase a pattern element is looked for in.
const OTHER_CLAUSE = new Set(["advcl", "parataxis", "ccomp", "csubj", "csubj:pass", "acl:relcl", "punct", "discourse", "vocative", "reparandum", "dep", "list"]);
const SUBJECT = new Set(["nsubj", "nsubj:pass", "nsubj:outer", "expl"]);
/** Words English uses both as prepositions and as subordinating conjunctions (UD tags them ADP or SCONJ). */
const SUBORDINATORS = new Set(["after", "before", "since", "until", "till"]);

export class Tree {
  private readonly kids: number[][];

  constructor(
    readonly syntax: SyntaxLayer,
    readonly tokens: readonly Token[],
    /** Token range [a, b) of the sentence. */
    readonly a: number,
    readonly b: number,
  ) {
    this.kids = Array.from({ length: b - a }, () => []);
    for (let i = a; i < b; i++) {
      const h = syntax.head[i]!;
      if (h >= a && h < b) this.kids[h - a]!.push(i);
    }
  }

  head(i: number): number {
    const h = this.syntax.head[i]!;
    return h >= this.a && h < this.b ? h : -1;
  }
  rel(i: number): string {
    return this.syntax.deprel[i] ?? "";
  }
  upos(i: number): string {
    return this.syntax.upos[i] ?? "";
  }
  // Lower-cased lemmas and forms of the sentence's tokens, made on first use: the verb dictionary asks for them
  // many times per token. A token outside the sentence is lower-cased on each call.
  private lemmas: (string | undefined)[] = [];
  private forms: (string | undefined)[] = [];
  lemma(i: number): string {
    if (i < this.a || i >= this.b) return (this.syntax.lemma[i] ?? this.tokens[i]!.text).toLowerCase();
    return (this.lemmas[i - this.a] ??= (this.syntax.lemma[i] ?? this.tokens[i]!.text).toLowerCase());
  }
  form(i: number): string {
    if (i < this.a || i >= this.b) return this.tokens[i]!.text.toLowerCase();
    return (this.forms[i - this.a] ??= this.tokens[i]!.text.toLowerCase());
  }
  children(i: number): readonly number[] {
    return this.kids[i - this.a] ?? [];
  }
  /** Children whose relation is `rel` or one of its subtypes ("obl" finds "obl:agent"). */
  childrenBy(i: number, ...rels: string[]): number[] {
    return this.children(i).filter((c) => rels.some((r) => this.rel(c) === r || this.rel(c).startsWith(`${r}:`)));
  }
  isSubject(i: number): boolean {
    return SUBJECT.has(this.rel(i));
  }

  /** Tokens under `i` (itself included), not descending through the relations (or tokens) `stop` rejects. */
  subtree(i: number, stop: (rel: string, token: number) => boolean = () => false): number[] {
    const out = [i];
    for (let k = 0; k < out.length; k++) for (const c of this.children(out[k]!)) if (!stop(this.rel(c), c)) out.push(c);
    return out.sort((x, y) => x - y);
  }

  /**
   * Where a verb's pattern words are looked for: its dependents other than subjects and other clauses, and theirs
   * (objects, attachments, particles, complements), so "called on X for tough new sanctions" holds "sanctions".
   */
  frame(v: number): number[] {
    const out: number[] = [];
    const stack = this.children(v).filter((c) => !SUBJECT.has(this.rel(c)) && !OTHER_CLAUSE.has(this.rel(c)) && this.rel(c) !== "conj" && this.rel(c) !== "cc");
    while (stack.length) {
      const t = stack.pop()!;
      out.push(t);
      // A particle belongs to its own verb: "needed to find out" holds no "out" of "need".
      for (const c of this.children(t)) if (!OTHER_CLAUSE.has(this.rel(c)) && !SUBJECT.has(this.rel(c)) && this.rel(c) !== "compound:prt") stack.push(c);
    }
    return out.sort((x, y) => x - y);
  }

  /**
   * Where a pattern's bare words (head nouns, particles, complements) are looked for: the verb's object phrases,
   * complements and particles, not its other attachments ("According to some reports" holds no object).
   * `clauses: false` leaves out complement clauses: what a speaker says ("said they will release …") is not the
   * object of the saying.
   */
  objectFrame(v: number, clauses = true): number[] {
    const out: number[] = [];
    // "said the start of the truce would be announced": an object followed by a complement clause with no subject
    // of its own is that clause's subject, misread (a finite clause has a subject): not what was said.
    const subjectless = clauses ? undefined : this.children(v).find((c) => this.rel(c) === "ccomp" && !this.hasOwnSubject(c));
    for (const c of this.children(v)) {
      const r = this.rel(c);
      if (!clauses && r === "ccomp") continue;
      if (subjectless !== undefined && r === "obj" && c < subjectless) continue;
      const objectLike = ["obj", "iobj", "xcomp", "compound:prt", "advmod", "nsubj:pass", "obl:npmod", "ccomp"].includes(r) || (r === "obl" && !this.children(c).some((x) => this.rel(x) === "case"));
      if (objectLike) out.push(...this.subtree(c, (rr) => OTHER_CLAUSE.has(rr) || rr.startsWith("nsubj") || rr === "compound:prt"));
    }
    return out.sort((x, y) => x - y);
  }

  /**
   * A finite adverbial clause whose subject the parser took for the object of a preposition: "after Japan had
   * signed …" read as "after Japan" (an oblique) followed by a subjectless "had signed". English
   * finite clauses have subjects, and the words that introduce both phrases and clauses (after, before, since, until)
   * are where parsers confuse the two, so such an oblique, ending right before the verb and its auxiliaries, is the
   * clause's subject.
   */
  misreadSubject(v: number, h: number): number | undefined {
    const finite = this.childrenBy(v, "aux").length > 0 || /^VB[DZP]$/.test(this.syntax.xpos[v] ?? "");
    if (!finite) return undefined;
    // The misread subject hangs on the clause's verb or on the verb the clause modifies, depending on the parse.
    for (const o of [...this.childrenBy(v, "obl"), ...this.childrenBy(h, "obl")]) {
      if (o > v || !this.childrenBy(o, "case").some((c) => SUBORDINATORS.has(this.lemma(c)))) continue;
      const span = this.subtree(o);
      const end = span[span.length - 1]!;
      if (end >= v) continue;
      let between = true;
      for (let i = end + 1; i < v; i++) if (this.head(i) !== v) between = false;
      if (between) return o;
    }
    return undefined;
  }

  /** Whether a verb has a subject of its own (a misread one of a finite adverbial clause counts). */
  hasOwnSubject(v: number): boolean {
    if (this.children(v).some((c) => this.isSubject(c))) return true;
    const h = this.head(v);
    return h >= 0 && this.rel(v) === "advcl" && this.misreadSubject(v, h) !== undefined;
  }

  /** The subject of a verb: its own, else (infinitives, participles, shared conjuncts) its governor's. */
  subjectOf(v: number, depth = 0): { token: number; passive: boolean } | null {
    const own = this.children(v).find((c) => SUBJECT.has(this.rel(c)) && this.rel(c) !== "expl");
    if (own !== undefined) return { token: own, passive: this.rel(own) === "nsubj:pass" };
    const h = this.head(v);
    if (h < 0 || depth > 3) return null;
    const r = this.rel(v);
    // "urged Iraq to withdraw": the object of the governor is the one who is to act (object control).
    if (r === "xcomp") {
      const obj = this.childrenBy(h, "obj", "iobj")[0];
      if (obj !== undefined) return { token: obj, passive: false };
    }
    if (r === "advcl") {
      const misread = this.misreadSubject(v, h);
      if (misread !== undefined) return { token: misread, passive: this.childrenBy(v, "aux:pass").length > 0 };
    }
    if (r === "xcomp" || r === "conj" || r === "advcl") return this.subjectOf(h, depth + 1);
    // "are guilty of violating the ceasefire": a clause completing a copular predicate has the predicate's subject.
    if (r === "acl" && this.children(h).some((c) => this.rel(c) === "cop")) return this.subjectOf(h, depth + 1);
    // "troops deployed in the region": a participle modifying a noun has that noun as its subject.
    if (r === "acl") return { token: h, passive: /ed$|en$/.test(this.form(v)) };
    return null;
  }
}
