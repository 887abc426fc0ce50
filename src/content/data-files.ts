import { existsSync, lstatSync, readdirSync } from "node:fs";
import path from "node:path";
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

/** A labels file: text by key, free of characters pages cannot carry. Which keys are labels is the model's to say. */
export function readLabelsFile(file: string, name: string): Record<string, string> {
  const own = readJsonFile(file, name);
  const problems: ContentProblem[] =
    own === null || typeof own !== "object" || Array.isArray(own)
      ? [{ file: name, message: 'must be labels by key, e.g. { "home": "Front page" }' }]
      : [...Object.entries(own).flatMap(([key, value]) => (typeof value === "string" ? [] : [{ file: name, field: key, message: "must be text" }])), ...illegalCharacters(name, own)];
  if (problems.length > 0) throw new ContentValidationError(problems);
  return own as Record<string, string>;
}

/** The label tables in `folder` (`<language>.json`, by lowercase language tag), each with the name its problems are reported under. */
export function readLabelFolder(folder: string, name: (file: string) => string): Map<string, { file: string; labels: Record<string, string> }> {
  const tables = new Map<string, { file: string; labels: Record<string, string> }>();
  if (!existsSync(folder)) return tables;
  for (const entry of readdirSync(folder).sort()) {
    if (!entry.endsWith(".json")) continue;
    const file = name(entry);
    tables.set(entry.slice(0, -".json".length).toLowerCase(), { file, labels: readLabelsFile(path.join(folder, entry), file) });
  }
  return tables;
}
