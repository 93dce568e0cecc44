/**
 * The load generator for wecom-callback.bench.ts, run as a child process so that it has its own
 * core and the app under test has the other: in one process the client's own HTTP work would
 * take a share of the same event loop and blur what the routes cost. It writes pre-built
 * HTTP/1.1 requests on raw keep-alive sockets and reads only the status line and Content-Length
 * of each answer (as wrk does), so that it stays cheaper than the app it drives, and every route
 * gets the very same client.
 */
import net from "node:net";

export interface LoadShot {
  path: string;
  /** Base64: a POST body; absent for a GET. */
  body?: string;
}

export interface LoadRequest {
  port: number;
  shots: LoadShot[];
  /** closed: `concurrency` connections each send the next shot as soon as the last is answered. */
  mode: "closed" | "paced";
  concurrency: number;
  /** paced: shots per second, sent on schedule whatever the answers do (open loop). */
  rate: number;
  limitMs: number;
}

export interface LoadReply {
  /** Answered requests per second over the whole phase. */
  perSecond: number;
  /** How long the phase ran, in milliseconds. */
  ms: number;
  /** This process's CPU time over the phase, as a share of the phase: near 1, it was the limit. */
  busy: number;
  /** Milliseconds from writing each request to reading the last byte of its answer. */
  latencies: number[];
  error?: string;
}

const HEAD_END = Buffer.from("\r\n\r\n");
const CONTENT_LENGTH = /\r\ncontent-length: *([0-9]+)/i;

/** One keep-alive connection carrying one request at a time. */
class Connection {
  private readonly socket: net.Socket;
  private pending: Buffer = Buffer.alloc(0);
  private onAnswer: ((error?: Error) => void) | undefined;
  readonly ready: Promise<void>;
  /** False once the server has closed it (its keep-alive timeout) or it failed. */
  open = true;

  constructor(port: number) {
    this.socket = net.connect({ port, host: "127.0.0.1", noDelay: true });
    this.ready = new Promise((resolve, reject) => {
      this.socket.once("connect", resolve);
      this.socket.once("error", reject);
    });
    this.socket.on("data", (chunk: Buffer) => this.read(chunk));
    this.socket.on("error", (error) => this.finish(error));
    this.socket.on("close", () => {
      this.open = false;
      this.finish(new Error("the server closed the connection"));
    });
  }

  send(request: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      this.onAnswer = (error) => (error ? reject(error) : resolve());
      this.socket.write(request);
    });
  }

  close(): void {
    this.onAnswer = undefined;
    this.socket.destroy();
  }

  private read(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const headEnd = this.pending.indexOf(HEAD_END);
    if (headEnd < 0) return;
    const head = this.pending.toString("latin1", 0, headEnd);
    const length = CONTENT_LENGTH.exec(head)?.[1];
    if (length === undefined) {
      this.finish(new Error("an answer without Content-Length"));
      return;
    }
    const end = headEnd + HEAD_END.length + Number(length);
    if (this.pending.length < end) return;
    this.pending = this.pending.subarray(end);
    const status = head.slice(9, 12);
    this.finish(status === "200" ? undefined : new Error(`HTTP ${status}`));
  }

  private finish(error?: Error): void {
    const onAnswer = this.onAnswer;
    this.onAnswer = undefined;
    onAnswer?.(error);
  }
}

function encode(port: number, shot: LoadShot): Buffer {
  if (shot.body === undefined) {
    return Buffer.from(`GET ${shot.path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`, "latin1");
  }
  const body = Buffer.from(shot.body, "base64");
  // As WeCom sends it: a declared length, not chunked encoding.
  const head =
    `POST ${shot.path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
    `Content-Type: text/xml\r\nContent-Length: ${body.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, "latin1"), body]);
}

async function closedLoop(request: LoadRequest, requests: Buffer[]): Promise<LoadReply> {
  const connections = Array.from({ length: request.concurrency }, () => new Connection(request.port));
  await Promise.all(connections.map((c) => c.ready));
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async (connection: Connection) => {
    while (next < requests.length && performance.now() - started < request.limitMs) {
      const sent = performance.now();
      await connection.send(requests[next++] as Buffer);
      latencies.push(performance.now() - sent);
    }
  };
  try {
    await Promise.all(connections.map(worker));
  } finally {
    for (const connection of connections) connection.close();
  }
  const ms = performance.now() - started;
  return { perSecond: latencies.length / (ms / 1000), ms, busy: 0, latencies };
}

async function paced(request: LoadRequest, requests: Buffer[]): Promise<LoadReply> {
  // Enough idle connections that a slow answer never delays the next shot on the schedule.
  const idle = Array.from({ length: request.concurrency }, () => new Connection(request.port));
  const all = [...idle];
  await Promise.all(idle.map((c) => c.ready));
  const latencies: Promise<number>[] = [];
  const fire = async (payload: Buffer): Promise<number> => {
    // Oldest idle first, so that no connection sits unused long enough for the server to close it.
    let connection = idle.shift();
    while (connection && !connection.open) connection = idle.shift();
    if (!connection) {
      connection = new Connection(request.port);
      all.push(connection);
    }
    await connection.ready;
    const sent = performance.now();
    await connection.send(payload);
    const latency = performance.now() - sent;
    idle.push(connection);
    return latency;
  };
  const started = performance.now();
  try {
    let i = 0;
    while (i < requests.length && performance.now() - started < request.limitMs) {
      const due = started + (i * 1000) / request.rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      // Everything that fell due while the timer slept goes out now: the schedule is kept.
      while (i < requests.length && started + (i * 1000) / request.rate <= performance.now()) {
        latencies.push(fire(requests[i++] as Buffer));
      }
    }
    const done = await Promise.all(latencies);
    const ms = performance.now() - started;
    return { perSecond: done.length / (ms / 1000), ms, busy: 0, latencies: done };
  } finally {
    for (const connection of all) connection.close();
  }
}

process.on("message", (request: LoadRequest) => {
  const requests = request.shots.map((shot) => encode(request.port, shot));
  const cpu = process.cpuUsage();
  const phase = request.mode === "closed" ? closedLoop(request, requests) : paced(request, requests);
  phase.then(
    (reply) => {
      const used = process.cpuUsage(cpu);
      process.send?.({ ...reply, busy: (used.user + used.system) / 1000 / reply.ms } satisfies LoadReply);
    },
    (error: Error) =>
      process.send?.({
        perSecond: 0,
        ms: 0,
        busy: 0,
        latencies: [],
        error: error.message,
      } satisfies LoadReply),
  );
});
