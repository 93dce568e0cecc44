import { describe, expect, it } from "vitest";
import { MONDAY_1200, useProgressApps } from "../helpers/progress-app.js";

const apps = useProgressApps();

describe("what people write is stored capped", () => {
  it("stores a stranger's 10 KB message as 4 KB, noting its length", async () => {
    const app = await apps.start(MONDAY_1200);
    const text = `52 已新增就业${"很多".repeat(1_700)}`; // 10,218 bytes
    await app.say("wecom:somebody.else", text);
    expect(await app.texts("wecom:somebody.else")).toHaveLength(1);
    const [refusal] = (await app.store.audit.query()).filter((e) => e.action === "reply.refused");
    const details = refusal?.details as { text: string; textLength: number };
    expect(details.textLength).toBe(text.length);
    expect(Buffer.byteLength(details.text, "utf8")).toBeLessThanOrEqual(4_096);
    expect(details.text.startsWith("52 已新增就业很多很多")).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(refusal), "utf8")).toBeLessThan(4_600);
  });
});
