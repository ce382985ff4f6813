-- Daily close (日终/COB): income recognition columns (docs/servicing-ledger.md), run bookkeeping and
-- the chunk checkpoints that make a run resumable after a crash (docs/cob.md).
ALTER TABLE installments ADD COLUMN interest_recognized numeric(20,2) NOT NULL DEFAULT 0;
--> statement-breakpoint
ALTER TABLE installments ADD COLUMN fee_recognized numeric(20,2) NOT NULL DEFAULT 0;
--> statement-breakpoint
-- A cob_runs row is one institution and one business date. Rows started by the same request share
-- request_id (the id of the first day's row) and carry the date the request runs to.
ALTER TABLE cob_runs ADD COLUMN request_id uuid;
--> statement-breakpoint
ALTER TABLE cob_runs ADD COLUMN to_date date;
--> statement-breakpoint
ALTER TABLE cob_runs ADD COLUMN trigger text NOT NULL DEFAULT 'cli';
--> statement-breakpoint
ALTER TABLE cob_runs ADD COLUMN requested_by text;
--> statement-breakpoint
ALTER TABLE cob_runs ADD COLUMN chunks_total integer NOT NULL DEFAULT 0;
--> statement-breakpoint
ALTER TABLE cob_runs ADD COLUMN chunks_done integer NOT NULL DEFAULT 0;
--> statement-breakpoint
ALTER TABLE cob_runs ADD COLUMN heartbeat_at timestamp with time zone NOT NULL DEFAULT now();
--> statement-breakpoint
CREATE INDEX cob_runs_inst_started ON cob_runs (institution_id, started_at DESC);
--> statement-breakpoint
CREATE INDEX cob_runs_request ON cob_runs (request_id);
--> statement-breakpoint
-- The loan-id ranges of one run, fixed when the run starts: [from_id, to_id), to_id null = no upper
-- bound. The ranges cover the whole id space, so a loan created while the run is going is not missed.
CREATE TABLE cob_chunks (
  run_id uuid NOT NULL,
  chunk_no integer NOT NULL,
  institution_id uuid NOT NULL,
  from_id uuid NOT NULL,
  to_id uuid,
  loans integer NOT NULL DEFAULT 0,
  done_at timestamp with time zone,
  CONSTRAINT cob_chunks_pk PRIMARY KEY (run_id, chunk_no)
);
--> statement-breakpoint
ALTER TABLE cob_chunks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON cob_chunks USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
-- Rounds to the cent: half-up (away from zero) or half-even (banker's), the two modes a product offers.
CREATE OR REPLACE FUNCTION xindai_round_cents(x numeric, mode text) RETURNS numeric
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN mode = 'half_even' AND abs(x * 100 - trunc(x * 100)) = 0.5
      THEN (trunc(x * 100) + CASE WHEN mod(trunc(x * 100), 2) = 0 THEN 0 ELSE sign(x) END) / 100
    ELSE round(x, 2)
  END::numeric(20,2)
$$;
--> statement-breakpoint
-- Every loan the close touches: active and overdue loans of one institution by id range.
CREATE INDEX loans_cob_range ON loans (institution_id, id) WHERE status IN ('active', 'overdue');
--> statement-breakpoint
-- The close finds its loans by id range (above), not by (status, last_cob_date); that index only made
-- every close's UPDATE of last_cob_date a non-HOT update that rewrites every index of the row.
DROP INDEX IF EXISTS loans_cob;
--> statement-breakpoint
-- Room on each page for the daily UPDATE of every loan and of the current installment to stay HOT.
ALTER TABLE loans SET (fillfactor = 80);
--> statement-breakpoint
ALTER TABLE installments SET (fillfactor = 90);
--> statement-breakpoint
-- Each loan's open installments by due date: the close probes the current period and the installments
-- due up to the announcement horizon instead of reading whole schedules.
CREATE INDEX installments_open_due ON installments (loan_id, due_date) WHERE status <> 'paid';
