// The API's trigger shapes as this page reads them (the contract's named schemas).
import type { components, operations } from "../../api/schema.gen.ts";

type Schemas = components["schemas"];

export type Trigger = Schemas["Trigger"];
export type TriggerDryRun = Schemas["TriggerDryRun"];
export type Conditions = Trigger["conditions"];
export type Condition = Conditions[string];
export type TriggerDraftBody = operations["dryRunTriggerDraft"]["requestBody"]["content"]["application/json"];
export type DryRunReason = TriggerDryRun["reasons"][number];
