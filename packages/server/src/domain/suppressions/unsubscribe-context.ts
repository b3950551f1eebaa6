// What the unsubscribe page needs about one address, read in one query.
import type { Db } from "../../db/open.ts";
import type { Locale, SuppressionReason } from "../../db/schema.ts";
import { resolveBrands, type Brands } from "../workspaces/brand.ts";
import { embedOriginsOf } from "../workspaces/embed-origins.ts";

export interface UnsubscribeContext {
  /** The workspace's brand in each language: whom the person is unsubscribing from. */
  brand: Brands;
  defaultLocale: Locale;
  /** The locale of the workspace's contact with this address, if there is one. */
  contactLocale: Locale | null;
  /** The current suppression's reason, if the address is suppressed. */
  suppressed: SuppressionReason | null;
  /** The workspace's origins that may frame its pages. */
  frameAncestors: string[];
}

export async function loadUnsubscribeContext(
  db: Db,
  workspaceId: string,
  email: string,
): Promise<UnsubscribeContext | undefined> {
  const r = await db
    .selectFrom("workspaces as w")
    .leftJoin("contacts as co", (j) => j.onRef("co.workspace_id", "=", "w.id").on("co.email", "=", email))
    .leftJoin("suppressions as s", (j) => j.onRef("s.workspace_id", "=", "w.id").on("s.email", "=", email))
    .select(["w.name", "w.default_locale", "w.settings", "co.locale", "s.reason"])
    .where("w.id", "=", workspaceId)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    brand: resolveBrands({ name: r.name, settings: r.settings }),
    defaultLocale: r.default_locale,
    contactLocale: r.locale,
    suppressed: r.reason,
    frameAncestors: embedOriginsOf(r.settings.embed?.origins),
  };
}
