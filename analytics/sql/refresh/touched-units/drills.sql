-- Drills enter no score (domain.md section 6): no unit's scores change with them.
SELECT NULL::VARCHAR AS unit_code WHERE false;
