// English customer comments, by touchpoint and by tone; demo-comments.ts puts them together.
import type { CommentPools, ToneText } from "./demo-content.ts";
import { demoThemesEn } from "./demo-themes-en.ts";

const touchpoints: CommentPools["touchpoints"] = {
  product: {
    negative: [
      "The dashboard takes forever to load once you have more than a few hundred records.",
      "There are so many features that I can never find the one I need.",
      "The last update moved everything around without any warning.",
      "CSV exports keep breaking our accented characters, so we fix them by hand every week.",
      "The mobile layout is basically unusable.",
      "Search rarely finds what I'm looking for.",
    ],
    neutral: [
      "It does the basics well enough.",
      "No major complaints, but it could be a lot faster.",
      "It's fine, but I don't see what sets it apart from the alternatives.",
      "It took our team a while to get used to it.",
      "We'd roll it out to more teams if permissions were more granular.",
    ],
    positive: [
      "Really intuitive. Even our least technical people picked it up in a day.",
      "Our monthly reporting now takes half the time it used to.",
      "You can feel the product getting better with every release.",
      "The integrations just work, which has saved us a lot of manual work.",
      "The reports are great. I use them in every leadership meeting.",
    ],
  },
  phone: {
    negative: [
      "I couldn't get through to anyone on the phone.",
      "I was on hold for over 30 minutes and nobody called me back.",
      "Every agent gave me a different answer, so I had to explain the problem three times.",
      "I got transferred four times and the issue still isn't fixed.",
      "Phone support is only open during US business hours, which doesn't help us at all.",
    ],
    neutral: [
      "It got solved in the end, but it took a long time to reach someone.",
      "The agent was polite, but the fix could have been quicker.",
      "Being able to book a callback time would help.",
    ],
    positive: [
      "The agent walked me through everything patiently and fixed it on the spot.",
      "They understood our setup right away, which I really appreciated.",
      "Friendly, knowledgeable and quick. Great call.",
    ],
  },
  email: {
    negative: [
      "It took three days to get a reply to my ticket.",
      "The reply was a canned response that didn't answer my question.",
      "We went back and forth for a week before anyone understood the problem.",
    ],
    neutral: [
      "The answer was right, but I wish it had come sooner.",
      "A helpful reply, though the steps were a bit hard to follow.",
      "It would be nice to see the status of my ticket somewhere.",
    ],
    positive: [
      "Got a clear answer the next morning, with step-by-step instructions.",
      "The screenshots in the reply made the fix really easy.",
      "They understood exactly what I was asking. Very helpful.",
    ],
  },
  chat: {
    negative: [
      "The chat bot kept sending me the same help articles.",
      "It took way too long to get handed over to a real person.",
      "The chat dropped halfway through and I had to start over.",
    ],
    neutral: [
      "Chat is handy for quick questions, less so for anything complicated.",
      "Quick reply, but I still had to open an email ticket in the end.",
      "Chat support outside business hours would be great.",
    ],
    positive: [
      "Got an answer in chat within minutes and didn't have to stop working.",
      "Solved in five minutes. Super helpful.",
      "Short, clear answers. Exactly what I needed.",
    ],
  },
  sales: {
    negative: [
      "The product can't do some of what we were promised during the sales process.",
      "It took far too long to get a quote.",
      "Too many follow-up calls from the sales team.",
    ],
    neutral: [
      "The demo was good, but the pricing tiers are confusing.",
      "More case studies from our industry would help me sell this internally.",
    ],
    positive: [
      "Our account executive took the time to understand how we actually work.",
      "They even helped us put together the business case for our CFO.",
      "Quick, honest answers throughout. It made the decision easy.",
    ],
  },
  webinar: {
    negative: [
      "Far too basic. I didn't learn anything new.",
      "The audio kept cutting out.",
      "It was mostly a sales pitch, not the customer stories that were advertised.",
    ],
    neutral: ["Useful content, but it ran a bit long.", "Please share the recording afterwards."],
    positive: [
      "Lots of real examples. I tried two of them the same afternoon.",
      "The Q&A was the best part. All my questions got answered.",
      "Thanks for sending the slides. I shared them with my whole team.",
    ],
  },
  onboarding: {
    negative: [
      "Setup had far too many steps and I got stuck several times.",
      "I couldn't work out how to migrate our data and had to contact support.",
      "The screenshots in the setup guide don't match the actual screens.",
    ],
    neutral: [
      "I managed the setup, but I wasn't confident I'd done it right.",
      "The tutorial is helpful, if a little long.",
    ],
    positive: [
      "I followed the guide and was up and running in about 30 minutes.",
      "Our onboarding specialist made the rollout really smooth.",
      "Importing our existing data was surprisingly easy.",
    ],
  },
};

const closers: ToneText = {
  negative: ["Please fix this soon.", "We're seriously considering other options.", "Hoping this improves."],
  neutral: ["Looking forward to the next updates.", "Thanks."],
  positive: [
    "Keep up the good work!",
    "Thanks, team!",
    "I've already recommended you to a couple of friends.",
  ],
};

export const demoCommentsEn: CommentPools = {
  joiner: " ",
  touchpoints,
  themes: demoThemesEn,
  incident: [
    "The outage took us offline for half a day. We need a proper post-mortem.",
    "During the outage the status page said everything was fine for over an hour.",
    "I tried calling support during the outage and couldn't get through at all.",
    "No ETA during the outage, so we couldn't tell our own customers anything.",
    "We assumed the outage was on our side until your email finally arrived.",
  ],
  wishes: [
    "If anything, the price could be a little lower.",
    "A better mobile app would be great.",
    "More integrations, please.",
    "Keep the improvements coming.",
    "I'd love more control over how the dashboard is laid out.",
  ],
  closers,
  short: ["Nothing to add.", "N/A", "All good so far.", "It's OK."],
};
