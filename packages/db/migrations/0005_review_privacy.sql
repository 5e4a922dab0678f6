CREATE TABLE "account_erasures" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text NOT NULL,
	"kept" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"erased" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "account_erasures_status_check" CHECK ("account_erasures"."status" in ('pending', 'complete')),
	CONSTRAINT "account_erasures_complete_iff_completed_at" CHECK (("account_erasures"."status" = 'complete') = ("account_erasures"."completed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"ok" boolean NOT NULL,
	"result" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "closed_with_case_id" text;--> statement-breakpoint
CREATE INDEX "account_erasures_account_idx" ON "account_erasures" USING btree ("account_id","requested_at");--> statement-breakpoint
CREATE INDEX "account_erasures_pending_idx" ON "account_erasures" USING btree ("account_id") WHERE "account_erasures"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "job_runs_job_idx" ON "job_runs" USING btree ("job","finished_at");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_closed_with_case_id_cases_id_fk" FOREIGN KEY ("closed_with_case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_closed_with_only_when_decided" CHECK ("cases"."closed_with_case_id" is null or "cases"."status" = 'decided');