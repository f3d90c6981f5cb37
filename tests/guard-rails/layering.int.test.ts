import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/**
 * Lints each snippet as if it were the file at its path (nothing is written), with the repository's
 * own eslint.config.mjs, in one child process (ESLint loads its config with import(), which jest's
 * module system does not run). Returns the rules each snippet breaks.
 */
const lint = (cases: ReadonlyArray<readonly [path: string, code: string]>): string[][] => {
  const script = `
    const { ESLint } = require('eslint');
    const cases = JSON.parse(process.argv[1]);
    (async () => {
      const eslint = new ESLint({ cwd: ${JSON.stringify(root)} });
      const out = [];
      for (const [filePath, code] of cases) {
        const [result] = await eslint.lintText(code, { filePath });
        out.push(result.messages.map((m) => m.ruleId ?? 'parse error: ' + m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })();`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, JSON.stringify(cases)], { cwd: root, encoding: 'utf8' }));
};

const crossing = [
  ['events/x.ts', "import { Injectable } from '@nestjs/common';\nexport const used = [Injectable];\n"],
  ['events/x.ts', "import Database from 'better-sqlite3';\nexport const used = [Database];\n"],
  ['events/x.ts', "import { EVENT_STORE } from '../src/store/event-store.port';\nexport const used = [EVENT_STORE];\n"],
  ['events/types/x.ts', "import { issueStateAt } from '../../projections';\nexport const used = [issueStateAt];\n"],
  ['projections/x.ts', "import { QueryBus } from '@nestjs/cqrs';\nexport const used = [QueryBus];\n"],
  ['projections/x.ts', "import { Pool } from 'pg';\nexport const used = [Pool];\n"],
  ['projections/x.ts', "import { readFileSync } from 'node:fs';\nexport const used = [readFileSync];\n"],
  ['projections/x.ts', "import type { Clock } from '../src/clock/clock';\nexport type Used = Clock;\n"],
] as const;

const allowed = [
  ['projections/x.ts', "import { countsFrom } from '../events';\nexport const used = [countsFrom];\n"],
  ['events/x.ts', "import { z } from 'zod';\nexport const used = [z];\n"],
  ['src/x.ts', "import { Injectable } from '@nestjs/common';\nimport { issueStateAt } from '../projections';\nexport const used = [Injectable, issueStateAt];\n"],
] as const;

describe('the layering rule (npm run lint, in CI)', () => {
  const results = lint([...crossing, ...allowed]);

  it.each(crossing.map(([path, code], i) => [path, code.split('\n')[0], i] as const))(
    'given %s with `%s`, then lint fails on that import',
    (_path, _line, i) => {
      expect(results[i]).toEqual(['no-restricted-imports']);
    },
  );

  it.each(allowed.map(([path, code], i) => [path, code.split('\n')[0], crossing.length + i] as const))(
    'given %s with `%s`, then lint passes',
    (_path, _line, i) => {
      expect(results[i]).toEqual([]);
    },
  );
});
