import type { ContentProblem } from "./errors.ts";

/**
 * Characters XML 1.0 cannot hold (C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF;
 * halves of surrogate pairs). One in a headline makes every feed and sitemap it appears in invalid,
 * and HTML counts them as errors too.
 */
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

const codePoint = (char: string) => `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;

function describe(text: string): string | undefined {
  const match = ILLEGAL.exec(text);
  if (!match) return undefined;
  const line = text.slice(0, match.index).split("\n").length;
  const where = text.includes("\n") ? ` (line ${line})` : "";
  return `contains ${codePoint(match[0])}${where}, a character that feeds, sitemaps and web pages cannot carry; remove it`;
}

/** A problem for each text field (at any depth) and for `body`, when it holds a character XML cannot. */
export function illegalCharacters(file: string, value: unknown, body?: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const visit = (item: unknown, field: string, seen: WeakSet<object>) => {
    if (typeof item === "string") {
      const message = describe(item);
      if (message) problems.push({ file, field: field || "(whole file)", message });
    } else if (item !== null && typeof item === "object" && !seen.has(item)) {
      seen.add(item);
      for (const [key, inner] of Object.entries(item)) {
        const keyMessage = describe(key);
        if (keyMessage) problems.push({ file, field: field || "(whole file)", message: `a field name ${keyMessage}` });
        visit(inner, Array.isArray(item) ? `${field}[${key}]` : field ? `${field}.${key}` : key, seen);
      }
    }
  };
  visit(value, "", new WeakSet());
  if (body !== undefined) {
    const message = describe(body);
    if (message) problems.push({ file, field: "body", message });
  }
  return problems;
}
