-- The staff session lookup also returns the institution's business date, so that reading one's own
-- profile (the most frequent request of the console) needs no further query.
DROP FUNCTION xindai_staff_session(text, integer);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION xindai_staff_session(p_id text, p_idle_seconds integer)
RETURNS TABLE (
  state text, user_id uuid, institution_id uuid, csrf_token text, username text, display_name text,
  team_id uuid, user_status text, online boolean, institution_code text, institution_name text,
  institution_kind text, operations text[], scopes text[], business_date date
)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  s sessions%ROWTYPE;
BEGIN
  SELECT * INTO s FROM sessions WHERE id = p_id AND subject_type = 'staff';
  IF NOT FOUND OR s.revoked_at IS NOT NULL THEN
    RETURN QUERY SELECT 'none'::text, NULL::uuid, NULL::uuid, NULL::text, NULL::text, NULL::text, NULL::uuid,
      NULL::text, NULL::boolean, NULL::text, NULL::text, NULL::text, NULL::text[], NULL::text[], NULL::date;
    RETURN;
  END IF;
  IF s.expires_at <= now() OR s.last_seen_at <= now() - make_interval(secs => p_idle_seconds) THEN
    UPDATE sessions SET revoked_at = now() WHERE id = p_id;
    RETURN QUERY SELECT 'expired'::text, s.user_id, s.institution_id, NULL::text, NULL::text, NULL::text, NULL::uuid,
      NULL::text, NULL::boolean, NULL::text, NULL::text, NULL::text, NULL::text[], NULL::text[], NULL::date;
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
                     JOIN positions p ON p.id = up.position_id WHERE up.user_id = u.id), ARRAY[]::text[]),
           (SELECT bd.business_date FROM business_dates bd WHERE bd.institution_id = u.institution_id)
    FROM users u JOIN institutions i ON i.id = u.institution_id
    WHERE u.id = s.user_id;
END $$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION xindai_staff_session(text, integer) TO xindai_app;
