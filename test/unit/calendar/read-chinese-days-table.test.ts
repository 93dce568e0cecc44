import chineseDays from "chinese-days";
import { describe, expect, it } from "vitest";
import { readChineseDaysTable } from "../../../src/calendar/read-chinese-days-table.js";

describe("readChineseDaysTable", () => {
  const table = readChineseDaysTable();

  it("covers exactly the years the package lists holidays for, with no gaps", () => {
    const years = [...table.coveredYears].sort((a, b) => a - b);
    const first = years[0] ?? 0;
    expect(first).toBe(2004);
    expect(years).toEqual(years.map((_, i) => first + i));
    expect(years).toContain(2021);
    expect(table.coveredYears.has(2003)).toBe(false);
  });

  it("keeps the Chinese name of each holiday and make-up day", () => {
    expect(table.holidays.get("2021-04-05")).toBe("清明");
    expect(table.makeupWorkdays.get("2021-02-07")).toBe("春节");
    expect(table.holidays.get("2015-09-03")).toBe("中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日");
  });

  it("agrees with the package's own isWorkday on every listed day (the tests run in UTC, where it is right)", () => {
    const disagree = [
      ...[...table.holidays.keys()].filter((date) => chineseDays.isWorkday(date)),
      ...[...table.makeupWorkdays.keys()].filter((date) => !chineseDays.isWorkday(date)),
    ];
    expect(disagree).toEqual([]);
  });

  it("takes coverage from the data it is given", () => {
    const sample = readChineseDaysTable({
      holidays: { "2030-01-01": "New Year's Day,元旦,1" },
      workdays: { "2029-12-29": "New Year's Day,元旦,1" },
    });
    expect([...sample.coveredYears]).toEqual([2030]);
    expect(sample.makeupWorkdays.get("2029-12-29")).toBe("元旦");
  });

  it("says which file and reader to check when the data changes shape", () => {
    expect(() => readChineseDaysTable({ holidays: [] })).toThrow(
      /chinese-days\.json.*read-chinese-days-table\.ts/s,
    );
  });
});
