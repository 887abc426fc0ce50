import { DateTime, IANAZone } from "luxon";

export type ParsedDate = { ok: true; value: DateTime<true> } | { ok: false; reason: string };

export function isTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:0\d|1[0-4])(?::?[0-5]\d)?)?)?$/;

/**
 * Reads a content date the way a newsroom writes it: ISO 8601, with or without an offset, with a
 * `T` or a space before the time. Without an offset the time is wall-clock time in `zone`. The result
 * is expressed in `zone`, since every date on a page is shown in the article's zone.
 */
export function parseContentDate(raw: string, zone: string): ParsedDate {
  const text = raw.trim().replace(/^(\d{4}-\d{2}-\d{2}) (?=\d)/, "$1T");
  // Only what RFC 3339 can say: a day (a time alone would be read on the day of the build), a
  // four-digit year, hours 00–23, an offset within ±14:59 and nothing after it (luxon would read a
  // "[Zone]" after an offset and drop the offset: an embargo lifted hours early).
  if (!DATE_TIME.test(text)) {
    return { ok: false, reason: `"${raw}" is not a date with a day and a four-digit year, a time from 00:00 to 23:59 and an offset from -14:59 to +14:59; write ISO 8601, e.g. 2021-12-23T18:30 or 2021-12-23T18:30:00+03:00` };
  }
  const parsed = DateTime.fromISO(text, { zone });
  if (parsed.isValid && [parsed.year, parsed.toUTC().year].every((year) => year >= 0 && year <= 9999)) return { ok: true, value: parsed };
  if (parsed.isValid) return { ok: false, reason: `"${raw}" falls outside the years 0000 to 9999 ${zone === "UTC" ? "in UTC" : `in UTC or in ${zone}`}` };
  const reason = parsed.invalidExplanation ?? parsed.invalidReason ?? "not a date";
  return {
    ok: false,
    reason: `"${raw}" is not a valid date (${reason}); write ISO 8601, e.g. 2021-12-23T18:30 or 2021-12-23T18:30:00+03:00`,
  };
}

/** A reader-facing timestamp, e.g. "December 24, 2021 at 2:30 AM GMT+3". */
export function formatTimestamp(date: DateTime, locale: string): string {
  return date.setLocale(locale).toLocaleString({
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  });
}

/** The top bar's date, e.g. "Wednesday, January 19, 2022". */
export function formatHeaderDate(date: DateTime, locale: string): string {
  return date.setLocale(locale).toLocaleString(DateTime.DATE_HUGE);
}

/** A date as machines read it: ISO 8601 with offset and without milliseconds. */
export function isoTimestamp(date: DateTime): string {
  return date.toISO({ suppressMilliseconds: true }) ?? "";
}

/** A moment shown to readers and machines alike, formatted once per build. */
export interface Stamp {
  iso: string;
  /** "December 24, 2021 at 2:30 AM GMT+3" */
  text: string;
  ms: number;
}

export function stamp(date: DateTime, locale: string): Stamp {
  return { iso: isoTimestamp(date), text: formatTimestamp(date, locale), ms: date.toMillis() };
}
