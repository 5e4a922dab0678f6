-- Custom SQL migration file, put your code below! ---- The shadow model's version and score per decision (SHADOW_MODEL): recorded to compare a candidate
-- model with the live one on real traffic, never used for the action. Added to the partitioned parent,
-- so every partition gets the columns; both nullable (no shadow model configured, or it failed).
ALTER TABLE "decisions" ADD COLUMN "shadow_model_version" text;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "shadow_score" real;
