/**
 * The seeded cognito-local moved to scripts/lib so that `npm start` (the demo) and the browser
 * e2e tests share one pool definition with the recorder and the live tests; this keeps the
 * tests' import path.
 */
export * from '../../scripts/lib/cognito-local';
