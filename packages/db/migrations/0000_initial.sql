CREATE TABLE "account_status_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"cause" text NOT NULL,
	"actor_id" text,
	"case_id" text,
	"suspension_id" text,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_status_changes_from_check" CHECK ("account_status_changes"."from_status" in ('active', 'flagged', 'suspended')),
	CONSTRAINT "account_status_changes_to_check" CHECK ("account_status_changes"."to_status" in ('active', 'flagged', 'suspended')),
	CONSTRAINT "account_status_changes_cause_check" CHECK ("account_status_changes"."cause" in ('automated', 'reviewer', 'admin')),
	CONSTRAINT "account_status_changes_is_a_change" CHECK ("account_status_changes"."from_status" <> "account_status_changes"."to_status"),
	CONSTRAINT "account_status_changes_human_has_actor" CHECK ("account_status_changes"."cause" = 'automated' or "account_status_changes"."actor_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"risk" real DEFAULT 0 NOT NULL,
	"allowlisted" boolean DEFAULT false NOT NULL,
	"blocklisted" boolean DEFAULT false NOT NULL,
	"notice_email" text,
	"webhook_url" text,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status_changed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_status_check" CHECK ("accounts"."status" in ('active', 'flagged', 'suspended')),
	CONSTRAINT "accounts_risk_range" CHECK ("accounts"."risk" >= 0 and "accounts"."risk" <= 1),
	CONSTRAINT "accounts_not_both_lists" CHECK (not ("accounts"."allowlisted" and "accounts"."blocklisted"))
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "api_keys_key_hash_is_sha256" CHECK ("api_keys"."key_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "api_keys_scopes_known" CHECK ("api_keys"."scopes" <@ array['score', 'events', 'admin']::text[])
);
--> statement-breakpoint
CREATE TABLE "appeals" (
	"id" text PRIMARY KEY NOT NULL,
	"suspension_id" text NOT NULL,
	"case_id" text NOT NULL,
	"account_id" text NOT NULL,
	"explanation" text NOT NULL,
	"contact_email" text,
	"changes" text,
	"status" text DEFAULT 'received' NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "appeals_status_check" CHECK ("appeals"."status" in ('received', 'in_review', 'info_requested', 'decided')),
	CONSTRAINT "appeals_decided_iff_decided_at" CHECK (("appeals"."status" = 'decided') = ("appeals"."decided_at" is not null)),
	CONSTRAINT "appeals_explanation_length" CHECK (char_length("appeals"."explanation") <= 5000),
	CONSTRAINT "appeals_changes_length" CHECK ("appeals"."changes" is null or char_length("appeals"."changes") <= 5000)
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"type" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_events_type_check" CHECK ("case_events"."type" in ('opened', 'claimed', 'released', 'extended', 'noted', 'asked', 'answered', 'decided', 'escalated')),
	CONSTRAINT "case_events_actor_type_check" CHECK ("case_events"."actor_type" in ('system', 'reviewer', 'holder')),
	CONSTRAINT "case_events_reviewer_named" CHECK ("case_events"."actor_type" <> 'reviewer' or "case_events"."actor_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "case_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"author" text NOT NULL,
	"author_id" text,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_messages_author_check" CHECK ("case_messages"."author" in ('reviewer', 'holder')),
	CONSTRAINT "case_messages_reviewer_named" CHECK ("case_messages"."author" <> 'reviewer' or "case_messages"."author_id" is not null),
	CONSTRAINT "case_messages_body_length" CHECK (char_length("case_messages"."body") <= 10000)
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"account_id" text NOT NULL,
	"suspension_id" text,
	"status" text DEFAULT 'open' NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"assignee_id" text,
	"claimed_at" timestamp with time zone,
	"claim_expires_at" timestamp with time zone,
	"outcome" text,
	"rationale" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "cases_kind_check" CHECK ("cases"."kind" in ('appeal', 'flagged')),
	CONSTRAINT "cases_status_check" CHECK ("cases"."status" in ('open', 'awaiting_info', 'escalated', 'decided')),
	CONSTRAINT "cases_outcome_check" CHECK ("cases"."outcome" is null or "cases"."outcome" in ('reinstated', 'upheld', 'cleared', 'suspended')),
	CONSTRAINT "cases_appeal_has_suspension" CHECK ("cases"."kind" <> 'appeal' or "cases"."suspension_id" is not null),
	CONSTRAINT "cases_outcome_matches_kind" CHECK ("cases"."outcome" is null or ("cases"."kind" = 'appeal' and "cases"."outcome" in ('reinstated', 'upheld')) or ("cases"."kind" = 'flagged' and "cases"."outcome" in ('cleared', 'suspended'))),
	CONSTRAINT "cases_decided_iff_complete" CHECK (("cases"."status" = 'decided') = ("cases"."outcome" is not null and "cases"."decided_by" is not null and "cases"."decided_at" is not null and "cases"."rationale" is not null)),
	CONSTRAINT "cases_claim_consistent" CHECK ("cases"."assignee_id" is not null or ("cases"."claimed_at" is null and "cases"."claim_expires_at" is null)),
	CONSTRAINT "cases_version_positive" CHECK ("cases"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "labels" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"message_id" text,
	"account_id" text,
	"case_id" text,
	"suspension_id" text,
	"label" text NOT NULL,
	"model_version" text,
	"features" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "labels_label_check" CHECK ("labels"."label" in ('overturned', 'upheld'))
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"account_id" text,
	"payload" jsonb NOT NULL,
	"idempotency_key" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_status_check" CHECK ("outbox"."status" in ('pending', 'sent', 'dead')),
	CONSTRAINT "outbox_payload_kind" CHECK ("outbox"."payload"->>'kind' in ('email', 'webhook')),
	CONSTRAINT "outbox_sent_iff_sent_at" CHECK (("outbox"."status" = 'sent') = ("outbox"."sent_at" is not null)),
	CONSTRAINT "outbox_attempts_non_negative" CHECK ("outbox"."attempts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "reviewer_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"reviewer_id" text NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviewer_sessions_expiry_after_creation" CHECK ("reviewer_sessions"."expires_at" > "reviewer_sessions"."created_at")
);
--> statement-breakpoint
CREATE TABLE "reviewers" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text DEFAULT 'reviewer' NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone,
	CONSTRAINT "reviewers_email_lower_case" CHECK ("reviewers"."email" = lower("reviewers"."email")),
	CONSTRAINT "reviewers_role_check" CHECK ("reviewers"."role" in ('reviewer', 'lead', 'admin')),
	CONSTRAINT "reviewers_failed_logins_non_negative" CHECK ("reviewers"."failed_logins" >= 0)
);
--> statement-breakpoint
CREATE TABLE "suspensions" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"reasons" jsonb NOT NULL,
	"statement" jsonb NOT NULL,
	"automated_detection" boolean NOT NULL,
	"automated_decision" boolean NOT NULL,
	"decided_by" text,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"appeal_deadline" timestamp with time zone NOT NULL,
	CONSTRAINT "suspensions_status_check" CHECK ("suspensions"."status" in ('open', 'lifted', 'upheld')),
	CONSTRAINT "suspensions_closed_iff_not_open" CHECK (("suspensions"."status" = 'open') = ("suspensions"."closed_at" is null)),
	CONSTRAINT "suspensions_appeal_window_six_months" CHECK ("suspensions"."appeal_deadline" >= "suspensions"."opened_at" + interval '180 days'),
	CONSTRAINT "suspensions_automated_decision_has_no_reviewer" CHECK (not ("suspensions"."automated_decision" and "suspensions"."decided_by" is not null))
);
--> statement-breakpoint
ALTER TABLE "account_status_changes" ADD CONSTRAINT "account_status_changes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_status_changes" ADD CONSTRAINT "account_status_changes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_status_changes" ADD CONSTRAINT "account_status_changes_suspension_id_suspensions_id_fk" FOREIGN KEY ("suspension_id") REFERENCES "public"."suspensions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_suspension_id_suspensions_id_fk" FOREIGN KEY ("suspension_id") REFERENCES "public"."suspensions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_messages" ADD CONSTRAINT "case_messages_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_messages" ADD CONSTRAINT "case_messages_author_id_reviewers_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."reviewers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_suspension_id_suspensions_id_fk" FOREIGN KEY ("suspension_id") REFERENCES "public"."suspensions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_assignee_id_reviewers_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."reviewers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_decided_by_reviewers_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."reviewers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "labels" ADD CONSTRAINT "labels_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "labels" ADD CONSTRAINT "labels_suspension_id_suspensions_id_fk" FOREIGN KEY ("suspension_id") REFERENCES "public"."suspensions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviewer_sessions" ADD CONSTRAINT "reviewer_sessions_reviewer_id_reviewers_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."reviewers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suspensions" ADD CONSTRAINT "suspensions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suspensions" ADD CONSTRAINT "suspensions_decided_by_reviewers_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."reviewers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_status_changes_account_idx" ON "account_status_changes" USING btree ("account_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "appeals_suspension_key" ON "appeals" USING btree ("suspension_id");--> statement-breakpoint
CREATE UNIQUE INDEX "appeals_case_key" ON "appeals" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "appeals_account_idx" ON "appeals" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "case_messages_case_idx" ON "case_messages" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_one_undecided_flagged_per_account" ON "cases" USING btree ("account_id") WHERE "cases"."kind" = 'flagged' and "cases"."status" <> 'decided';--> statement-breakpoint
CREATE UNIQUE INDEX "cases_one_appeal_per_suspension" ON "cases" USING btree ("suspension_id") WHERE "cases"."kind" = 'appeal';--> statement-breakpoint
CREATE INDEX "cases_queue_idx" ON "cases" USING btree ("status","priority" DESC NULLS LAST,"due_at");--> statement-breakpoint
CREATE INDEX "cases_account_idx" ON "cases" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "cases_assignee_idx" ON "cases" USING btree ("assignee_id") WHERE "cases"."status" <> 'decided';--> statement-breakpoint
CREATE UNIQUE INDEX "labels_case_message_key" ON "labels" USING btree ("case_id","message_id");--> statement-breakpoint
CREATE INDEX "labels_created_idx" ON "labels" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_idempotency_key" ON "outbox" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "outbox_pending_due_idx" ON "outbox" USING btree ("next_attempt_at") WHERE "outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_account_idx" ON "outbox" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "reviewer_sessions_reviewer_idx" ON "reviewer_sessions" USING btree ("reviewer_id");--> statement-breakpoint
CREATE INDEX "reviewer_sessions_expires_idx" ON "reviewer_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reviewers_email_key" ON "reviewers" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "suspensions_one_open_per_account" ON "suspensions" USING btree ("account_id") WHERE "suspensions"."status" = 'open';--> statement-breakpoint
CREATE INDEX "suspensions_account_idx" ON "suspensions" USING btree ("account_id","opened_at");