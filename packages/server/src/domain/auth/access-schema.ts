// What the access API (API keys, users and their roles) accepts and returns.
import { z } from "zod";
import { idOut, timeOut } from "../fields.ts";
import { roles } from "./actor.ts";

const roleSchema = z.enum(roles);
const password = z.string().min(8, "must be at least 8 characters").max(200);
const userName = z.string().trim().min(1).max(200);

export const apiKeyInput = z.object({ name: z.string().trim().min(1).max(100), role: roleSchema }).strict();

/** Adding a person to the workspace: a new email needs a password; an email with an account keeps its own. */
export const userInput = z
  .object({
    email: z.email().max(320).toLowerCase(),
    name: userName.optional(),
    password: password.optional(),
    role: roleSchema,
  })
  .strict();

export const userPatch = z.object({ name: userName, role: roleSchema, password }).partial().strict();

export type ApiKeyInput = z.infer<typeof apiKeyInput>;
export type UserInput = z.infer<typeof userInput>;
export type UserPatch = z.infer<typeof userPatch>;

// What the API answers (http/contract/).

/** An API key as listed: never its hash; the prefix lets a person recognise it. */
export const apiKeySchema = z
  .object({
    id: idOut,
    name: z.string(),
    role: roleSchema,
    prefix: z.string().meta({ description: "The key's first characters, to recognise it by" }),
    createdAt: timeOut,
    lastUsedAt: timeOut.nullable().meta({ description: "To the minute" }),
    revokedAt: timeOut.nullable(),
  })
  .meta({ id: "ApiKey" });
export type ApiKey = z.output<typeof apiKeySchema>;

/** The new key with its secret value, which is shown this once and never stored. */
export const createdApiKeySchema = apiKeySchema
  .omit({ lastUsedAt: true, revokedAt: true })
  .extend({ key: z.string().meta({ description: "The key itself: shown this once only, never stored" }) })
  .meta({ id: "CreatedApiKey" });
export type CreatedApiKey = z.output<typeof createdApiKeySchema>;

/** A member of the workspace: the account's name and email, the membership's role and date. */
export const userSchema = z
  .object({
    id: idOut,
    email: z.string().meta({ format: "email" }),
    name: z.string(),
    role: roleSchema,
    createdAt: timeOut.meta({ description: "When they joined this workspace" }),
  })
  .meta({ id: "User" });
export type User = z.output<typeof userSchema>;

export const addedUserSchema = userSchema
  .extend({
    existingAccount: z.boolean().meta({
      description:
        "The email already had an account (from another workspace): it keeps its own password and name, and now also has this workspace",
    }),
  })
  .meta({ id: "AddedUser" });
export type AddedUser = z.output<typeof addedUserSchema>;

/** The admin app's session: who is signed in, where, and the token state-changing requests must echo. */
export const sessionUserSchema = z.object({
  id: idOut,
  email: z.string().meta({ format: "email" }),
  name: z.string(),
  role: roleSchema.meta({ description: "Their role in the session's workspace" }),
  instanceOwner: z.boolean().meta({ description: "May create, rename and delete workspaces" }),
});

export const sessionWorkspaceSchema = z.object({
  id: idOut,
  name: z.string(),
  defaultLocale: z.enum(["ja", "en"]),
  timeZone: z.string(),
  isDemo: z.boolean(),
});
