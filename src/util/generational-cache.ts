/**
 * A cache of per-word facts with a fixed bound, for the taggers' word caches. Clearing a single map when it fills
 * drops the frequent words with the rare ones; this keeps two generations instead: a word found in the old one moves
 * to the new one, and when the new one is full the old one is dropped. Frequent words therefore survive every
 * turnover, and at most `capacity` entries are ever held (each a few hundred bytes to over a kilobyte, so an
 * unbounded or generous cache grew a long ingest by 150 MB on te3-silver's vocabulary).
 */
export class GenerationalCache<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();
  private readonly half: number;

  constructor(capacity: number) {
    this.half = Math.max(1, Math.floor(capacity / 2));
  }

  get(key: string): V | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined) return hit;
    const aged = this.old.get(key);
    if (aged !== undefined) this.set(key, aged);
    return aged;
  }

  set(key: string, value: V): void {
    if (this.young.size >= this.half) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  clear(): void {
    this.young.clear();
    this.old.clear();
  }

  get size(): number {
    return this.young.size + this.old.size;
  }
}
