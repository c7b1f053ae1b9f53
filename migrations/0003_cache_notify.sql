-- Every instance keeps users and periods it has read in memory (src/db/changes.ts). Any change to
-- either table, by any instance or by hand, tells every listener at commit, so none serves a row
-- that has changed (a disabled account, a period whose scores moved).
CREATE FUNCTION kip_notify_cache() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('kip_cache', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER users_notify_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION kip_notify_cache();
--> statement-breakpoint
CREATE TRIGGER periods_notify_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON periods
  FOR EACH STATEMENT EXECUTE FUNCTION kip_notify_cache();
