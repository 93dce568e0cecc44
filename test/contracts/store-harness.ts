import type { Store } from "../../src/store/store.js";

/** How a contract suite gets stores of one kind. */
export interface StoreHarness {
  /** A new, empty store. */
  open(): Promise<Store>;
  /** Another handle on the same data as `store`, as a second app instance would have. */
  openAnother(store: Store): Promise<Store>;
}

/** What each part of the contract sees: the current test's store, and more handles on its data. */
export interface ContractContext {
  readonly store: Store;
  another(): Promise<Store>;
}
