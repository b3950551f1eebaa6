import { sql, type Kysely } from "kysely";

// Rollups for what response_rollups cannot answer fast: reports filtered by a contact attribute
// (attribute_rollups: daily counts per score per attribute value) and the response rate (send_rollups: daily
// sends and how many have a response, for every send and per attribute value). Unlike response_rollups they
// are not written by the statements that store responses: triggers only note which days changed
// (rollup_changes), a job recomputes those days, and a report reads the rollups for the other days and the
// raw rows for the changed ones, so it always equals the raw rows. Only low-cardinality attributes are
// rolled up (rollup_attributes, chosen by the job); others are read from the raw rows.
//
// Each statement runs on its own (function bodies hold semicolons, which runStatements would split on).
const statements = [
  `create table attribute_rollups (
    workspace_id uuid not null references workspaces (id) on delete cascade,
    attribute text not null,
    value text not null,
    survey_kind text not null check (survey_kind in ('nps', 'csat', 'ces')),
    day date not null,
    survey_id uuid not null,
    touchpoint_id uuid not null,
    channel text not null,
    n integer not null,
    c0 integer not null default 0, c1 integer not null default 0, c2 integer not null default 0,
    c3 integer not null default 0, c4 integer not null default 0, c5 integer not null default 0,
    c6 integer not null default 0, c7 integer not null default 0, c8 integer not null default 0,
    c9 integer not null default 0, c10 integer not null default 0,
    primary key (workspace_id, attribute, value, survey_kind, day, survey_id, touchpoint_id, channel),
    check (n = c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10)
  )`,
  `create index attribute_rollups_by_day on attribute_rollups (workspace_id, day)`,
  // attribute '' with value '' counts every send; other rows only the sends of contacts with that value.
  `create table send_rollups (
    workspace_id uuid not null references workspaces (id) on delete cascade,
    attribute text not null,
    value text not null,
    day date not null,
    survey_id uuid not null,
    touchpoint_id uuid not null,
    channel text not null,
    sends integer not null,
    responded integer not null,
    primary key (workspace_id, attribute, value, day, survey_id, touchpoint_id, channel),
    check (responded between 0 and sends)
  )`,
  `create index send_rollups_by_day on send_rollups (workspace_id, day)`,
  `create table rollup_attributes (
    workspace_id uuid not null references workspaces (id) on delete cascade,
    attribute text not null,
    primary key (workspace_id, attribute)
  )`,
  // What changed since the job last ran: local days of a rollup ('attribute', 'send'), one row per writing
  // statement, or the contacts' attributes ('keys', no days). Insert-only for writers, so they never wait
  // on each other here; the job deletes or shortens the rows it has done. No foreign key: a workspace being
  // deleted may still note changes while its rows go.
  `create table rollup_changes (
    workspace_id uuid not null,
    id bigint generated always as identity,
    rollup text not null check (rollup in ('attribute', 'send', 'keys')),
    days date[],
    primary key (workspace_id, id),
    check ((rollup = 'keys') = (days is null))
  )`,
  `create index rollup_changes_by_rollup on rollup_changes (workspace_id, rollup)`,
  // The contact page's sends, and the days to recompute when a contact's attributes change.
  `create index sends_by_contact_time on sends (workspace_id, contact_id, created_at)`,

  // Edited and deleted responses (inserts: koe_note_responses_inserted below).
  `create function koe_note_response_changes() returns trigger language plpgsql as $$
  begin
    if tg_op = 'UPDATE' then
      insert into rollup_changes (workspace_id, rollup, days)
      select x.workspace_id, 'attribute', array_agg(distinct (x.created_at at time zone w.time_zone)::date)
      from old_rows o
      join new_rows n on n.workspace_id = o.workspace_id and n.id = o.id
      cross join lateral (values (o.workspace_id, o.created_at, o.contact_id), (n.workspace_id, n.created_at, n.contact_id))
        as x (workspace_id, created_at, contact_id)
      join workspaces w on w.id = x.workspace_id
      where x.contact_id is not null
        and (o.score, o.contact_id, o.survey_id, o.touchpoint_id, o.channel, o.created_at)
            is distinct from (n.score, n.contact_id, n.survey_id, n.touchpoint_id, n.channel, n.created_at)
      group by 1;
      insert into rollup_changes (workspace_id, rollup, days)
      select s.workspace_id, 'send', array_agg(distinct (s.created_at at time zone w.time_zone)::date)
      from old_rows o
      join new_rows n on n.workspace_id = o.workspace_id and n.id = o.id
      cross join lateral (values (o.workspace_id, o.send_id), (n.workspace_id, n.send_id)) as x (workspace_id, send_id)
      cross join lateral (select * from sends s where s.workspace_id = x.workspace_id and s.id = x.send_id) s
      join workspaces w on w.id = s.workspace_id
      where o.send_id is distinct from n.send_id
      group by 1;
      return null;
    end if;
    -- DELETE
    insert into rollup_changes (workspace_id, rollup, days)
    select r.workspace_id, 'attribute', array_agg(distinct (r.created_at at time zone w.time_zone)::date)
    from old_rows r join workspaces w on w.id = r.workspace_id
    where r.contact_id is not null
    group by 1;
    if exists (select 1 from old_rows where send_id is not null) then
      insert into rollup_changes (workspace_id, rollup, days)
      select s.workspace_id, 'send', array_agg(distinct (s.created_at at time zone w.time_zone)::date)
      from (select workspace_id, send_id from old_rows where send_id is not null) r
      cross join lateral (select * from sends s where s.workspace_id = r.workspace_id and s.id = r.send_id) s
      join workspaces w on w.id = s.workspace_id
      group by 1;
    end if;
    return null;
  end $$`,
  // The import's path: one pass over the new rows, the workspace's time zone looked up once (a statement
  // from the product inserts into one workspace; any other is noted the general way).
  `create function koe_note_responses_inserted() returns trigger language plpgsql as $$
  declare
    ws uuid;
    zone text;
    others boolean;
    sent boolean;
  begin
    select r.workspace_id, w.time_zone into ws, zone
    from (select workspace_id from new_rows limit 1) r join workspaces w on w.id = r.workspace_id;
    select coalesce(bool_or(workspace_id <> ws), false), coalesce(bool_or(send_id is not null), false)
    into others, sent from new_rows;
    if ws is null or others then
      insert into rollup_changes (workspace_id, rollup, days)
      select r.workspace_id, 'attribute', array_agg(distinct (r.created_at at time zone w.time_zone)::date)
      from new_rows r join workspaces w on w.id = r.workspace_id
      where r.contact_id is not null
      group by 1;
    else
      insert into rollup_changes (workspace_id, rollup, days)
      select ws, 'attribute', array_agg(distinct (created_at at time zone zone)::date) from new_rows
      where contact_id is not null
      having count(*) > 0;
    end if;
    if sent then
      insert into rollup_changes (workspace_id, rollup, days)
      select s.workspace_id, 'send', array_agg(distinct (s.created_at at time zone w.time_zone)::date)
      from (select workspace_id, send_id from new_rows where send_id is not null) r
      cross join lateral (select * from sends s where s.workspace_id = r.workspace_id and s.id = r.send_id) s
      join workspaces w on w.id = s.workspace_id
      group by 1;
    end if;
    return null;
  end $$`,
  `create trigger responses_inserted_note after insert on responses referencing new table as new_rows
    for each statement execute function koe_note_responses_inserted()`,
  `create trigger responses_updated_note after update on responses referencing old table as old_rows new table as new_rows
    for each statement execute function koe_note_response_changes()`,
  `create trigger responses_deleted_note after delete on responses referencing old table as old_rows
    for each statement execute function koe_note_response_changes()`,

  // A campaign's test sends are no invitations: the rollups leave them out, so they change nothing.
  `create function koe_note_send_changes() returns trigger language plpgsql as $$
  begin
    if tg_op = 'UPDATE' then
      insert into rollup_changes (workspace_id, rollup, days)
      select x.workspace_id, 'send', array_agg(distinct (x.created_at at time zone w.time_zone)::date)
      from old_rows o
      join new_rows n on n.workspace_id = o.workspace_id and n.id = o.id
      cross join lateral (values (o.workspace_id, o.created_at), (n.workspace_id, n.created_at)) as x (workspace_id, created_at)
      join workspaces w on w.id = x.workspace_id
      where (o.survey_id, o.contact_id, o.touchpoint_id, o.channel, o.created_at, o.metadata ->> 'test')
            is distinct from (n.survey_id, n.contact_id, n.touchpoint_id, n.channel, n.created_at, n.metadata ->> 'test')
      group by 1;
    elsif tg_op = 'INSERT' then
      insert into rollup_changes (workspace_id, rollup, days)
      select s.workspace_id, 'send', array_agg(distinct (s.created_at at time zone w.time_zone)::date)
      from new_rows s join workspaces w on w.id = s.workspace_id
      where (s.metadata ->> 'test') is distinct from 'true'
      group by 1;
    else
      insert into rollup_changes (workspace_id, rollup, days)
      select s.workspace_id, 'send', array_agg(distinct (s.created_at at time zone w.time_zone)::date)
      from old_rows s join workspaces w on w.id = s.workspace_id
      where (s.metadata ->> 'test') is distinct from 'true'
      group by 1;
    end if;
    return null;
  end $$`,
  `create trigger sends_inserted_note after insert on sends referencing new table as new_rows
    for each statement execute function koe_note_send_changes()`,
  `create trigger sends_updated_note after update on sends referencing old table as old_rows new table as new_rows
    for each statement execute function koe_note_send_changes()`,
  `create trigger sends_deleted_note after delete on sends referencing old table as old_rows
    for each statement execute function koe_note_send_changes()`,

  // A contact's new attributes move its responses and sends to other values: their days change. New
  // attributes may also be worth rolling up ('keys'). A deleted contact's rows lose their contact, which
  // the triggers above note.
  `create function koe_note_contact_changes() returns trigger language plpgsql as $$
  begin
    if tg_op = 'INSERT' then
      insert into rollup_changes (workspace_id, rollup)
      select distinct workspace_id, 'keys' from new_rows where attributes <> '{}';
      return null;
    end if;
    with changed as (
      select n.workspace_id, n.id from old_rows o join new_rows n on n.workspace_id = o.workspace_id and n.id = o.id
      where o.attributes is distinct from n.attributes
    ), keys as (
      insert into rollup_changes (workspace_id, rollup) select distinct workspace_id, 'keys' from changed
    ), answered as (
      insert into rollup_changes (workspace_id, rollup, days)
      select c.workspace_id, 'attribute', array_agg(distinct (r.created_at at time zone w.time_zone)::date)
      from changed c
      join workspaces w on w.id = c.workspace_id
      cross join lateral (select created_at from responses r
                          where r.workspace_id = c.workspace_id and r.contact_id = c.id) r
      group by 1
    )
    insert into rollup_changes (workspace_id, rollup, days)
    select c.workspace_id, 'send', array_agg(distinct (s.created_at at time zone w.time_zone)::date)
    from changed c
    join workspaces w on w.id = c.workspace_id
    cross join lateral (select created_at from sends s
                        where s.workspace_id = c.workspace_id and s.contact_id = c.id
                          and (s.metadata ->> 'test') is distinct from 'true') s
    group by 1;
    return null;
  end $$`,
  `create trigger contacts_inserted_note after insert on contacts referencing new table as new_rows
    for each statement execute function koe_note_contact_changes()`,
  `create trigger contacts_updated_note after update on contacts referencing old table as old_rows new table as new_rows
    for each statement execute function koe_note_contact_changes()`,

  // What exists already: every day of every workspace's sends, and each workspace's attributes to choose.
  `insert into rollup_changes (workspace_id, rollup, days)
   select s.workspace_id, 'send', array_agg(distinct (s.created_at at time zone w.time_zone)::date)
   from sends s join workspaces w on w.id = s.workspace_id
   where (s.metadata ->> 'test') is distinct from 'true'
   group by 1`,
  `insert into rollup_changes (workspace_id, rollup)
   select distinct workspace_id, 'keys' from contacts where attributes <> '{}'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
