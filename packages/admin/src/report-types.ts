// The shapes of /api/v1/reports/*: the contract's NpsReport, CsatReport and CesReport (api/schema.gen.ts).
import type { components } from "./api/schema.gen.ts";

type Schemas = components["schemas"];
export type NpsReport = Schemas["NpsReport"];
export type CsatReport = Schemas["CsatReport"];
export type CesReport = Schemas["CesReport"];
export type ResponseRate = Schemas["ResponseRate"];

/** One group of a grouped report: its summary with the group's key, keys and label. */
type GroupOf<R extends { groups?: unknown[] }> = NonNullable<R["groups"]>[number];
/** The group's own fields, beside its summary. */
export type ReportGroup = Pick<GroupOf<NpsReport>, "key" | "keys" | "label">;
/** A report's score and counts, without its period, groups or comparison. */
export type NpsSummary = Omit<GroupOf<NpsReport>, keyof ReportGroup>;
export type CsatSummary = Omit<GroupOf<CsatReport>, keyof ReportGroup>;
export type CesSummary = Omit<GroupOf<CesReport>, keyof ReportGroup>;
