CREATE TABLE "activity_daily" (
	"workspace_id" uuid NOT NULL,
	"day" date NOT NULL,
	"type" text NOT NULL,
	"owner_id" text DEFAULT '' NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "activity_daily_workspace_id_day_type_owner_id_pk" PRIMARY KEY("workspace_id","day","type","owner_id")
);
--> statement-breakpoint
ALTER TABLE "activity_daily" ADD CONSTRAINT "activity_daily_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Backfill: the live activities of existing workspaces, per day of their time zone (the
-- services keep it from here on). A zone PostgreSQL does not know counts as UTC, as the app does.
DO $$
DECLARE
  w record;
  tz text;
BEGIN
  FOR w IN SELECT "id", "time_zone" FROM "workspaces" LOOP
    BEGIN
      PERFORM now() AT TIME ZONE w."time_zone";
      tz := w."time_zone";
    EXCEPTION WHEN others THEN
      tz := 'UTC';
    END;
    INSERT INTO "activity_daily" ("workspace_id", "day", "type", "owner_id", "n")
    SELECT a."workspace_id", (a."occurred_at" AT TIME ZONE tz)::date, a."type",
      coalesce(a."assignee_id", a."created_by", ''), count(*)::int
    FROM "activities" a
    WHERE a."workspace_id" = w."id" AND a."deleted_at" IS NULL
    GROUP BY 1, 2, 3, 4;
  END LOOP;
END $$;
