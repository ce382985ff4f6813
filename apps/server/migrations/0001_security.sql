-- Security layer: the application role, row-level security on tenant tables, the append-only
-- hash-chained audit trail, and session lookups that run before a tenant context exists.
--
-- On a PostgreSQL server the application connects as the owner (who runs these migrations) and
-- immediately switches to the non-owner role xindai_app (SET ROLE), so RLS applies to every query
-- it makes. PGlite runs as a superuser, which bypasses RLS: there the policies exist but the
-- application-level scope is the only wall (documented in docs/security.md).

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'xindai_app') THEN
    CREATE ROLE xindai_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
  BEGIN
    EXECUTE format('GRANT xindai_app TO %I', current_user);
  EXCEPTION WHEN others THEN
    RAISE NOTICE 'could not grant xindai_app to %: %', current_user, SQLERRM;
  END;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO xindai_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO xindai_app;
--> statement-breakpoint
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO xindai_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO xindai_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO xindai_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM xindai_app;
--> statement-breakpoint

-- The tenant predicate used by every policy. The application sets app.scope ('own', 'team',
-- 'institution', 'platform' or 'system') and app.institution_id at the start of each transaction;
-- a connection that set nothing sees nothing.
CREATE OR REPLACE FUNCTION xindai_can_see(inst uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('app.scope', true), '') IN ('platform', 'system')
      OR (inst IS NOT NULL AND inst::text = current_setting('app.institution_id', true))
$$;
--> statement-breakpoint
ALTER TABLE institutions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON institutions USING (xindai_can_see(id)) WITH CHECK (xindai_can_see(id));
--> statement-breakpoint
ALTER TABLE teams ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON teams USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE roles ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON roles USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE positions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON positions USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON users USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE user_positions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON user_positions USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON audit_log USING (xindai_can_see(institution_id)) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE business_dates ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON business_dates USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON notifications USING (xindai_can_see(institution_id)) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON events USING (xindai_can_see(institution_id)) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON idempotency_keys USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint

-- Append-only audit trail: even the owner cannot update or delete a row without first disabling
-- this trigger, and the hash chain exposes anyone who does.
CREATE OR REPLACE FUNCTION xindai_audit_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_immutable BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION xindai_audit_immutable();
--> statement-breakpoint

-- Appends one row to a chain in a single round trip. The caller passes the canonical text of the
-- row's content (built by the application from exactly the stored values); the chain head row is
-- locked until the surrounding transaction commits, which serialises appends per chain.
CREATE OR REPLACE FUNCTION xindai_audit_append(
  p_chain text, p_institution uuid, p_at timestamptz, p_actor_type text, p_actor_id text,
  p_actor_name text, p_ip text, p_operation text, p_object_type text, p_object_id text,
  p_before jsonb, p_after jsonb, p_canonical text
) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  v_seq bigint;
  v_prev text;
  v_hash text;
  v_id bigint;
BEGIN
  INSERT INTO audit_heads (chain, seq, hash) VALUES (p_chain, 0, repeat('0', 64)) ON CONFLICT (chain) DO NOTHING;
  SELECT seq, hash INTO v_seq, v_prev FROM audit_heads WHERE chain = p_chain FOR UPDATE;
  v_seq := v_seq + 1;
  v_hash := encode(sha256(convert_to(v_prev || '|' || v_seq::text || '|' || p_canonical, 'UTF8')), 'hex');
  INSERT INTO audit_log (chain, seq, institution_id, at, actor_type, actor_id, actor_name, ip, operation,
                         object_type, object_id, before, after, prev_hash, hash)
  VALUES (p_chain, v_seq, p_institution, p_at, p_actor_type, p_actor_id, p_actor_name, p_ip, p_operation,
          p_object_type, p_object_id, p_before, p_after, v_prev, v_hash)
  RETURNING id INTO v_id;
  UPDATE audit_heads SET seq = v_seq, hash = v_hash WHERE chain = p_chain;
  RETURN v_id;
END $$;
--> statement-breakpoint
REVOKE ALL ON audit_heads FROM xindai_app;
--> statement-breakpoint
GRANT SELECT ON audit_heads TO xindai_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION xindai_audit_append(text, uuid, timestamptz, text, text, text, text, text, text, text, jsonb, jsonb, text) TO xindai_app;
--> statement-breakpoint

-- Resolves a staff session and its principal in one round trip, before any tenant context exists.
-- last_seen_at is written at most every 30 seconds so that reads do not become writes.
CREATE OR REPLACE FUNCTION xindai_staff_session(p_id text, p_idle_seconds integer)
RETURNS TABLE (
  state text, user_id uuid, institution_id uuid, csrf_token text, username text, display_name text,
  team_id uuid, user_status text, online boolean, institution_code text, institution_name text,
  institution_kind text, operations text[], scopes text[]
)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  s sessions%ROWTYPE;
BEGIN
  SELECT * INTO s FROM sessions WHERE id = p_id AND subject_type = 'staff';
  IF NOT FOUND OR s.revoked_at IS NOT NULL THEN
    RETURN QUERY SELECT 'none'::text, NULL::uuid, NULL::uuid, NULL::text, NULL::text, NULL::text, NULL::uuid,
      NULL::text, NULL::boolean, NULL::text, NULL::text, NULL::text, NULL::text[], NULL::text[];
    RETURN;
  END IF;
  IF s.expires_at <= now() OR s.last_seen_at <= now() - make_interval(secs => p_idle_seconds) THEN
    UPDATE sessions SET revoked_at = now() WHERE id = p_id;
    RETURN QUERY SELECT 'expired'::text, s.user_id, s.institution_id, NULL::text, NULL::text, NULL::text, NULL::uuid,
      NULL::text, NULL::boolean, NULL::text, NULL::text, NULL::text, NULL::text[], NULL::text[];
    RETURN;
  END IF;
  IF s.last_seen_at < now() - interval '30 seconds' THEN
    UPDATE sessions SET last_seen_at = now() WHERE id = p_id;
  END IF;
  RETURN QUERY
    SELECT 'active'::text, u.id, u.institution_id, s.csrf_token, u.username, u.display_name, u.team_id,
           u.status, u.online, i.code, i.name, i.kind,
           coalesce((SELECT array_agg(DISTINCT op ORDER BY op) FROM user_positions up
                     JOIN positions p ON p.id = up.position_id, unnest(p.operations) AS op
                     WHERE up.user_id = u.id), ARRAY[]::text[]),
           coalesce((SELECT array_agg(DISTINCT p.scope) FROM user_positions up
                     JOIN positions p ON p.id = up.position_id WHERE up.user_id = u.id), ARRAY[]::text[])
    FROM users u JOIN institutions i ON i.id = u.institution_id
    WHERE u.id = s.user_id;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION xindai_borrower_session(p_id text, p_idle_seconds integer)
RETURNS TABLE (state text, borrower_id uuid, csrf_token text, phone_masked text, borrower_status text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  s sessions%ROWTYPE;
BEGIN
  SELECT * INTO s FROM sessions WHERE id = p_id AND subject_type = 'borrower';
  IF NOT FOUND OR s.revoked_at IS NOT NULL THEN
    RETURN QUERY SELECT 'none'::text, NULL::uuid, NULL::text, NULL::text, NULL::text;
    RETURN;
  END IF;
  IF s.expires_at <= now() OR s.last_seen_at <= now() - make_interval(secs => p_idle_seconds) THEN
    UPDATE sessions SET revoked_at = now() WHERE id = p_id;
    RETURN QUERY SELECT 'expired'::text, s.borrower_id, NULL::text, NULL::text, NULL::text;
    RETURN;
  END IF;
  IF s.last_seen_at < now() - interval '30 seconds' THEN
    UPDATE sessions SET last_seen_at = now() WHERE id = p_id;
  END IF;
  RETURN QUERY SELECT 'active'::text, b.id, s.csrf_token, b.phone_masked, b.status
    FROM borrowers b WHERE b.id = s.borrower_id;
END $$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION xindai_staff_session(text, integer) TO xindai_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION xindai_borrower_session(text, integer) TO xindai_app;
