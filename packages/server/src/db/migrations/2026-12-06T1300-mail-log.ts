// The sent-mail log: the rendered message of every send, whatever the transport (the outbox table held
// only the outbox transport's), what became of it after it left (a provider's bounce or complaint), and a
// note on a suppression added by hand.
import type { Kysely } from "kysely";
import { runStatements } from "../run-statements.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    -- Which transport took the message: 'outbox' kept it here; 'smtp' kept this copy before sending it.
    alter table outbox add column transport text not null default 'outbox' check (transport in ('outbox', 'smtp'));
    -- A provider's report after the message left: a hard bounce or a spam complaint.
    alter table outbox add column outcome text check (outcome in ('bounced', 'complained'));
    alter table outbox add column outcome_at timestamptz;
    alter table outbox add column outcome_source text check (length(outcome_source) <= 200);
    -- A bounce without the provider's message id is matched to the recipient's latest message.
    create index outbox_by_recipient on outbox (workspace_id, to_address, created_at desc);
    -- The log joins its messages to the ledger by Message-ID, and a provider's event names it.
    create index deliveries_by_message_id on deliveries (workspace_id, message_id);
    alter table suppressions add column note text check (length(note) <= 500);
  `,
  );
}
