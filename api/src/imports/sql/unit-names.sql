-- Every unit's name as it would be after the import (a few thousand rows), to name owners in problems.
SELECT code, name FROM after_units
