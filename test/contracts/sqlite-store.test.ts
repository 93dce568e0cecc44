import { join } from "node:path";
import { afterAll } from "vitest";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { Store } from "../../src/store/store.js";
import { makeTempDir } from "../helpers/temp-dir.js";
import { storeContract } from "./store-contract.js";

const dir = makeTempDir("duban-sqlite-contract");
const paths = new WeakMap<Store, string>();
let count = 0;

afterAll(() => dir.remove());

storeContract("SqliteStore", {
  async open() {
    const path = join(dir.path, `store-${++count}.sqlite`);
    const store = new SqliteStore({ path });
    paths.set(store, path);
    return store;
  },
  async openAnother(store) {
    const path = paths.get(store);
    if (path === undefined) throw new Error("openAnother: not a store this harness opened");
    return new SqliteStore({ path });
  },
});
