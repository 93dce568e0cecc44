import type { DigestSettings } from "../config/digest-settings.js";
import type { Directory } from "../directory/directory.js";
import { message } from "../templates/template-store.js";
import { listNames } from "./list-names.js";
import type { StartupWarning } from "./startup-warning.js";

/**
 * The group chats the settings send digests to (digest.chats) that the directory does not have,
 * and the leaders they are listed under that it does not know: those digests would reach no one.
 */
export function checkDigestChats(
  digest: Pick<DigestSettings, "chats">,
  directory: Directory,
  settingsFile: string,
): StartupWarning[] {
  const chats = new Set((directory.chats ?? []).map((chat) => chat.name));
  const leaders = new Set(directory.leaders.map((leader) => leader.name));
  const warnings: StartupWarning[] = [];
  const unknownChats = [
    ...new Set(Object.values(digest.chats).flatMap((names) => names.filter((name) => !chats.has(name)))),
  ];
  if (unknownChats.length > 0)
    warnings.push({
      code: "digest_chats_unknown",
      count: unknownChats.length,
      text: message("checks", "digestChatsUnknown", {
        count: unknownChats.length,
        names: listNames(unknownChats),
        file: settingsFile,
      }),
    });
  const unknownLeaders = Object.keys(digest.chats).filter((name) => !leaders.has(name));
  if (unknownLeaders.length > 0)
    warnings.push({
      code: "digest_leaders_unknown",
      count: unknownLeaders.length,
      text: message("checks", "digestLeadersUnknown", {
        count: unknownLeaders.length,
        names: listNames(unknownLeaders),
        file: settingsFile,
      }),
    });
  return warnings;
}
