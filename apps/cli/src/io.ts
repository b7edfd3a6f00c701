import { hostname } from 'node:os';
import { createInterface } from 'node:readline';

/** Everything the CLI touches outside itself, injected so tests run it in-process. */
export type Io = {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  /** Asks a question on the terminal; absent when there is no terminal to ask on. */
  prompt?: (question: string, opts?: { secret?: boolean }) => Promise<string>;
  hostname: string;
  fetch?: typeof fetch;
};

/** The real terminal. */
export function processIo(): Io {
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    env: process.env,
    hostname: hostname(),
    prompt: process.stdin.isTTY ? ttyPrompt : undefined,
  };
}

function ttyPrompt(question: string, opts: { secret?: boolean } = {}): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  if (opts.secret) {
    // Echo nothing while a password is typed: readline writes through this hook.
    const w = rl as unknown as { _writeToOutput: (s: string) => void };
    w._writeToOutput = (s: string) => {
      if (s.startsWith(question)) process.stdout.write(question);
    };
  }
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      if (opts.secret) process.stdout.write('\n');
      resolve(answer);
    });
  });
}
