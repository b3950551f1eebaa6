import { describe, expect, it } from "vitest";
import { grouped } from "./grouped.ts";

/** A statement stand-in that records the groups it was given and answers each item doubled. */
function recorder(opts: { fail?: (item: number) => boolean; delayMs?: number } = {}) {
  const groups: { key: string; items: number[] }[] = [];
  const run = async (key: string, items: number[]) => {
    groups.push({ key, items });
    await new Promise((r) => setTimeout(r, opts.delayMs ?? 5));
    if (items.some((i) => opts.fail?.(i))) throw new Error(`bad item in ${items.join(",")}`);
    return items.map((i) => i * 2);
  };
  return { groups, run };
}

/** A statement stand-in that counts how many run at once, failing the groups `fails` picks. */
function counting(fails: (items: number[]) => boolean) {
  let running = 0;
  let most = 0;
  const run = async (_: string, items: number[]) => {
    most = Math.max(most, ++running);
    await new Promise((r) => setTimeout(r, 2));
    running--;
    if (fails(items)) throw new Error("bad");
    return items;
  };
  return { run, most: () => most };
}

describe("grouped", () => {
  it("sends calls made in the same turn as one group and answers each caller its own result", async () => {
    const { groups, run } = recorder();
    const call = grouped(run, { inFlight: 2, maxSize: 100 });
    const results = await Promise.all([1, 2, 3, 4, 5].map((i) => call("a", i)));
    expect(results).toEqual([2, 4, 6, 8, 10]);
    expect(groups).toEqual([{ key: "a", items: [1, 2, 3, 4, 5] }]);
  });

  it("lets calls that arrive while groups are in flight wait and go together", async () => {
    const { groups, run } = recorder({ delayMs: 20 });
    const call = grouped(run, { inFlight: 1, maxSize: 100 });
    const first = call("a", 1);
    await new Promise((r) => setTimeout(r, 5)); // the first group is now in flight
    const later = [2, 3, 4].map((i) => call("a", i));
    expect(await Promise.all([first, ...later])).toEqual([2, 4, 6, 8]);
    expect(groups.map((g) => g.items)).toEqual([[1], [2, 3, 4]]);
  });

  it("never mixes keys and keeps groups within maxSize", async () => {
    const { groups, run } = recorder();
    const call = grouped(run, { inFlight: 4, maxSize: 2 });
    await Promise.all([call("a", 1), call("b", 2), call("a", 3), call("a", 5), call("b", 6)]);
    for (const g of groups) {
      expect(g.items.length).toBeLessThanOrEqual(2);
      expect(g.items.every((i) => (g.key === "a" ? i % 2 === 1 : i % 2 === 0))).toBe(true);
    }
    expect(groups.flatMap((g) => g.items).sort()).toEqual([1, 2, 3, 5, 6]);
  });

  it("tries the halves of a failed group in turn, so only the bad call fails", async () => {
    const { groups, run } = recorder({ fail: (i) => i === 3 });
    const call = grouped(run, { inFlight: 2, maxSize: 100 });
    const settled = await Promise.allSettled([1, 2, 3, 4].map((i) => call("a", i)));
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(settled[1]).toEqual({ status: "fulfilled", value: 4 });
    expect(groups.map((g) => g.items)).toEqual([[1, 2, 3, 4], [1, 2], [3, 4], [3], [4]]);
  });

  it("retries a failed group within its slot, never past inFlight", async () => {
    const { run, most } = counting((items) => items.includes(0));
    const call = grouped(run, { inFlight: 1, maxSize: 8 });
    const settled = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => call("a", i)));
    expect(settled.filter((s) => s.status === "rejected")).toHaveLength(1);
    expect(most()).toBe(1);
  });

  it("holds at most inFlight groups at once", async () => {
    const { run, most } = counting(() => false);
    const call = grouped(run, { inFlight: 2, maxSize: 1 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => call("a", i)));
    expect(most()).toBe(2);
  });
});
