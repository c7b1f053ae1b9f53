ALTER TABLE "periods" ADD COLUMN "evaluation_order" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "periods" ADD COLUMN "stage_labels" jsonb DEFAULT '{}'::jsonb NOT NULL;