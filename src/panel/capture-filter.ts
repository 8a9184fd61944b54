/**
 * Which captured entries the panel keeps: requests with an `X-Amz-Target` header (Cognito and
 * other AWS JSON APIs) and managed-login candidates (core/oauth/keep.ts). The others are counted,
 * not kept. One predicate, so that the HAR viewer, which leaves the others out as it parses a file
 * (viewer-har-runs.ts), keeps exactly what the store keeps.
 */
import { hasAmzTarget } from '../core/calls';
import { mayBeManagedLogin } from '../core/oauth/keep';

export function keptInCapture(entry: unknown): boolean {
  return hasAmzTarget(entry) || mayBeManagedLogin(entry);
}
