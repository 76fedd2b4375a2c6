CREATE TABLE "pickup_reminders" (
	"order_id" uuid NOT NULL,
	"day" date NOT NULL,
	"leader_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pickup_reminders_order_id_day_pk" PRIMARY KEY("order_id","day")
);
