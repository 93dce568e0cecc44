import { describe, expect, it } from "vitest";
import { readChineseNumber, readSmallNumber } from "../../../src/registry/chinese-numerals.js";

describe("readChineseNumber", () => {
  it.each([
    ["四千二百", 4200],
    ["四千二", 4200],
    ["两千", 2000],
    ["十二", 12],
    ["十", 10],
    ["二十一", 21],
    ["五十二", 52],
    ["一百一十", 110],
    ["一千零五十", 1050],
    ["一万零五百", 10500],
    ["一万五", 15000],
    ["三千二", 3200],
    ["十二万五千", 125000],
    ["一亿二千万", 120000000],
    ["一点五", 1.5],
    ["三点二", 3.2],
    ["十二点五", 12.5],
    ["零点三五", 0.35],
    ["1.2万", 12000],
    ["1.1万", 11000],
    ["4千", 4000],
    ["3千5百", 3500],
    ["1万2千", 12000],
    ["4200", 4200],
    ["4,200", 4200],
    ["两", 2],
    ["零", 0],
  ])("%j → %s", (text, value) => {
    expect(readChineseNumber(text)).toBe(value);
  });

  it.each([
    ["十四五"],
    ["一二"],
    ["二〇二一"],
    ["万"],
    ["千"],
    ["百"],
    ["千方"],
    ["52五"],
    ["一点"],
    ["点五"],
    ["万一"],
    ["百十"],
    [""],
    ["第一"],
  ])("%j is no number", (text) => {
    expect(readChineseNumber(text)).toBeUndefined();
  });
});

describe("readSmallNumber (the importer's months and quarters)", () => {
  it.each([
    ["3", 3],
    ["三", 3],
    ["十二", 12],
    ["二十一", 21],
    ["一百", undefined],
  ])("%j → %s", (text, value) => {
    expect(readSmallNumber(text)).toBe(value);
  });
});
