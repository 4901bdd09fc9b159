-- Figures computed on a persisted copy, kept with the PostgreSQL snapshot they were computed at
-- (analytics/src/kept-figures.ts): a start whose ledger has not changed since serves them at once.
-- key: what they were computed for (the analytics code, the scheme and its parameters, the months).
CREATE TABLE kept_figures (key VARCHAR, snapshot VARCHAR, body VARCHAR);
