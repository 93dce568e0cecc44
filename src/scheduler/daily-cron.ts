/** The node-cron expression for every day at `time` ("09:10", as the settings' time schema has it). */
export function dailyCron(time: string): string {
  const [hour = 0, minute = 0] = time.split(":").map(Number);
  return `${minute} ${hour} * * *`;
}
