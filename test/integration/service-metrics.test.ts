import { describe, expect, it } from "vitest";
import { parsePrometheusText, sampleValue } from "../helpers/prometheus-text.js";
import { seededDataDir, startServiceProcess, waitFor } from "../helpers/service-process.js";

const CONTACT = "wecom:demo.u06.contact"; // 徐勇, contact of 区人力资源和社会保障局

// Issue 11 item 6, from the outside: the built CLI serves GET /metrics on loopback by default.
describe("duban serve: GET /metrics, from the outside", () => {
  it("answers the duban_ metrics, counting what it received and the jobs it ran", async () => {
    const service = await startServiceProcess({
      DUBAN_DATA_DIR: seededDataDir("duban-metrics-service"),
      DUBAN_CLOCK: "2021-03-22T08:20+08:00",
    });
    const samples = async () => {
      const { status, body } = await service.get<string>("/metrics");
      expect(status).toBe(200);
      return parsePrometheusText(body).samples;
    };
    // The jobs run once at start, after the server listens.
    await waitFor(
      "the reminder sweep's first run",
      async () =>
        sampleValue(await samples(), "duban_job_runs_total", { job: "reminder-sweep", status: "ran" }) === 1,
    );
    const sent = await service.post("/dev/inbound", {
      kind: "text",
      eventId: "m-1",
      from: CONTACT,
      text: "/help",
    });
    expect(sent.status).toBe(202);
    const after = await samples();
    expect(sampleValue(after, "duban_inbound_events_total", { channel: "local", outcome: "accepted" })).toBe(
      1,
    );
    expect(sampleValue(after, "duban_store_up")).toBe(1);
    expect(sampleValue(after, "process_cpu_user_seconds_total")).toBeGreaterThan(0);

    expect(await service.stop("SIGTERM")).toEqual({ code: 0, signal: null });
  }, 120_000);
});
