-- The hazards the actions in changed_rows name (a penalty's first day enters window_hazard_months).
INSERT INTO changed_action_hazards SELECT hazard_ledger_no FROM changed_rows WHERE hazard_ledger_no IS NOT NULL;
