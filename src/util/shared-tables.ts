/**
 * Read-only tables that worker threads share: built once, in plain typed arrays, so that the worker pool can build
 * them in SharedArrayBuffers and pass them in each worker's workerData (a SharedArrayBuffer is shared, not copied)
 * instead of every worker loading its own copy into its heap (src/pipeline/pool.ts, worker.ts).
 *
 * A model names its table with a `TableSpec` (a name and a builder given the memory to build in) and reads it with
 * `tableOf(spec)`: the one the pool provided to this thread, else one built here on first use. Structured cloning
 * keeps data but not classes, so a table is data (typed arrays, small arrays of strings, numbers) and its model
 * wraps it. The data structures the models need beyond plain typed arrays are here too: `Strings` (a column of
 * strings in one array) and `StringIndex` (an immutable map from a string, within a numbered scope, to a number:
 * a dictionary's words, or a trie's edges as (parent node, word) → child node: `flattenTrie`).
 */

/** Gives the memory a table is built in: a SharedArrayBuffer to share it, an ArrayBuffer otherwise. */
export type Alloc = (bytes: number) => ArrayBufferLike;
export const plainAlloc: Alloc = (bytes) => new ArrayBuffer(bytes);
export const sharedAlloc: Alloc = (bytes) => new SharedArrayBuffer(bytes);

export interface TableSpec<T> {
  readonly name: string;
  build(alloc: Alloc): T;
}

const tables = new Map<string, unknown>();

/** This thread's table of `spec`: provided by the pool, else built here once (in `alloc`'s memory). */
export function tableOf<T>(spec: TableSpec<T>, alloc: Alloc = plainAlloc): T {
  let t = tables.get(spec.name) as T | undefined;
  if (t === undefined) tables.set(spec.name, (t = spec.build(alloc)));
  return t;
}

/** The table of `spec` this thread already holds (provided by the pool, or built), if any. */
export function heldTable<T>(spec: TableSpec<T>): T | undefined {
  return tables.get(spec.name) as T | undefined;
}

/** The tables of `specs` by name, built in SharedArrayBuffers (unless this thread already holds them), for workers. */
export function shareTables(specs: readonly TableSpec<unknown>[]): Record<string, unknown> {
  return Object.fromEntries(specs.map((s) => [s.name, tableOf(s, sharedAlloc)]));
}

/** In a worker: the tables the pool built (from `shareTables`), read by `tableOf` instead of building its own. */
export function provideTables(provided: Record<string, unknown>): void {
  for (const [name, t] of Object.entries(provided)) {
    if (tables.has(name)) throw new Error(`provideTables: this thread already holds its own ${name} table`);
    tables.set(name, t);
  }
}

/** Carves typed arrays out of one buffer: sizes first (`int32`, `uint16`…), then `done(alloc)` allocates and fills. */
export class Layout {
  private parts: { kind: "i32" | "u16" | "u8" | "f32" | "u32"; n: number }[] = [];

  add(kind: "i32" | "u16" | "u8" | "f32" | "u32", n: number): number {
    return this.parts.push({ kind, n }) - 1;
  }

  /** The arrays in the order added, in one buffer from `alloc` (4-byte parts first, so each stays aligned). */
  done(alloc: Alloc): (Int32Array | Uint16Array | Uint8Array | Float32Array | Uint32Array)[] {
    const width = { i32: 4, u32: 4, f32: 4, u16: 2, u8: 1 } as const;
    const order = this.parts.map((_, i) => i).sort((a, b) => width[this.parts[b]!.kind] - width[this.parts[a]!.kind]);
    let bytes = 0;
    const at: number[] = [];
    for (const i of order) {
      at[i] = bytes;
      bytes += width[this.parts[i]!.kind] * this.parts[i]!.n;
    }
    const buf = alloc(Math.max(4, (bytes + 3) & ~3));
    return this.parts.map(({ kind, n }, i) => {
      const off = at[i]!;
      if (kind === "i32") return new Int32Array(buf, off, n);
      if (kind === "u32") return new Uint32Array(buf, off, n);
      if (kind === "f32") return new Float32Array(buf, off, n);
      return kind === "u16" ? new Uint16Array(buf, off, n) : new Uint8Array(buf, off, n);
    });
  }
}

/** Strings in one array of UTF-16 code units: string i is chars[starts[i] … starts[i + 1]). */
export interface StringsData {
  chars: Uint16Array;
  starts: Int32Array;
}

export class Strings {
  constructor(readonly data: StringsData) {}

  static build(list: readonly string[], alloc: Alloc): StringsData {
    let total = 0;
    for (const s of list) total += s.length;
    const [chars, starts] = stringsLayout(new Layout(), list.length, total).done(alloc) as [Uint16Array, Int32Array];
    fillStrings(list, chars, starts);
    return { chars, starts };
  }

  get length(): number {
    return this.data.starts.length - 1;
  }

  at(i: number): string {
    const { chars, starts } = this.data;
    return String.fromCharCode.apply(null, chars.subarray(starts[i]!, starts[i + 1]!) as unknown as number[]);
  }
}

function stringsLayout(l: Layout, n: number, chars: number): Layout {
  l.add("u16", chars);
  l.add("i32", n + 1);
  return l;
}

function fillStrings(list: readonly string[], chars: Uint16Array, starts: Int32Array): void {
  let at = 0;
  list.forEach((s, i) => {
    starts[i] = at;
    for (let k = 0; k < s.length; k++) chars[at++] = s.charCodeAt(k);
  });
  starts[list.length] = at;
}

/** FNV-1a over the scope's four bytes, then the string's code units. */
function hashOf(scope: number, key: string): number {
  let h = Math.imul(0x811c9dc5 ^ scope, 0x01000193);
  for (let k = 0; k < key.length; k++) h = Math.imul(h ^ key.charCodeAt(k), 0x01000193);
  return h | 0;
}

/**
 * An immutable map from (scope, key) to a number, in typed arrays: entry i is keys' string i, scopes[i], values[i];
 * `slots` is an open-addressing table of entry numbers + 1 (0 empty) at most half full, probed linearly from the
 * key's hash, which `hashes[i]` keeps so that most probes compare no characters.
 */
export interface StringIndexData {
  keys: StringsData;
  hashes: Int32Array;
  scopes: Int32Array;
  values: Int32Array;
  slots: Int32Array;
}

export class StringIndex {
  private readonly chars: Uint16Array;
  private readonly starts: Int32Array;
  private readonly hashes: Int32Array;
  private readonly scopes: Int32Array;
  private readonly values: Int32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(data: StringIndexData) {
    ({ chars: this.chars, starts: this.starts } = data.keys);
    ({ hashes: this.hashes, scopes: this.scopes, values: this.values, slots: this.slots } = data);
    this.mask = this.slots.length - 1;
  }

  /** `entries` as [scope, key, value]; a (scope, key) given twice keeps its first value. */
  static build(entries: readonly (readonly [number, string, number])[], alloc: Alloc): StringIndexData {
    let bits = 1;
    while (1 << bits < 2 * entries.length) bits++;
    let total = 0;
    for (const e of entries) total += e[1].length;
    const l = stringsLayout(new Layout(), entries.length, total);
    for (const n of [entries.length, entries.length, entries.length, 1 << bits]) l.add("i32", n);
    const [chars, starts, hashes, scopes, values, slots] = l.done(alloc) as [Uint16Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
    fillStrings(entries.map((e) => e[1]), chars, starts);
    const mask = (1 << bits) - 1;
    entries.forEach(([scope, key, value], i) => {
      const h = hashOf(scope, key);
      hashes[i] = h;
      scopes[i] = scope;
      values[i] = value;
      let s = h & mask;
      for (; slots[s] !== 0; s = (s + 1) & mask) {
        const e = slots[s]! - 1;
        if (hashes[e] === h && scopes[e] === scope && entries[e]![1] === key) return;
      }
      slots[s] = i + 1;
    });
    return { keys: { chars, starts }, hashes, scopes, values, slots };
  }

  /** The value of `key` in `scope`, or undefined. */
  get(scope: number, key: string): number | undefined {
    const h = hashOf(scope, key);
    const { chars, starts, hashes, scopes, slots, mask } = this;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = slots[s]! - 1;
      if (e < 0) return undefined;
      if (hashes[e] !== h || scopes[e] !== scope) continue;
      const a = starts[e]!;
      if (starts[e + 1]! - a !== key.length) continue;
      let k = 0;
      while (k < key.length && chars[a + k] === key.charCodeAt(k)) k++;
      if (k === key.length) return this.values[e];
    }
  }
}

/**
 * A trie of words built as nested Maps, flattened: its nodes numbered breadth-first from the root (0), and its edges
 * as (parent, word) → child entries of a StringIndex. `nodes[i]` is node i, for the caller's per-node values.
 */
export function flattenTrie<N>(root: N, next: (node: N) => Iterable<[string, N]> | null, alloc: Alloc): { edges: StringIndexData; nodes: N[] } {
  const edges: [number, string, number][] = [];
  const nodes: N[] = [root];
  for (let at = 0; at < nodes.length; at++) for (const [w, child] of next(nodes[at]!) ?? []) edges.push([at, w, nodes.push(child) - 1]);
  return { edges: StringIndex.build(edges, alloc), nodes };
}
