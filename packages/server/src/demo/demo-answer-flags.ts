// What some demo respondents asked for, as the survey page records it: a few detractors asked to be called
// (with a phone number on their contact), emailed or left alone, and some promoters agreed to be quoted
// with the page's exact consent text, so the Responses badges and the Testimonials page have something to
// show. Picked by order (time, then comment), so the same seed marks the same answers.
import { sql } from "kysely";
import type { Db } from "../db/open.ts";
import { getWorkspace } from "../domain/workspaces/workspace-settings.ts";
import { t } from "../i18n/messages.ts";

export async function markDemoAnswerFlags(db: Db, workspaceId: string, locale: "ja" | "en"): Promise<void> {
  const { settings } = await getWorkspace(db, workspaceId);
  const consent = t(locale, "form.testimonial", { brand: settings.brand.name[locale] });
  await sql`
    update responses r
    set testimonial_consent_text = ${consent}, testimonial_consent_at = r.created_at
    from (select id, row_number() over (order by created_at, comment) as n from responses
          where workspace_id = ${workspaceId} and segment in ('promoter', 'happy') and comment is not null
            and source <> 'import') x
    where r.workspace_id = ${workspaceId} and r.id = x.id and x.n % 3 = 0`.execute(db);
  // Of the detractors who commented: one in six asked for a call, one in six for an email, one in six for
  // nothing; the others were not asked (a survey may leave the question out).
  await sql`
    update responses r
    set contact_preference = case x.n % 6 when 0 then 'phone' when 3 then 'email' else 'none' end
    from (select id, row_number() over (order by created_at, comment) as n from responses
          where workspace_id = ${workspaceId} and segment in ('detractor', 'unhappy') and comment is not null
            and contact_id is not null and source <> 'import') x
    where r.workspace_id = ${workspaceId} and r.id = x.id and x.n % 6 in (0, 1, 3)`.execute(db);
  // Those who asked for a call have a number on their contact, in the country's own format.
  await sql`
    update contacts c
    set phone = case when ${locale} = 'ja'
      then '03-' || lpad((1000 + x.n * 37 % 9000)::text, 4, '0') || '-' || lpad((x.n * 7919 % 10000)::text, 4, '0')
      else '+1 555-01' || lpad((x.n % 100)::text, 2, '0') end
    from (select contact_id, row_number() over (order by contact_id) as n from (
            select distinct contact_id from responses
            where workspace_id = ${workspaceId} and contact_preference = 'phone') p) x
    where c.workspace_id = ${workspaceId} and c.id = x.contact_id and c.phone is null`.execute(db);
}
