import { isIP } from "node:net";

/**
 * Whether a socket's remote address is this machine's loopback (127.0.0.0/8, ::1, or 127.x mapped
 * into IPv6). Give it the socket's address only: X-Forwarded-For is the client's word.
 */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice("::ffff:".length) : address;
  if (isIP(v4) === 4) return v4.startsWith("127.");
  return address === "::1";
}

/** Whether a URL points at this machine (localhost or a loopback address): a local fake, not a platform. */
export function isLoopbackUrl(url: string): boolean {
  const { hostname } = new URL(url);
  const host = hostname.startsWith("[") ? hostname.slice(1, -1) : hostname;
  return host === "localhost" || isLoopback(host);
}
