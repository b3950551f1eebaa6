// The feed's segment toggles follow the chosen survey's kind: CSAT and CES answers are unhappy / neutral /
// happy, NPS answers (and all surveys together) detractors / passives / promoters.
import { segmentsOf } from "@koe/server/shared";
import type { Kind, Segment } from "../../ui/score.tsx";

export const segmentsFor = (kind: Kind | undefined): readonly Segment[] => segmentsOf(kind ?? "nps");

/**
 * The segment filter kept under this kind, else "": a detractor filter left over from an NPS survey
 * would empty a CSAT survey's feed with no toggle pressed to say why.
 */
export const segmentUnder = (segment: string, kind: Kind | undefined): string =>
  (segmentsFor(kind) as readonly string[]).includes(segment) ? segment : "";
