/** The Electron executable's absolute path, or null when it is not installed. */
export function electronBinary(): string | null;
