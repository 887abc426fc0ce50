import { DateTime, IANAZone } from "luxon";

export type ParsedDate = { ok: true; value: DateTime<true> } | { ok: false; reason: string };

export function isTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/**
 * Reads a content date the way a newsroom writes it: ISO 8601, with or without an offset, with a
 * `T` or a space before the time. Without an offset the time is wall-clock time in `zone`. The result
 * is expressed in `zone`, since every date on a page is shown in the article's zone.
 */
export function parseContentDate(raw: string, zone: string): ParsedDate {
  const text = raw.trim().replace(/^(\d{4}-\d{2}-\d{2}) (?=\d)/, "$1T");
  // A time with no day would be read on the day of the build; a year of other than four digits is no RFC 3339 time.
  if (!/^\d{4}-\d{2}-\d{2}(?:$|T)/.test(text)) {
    return { ok: false, reason: `"${raw}" is not a date with a day and a four-digit year; write ISO 8601, e.g. 2021-12-23T18:30 or 2021-12-23T18:30:00+03:00` };
  }
  const parsed = DateTime.fromISO(text, { zone });
  if (parsed.isValid) return { ok: true, value: parsed };
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
