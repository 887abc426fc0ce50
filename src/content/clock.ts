import { DateTime } from "luxon";
import { ContentValidationError } from "./errors.ts";

/** The last second a four-digit year can hold: later times cannot be written as RFC 3339 timestamps. */
const LAST_SECOND = 253_402_300_799;

/**
 * The build clock decides embargoes and the top bar's default date. SOURCE_DATE_EPOCH (seconds, the
 * reproducible-builds convention) pins it so that the same content always builds the same site. A
 * clock that is not a valid time stops the build: compared with it, every embargo would be lifted.
 */
export function buildClock(env: NodeJS.ProcessEnv = process.env): DateTime<true> {
  const raw = env.SOURCE_DATE_EPOCH?.trim();
  if (!raw) return DateTime.utc() as DateTime<true>;
  const seconds = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  const clock = DateTime.fromSeconds(seconds, { zone: "utc" });
  if (!Number.isSafeInteger(seconds) || seconds > LAST_SECOND || !clock.isValid) {
    const why = /^\d+$/.test(raw) ? "is after the year 9999" : "must be whole seconds since 1970-01-01 UTC";
    throw new ContentValidationError([{ file: "SOURCE_DATE_EPOCH", message: `"${raw.slice(0, 40)}" ${why}; unset it to build at the current time` }]);
  }
  return clock;
}
