-- Audit events and result sets are append-only: the application may insert them, never change or
-- remove them. Enforced here so that no code path (or psql session of the app role) can rewrite history.
CREATE OR REPLACE FUNCTION kip_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME USING ERRCODE = 'raise_exception', HINT = 'kip:immutable';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_immutable BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION kip_forbid_change();
--> statement-breakpoint
CREATE TRIGGER result_sets_immutable BEFORE UPDATE OR DELETE ON result_sets
  FOR EACH ROW EXECUTE FUNCTION kip_forbid_change();
--> statement-breakpoint
CREATE TRIGGER result_rows_immutable BEFORE UPDATE OR DELETE ON result_rows
  FOR EACH ROW EXECUTE FUNCTION kip_forbid_change();
--> statement-breakpoint
CREATE TRIGGER publications_immutable BEFORE UPDATE OR DELETE ON publications
  FOR EACH ROW EXECUTE FUNCTION kip_forbid_change();
