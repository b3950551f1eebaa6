// What a launch should be warned about but not refused for: a sender without a name, an address or the
// postal address that Japan's Act on Specified Electronic Mail (特定電子メール法) asks every marketing
// email to show. The email still goes (from the brand's name and the instance's address), without them.
import { z } from "zod";
import type { Db } from "../../db/open.ts";

const senderFields = ["name", "address", "postalAddress"] as const;

export const launchWarningSchema = z
  .object({
    code: z.literal("sender_incomplete"),
    missing: z
      .array(z.enum(senderFields))
      .meta({ description: "The workspace's sender settings not set (Settings › Sender)" }),
    message: z.string(),
  })
  .meta({ id: "LaunchWarning" });
export type LaunchWarning = z.output<typeof launchWarningSchema>;

export async function launchWarnings(db: Db, workspaceId: string): Promise<LaunchWarning[]> {
  const row = await db
    .selectFrom("workspaces")
    .select("settings")
    .where("id", "=", workspaceId)
    .executeTakeFirst();
  const sender: Record<string, unknown> = row?.settings.sender ?? {};
  // Set means set by someone: a name that only falls back to the brand is not a sender's name.
  const missing = senderFields.filter((f) => typeof sender[f] !== "string" || !(sender[f] as string).trim());
  if (missing.length === 0) return [];
  return [
    {
      code: "sender_incomplete",
      missing,
      message: `The workspace's sender is incomplete (${missing.join(", ")}): marketing email in Japan must name its sender, an address and a postal address`,
    },
  ];
}
