/**
 * A small least-recently-used map: what depends only on (mass, data, options) and is shared by every model fitted at
 * that mass (e.g. the recast searches of the resonance veto), with memory bounded for jobs that visit many masses.
 */
export class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly capacity: number) {}

  /** The value for key, built (and kept) on first use. */
  get(key: K, build: () => V): V {
    const hit = this.map.get(key);
    if (hit !== undefined) {
      // Move to the back: the front is the least recently used.
      this.map.delete(key);
      this.map.set(key, hit);
      return hit;
    }
    const v = build();
    this.map.set(key, v);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
    return v;
  }

  get size(): number {
    return this.map.size;
  }
}
