import { findNodeAtLocation, parseTree } from "jsonc-parser";
import type { NavSectionInput } from "../../content/schema.ts";

/**
 * Puts new sections into site.json's `nav` and changes nothing else in the file: the `nav` value is
 * found by a JSON parser that knows where each value is written (jsonc-parser) and only that span is
 * written again, one section a line as the sample writes it.
 */
export function withSections(source: string, nav: readonly NavSectionInput[]): string {
  const node = findNodeAtLocation(parseTree(source)!, ["nav"]);
  if (!node) throw new Error("_data/site.json: nav: is missing");
  const lineStart = source.lastIndexOf("\n", node.offset) + 1;
  const indent = /^[ \t]*/.exec(source.slice(lineStart))![0];
  const step = /\n([ \t]+)"/.exec(source)?.[1] ?? "  ";
  return source.slice(0, node.offset) + formatList(nav, indent, step) + source.slice(node.offset + node.length);
}

function formatList(sections: readonly NavSectionInput[], indent: string, step: string): string {
  const inner = indent + step;
  return `[\n${sections.map((section) => `${inner}${formatSection(section, inner, step)}`).join(",\n")}\n${indent}]`;
}

function formatSection(section: NavSectionInput, indent: string, step: string): string {
  const head = `{ "key": ${JSON.stringify(section.key)}, "title": ${JSON.stringify(section.title)}`;
  return section.children?.length ? `${head}, "children": ${formatList(section.children, indent, step)} }` : `${head} }`;
}
