-- Custom migration (drizzle-kit generate --custom): the decision log, hash-partitioned by message_id.
-- Why hash and not time: the primary key (message_id) must stay enforceable, because ON CONFLICT
-- (message_id) DO NOTHING is what makes a retried batch count nothing twice; a partitioned table's
-- unique key must contain the partition key. 16 partitions keep each btree small (about 6M rows
-- each at 100M) and need no partition maintenance. Time-range scans use a BRIN index on
-- decided_at (rows arrive in time order within every partition). See packages/db/README.md.
-- No foreign key to accounts: the writer inserts off the response path, possibly before
-- ensureAccount has committed, and a per-row FK lookup would slow the hottest insert.
CREATE TABLE "decisions" (
	"message_id" text NOT NULL,
	"account_id" text NOT NULL,
	"channel" text NOT NULL,
	"score" real NOT NULL,
	"action" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"account_status" text NOT NULL,
	"account_risk" real NOT NULL,
	"model_version" text NOT NULL,
	"policy_version" text NOT NULL,
	"body_hash" text NOT NULL,
	"excerpt" text,
	"features" jsonb,
	"degraded" text[] DEFAULT '{}'::text[] NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "decisions_pkey" PRIMARY KEY ("message_id"),
	CONSTRAINT "decisions_channel_check" CHECK ("channel" in ('sms', 'mms', 'whatsapp', 'email')),
	CONSTRAINT "decisions_action_check" CHECK ("action" in ('allow', 'review', 'block')),
	CONSTRAINT "decisions_account_status_check" CHECK ("account_status" in ('active', 'flagged', 'suspended')),
	CONSTRAINT "decisions_score_range" CHECK ("score" >= 0 and "score" <= 1),
	CONSTRAINT "decisions_excerpt_only_when_not_allowed" CHECK ("excerpt" is null or "action" <> 'allow')
) PARTITION BY HASH ("message_id");
--> statement-breakpoint
CREATE TABLE "decisions_p00" PARTITION OF "decisions" FOR VALUES WITH (MODULUS 16, REMAINDER 0);
--> statement-breakpoint
CREATE TABLE "decisions_p01" PARTITION OF "decisions" FOR VALUES WITH (MODULUS 16, REMAINDER 1);
--> statement-breakpoint
CREATE TABLE "decisions_p02" PARTITION OF "decisions" FOR VALUES WITH (MODULUS 16, REMAINDER 2);
--> statement-breakpoint
CREATE TABLE "decisions_p03" PARTITION OF "decisions" FOR VALUES WITH (MODULUS 16, REMAINDER 3);
--> statement-breakpoint
CREATE TABLE "decisions_p04" PARTITION OF "decisions" FOR VALUES WITH (MODULUS 16, REMAINDER 4);
--> statement-breakpoint
CREATE TABLE "decisions_p05" PARTITION OF "decisions" FOR VALUES WITH (MODULUS 16, REMAINDER 5);
--> statement-breakpoint
CREATE TABLE "decisions_p06" PARTITION OF "decisions" FOR VALUES WITH (MODULUS 16, REMAINDER 6);
--> statement-breakpoint
CREATE TABLE "decisions_p07" PARTITION OF "decisions" FOR VALUES WITH (MODULUS 16, REMAINDER 7);
--> statement-breakpoint
CREATE TABLE "decisions_p08" PARTITION OF "decisions" FOR VALUES WITH (MODULUS 16, REMAINDER 8);
--> statement-breakpoint
CREATE TABLE "decisions_p09" PARTITION OF "decisions" FOR VALUES WITH (MODULUS 16, REMAINDER 9);
--> statement-breakpoint
CREATE TABLE "decisions_p10" PARTITION OF "decisions" FOR VALUES WITH (MODULUS 16, REMAINDER 10);
--> statement-breakpoint
CREATE TABLE "decisions_p11" PARTITION OF "decisions" FOR VALUES WITH (MODULUS 16, REMAINDER 11);
--> statement-breakpoint
CREATE TABLE "decisions_p12" PARTITION OF "decisions" FOR VALUES WITH (MODULUS 16, REMAINDER 12);
--> statement-breakpoint
CREATE TABLE "decisions_p13" PARTITION OF "decisions" FOR VALUES WITH (MODULUS 16, REMAINDER 13);
--> statement-breakpoint
CREATE TABLE "decisions_p14" PARTITION OF "decisions" FOR VALUES WITH (MODULUS 16, REMAINDER 14);
--> statement-breakpoint
CREATE TABLE "decisions_p15" PARTITION OF "decisions" FOR VALUES WITH (MODULUS 16, REMAINDER 15);
--> statement-breakpoint
CREATE INDEX "decisions_account_decided_idx" ON "decisions" ("account_id", "decided_at" DESC);
--> statement-breakpoint
CREATE INDEX "decisions_decided_brin" ON "decisions" USING brin ("decided_at") WITH (pages_per_range = 32);
--> statement-breakpoint
-- The retention job looks for excerpts older than 30 days; excerpts exist only for review/block.
CREATE INDEX "decisions_excerpt_decided_idx" ON "decisions" ("decided_at") WHERE "excerpt" IS NOT NULL;
