// What a new survey starts with, in both languages whatever the admin's own language (the survey owner
// edits them). The texts live in @koe/server/shared, which also gives them to surveys created through the
// API without follow-ups; here they are a catalogue section, so the catalogue test checks them too.
import { surveyDefaultTexts } from "@koe/server/shared";
import { defineMessages } from "../../../i18n/define.ts";

export const surveyDefaults = defineMessages(surveyDefaultTexts.en, surveyDefaultTexts.ja);
