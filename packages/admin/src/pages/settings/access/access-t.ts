// One catalogue for the access tabs: their own messages with the settings page's shared ones.
import { mergeMessages } from "../merge-messages.ts";
import { settingsMessages } from "../messages.ts";
import { accessMessages } from "./messages.ts";

export const accessT = mergeMessages(settingsMessages, accessMessages);
