-- Figures kept for any key are replaced by the newest: one set is kept (the one a start would serve).
DELETE FROM kept_figures;
