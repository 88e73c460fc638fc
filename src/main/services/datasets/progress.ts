/** How loaders report progress: a fraction 0–1 and a short line for the status bar. */
export type ProgressFn = (fraction: number, message: string) => void;

export const noProgress: ProgressFn = () => {};
