-- TRUNCATE skips row-level triggers, so the append-only tables also refuse it per statement.
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION kip_forbid_change();
--> statement-breakpoint
CREATE TRIGGER result_sets_no_truncate BEFORE TRUNCATE ON result_sets
  FOR EACH STATEMENT EXECUTE FUNCTION kip_forbid_change();
--> statement-breakpoint
CREATE TRIGGER result_rows_no_truncate BEFORE TRUNCATE ON result_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kip_forbid_change();
--> statement-breakpoint
CREATE TRIGGER publications_no_truncate BEFORE TRUNCATE ON publications
  FOR EACH STATEMENT EXECUTE FUNCTION kip_forbid_change();
