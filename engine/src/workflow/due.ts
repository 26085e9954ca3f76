/** An approval step's due time: an ISO 8601 duration ("P2D", "PT4H", "P1DT12H") or a number of hours. */
const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
const SECONDS = [365 * 86400, 30 * 86400, 7 * 86400, 86400, 3600, 60, 1];

/** Years and months count as 365 and 30 days: a due time is a service level, not a calendar date. */
export function dueAt(due: string | number, from: Date): Date {
  if (typeof due === 'number') return new Date(from.getTime() + due * 3600_000);
  const parts = DURATION.exec(due);
  if (!parts) throw new Error(`not an ISO 8601 duration: ${due}`);
  const seconds = parts.slice(1).reduce((sum, part, i) => sum + Number(part ?? 0) * SECONDS[i], 0);
  return new Date(from.getTime() + seconds * 1000);
}
