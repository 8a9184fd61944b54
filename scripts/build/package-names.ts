/** The package file names, shared by the packager and its test. */
export interface PackageNames {
  chrome: string;
  firefox: string;
  source: string;
}

export function packageNames(version: string): PackageNames {
  const base = 'cognito-flow-inspector';
  return { chrome: `${base}-chrome-${version}.zip`, firefox: `${base}-firefox-${version}.zip`, source: `${base}-source-${version}.zip` };
}
