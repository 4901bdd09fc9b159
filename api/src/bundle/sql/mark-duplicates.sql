-- A duplicate does not stand for its key: the first record does (the duplicate was reported).
UPDATE {{staging}} SET first = false WHERE line = ANY($1::int[])
