// What a suppression is: an email address a workspace must not send survey email to, and why.
import { z } from "zod";
import type { SuppressionReason } from "../../db/schema.ts";
import { pageSchema, timeOut } from "../fields.ts";

export const suppressionReasons = [
  "complained",
  "bounced",
  "unsubscribed",
  "manual",
] as const satisfies readonly SuppressionReason[];

/**
 * Which reason a row keeps when an address is suppressed again: the stronger one. A complaint (the
 * person marked our mail as spam) outweighs everything, a hard bounce proves the address is dead, an
 * unsubscribe is the person's own wish, and a manual entry carries no evidence. The strength also
 * decides what may be undone: only an `unsubscribed` row can be lifted by the person from the page.
 */
export const reasonStrength: Record<SuppressionReason, number> = {
  complained: 4,
  bounced: 3,
  unsubscribed: 2,
  manual: 1,
};

export const suppressionOrigins = ["unsubscribe", "provider", "manual", "api"] as const;
export type SuppressionOrigin = (typeof suppressionOrigins)[number];

export const MAX_EMAIL = 320;
export const MAX_SOURCE = 200;
export const MAX_NOTE = 500;
export const MAX_SUPPRESSION_BATCH = 1000;

/** Addresses are stored in lower case (the table checks it), so one person is one row. */
export const emailSchema = z
  .string()
  .trim()
  .max(MAX_EMAIL)
  .toLowerCase()
  .pipe(z.email({ error: "must be an email address" }));

export const suppressionInput = z
  .object({
    email: emailSchema,
    reason: z.enum(suppressionReasons),
    source: z.string().trim().min(1).max(MAX_SOURCE).optional(),
    note: z.string().trim().max(MAX_NOTE).optional().meta({ description: "Why, in a person's words" }),
  })
  .strict();
export type SuppressionInput = z.output<typeof suppressionInput>;

export const suppressionFilter = pageSchema
  .extend({
    reason: z.enum(suppressionReasons).optional(),
    q: z.string().trim().max(MAX_EMAIL).optional().meta({ description: "Part of the address" }),
  })
  .strict();
export type SuppressionFilter = z.output<typeof suppressionFilter>;

export const suppressionSchema = z
  .object({
    email: z.string().meta({ format: "email", description: "In lower case, as stored" }),
    reason: z.enum(suppressionReasons),
    source: z
      .string()
      .nullable()
      .meta({
        description:
          "Where it came from: `unsubscribe page (send …)` or `one-click (send …)` (the link in an email), " +
          "`webhook:ses` and the like (a provider's event), `admin` (added in the admin app), `api` or the " +
          "caller's own text",
      }),
    origin: z.enum(suppressionOrigins).meta({
      description:
        "The source in four kinds: unsubscribe (the person, from an email's link), provider (a bounce or " +
        "complaint webhook), manual (a person in the admin app), api (an API key or import)",
    }),
    note: z.string().nullable(),
    createdAt: timeOut,
  })
  .meta({ id: "Suppression", description: "An address no survey email is sent to, and why" });
export type Suppression = z.output<typeof suppressionSchema>;

/** Written as `source` by the admin app (a signed-in user who gave none); API keys write `api`. */
export const ADMIN_SOURCE = "admin";

/** Which kind of path wrote a `source` (the unsubscribe routes, the webhook, the admin app, the API). */
export function originOf(source: string | null): SuppressionOrigin {
  if (source === null) return "api";
  if (/^(unsubscribe page|one-click)( \(send [^)]*\))?$/.test(source)) return "unsubscribe";
  if (source.startsWith("webhook:")) return "provider";
  if (source === ADMIN_SOURCE) return "manual";
  return "api";
}

/** The address in its stored spelling, or undefined when it is not an email address. */
export function normaliseEmail(raw: string): string | undefined {
  const parsed = emailSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
