import { expect, it } from "vitest";
import { eventually } from "./eventually.js";
import type { ContractContext } from "./store-harness.js";

export function lockExtensionContract(ctx: ContractContext): void {
  it("lets only the holder extend its lock", async () => {
    const other = await ctx.another();
    const token = (await ctx.store.acquireLock("sweep", 60_000)) ?? "";
    expect(await other.extendLock("sweep", "not-the-token", 60_000)).toBe(false);
    expect(await other.extendLock("no-such-lock", token, 60_000)).toBe(false);
    expect(await other.extendLock("sweep", token, 60_000)).toBe(true);
    expect(await ctx.store.releaseLock("sweep", token)).toBe(true);
    expect(await ctx.store.extendLock("sweep", token, 60_000)).toBe(false);
    expect(await other.acquireLock("sweep", 60_000)).toEqual(expect.any(String));
  });

  it("keeps an extended lock past its first TTL", async () => {
    const other = await ctx.another();
    const token = (await ctx.store.acquireLock("sweep", 300)) ?? "";
    expect(await ctx.store.extendLock("sweep", token, 60_000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await other.acquireLock("sweep", 60_000)).toBeNull();
    expect(await ctx.store.releaseLock("sweep", token)).toBe(true);
  });

  it("cannot revive a lock whose TTL ran out", async () => {
    const other = await ctx.another();
    const stale = (await ctx.store.acquireLock("sweep", 50)) ?? "";
    expect(await eventually(() => other.acquireLock("sweep", 60_000))).toEqual(expect.any(String));
    expect(await ctx.store.extendLock("sweep", stale, 60_000)).toBe(false);
  });

  it("refuses a TTL that is not a positive whole number of milliseconds", async () => {
    const token = (await ctx.store.acquireLock("sweep", 60_000)) ?? "";
    await expect(ctx.store.extendLock("sweep", token, 0)).rejects.toThrow(/ttlMs/);
  });
}
