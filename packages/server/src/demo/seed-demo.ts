// Fills one empty workspace with 18 months of realistic, reproducible demo data (`koe seed-demo`,
// `koe serve --demo`): touchpoints, surveys, companies, contacts, ~5,000 responses and the email invitations behind them, in ja or en.
import type { Db } from "../db/open.ts";
import { ConflictError } from "../domain/errors.ts";
import { importResponses } from "../domain/responses/import-responses.ts";
import { MAX_BATCH } from "../domain/responses/response-schema.ts";
import { surveyInput } from "../domain/surveys/survey-schema.ts";
import { createSurvey, listSurveys } from "../domain/surveys/surveys.ts";
import { touchpointInput } from "../domain/touchpoints/touchpoint-schema.ts";
import { createTouchpoint, listTouchpoints } from "../domain/touchpoints/touchpoints.ts";
import { demoContentEn } from "./demo-content-en.ts";
import { demoContentJa } from "./demo-content-ja.ts";
import { surveyKeys, touchpointKeys, type DemoContent } from "./demo-content.ts";
import { seedPeople } from "./demo-people.ts";
import { buildResponses, type DemoIds } from "./demo-responses.ts";
import { seedDemoSends } from "./demo-sends.ts";
import { markDemoAnswerFlags } from "./demo-answer-flags.ts";
import { buildTimeline } from "./demo-timeline.ts";
import { createRandom, subSeed } from "./random.ts";

export const DEFAULT_DEMO_SEED = 20261124;

export interface SeedDemoOptions {
  workspaceId: string;
  locale: "ja" | "en";
  /** The end of the 18 months of history: the clock's time. */
  now: Date;
  /** Same seed, same data (scores, comments, names, times relative to `now`). */
  seed?: number;
}

export interface SeedDemoResult {
  responses: number;
  touchpoints: number;
  surveys: number;
  contacts: number;
}

const contentOf: Record<SeedDemoOptions["locale"], DemoContent> = { ja: demoContentJa, en: demoContentEn };

async function assertEmpty(db: Db, workspaceId: string): Promise<void> {
  const [surveys, touchpoints] = await Promise.all([
    listSurveys(db, workspaceId, { limit: 1 }),
    listTouchpoints(db, workspaceId, { limit: 1 }),
  ]);
  if (surveys.data.length > 0 || touchpoints.data.length > 0) {
    throw new ConflictError(
      "this workspace already has surveys or touchpoints; demo data goes only into an empty one",
    );
  }
}

async function createStructure(db: Db, workspaceId: string, content: DemoContent): Promise<DemoIds> {
  const touchpoints = {} as DemoIds["touchpoints"];
  for (const key of touchpointKeys) {
    const tp = await createTouchpoint(db, workspaceId, touchpointInput.parse(content.touchpoints[key]));
    touchpoints[key] = { id: tp.id, channel: tp.channel };
  }
  const surveys = {} as DemoIds["surveys"];
  for (const key of surveyKeys) {
    const survey = await createSurvey(db, workspaceId, surveyInput.parse(content.surveys[key]));
    surveys[key] = { id: survey.id, kind: survey.kind };
  }
  return { touchpoints, surveys };
}

/**
 * Seeds one existing, empty workspace (the caller creates it). Not atomic: on failure, delete the
 * workspace and seed a fresh one.
 */
export async function seedDemo(db: Db, opts: SeedDemoOptions): Promise<SeedDemoResult> {
  const content = contentOf[opts.locale];
  const { now } = opts;
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  await assertEmpty(db, opts.workspaceId);

  const ids = await createStructure(db, opts.workspaceId, content);
  const people = await seedPeople(db, opts.workspaceId, content, createRandom(subSeed(seed, "people")));
  const rows = buildResponses(seed, content, buildTimeline(now, content.holidays), ids, people.contacts);

  let responses = 0;
  for (let i = 0; i < rows.length; i += MAX_BATCH) {
    const result = await importResponses(db, opts.workspaceId, rows.slice(i, i + MAX_BATCH), now, {
      atomic: true,
    });
    responses += result.inserted;
  }
  await seedDemoSends(db, opts.workspaceId);
  await markDemoAnswerFlags(db, opts.workspaceId, opts.locale);
  return {
    responses,
    touchpoints: touchpointKeys.length,
    surveys: surveyKeys.length,
    contacts: people.contacts.length,
  };
}
