// Evaluates flagd flag definitions with flagd's reference evaluator, @openfeature/flagd-core (pinned in package.json),
// for the tests of `rollout export flagd`. Nothing here decides an outcome: every answer is flagd-core's.
//
// stdin: {"flag": "KEY", "files": ["a.flagd.json", ...], "populations": [{"prefix": "user-", "count": 100000, "groups": []}, ...]}
//        (a file may also be {"file": "b.flagd.json", "flag": "OTHER_KEY"}: that file's flag instead of "flag")
// stdout: {"evaluator": "@openfeature/flagd-core 4.0.1", "results": [{"file": "...", "valid": true, "error": null,
//          "populations": ["0110...", ...]}]}: one character per targeting key <prefix><i>, i = 0..count-1:
//          1 the flag is on, 0 off, E the evaluation erred.
// A file is loaded with strict validation (flagd-core's own JSON schema); an invalid file has valid false, its error,
// and no populations.
'use strict';
const fs = require('fs');
const { FlagdCore, MemoryStorage } = require('@openfeature/flagd-core');
const version = require('@openfeature/flagd-core/package.json').version;

const silent = { error() {}, warn() {}, info() {}, debug() {} };
const request = JSON.parse(fs.readFileSync(0, 'utf8'));
const results = [];
for (const entry of request.files) {
  const file = typeof entry === 'string' ? entry : entry.file;
  const flag = typeof entry === 'string' ? request.flag : entry.flag;
  const storage = new MemoryStorage(silent);
  try {
    storage.setConfigurations(fs.readFileSync(file, 'utf8'), true);
  } catch (error) {
    results.push({ file, valid: false, error: String(error && error.message ? error.message : error).replace(/\s+/g, ' ').slice(0, 600), populations: [] });
    continue;
  }
  const core = new FlagdCore(storage, silent);
  const populations = request.populations.map(({ prefix, count, groups }) => {
    const answers = new Array(count);
    for (let i = 0; i < count; i++) {
      const context = { targetingKey: prefix + i };
      if (groups && groups.length > 0) context.groups = groups;
      const resolution = core.resolveBooleanEvaluation(flag, false, context, silent);
      answers[i] = resolution.errorCode ? 'E' : resolution.value === true ? '1' : '0';
    }
    return answers.join('');
  });
  results.push({ file, valid: true, error: null, populations });
}
process.stdout.write(JSON.stringify({ evaluator: '@openfeature/flagd-core ' + version, results }) + '\n');
