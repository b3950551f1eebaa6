// Recognise PostgreSQL errors by code (the same from pg and PGlite): constraints, privileges.
function codeOf(e: unknown): string | undefined {
  return typeof e === "object" && e !== null && "code" in e
    ? String((e as { code: unknown }).code)
    : undefined;
}

export const isUniqueViolation = (e: unknown): boolean => codeOf(e) === "23505";
export const isForeignKeyViolation = (e: unknown): boolean => codeOf(e) === "23503";
export const isInsufficientPrivilege = (e: unknown): boolean => codeOf(e) === "42501";
