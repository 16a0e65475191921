// Types for win-spawn.mjs (imported by test/unit/crossplatform/win-spawn.test.ts).
export declare function quoteForCmd(arg: string): string;
export declare function spawnPlan(cmd: string, args: string[], platform?: NodeJS.Platform, nodePath?: string): { file: string; args: string[]; shell: boolean };
