import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { validateXML } from "xmllint-wasm";
import { Ajv } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { FIXTURES } from "./site.ts";

const schemas = path.join(FIXTURES, "schemas");
const schemaFile = (name: string) => ({ fileName: name, contents: readFileSync(path.join(schemas, name), "utf8") });

/** A schema that pulls in the sitemap protocol and the Google News extension, so news:news is checked strictly too. */
const NEWS_SITEMAP_SCHEMA = `<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <xsd:import namespace="http://www.sitemaps.org/schemas/sitemap/0.9" schemaLocation="sitemap.xsd"/>
  <xsd:import namespace="http://www.google.com/schemas/sitemap-news/0.9" schemaLocation="sitemap-news.xsd"/>
</xsd:schema>`;

/** libxml2's xmllint (as WebAssembly) validating against the sitemaps.org XSDs. Returns the errors, none if valid. */
export async function sitemapErrors(xml: string, kind: "urlset" | "index" | "news"): Promise<string[]> {
  const main =
    kind === "index" ? schemaFile("siteindex.xsd") : kind === "news" ? { fileName: "news-main.xsd", contents: NEWS_SITEMAP_SCHEMA } : schemaFile("sitemap.xsd");
  const result = await validateXML({
    xml: [{ fileName: "document.xml", contents: xml }],
    schema: [main],
    preload: [schemaFile("sitemap.xsd"), schemaFile("sitemap-news.xsd")],
  });
  return result.errors.map((error) => error.message);
}

const require = createRequire(import.meta.url);
const jsonFeedSchema = JSON.parse(readFileSync(require.resolve("jsonfeed-schema/schema-v1.1.json"), "utf8"));
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const validateJsonFeed = ajv.compile(jsonFeedSchema);

/** JSON Feed 1.1's published JSON Schema (jsonfeed-schema), checked with ajv. */
export function jsonFeedErrors(feed: unknown): string[] {
  return validateJsonFeed(feed) ? [] : (validateJsonFeed.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

export function parseXml(xml: string): Record<string, unknown> {
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) throw new Error(`not well-formed XML: ${JSON.stringify(wellFormed.err)}`);
  return new XMLParser({ ignoreAttributes: false, htmlEntities: true, attributeNamePrefix: "@", isArray: (name) => ["entry", "url", "sitemap", "author", "category", "link"].includes(name) }).parse(xml);
}

/**
 * Every XML file of a built site checked for well-formedness by libxml2 (which, unlike lighter
 * parsers, refuses the characters XML 1.0 cannot hold), and every JSON file parsed. Returns the
 * problems, none if all are sound.
 */
export async function malformedOutputs(folder: string): Promise<string[]> {
  const files = readdirSync(folder, { recursive: true, encoding: "utf8" }).map((file) => file.split(path.sep).join("/"));
  const problems: string[] = [];
  const xml = files.filter((file) => file.endsWith(".xml"));
  if (xml.length > 0) {
    // No schema: xmllint parses each file (and would reformat it), which is the well-formedness check.
    const result = await validateXML({ xml: xml.map((file) => ({ fileName: file, contents: readFileSync(path.join(folder, file), "utf8") })), normalization: "format" });
    problems.push(...result.errors.filter((error) => error.loc).map((error) => `${error.loc!.fileName}: ${error.message}`));
  }
  for (const file of files.filter((name) => name.endsWith(".json"))) {
    try {
      JSON.parse(readFileSync(path.join(folder, file), "utf8"));
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`);
    }
  }
  return problems;
}

/**
 * IPTC's ninjs 3.1 JSON Schema, as IPTC publishes it (with its MIT licence, in schemas/ninjs/), checked with ajv's
 * draft 2020-12 validator, formats (uri, date-time) included. The schema refers to GeoJSON for
 * geometry, which Dateline never writes; that reference is given as "any object", as no file here
 * may fetch it.
 */
const NINJS_SCHEMA = JSON.parse(readFileSync(path.join(schemas, "ninjs/ninjs-schema_3.1.json"), "utf8")) as object;
const ninjsAjv = new Ajv2020({ allErrors: true, strict: false });
(addFormats as unknown as (ajv: Ajv2020) => void)(ninjsAjv);
ninjsAjv.addSchema({ $id: "https://geojson.org/schema/GeoJSON.json", type: "object" });
const validateNinjs = ninjsAjv.compile(NINJS_SCHEMA);

export function ninjsErrors(item: unknown): string[] {
  return validateNinjs(item) ? [] : (validateNinjs.errors ?? []).map((error) => `${error.instancePath || "(item)"} ${error.message ?? ""}`);
}
