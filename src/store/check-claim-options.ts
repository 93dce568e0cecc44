import { checkTtl } from "./check-ttl.js";
import type { ClaimOptions } from "./outbox-message.js";

/** A claim needs a positive whole limit and lease; a zero limit would mean "all" to some commands. */
export function checkClaimOptions(options: ClaimOptions): ClaimOptions {
  if (!Number.isInteger(options.limit) || options.limit < 1) {
    throw new RangeError(`outbox.claimDue: limit must be a whole number ≥ 1, got ${options.limit}`);
  }
  checkTtl(options.leaseMs, "outbox.claimDue leaseMs");
  if (options.worker === "") throw new RangeError("outbox.claimDue: worker must name the claimer");
  return options;
}
