import { describe, expect, it } from "vitest";
import { readDate } from "../../../../src/commands/args/read-date.js";

/** Monday 22 March 2021 (the progress tests' day). */
const today = "2021-03-22";
const future = (text: string, at = today) => readDate(text, { today: at, lean: "future" });
const past = (text: string, at = today) => readDate(text, { today: at, lean: "past" });
const dateOf = (result: ReturnType<typeof readDate>) => (result.ok ? result.value.date : result.code);

describe("readDate", () => {
  it("reads a date with its year in each usual spelling, full-width included", () => {
    for (const text of [
      "2021-04-30",
      "2021/4/30",
      "2021.4.30",
      "2021年4月30日",
      "2021年4月30号",
      "２０２１－０４－３０",
    ])
      expect(future(text), text).toEqual({ ok: true, value: { date: "2021-04-30", yearChosen: false } });
    expect(dateOf(past("2020-12-31"))).toBe("2020-12-31");
  });

  it("reads a month and day without the year in this year, and says it chose the year", () => {
    for (const text of ["4月30日", "4月30号", "4月30", "四月三十日", "4/30", "4月30日前", " 4 月 30 日 "])
      expect(future(text), text).toEqual({ ok: true, value: { date: "2021-04-30", yearChosen: true } });
    expect(dateOf(future("4月底"))).toBe("2021-04-30");
    expect(dateOf(future("2月末"))).toBe("2021-02-28");
  });

  it("takes next year's day for what is to come once this year's is long past, and last year's for what has been", () => {
    // Said on 20 December: January 5th to come is next year's.
    expect(future("1月5日", "2021-12-20")).toEqual({
      ok: true,
      value: { date: "2022-01-05", yearChosen: true },
    });
    // Two days ago stays this year's: the command then says the date has passed.
    expect(dateOf(future("3月20日"))).toBe("2021-03-20");
    // Said on 10 January: December 30th that has been is last year's.
    expect(dateOf(past("12月30日", "2021-01-10"))).toBe("2020-12-30");
    expect(dateOf(past("1月5日", "2021-01-10"))).toBe("2021-01-05");
    // 29 February is only found in a leap year.
    expect(dateOf(future("2月29日", "2023-12-01"))).toBe("2024-02-29");
  });

  it("reads a day of the month in this month, or the next one when it is well past", () => {
    expect(future("30号")).toEqual({ ok: true, value: { date: "2021-03-30", yearChosen: false } });
    expect(dateOf(future("5号"))).toBe("2021-04-05");
    expect(dateOf(future("20日"))).toBe("2021-03-20");
    expect(dateOf(past("30号"))).toBe("2021-03-30");
    expect(dateOf(past("25号", "2021-03-05"))).toBe("2021-02-25");
  });

  it("reads 今天, 明天, 后天 and the like from the turn's date", () => {
    const expected = {
      今天: "2021-03-22",
      明天: "2021-03-23",
      后天: "2021-03-24",
      大后天: "2021-03-25",
      昨天: "2021-03-21",
      前天: "2021-03-20",
    };
    for (const [text, date] of Object.entries(expected)) expect(dateOf(future(text)), text).toBe(date);
  });

  it("reads weekdays: the coming one, this week's, next week's and last week's", () => {
    // 22 March 2021 is a Monday.
    expect(dateOf(future("周三"))).toBe("2021-03-24");
    expect(dateOf(future("星期一"))).toBe("2021-03-22");
    expect(dateOf(future("礼拜天"))).toBe("2021-03-28");
    expect(dateOf(future("本周五"))).toBe("2021-03-26");
    expect(dateOf(future("这周日"))).toBe("2021-03-28");
    expect(dateOf(future("下周五"))).toBe("2021-04-02");
    expect(dateOf(future("下个星期一"))).toBe("2021-03-29");
    expect(dateOf(future("上周五"))).toBe("2021-03-19");
    expect(dateOf(past("周五"))).toBe("2021-03-19");
    expect(dateOf(past("周一"))).toBe("2021-03-22");
    // From a Thursday, 周三 to come is next week's.
    expect(dateOf(future("周三", "2021-03-25"))).toBe("2021-03-31");
  });

  it("refuses what is no date, and a day that does not exist, saying how to write one", () => {
    for (const text of ["abc", "4月", "30", "4-30", "下下周五", "2021-13-01x", ""]) {
      const result = future(text);
      expect(result, text).toMatchObject({ ok: false, code: "bad-date" });
      if (!result.ok) expect(result.problem).toContain("请写作“4月30日”“2021-04-30”“4/30”“明天”或“下周五”");
    }
    for (const text of ["4月31日", "2021-02-29", "2021-13-01", "13月1日", "32号"])
      expect(future(text), text).toMatchObject({ ok: false, code: "no-such-date" });
    const missing = future("4月31日");
    expect(missing.ok ? "" : missing.problem).toBe("日期“4月31日”不存在，请核对月份和日期。");
  });
});
