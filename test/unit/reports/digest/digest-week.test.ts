import { describe, expect, it } from "vitest";
import { createChineseDaysCalendar } from "../../../../src/calendar/chinese-days-calendar.js";
import {
  digestDay,
  digestTimes,
  mondayOfWeek,
  previousDigestDay,
} from "../../../../src/reports/digest/digest-week.js";

const calendar = createChineseDaysCalendar();

describe("the digest's week and day", () => {
  it("finds the Monday of an ISO week, and no Monday for a week that does not exist", () => {
    expect(mondayOfWeek("2021-W14")).toBe("2021-04-05");
    expect(mondayOfWeek("2021-W01")).toBe("2021-01-04");
    expect(mondayOfWeek("2020-W53")).toBe("2020-12-28");
    expect(mondayOfWeek("2021-W53")).toBeUndefined();
    expect(mondayOfWeek("2021-W00")).toBeUndefined();
    expect(mondayOfWeek("2021-14")).toBeUndefined();
  });

  it("sends on the first working day: the Tuesday after 清明, the Friday after 国庆", () => {
    expect(digestDay(calendar, "2021-W13")).toBe("2021-03-29");
    expect(digestDay(calendar, "2021-W14")).toBe("2021-04-06");
    // 1–7 October 2021 are off.
    expect(digestDay(calendar, "2021-W40")).toBe("2021-10-08");
    expect(previousDigestDay(calendar, "2021-W14")).toBe("2021-03-29");
    expect(previousDigestDay(calendar, "2021-W15")).toBe("2021-04-06");
  });

  it("counts changes from the last digest sent before the moment asked about", () => {
    expect(digestTimes(calendar, { week: "2021-W14", time: "09:10" })).toEqual({
      at: "2021-04-06T01:10:00.000Z",
      since: "2021-03-29T01:10:00.000Z",
    });
    // Wednesday afternoon: this week's digest has gone out.
    expect(
      digestTimes(calendar, { week: "2021-W14", time: "09:10", at: "2021-04-07T06:00:00.000Z" }),
    ).toEqual({
      at: "2021-04-07T06:00:00.000Z",
      since: "2021-04-06T01:10:00.000Z",
    });
    // Tuesday at 08:00: it has not.
    expect(
      digestTimes(calendar, { week: "2021-W14", time: "09:10", at: "2021-04-06T00:00:00.000Z" })?.since,
    ).toBe("2021-03-29T01:10:00.000Z");
  });
});
