/**
 * `cognito-flow` — the core over HAR files, from a terminal.
 * Exit status: 0 no error diagnostics, 1 error diagnostics, 2 unusable input or usage.
 */
import { writeFile } from 'node:fs/promises';
import { analyzeHar, HarFormatError } from '../core/analyze';
import { truncationNote, type ParsedHar } from '../core/salvage';
import { toReport } from '../core/report';
import { PROFILES, redactHar } from '../core/redact';
import { COLOR, PLAIN, formatText } from './format-text';
import { readHarFile, UnusableInput } from './read-har';

interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

export const USAGE = `Usage:
  cognito-flow analyze <file.har | -> [--json] [--session-validity <minutes>] [--no-color]
      Link the Cognito sign-in calls of a HAR into chains and explain what broke (- reads standard input).
  cognito-flow redact <file.har | -> [--out <file>] [--strict]
      Write a copy with passwords, codes, Sessions and tokens masked (to stdout by default).

Exit status: 0 no errors found, 1 error diagnostics, 2 unusable input.`;

interface IO {
  stdout: Output;
  stderr: Output;
  /** Read when the file is `-`; defaults to the process's standard input. */
  stdin?: NodeJS.ReadableStream;
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
  if (input.truncated) io.stderr.write(`cognito-flow: warning: ${input.name}: ${truncationNote(input.truncated)}\n`);
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
    stdout.write(JSON.stringify(toReport(analysis), null, 2) + '\n');
  } else {
    const color = stdout.isTTY === true && !parsed.flags.has('--no-color') && !process.env.NO_COLOR;
    stdout.write(formatText(analysis, color ? COLOR : PLAIN) + '\n');
  }
  return analysis.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

async function redactCommand(parsed: Parsed, io: IO): Promise<number> {
  const { stdout, stderr } = io;
  const input = await readHarFile(parsed.file!, io.stdin);
  warnIfTruncated(input, io);
  const redacted = redactHar(input.har, parsed.flags.has('--strict') ? PROFILES.strict : PROFILES.share);
  const text = JSON.stringify(redacted, null, 2) + '\n';
  const out = parsed.flags.get('--out');
  if (typeof out === 'string' && out !== '') {
    await writeFile(out, text);
    stderr.write(`wrote ${out}\n`);
  } else {
    stdout.write(text);
  }
  return 0;
}

export async function main(args: readonly string[], io: IO): Promise<number> {
  const parsed = parseArgs(args);
  if (parsed.flags.has('--help') || parsed.command === 'help') {
    io.stdout.write(USAGE + '\n');
    return 0;
  }
  if ((parsed.command !== 'analyze' && parsed.command !== 'redact') || !parsed.file) {
    io.stderr.write(`cognito-flow: ${parsed.command && parsed.command !== 'analyze' && parsed.command !== 'redact' ? `unknown command "${parsed.command}"` : 'missing <file.har>'}\n${USAGE}\n`);
    return 2;
  }
  try {
    return parsed.command === 'analyze' ? await analyzeCommand(parsed, io) : await redactCommand(parsed, io);
  } catch (error) {
    if (error instanceof UnusableInput || error instanceof HarFormatError) {
      io.stderr.write(`cognito-flow: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
