ALTER TABLE "appeals" ADD COLUMN "evidence" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "participants" ADD COLUMN "extension_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "participants" ADD COLUMN "extension_reason" text;--> statement-breakpoint
ALTER TABLE "periods" ADD COLUMN "appeal_on" text DEFAULT 'adjusted' NOT NULL;