import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  CARD_BUTTON_SLOTS,
  CARD_CALLBACK_PARAM,
  cardParamMap,
  closedCardParamMap,
} from "../../../../src/channels/dingtalk/dingtalk-card-params.js";
import { REMINDER } from "./dingtalk-cards-kit.js";

interface TemplateDoc {
  variables: Array<{ name: string; type: string }>;
  buttons: number[];
  callbackParam: string;
  callbackType: string;
  summary: string;
}

const read = (name: string) => readFileSync(new URL(`../../../../docs/${name}`, import.meta.url), "utf8");
const doc = JSON.parse(read("dingtalk-card-template.json")) as TemplateDoc;

describe("docs/dingtalk-card-template.*", () => {
  it("lists exactly the variables Duban fills, all strings", () => {
    const names = doc.variables.map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(Object.keys(cardParamMap(REMINDER)).sort());
    expect(doc.variables.every((v) => v.type === "String")).toBe(true);
    for (const name of Object.keys(closedCardParamMap("已签收"))) expect(names).toContain(name);
    expect(names).toContain(doc.summary);
  });

  it("has the code's button slots and callback parameter", () => {
    expect(doc.buttons).toHaveLength(CARD_BUTTON_SLOTS);
    expect(doc.callbackParam).toBe(CARD_CALLBACK_PARAM);
    expect(doc.callbackType).toBe("STREAM");
  });

  it("names every variable in the steps people follow", () => {
    const steps = read("dingtalk-card-template.md");
    for (const name of ["title", "lastMessage", "description", "fields", "status", "closedLabel"])
      expect(steps).toContain(`\`${name}\``);
    for (const pattern of ["btnNText", "btnNKey", "btnNStyle", "`action`", "回传请求", ".schema"])
      expect(steps).toContain(pattern);
  });
});
