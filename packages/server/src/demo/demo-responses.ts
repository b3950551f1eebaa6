// Builds the demo responses (not yet stored): each stream spread over 18 months, with its scores,
// comments, contacts and sources.
import type { ResponseInput } from "../domain/responses/response-schema.ts";
import type { SurveyKind } from "../domain/scores/scales.ts";
import { writeComment } from "./demo-comments.ts";
import type { Channel, DemoContent, Source, Stream, SurveyKey, TouchpointKey } from "./demo-content.ts";
import type { DemoContact } from "./demo-people.ts";
import { commentChance, drawScore, targetFor, toneOf } from "./demo-scores.ts";
import { cumulativeWeights, drawDay, drawMoment, type Timeline } from "./demo-timeline.ts";
import { createRandom, subSeed, type Random } from "./random.ts";

/** Answers in the first months came from the tool used before Koe and were imported. */
const IMPORTED_BEFORE = 0.2;

/** How often an answer is tied to a known contact, by how it arrived. */
const linkedShare: Record<Source, number> = { email: 1, widget: 0.7, link: 0.25, import: 0.6, api: 0.5 };

export interface DemoIds {
  surveys: Record<SurveyKey, { id: string; kind: SurveyKind }>;
  touchpoints: Record<TouchpointKey, { id: string; channel: Channel }>;
}

interface Timed {
  at: number;
  row: ResponseInput;
}

function streamRows(
  r: Random,
  /** Draws the comment texts, apart from `r` so that editing the phrase pools leaves the scores alone. */
  words: Random,
  stream: Stream,
  content: DemoContent,
  t: Timeline,
  ids: DemoIds,
  contacts: readonly DemoContact[],
): Timed[] {
  const survey = ids.surveys[stream.survey];
  const touchpoint = ids.touchpoints[stream.touchpoint];
  const cumulative = cumulativeWeights(t.days, stream.incidentVolume);
  const rows: Timed[] = [];
  for (let i = 0; i < stream.count; i++) {
    const day = drawDay(r, t.days, cumulative);
    let source = r.weighted(stream.sources);
    const contact = contacts.length > 0 && r.chance(linkedShare[source]) ? r.pick(contacts) : undefined;
    const { at, iso } = drawMoment(r, t, day, contact?.timeZone ?? content.anonymousTimeZone);
    const progress = (at - t.start) / (t.now - t.start);
    if (progress < IMPORTED_BEFORE && r.chance(0.5)) source = "import";

    const target = targetFor(stream, survey.kind, progress, day.incident, contact?.mood ?? 0);
    const score = drawScore(r, survey.kind, content.style, target);
    const tone = toneOf(survey.kind, score);
    const comment = r.chance(commentChance[tone])
      ? writeComment(words, content.comments, stream.touchpoint, tone, day.incident)
      : null;
    const metadata: Record<string, string | boolean> = { demo: true };
    if (stream.ticketPrefix) metadata.ticket = `${stream.ticketPrefix}-${r.int(100000, 999999)}`;
    if (contact) metadata.plan = contact.plan;
    rows.push({
      at,
      row: {
        surveyId: survey.id,
        score,
        contactId: contact?.id ?? null,
        touchpointId: touchpoint.id,
        channel: stream.channels ? r.weighted(stream.channels) : touchpoint.channel,
        comment,
        locale: content.locale,
        metadata,
        source,
        createdAt: iso,
      },
    });
  }
  return rows;
}

/** All demo responses, oldest first. Each stream draws from its own seeds, so streams stay independent. */
export function buildResponses(
  seed: number,
  content: DemoContent,
  t: Timeline,
  ids: DemoIds,
  contacts: readonly DemoContact[],
): ResponseInput[] {
  const all = content.streams.flatMap((stream, i) => {
    const r = createRandom(subSeed(seed, `stream-${i}`));
    const words = createRandom(subSeed(seed, `words-${i}`));
    return streamRows(r, words, stream, content, t, ids, contacts);
  });
  return all.sort((a, b) => a.at - b.at).map((x) => x.row);
}
