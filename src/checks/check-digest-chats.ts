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
  const unknownChats = [
    ...new Set(Object.values(digest.chats).flatMap((names) => names.filter((name) => !chats.has(name)))),
  ];
  const unknownLeaders = Object.keys(digest.chats).filter((name) => !leaders.has(name));
  const warnings: StartupWarning[] = [];
  const warn = (code: StartupWarning["code"], key: string, names: readonly string[]) => {
    if (names.length > 0)
      warnings.push({
        code,
        count: names.length,
        text: message("checks", key, { count: names.length, names: listNames(names), file: settingsFile }),
      });
  };
  warn("digest_chats_unknown", "digestChatsUnknown", unknownChats);
  warn("digest_leaders_unknown", "digestLeadersUnknown", unknownLeaders);
  return warnings;
}
