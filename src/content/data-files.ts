import { lstatSync } from "node:fs";
import { illegalCharacters } from "./characters.ts";
import { ContentValidationError, parseJson, type ContentProblem } from "./errors.ts";
import { readText } from "./files.ts";

/**
 * A JSON file the site keeps beside its content (`_data/*.json`, `_includes/labels.json`), read as
 * Dateline reads its own: only a plain file (a named pipe would hang the build), its problems as
 * `file: message` lines. Throws ContentValidationError.
 */
export function readJsonFile(file: string, name: string): unknown {
  const fail = (problems: ContentProblem[]) => {
    throw new ContentValidationError(problems);
  };
  if (!lstatSync(file).isFile()) fail([{ file: name, message: "is not a plain file; Dateline reads only plain files inside the site" }]);
  const text = readText(file, name);
  if (!text.ok) return fail([text.problem]);
  const json = parseJson(name, text.text);
  if (!json.ok) return fail([json.problem]);
  return json.value;
}

/** The theme's labels, with any the site's own file words differently: every label text, and free of characters pages cannot carry. */
export function readLabels(themeFile: string, siteFile: string | undefined, siteName: string): Record<string, string> {
  const theme = readJsonFile(themeFile, themeFile) as Record<string, string>;
  if (!siteFile) return theme;
  const own = readJsonFile(siteFile, siteName);
  const problems: ContentProblem[] =
    own === null || typeof own !== "object" || Array.isArray(own)
      ? [{ file: siteName, message: 'must be labels by key, e.g. { "home": "Front page" }' }]
      : [
          ...Object.entries(own).flatMap(([key, value]) => (typeof value === "string" ? [] : [{ file: siteName, field: key, message: "must be text" }])),
          ...Object.keys(own).filter((key) => !(key in theme)).map((key) => ({ file: siteName, field: key, message: `is not a label (known: ${Object.keys(theme).join(", ")})` })),
          ...illegalCharacters(siteName, own),
        ];
  if (problems.length > 0) throw new ContentValidationError(problems);
  return { ...theme, ...(own as Record<string, string>) };
}
