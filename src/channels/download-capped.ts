import type { FetchFileResult } from "./channel.js";

/**
 * GETs `url` and keeps at most `maxBytes` of it: a declared Content-Length over the cap is refused
 * before the body is read, and a body that grows past it is dropped as soon as it does. Never
 * throws: a network failure, a timeout or an HTTP error is a result. `label` names the download in
 * the reason (never the URL, which may carry a signature).
 */
export async function downloadCapped(
  url: string,
  options: {
    maxBytes: number;
    label: string;
    fetch?: typeof fetch;
    timeoutMs?: number;
    headers?: Record<string, string>;
  },
): Promise<FetchFileResult> {
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  let response: Response;
  try {
    response = await fetchFn(url, {
      ...(options.headers ? { headers: options.headers } : {}),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  } catch (error) {
    return { ok: false, problem: "failed", reason: `${options.label}: ${(error as Error).name}` };
  }
  if (!response.ok) {
    await response.body?.cancel();
    return {
      ok: false,
      problem: response.status === 404 || response.status === 410 ? "gone" : "failed",
      reason: `${options.label}: HTTP ${response.status}`,
    };
  }
  const tooLarge = (size: number | string) =>
    ({
      ok: false,
      problem: "too-large",
      reason: `${options.label}: ${size} bytes, over ${options.maxBytes}`,
    }) as const;
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    await response.body?.cancel();
    return tooLarge(declared);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body ?? []) {
      total += chunk.length;
      // Leaving the loop cancels the stream (it is locked to the loop: no cancel() of our own).
      if (total > options.maxBytes) break;
      chunks.push(Buffer.from(chunk));
    }
  } catch (error) {
    return {
      ok: false,
      problem: "failed",
      reason: `${options.label}: ${(error as Error).name} while reading`,
    };
  }
  if (total > options.maxBytes) return tooLarge(`over ${options.maxBytes}`);
  return { ok: true, bytes: Buffer.concat(chunks) };
}
