-- The figures kept for $key, with the snapshot they were computed at.
SELECT snapshot, body FROM kept_figures WHERE key = $key;
