import type Koa from "koa";
import { z } from "zod";
import { readRawBody } from "../shared/read-raw-body.js";

/**
 * The request's JSON body checked against `schema`, or undefined once the answer is set: 413 over
 * `maxBytes`, 400 when it is not JSON or not the shape (saying what is wrong). For the local routes
 * (/dev, the playground), which take small JSON bodies from scripts and their own page.
 */
export async function readJsonBody<T>(
  ctx: Koa.Context,
  schema: z.ZodType<T>,
  maxBytes: number,
): Promise<T | undefined> {
  const raw = await readRawBody(ctx.req, maxBytes);
  if (raw === "too-large") {
    ctx.status = 413;
    ctx.body = { error: `the body exceeds ${maxBytes} bytes` };
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch {
    ctx.status = 400;
    ctx.body = { error: "the body is not JSON" };
    return undefined;
  }
  const input = schema.safeParse(json);
  if (!input.success) {
    badRequest(ctx, input.error);
    return undefined;
  }
  return input.data;
}

/** 400 with zod's account of what is wrong. */
export function badRequest(ctx: Koa.Context, error: z.ZodError): void {
  ctx.status = 400;
  ctx.body = { error: z.prettifyError(error) };
}
