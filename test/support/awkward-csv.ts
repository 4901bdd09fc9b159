// Bundle files written to trip a CSV reader: line breaks, CRLF and doubled quotes inside quoted fields,
// an empty line, a row with a field too many, a tab and a backslash in a cell, a BOM; and cells the checks
// refuse (a date that does not exist, an unknown source, a negative amount, an unknown finding, an
// unnamed column). The tests of the folder readers cut them into pieces of every size and compare.

/** hazards.csv: 45 records on lines 2, 4, 6, 9, 12, 13 … 52 (the row on line 8 has a field too many) */
export const awkwardHazards = [
  '\uFEFFledger_no,enterprise_credit_code,unit_code,source,found_on,description,funds_wan',
  'H-1,91140102PWL3PTA2BA,140102,enforcement,2023-09-24,"two\nlines, and a comma",1.5',
  'H-2,91140102PWL3PTA2BA,140102,enforcement,2023-02-30,plain,x',
  '',
  'H-3,91140102PWL3PTA2BA,140102,nowhere,2023-09-24,"a ""quoted"" word\r\nand a CRLF inside",2',
  'H-4,91140102PWL3PTA2BA,140102,enforcement,2023-09-24,one too many,1,extra',
  'H-5,91140102PWL3PTA2BA,140102,self_check,2023-10-01,"three\n\nlines",',
  'H-6,91140102PWL3PTA2BA,140102,self_check,2023-10-02,制表\t与反斜杠\\,3',
  ...Array.from({ length: 40 }, (_, i) => `H-${7 + i},91140102PWL3PTA2BA,140102,self_check,2024-0${1 + (i % 9)}-${10 + (i % 19)},第${i}条,${i % 7 === 0 ? '-1' : i}`),
].join('\n') + '\n';

/** findings.csv: an unknown finding, an unnamed column, a line break inside a key */
export const awkwardFindings = 'inspection_id,finding,surplus\nI-1,no_drill,\nI-2,no_such_finding,\n"I-3\n",no_duty_list,x\n';
