/** What a command writes to, so that tests capture it and the binary prints it; and the errors that end a command. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Exit codes (the brief's contract with scripts): 0 done, 1 internal error, 2 bad input. */
export const EXIT = { ok: 0, internal: 1, badInput: 2 } as const;

/** Bad input from the user: the message (French) is printed and the command exits with 2. Nothing is written. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}

/** "3,1 s", the way a French user reads a duration. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1).replace(".", ",")} s`;
}

/** Runs one step of a long command, printing "Lecture du classeur… 3,1 s" on stderr. */
export async function step<T>(io: CliIo, label: string, work: () => Promise<T>): Promise<T> {
  io.stderr(`${label}… `);
  const start = performance.now();
  try {
    return await work();
  } finally {
    io.stderr(`${seconds(performance.now() - start)}\n`);
  }
}

/** French thousands: 5 180 → "5 180". */
export function integer(n: number): string {
  return n.toLocaleString("fr-FR").replace(/\u202f|\u00a0/g, " ");
}
