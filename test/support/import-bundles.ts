import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { creditCodeCheckChar } from '../../api/src/bundle/credit-code.js';
import { SAMPLE_BUNDLE } from './databases.js';
import { makeZip } from './zips.js';

// Small bundles of one county's new records for the import page and API tests, built on the sample
// ledger (its units.csv repeated unchanged, as a county's bundle carries it).

export function validCreditCode(first17: string): string {
  return first17 + creditCodeCheckChar(first17)!;
}

export interface CountyBundle {
  dir: string;
  remove(): void;
}

/**
 * A county's bundle folder: two new enterprises and two new hazards of `unit`. `broken` puts three
 * mistakes in it: a credit code with a wrong check digit, a date that does not exist, an unknown source.
 */
export function countyBundle(unit: string, o: { broken?: boolean; foreignUnit?: string; tag?: string } = {}): CountyBundle {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-county-bundle-'));
  fs.copyFileSync(path.join(SAMPLE_BUNDLE, 'units.csv'), path.join(dir, 'units.csv'));
  const tag = o.tag ?? '77';
  const cc = validCreditCode(`91${unit}MA0TEXT${tag}`.slice(0, 17).padEnd(17, '0'));
  const second = validCreditCode(`91${unit}MA0TEXU${tag}`.slice(0, 17).padEnd(17, '0'));
  const wrongCheck = second.slice(0, 17) + (second[17] === '0' ? '1' : '0');
  const foreign = o.foreignUnit ? validCreditCode(`91${o.foreignUnit}MA0TEXT${tag}`.slice(0, 17).padEnd(17, '0')) : undefined;
  const enterprises = [
    'credit_code,name,unit_code,industry,risk_level,high_risk,parent_credit_code,main_leader',
    `${cc},测试企业${tag},${unit},steel,general,true,,负责人${tag}`,
    `${o.broken ? wrongCheck : second},测试企业${tag}乙,${unit},steel,general,false,,负责人${tag}乙`,
    ...(foreign ? [`${foreign},外县企业${tag},${o.foreignUnit},steel,general,false,,负责人${tag}`] : []),
  ];
  const hazards = [
    'ledger_no,enterprise_credit_code,unit_code,source,found_on,description',
    `JC-${unit}-2023-T${tag}1,${cc},${unit},self_check,${o.broken ? '2023-09-31' : '2023-09-30'},测试隐患一`,
    `JC-${unit}-2023-T${tag}2,${cc},${unit},${o.broken ? 'rumour' : 'public_report'},2023-10-08,测试隐患二`,
  ];
  fs.writeFileSync(path.join(dir, 'enterprises.csv'), enterprises.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'hazards.csv'), hazards.join('\n') + '\n');
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A bundle folder zipped as "compress the folder" does: its files inside one top folder. */
export function zipFolder(dir: string, top = 'bundle'): Buffer {
  return makeZip(fs.readdirSync(dir).sort().map((f) => ({ name: `${top}/${f}`, data: fs.readFileSync(path.join(dir, f)) })));
}
