CREATE TABLE "login_attempts" (
	"key" text PRIMARY KEY NOT NULL,
	"attempts" integer NOT NULL,
	"window_ends_at" timestamp with time zone NOT NULL,
	CONSTRAINT "login_attempts_attempts_non_negative" CHECK ("login_attempts"."attempts" >= 0)
);
--> statement-breakpoint
ALTER TABLE "reviewers" DROP CONSTRAINT "reviewers_failed_logins_non_negative";--> statement-breakpoint
CREATE INDEX "login_attempts_window_ends_idx" ON "login_attempts" USING btree ("window_ends_at");--> statement-breakpoint
ALTER TABLE "reviewers" DROP COLUMN "failed_logins";--> statement-breakpoint
ALTER TABLE "reviewers" DROP COLUMN "locked_until";