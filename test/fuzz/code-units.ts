/**
 * Any UTF-16 code unit — controls, lone surrogates, bidi marks included — half of them ASCII.
 * fast-check's own `unit: 'binary'` does the same but costs seconds to build on a busy machine.
 */
import fc from 'fast-check';

export const codeUnit: fc.Arbitrary<string> = fc
  .oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0, max: 0xffff }))
  .map((code) => String.fromCharCode(code));
