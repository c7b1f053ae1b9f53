ALTER TABLE "publications" ADD COLUMN "decree" text;--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "mode" text DEFAULT 'ranked' NOT NULL;--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "awards" jsonb DEFAULT '[]'::jsonb NOT NULL;