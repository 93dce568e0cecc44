import { describe, expect, it } from "vitest";
import { parseDemoInstant } from "../../../src/config/demo-instant.js";

describe("parseDemoInstant", () => {
  it.each([
    ["2021-03-22T08:20+08:00", "2021-03-22T00:20:00.000Z"],
    ["2021-03-22T08:20:30+08:00", "2021-03-22T00:20:30.000Z"],
    ["2021-03-22T00:20Z", "2021-03-22T00:20:00.000Z"],
    ["2021-03-22T08:20", "2021-03-22T00:20:00.000Z"], // Beijing time when no offset is given
    ["2021-03-22 08:20", "2021-03-22T00:20:00.000Z"],
    ["2021-03-22", "2021-03-21T16:00:00.000Z"],
  ])("reads %s", (text, iso) => {
    expect(parseDemoInstant(text)?.toISOString()).toBe(iso);
  });

  it.each(["tomorrow", "2021-13-40T08:20", "22/03/2021", ""])("refuses %j", (text) => {
    expect(parseDemoInstant(text)).toBeUndefined();
  });
});
