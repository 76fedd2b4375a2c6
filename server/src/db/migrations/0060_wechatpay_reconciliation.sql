CREATE TABLE "reconciliation_days" (
	"bill_date" date PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"run_id" uuid NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"fetched_at" timestamp with time zone,
	"had_statement" boolean DEFAULT false NOT NULL,
	"wechat_payments" integer DEFAULT 0 NOT NULL,
	"wechat_payment_fen" bigint DEFAULT 0 NOT NULL,
	"wechat_refunds" integer DEFAULT 0 NOT NULL,
	"wechat_refund_fen" bigint DEFAULT 0 NOT NULL,
	"linli_payments" integer DEFAULT 0 NOT NULL,
	"linli_payment_fen" bigint DEFAULT 0 NOT NULL,
	"linli_refunds" integer DEFAULT 0 NOT NULL,
	"linli_refund_fen" bigint DEFAULT 0 NOT NULL,
	"differences" integer DEFAULT 0 NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "reconciliation_differences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"bill_date" date NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"key" text NOT NULL,
	"out_trade_no" text NOT NULL,
	"out_refund_no" text,
	"payment_id" uuid,
	"refund_id" uuid,
	"linli_fen" integer,
	"wechat_fen" integer,
	"linli_status" text,
	"wechat_status" text,
	"transaction_id" text,
	"found_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "reconciliation_lines" (
	"bill_date" date NOT NULL,
	"subject" text NOT NULL,
	"out_no" text NOT NULL,
	"out_trade_no" text NOT NULL,
	"transaction_id" text NOT NULL,
	"refund_id" text,
	"state" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"trade_time" text NOT NULL,
	CONSTRAINT "reconciliation_lines_bill_date_subject_out_no_pk" PRIMARY KEY("bill_date","subject","out_no")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "reconciliation_differences_day_key" ON "reconciliation_differences" USING btree ("bill_date","key");--> statement-breakpoint
CREATE INDEX "reconciliation_lines_out_no_idx" ON "reconciliation_lines" USING btree ("out_no");