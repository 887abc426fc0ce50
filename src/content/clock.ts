import { DateTime } from "luxon";

/**
 * The build clock decides embargoes and the top bar's default date. SOURCE_DATE_EPOCH (seconds, the
 * reproducible-builds convention) pins it so that the same content always builds the same site.
 */
export function buildClock(env: NodeJS.ProcessEnv = process.env): DateTime<true> {
  const raw = env.SOURCE_DATE_EPOCH?.trim();
  if (raw) {
    if (!/^\d+$/.test(raw)) {
      throw new Error(
        `SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 UTC (got "${raw}"); unset it to build at the current time.`,
      );
    }
    return DateTime.fromSeconds(Number(raw), { zone: "utc" }) as DateTime<true>;
  }
  return DateTime.utc() as DateTime<true>;
}
