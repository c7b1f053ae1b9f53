ALTER TABLE "idempotency_keys" ADD COLUMN "etag" text;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD COLUMN "location" text;