// LIKE / ILIKE patterns from text a person typed.

/** Matches `text` literally anywhere: %, _ and the escape character \ lose their meaning. */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
