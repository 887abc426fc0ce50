import { CORE_SCHEMA, dump, load, YAMLException } from "js-yaml";

export type SplitArticle =
  | { ok: true; data: Record<string, unknown>; body: string }
  | { ok: false; message: string };

const OPENING = /^---([a-zA-Z]*)[ \t]*\n/;
const CLOSING = /^---[ \t]*$/m;
/** YAML's document end marker: fields after it would be read as the story, not as front matter. */
const DOCUMENT_END = /^\.\.\.[ \t]*$/m;
/** YAML's merge key, which the core schema reads as an ordinary field named "<<". */
const MERGE_KEY = "<<";

/**
/** An article's text as it is split: without a byte-order mark, with `\n` line ends. */
export const normalizedSource = (source: string) => source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");

/**
 * Splits an article into YAML front matter and markdown body. Written here rather than taken from
 * gray-matter because that library evaluates `---js` front matter as code and lets YAML turn
 * `2025-02-30` into a Date of March 2: articles are data from many hands, so only YAML's core schema
 * is accepted (dates stay text and are parsed, and rejected, by luxon). js-yaml parses it: it is what
 * gray-matter and Eleventy use, and several times faster than the `yaml` package on front matter.
 */
export function splitArticle(source: string): SplitArticle {
  const normalized = normalizedSource(source);
  if (!normalized.trim()) return { ok: false, message: "is empty: an article needs front matter (title, date, section) and a story" };
  const opening = OPENING.exec(normalized);
  if (!opening) {
    return {
      ok: false,
      message: "has no front matter: an article starts with a line '---', then title, date and section, then '---'",
    };
  }
  const language = opening[1]?.toLowerCase() ?? "";
  if (language !== "" && language !== "yaml" && language !== "yml") {
    return { ok: false, message: `front matter must be YAML ('---'), not '---${opening[1]}'` };
  }
  const rest = normalized.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) {
    return { ok: false, message: "front matter is not closed: add a line '---' after the last field" };
  }
  const yamlText = rest.slice(0, closing.index);
  const body = rest.slice(closing.index + closing[0].length).replace(/^\n/, "");
  const documentEnd = DOCUMENT_END.exec(yamlText);
  if (documentEnd) {
    const line = yamlText.slice(0, documentEnd.index).split("\n").length + 1;
    return { ok: false, message: `front matter has YAML's document end marker '...' (line ${line}) before its closing '---': remove it, every field belongs above '---'` };
  }
  let data: unknown;
  try {
    data = load(yamlText, { schema: CORE_SCHEMA });
  } catch (error) {
    if (error instanceof YAMLException) {
      // js-yaml counts lines from 0 at the first field; the file has the opening '---' above it.
      const where = error.mark ? ` (line ${error.mark.line + 2})` : "";
      const hint = yamlHint(yamlText.split("\n"), error.mark?.line ?? -1, error.reason);
      return { ok: false, message: `front matter is not valid YAML${where}: ${error.reason}${hint ? `; ${hint}` : ""}` };
    }
    throw error;
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== "object" || Array.isArray(data)) {
    return { ok: false, message: "front matter must be fields (key: value), one per line" };
  }
  if (hasMergeKey(data)) {
    return { ok: false, message: "front matter uses a YAML merge key (<<), which Dateline does not read: write each field out" };
  }
  return { ok: true, data: data as Record<string, unknown>, body };
}

/**
 * What to do about the YAML mistakes editors make, said in their words: a colon inside a headline
 * (`title: Breaking: news`) ends the field for YAML; a quote inside the quotes around a value ends
 * it; a value that opens with `[`, `*` or `&` is read as a list, an alias or an anchor; YAML indents
 * with spaces only. `lines` are the front matter's, `at` the line js-yaml stopped on.
 */
function yamlHint(lines: readonly string[], at: number, reason: string): string | undefined {
  const line = lines[at] ?? "";
  if (line.startsWith("\t") || /^\s*\t/.test(line) || reason.includes("tab characters")) return "indent with spaces, not tabs";
  const field = /^(\s*[\w-]+):\s+(.*)$/.exec(line);
  const [name, value] = field ? [field[1]!.trim(), field[2]!.trim()] : ["", ""];
  if (reason.includes("quoted scalar")) {
    // js-yaml stops at the end of the front matter: the quote was opened on the first line that leaves one open.
    const open = lines.findIndex((text) => /^\s*[\w-]+:\s+(["'])/.test(text) && (text.split(/^\s*[\w-]+:\s+/)[1]!.match(/["']/g)?.filter((q) => q === text.match(/:\s+(["'])/)![1]).length ?? 0) % 2 === 1);
    const where = open === -1 ? "" : ` (line ${open + 2})`;
    return `a quote opened in a value${where} is not closed: close it at the end of the value`;
  }
  // The words as the editor meant them: the quotes around the whole value dropped, those inside kept.
  const within = (quote: string) => (value.length > 1 && value.startsWith(quote) && value.endsWith(quote) ? value.slice(1, -1) : value);
  if (/^"[^"]*"\s*\S/.test(value)) return `a value in double quotes cannot hold another double quote: put it in single quotes, ${name}: '${within('"').replace(/'/g, "''")}'`;
  if (/^'[^']*'[^']/.test(value)) return `an apostrophe inside single quotes ends the value: put it in double quotes, ${name}: "${within("'").replace(/"/g, '\\"')}"`;
  if (/^[[{*&!%@`]/.test(value) && !/^\[.*\]$|^\{.*\}$/.test(value)) return `a value starting with ${value[0]} must be in quotes: ${name}: "${value.replace(/"/g, '\\"')}"`;
  if (reason.includes("flow collection")) {
    // A bracket that opens a value and never closes (`title: [Update ferry`) is found on its own line, above where js-yaml stopped.
    const opened = lines.slice(0, at + 1).reverse().map((text) => /^\s*([\w-]+):\s+([[{].*)$/.exec(text)).find((match) => match && (match[2]!.match(/[[{]/g)?.length ?? 0) > (match[2]!.match(/[\]}]/g)?.length ?? 0));
    if (opened) return `a value starting with ${opened[2]![0]} must be in quotes: ${opened[1]}: "${opened[2]!.replace(/"/g, '\\"')}"`;
    return 'inside { } or [ ], a value with a colon, comma or bracket must be in quotes, e.g. place: "ST. PETERSBURG: NORTH"';
  }
  if (field && !/^["'[{|>]/.test(value) && /:\s/.test(value)) return `a colon followed by a space inside a value ends it: put the value in quotes, ${name}: "${value.replace(/"/g, '\\"')}"`;
  return undefined;
}

/** Looks once at each object: aliases share objects, and a YAML bomb shares them billions of times over. */
function hasMergeKey(value: unknown, seen = new WeakSet<object>()): boolean {
  if (value === null || typeof value !== "object" || seen.has(value)) return false;
  seen.add(value);
  if (Array.isArray(value)) return value.some((item) => hasMergeKey(item, seen));
  return Object.entries(value).some(([key, inner]) => key === MERGE_KEY || hasMergeKey(inner, seen));
}

/** An article file written by a tool (the importer, `npm run new`): front matter in the YAML splitArticle reads, then the story. */
export function articleText(front: Record<string, unknown>, body: string): string {
  return `---\n${dump(front, { schema: CORE_SCHEMA, lineWidth: -1, noRefs: true, quotingType: '"' })}---\n${body}${body && !body.endsWith("\n") ? "\n" : ""}`;
}
