/** Docs are part of the surface: every variable documented, every command in the README. */
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { SETTINGS, loadConfig } from '../../src/areas.js';

const read = (file: string) => readFileSync(file, 'utf8');

describe('documentation', () => {
  it('.env.example lists every variable, and loads as a valid configuration', () => {
    const example = parseEnv(read('.env.example'));
    const variables = SETTINGS.map((s) => s.env).filter((v): v is string => Boolean(v));
    for (const name of variables) expect(Object.keys(example)).toContain(name);
    expect(() => loadConfig({ env: {}, envFile: '.env.example' })).not.toThrow();
  });

  it('README gives the setup, test and sandbox commands and every client snippet', () => {
    const readme = read('README.md');
    for (const text of ['npm test', '--sandbox', 'claude_desktop_config.json', 'claude mcp add', '.cursor/mcp.json', 'settings.json', 'config.toml', 'ENABLED_TOOLS']) {
      expect(readme).toContain(text);
    }
  });

  it('CHANGELOG has an entry for the current version', () => {
    const { version } = JSON.parse(read('package.json')) as { version: string };
    expect(read('CHANGELOG.md')).toContain(`## ${version}`);
  });
});
