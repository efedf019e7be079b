import { createDefaultEsmPreset, type JestConfigWithTsJest } from 'ts-jest';

// ESM + ts-jest: see ../shared/engineering-notes.md. Type checking is `npm run typecheck`'s job,
// and tsconfig's isolatedModules lets ts-jest transpile file by file, which keeps the suite fast.
const preset = createDefaultEsmPreset({ tsconfig: 'tsconfig.json' });

const config: JestConfigWithTsJest = {
  ...preset,
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/plugins'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 30_000,
  // Browser and stdio tests are heavy; two workers match the 2-core CI machine.
  maxWorkers: 2,
};

export default config;
