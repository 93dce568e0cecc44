import { afterEach, beforeEach, describe } from "vitest";
import type { Store } from "../../src/store/store.js";
import { auditContract } from "./audit-contract.js";
import { budgetsContract } from "./budgets-contract.js";
import { cardsContract } from "./cards-contract.js";
import { claimManyContract } from "./claim-many-contract.js";
import { countersContract } from "./counters-contract.js";
import { dumpContract } from "./dump-contract.js";
import { inboxContract } from "./inbox-contract.js";
import { lockExtensionContract } from "./lock-extension-contract.js";
import { outagesContract } from "./outages-contract.js";
import { outboxContract } from "./outbox-contract.js";
import { outboxDeferContract } from "./outbox-defer-contract.js";
import { outboxNextDueContract } from "./outbox-next-due-contract.js";
import { outboxRequeueContract } from "./outbox-requeue-contract.js";
import { outboxSendingContract } from "./outbox-sending-contract.js";
import { overridesContract } from "./overrides-contract.js";
import { peopleAndPromptsContract } from "./people-prompts-contract.js";
import { primitivesContract } from "./primitives-contract.js";
import { progressContract } from "./progress-contract.js";
import { registryContract } from "./registry-contract.js";
import { requestsContract } from "./requests-contract.js";
import { retentionContract, storedTextContract } from "./retention-contract.js";
import type { ContractContext, StoreHarness } from "./store-harness.js";

/**
 * The behaviour every Store must have, run unchanged against each implementation. Each test
 * gets a new, empty store; `another()` gives further handles on the same data.
 */
export function storeContract(name: string, harness: StoreHarness): void {
  describe(`${name}: Store contract`, () => {
    let current: Store | undefined;
    const extra: Store[] = [];
    beforeEach(async () => {
      current = await harness.open();
    });
    afterEach(async () => {
      for (const store of extra.splice(0)) await store.close();
      await current?.close();
    });
    const ctx: ContractContext = {
      get store() {
        if (current === undefined) throw new Error("no store: use ctx.store inside a test");
        return current;
      },
      async another() {
        const store = await harness.openAnother(ctx.store);
        extra.push(store);
        return store;
      },
    };
    describe("registry", () => registryContract(ctx));
    describe("progress", () => progressContract(ctx));
    describe("requests", () => requestsContract(ctx));
    describe("outbox", () => outboxContract(ctx));
    describe("outbox: defer, and claims held by a worker", () => outboxDeferContract(ctx));
    describe("outbox: next due", () => outboxNextDueContract(ctx));
    describe("outbox: find by key, requeue", () => outboxRequeueContract(ctx));
    describe("outbox: started sends", () => outboxSendingContract(ctx));
    describe("channel outages", () => outagesContract(ctx));
    describe("cards", () => cardsContract(ctx));
    describe("prompts and people", () => peopleAndPromptsContract(ctx));
    describe("audit", () => auditContract(ctx));
    describe("the office's overrides", () => overridesContract(ctx));
    describe("claimOnce and locks", () => primitivesContract(ctx));
    describe("claimMany", () => claimManyContract(ctx));
    describe("inbox", () => inboxContract(ctx));
    describe("lock extension", () => lockExtensionContract(ctx));
    describe("budgets", () => budgetsContract(ctx));
    describe("counters", () => countersContract(ctx));
    describe("export and import", () => dumpContract(ctx));
    describe("retention", () => retentionContract(ctx));
    describe("stored free text", () => storedTextContract(ctx));
  });
}
