-- Hot reads are kept in memory too (src/db/changes.ts): `/me` (commissions, assignments), API keys,
-- the public reads (publications, result sets, commissions), statistics (participants, presentation
-- scores, assignments) and score explanations (participants, questionnaires, answers, verifications,
-- presentation scores, adjustments). Every table one of them is read from tells every listener at
-- commit, as users and periods do (0003_cache_notify.sql). One notification per statement, and
-- PostgreSQL folds identical ones of a transaction into one.
CREATE TRIGGER commissions_notify_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON commissions
  FOR EACH STATEMENT EXECUTE FUNCTION kip_notify_cache();
--> statement-breakpoint
CREATE TRIGGER api_keys_notify_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON api_keys
  FOR EACH STATEMENT EXECUTE FUNCTION kip_notify_cache();
--> statement-breakpoint
CREATE TRIGGER assignments_notify_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON assignments
  FOR EACH STATEMENT EXECUTE FUNCTION kip_notify_cache();
--> statement-breakpoint
CREATE TRIGGER publications_notify_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON publications
  FOR EACH STATEMENT EXECUTE FUNCTION kip_notify_cache();
--> statement-breakpoint
CREATE TRIGGER result_sets_notify_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON result_sets
  FOR EACH STATEMENT EXECUTE FUNCTION kip_notify_cache();
--> statement-breakpoint
CREATE TRIGGER participants_notify_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON participants
  FOR EACH STATEMENT EXECUTE FUNCTION kip_notify_cache();
--> statement-breakpoint
CREATE TRIGGER questionnaires_notify_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON questionnaires
  FOR EACH STATEMENT EXECUTE FUNCTION kip_notify_cache();
--> statement-breakpoint
CREATE TRIGGER questionnaire_categories_notify_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON questionnaire_categories
  FOR EACH STATEMENT EXECUTE FUNCTION kip_notify_cache();
--> statement-breakpoint
CREATE TRIGGER answers_notify_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON answers
  FOR EACH STATEMENT EXECUTE FUNCTION kip_notify_cache();
--> statement-breakpoint
CREATE TRIGGER verifications_notify_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON verifications
  FOR EACH STATEMENT EXECUTE FUNCTION kip_notify_cache();
--> statement-breakpoint
CREATE TRIGGER presentation_scores_notify_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON presentation_scores
  FOR EACH STATEMENT EXECUTE FUNCTION kip_notify_cache();
--> statement-breakpoint
CREATE TRIGGER adjustments_notify_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON adjustments
  FOR EACH STATEMENT EXECUTE FUNCTION kip_notify_cache();
