import type { ContentProblem } from "./errors.ts";

/**
 * Characters a feed, a sitemap or a web page cannot carry: control characters but tab, line feed
 * and carriage return (XML 1.0 forbids those below U+0020, HTML all of them), noncharacters such as
 * U+FFFE, and halves of surrogate pairs. One in a headline makes every feed it appears in invalid.
 */
const ILLEGAL = /(?![\t\n\r])\p{Cc}|\p{Noncharacter_Code_Point}|\p{Cs}/u;
const ILLEGAL_EVERYWHERE = new RegExp(ILLEGAL.source, "gu");

/** Data nested deeper than this is refused before it is read: no content needs it, and a parser could overflow. */
const MAX_NESTING = 64;
/** The problem of data nested deeper than that: its reader must not go on to the schema. */
export const TOO_DEEP = `is nested more than ${MAX_NESTING} levels deep`;

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

function describe(text: string): string | undefined {
  const match = ILLEGAL.exec(text);
  if (!match) return undefined;
  const line = text.slice(0, match.index).split("\n").length;
  const where = text.includes("\n") ? ` (line ${line})` : "";
  return `contains ${codePoint(match[0])}${where}, a character that feeds, sitemaps and web pages cannot carry; remove it`;
}

interface Item {
  value: unknown;
  field: string;
  depth: number;
}

/**
 * A problem for each text field (at any depth) and for `body` that holds such a character, or the
 * one problem that the data is nested too deep to read. Walks without recursion, each object once.
 */
export function illegalCharacters(file: string, value: unknown, body?: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const seen = new WeakSet<object>();
  const stack: Item[] = [{ value, field: "", depth: 0 }];
  while (stack.length > 0) {
    const { value: item, field, depth } = stack.pop()!;
    if (typeof item === "string") {
      const message = describe(item);
      if (message) problems.push({ file, field: field || "(whole file)", message });
    } else if (item !== null && typeof item === "object" && !seen.has(item)) {
      if (depth > MAX_NESTING) return [{ file, field: field || "(whole file)", message: TOO_DEEP }];
      seen.add(item);
      for (const [key, inner] of Object.entries(item).reverse()) {
        const keyMessage = describe(key);
        if (keyMessage) problems.push({ file, field: field || "(whole file)", message: `a field name ${keyMessage}` });
        stack.push({ value: inner, field: Array.isArray(item) ? `${field}[${key}]` : field ? `${field}.${key}` : key, depth: depth + 1 });
      }
    }
  }
  if (body !== undefined) {
    const message = describe(body);
    if (message) problems.push({ file, field: "body", message });
  }
  return problems;
}

/**
 * Rendered HTML with each such character replaced by U+FFFD: markdown turns `&#12;` into a form feed,
 * which the check on the text as written cannot see. An import drops them (`replacement` ""): a form
 * feed pasted into a WordPress post was never meant to be seen.
 */
export const withoutIllegalCharacters = (html: string, replacement = "\uFFFD") => html.replace(ILLEGAL_EVERYWHERE, replacement);
