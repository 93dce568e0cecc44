/** Where the dashboard's pages live. */
export const WEB_PREFIX = "/web";

export function taskPath(no: number): string {
  return `${WEB_PREFIX}/tasks/${no}`;
}

/** The table with these query parameters (empty ones left out). */
export function tablePath(query: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `${WEB_PREFIX}?${search}` : WEB_PREFIX;
}
