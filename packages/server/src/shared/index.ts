// What the server and the admin app both need, exported as @koe/server/shared: pure TypeScript (no Node
// modules, no database, no zod), so the admin's bundle takes only what it uses.
export * from "./roles.ts";
export * from "./scales.ts";
export * from "./survey-defaults.ts";
export * from "./text-on.ts";
export * from "./vocabulary.ts";
