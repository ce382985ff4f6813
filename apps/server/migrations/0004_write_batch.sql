-- The trailing writes of a transaction in one round trip: its outbox events (in emission order, so
-- event ids keep that order) and its audit records (each through xindai_audit_append, in order, so a
-- chain sees them as they were recorded). platform/db/write-batch.ts queues them and the transaction
-- wrapper calls this just before COMMIT. SECURITY INVOKER: the events insert is checked by RLS as the
-- caller, exactly as a direct insert was.
CREATE OR REPLACE FUNCTION xindai_write_batch(p_events jsonb, p_audits jsonb)
RETURNS void
LANGUAGE plpgsql SET search_path = public AS $$
DECLARE
  e jsonb;
  a jsonb;
BEGIN
  FOR e IN SELECT value FROM jsonb_array_elements(coalesce(p_events, '[]'::jsonb)) WITH ORDINALITY AS t(value, n) ORDER BY n LOOP
    INSERT INTO events (institution_id, topic, aggregate_type, aggregate_id, payload, business_date)
    VALUES ((e->>'institutionId')::uuid, e->>'topic', e->>'aggregateType', e->>'aggregateId', e->'payload',
            (e->>'businessDate')::date);
  END LOOP;
  FOR a IN SELECT value FROM jsonb_array_elements(coalesce(p_audits, '[]'::jsonb)) WITH ORDINALITY AS t(value, n) ORDER BY n LOOP
    PERFORM xindai_audit_append(a->>'chain', (a->>'institutionId')::uuid, (a->>'at')::timestamptz, a->>'actorType',
      a->>'actorId', a->>'actorName', a->>'ip', a->>'operation', a->>'objectType', a->>'objectId',
      nullif(a->'before', 'null'::jsonb), nullif(a->'after', 'null'::jsonb), a->>'canonical');
  END LOOP;
END $$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION xindai_write_batch(jsonb, jsonb) TO xindai_app;
