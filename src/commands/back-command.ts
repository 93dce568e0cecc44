import { messages } from "../templates/template-store.js";
import { sendNotice } from "../workflow/send-notice.js";
import { describePerson } from "./args/read-person.js";
import { awayPeriod } from "./arrangements.js";
import type { CommandSpec } from "./command-spec.js";
import { periodInWords } from "./when-in-words.js";

const m = messages("commands");

/**
 * /back (销假): ends the caller's away period at once, or cancels one still to come; reminders go
 * to the person again from now on. The substitute is told. Undoes /away.
 */
export const backCommand: CommandSpec = {
  name: "back",
  aliases: ["销假", "已返回", "取消外出"],
  params: [],
  roles: ["contact"],
  text: { summary: "backSummary", usage: "backUsage", example: "backExample" },
  async run({ turn, caller }) {
    const current = (await turn.deps.store.people.get(caller.actor)) ?? {};
    const away = awayPeriod(turn, current);
    if (!away) {
      await turn.answer(m("backNotAway"));
      return { result: "not-away" };
    }
    const { awayFrom: _from, awayUntil: _until, substitute: _substitute, ...rest } = current;
    await turn.deps.store.people.put(caller.actor, rest);
    const started =
      away.from <= turn.date && (current.awayFrom === undefined || current.awayFrom <= turn.date);
    const period = periodInWords(away.from, away.until, turn.date);
    if (away.substitute)
      await sendNotice(turn, [away.substitute], {
        key: `back/${caller.actor}/${away.from}/${away.until}/${turn.event.eventId}`,
        text: m(started ? "awaySubstituteReleased" : "awaySubstituteCancelled", {
          who: describePerson(turn.deps.people, turn.person),
          period,
        }),
        meta: { kind: "away" },
      });
    await turn.answer(m(started ? "backEnded" : "backCancelled", { period }));
    return {
      result: started ? "ended" : "cancelled",
      details: {
        from: away.from,
        until: away.until,
        substitute: away.substitute?.personId ?? current.substitute ?? null,
      },
    };
  },
};
