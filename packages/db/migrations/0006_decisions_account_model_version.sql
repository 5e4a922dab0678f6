-- Custom SQL migration file, put your code below! --
-- The account model's version beside the content model's: every decision records both (null when
-- no account model was loaded and the policy's risk formula decided).
ALTER TABLE "decisions" ADD COLUMN IF NOT EXISTS "account_model_version" text;
