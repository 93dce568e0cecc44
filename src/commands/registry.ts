import { approveCommand } from "./approve-command.js";
import { awayCommand } from "./away-command.js";
import { backCommand } from "./back-command.js";
import { calendarCommand } from "./calendar-command.js";
import type { CommandSpec } from "./command-spec.js";
import { digestCommand } from "./digest-command.js";
import { exportCommand } from "./export-command.js";
import { extendCommand } from "./extend-command.js";
import { helpCommand } from "./help-command.js";
import { importCommand } from "./import/import-command.js";
import { lightsCommand } from "./lights-command.js";
import { muteCommand } from "./mute-command.js";
import { myCommand } from "./my-command.js";
import { outboxCommand } from "./outbox-command.js";
import { overdueCommand } from "./overdue-command.js";
import { planCommand } from "./plan-command.js";
import { rejectCommand } from "./reject-command.js";
import { remindCommand } from "./remind-command.js";
import { reopenCommand } from "./reopen-command.js";
import { returnCommand } from "./return-command.js";
import { silentCommand } from "./silent-command.js";
import { snoozeCommand } from "./snooze-command.js";
import { statsCommand } from "./stats-command.js";
import { taskCommand } from "./task-command.js";
import { unmuteCommand } from "./unmute-command.js";
import { unsnoozeCommand } from "./unsnooze-command.js";
import { webCommand } from "./web-command.js";
import { whoamiCommand } from "./whoami-command.js";

/** The contacts' and leaders' commands (/task for the office too), in the order /help lists them. */
const CONTACT_COMMANDS: readonly CommandSpec[] = [
  myCommand,
  digestCommand,
  taskCommand,
  awayCommand,
  backCommand,
  snoozeCommand,
  unsnoozeCommand,
  webCommand,
];

/** The office's commands (admins only), in the order /help lists them. */
const OFFICE_COMMANDS: readonly CommandSpec[] = [
  overdueCommand,
  silentCommand,
  remindCommand,
  lightsCommand,
  statsCommand,
  approveCommand,
  returnCommand,
  rejectCommand,
  reopenCommand,
  extendCommand,
  muteCommand,
  unmuteCommand,
  calendarCommand,
  planCommand,
  outboxCommand,
  importCommand,
  exportCommand,
];

/** Every chat command, in the order /help lists them. One file per command. */
export const COMMANDS: readonly CommandSpec[] = [
  helpCommand,
  whoamiCommand,
  ...CONTACT_COMMANDS,
  ...OFFICE_COMMANDS,
];
