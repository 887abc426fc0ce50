import type { DateTime } from "luxon";

export interface DatelineInput {
  place: string;
  source?: string | undefined;
}

/**
 * The dateline that opens a story: `MOSCOW, December 23. /TASS/.` from the site's format. Without a
 * source the word carrying `{source}` (and the space before it) is left out, whatever the format.
 */
export function formatDateline(format: string, dateFormat: string, dateline: DatelineInput, published: DateTime, locale: string): string {
  const withoutSource = dateline.source ? format : format.replace(/\s*\S*\{source\}\S*/g, "");
  const date = published.setLocale(locale).toFormat(dateFormat);
  return withoutSource
    .replaceAll("{place}", dateline.place)
    .replaceAll("{date}", date)
    .replaceAll("{source}", dateline.source ?? "")
    .trim();
}
