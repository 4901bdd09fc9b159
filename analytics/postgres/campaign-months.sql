-- Every campaign's assessed months, for the message that refuses a month outside them.
SELECT code, first_month::text AS first_month, last_month::text AS last_month FROM campaigns ORDER BY code COLLATE "C";
