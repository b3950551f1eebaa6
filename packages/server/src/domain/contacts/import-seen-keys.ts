// The emails and external ids an import has already taken from earlier rows of its file, with the line
// that gave each, so a later row naming the same one is reported as a duplicate of that line. A million-row
// file holds two million keys: as JavaScript strings in a Map that was about 150 MB; here each key is a
// 64-bit hash and its line in typed arrays, 12 bytes a slot at most half full. Two different keys share
// a hash with a chance of about one in 10^7 for a whole million-row file.

const EMPTY = 0;

/** FNV-1a over UTF-16 code units, with a seed: two seeds give two independent 32-bit halves. */
function fnv(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // A final mix, so keys that differ only at the end spread over the table too.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

export class SeenKeys {
  private slots: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Uint32Array(capacity * 3);
    this.mask = capacity - 1;
  }

  /** The line that gave `key` first, or undefined (and `line` is recorded for it). */
  firstLine(key: string, line: number): number | undefined {
    const a = fnv(key, 0x811c9dc5);
    const b = fnv(key, 0x9747b28c) || 1; // never EMPTY: a used slot has b ≠ 0
    let i = a & this.mask;
    for (;;) {
      const at = i * 3;
      if (this.slots[at + 1] === EMPTY) break;
      if (this.slots[at] === a && this.slots[at + 1] === b) return this.slots[at + 2];
      i = (i + 1) & this.mask;
    }
    this.put(a, b, line);
    if (++this.count * 2 > this.mask + 1) this.grow();
    return undefined;
  }

  private put(a: number, b: number, line: number): void {
    let i = a & this.mask;
    while (this.slots[i * 3 + 1] !== EMPTY) i = (i + 1) & this.mask;
    this.slots[i * 3] = a;
    this.slots[i * 3 + 1] = b;
    this.slots[i * 3 + 2] = line;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    this.mask = (this.mask + 1) * 2 - 1;
    for (let at = 0; at < old.length; at += 3)
      if (old[at + 1] !== EMPTY) this.put(old[at]!, old[at + 1]!, old[at + 2]!);
  }
}
