import { once } from "node:events";
import { connect } from "node:net";

/**
 * Sends one HTTP/1.1 request over a raw socket and resolves with the whole answer as text: for
 * what fetch will not send (a Host of another name, a request from the machine's external address).
 */
export async function rawRequest(
  target: { host: string; port: number },
  request: { method: string; path: string; headers: Record<string, string>; body?: string },
): Promise<string> {
  const socket = connect(target);
  const body = request.body ?? "";
  const headers = {
    ...request.headers,
    "Content-Length": String(Buffer.byteLength(body)),
    Connection: "close",
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("");
  socket.write(`${request.method} ${request.path} HTTP/1.1\r\n${head}\r\n${body}`);
  let response = "";
  socket.on("data", (chunk: Buffer) => {
    response += chunk.toString();
  });
  await once(socket, "end");
  return response;
}

/** The status line of a raw answer, e.g. "HTTP/1.1 403 Forbidden". */
export const statusLine = (response: string): string => response.split("\r\n")[0] ?? "";
