// Merge fields in the survey owner's email texts: {{contact.name}}, {{contact.email}},
// {{contact.attributes.<key>}}, {{touchpoint.name}}, {{brand.name}}, each with an optional fallback
// after a bar: {{contact.name | お客}}.

export type AttributeValue = string | number | boolean | null;

/** What merge fields can read: the one contact, touchpoint and brand of a send. */
export interface MergeValues {
  contact: { name: string | null; email: string; attributes: Record<string, AttributeValue> };
  touchpoint: { name: string } | null;
  brand: { name: string };
}

/** Longest template accepted; survey texts are a sentence or two, so more is a mistake or an attack. */
export const MAX_TEMPLATE_LENGTH = 5_000;
/** Longest value inserted: a field fills a sentence, so a huge attribute must not bloat every email. */
export const MAX_FIELD_VALUE_LENGTH = 500;

const FIELD = /\{\{([^{}]*)\}\}/g;
const ATTRIBUTES = "contact.attributes.";

/**
 * The template with every field replaced by its value, else its fallback, else nothing — never the raw
 * braces. `escape` is applied to the template text as well as to the values, because both are untrusted
 * in HTML (the owner's text and the contact's data alike); pass identity for plain text and subjects.
 */
export function renderMergeFields(
  template: string,
  values: MergeValues,
  escape: (s: string) => string,
): string {
  if (template.length > MAX_TEMPLATE_LENGTH) {
    throw new Error(`template is ${template.length} characters; at most ${MAX_TEMPLATE_LENGTH} are allowed`);
  }
  let out = "";
  let last = 0;
  for (const match of template.matchAll(FIELD)) {
    const [path = "", ...rest] = (match[1] ?? "").split("|");
    const value = valueOf(values, path.trim()) ?? rest.join("|").trim();
    out += escape(template.slice(last, match.index)) + escape(value);
    last = match.index + match[0].length;
  }
  return out + escape(template.slice(last));
}

/** The field's value as text, or undefined when it is unknown, missing or blank (so the fallback shows). */
function valueOf(values: MergeValues, path: string): string | undefined {
  let raw: AttributeValue | undefined;
  if (path === "contact.name") raw = values.contact.name;
  else if (path === "contact.email") raw = values.contact.email;
  else if (path === "touchpoint.name") raw = values.touchpoint?.name;
  else if (path === "brand.name") raw = values.brand.name;
  else if (path.startsWith(ATTRIBUTES)) {
    const attributes = values.contact.attributes;
    const key = path.slice(ATTRIBUTES.length);
    // Own keys only: "constructor" or "__proto__" must not reach Object.prototype.
    raw = Object.hasOwn(attributes, key) ? attributes[key] : undefined;
  }
  if (raw === null || raw === undefined) return undefined;
  const text = String(raw).trim();
  if (text === "") return undefined;
  // Cut by code points so a cut never splits a surrogate pair.
  const chars = Array.from(text);
  return chars.length > MAX_FIELD_VALUE_LENGTH ? chars.slice(0, MAX_FIELD_VALUE_LENGTH).join("") : text;
}
