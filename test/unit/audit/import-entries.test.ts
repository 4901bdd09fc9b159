import { expect, it } from '@jest/globals';
import { canonicalJson } from '../../../api/src/audit/audit-chain.js';
import { rowSerialiser } from '../../../api/src/audit/import-entries.js';
import { BUNDLE_FILES } from '../../../api/src/bundle/bundle-files.js';

// An import's audit entry carries the sha256 of its file's rows as canonicalJson spells them; the
// import spells them with a faster serialiser, which must give the very same text.
it('spells a bundle row exactly as canonicalJson does, for every file, with nulls, lists, numbers and awkward text', () => {
  const awkward = ['', 'a"b\\c', '换行\n与\t制表', '\u2028', '😀'];
  let n = 0;
  for (const spec of BUNDLE_FILES) {
    const serialise = rowSerialiser(spec.columns.map((c) => c.name));
    for (let variant = 0; variant < 4; variant++) {
      const row = Object.fromEntries(spec.columns.map((c, i) => {
        const pick = (i + variant) % 5;
        if (pick === 0) return [c.name, null];
        if (c.type === 'list') return [c.name, awkward.slice(0, pick)];
        if (c.type === 'count' || c.type === 'money') return [c.name, pick * 1.5];
        if (c.type === 'boolean') return [c.name, pick % 2 === 0];
        return [c.name, awkward[pick]];
      }));
      expect(serialise(row)).toBe(canonicalJson(row));
      n++;
    }
  }
  expect(n).toBe(BUNDLE_FILES.length * 4);
});
