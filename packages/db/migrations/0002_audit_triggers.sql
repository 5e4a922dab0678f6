-- Custom migration (drizzle-kit generate --custom): invariants that need triggers.

-- case_events is an append-only audit trail: no UPDATE, DELETE or TRUNCATE, whoever asks.
CREATE FUNCTION "gavel_reject_audit_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'case_events is append-only (% rejected)', TG_OP USING ERRCODE = 'GV001';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "case_events_append_only"
	BEFORE UPDATE OR DELETE ON "case_events"
	FOR EACH ROW EXECUTE FUNCTION "gavel_reject_audit_change"();
--> statement-breakpoint
CREATE TRIGGER "case_events_no_truncate"
	BEFORE TRUNCATE ON "case_events"
	FOR EACH STATEMENT EXECUTE FUNCTION "gavel_reject_audit_change"();
--> statement-breakpoint
-- An appeal is decided by a human who took no part in the original decision: the reviewer who
-- decided the suspension (suspensions.decided_by) cannot decide the appeal against it.
CREATE FUNCTION "gavel_check_appeal_decider"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW."kind" = 'appeal' AND NEW."status" = 'decided' AND EXISTS (
		SELECT 1 FROM "suspensions" s
		WHERE s."id" = NEW."suspension_id" AND s."decided_by" IS NOT NULL AND s."decided_by" = NEW."decided_by"
	) THEN
		RAISE EXCEPTION 'an appeal cannot be decided by the reviewer who decided the suspension' USING ERRCODE = 'GV002';
	END IF;
	RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "cases_appeal_decider_independent"
	BEFORE INSERT OR UPDATE ON "cases"
	FOR EACH ROW EXECUTE FUNCTION "gavel_check_appeal_decider"();
--> statement-breakpoint
-- Allowlisted accounts are flagged, never suspended automatically.
CREATE FUNCTION "gavel_check_automated_suspension"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW."automated_decision" AND EXISTS (
		SELECT 1 FROM "accounts" a WHERE a."id" = NEW."account_id" AND a."allowlisted"
	) THEN
		RAISE EXCEPTION 'an allowlisted account cannot be suspended automatically' USING ERRCODE = 'GV003';
	END IF;
	RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "suspensions_no_automated_on_allowlisted"
	BEFORE INSERT ON "suspensions"
	FOR EACH ROW EXECUTE FUNCTION "gavel_check_automated_suspension"();
