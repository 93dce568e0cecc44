import { describe, expect, it } from "vitest";
import { z } from "zod";
import { outboxPayloadSchema } from "../../../src/delivery/outbox-payload.js";
import { compiledSchema } from "../../../src/shared/compiled-schema.js";
import { newAuditEntrySchema } from "../../../src/store/audit-entry.js";
import { cardInstanceSchema } from "../../../src/store/card-instance.js";
import { newOutboxMessageSchema } from "../../../src/store/outbox-message.js";
import { newProgressReportSchema } from "../../../src/store/progress-report.js";
import { registryImportSchema } from "../../../src/store/registry-import.js";

const entry = {
  at: "2021-03-22T00:07:00.000Z",
  actor: "system",
  action: "reminder.enqueued",
  taskNo: 12,
  unit: "区发展和改革局",
  person: "wecom:demo.u01.contact",
  details: { step: "co-request", cycle: "2021-03", channel: "local" },
};

describe("compiledSchema", () => {
  it("compiles each schema once", () => {
    const compiled = compiledSchema(newAuditEntrySchema);
    expect(compiled).not.toBe(newAuditEntrySchema);
    expect(compiledSchema(newAuditEntrySchema)).toBe(compiled);
  });

  // The hot paths' schemas: one that z.compile could not model would fall back to the walk
  // silently, and cost its writes four times as much again.
  it.each([
    ["audit entry", newAuditEntrySchema],
    ["outbox message", newOutboxMessageSchema],
    ["outbox payload", outboxPayloadSchema],
    ["progress report", newProgressReportSchema],
    ["card", cardInstanceSchema],
    ["registry import", registryImportSchema],
  ] as const)("compiles the %s schema", (_, schema) => {
    expect(() => z.compile(schema, { strict: true })).not.toThrow();
  });

  it("gives what the schema gives: the same value, and the same issues for a bad record", () => {
    const compiled = compiledSchema(newAuditEntrySchema);
    const extra = { ...entry, stray: 1, details: { ...entry.details, nested: { a: [1, "b"] } } };
    expect(compiled.safeParse(extra)).toEqual(newAuditEntrySchema.safeParse(extra));
    expect(compiled.safeParse(extra).data).not.toHaveProperty("stray");
    for (const bad of [
      { ...entry, at: "2021-03-22 08:07" },
      { ...entry, actor: "" },
      { ...entry, taskNo: -1 },
      { ...entry, taskNo: 1.5, unit: "" },
      { ...entry, details: [] },
      { ...entry, details: undefined },
      "not a record",
    ]) {
      const ours = compiled.safeParse(bad);
      const theirs = newAuditEntrySchema.safeParse(bad);
      expect(ours.success).toBe(false);
      expect(ours.error?.issues).toEqual(theirs.error?.issues);
    }
  });
});
