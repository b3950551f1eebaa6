import { uuidv7 } from "uuidv7";

/** Opaque ids: UUIDv7, so they sort by creation time and index well. */
export const newId = (): string => uuidv7();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isId = (s: string): boolean => UUID.test(s);
