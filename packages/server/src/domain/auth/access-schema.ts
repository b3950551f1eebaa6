// What the access API (API keys, users and their roles) accepts and returns.
import { z } from "zod";
import type { Role } from "../../db/schema.ts";
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

/** An API key as listed: never its hash; the prefix lets a person recognise it. */
export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
}
