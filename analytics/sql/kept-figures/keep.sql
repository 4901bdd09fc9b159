-- Keeps the figures computed for $key at $snapshot.
INSERT INTO kept_figures VALUES ($key, $snapshot, $body);
