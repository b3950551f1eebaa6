// A small seeded PRNG (mulberry32) and the draws the demo needs; the demo never uses Math.random,
// so the same seed always gives the same data.

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks a key by its weight, e.g. { email: 80, link: 20 }. */
  weighted<K extends string>(weights: Partial<Record<K, number>>): K;
  /** Index into a weight list. */
  index(weights: readonly number[]): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  const index = (weights: readonly number[]): number => {
    let total = 0;
    for (const w of weights) total += w;
    let r = next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return i;
    }
    return weights.length - 1;
  };
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError("pick from an empty list");
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted<K extends string>(weights: Partial<Record<K, number>>): K {
      const entries = Object.entries(weights) as [K, number][];
      const chosen = entries[index(entries.map(([, w]) => w))];
      if (!chosen) throw new RangeError("weighted pick from nothing");
      return chosen[0];
    },
    index,
    normal: () => {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
  return random;
}

/** Derives an independent seed for one part of the demo, so adding draws to one part leaves the others alone. */
export function subSeed(seed: number, part: string): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < part.length; i++) h = Math.imul(h ^ part.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
