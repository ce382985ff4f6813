-- Servicing, part 2: per-installment allocation of each money transaction (for reversal replay),
-- readable loan numbers per institution and day, and the chart of accounts of every institution
-- that already exists (new institutions get theirs from ensureChartOfAccounts at creation).
ALTER TABLE loan_transactions ADD COLUMN allocations jsonb DEFAULT '[]'::jsonb NOT NULL;
--> statement-breakpoint
ALTER TABLE loan_transactions ADD CONSTRAINT loan_transactions_amount_positive CHECK (amount > 0);
--> statement-breakpoint
CREATE INDEX loan_transactions_reverses ON loan_transactions USING btree (reverses_id);
--> statement-breakpoint
CREATE TABLE loan_number_counters (
	institution_id uuid NOT NULL,
	day date NOT NULL,
	last_value integer NOT NULL,
	CONSTRAINT loan_number_counters_pk PRIMARY KEY (institution_id, day)
);
--> statement-breakpoint
ALTER TABLE loan_number_counters ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON loan_number_counters USING (xindai_can_see(institution_id)) WITH CHECK (xindai_can_see(institution_id));
--> statement-breakpoint
CREATE INDEX loans_inst_created ON loans USING btree (institution_id, created_at);
--> statement-breakpoint
INSERT INTO gl_accounts (institution_id, code, name, kind)
SELECT i.id, a.code, a.name, a.kind
FROM institutions i
CROSS JOIN (VALUES
	('1001', '资金清算 Cash and clearing', 'asset'),
	('1101', '贷款本金 Loan principal receivable', 'asset'),
	('1102', '应收利息 Interest receivable', 'asset'),
	('1103', '应收费用 Fee receivable', 'asset'),
	('1104', '应收罚息 Penalty receivable', 'asset'),
	('2101', '客户挂账 Customer credit balance', 'liability'),
	('2901', '待处理 Suspense', 'liability'),
	('4101', '利息收入 Interest income', 'income'),
	('4102', '手续费收入 Fee income', 'income'),
	('4103', '罚息收入 Penalty income', 'income'),
	('4104', '核销回收 Recovery income', 'income'),
	('5101', '核销损失 Write-off expense', 'expense')
) AS a(code, name, kind)
ON CONFLICT DO NOTHING;
