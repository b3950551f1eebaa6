// English comment sentences per theme (price, support speed, usability, reliability, onboarding, documentation).
import type { CommentPools } from "./demo-content.ts";

export const demoThemesEn: CommentPools["themes"] = {
  price: {
    negative: [
      "It's too expensive for what it does.",
      "Per-seat pricing makes it hard to justify rolling it out company-wide.",
      "The price increase came with almost no explanation.",
    ],
    neutral: [
      "A cheaper plan would make it easier to bring other teams on board.",
      "I'd like to pay only for the features we actually use.",
    ],
    positive: ["Great value for the price.", "It costs us less than the tool we used before."],
  },
  speed: {
    negative: [
      "Support is slow, and our work just stops while we wait.",
      "Even urgent issues sit in the queue for days.",
    ],
    neutral: ["Support could be a bit quicker."],
    positive: [
      "Support is always fast when we need them.",
      "It's reassuring to know help is a message away.",
    ],
  },
  usability: {
    negative: ["The navigation is confusing.", "It took us weeks to get comfortable with it."],
    neutral: ["Easy enough once you know it, but the first days were confusing."],
    positive: [
      "Clean and simple. I never have to think about where things are.",
      "I've never needed the manual.",
    ],
  },
  reliability: {
    negative: ["Every so often we can't log in at all.", "We lost changes that I'm sure were saved."],
    neutral: ["It's occasionally a little flaky."],
    positive: ["Rock solid since the day we started."],
  },
  onboarding: {
    negative: ["We were mostly left on our own during onboarding."],
    neutral: ["A bit more hand-holding during onboarding would help."],
    positive: ["Onboarding was excellent and the rollout went smoothly."],
  },
  documentation: {
    negative: ["The help center is out of date.", "The docs didn't explain how to set this up."],
    neutral: [
      "The docs need more real-world examples.",
      "Short video guides would be easier to share with my team.",
    ],
    positive: ["The docs are great. I can answer most questions myself."],
  },
};
