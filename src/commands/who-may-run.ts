import { messages } from "../templates/template-store.js";
import type { Role } from "./command-spec.js";

const m = messages("commands");
const LABEL: Record<Role, string> = {
  admin: "roleAdmin",
  leader: "roleLeader",
  contact: "roleContact",
  unknown: "roleUnknown",
};

const ORDER: readonly Role[] = ["admin", "leader", "contact", "unknown"];

/** Who may run a command, as a refusal names them, the office first: "督考办管理员、牵头领导". */
export function whoMayRun(roles: readonly Role[]): string {
  return ORDER.filter((role) => roles.includes(role))
    .map((role) => m(LABEL[role]))
    .join(m("listSeparator"));
}
