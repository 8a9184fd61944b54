/**
 * A minimal Marionette client (Firefox's own remote protocol, what geckodriver speaks), written
 * here so the Firefox demo and e2e tests need no WebDriver package. Wire format: every message is
 * `<byte length>:<JSON>`; the server greets first, then answers `[0, id, name, params]` with
 * `[1, id, error, result]`.
 *
 *   const session = await Marionette.connect(port);
 *   await session.setContext('chrome');
 *   const title = await session.execute<string>('return document.title');
 */
import { connect as connectSocket, type Socket } from 'node:net';

export type MarionetteContext = 'chrome' | 'content';

/** Every command gets an answer within this time, or fails saying which command hung. */
const COMMAND_TIMEOUT_MS = 30_000;

interface Pending {
  name: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export class MarionetteError extends Error {
  constructor(command: string, detail: { error?: string; message?: string; stacktrace?: string }) {
    super(`Marionette ${command}: ${detail.error ?? 'error'}: ${detail.message ?? ''}${detail.stacktrace ? `\n${detail.stacktrace}` : ''}`);
  }
}

export class Marionette {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private greeting: ((value: unknown) => void) | null = null;
  private closed: Error | null = null;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('Marionette connection closed (did Firefox exit?)')));
  }

  /**
   * Connects, waits for the greeting and starts a WebDriver session. `acceptInsecureCerts` is the
   * WebDriver capability: while the session lasts, Firefox accepts any certificate, for every
   * request of every tab (the demo's managed-login double has a throwaway self-signed one).
   */
  static async connect(port: number, options: { host?: string; acceptInsecureCerts?: boolean } = {}): Promise<Marionette> {
    const host = options.host ?? '127.0.0.1';
    const socket = connectSocket(port, host);
    const client = new Marionette(socket);
    await new Promise<void>((resolve, reject) => {
      const fail = (error: Error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(error);
      };
      const timer = setTimeout(() => fail(new Error(`no Marionette greeting on ${host}:${port} within 10 s`)), 10_000);
      client.greeting = () => {
        clearTimeout(timer);
        resolve();
      };
      socket.once('error', fail);
    });
    // Accessibility checks would fail clicks on elements the checks dislike; they are not our subject.
    // Marionette takes the capabilities flat, as geckodriver hands them over once it has matched
    // them (not W3C's { capabilities: { alwaysMatch } }, which it ignores).
    await client.command('WebDriver:NewSession', { 'moz:accessibilityChecks': false, acceptInsecureCerts: options.acceptInsecureCerts ?? false });
    return client;
  }

  command<T = unknown>(name: string, params: Record<string, unknown> = {}, timeoutMs = COMMAND_TIMEOUT_MS): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`Marionette ${name}: ${this.closed.message}`));
    const id = this.nextId++;
    const json = JSON.stringify([0, id, name, params]);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`Marionette ${name}: no answer within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.pending.set(id, { name, resolve: resolve as (value: unknown) => void, reject, timer });
      this.socket.write(`${Buffer.byteLength(json)}:${json}`);
    });
  }

  setContext(context: MarionetteContext): Promise<unknown> {
    return this.command('Marionette:SetContext', { value: context });
  }

  /** Runs `script` (a function body; `arguments` are `args`) in the current context and returns its value. */
  async execute<T>(script: string, args: unknown[] = [], timeoutMs = 10_000): Promise<T> {
    const answer = await this.command<{ value: T }>('WebDriver:ExecuteScript', { script, args, scriptTimeout: timeoutMs }, timeoutMs + 5_000);
    return answer.value;
  }

  /** Like execute, but the script finishes by calling its last argument with the result. */
  async executeAsync<T>(script: string, args: unknown[] = [], timeoutMs = 20_000): Promise<T> {
    const answer = await this.command<{ value: T }>('WebDriver:ExecuteAsyncScript', { script, args, scriptTimeout: timeoutMs }, timeoutMs + 5_000);
    return answer.value;
  }

  /** Ends the session and the connection; never throws (Firefox may already be gone). */
  async close(): Promise<void> {
    if (!this.closed) await this.command('WebDriver:DeleteSession', {}, 5_000).catch(() => undefined);
    this.socket.destroy();
    this.fail(new Error('Marionette connection closed'));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const colon = this.buffer.indexOf(':');
      if (colon < 0) return;
      const length = Number(this.buffer.subarray(0, colon).toString('ascii'));
      if (this.buffer.length < colon + 1 + length) return;
      const message: unknown = JSON.parse(this.buffer.subarray(colon + 1, colon + 1 + length).toString('utf8'));
      this.buffer = this.buffer.subarray(colon + 1 + length);
      this.dispatch(message);
    }
  }

  private dispatch(message: unknown): void {
    if (!Array.isArray(message)) {
      // The greeting ({ applicationType, marionetteProtocol }) is the only message that is not an array.
      this.greeting?.(message);
      this.greeting = null;
      return;
    }
    const [, id, error, result] = message as [number, number, { error?: string; message?: string; stacktrace?: string } | null, unknown];
    const waiter = this.pending.get(id);
    if (!waiter) return;
    this.pending.delete(id);
    clearTimeout(waiter.timer);
    if (error) waiter.reject(new MarionetteError(waiter.name, error));
    else waiter.resolve(result);
  }

  private fail(error: Error): void {
    this.closed ??= error;
    for (const [id, waiter] of this.pending) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error(`Marionette ${waiter.name}: ${error.message}`));
      this.pending.delete(id);
    }
  }
}
