// Types for code-server-paths.mjs (plain Node ESM so the installer runs without a build step;
// the TypeScript launchers in test/vscode and test/e2e import it through this declaration).
export declare const CODE_SERVER_VERSION: string;
export declare const REPO_ROOT: string;
export declare function codeServerInstallDir(): string;
export declare function codeServerPackageDir(): string;
export declare function codeServerEntry(): string;
export declare function installMarkerFile(): string;
export declare function installedCodeServerVersion(): string | undefined;
export declare function chromiumExecutable(): string;
export declare function requireCodeServer(): string;
