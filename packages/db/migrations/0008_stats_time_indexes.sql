CREATE INDEX "account_status_changes_at_idx" ON "account_status_changes" USING btree ("at","to_status");--> statement-breakpoint
CREATE INDEX "cases_created_idx" ON "cases" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "cases_decided_idx" ON "cases" USING btree ("decided_at") WHERE "cases"."decided_at" is not null;