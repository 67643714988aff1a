CREATE INDEX "companies_owner_updated_idx" ON "companies" USING btree ("workspace_id","owner_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "deals_owner_updated_idx" ON "deals" USING btree ("workspace_id","owner_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "people_owner_updated_idx" ON "people" USING btree ("workspace_id","owner_id","updated_at","id");