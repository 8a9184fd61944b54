/**
 * Every masking rule is needed: dropping any one of them from a profile makes the hostile corpus
 * leak a secret (or, for strict, say who the user is). Rules both profiles share are checked in
 * `share`, where nothing else covers for them (strict also masks every unlisted parameter and drops
 * other bodies, which would hide a missing key rule); rules only `strict` has are checked in `strict`.
 */
import { describe, expect, it } from 'vitest';
import { PROFILES, redactHar, type RedactionProfile } from '../src/core/redact';
import { IDENTITIES, SECRETS, hostileHar, leaked } from './fixtures/hostile';

type Table = 'keys' | 'keyPrefixes' | 'containers' | 'keysExceptInChallenges' | 'headers';
const TABLES: readonly Table[] = ['keys', 'keyPrefixes', 'containers', 'keysExceptInChallenges', 'headers'];

interface Variant {
  rule: string;
  profile: RedactionProfile;
}

function without(profile: RedactionProfile, table: Table, name: string): RedactionProfile {
  const copy: Record<string, unknown> = { ...profile[table] };
  delete copy[name];
  return { ...profile, [table]: copy };
}

/** The profile once per rule, each time without that one rule. */
function variants(profile: RedactionProfile, only?: (table: Table | 'flag', name: string) => boolean): Variant[] {
  const out: Variant[] = [];
  const keep = only ?? (() => true);
  for (const table of TABLES) {
    for (const name of Object.keys(profile[table])) {
      if (keep(table, name)) out.push({ rule: `${table}.${name}`, profile: without(profile, table, name) });
    }
  }
  for (const field of profile.fields) {
    if (keep('flag', `fields.${field}`)) out.push({ rule: `fields.${field}`, profile: { ...profile, fields: profile.fields.filter((f) => f !== field) } });
  }
  const flags: [string, Partial<RedactionProfile>][] = [
    ['scrubJwtsInText', { scrubJwtsInText: false }],
    ['claimsAllowed', { claimsAllowed: undefined }],
    ['paramsAllowed', { paramsAllowed: undefined }],
    ['maskPathIdentifiers', { maskPathIdentifiers: false }],
    ['dropOtherBodies', { dropOtherBodies: false }],
  ];
  for (const [name, change] of flags) {
    const key = name as keyof RedactionProfile;
    const on = profile[key] !== undefined && profile[key] !== false;
    if (on && keep('flag', name)) out.push({ rule: name, profile: { ...profile, ...change } });
  }
  return out;
}

/** Is this strict rule one share lacks (or has differently)? */
function strictOnly(table: Table | 'flag', name: string): boolean {
  const share = PROFILES.share;
  if (table === 'flag') {
    if (name.startsWith('fields.')) return !share.fields.includes(name.slice('fields.'.length) as never);
    const key = name as keyof RedactionProfile;
    return share[key] === undefined || share[key] === false;
  }
  const strictValue = (PROFILES.strict[table] as Record<string, unknown>)[name];
  const shareValue = Object.hasOwn(share[table], name) ? (share[table] as Record<string, unknown>)[name] : undefined;
  return JSON.stringify(strictValue) !== JSON.stringify(shareValue);
}

const har = hostileHar();

describe('every masking rule is needed', () => {
  it('the full profiles leak nothing (the baseline)', () => {
    expect(leaked(JSON.stringify(redactHar(har, PROFILES.share)), SECRETS)).toEqual([]);
    expect(leaked(JSON.stringify(redactHar(har, PROFILES.strict)), [...SECRETS, ...IDENTITIES])).toEqual([]);
  });

  it.each(variants(PROFILES.share).map((v) => [v.rule, v] as const))('share without %s leaks', (_rule, variant) => {
    expect(leaked(JSON.stringify(redactHar(har, variant.profile)), SECRETS)).not.toEqual([]);
  });

  it.each(variants(PROFILES.strict, strictOnly).map((v) => [v.rule, v] as const))('strict without %s leaks', (_rule, variant) => {
    expect(leaked(JSON.stringify(redactHar(har, variant.profile)), [...SECRETS, ...IDENTITIES])).not.toEqual([]);
  });
});
