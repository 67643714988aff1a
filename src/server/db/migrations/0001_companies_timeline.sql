CREATE TABLE "companies" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"domain" text,
	"industry" text,
	"size" text,
	"city" text,
	"region" text,
	"country" text,
	"owner_id" text,
	"sort_name" text NOT NULL,
	"search_text" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp (3) with time zone,
	CONSTRAINT "companies_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "company_emails" (
	"workspace_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"email" text NOT NULL,
	"label" text,
	CONSTRAINT "company_emails_workspace_id_company_id_position_pk" PRIMARY KEY("workspace_id","company_id","position")
);
--> statement-breakpoint
CREATE TABLE "company_phones" (
	"workspace_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"e164" text NOT NULL,
	"label" text,
	CONSTRAINT "company_phones_workspace_id_company_id_position_pk" PRIMARY KEY("workspace_id","company_id","position")
);
--> statement-breakpoint
CREATE TABLE "timeline_events" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"occurred_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"actor_id" text,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"person_id" uuid,
	"company_id" uuid,
	"deal_id" uuid,
	"activity_id" uuid,
	"changes" jsonb,
	"label" text,
	CONSTRAINT "timeline_events_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "company_id" uuid;--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "companies" ADD CONSTRAINT "companies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_emails" ADD CONSTRAINT "company_emails_workspace_id_company_id_companies_workspace_id_id_fk" FOREIGN KEY ("workspace_id","company_id") REFERENCES "public"."companies"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_phones" ADD CONSTRAINT "company_phones_workspace_id_company_id_companies_workspace_id_id_fk" FOREIGN KEY ("workspace_id","company_id") REFERENCES "public"."companies"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_events" ADD CONSTRAINT "timeline_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_events" ADD CONSTRAINT "timeline_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "companies_updated_idx" ON "companies" USING btree ("workspace_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "companies_created_idx" ON "companies" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "companies_name_idx" ON "companies" USING btree ("workspace_id","sort_name","id");--> statement-breakpoint
CREATE INDEX "companies_domain_idx" ON "companies" USING btree ("workspace_id","domain");--> statement-breakpoint
CREATE INDEX "companies_search_trgm_idx" ON "companies" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "company_emails_email_idx" ON "company_emails" USING btree ("workspace_id",lower("email"));--> statement-breakpoint
CREATE INDEX "company_phones_e164_idx" ON "company_phones" USING btree ("workspace_id","e164");--> statement-breakpoint
CREATE INDEX "timeline_person_idx" ON "timeline_events" USING btree ("workspace_id","person_id","occurred_at","id") WHERE "timeline_events"."person_id" is not null;--> statement-breakpoint
CREATE INDEX "timeline_company_idx" ON "timeline_events" USING btree ("workspace_id","company_id","occurred_at","id") WHERE "timeline_events"."company_id" is not null;--> statement-breakpoint
CREATE INDEX "timeline_deal_idx" ON "timeline_events" USING btree ("workspace_id","deal_id","occurred_at","id") WHERE "timeline_events"."deal_id" is not null;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_workspace_id_company_id_companies_workspace_id_id_fk" FOREIGN KEY ("workspace_id","company_id") REFERENCES "public"."companies"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "people_company_idx" ON "people" USING btree ("workspace_id","company_id") WHERE "people"."company_id" is not null;