// The brand a respondent sees — name, logo and colour — for one workspace in one language: the one place
// survey pages, their previews, the unsubscribe page and the survey email take it from. A brand name may
// differ per language ({ ja, en }); a name stored as a plain string (before names per language) is that
// name in every language, so old settings keep working without a data migration.
import { z } from "zod";
import type { Locale, SurveySettingsJson, WorkspaceSettingsJson } from "../../db/schema.ts";
import { textOn } from "../../shared/text-on.ts";

export const defaultBrandColor = "#1a56db";

export interface Brand {
  name: string;
  /** An http(s) image URL, or null: the name alone is shown. */
  logoUrl: string | null;
  /** #rrggbb */
  color: string;
  /** The text colour that reads on `color` (white or near-black). */
  onColor: string;
}

/** The brand in each language; a page or email takes the one of its own language. */
export type Brands = Record<Locale, Brand>;

/** A brand name as stored: a plain string (every language), or one per language. */
export type StoredBrandName = string | Partial<Record<Locale, string>>;

const oneLineName = z
  .string()
  .trim()
  .min(1, { error: "must not be blank" })
  .max(100)
  // Goes into mail headers (From, Subject): a line break there could add headers.
  .regex(/^[^\r\n]*$/, "must be on one line");

const namesPerLocale = z
  .object({ ja: oneLineName.optional(), en: oneLineName.optional() })
  .strict()
  .refine((o) => o.ja !== undefined || o.en !== undefined, "give the name in at least one language (ja, en)");

/** A brand name in: a plain string (the same in every language) or { ja, en }; out: { ja?, en? }. */
export const brandNameSchema = z
  .union([oneLineName, namesPerLocale], {
    error: 'a name (one line, 1–100 characters), or names per language { "ja": …, "en": … }',
  })
  .transform((v): Partial<Record<Locale, string>> => (typeof v === "string" ? { ja: v, en: v } : v));

export const brandLogoSchema = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2000);

export const brandColorSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, "must be a colour #rrggbb")
  .toLowerCase();

/** The names of a stored value that are still valid; a bad one is as good as unset. */
export function storedBrandNames(stored: unknown): Partial<Record<Locale, string>> {
  const parsed = brandNameSchema.safeParse(stored);
  return parsed.success ? parsed.data : {};
}

const other = (locale: Locale): Locale => (locale === "ja" ? "en" : "ja");

export interface BrandSource {
  /** The workspace's (legal) name: the name when no brand name is set. */
  name: string;
  settings: Pick<WorkspaceSettingsJson, "brand">;
}

/**
 * The brand for a workspace in a language. The name: the survey's own brand name in this language, else in
 * the other (a survey's brand is a product's, whole), else the workspace's brand name in this language,
 * else in the other, else the workspace's name. Logo and colour are the workspace's.
 */
export function resolveBrand(
  workspace: BrandSource,
  locale: Locale,
  survey?: { settings: Pick<SurveySettingsJson, "brandName"> },
): Brand {
  const brand = workspace.settings.brand ?? {};
  const own = storedBrandNames(survey?.settings.brandName);
  const names = storedBrandNames(brand.name);
  const logo = brandLogoSchema.safeParse(brand.logoUrl);
  const color = brandColorSchema.safeParse(brand.color);
  const hex = color.success ? color.data : defaultBrandColor;
  return {
    name: own[locale] ?? own[other(locale)] ?? names[locale] ?? names[other(locale)] ?? workspace.name,
    logoUrl: logo.success ? logo.data : null,
    color: hex,
    onColor: textOn(hex),
  };
}

/** The brand in both languages, for a page that settles its language later. */
export function resolveBrands(
  workspace: BrandSource,
  survey?: { settings: Pick<SurveySettingsJson, "brandName"> },
): Brands {
  return { ja: resolveBrand(workspace, "ja", survey), en: resolveBrand(workspace, "en", survey) };
}
