// Prints, at the end of the run, every suite that was skipped and why (the reason is the skipped
// test's name, set by test/support/requires.ts).
export default class SkipReporter {
  onRunComplete(_contexts, results) {
    const skipped = [];
    for (const file of results.testResults) {
      for (const t of file.testResults) {
        if (t.status === 'pending' && t.title.startsWith('SKIPPED: ')) skipped.push(`${file.testFilePath.replace(process.cwd() + '/', '')}: ${t.title.slice(9)}`);
      }
    }
    if (skipped.length) {
      process.stdout.write(`\nSuites skipped (${skipped.length}):\n${skipped.map((s) => `  - ${s}`).join('\n')}\n`);
    } else {
      process.stdout.write('\nNo suite skipped.\n');
    }
  }
}
