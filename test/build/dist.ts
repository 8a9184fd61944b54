/** What the build tests read: the built folders, their manifests, the files they name. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
export { filesUnder } from '../../scripts/build/files';
import { DIST_CHROME, DIST_FIREFOX } from '../../scripts/build/paths';

export type Manifest = Record<string, unknown>;

export const BUILDS = { chrome: DIST_CHROME, firefox: DIST_FIREFOX } as const;

/** The tests read the build `npm test` made just before; say so plainly when it is not there. */
export function requireBuild(dir: string): void {
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`${dir} is missing: run \`npm run build\` before these tests`);
}

export function readManifest(dir: string): Manifest {
  requireBuild(dir);
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

const FILE_LIKE = /\.(html|js|mjs|css|png|svg|json)$/;

/** Every string in the manifest that names a packaged file (icons, pages, scripts, resources). */
export function referencedFiles(manifest: Manifest): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      if (FILE_LIKE.test(value) && !value.includes('*') && !/^[a-z]+:/i.test(value)) found.push(value.replace(/^\//, ''));
    } else if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (typeof value === 'object' && value !== null) {
      Object.values(value).forEach(walk);
    }
  };
  walk(manifest);
  return found;
}
