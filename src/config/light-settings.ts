import { z } from "zod";

/**
 * When a unit's light turns red or yellow (issue 5, §6):
 * - `overdueRedDays`: a report overdue by more than this many working days is red (fewer: yellow);
 * - `behindRedPoints`: a numeric indicator (or percent complete) behind 序时进度 by more than this
 *   many percentage points is red;
 * - `behindYellowPoints`: behind by more than this (and up to `behindRedPoints`) is yellow.
 */
export const lightSettingsSchema = z
  .strictObject({
    overdueRedDays: z.int().min(0).max(60).default(2),
    behindRedPoints: z.number().min(0).max(100).default(10),
    behindYellowPoints: z.number().min(0).max(100).default(0),
  })
  .refine((s) => s.behindYellowPoints <= s.behindRedPoints, {
    error: "behindYellowPoints must not exceed behindRedPoints",
    path: ["behindYellowPoints"],
  });
export type LightSettings = z.output<typeof lightSettingsSchema>;
