/**
 * `cognito-flow` — the core over HAR files, from a terminal.
 * Exit status: 0 no error diagnostics, 1 error diagnostics, 2 unusable input or usage,
 * 3 an internal failure (a bug: no input should get there; a CI script can tell it from a finding).
 *
 * Everything written goes through the terminal-text rules: stderr lines through `visibleLine`
 * (`say`), JSON through `jsonText` with the same characters escaped, text through `formatText`.
 */
import { writeFile } from 'node:fs/promises';
import { analyzeHar, HarFormatError } from '../core/analyze';
import { truncationNote, type ParsedHar } from '../core/salvage';
import { toReport } from '../core/report';
import { PROFILES, redactHar } from '../core/redact';
import { jsonText } from '../core/json-text';
import { COLOR, PLAIN, formatText } from './format-text';
import { readHarFile, UnusableInput } from './read-har';
import { UNSAFE_CHARACTER, visibleLine, visibleLines } from './terminal-text';

interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

export const USAGE = `Usage:
  cognito-flow analyze <file.har | -> [--json] [--session-validity <minutes>] [--no-color]
      Link the Cognito sign-in calls of a HAR into chains and explain what broke (- reads standard input).
  cognito-flow redact <file.har | -> [--out <file>] [--strict]
      Write a copy with passwords, codes, Sessions and tokens masked (to stdout by default).

Exit status: 0 no errors found, 1 error diagnostics, 2 unusable input, 3 internal failure
(set COGNITO_FLOW_DEBUG=1 for its stack trace).`;

/** Exit statuses; 3 is never a verdict on the HAR. */
export const EXIT = { ok: 0, errorsFound: 1, unusableInput: 2, internalFailure: 3 } as const;

interface IO {
  stdout: Output;
  stderr: Output;
  /** Read when the file is `-`; defaults to the process's standard input. */
  stdin?: NodeJS.ReadableStream;
  /** Environment (COGNITO_FLOW_DEBUG, NO_COLOR); defaults to the process's. */
  env?: Record<string, string | undefined>;
}

/** One line on stderr, `cognito-flow: …`, whatever `text` holds (file names and reasons can carry escapes). */
function say(io: IO, text: string): void {
  io.stderr.write(`cognito-flow: ${visibleLine(text)}\n`);
}

/**
 * JSON for stdout or a file: any depth, 2-space indent, and terminal controls that JSON allows raw
 * (C1, DEL, bidi overrides, …) escaped as \uXXXX, so the text is safe to print and parses to the same value.
 */
function jsonOutput(value: unknown): string {
  return `${jsonText(value, { indent: 2, escapeAlso: UNSAFE_CHARACTER }) ?? 'null'}\n`;
}

interface Parsed {
  command: string | undefined;
  file: string | undefined;
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['--session-validity', '--out']);

function parseArgs(args: readonly string[]): Parsed {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--') && arg.length > 2) {
      const [name, inline] = arg.split('=', 2) as [string, string | undefined];
      if (VALUE_FLAGS.has(name)) flags.set(name, inline ?? args[++i] ?? '');
      else flags.set(name, true);
    } else if (arg === '-h') flags.set('--help', true);
    else positional.push(arg);
  }
  return { command: positional[0], file: positional[1], flags };
}

/** A cut-off file is still read (its complete entries); say so on stderr, where it cannot spoil --json. */
function warnIfTruncated(input: ParsedHar & { name: string }, io: IO): void {
  if (input.truncated) say(io, `warning: ${input.name}: ${truncationNote(input.truncated)}`);
}

async function analyzeCommand(parsed: Parsed, io: IO): Promise<number> {
  const { stdout } = io;
  const minutes = parsed.flags.get('--session-validity');
  const sessionValidityMinutes = typeof minutes === 'string' ? Number(minutes) : undefined;
  if (sessionValidityMinutes !== undefined && !(sessionValidityMinutes >= 3 && sessionValidityMinutes <= 15)) {
    throw new UnusableInput('--session-validity takes minutes between 3 and 15 (the app client\'s AuthSessionValidity)');
  }
  const input = await readHarFile(parsed.file!, io.stdin);
  warnIfTruncated(input, io);
  const analysis = analyzeHar(input.har, { sessionValidityMinutes });
  if (parsed.flags.has('--json')) {
    stdout.write(jsonOutput(toReport(analysis)));
  } else {
    const color = stdout.isTTY === true && !parsed.flags.has('--no-color') && !(io.env ?? process.env).NO_COLOR;
    stdout.write(formatText(analysis, color ? COLOR : PLAIN) + '\n');
  }
  return analysis.diagnostics.some((d) => d.severity === 'error') ? EXIT.errorsFound : EXIT.ok;
}

async function redactCommand(parsed: Parsed, io: IO): Promise<number> {
  const input = await readHarFile(parsed.file!, io.stdin);
  warnIfTruncated(input, io);
  const redacted = redactHar(input.har, parsed.flags.has('--strict') ? PROFILES.strict : PROFILES.share);
  const text = jsonOutput(redacted);
  const out = parsed.flags.get('--out');
  if (typeof out === 'string' && out !== '') {
    try {
      await writeFile(out, text);
    } catch (error) {
      throw new UnusableInput(`cannot write ${out} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    io.stderr.write(`${visibleLine(`wrote ${out}`)}\n`);
  } else {
    io.stdout.write(text);
  }
  return EXIT.ok;
}

async function run(args: readonly string[], io: IO): Promise<number> {
  const parsed = parseArgs(args);
  if (parsed.flags.has('--help') || parsed.command === 'help') {
    io.stdout.write(USAGE + '\n');
    return EXIT.ok;
  }
  if ((parsed.command !== 'analyze' && parsed.command !== 'redact') || !parsed.file) {
    say(io, parsed.command && parsed.command !== 'analyze' && parsed.command !== 'redact' ? `unknown command "${parsed.command}"` : 'missing <file.har>');
    io.stderr.write(`${USAGE}\n`);
    return EXIT.unusableInput;
  }
  return parsed.command === 'analyze' ? await analyzeCommand(parsed, io) : await redactCommand(parsed, io);
}

/** The message of whatever was thrown, without calling anything on it that could throw again. */
function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    const name = typeof error.name === 'string' ? error.name : 'Error';
    return typeof error.message === 'string' && error.message !== '' ? `${name}: ${error.message}` : name;
  }
  return typeof error === 'string' ? error : 'a non-Error value was thrown';
}

/**
 * Runs the CLI; returns the exit status. Never throws: unusable input is status 2 with its reason,
 * anything else (a bug, a stack overflow) status 3 with one line on stderr — the stack trace only
 * when COGNITO_FLOW_DEBUG is set — so a crash is never mistaken for status 1, "errors found".
 */
export async function main(args: readonly string[], io: IO): Promise<number> {
  try {
    return await run(args, io);
  } catch (error) {
    if (error instanceof UnusableInput || error instanceof HarFormatError) {
      say(io, error.message);
      return EXIT.unusableInput;
    }
    try {
      say(io, `internal error (exit status 3), not a finding about the HAR: ${describeFailure(error)}`);
      const debug = (io.env ?? process.env).COGNITO_FLOW_DEBUG;
      if (debug && debug !== '0' && error instanceof Error && typeof error.stack === 'string') io.stderr.write(`${visibleLines(error.stack)}\n`);
      else say(io, 'set COGNITO_FLOW_DEBUG=1 for the stack trace');
    } catch {
      // Even reporting failed (a broken stderr): the status still says what happened.
    }
    return EXIT.internalFailure;
  }
}
