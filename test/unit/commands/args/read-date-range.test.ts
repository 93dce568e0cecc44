import { describe, expect, it } from "vitest";
import { readDateRange } from "../../../../src/commands/args/read-date-range.js";

const today = "2021-03-22";
const range = (text: string, at = today) => readDateRange(text, { today: at, lean: "future" });
const span = (result: ReturnType<typeof range>) =>
  result.ok ? `${result.value.from}..${result.value.to}` : result.code;

describe("readDateRange", () => {
  it("reads two dates joined by -, 至, 到, ~ or —, with spaces or without", () => {
    for (const text of [
      "4月6日-4月10日",
      "4月6日至4月10日",
      "4月6日到4月10日",
      "4月6日 至 4月10日",
      "4月6日～4月10日",
      "4月6日—4月10日",
      "4/6-4/10",
      "2021-04-06-2021-04-10",
      "2021-04-06至2021-04-10",
      "4月6日至10日",
      "4月6日－4月10日",
    ])
      expect(span(range(text)), text).toBe("2021-04-06..2021-04-10");
    expect(range("4月6日-4月10日")).toMatchObject({ ok: true, value: { yearChosen: true } });
    expect(range("2021-04-06至2021-04-10")).toMatchObject({ ok: true, value: { yearChosen: false } });
  });

  it("lets the end leave out what the start gave, and crosses into the next month or year", () => {
    expect(span(range("3月29日至2日"))).toBe("2021-03-29..2021-04-02");
    expect(span(range("12月28日至1月3日", "2021-12-20"))).toBe("2021-12-28..2022-01-03");
    expect(span(range("明天-下周五"))).toBe("2021-03-23..2021-04-02");
    expect(span(range("周三至周五"))).toBe("2021-03-24..2021-03-26");
  });

  it("reads 至4月10日 as from today, and one date as that day", () => {
    expect(span(range("至4月10日"))).toBe("2021-03-22..2021-04-10");
    expect(span(range("到周五"))).toBe("2021-03-22..2021-03-26");
    expect(span(range("明天"))).toBe("2021-03-23..2021-03-23");
    expect(span(range("2021-04-06"))).toBe("2021-04-06..2021-04-06");
  });

  it("refuses an end before the start, and what is not two dates, saying how to write a range", () => {
    expect(range("4月10日-4月6日")).toMatchObject({ ok: false, code: "reversed-range" });
    expect(range("4月10日至6日")).toMatchObject({ ok: false, code: "reversed-range" });
    const bad = range("下个月");
    expect(bad).toMatchObject({ ok: false, code: "bad-range" });
    expect(bad.ok ? "" : bad.problem).toBe(
      "无法识别日期范围“下个月”。请写作“4月6日-4月10日”或“4月6日至4月10日”。",
    );
    for (const text of ["4月6日-", "-4月10日", "4月6日至abc", "4月31日-5月2日"])
      expect(range(text), text).toMatchObject({ ok: false });
  });
});
