// Runs the graphql-http server audits (GraphQL over HTTP conformance) against a running Tandem.
//
//   TANDEM_GRAPHQL_URL=http://127.0.0.1:8000/graphql TANDEM_TOKEN=tdm_… node audit.mjs
//
// Prints every audit and the counts per requirement level; exits 1 when a MUST audit fails or
// fewer than MIN_SHOULD (default 20) SHOULD audits pass.
import { serverAudits } from 'graphql-http';

const url = process.env.TANDEM_GRAPHQL_URL;
const token = process.env.TANDEM_TOKEN;
const minShould = Number(process.env.MIN_SHOULD ?? 20);
if (!url || !token) {
  console.error('TANDEM_GRAPHQL_URL and TANDEM_TOKEN are required');
  process.exit(2);
}

// Every request but /healthz needs a bearer token (contract §2): add it to each audit's fetch.
function fetchWithToken(input, init = {}) {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
}

const counts = {
  MUST: { ok: 0, total: 0 },
  SHOULD: { ok: 0, total: 0 },
  MAY: { ok: 0, total: 0 },
};
const failures = [];

for (const audit of serverAudits({ url, fetchFn: fetchWithToken })) {
  const level = audit.name.split(' ')[0];
  let result;
  try {
    result = await audit.fn();
  } catch (error) {
    // graphql-http throws (rather than reporting) when the server's answer is unusable.
    result = { id: audit.id, name: audit.name, status: 'error', reason: `fatal: ${error}` };
  }
  counts[level].total += 1;
  let detail = '';
  if (result.status === 'ok') {
    counts[level].ok += 1;
  } else {
    failures.push(result);
    const status = result.response ? ` (got HTTP ${result.response.status})` : '';
    detail = `  <- ${result.reason}${status}`;
  }
  const mark = result.status === 'ok' ? 'ok  ' : result.status.padEnd(4);
  console.log(`${mark} ${audit.id} ${audit.name}${detail}`);
}

console.log('');
for (const [level, { ok, total }] of Object.entries(counts)) {
  console.log(`${level.padEnd(6)} ${ok}/${total} passed`);
}

const mustFailed = counts.MUST.total - counts.MUST.ok;
let failed = false;
if (mustFailed > 0) {
  console.log(`FAIL: ${mustFailed} MUST audit(s) failed`);
  failed = true;
}
if (counts.SHOULD.ok < minShould) {
  console.log(`FAIL: only ${counts.SHOULD.ok} SHOULD audits passed (at least ${minShould} required)`);
  failed = true;
}
if (!failed) {
  console.log('GraphQL over HTTP conformance: OK');
}
process.exit(failed ? 1 : 0);
